"""Who is part of the project, and the guidance's questions about choosing partners.

A partner *engaged* in the project is one that is invited or confirmed. Candidates
are still being considered and declined partners have said no, so neither answers
the guidance's questions about who is part of the project.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import NamedTuple

from partnertui.guidance import CONSIDERATIONS, YOUTH_CONSIDERATION, Consideration
from partnertui.model import Partner, Project, Status

ENGAGED = (Status.INVITED, Status.CONFIRMED)
"""Statuses of partners who are part of the project (asked, or said yes)."""


def by_name(partners: Iterable[Partner]) -> list[Partner]:
    """Partners in the order people look for them: by name, ignoring case, then id."""
    return sorted(partners, key=lambda p: (p.name.casefold(), p.id))


def engaged_partners(project: Project) -> list[Partner]:
    """Invited and confirmed partners, by name."""
    return by_name(p for p in project.partners if p.status in ENGAGED)


class Coverage(NamedTuple):
    """One of the guidance's questions about choosing partners, answered from the project.

    ``partners`` are the engaged partners who answer the question; ``ok`` says whether
    the project passes it, and ``warning`` is what to show when it does not. ``missing``
    is only filled for the skills question: the needed skills nobody engaged brings.
    ``unset`` is what to show instead of a pass while the question has nothing to
    check (no skills listed as needed), and empty otherwise.
    """

    key: str
    question: str
    warning: str
    partners: list[Partner]
    ok: bool
    missing: list[str]
    unset: str = ""


def _skill_key(skill: str) -> str:
    return skill.strip().casefold()


def missing_skills(project: Project) -> list[str]:
    """Skills the project needs that no invited or confirmed partner brings.

    Matching ignores case and surrounding blanks ("Youth outreach" answers "youth
    outreach"); the skills come back as the project spells them, in its order.
    """
    brought = {_skill_key(s) for p in project.partners if p.status in ENGAGED for s in p.skills}
    return [s for s in project.project.skills_needed if _skill_key(s) not in brought]


def skills_brought(partner: Partner, needed: frozenset[str]) -> int:
    """How many of the project's ``needed`` skills (folded by :func:`needed_skills`)
    ``partner`` brings."""
    return len({_skill_key(s) for s in partner.skills} & needed)


def needed_skills(project: Project) -> frozenset[str]:
    """The project's needed skills, folded for matching as :func:`missing_skills` does."""
    return frozenset(_skill_key(s) for s in project.project.skills_needed)


def _coverage(
    c: Consideration, partners: list[Partner], missing: list[str] | None = None, unset: str = ""
) -> Coverage:
    ok = not missing if missing is not None else bool(partners)
    return Coverage(c.key, c.question, c.warning, partners, ok, missing or [], unset)


def considerations(project: Project) -> list[Coverage]:
    """The points to consider when choosing partners, each with who answers it.

    "affected", "stake" and "skills" always; "youth" only for a youth-oriented project.
    The skills question lists partners who bring at least one needed skill and passes
    when every needed skill is brought; with no skills listed it passes (there is
    nothing to miss) but carries its ``unset`` words, a prompt to list them.
    """
    engaged = engaged_partners(project)
    affected, stake, skills = CONSIDERATIONS
    needed = {_skill_key(s) for s in project.project.skills_needed}
    result = [
        _coverage(affected, [p for p in engaged if p.affected_by_issue]),
        _coverage(stake, [p for p in engaged if p.stake_in_solutions]),
        _coverage(
            skills,
            [p for p in engaged if any(_skill_key(s) in needed for s in p.skills)],
            missing_skills(project),
            "" if needed else skills.unset,
        ),
    ]
    if project.project.youth_oriented:
        result.append(_coverage(YOUTH_CONSIDERATION, [p for p in engaged if p.youth]))
    return result


def not_yet_invited(project: Project) -> list[Partner]:
    """Candidates who are affected by the issue or have a stake in its solutions.

    The guidance asks that everyone with an interest be invited; these are the people
    the project has already named as such but not yet asked.
    """
    return by_name(
        p
        for p in project.partners
        if p.status == Status.CANDIDATE and (p.affected_by_issue or p.stake_in_solutions)
    )


def status_counts(project: Project) -> dict[Status, int]:
    """Partners per status, every status present (zeros too) in the enum's order."""
    counts = dict.fromkeys(Status, 0)
    for p in project.partners:
        counts[p.status] += 1
    return counts


class References(NamedTuple):
    """Where a partner is named: indexes into ``project.actions`` / ``project.assessments``."""

    actions: list[int]
    assessments: list[int]

    def __bool__(self) -> bool:
        return bool(self.actions or self.assessments)


def references_to(project: Project, partner_id: str) -> References:
    """Actions the partner owns and responses it gave, so deleting it can say what breaks."""
    return References(
        [i for i, a in enumerate(project.actions) if a.owner == partner_id],
        [i for i, a in enumerate(project.assessments) if a.respondent == partner_id],
    )
