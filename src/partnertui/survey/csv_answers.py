"""Answers from a survey tool's CSV export: one row per respondent.

Microsoft Forms, Google Forms, SurveyMonkey, LimeSurvey and KoboToolbox each
export in their own shape: their own bookkeeping columns (ids, times, IP
addresses), their own headings (SurveyMonkey writes two heading rows), and, after
a spreadsheet has been through Excel, their own encoding and separator. This
module reads any of them into a :class:`Table`, works out what each column holds
(:func:`columns`), and turns each row into :class:`~partnertui.survey.answers.Answers`
(:func:`answers`), collecting everything it could not understand, so that one
message can list it all and nothing is written until every row is understood.

For an anonymous round a row need not name a partner (one it names is kept only
until its group is known), a column whose heading asks for a group and whose cells
are the project's groups gives each answer its group, and the tool's own response
id, where it has one, tells the row's answer apart from others.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from enum import Enum
from pathlib import Path

from partnertui.csv_text import MAX_CSV_BYTES, CsvProblem, decode, read_text, records, separator
from partnertui.guidance import INGREDIENTS
from partnertui.model import Ingredient, ProjectInfo
from partnertui.storage.problems import printable
from partnertui.survey import answer_dates
from partnertui.survey.answer_dates import DateOrder
from partnertui.survey.answers import Answers
from partnertui.survey.mapping import DATE, IGNORE, RESPONDENT, Mapping
from partnertui.survey.matching import (
    Meaning,
    NotAScore,
    Partners,
    fold,
    ingredient_in,
    is_remark_alone,
    score_in,
)

__all__ = ["MAX_CSV_BYTES", "CsvProblem", "Table", "answers", "columns", "decode", "separator"]
"""Decoding and separators are :mod:`partnertui.csv_text`'s, named here too for the
import's callers that know them by this module."""


# -- bytes to text to rows ---------------------------------------------------------


@dataclass(frozen=True)
class Row:
    number: int
    """The row as a spreadsheet numbers it: the heading row is row 1."""
    cells: list[str]


@dataclass
class Table:
    """An export's headings and rows, whatever tool wrote it."""

    file: str
    headings: list[str]
    rows: list[Row]
    tool: str
    """The tool it looks like it came from, to name in messages."""
    separator: str = ","
    """What separates its cells. Excel writes ``;`` where the regional settings list
    with ``;``, which are the countries that write the day first (12/03/2026 for the
    12th of March): how :func:`.answer_dates.date_order` reads a date no day over 12 settles."""


_TOOLS = (
    ("SurveyMonkey", {"respondent id", "collector id"}),
    ("Microsoft Forms", {"id", "start time", "completion time"}),
    ("LimeSurvey", {"id", "submitdate"}),
    ("LimeSurvey", {"lastpage", "startlanguage"}),
    ("LimeSurvey", {"response id", "date submitted"}),
    ("LimeSurvey", {"response id", "last page"}),
    ("KoboToolbox", {"uuid", "submission time"}),
    ("KoboToolbox", {"start", "end", "today"}),
    ("Google Forms", {"timestamp"}),
)
_SECOND_HEADING = {fold(w) for w in ("Response", "Open-Ended Response", "Other (please specify)")}


def read_table(path: Path) -> Table:
    """The table in the CSV at ``path``; :class:`CsvProblem` when it is not one."""
    return parse_table(read_text(path), str(path))


def parse_table(text: str, file: str) -> Table:
    """The table in ``text``: headings, then one row per respondent."""
    found = records(text, file)
    if not found:
        raise CsvProblem(f"{file}: this file is empty; export the responses again")
    headings = found[0][1]
    body = found[1:]
    folded = {fold(h) for h in headings}
    tool = next((name for name, marks in _TOOLS if marks <= folded), "a spreadsheet")
    if body and _is_second_heading(body[0][1]):
        headings = _joined_headings(headings, body[0][1])
        body = body[1:]
    if body and _is_hashtag_row(body[0][1]):
        body = body[1:]
    width = len(headings)
    rows = []
    for number, cells in body:
        if len(cells) > width and any(cells[width:]):
            raise CsvProblem(
                f"{file}: row {number} has {len(cells)} cells but there are only {width} "
                "headings; a quote may be missing in that row"
            )
        rows.append(Row(number, (cells + [""] * width)[:width]))
    return Table(file, headings, rows, tool, separator(text))


