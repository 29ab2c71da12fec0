"""Sending questionnaires out for a round: who is asked, the round's record, the names.

Pure: it changes nothing and writes nothing. The command line and the workbook both
ask it what the project looks like once a round's questionnaires are out (the
round recorded with its code, the respondents on its ``invited`` list), then each
lands that in its own way: the command line saves at once, the workbook makes it
an edit.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import re
import secrets
import string
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from partnertui.analysis import assessments
from partnertui.model import Partner, Project, Round, Status, round_key

CODE_ALPHABET = string.ascii_lowercase + string.digits
CODE_LENGTH = 10


def new_code() -> str:
    """A fresh round code: ten random lowercase letters and digits.

    It is no password (it travels in every questionnaire); it tells a response to
    this round of this project from one for another project or an earlier round.
    """
    return "".join(secrets.choice(CODE_ALPHABET) for _ in range(CODE_LENGTH))


def slug(text: str, fallback: str) -> str:
    """``text`` as a piece of a file name: lowercase ASCII words joined by hyphens."""
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]+", "-", ascii_text.lower()).strip("-")[:60].strip("-") or fallback


def _lossy(text: str) -> bool:
    """Whether ``text`` has letters or digits that :func:`slug` drops (春, Весна):
    its slug would not say which round it is."""
    return any(
        char.isalnum() and not unicodedata.normalize("NFKD", char).isascii() for char in text
    )


def round_slug(round_name: str, project: Project | None = None) -> str:
    """``round_name`` as a piece of a file name, one no other round of ``project`` gets.

    Its words in ASCII (``six-months``) when they say it all and no earlier round of
    the project (by date) has words that give the same; otherwise those words (or
    ``round``) and eight characters worked out from the name (``round-3fa9c2d1``), the
    same every time. Without that, 春 and 秋, or "Six months" and "Six-months", would
    share one folder and one page name, and the second round's questionnaires would
    be written over the first's.
    """
    base = slug(round_name, "")
    if base and not _lossy(round_name) and not _earlier_with(base, round_name, project):
        return base
    tag = hashlib.sha256(round_key(round_name).encode("utf-8")).hexdigest()[:8]
    return f"{base or 'round'}-{tag}"


def _earlier_with(base: str, round_name: str, project: Project | None) -> bool:
    """Whether a round of ``project`` before ``round_name`` has the plain slug ``base``."""
    if project is None:
        return False
    dates = {r.name: r.date for r in assessments.rounds(project)}  # record's, or first answer's
    mine = (dates.get(round_name, dt.date.max), round_name)
    return any(
        (day, name) < mine and slug(name, "") == base and not _lossy(name)
        for name, day in dates.items()
        if round_key(name) != round_key(round_name)
    )


def default_folder(project_path: Path, round_name: str, project: Project | None = None) -> Path:
    """Where a round's questionnaires go unless told: beside the project file, in
    ``<project-file-stem>-<round-slug>-questionnaires`` (:func:`round_slug`)."""
    return project_path.with_name(
        f"{project_path.stem}-{round_slug(round_name, project)}-questionnaires"
    )


def questionnaire_name(respondent: str) -> str:
    """The questionnaire's file name: the respondent's id (already a safe slug)."""
    return f"{respondent}.html"


def anonymous_questionnaire_name(project: Project, round_name: str) -> str:
    """The one questionnaire of an anonymous round, ``PROJECT--ROUND.html``: everyone
    gets the same page, so nothing in its name (or in it) says whose it is."""
    return f"{slug(project.project.name, 'project')}--{round_slug(round_name, project)}.html"


def response_prefix(project: Project, round_name: str) -> str:
    """How the names of the response files a round's questionnaires make begin."""
    return f"{slug(project.project.name, 'project')}--{round_slug(round_name, project)}--"


def response_name(project: Project, round_name: str, respondent: str) -> str:
    """The file name the questionnaire gives the response it makes."""
    return f"{response_prefix(project, round_name)}{respondent}.response.toml"


def default_respondents(project: Project) -> list[Partner]:
    """Who is asked when nobody is named: every partner invited or confirmed."""
    return [p for p in project.partners if p.status in (Status.INVITED, Status.CONFIRMED)]


def find_round(project: Project, name: str) -> Round | None:
    return next((r for r in project.rounds if r.name == name), None)


@dataclass(frozen=True)
class Sending:
    """What sending a round's questionnaires makes of the project's rounds."""

    record: Round
    """The round's record as the questionnaires carry it (code and invitations)."""
    rounds: list[Round]
    """The project's ``[[rounds]]`` with that record in place, in date order."""
    started: bool
    """The project had no round of this name: sending starts it."""
    changed: bool
    """The records differ from the project's (a new record, a code, new invitations)."""
    asked: str = ""
    """The round's name as asked for, when the project writes it otherwise ("ten
    weeks" for "Ten weeks", see :func:`~partnertui.model.round_key`); else empty."""


class SignedRound(ValueError):
    """A round asked to be anonymous that already holds signed answers (or is
    recorded as signed): its names would stay in the file's earlier versions."""


def is_signed(project: Project, name: str) -> bool:
    """Whether round ``name`` exists and is not anonymous: a record without
    ``anonymous``, or answers with no anonymous record above them."""
    record = find_round(project, name)
    if record is not None:
        return not record.anonymous
    return any(a.round == name for a in project.assessments)


def send(
    project: Project,
    round_name: str,
    respondents: Iterable[str],
    today: dt.date,
    *,
    anonymous: bool = False,
) -> Sending:
    """The round ``round_name`` recorded with a code and ``respondents`` invited.

    A round the project has under a name that differs only in case or spaces is that
    round (:meth:`~partnertui.model.Project.round_named`), never a twin of it.

    A round that exists only through its responses gets a record dated by its first
    response; a round the project does not have at all starts ``today``. A code
    already there is kept, so questionnaires written earlier still match. With
    ``anonymous``, a new round starts anonymous; a signed round raises
    :class:`SignedRound`, as it is never turned anonymous in place. A round recorded
    anonymous stays so, asked or not.
    """
    known = project.round_named(round_name)
    name = known or round_name.strip()
    if anonymous and is_signed(project, name):
        raise SignedRound(
            f'round "{name}" already has signed answers; start a new round to ask anonymously'
        )
    started = known is None
    record = find_round(project, name)
    if record is None:
        dates = [a.date for a in project.assessments if a.round == name]
        record = Round(name=name, date=min(dates) if dates else today, anonymous=anonymous)
    updated = Round(
        name=record.name,
        date=record.date,
        anonymous=record.anonymous,
        code=record.code or new_code(),
        invited=list(dict.fromkeys([*record.invited, *respondents])),
    )
    others = [r for r in project.rounds if r.name != name]
    rounds = sorted([*others, updated], key=lambda r: (r.date, r.name))
    asked = round_name.strip() if round_name.strip() != name else ""
    return Sending(updated, rounds, started, updated != find_round(project, name), asked)
