"""The ``partnertui`` command: the workbook, and the file commands for editors and CI.

``partnertui [PATH]`` opens the workbook; ``partnertui COMMAND ...`` runs one of the
commands registered below. The file commands must start fast and run where no
terminal UI is wanted (CI, pre-commit), so this module imports only the standard
library at the top; storage, the model and the app are imported by the commands
that need them.

Adding a command is one function decorated with :func:`command`.
"""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from partnertui import __version__

PROG = "partnertui"

Run = Callable[[argparse.Namespace], int]


@dataclass(frozen=True)
class Command:
    name: str
    help: str
    description: str
    arguments: tuple[tuple[tuple[str, ...], dict[str, Any]], ...]
    run: Run


COMMANDS: dict[str, Command] = {}
"""Every subcommand, in the order ``--help`` lists them."""


def arg(*flags: str, **options: Any) -> tuple[tuple[str, ...], dict[str, Any]]:
    """One ``add_argument`` call, written where the command is."""
    return flags, options


def command(
    name: str, help: str, *arguments: tuple[tuple[str, ...], dict[str, Any]], description: str = ""
) -> Callable[[Run], Run]:
    """Register the decorated function as ``partnertui NAME``; it returns the exit code."""

    def register(run: Run) -> Run:
        COMMANDS[name] = Command(name, help, description or help, arguments, run)
        return run

    return register


def _add_common_options(parser: argparse.ArgumentParser) -> None:
    """Options every form of the command accepts."""
    parser.add_argument(
        "--version", action="version", version=f"{PROG} {__version__}", help="show the version"
    )


# -- the commands -----------------------------------------------------------------


@command(
    "new",
    "create a new project file",
    arg("path", metavar="PATH", type=Path, help="the file to create, e.g. plans/riverside.toml"),
    arg("--name", required=True, help="the project's name"),
    arg("--lead", default="", metavar="ORG", help="the organization leading the project"),
    description="Create a new project file. An existing file is never overwritten.",
)
def _new(args: argparse.Namespace) -> int:
    from pydantic import ValidationError

    from partnertui import model, storage

    try:
        project = model.new_project(args.name, args.lead)
    except ValidationError:
        return _usage_error("new", "the project needs a name (--name cannot be blank)")
    try:
        storage.save(project, args.path, create=True)
    except storage.SaveError as error:
        print(f"{PROG} new: {error}", file=sys.stderr)
        return 1
    print(f"created {args.path}")
    return 0


@command(
    "check",
    "check project files and list every problem",
    arg("paths", metavar="PATH", nargs="+", type=Path, help="project files to check"),
    arg("-v", "--verbose", action="store_true", help='also print "FILE: ok" for good files'),
    description=(
        "Check project files. Every problem is printed as FILE:LINE:COLUMN: message, "
        "so editors and CI can jump to it. Exit status: 0 all good, 1 a file has "
        "problems, 2 a file could not be read or the command was mistyped."
    ),
)
def _check(args: argparse.Namespace) -> int:
    from partnertui import storage

    status = 0
    for path in args.paths:
        try:
            storage.load(path)
        except storage.UnreadableFile as error:
            _print_problems(error)
            status = 2
        except storage.ProjectFileError as error:
            _print_problems(error)
            print(_count(error.problems, "problem") + f" in {path}", file=sys.stderr)
            status = max(status, 1)
        else:
            if args.verbose:
                print(f"{path}: ok")
    return status


@command(
    "fmt",
    "rewrite project files in the canonical layout",
    arg("paths", metavar="PATH", nargs="+", type=Path, help="project files to format"),
    arg(
        "--check",
        action="store_true",
        help="change nothing; exit 1 if a file would be reformatted (for CI)",
    ),
    arg("-v", "--verbose", action="store_true", help="also name files already canonical"),
    description=(
        "Rewrite project files in the one canonical layout partnertui saves, so that "
        "hand edits diff cleanly. A file with problems is never rewritten."
    ),
)
def _fmt(args: argparse.Namespace) -> int:
    import hashlib

    from partnertui import storage

    status = 0
    for path in args.paths:
        try:
            project, loaded = storage.read(path)
        except storage.UnreadableFile as error:
            _print_problems(error)
            status = 2
            continue
        except storage.ProjectFileError as error:
            _print_problems(error)
            print(f"{path} was not formatted: fix its problems first", file=sys.stderr)
            status = max(status, 1)
            continue
        canonical = storage.dumps(project).encode("utf-8")
        if hashlib.sha256(canonical).hexdigest() == loaded.sha256:
            if args.verbose:
                print(f"{path}: already canonical")
        elif args.check:
            print(f"would reformat {path}")
            status = max(status, 1)
        else:
            try:
                storage.save(project, path, expected=loaded)
            except storage.SaveError as error:
                print(f"{PROG} fmt: {error}", file=sys.stderr)
                status = max(status, 1)
            else:
                print(f"reformatted {path}")
    return status