def _is_second_heading(cells: list[str]) -> bool:
    """SurveyMonkey's second heading row: "Response" or "Open-Ended Response" under
    each question, blank under its own columns."""
    return any(fold(c) in _SECOND_HEADING for c in cells)


def _is_hashtag_row(cells: list[str]) -> bool:
    """KoboToolbox's row of HXL hashtags ("#org", "#indicator+vision") under the
    headings, which its CSV export writes when the form gives questions hashtags."""
    filled = [c for c in cells if c]
    return bool(filled) and all(c.startswith("#") and " " not in c for c in filled)


def _joined_headings(first: list[str], second: list[str]) -> list[str]:
    """One heading per column from SurveyMonkey's two rows. A question with several
    parts (a grid) names itself once above its first part and each part below, so
    the question is carried over the blanks: "How strong is… [Shared vision]"."""
    out, question = [], ""
    for n, top in enumerate(first):
        below = second[n] if n < len(second) else ""
        question = top or question
        if not below or fold(below) in _SECOND_HEADING - {fold("Other (please specify)")}:
            out.append(top or question)
        elif fold(below) == fold("Other (please specify)"):
            out.append(f"{question} - other comment")
        else:
            out.append(f"{question} [{below}]")
    return out


# -- what each column holds ----------------------------------------------------------


class Holds(Enum):
    BOOKKEEPING = "bookkeeping"
    DATE = "date"
    RESPONDENT = "respondent"
    GROUP = "group"
    SCORE = "score"
    NOTE = "note"
    IGNORED = "ignored"
    UNKNOWN = "unknown"


@dataclass(frozen=True)
class Column:
    index: int
    heading: str
    holds: Holds
    ingredient: Ingredient | None = None
    rank: int = 0
    """For respondent and date columns: which to trust first (lower first)."""
    why: str = ""
    """For an unknown column: why it was not understood, when there is more to say."""

    @property
    def name(self) -> str:
        return f'"{printable(self.heading)}"' if self.heading else f"column {self.index + 1}"


_DATES = [
    fold(h)
    for h in (
        "Completion time",
        "Timestamp",
        "End Date",
        "submitdate",
        "Date submitted",
        "end",
        "_submission_time",
        "Submitted",
        "date",
        "Start time",
        "Start Date",
        "startdate",
        "Date started",
        "start",
        "today",
    )
]
"""Where the day someone answered is found, the best first: when they finished.
KoboToolbox's ``end`` comes before its ``_submission_time``: ``end`` is the time on
the phone where the form was filled in, with its zone, ``_submission_time`` the
server's time in UTC, hours later in the Americas and days later for a form filled
in offline."""

_BOOKKEEPING = {
    fold(h)
    for h in (
        "ID",
        "Last modified time",
        "Respondent ID",
        "Response ID",
        "Collector ID",
        "IP Address",
        "Custom Data 1",
        "Custom Data",
        "lastpage",
        "startlanguage",
        "seed",
        "token",
        "datestamp",
        "ipaddr",
        "refurl",
        "interviewtime",
        "Last page",
        "Start language",
        "Access code",
        "Date last action",
        "Referrer URL",
        "Total time",
        "username",
        "deviceid",
        "subscriberid",
        "simserial",
        "phonenumber",
        "audit",
        "Total points",
        "Quiz feedback",
        "Grade posted time",
        "Score",
    )
}
_RESPONDENT_WORDS = (
    ({"partner", "organisation", "organization", "respondent", "agency", "company"}, 0),
    ({"email", "mail"}, 1),
    ({"name"}, 2),
)


def _bookkeeping(heading: str, folded: str) -> bool:
    raw = heading.strip()
    if raw.startswith("_") or raw.lower().startswith(("meta/", "formhub/")):
        return True  # KoboToolbox's own: _id, _uuid, _index, _notes, meta/instanceID…
    if folded.startswith(("points ", "feedback ", "grouptime", "question time ", "group time ")):
        return True  # Microsoft Forms quizzes; LimeSurvey timings (by code, by full text)
    return folded in _BOOKKEEPING


