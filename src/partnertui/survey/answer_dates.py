"""The dates a survey tool's export writes beside each answer, read the way it meant.

An export written 05/11/2026 may mean the 5th of November or the 11th of May, and
reading it the wrong way moves every answer by months; so the order is worked out
from the export as a whole, said with its reason, and every date is then read that
way. ISO dates (2026-11-05) need none of this.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Sequence
from dataclasses import dataclass

from partnertui.survey.mapping import DATE_ORDERS

_ISO = re.compile(r"^(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})(?:$|[T ])")
_DMY = re.compile(r"^(\d{1,2})([-/.])(\d{1,2})[-/.](\d{2}|\d{4})(?:$|[T ,])")


DAY_FIRST, MONTH_FIRST = DATE_ORDERS
ORDER_WORDS = {True: "day/month", False: "month/day"}


@dataclass(frozen=True)
class DateOrder:
    """How the dates of an export written like 05/11/2026 were read, and why: the
    plan says it, since a wrong guess moves every answer by months."""

    day_first: bool
    why: str
    """"given" (``--dates`` or the mapping said), "proven" (a day over 12), "dots",
    "separator" (``;``), "future" (the other way lands after today) or "usual"."""
    example: str
    """The cell that shows it: the one that proves it, or else the first."""
    row: int
    date: dt.date | None
    """``example`` as read (``None``: no such day, which the import refuses)."""
    other: dt.date | None
    """``example`` read the other way, when it can be (``None`` once proven)."""

    @property
    def words(self) -> str:
        return ORDER_WORDS[self.day_first]


def date_order(
    cells: Sequence[tuple[int, str]], today: dt.date, given: str = "", *, semicolons: bool = False
) -> DateOrder | None:
    """Whether the date column's ``cells`` (row number, text) write the day first
    (02/11/2026), and why; ``None`` when none writes the day and month in numbers.

    ``given`` ("day-first", "month-first"), from ``--dates`` or the mapping, decides.
    Otherwise a date that can only be read one way decides (13/11/2026, 11/13/2026),
    and dots are Germany's day first. Otherwise the day comes first in a file
    separated by ``;`` (``semicolons``), as Excel saves "CSV" in the countries that
    write dates so (France, Germany, Spain…), or when reading the month first would
    put an answer after today. Otherwise the month comes first, as Microsoft Forms,
    Google Forms and SurveyMonkey write it in their default, American, settings.
    """
    found = [(number, text, m) for number, text in cells if (m := _DMY.match(text))]
    if not found:
        return None
    month_proof = next((f for f in found if int(f[2].group(3)) > 12), None)
    day_proof = next((f for f in found if int(f[2].group(1)) > 12), None)
    if given:
        day_first, why, example = given == DAY_FIRST, "given", found[0]
    elif month_proof is not None:
        day_first, why, example = False, "proven", month_proof
    elif day_proof is not None:
        day_first, why, example = True, "proven", day_proof
    elif any(m.group(2) == "." for _, _, m in found):
        day_first, why, example = True, "dots", found[0]
    elif semicolons:
        day_first, why, example = True, "separator", found[0]
    else:
        # No number is over 12 here, so either way every date is a day that exists.
        later = next((f for f in found if _dmy(f[2], day_first=False) > today), None)
        if later is not None and not any(_dmy(m, day_first=True) > today for _, _, m in found):
            day_first, why, example = True, "future", later
        else:
            day_first, why, example = False, "usual", found[0]
    if why == "given":  # a cell the order asked for can read, when there is one
        example = next((f for f in found if _read(f[2], day_first)), example)
    number, text, match = example
    other = _read(match, not day_first) if why != "proven" else None
    return DateOrder(day_first, why, text.strip(), number, _read(match, day_first), other)


def read(text: str, day_first: bool) -> dt.date | None:
    """The date ``text`` writes (``None`` when blank); ValueError when it is no date."""
    text = text.strip()
    if not text:
        return None
    found = _ISO.match(text)
    if found:
        return dt.date(int(found.group(1)), int(found.group(2)), int(found.group(3)))
    found = _DMY.match(text)
    if found:
        return _dmy(found, day_first)
    raise ValueError(text)


def _read(found: re.Match[str], day_first: bool) -> dt.date | None:
    """:func:`_dmy`, or ``None`` for a day that does not exist read that way."""
    try:
        return _dmy(found, day_first)
    except ValueError:
        return None


def _dmy(found: re.Match[str], day_first: bool) -> dt.date:
    """The date a match of :data:`_DMY` writes; ValueError when there is no such day."""
    first, second, year = int(found.group(1)), int(found.group(3)), int(found.group(4))
    year = year + 2000 if year < 100 else year
    day, month = (first, second) if day_first else (second, first)
    return dt.date(year, month, day)
