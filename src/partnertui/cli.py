"""The ``partnertui`` command: the workbook, and the file commands for editors and CI.

``partnertui [PATH]`` opens the workbook; ``partnertui COMMAND ...`` runs one of the
commands registered below. The file commands must start fast and run where no
terminal UI is wanted (CI, pre-commit), so this module imports only the standard
library at the top; storage, the model and the app are imported by the commands
that need them.

Adding a command is one function decorated with :func:`command`.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any, NamedTuple, NoReturn

from partnertui import __version__

if TYPE_CHECKING:
    import argparse

PROG = "partnertui"

Run = Callable[["argparse.Namespace"], int]


class Command(NamedTuple):
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


CONFIG_HELP = (
    "read the theme and your own keys from FILE instead of the usual settings file "
    "(also: the PARTNERTUI_CONFIG environment variable)"
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
        return usage_error("new", "the project needs a name (--name cannot be blank)")
    try:
        storage.save(project, args.path, create=True)
    except storage.SaveError as error:
        say(f"{PROG} new: {_continued(str(error), args.path)}")
        return 1
    print(f"created {shown(args.path)}")
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
            print_problems(error)
            status = 2
        except storage.ProjectFileError as error:
            print_problems(error)
            say(count(error.problems, "problem") + f" in {shown(path)}")
            status = max(status, 1)
        else:
            if args.verbose:
                print(f"{shown(path)}: ok")
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
            print_problems(error)
            status = 2
            continue
        except storage.ProjectFileError as error:
            print_problems(error)
            say(f"{shown(path)} was not formatted: fix its problems first")
            status = max(status, 1)
            continue
        canonical = storage.dumps(project).encode("utf-8")
        if hashlib.sha256(canonical).hexdigest() == loaded.sha256:
            if args.verbose:
                print(f"{shown(path)}: already canonical")
        elif args.check:
            print(f"would reformat {shown(path)}")
            status = max(status, 1)
        else:
            try:
                storage.save(project, path, expected=loaded, give_action_ids=False)
            except storage.SaveError as error:
                say(f"{PROG} fmt: {_continued(str(error), path)}")
                status = max(status, 1)
            else:
                print(f"reformatted {shown(path)}")
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


def _day(text: str) -> Any:
    import argparse
    import datetime as dt

    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a date like 2026-11-24") from None


@command(
    "report",
    "write a report on the partnership, in Markdown or HTML",
    arg("path", metavar="PATH", type=Path, help="the project file"),
    arg(
        "--format",
        choices=("markdown", "html"),
        help="markdown (the default) or html; with -o, told from the file's ending",
    ),
    arg("-o", "--output", metavar="FILE", type=Path, help="write to FILE instead of the screen"),
    arg(
        "--today",
        metavar="YYYY-MM-DD",
        type=_day,
        help='the day the report is made on, for "overdue" (default: today); '
        "fix it to make reports that can be compared byte for byte",
    ),
    description=(
        "Write a report a funder or a partners' meeting can read: the project, partners "
        "by role with what they give, the questions for choosing partners, skills still "
        "missing, the latest assessment round, and open actions. HTML is one printable "
        "file that needs nothing else. Exit status: 0 written, 1 the project file has "
        "problems (printed as FILE:LINE:COLUMN: message), 2 a file could not be read or "
        "written, or the command was mistyped."
    ),
)
def _report(args: argparse.Namespace) -> int:
    import datetime as dt

    from partnertui import report, storage

    format = args.format
    if format is None and args.output is not None:
        format = report.format_for(args.output)
        if format is None:
            return usage_error(
                "report",
                f"cannot tell the format from the name {shown(args.output)}; end it in .html or "
                ".md, or add --format html or --format markdown",
            )
    if args.output is not None and storage.same_file(args.output, args.path):
        return usage_error(
            "report", f"{shown(args.output)} is the project file; give another name with -o"
        )
    try:
        project = storage.load(args.path)
    except storage.UnreadableFile as error:
        print_problems(error)
        return 2
    except storage.ProjectFileError as error:
        print_problems(error)
        say(f"{shown(args.path)} has problems; fix them to make a report")
        return 1
    text = report.render(project, args.today or dt.date.today(), format or "markdown")
    if args.output is None:
        sys.stdout.write(text)
        return 0
    try:
        report.write(text, args.output)
    except report.ReportWriteError as error:
        say(f"{PROG} report: {error}")
        return 2
    print(f"wrote {shown(args.output)}")
    return 0


@command(
    "history",
    "show how the partnership changed, from the file's versions in git",
    arg("path", metavar="PATH", type=Path, help="the project file, kept in a git repository"),
    arg("--limit", metavar="N", type=int, help="show only the N newest versions"),
    description=(
        "Show the project file's versions in git, newest first, with who committed "
        "each and what changed in the partnership: partners added, removed, re-roled or "
        "with a new status, new assessment rounds and their means, actions added and "
        "completed; then each ingredient's trend. Each version is compared with the one it "
        "was made from; a merge says what it merged. A version that cannot be read is "
        "shown as such and skipped in comparisons. Exit status: 0 history shown, 1 no history "
        "to show (the file is not in git, was never committed, or git is not installed; "
        "a message says which), 2 the command was mistyped."
    ),
)
def _history(args: argparse.Namespace) -> int:
    from partnertui import history, history_text

    if args.limit is not None and args.limit < 1:
        return usage_error("history", "--limit needs a number of versions, 1 or more")
    try:
        found = history.read(args.path, limit=args.limit)
    except history.HistoryUnavailable as error:
        say(f"{PROG} history: {error}")
        return 1
    sys.stdout.write(history_text.as_text(found))
    return 0


_COMMAND_MODULES = (
    "partnertui.serve_command",
    "partnertui.answer_commands",
    "partnertui.git_commands",
    "partnertui.spreadsheets.cli",
)
"""Where the other commands live, in the order ``--help`` lists them: the workbook in
a browser (serve), answers (survey, import), git's merges (merge, git-setup, resolve)
and spreadsheets (import-partners, export)."""


def _register_every_command() -> None:
    """Add the commands of :data:`_COMMAND_MODULES` to :data:`COMMANDS`. Opening a
    project file needs none of them, and comes up sooner without their modules."""
    import importlib

    for module in _COMMAND_MODULES:
        importlib.import_module(module)


# -- the workbook -----------------------------------------------------------------


def _workbook(path: Path | None, config_path: Path | None = None) -> int:
    if path is not None and not os.path.exists(path):
        from partnertui.storage.session import OpenFile

        # Said before anything starts, rather than after asking for a project's name.
        if why := OpenFile.cannot_create(path):
            return usage_error("", why)
    if not _has_a_terminal():
        print(
            f"{PROG}: the workbook needs a terminal, and this is not one (its input or "
            f'output goes to a file, a pipe or a script). "{PROG} check PATH", '
            f'"{PROG} fmt PATH" and "{PROG} report PATH" work without one.',
            file=sys.stderr,
        )
        return 2
    if path is not None:
        # A large project is parsed on another processor while the workbook starts.
        from partnertui.storage import MAX_FILE_BYTES, read_ahead

        read_ahead.start(path, MAX_FILE_BYTES)
    if config_path is not None:
        # The same as setting the variable: the workbook, and anything it starts, use it.
        os.environ["PARTNERTUI_CONFIG"] = str(config_path.absolute())
    # Importing Textual and pydantic and drawing the first screen make some 60,000
    # objects that all live on; Python's cycle collector, woken again and again as
    # they pile up, looked through all of them each time (about a tenth of the time
    # to the first screen). It sleeps until the first screen is up; the app wakes it.
    import gc

    gc.disable()
    try:
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
                say(f"{PROG}: the workbook cannot start: {error}")
            return 2
        return run(path)
    finally:
        gc.enable()


# -- parsing the command line -----------------------------------------------------


def _parser_class() -> type[argparse.ArgumentParser]:
    """argparse, with its errors made safe to print: they echo what was typed
    ("unrecognized arguments: …"), and a typed name may hold an escape sequence."""
    import argparse

    class Parser(argparse.ArgumentParser):
        def error(self, message: str) -> NoReturn:
            self.print_usage(sys.stderr)
            self.exit(2, f"{self.prog}: error: {printable(message)}\n")

    return Parser


def _commands_parser() -> argparse.ArgumentParser:
    parser = _parser_class()(prog=PROG, description=_DESCRIPTION)
    _add_common_options(parser)
    subparsers = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")
    for cmd in COMMANDS.values():
        sub = subparsers.add_parser(cmd.name, help=cmd.help, description=cmd.description)
        for flags, options in cmd.arguments:
            sub.add_argument(*flags, **options)
        sub.set_defaults(run=cmd.run)
    return parser


def _workbook_parser() -> argparse.ArgumentParser:
    import argparse

    width = max(map(len, COMMANDS)) + 2
    listing = "\n".join(f"  {cmd.name:<{width}}{cmd.help}" for cmd in COMMANDS.values())
    parser = _parser_class()(
        prog=PROG,
        usage=f"{PROG} [-h] [--version] [--config FILE] [PATH]\n       {PROG} COMMAND [-h] ...",
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
    parser.add_argument("--config", metavar="FILE", type=Path, help=CONFIG_HELP)
    return parser


_DESCRIPTION = """\
A keyboard-driven workbook for planning the partnerships of a community crime
prevention project. Each project is one TOML file, made to live in git."""


def usage_error(name: str, message: str) -> int:
    """Say what was wrong with command ``name``'s arguments; the exit status for it.

    This and the helpers below are shared by every command's module, so each says
    things the same way."""
    say(f"{PROG} {name}: {message}" if name else f"{PROG}: {message}")
    return 2


def printable(text: str) -> str:
    """``text`` with control characters written as escapes, safe to print."""
    from partnertui.storage.errors import printable as escaped

    return escaped(text)


def shown(path: Any) -> str:
    """A file name as a message shows it: a name holding an escape sequence must not
    retitle the terminal, nor one holding a line break split a line in two."""
    return printable(str(path))


def _continued(message: str, path: Any) -> str:
    """A sentence storage wrote on its own, to follow "partnertui CMD: ": "The folder …"
    goes on as "the folder …"; one that opens with the file's name keeps it as it is."""
    if message.startswith(shown(path)):
        return message
    return message[:1].lower() + message[1:]


