"""``partnertui import-partners`` and ``partnertui export`` on the command line.

Registered with :func:`partnertui.cli.command` like every command, from a module of
their own so that ``cli.py`` stays one readable page; like ``cli.py``, this imports
only the standard library until a command runs.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from partnertui.cli import arg, command

if TYPE_CHECKING:
    import argparse


@command(
    "import-partners",
    "add or update partners from a spreadsheet's CSV",
    arg("path", metavar="PATH", type=Path, help="the project file"),
    arg("file", metavar="FILE.csv", type=Path, help="a partner list as CSV, a partner a row"),
    arg("--dry-run", action="store_true", help="show what would change; write nothing"),
    arg(
        "--map",
        metavar="MAPPING",
        type=Path,
        help="what unknown columns hold (default: FILE.csv.map.toml beside the CSV)",
    ),
    description=(
        "Add partners from a spreadsheet's CSV (Excel's or LibreOffice's CSV or Unicode "
        "text). Columns are known by the names people use (Name or Organisation, Type, "
        "E-mail, Phone, Skills, Notes, Status, Role, Affected, Stake, Youth, Id); a row "
        "naming a partner the project has (same id or name) updates the fields it fills. "
        "Every change is printed first; nothing is written unless every column and row is "
        "understood. Exit status: 0 imported (or shown), 1 refused (the project file "
        "unchanged), 2 the command was mistyped or a file is missing."
    ),
)
def _import_partners(args: argparse.Namespace) -> int:
    from partnertui.spreadsheets import commands

    return commands.import_partners(args)


@command(
    "export",
    "write partners, contributions or scores as a CSV table for spreadsheets",
    arg("path", metavar="PATH", type=Path, help="the project file"),
    arg("--table", required=True, choices=("partners", "contributions", "scores")),
    arg(
        "-o",
        "--output",
        metavar="FILE",
        type=Path,
        help="the CSV to write (default: "
        'NAME-TABLE.csv beside the project file); "-o -" writes to standard output',
    ),
    description=(
        "Write one table as CSV for funders' forms and spreadsheets: UTF-8 with a byte "
        "order mark (none on standard output), numbers as numbers, dates as YYYY-MM-DD; "
        "text starting with = + - or @ gets an apostrophe in front so it is never run as "
        "a formula. partners imports again unchanged; scores has a row per round and "
        "respondent and each round's means. Exit status: 0 written, 1 the project file "
        "has problems or the CSV cannot be written, 2 the command was mistyped."
    ),
)
def _export(args: argparse.Namespace) -> int:
    from partnertui.spreadsheets import commands

    return commands.export(args)
