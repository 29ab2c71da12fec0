"""``partnertui import``: partners' answers from response files and CSV exports.

The command reads every file it is given, says in one message everything it could
not understand (with the mapping lines that would fix it), prints what will change,
and only then writes, once, through storage. Reading, matching and planning live
in :mod:`partnertui.survey`; this module only talks to the person: what to print,
the one question it may ask on a terminal, and the exit status (0 imported or
shown, 1 input refused, 2 the command mistyped or a file missing).
"""

from __future__ import annotations

import argparse
import datetime as dt
import sys
from pathlib import Path

from partnertui.storage.problems import printable

PROG = "partnertui import"


class Usage(Exception):
    """The command was mistyped or a file is missing: exit status 2."""


class Refused(Exception):
    """The input cannot be imported: exit status 1."""


def run(args: argparse.Namespace) -> int:
    """The ``import`` command; its exit status."""
    try:
        return _run(args)
    except Usage as error:
        print(f"{PROG}: {error}", file=sys.stderr)
        return 2
    except Refused as error:
        print(f"{PROG}: {error}", file=sys.stderr)
        return 1


def _run(args: argparse.Namespace) -> int:
    from partnertui import storage
    from partnertui.survey import importing, inbox, response_file

    path: Path = args.path
    files: list[Path] = args.files
    for file in [path, *files, *([args.map] if args.map else [])]:
        if not file.is_file():
            what = "a folder, not a file" if file.is_dir() else "there is no such file"
            raise Usage(f"{printable(str(file))}: {what}")
    if args.round is not None and not args.round.strip():
        raise Usage("--round needs a round's name")
    if any(storage.same_file(file, path) for file in files):
        raise Usage(f"{printable(str(path))} is the project file; give it once, first")
    try:
        project, fingerprint = storage.read(path)
    except storage.UnreadableFile as error:
        raise Usage("\n".join(str(p) for p in error.problems)) from None
    except storage.ProjectFileError as error:
        problems = "\n".join(str(p) for p in error.problems)
        raise Refused(f"{problems}\n{printable(str(path))} has problems; fix them first") from None
    try:
        if not args.dry_run:
            importing.refuse_if_open(path)
        tables = [file for file in files if not response_file.is_response_file(file)]
        round_name = args.round.strip() if args.round else None
        if tables and round_name is None:
            round_name = _ask_round(project, tables)
        if round_name is not None and project.round_named(round_name) not in (None, round_name):
            known = project.round_named(round_name)
            print(
                f'The project calls the round "{printable(round_name)}" "{printable(known)}": '
                "the answers go into it.\n"
            )
            round_name = known
        # An anonymous round's rows are read as such: they need not name a partner.
        read = inbox.read(files, project, args.map, dt.date.today(), round_name, args.dates or "")
        plan = importing.make_plan(
            path,
            project,
            read.responses,
            read.rows,
            round_name=round_name,
            replace=args.replace,
            today=dt.date.today(),
        )
        print(importing.describe(plan))
        for line in read.said():
            print(line)
        if args.dry_run:
            print("\n--dry-run: nothing was written.")
            return 0
        if not plan.changes:
            print(f"\nNothing new to import; {printable(str(path))} was left as it was.")
            return 0
        importing.apply(plan, project, fingerprint)
    except importing.ImportRefused as error:
        raise Refused(str(error)) from None
    count = len(plan.changes)
    print(f"\nImported {count} response{'' if count == 1 else 's'} into {printable(str(path))}.")
    return 0


def _ask_round(project, tables: list[Path]) -> str:
    """The round CSV rows go into, when ``--round`` does not say: the project's one
    round, if the person at the terminal says so; otherwise refused with the choices."""
    from partnertui.survey.importing import round_names

    names = round_names(project)
    shown = ", ".join(f'"{printable(n)}"' for n in names)
    what = " and ".join(printable(str(t)) for t in tables)
    if len(names) == 1 and _terminal():
        try:
            answer = input(f'Import into round "{printable(names[0])}"? [y/N] ')
        except EOFError:
            answer = ""
        if answer.strip().lower() in ("y", "yes"):
            return names[0]
        raise Refused('nothing was written; say which round with --round "NAME"')
    if not names:
        raise Usage(
            f"the rows of {what} do not say which round they answer, and the project has "
            'no rounds yet: add --round "NAME" to start one'
        )
    raise Usage(
        f'the rows of {what} do not say which round they answer: add --round "NAME", one of '
        f"{shown}, or a new name to start a round"
    )


def _terminal() -> bool:
    try:
        return sys.stdin.isatty() and sys.stdout.isatty()
    except (AttributeError, ValueError):
        return False