def say(message: Any) -> None:
    """Print a message on standard error, each of its lines made safe to print: it may
    quote a file name or an error from the system, and neither is ours to trust."""
    text = "\n".join(printable(line) for line in str(message).split("\n"))
    print(text, file=sys.stderr)


def print_problems(error: Any) -> None:
    """Each located problem of a file that could not be read, one a line."""
    for problem in error.problems:
        print(problem)


def count(items: list[Any], noun: str) -> str:
    """ "1 problem", "3 problems"."""
    return f"{len(items)} {noun}" + ("" if len(items) == 1 else "s")


def _has_a_terminal() -> bool:
    """Whether the workbook can draw here: a terminal on both ends, or a browser tab
    (``partnertui serve`` runs each tab's workbook with Textual's web driver)."""
    if os.environ.get("TEXTUAL_DRIVER"):
        return True
    try:
        return sys.stdin.isatty() and sys.stdout.isatty()
    except (AttributeError, ValueError):  # closed or replaced streams
        return False


def _not_a_project_file(word: str) -> str:
    """Why ``word``, a first argument, is neither a command nor a project file to open;
    empty when it may be a file (one that exists, or a new ``.toml`` to offer to make)."""
    path = Path(word)
    if word.startswith("-") or word in COMMANDS or path.suffix == ".toml" or path.exists():
        return ""
    if path.name != word:  # written as a path (./check, plans/new): taken as one
        return ""
    import difflib

    typed = printable(word)
    match = difflib.get_close_matches(word, list(COMMANDS), n=1)
    if match:
        return f'there is no command "{typed}"; did you mean "{match[0]}"?'
    return (
        f'there is no command or project file "{typed}"; to start a new project, give a '
        f'file name ending in .toml (such as {printable(path.name)}.toml); "{PROG} --help" '
        "lists the commands"
    )


