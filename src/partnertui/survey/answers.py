"""One respondent's answers to one round, however they arrived.

A response file, a CSV row and a score sheet all become an :class:`Answers`; the
import checks them against the project and turns each into an ``[[assessments]]``
block, so the file stays the one record.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from partnertui.model import Ingredient


@dataclass(frozen=True)
class Answers:
    """What one respondent said in one round, and where it was read from."""

    respondent: str
    """A partner's id (or ``team``) once matched; empty for an answer that names
    nobody (an anonymous response, a row of an anonymous round naming no partner)."""
    round: str | None
    """The round it answers; ``None`` when the source does not say (a CSV row)."""
    date: dt.date | None
    scores: dict[Ingredient, int] = field(default_factory=dict)
    dont_know: tuple[Ingredient, ...] = ()
    notes: dict[Ingredient, str] = field(default_factory=dict)
    source: str = ""
    """Where a person finds it again: ``FILE`` or ``FILE:ROW``."""
    round_code: str | None = None
    """The code of the round the questionnaire was written for, when it carries one."""
    group: str | None = None
    """The group the respondent said they belong to (anonymous rounds only)."""
    response_id: str | None = None
    """What tells this answer from others without naming anyone: an anonymous
    response's token, or a survey tool's own response id."""
