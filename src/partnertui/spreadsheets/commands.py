"""``partnertui import-partners`` and ``partnertui export``: what they print, their exit status.

Both speak as ``partnertui import`` does: everything is checked before anything is
written, what will change is printed first, a file someone has open in the
workbook is left alone, and every message is plain words (0 done, 1 refused with
the project file unchanged, 2 mistyped or a file missing).
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from partnertui.storage.problems import printable


class Usage(Exception):
    """The command was mistyped or a file is missing: exit status 2."""


class Refused(Exception):
    """The input cannot be used: exit status 1."""


def _run(name: str, body, args: argparse.Namespace) -> int:
    try:
        return body(args)
    except Usage as error:
        print(f"partnertui {name}: {error}", file=sys.stderr)
        return 2
    except Refused as error:
        print(f"partnertui {name}: {error}", file=sys.stderr)
        return 1


def _must_be_files(*files: Path) -> None:
    for file in files:
        if not file.is_file():
            what = "a folder, not a file" if file.is_dir() else "there is no such file"
            raise Usage(f"{printable(str(file))}: {what}")


def _read(path: Path):
    from partnertui import storage

    try:
        return storage.read(path)
    except storage.UnreadableFile as error:
        raise Usage("\n".join(str(p) for p in error.problems)) from None
    except storage.ProjectFileError as error:
        problems = "\n".join(str(p) for p in error.problems)
        raise Refused(f"{problems}\n{printable(str(path))} has problems; fix them first") from None


# -- import-partners ------------------------------------------------------------------


def import_partners(args: argparse.Namespace) -> int:
    """The ``import-partners`` command; its exit status."""
    return _run("import-partners", _import_partners, args)


def _import_partners(args: argparse.Namespace) -> int:
    from partnertui import storage
    from partnertui.spreadsheets import partners_in
    from partnertui.survey import importing

    path: Path = args.path
    _must_be_files(path, args.file, *([args.map] if args.map else []))
    if storage.same_file(args.file, path):
        raise Usage(f"{printable(str(path))} is the project file; give the CSV after it")
    project, fingerprint = _read(path)
    try:
        if not args.dry_run:
            importing.refuse_if_open(path)
        plan = partners_in.plan_file(args.file, project, args.map)
    except (importing.ImportRefused, partners_in.PartnersRefused) as error:
        raise Refused(str(error)) from None
    print(partners_in.describe(plan, path))
    if args.dry_run:
        print("\n--dry-run: nothing was written.")
        return 0
    if not plan.changes:
        return 0
    try:
        importing.write_locked(
            path, project.model_copy(update={"partners": plan.partners(project)}), fingerprint
        )
    except importing.ImportRefused as error:
        raise Refused(str(error)) from None
    print(f"\nSaved {printable(str(path))}.")
    return 0


# -- export ---------------------------------------------------------------------------


def default_output(path: Path, table: str) -> Path:
    """Where ``export`` writes without ``-o``: beside the project, named for both."""
    return path.with_name(f"{path.stem}-{table}.csv")


def export(args: argparse.Namespace) -> int:
    """The ``export`` command; its exit status."""
    return _run("export", _export, args)


def _export(args: argparse.Namespace) -> int:
    from partnertui import csv_text, storage
    from partnertui.spreadsheets import tables_out

    path: Path = args.path
    _must_be_files(path)
    project, _ = _read(path)
    table = tables_out.TABLES[args.table](project)
    data = csv_text.encode(table.headings, table.rows)
    if args.output is not None and str(args.output) == "-":
        # A pipe is read by programs, not by Excel: no byte order mark there.
        sys.stdout.buffer.write(data[len(csv_text.BOM.encode()) :])
        sys.stdout.flush()
        return 0
    target: Path = args.output or default_output(path, args.table)
    if storage.same_file(target, path):
        raise Usage(f"{printable(str(target))} is the project file; give another name with -o")
    if target.is_dir():
        raise Usage(f"{printable(str(target))} is a folder; give a file name ending in .csv")
    if not target.parent.is_dir():
        raise Usage(f"the folder {printable(str(target.parent))} does not exist; nothing written")
    from partnertui.storage import atomic

    try:
        atomic.write(target, data)
    except OSError as error:
        raise Refused(
            f"{printable(str(target))} could not be written ({error.strerror or error}); "
            "nothing was written"
        ) from None
    count = len(table.rows)
    print(f"wrote {printable(str(target))} ({count} row{'' if count == 1 else 's'})")
    return 0
