"""Answers to an anonymous round, with nothing left that ties them to a partner.

An anonymous round's answers keep their scores, "don't know"s, notes and, at most,
the respondent's group. Whatever arrives (an anonymous response file, a signed one,
a survey tool's row that names its partner) comes through :func:`take_off`, which
decides the respondent written to the project:

- from a response's token or a survey tool's own response id, a hash of the round's
  code and that key, so importing the same answer again is noticed; the key never
  reaches the project file, so the file alone ties the answer to nobody;
- otherwise a respondent drawn at random (a signed answer's partner id is never
  hashed: the code is in the file, so anyone could hash every id to find whose),
  as long as a hashed one, so the respondent's form does not tell which answers
  came with a name.

Every answer takes the round's date, as the day someone answered could tell who.
Pure: it reads the project and writes nothing.
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass, replace

from partnertui.model import (
    ANONYMOUS,
    ANONYMOUS_DIGITS,
    TEAM,
    Project,
    ProjectInfo,
    Round,
    group_choices,
    new_anonymous_respondent,
    partner_group,
)
from partnertui.survey.answers import Answers
from partnertui.survey.matching import fold

TOKEN_PATTERN = re.compile(r"^[0-9a-f]{16,64}$")
"""A questionnaire's response token: random hex digits drawn in the browser."""

NO_GROUP = "prefer not to say"
"""The questionnaire's default group choice; it writes no group at all."""

_WORDS = {
    "individual": "A person, taking part for yourself",
    "group": "A community or volunteer group",
    "organization": "A community organization or charity",
    "business": "A business",
    "agency": "A public agency (police, health, social services, schools)",
    "government": "Government (city, region, province or country)",
    "community": "The community (residents, groups and organizations)",
}
"""The usual groups in plain words; any other group a project names is shown as it
is written."""


def group_label(group: str) -> str:
    """How the questionnaire offers ``group``: in plain words when it is a usual one."""
    return _WORDS.get(group, group)


class NotAGroup(ValueError):
    """Text that names none of the project's groups; the message lists them."""


def group_named(info: ProjectInfo, written: str) -> str | None:
    """The project's group ``written`` names (case, accents and punctuation aside, or
    by its plain words); ``None`` for a blank or "prefer not to say"."""
    folded = fold(written)
    if not folded or folded == fold(NO_GROUP):
        return None
    choices = group_choices(info)
    for group in choices:
        if folded in (fold(group), fold(group_label(group))):
            return group
    raise NotAGroup(f"it is not one of the project's groups ({', '.join(choices)})")


def respondent_for(record: Round, key: str) -> str:
    """The anonymous respondent of the answer that ``key`` (a response token, a survey
    tool's response id) identifies in round ``record``: the same every time."""
    digest = hashlib.sha256(f"{record.code or record.name}:{key}".encode()).hexdigest()
    return ANONYMOUS + digest[:ANONYMOUS_DIGITS]


@dataclass(frozen=True)
class Stripped:
    """An answer made anonymous, and what was taken off it to say so."""

    answers: Answers
    named: bool
    """It arrived with a partner's name or id on it, now taken off."""
    keyed: bool
    """Its respondent comes from a token or response id, so importing it again is noticed."""


def take_off(project: Project, record: Round, answers: Answers, taken: set[str]) -> Stripped:
    """``answers`` for the anonymous round ``record``: no partner, the round's date, a
    group only if it is one of the project's. ``taken`` holds the respondents already
    used (a random one is drawn outside it, and added)."""
    if answers.respondent == TEAM:
        return Stripped(replace(answers, date=record.date, group=None), False, True)
    partner = project.partner(answers.respondent) if answers.respondent else None
    group = answers.group
    if group is None and partner is not None:
        group = partner_group(project.project, partner)
    if answers.response_id:
        respondent = respondent_for(record, answers.response_id)
    else:
        respondent = new_anonymous_respondent(taken)
    taken.add(respondent)
    stripped = replace(answers, respondent=respondent, date=record.date, group=group)
    return Stripped(stripped, bool(answers.respondent), bool(answers.response_id))
