"""The tables funders' forms and spreadsheets ask for: partners, contributions, scores.

Each table is a heading row and rows of plain values (text, numbers, dates), made
from the project and, for the means, from :mod:`partnertui.analysis`, which owns
every figure; :func:`partnertui.csv_text.encode` turns one into the bytes Excel
opens. The partners table's headings are names :mod:`.partner_columns` knows, so a
table written here imports again unchanged.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass

from partnertui.csv_text import Cell
from partnertui.guidance import INGREDIENTS
from partnertui.model import TEAM, Ingredient, Partner, Project


@dataclass(frozen=True)
class Table:
    headings: list[str]
    rows: list[list[Cell]]


PARTNER_HEADINGS = [
    "Name",
    "Role",
    "Status",
    "Kind",
    "Contact",
    "Skills",
    "Affected",
    "Stake",
    "Youth",
    "Relationship",
    "Notes",
    "Id",
]


def _yes(flag: bool) -> str:
    return "yes" if flag else "no"


def _skills(skills: list[str]) -> str:
    """Skills separated by "; ". One skill with a comma in it ends in ";", so that an
    import, which splits on commas when there is no ";", reads it back as one."""
    joined = "; ".join(skills)
    return joined + ";" if len(skills) == 1 and "," in joined else joined


def partners(project: Project) -> Table:
    """One row per partner, in the file's order; skills separated by "; "."""
    rows: list[list[Cell]] = [
        [
            p.name,
            p.role.value if p.role else "",
            p.status.value,
            p.kind.value,
            p.contact,
            _skills(p.skills),
            _yes(p.affected_by_issue),
            _yes(p.stake_in_solutions),
            _yes(p.youth),
            p.relationship.value,
            p.notes,
            p.id,
        ]
        for p in project.partners
    ]
    return Table(PARTNER_HEADINGS, rows)


def contributions(project: Project) -> Table:
    """Every contribution with its partner; the value a number in the project's currency."""
    currency = project.project.currency
    rows: list[list[Cell]] = [
        [p.name, p.id, c.kind.value, c.description, c.value, currency]
        for p in project.partners
        for c in p.contributions
    ]
    return Table(["Partner", "Partner id", "Kind", "Description", "Value", "Currency"], rows)


def scores(project: Project) -> Table:
    """Every round's responses, one row per respondent with a column per ingredient
    and their don't-knows, then the round's means (from analysis) on a "mean" row."""
    from partnertui.analysis.assessments import Rounds

    rounds = Rounds(project)
    labels = [INGREDIENTS[i].label for i in Ingredient]
    headings = ["Round", "Date", "Respondent", "Respondent id", *labels, "Don't know"]
    rows: list[list[Cell]] = []
    for info in rounds.infos:
        given = {a.respondent: a for a in project.assessments if a.round == info.name}
        for who in info.respondents:
            response = given[who]
            rows.append(
                [
                    info.name,
                    response.date,
                    _respondent(project.partner(who), who),
                    who,
                    *(response.scores.get(i) for i in Ingredient),
                    "; ".join(INGREDIENTS[i].label for i in response.dont_know),
                ]
            )
        stats = rounds.stats(info.name)
        rows.append(
            [
                info.name,
                info.date,
                "mean",
                "",
                *(stats.ingredients[i].mean for i in Ingredient),
                "",
            ]
        )
    return Table(headings, rows)


def _respondent(partner: Partner | None, who: str) -> str:
    if who == TEAM:
        return "Team (consensus)"
    return partner.name if partner is not None else who


TABLES: dict[str, Callable[[Project], Table]] = {
    "partners": partners,
    "contributions": contributions,
    "scores": scores,
}
"""Every table ``partnertui export --table`` writes, by name."""


def names() -> Sequence[str]:
    return list(TABLES)
