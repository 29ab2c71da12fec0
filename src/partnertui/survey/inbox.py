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
from dataclasses import dataclass
from pathlib import Path

from partnertui.model import Project
from partnertui.storage.problems import printable
from partnertui.survey.answers import Answers
from partnertui.survey.importing import ImportRefused
from partnertui.survey.response_file import Response


@dataclass(frozen=True)
class Inbox:
    """The answers in an import's files, ready to plan."""

    responses: list[Response]
    """From response files: each names its own round."""
    rows: list[Answers]
    """From CSV exports, each row answering something: their round is the import's."""
    skipped: list[Answers]
    """Rows that answer nothing (a partner who opened the form and left)."""

    def skipped_lines(self) -> list[str]:
        """The rows left out, in words, to show after the plan."""
        return [f"  skipped {printable(row.source)}: it answers nothing" for row in self.skipped]


def read(
    files: list[Path],
    project: Project,
    map_path: Path | None,
    today: dt.date,
    round_name: str | None,
) -> Inbox:
    """Every answer in ``files``, a CSV's rows read for ``round_name`` (an anonymous
    round's need name no partner); :class:`ImportRefused` saying all that could not
    be read or understood, or that there is nothing to import."""
    from partnertui.survey import response_file

    responses = [_response(file) for file in files if response_file.is_response_file(file)]
    tables = [file for file in files if not response_file.is_response_file(file)]
    anonymous = project.is_anonymous_round(round_name)
    rows = _rows(tables, map_path, project, today, anonymous)
    answered = [a for a in rows if a.scores or a.dont_know or a.notes]
    if not responses and not answered:
        raise ImportRefused(
            "there are no answers to import in " + ", ".join(printable(str(f)) for f in files)
        )
    return Inbox(responses, answered, [a for a in rows if a not in answered])


def _response(file: Path) -> Response:
    from partnertui.survey import response_file

    try:
        return response_file.read(file)
    except response_file.ResponseProblem as error:
        raise ImportRefused(f"{error}\nNothing was written.") from None


def _rows(
    tables: list[Path], map_path: Path | None, project: Project, today: dt.date, anonymous: bool
) -> list:
    from partnertui import csv_text
    from partnertui.survey import csv_answers, mapping
    from partnertui.survey.matching import Partners

    partners = Partners(project.partners)
    found = []
    problems = []
    for file in tables:
        mapping_file = map_path or mapping.beside(file)
        try:
            meant = mapping.read(mapping_file) if mapping_file.is_file() else mapping.Mapping()
            table = csv_answers.read_table(file)
        except (csv_text.MappingProblem, csv_answers.CsvProblem) as error:
            problems.append(str(error))
            continue
        answers, troubles = csv_answers.answers(
            table, meant, partners, today, project.project if anonymous else None
        )
        if troubles:
            problems.append(_troubles(table, troubles, mapping_file, partners))
        found += answers
    if problems:
        raise ImportRefused("\n\n".join(problems) + "\n\nNothing was written.")
    return found


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
    named = [(w, partners.closest(w)) for w, _ in troubles.respondents if w]
    if headings or named:
        out += ["", lines_to_add(headings, named, mapping_file)]
    return "\n".join(out)


def _rows_named(rows: list[int]) -> str:
    return ("row " if len(rows) == 1 else "rows ") + ", ".join(str(r) for r in rows)