_RESPONSE_IDS = [fold(h) for h in ("_uuid", "Respondent ID", "Response ID", "ID")]
"""The tools' own ids for a response, the best first: KoboToolbox, SurveyMonkey,
LimeSurvey, Microsoft Forms and LimeSurvey again ("id"). Google Forms has none."""
_GROUP_HEADINGS = re.compile(r"\bgroups?\b|\bdescribes? you\b|\bsector\b")


def columns(table: Table, mapping: Mapping, info: ProjectInfo | None = None) -> list[Column]:
    """What every column of ``table`` holds, the mapping first, then its heading; with
    ``info`` (an anonymous round's project), also the column giving each row's group."""
    found: list[Column] = []
    own = _tools_own(table.headings)
    for index, heading in enumerate(table.headings):
        if index in own and mapping.column(heading) is None:
            found.append(Column(index, heading, Holds.BOOKKEEPING))
            continue
        column = _column(index, heading, mapping, found[-1] if found else None)
        if info is not None and mapping.column(heading) is None and _is_group(table, index, info):
            column = Column(index, heading, Holds.GROUP)
        found.append(column)
    return _one_column_each(found)


_CONTACT_PARTS = {
    fold(part)
    for part in (
        "Address",
        "Address 2",
        "City/Town",
        "State/Province",
        "ZIP/Postal Code",
        "Country",
        "Phone Number",
    )
}
"""The parts of SurveyMonkey's "Contact information" question that say nothing of who
answered for which partner; its Name, Company and Email Address parts do."""
_TIMING = re.compile(r"^([A-Za-z][A-Za-z0-9_]*)Time$")


def _tools_own(headings: list[str]) -> set[int]:
    """Columns a tool adds that only a neighbour explains: LimeSurvey's time spent on
    a question, headed with its code and "Time" ("INGTime" beside "ING[SharedVision]"),
    and the address parts of SurveyMonkey's "Contact information", headed with the
    question and the part ("Contact information [City/Town]")."""
    own = set()
    for index, heading in enumerate(headings):
        timing = _TIMING.match(heading)
        if timing is not None:
            code = re.compile(re.escape(timing.group(1)) + r"(?![A-Za-z0-9_])")
            if any(code.match(other) for other in headings if other != heading):
                own.add(index)
        part = re.search(r"\[([^\[\]]*)\]$", heading)
        if part is not None and fold(part.group(1)) in _CONTACT_PARTS:
            own.add(index)
    return own


def _is_group(table: Table, index: int, info: ProjectInfo) -> bool:
    """A heading asking for a group ("Group", "Which best describes you?") over
    cells that each name one of the project's groups, or nothing."""
    from partnertui.survey.anonymity import NotAGroup, group_named

    heading = table.headings[index]
    if not _GROUP_HEADINGS.search(fold(heading.rsplit("/", 1)[-1])):
        return False
    try:
        for row in table.rows:
            group_named(info, row.cells[index])
    except NotAGroup:
        return False
    return True


def _response_id(found: list[Column]) -> Column | None:
    ids = [c for c in found if c.holds is Holds.BOOKKEEPING and fold(c.heading) in _RESPONSE_IDS]
    return min(ids, key=lambda c: _RESPONSE_IDS.index(fold(c.heading)), default=None)


def _column(index: int, heading: str, mapping: Mapping, before: Column | None) -> Column:
    target = mapping.column(heading) if heading else None
    if target is not None:
        if target.special == IGNORE:
            return Column(index, heading, Holds.IGNORED)
        if target.special == RESPONDENT:
            return Column(index, heading, Holds.RESPONDENT, rank=-1)
        if target.special == DATE:
            return Column(index, heading, Holds.DATE, rank=-1)
        holds = Holds.NOTE if target.meaning is Meaning.NOTE else Holds.SCORE
        return Column(index, heading, holds, target.ingredient)
    if not heading:
        return Column(index, heading, Holds.UNKNOWN, why="it has no heading")
    folded = fold(heading.rsplit("/", 1)[-1] if "/" in heading else heading)
    folded = re.sub(r"^(?:q(?:uestion)?\s*)?\d+[a-z]?\b\s*", "", folded)
    if folded in _DATES:
        return Column(index, heading, Holds.DATE, rank=_DATES.index(folded))
    if _bookkeeping(heading, folded):
        return Column(index, heading, Holds.BOOKKEEPING)
    understood = ingredient_in(heading)
    if understood is not None and understood.ingredient is not None:
        holds = Holds.NOTE if understood.meaning is Meaning.NOTE else Holds.SCORE
        return Column(index, heading, holds, understood.ingredient)
    words = set(folded.split())
    words |= {w[:-1] for w in words if w.endswith("s")}  # "partners", "organisation's"
    for kinds, rank in _RESPONDENT_WORDS:
        if words & kinds:
            return Column(index, heading, Holds.RESPONDENT, rank=rank)
    if is_remark_alone(heading) and before is not None and before.holds is Holds.SCORE:
        return Column(index, heading, Holds.NOTE, before.ingredient)
    other = folded.endswith(" other comment")  # what "Other (please specify)" typed
    if other and before is not None and before.holds is Holds.RESPONDENT:
        return Column(index, heading, Holds.RESPONDENT, rank=before.rank)
    return Column(index, heading, Holds.UNKNOWN)