@command(
    "schema",
    "print the JSON Schema of project files",
    description=(
        "Print the JSON Schema of project files, for editors and check-jsonschema. "
        "Dates are TOML dates; tools that turn TOML into JSON write them as text."
    ),
)
def _schema(args: argparse.Namespace) -> int:
    import json

    from partnertui.model import SCHEMA_VERSION, Project

    schema = Project.model_json_schema()
    schema["properties"]["schema_version"]["const"] = SCHEMA_VERSION
    document = {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        **schema,
        "title": "partnertui project file",
        "description": "One community crime prevention project, as partnertui saves it.",
    }
    print(json.dumps(document, indent=2, ensure_ascii=False))
    return 0


# -- the workbook -----------------------------------------------------------------


def _workbook(path: Path | None) -> int:
    try:
        from partnertui.tui.app import run
    except ImportError as error:
        if error.name in ("partnertui.tui", "partnertui.tui.app"):
            print(
                f"{PROG}: the workbook is not part of this version yet; "
                f'"{PROG} check PATH" and "{PROG} fmt PATH" work',
                file=sys.stderr,
            )
        else:
            print(f"{PROG}: the workbook cannot start: {error}", file=sys.stderr)
        return 2
    return run(path)


# -- parsing the command line -----------------------------------------------------


def _commands_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog=PROG, description=_DESCRIPTION)
    _add_common_options(parser)
    subparsers = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")
    for cmd in COMMANDS.values():
        sub = subparsers.add_parser(cmd.name, help=cmd.help, description=cmd.description)
        for flags, options in cmd.arguments:
            sub.add_argument(*flags, **options)
        sub.set_defaults(run=cmd.run)
    return parser


def _workbook_parser() -> argparse.ArgumentParser:
    listing = "\n".join(f"  {cmd.name:<10}{cmd.help}" for cmd in COMMANDS.values())
    parser = argparse.ArgumentParser(
        prog=PROG,
        usage=f"{PROG} [-h] [--version] [PATH]\n       {PROG} COMMAND [-h] ...",
        description=_DESCRIPTION,
        epilog=f'commands:\n{listing}\n\nRun "{PROG} COMMAND --help" for what each one takes.',
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    _add_common_options(parser)
    parser.add_argument(
        "path",
        metavar="PATH",
        nargs="?",
        type=Path,
        help="the project file to open in the workbook (to open a file named like a "
        "command, write ./NAME)",
    )
    return parser


_DESCRIPTION = """\
A keyboard-driven workbook for planning the partnerships of a community crime
prevention project. Each project is one TOML file, made to live in git."""


def _usage_error(name: str, message: str) -> int:
    print(f"{PROG} {name}: {message}", file=sys.stderr)
    return 2


def _print_problems(error: Any) -> None:
    for problem in error.problems:
        print(problem)


def _count(items: list[Any], noun: str) -> str:
    return f"{len(items)} {noun}" + ("" if len(items) == 1 else "s")


def _mistyped_command(word: str) -> str | None:
    """The command ``word`` was probably meant to be, if it cannot be a file's path."""
    path = Path(word)
    if path.suffix or path.name != word or path.exists():
        return None
    import difflib

    match = difflib.get_close_matches(word, list(COMMANDS), n=1)
    return match[0] if match else None


def main(argv: list[str] | None = None) -> int:
    """Run the command line; returns the exit status."""
    words = sys.argv[1:] if argv is None else list(argv)
    try:
        return _dispatch(words)
    except SystemExit as stop:  # argparse's --help, --version and usage errors
        if stop.code is None or isinstance(stop.code, int):
            return stop.code or 0
        print(stop.code, file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:
        # The reader went away (`| head`): stop quietly, and keep Python's exit quiet too.
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 1


def _dispatch(words: list[str]) -> int:
    if words and words[0] in COMMANDS:
        args = _commands_parser().parse_args(words)
        return args.run(args)
    parser = _workbook_parser()
    if words and not words[0].startswith("-"):
        meant = _mistyped_command(words[0])
        if meant:
            parser.error(f'there is no command "{words[0]}"; did you mean "{meant}"?')
    return _workbook(parser.parse_args(words).path)
