"""``partnertui serve``: the workbook in a web browser, on this computer only.

Registered with :func:`partnertui.cli.command` like every other command, and kept
apart so ``cli.py`` stays one page of commands. As there, only the standard library
is imported at the top; textual-serve (the ``serve`` extra) is imported when the
command runs.
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import TYPE_CHECKING

from partnertui import cli
from partnertui.cli import PROG, arg, command

if TYPE_CHECKING:
    import argparse


@command(
    "serve",
    "open the workbook in a web browser, on this computer only",
    arg("path", metavar="PATH", type=Path, help="the project file to open"),
    arg("--port", type=int, default=8000, help="the port to listen on (default: 8000)"),
    arg(
        "--host",
        default="127.0.0.1",
        help="the address to listen on (default: 127.0.0.1, this computer only)",
    ),
    arg("--config", metavar="FILE", type=Path, help=cli.CONFIG_HELP),
    description=(
        "Serve the workbook to a web browser at http://HOST:PORT; each browser tab runs "
        "its own workbook on PATH. Anyone who can reach the port can read and change the "
        "file as you, so it listens on this computer only unless --host says otherwise. "
        "To use it from elsewhere, forward the port over SSH "
        "(ssh -L 8000:127.0.0.1:8000 HOST) rather than opening it to the network. "
        "Needs the serve extra: pip install 'partnertui[serve]'."
    ),
)
def _serve(args: argparse.Namespace) -> int:
    import signal

    try:
        from partnertui.serve import WorkbookServer, workbook_command
    except ImportError as error:
        if not (error.name or "").startswith(("textual_serve", "aiohttp")):
            raise
        print(
            f"{PROG} serve needs textual-serve, which is not installed: "
            "pip install 'partnertui[serve]'",
            file=sys.stderr,
        )
        return 2
    if not 0 < args.port < 65536:
        return cli.usage_error("serve", f"--port {args.port} is not a port (1 to 65535)")
    if args.host not in ("127.0.0.1", "localhost", "::1"):
        cli.say(
            f"{PROG} serve: warning: listening on {args.host}, so anyone who can reach port "
            f"{args.port} there can read and change {cli.shown(args.path)} as you. Prefer the "
            "default and SSH port forwarding."
        )
    words = [sys.executable, "-m", "partnertui"]
    if args.config is not None:
        words += ["--config", str(args.config.absolute())]
    words.append(str(args.path.absolute()))
    server = WorkbookServer(
        workbook_command(words), host=args.host, port=args.port, title=args.path.name
    )
    print(
        cli.printable(f"Serving {args.path} at {server.public_url} — press ctrl+c to stop"),
        flush=True,
    )
    try:
        server.serve()
    except OSError as error:
        cli.say(f"{PROG} serve: cannot listen on {args.host}:{args.port}: {error}")
        return 2
    print(_stopped(args.path, server.workbooks_ended, server.workbooks_killed), flush=True)
    # ctrl+c ends serve with 130, as it ends every command; SIGTERM is a stop asked for.
    return 130 if server.stopped_by == signal.SIGINT else 0


def _stopped(path: Path, ended: int, killed: int) -> str:
    """What ``serve`` says when it has stopped, about the tabs it closed."""
    said = f"Stopped serving {path}."
    if ended:
        tabs = cli.count([None] * ended, "browser tab")
        said += (
            f" Closed the workbook in {tabs}; any unsaved edits are kept, and offered "
            f"the next time {path.name} is opened."
        )
    if killed:
        said += (
            f" {cli.count([None] * killed, 'workbook')} did not close in time and "
            f"{'was' if killed == 1 else 'were'} stopped; edits made in its last few "
            "seconds may be lost."
        )
    return said