def _one_column_each(found: list[Column]) -> list[Column]:
    """Two columns holding one ingredient's score (or note) cannot both be right:
    both become unknown, to be mapped. Only the best date column counts."""
    seen: dict[tuple[Holds, Ingredient | None], list[int]] = {}
    for n, column in enumerate(found):
        if column.holds in (Holds.SCORE, Holds.NOTE):
            seen.setdefault((column.holds, column.ingredient), []).append(n)
    out = list(found)
    for (holds, ingredient), where in seen.items():
        if len(where) > 1:
            assert ingredient is not None
            label = INGREDIENTS[ingredient].label.lower()
            what = "score" if holds is Holds.SCORE else "comment"
            others = ", ".join(found[n].name for n in where)
            for n in where:
                out[n] = Column(
                    n,
                    found[n].heading,
                    Holds.UNKNOWN,
                    why=f"{others} all look like the {what} for {label}",
                )
    dates = sorted((c for c in out if c.holds is Holds.DATE), key=lambda c: c.rank)
    for column in dates[1:]:
        out[column.index] = Column(column.index, column.heading, Holds.BOOKKEEPING)
    return out


# -- rows to answers ---------------------------------------------------------------------


@dataclass
class Troubles:
    """Everything one export holds that could not be understood, to tell all at once."""

    columns: list[Column] = field(default_factory=list)
    respondents: list[tuple[str, list[int]]] = field(default_factory=list)
    """A respondent as written, and the rows that wrote it."""
    cells: list[str] = field(default_factory=list)
    """Each answer that is not a score, the file, row and ingredient named."""

    def __bool__(self) -> bool:
        return bool(self.columns or self.respondents or self.cells)