def _plainly_a_path(word: str) -> bool:
    return not word.startswith("-") and word not in COMMANDS and not _not_a_project_file(word)


def main(argv: list[str] | None = None) -> int:
    """Run the command line; returns the exit status."""
    from partnertui import plugins_off

    plugins_off.install()  # before any command builds a model
    words = sys.argv[1:] if argv is None else list(argv)
    try:
        return _dispatch(words)
    except SystemExit as stop:  # argparse's --help, --version and usage errors
        if stop.code is None or isinstance(stop.code, int):
            return stop.code or 0
        say(stop.code)
        return 1
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:
        # The reader went away (`| head`): stop quietly, and keep Python's exit quiet too.
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 1


def _dispatch(words: list[str]) -> int:
    # The usual start, a project file's name (no command's name ends in .toml), opens
    # the workbook without building a parser or registering the other commands.
    if len(words) == 1 and not words[0].startswith("-") and Path(words[0]).suffix == ".toml":
        return _workbook(Path(words[0]))
    _register_every_command()
    if len(words) == 1 and _plainly_a_path(words[0]):
        return _workbook(Path(words[0]))
    if words and words[0] in COMMANDS:
        args = _commands_parser().parse_args(words)
        return args.run(args)
    if words and (why := _not_a_project_file(words[0])):
        return usage_error("", why)
    args = _workbook_parser().parse_args(words)
    return _workbook(args.path, args.config)
