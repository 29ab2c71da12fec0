"""What an import is given, read: response files and CSV exports into answers.

``partnertui import`` and the workbook's import read their files alike: a file
named as a response file is one partner's response; any other is a survey tool's
CSV export, read with the mapping file beside it (or the one given). Everything
that is not understood, in every file, is said in one :class:`ImportRefused`
message with the mapping lines that would fix it, so that nothing is imported
until every row is understood. Planning what the answers change is
:mod:`partnertui.survey.importing`'s.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import TYPE_CHECKING

from partnertui.model import Project
from partnertui.storage.problems import printable
from partnertui.survey.answers import Answers
from partnertui.survey.importing import ImportRefused
from partnertui.survey.response_file import Response

if TYPE_CHECKING:
    from partnertui.survey.answer_dates import DateOrder


@dataclass(frozen=True)
class Inbox:
    """The answers in an import's files, ready to plan."""

    responses: list[Response]
    """From response files: each names its own round."""
    rows: list[Answers]
    """From CSV exports, each row answering something: their round is the import's."""
    skipped: list[Answers]
    """Rows that answer nothing (a partner who opened the form and left)."""
    dates: list[str] = field(default_factory=list)
    """How each export's dates written like 05/11/2026 were read, in words."""

    def said(self) -> list[str]:
        """What the plan of the answers does not say, to show after it: how dates
        were read (a wrong guess moves answers by months), and the rows left out."""
        skipped = [f"  skipped {printable(row.source)}: it answers nothing" for row in self.skipped]
        return [*([""] if self.dates else []), *self.dates, *skipped]


def read(
    files: list[Path],
    project: Project,
    map_path: Path | None,
    today: dt.date,
    round_name: str | None,
    dates: str = "",
) -> Inbox:
    """Every answer in ``files``, a CSV's rows read for ``round_name`` (an anonymous
    round's need name no partner); :class:`ImportRefused` saying all that could not
    be read or understood, or that there is nothing to import. ``dates`` is the
    command line's ``--dates``: how dates like 05/11/2026 are read, over any
    mapping's say (empty: as the mapping or the export says)."""
    from partnertui.survey import response_file

    responses = [_response(file) for file in files if response_file.is_response_file(file)]
    tables = [file for file in files if not response_file.is_response_file(file)]
    anonymous = project.is_anonymous_round(round_name)
    rows, said = _rows(tables, map_path, project, today, anonymous, dates)
    answered = [a for a in rows if a.scores or a.dont_know or a.notes]
    if not responses and not answered:
        raise ImportRefused(
            "there are no answers to import in " + ", ".join(printable(str(f)) for f in files)
        )
    return Inbox(responses, answered, [a for a in rows if a not in answered], said)


def _response(file: Path) -> Response:
    from partnertui.survey import response_file

    try:
        return response_file.read(file)
    except response_file.ResponseProblem as error:
        raise ImportRefused(f"{error}\nNothing was written.") from None


def _rows(
    tables: list[Path],
    map_path: Path | None,
    project: Project,
    today: dt.date,
    anonymous: bool,
    dates: str,
) -> tuple[list[Answers], list[str]]:
    """The answers in the exports, and how each one's dates were read, in words."""
    from partnertui import csv_text
    from partnertui.survey import csv_answers, mapping
    from partnertui.survey.matching import Partners

    partners = Partners(project.partners)
    found: list[Answers] = []
    said: list[str] = []
    problems = []
    for file in tables:
        mapping_file = map_path or mapping.beside(file)
        try:
            meant = mapping.read(mapping_file) if mapping_file.is_file() else mapping.Mapping()
            table = csv_answers.read_table(file)
        except (csv_text.MappingProblem, csv_answers.CsvProblem) as error:
            problems.append(str(error))
            continue
        if dates:
            meant = replace(meant, dates=dates)
        answers, troubles = csv_answers.answers(
            table, meant, partners, today, project.project if anonymous else None
        )
        if troubles:
            problems.append(_troubles(table, troubles, mapping_file, partners))
        found += answers
        order = csv_answers.date_order(table, meant, today)
        if order is not None:
            said += _dates_said(table.file, order, "--dates" if dates else mapping_file)
    if problems:
        raise ImportRefused("\n\n".join(problems) + "\n\nNothing was written.")
    return found, said


_HOW = {
    "dots": "as dates with dots are written",
    "separator": 'as Excel saves them where it separates cells with ";"',
    "future": "since read the other way this one would be after today",
    "usual": "as survey tools write them in their usual, American, settings",
}
"""Why dates were read the way they were, when nothing in the file proves it."""


def _dates_said(file: str, order: DateOrder, given: str | Path) -> list[str]:
    """How an export's dates were read, and, when nothing in it proves that, how to
    have them read the other way (the mapping file works in the workbook too).
    ``given`` is ``--dates`` when that chose the order, or else the mapping file."""
    from partnertui.survey.answer_dates import DAY_FIRST, MONTH_FIRST

    example = f"{printable(order.example)} (row {order.row})"
    read = order.date.isoformat() if order.date else "no such day"
    where = printable(str(given))
    if order.why == "proven":
        return [f"  dates in {printable(file)} read as {order.words}: {example} can only be {read}"]
    if order.why == "given":
        how = "as --dates says" if given == "--dates" else f"as {where} says"
        return [f"  dates in {printable(file)} read as {order.words}, {how}: {example} → {read}"]
    other, words = (MONTH_FIRST, "month/day") if order.day_first else (DAY_FIRST, "day/month")
    return [
        f"  dates in {printable(file)} read as {order.words}, {_HOW[order.why]}: "
        f"{example} → {read}",
        f"  no day in them is over 12, so they could be {words} ({printable(order.example)} → "
        f'{order.other}): if they are, write dates = "{other}" at the top of {where} (or '
        f"give import --dates {other}) and import again",
    ]


def _troubles(table, troubles, mapping_file: Path, partners) -> str:
    """Everything in one export that was not understood, and the lines to add."""
    from partnertui.survey.mapping import lines_to_add

    out = [f"{printable(table.file)} ({table.tool}) holds what partnertui does not understand:"]
    for column in troubles.columns:
        why = f": {column.why}" if column.why else ""
        out.append(f"  column {column.index + 1}, {column.name}: not a question it knows{why}")
    for written, rows in troubles.respondents:
        where = _rows_named(rows)
        if written:
            out.append(f'  {where}: "{printable(written)}" is not a partner of the project')
        else:
            out.append(f"  {where}: does not say who answered")
    out += [f"  {line}" for line in troubles.cells]
    headings = [c.heading for c in troubles.columns if c.heading]
    named = [(w, *partners.guess(w)) for w, _ in troubles.respondents if w]
    if headings or named:
        out += ["", lines_to_add(headings, named, mapping_file)]
    return "\n".join(out)


def _rows_named(rows: list[int]) -> str:
    return ("row " if len(rows) == 1 else "rows ") + ", ".join(str(r) for r in rows)