def answers(
    table: Table,
    mapping: Mapping,
    partners: Partners,
    today: dt.date,
    anonymous: ProjectInfo | None = None,
) -> tuple[list[Answers], Troubles]:
    """One :class:`Answers` per row that holds any, and everything not understood.

    ``anonymous`` is the project's details when the rows answer an anonymous round:
    then a row naming no partner is understood all the same (its respondent empty),
    and each answer carries its group and response id when the export gives them.
    """
    found = columns(table, mapping, anonymous)
    troubles = Troubles(columns=[c for c in found if c.holds is Holds.UNKNOWN and _used(table, c)])
    who = sorted((c for c in found if c.holds is Holds.RESPONDENT), key=lambda c: c.rank)
    group_column = next((c for c in found if c.holds is Holds.GROUP), None)
    id_column = _response_id(found) if anonymous is not None else None
    if not who and anonymous is None:
        troubles.cells.append(
            f"{table.file}: no column says who answered; name one in the mapping "
            f'(a line such as "HEADING" = "{RESPONDENT}" under [columns])'
        )
    date_column = next((c for c in found if c.holds is Holds.DATE), None)
    order = _date_order(table, date_column, today, mapping.dates)
    days = order is not None and order.day_first
    unknown: dict[str, list[int]] = {}
    out: list[Answers] = []
    for row in table.rows:
        scores: dict[Ingredient, int] = {}
        dont_know: list[Ingredient] = []
        notes: dict[Ingredient, str] = {}
        for column in found:
            text = row.cells[column.index]
            if column.ingredient is None or not text:
                continue
            if column.holds is Holds.NOTE:
                notes[column.ingredient] = text.replace("\r\n", "\n")
            elif column.holds is Holds.SCORE:
                try:
                    cell = score_in(text)
                except NotAScore as error:
                    label = INGREDIENTS[column.ingredient].label.lower()
                    troubles.cells.append(
                        f"{table.file} row {row.number}, {label} ({column.name}): "
                        f'"{printable(text)}": {error}'
                    )
                    continue
                if cell.score is not None:
                    scores[column.ingredient] = cell.score
                elif cell.dont_know:
                    dont_know.append(column.ingredient)
        if not who and anonymous is None:
            continue
        partner_id, written = _respondent(row, who, partners, mapping)
        if partner_id is None and anonymous is None:
            unknown.setdefault(written, []).append(row.number)
            continue
        try:
            day = answer_dates.read(row.cells[date_column.index], days) if date_column else None
        except ValueError:
            assert date_column is not None
            given = f" as {answer_dates.ORDER_WORDS[days]}, as asked" if mapping.dates else ""
            troubles.cells.append(
                f'{table.file} row {row.number}: "{printable(row.cells[date_column.index])}" '
                f"in {date_column.name} is not a date partnertui can read{given}"
            )
            continue
        out.append(
            Answers(
                respondent=partner_id or "",
                round=None,
                date=day or today,
                scores=scores,
                dont_know=tuple(i for i in Ingredient if i in dont_know),
                notes=notes,
                source=f"{table.file} row {row.number}",
                group=_group(row, group_column, anonymous),
                response_id=(row.cells[id_column.index].strip() or None) if id_column else None,
            )
        )
    troubles.respondents = list(unknown.items())
    return out, troubles


def _group(row: Row, column: Column | None, info: ProjectInfo | None) -> str | None:
    """The group a row gives (its column holds only groups, as :func:`columns` found)."""
    from partnertui.survey.anonymity import group_named

    if column is None or info is None:
        return None
    return group_named(info, row.cells[column.index])


def _used(table: Table, column: Column) -> bool:
    """A column with no heading and nothing in it is a spreadsheet's leftover, not a
    question to explain."""
    return bool(column.heading) or any(row.cells[column.index] for row in table.rows)


def _respondent(
    row: Row, who: list[Column], partners: Partners, mapping: Mapping
) -> tuple[str | None, str]:
    """The partner a row names, trying the columns best first; else what it wrote.

    A cell that only says its respondent chose "Other" names nobody: the name they
    typed is in the column beside it (SurveyMonkey's "Other (please specify)"), and
    is matched, or asked about, like any name. Mapping the choice's own words would
    send everyone who chose it to one partner."""
    written = [
        row.cells[c.index]
        for c in who
        if row.cells[c.index] and fold(row.cells[c.index]) not in _OTHER_CHOICE
    ]
    first_last = [row.cells[c.index] for c in who if fold(c.heading) in ("first name", "last name")]
    if len(first_last) == 2:
        written.append(" ".join(first_last))
    for text in written:
        mapped = mapping.respondent(text)
        if mapped is not None:
            partner = partners.find(mapped)
            if partner is not None:
                return partner.id, text
        partner = partners.find(text)
        if partner is not None:
            return partner.id, text
    return None, written[0] if written else ""


_OTHER_CHOICE = {
    fold(words)
    for words in ("Other", "Other (please specify)", "Other (specify)", "Other, please specify")
} | {"oth"}
"""What a cell says when its respondent chose "Other" and typed their answer beside it
(LimeSurvey writes ``-oth-``)."""


def date_order(table: Table, mapping: Mapping, today: dt.date) -> DateOrder | None:
    """How the dates of ``table`` are read (see :func:`.answer_dates.date_order`);
    ``None`` when none is written with the day and month in numbers (ISO dates, or no
    date column)."""
    found = columns(table, mapping)
    column = next((c for c in found if c.holds is Holds.DATE), None)
    return _date_order(table, column, today, mapping.dates)


def _date_order(
    table: Table, column: Column | None, today: dt.date, given: str = ""
) -> DateOrder | None:
    if column is None:
        return None
    cells = [(row.number, row.cells[column.index]) for row in table.rows]
    return answer_dates.date_order(cells, today, given, semicolons=table.separator == ";")
