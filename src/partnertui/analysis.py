"""What the screens and reports show, derived from a project and nothing else.

Every function here is pure: it reads the model, returns plain data (dataclasses, lists,
dicts) in a fixed order, and never prints, touches a file or knows about Textual. That
keeps one answer to each question ("who covers the affected?", "how healthy was the
partnership at kick-off?") whichever screen, report or test asks it.

Two conventions hold throughout:

- A partner *engaged* in the project is one that is invited or confirmed. Candidates
  are still being considered and declined partners have said no, so neither answers
  the guidance's questions about who is part of the project.
- Partners listed for people are ordered by name (case-insensitive, then id), so the
  same list reads the same everywhere.
"""

from __future__ import annotations

import math
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from decimal import ROUND_HALF_UP, Decimal
from enum import StrEnum
from fractions import Fraction
from itertools import chain
from operator import itemgetter

from partnertui.guidance import CONSIDERATIONS, ROLES, YOUTH_CONSIDERATION, Consideration
from partnertui.model import (
    TEAM,
    Action,
    Assessment,
    ContributionKind,
    Ingredient,
    Partner,
    Project,
    Role,
    Status,
)

ENGAGED = (Status.INVITED, Status.CONFIRMED)
"""Statuses of partners who are part of the project (asked, or said yes)."""


def by_name(partners: Iterable[Partner]) -> list[Partner]:
    """Partners in the order people look for them: by name, ignoring case, then id."""
    return sorted(partners, key=lambda p: (p.name.casefold(), p.id))


def engaged_partners(project: Project) -> list[Partner]:
    """Invited and confirmed partners, by name."""
    return by_name(p for p in project.partners if p.status in ENGAGED)


# --------------------------------------------------------------------------- scores


class Band(StrEnum):
    """How a mean score reads: the guidance's three bands on the five-point scale."""

    STRENGTH = "strength"
    BORDERLINE = "borderline"
    CONCERN = "concern"


BAND_SYMBOLS: dict[Band, str] = {
    Band.STRENGTH: "▲",
    Band.BORDERLINE: "■",
    Band.CONCERN: "▼",
}
"""Shown beside the band's colour so the band never relies on colour alone.

All three glyphs are in the PC console font (code page 437), so they draw on a bare
Linux console as well as in any desktop terminal.
"""

_TENTH = Decimal("0.1")


def round_score(mean: float) -> float:
    """``mean`` to one decimal, halves rounded up: the number people are shown.

    Python's ``round`` and ``format`` round halves to even (3.25 becomes 3.2); people
    expect 3.3. Working from the shortest decimal form of the float means a mean of
    exactly 3.95 shows as 4.0, never as 3.9 through binary noise.
    """
    return float(Decimal(repr(mean)).quantize(_TENTH, rounding=ROUND_HALF_UP))


def band(mean: float) -> Band:
    """The band of a mean score, judged on the shown one-decimal value.

    Judging the rounded value keeps the word beside a number true to it: 3.95 shows as
    "4.0" and so is a strength, and 2.95 shows as "3.0" and so is borderline.
    """
    shown = round_score(mean)
    if shown >= 4.0:
        return Band.STRENGTH
    if shown >= 3.0:
        return Band.BORDERLINE
    return Band.CONCERN


# ------------------------------------------------------------------- considerations


@dataclass(frozen=True)
class Coverage:
    """One of the guidance's questions about choosing partners, answered from the project.

    ``partners`` are the engaged partners who answer the question; ``ok`` says whether
    the project passes it, and ``warning`` is what to show when it does not. ``missing``
    is only filled for the skills question: the needed skills nobody engaged brings.
    """

    key: str
    question: str
    warning: str
    partners: list[Partner]
    ok: bool
    missing: list[str]


def _skill_key(skill: str) -> str:
    return skill.strip().casefold()


def missing_skills(project: Project) -> list[str]:
    """Skills the project needs that no invited or confirmed partner brings.

    Matching ignores case and surrounding blanks ("Youth outreach" answers "youth
    outreach"); the skills come back as the project spells them, in its order.
    """
    brought = {_skill_key(s) for p in project.partners if p.status in ENGAGED for s in p.skills}
    return [s for s in project.project.skills_needed if _skill_key(s) not in brought]


def _coverage(
    c: Consideration, partners: list[Partner], missing: list[str] | None = None
) -> Coverage:
    ok = not missing if missing is not None else bool(partners)
    return Coverage(c.key, c.question, c.warning, partners, ok, missing or [])


def considerations(project: Project) -> list[Coverage]:
    """The points to consider when choosing partners, each with who answers it.

    "affected", "stake" and "skills" always; "youth" only for a youth-oriented project.
    The skills question lists partners who bring at least one needed skill and passes
    when every needed skill is brought; with no skills listed it passes (there is
    nothing to miss) but is still shown, as a prompt to list them.
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


# ----------------------------------------------------------------------------- roles


def role_groups(project: Project) -> dict[Role | None, list[Partner]]:
    """Every partner grouped by role; unassigned (``None``) first, as the to-do.

    All five groups are present, empty or not, so a screen can show each heading;
    roles follow the enum's order (least to most involved), partners are by name.
    """
    groups: dict[Role | None, list[Partner]] = {None: [], **{r: [] for r in Role}}
    for p in by_name(project.partners):
        groups[p.role].append(p)
    return groups


def role_counts(project: Project) -> dict[Role | None, int]:
    """How many partners hold each role, in :func:`role_groups` order."""
    return {role: len(ps) for role, ps in role_groups(project).items()}


@dataclass(frozen=True)
class RoleTotals:
    """What a set of partners gives, in the project's currency."""

    partners: int
    financial: float
    in_kind: float
    total: float


def _totals(partners: list[Partner]) -> RoleTotals:
    """Financial and in-kind value of ``partners``' contributions.

    Only contributions of kind ``financial`` count as financial; every other kind
    (space, equipment, volunteer time, advice, ...) is given in kind. A contribution
    without a value is recorded but counts in neither sum, since it has no amount.
    Sums are exact (``math.fsum``) and then kept to cents.
    """
    financial: list[float] = []
    in_kind: list[float] = []
    for p in partners:
        _add_values(p, financial, in_kind)
    return _summed(len(partners), financial, in_kind)


def _add_values(partner: Partner, financial: list[float], in_kind: list[float]) -> None:
    for c in partner.contributions:
        if c.value is not None:
            (financial if c.kind == ContributionKind.FINANCIAL else in_kind).append(c.value)


def _summed(partners: int, financial: Iterable[float], in_kind: Iterable[float]) -> RoleTotals:
    fin, kind = round(math.fsum(financial), 2), round(math.fsum(in_kind), 2)
    return RoleTotals(partners, fin, kind, round(fin + kind, 2))


def contribution_values(partner: Partner) -> tuple[list[float], list[float]]:
    """The values of ``partner``'s contributions, financial and in kind, by
    :func:`_totals`' rules: kept per partner, they make a group's totals quick to
    add up again when one partner changes."""
    financial: list[float] = []
    in_kind: list[float] = []
    _add_values(partner, financial, in_kind)
    return financial, in_kind


def totals_from(values: list[tuple[list[float], list[float]]]) -> RoleTotals:
    """The totals of partners given by their :func:`contribution_values`."""
    return _summed(
        len(values),
        chain.from_iterable(map(itemgetter(0), values)),
        chain.from_iterable(map(itemgetter(1), values)),
    )


def contribution_totals(project: Project) -> dict[Role | None, RoleTotals]:
    """Contribution value per role, in :func:`role_groups` order.

    Every partner counts under the role it holds, whatever its status: the totals add
    up to what the Roles screen lists, and a declined partner still holding a role
    gets its own warning (see :func:`role_warnings`) rather than a silent exclusion.
    See :func:`_totals` for what is financial and what is in kind.
    """
    return {role: _totals(ps) for role, ps in role_groups(project).items()}


def overall_totals(project: Project) -> RoleTotals:
    """Contribution value of every partner, assigned or not (same rules as by role)."""
    return _totals(project.partners)


def role_warnings(partner: Partner, project: Project) -> list[str]:
    """Gentle checks on one partner's role, in plain words; never a reason to block.

    Each names a likely gap between the role and what the project records: a declined
    partner still holding a role; a coordination partner, which works under a lead
    organization, when none is set; an equal (collaboration) partner with no
    responsibilities; a cooperation partner, whose part is to give, with nothing given.
    """
    warnings: list[str] = []
    role = partner.role
    if role is None:
        return warnings
    label = ROLES[role].label
    if partner.status == Status.DECLINED:
        warnings.append(f"Has declined, but still holds the {label} role")
    if role == Role.COORDINATION and not project.project.lead_organization:
        warnings.append(
            "Coordination partners work under a lead organization, and the project has none set"
        )
    if role == Role.COLLABORATION and not partner.responsibilities:
        warnings.append("An equal partner with no responsibilities recorded yet")
    if role == Role.COOPERATION and not partner.contributions:
        warnings.append("A cooperation partner with no contribution recorded yet")
    return warnings


@dataclass(frozen=True)
class References:
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


# ---------------------------------------------------------------------------- rounds


@dataclass(frozen=True)
class RoundInfo:
    """An assessment round: its name, its first response's date, who answered."""

    name: str
    date: date
    respondents: list[str]
    """``"team"`` first when present, then partner ids in alphabetical order."""


def rounds(project: Project) -> list[RoundInfo]:
    """Assessment rounds in time order: by earliest response date, then by name.

    Responses to one round may be collected over several days; the round counts from
    its first, so adding a late response never reorders the rounds.
    """
    found: dict[str, tuple[date, list[str]]] = {}
    for a in project.assessments:
        first, who = found.get(a.round, (a.date, []))
        who.append(a.respondent)
        found[a.round] = (min(first, a.date), who)
    infos = [
        RoundInfo(name, first, sorted(who, key=lambda r: (r != TEAM, r)))
        for name, (first, who) in found.items()
    ]
    return sorted(infos, key=lambda r: (r.date, r.name))


@dataclass(frozen=True)
class IngredientStats:
    """One ingredient in one round, summarised across the round's respondents.

    ``mean``, ``low``, ``high`` and ``band`` are ``None`` when nobody scored it.
    ``change`` and ``direction`` compare with the most recent earlier round that scored
    it; ``trend`` holds its mean in every round, in round order (``None`` where unscored).
    """

    ingredient: Ingredient
    mean: float | None
    low: int | None
    high: int | None
    count: int
    band: Band | None
    disagreement: bool
    change: float | None
    direction: str | None
    trend: list[float | None]


@dataclass(frozen=True)
class RoundStats:
    """The partnership's health in one round."""

    round: str
    ingredients: dict[Ingredient, IngredientStats]
    """All eleven ingredients, in the guidance's order."""
    overall: float | None
    """Mean of the ingredient means that have scores; ``None`` when nothing is scored."""
    weakest: list[Ingredient]
    """Up to three scored ingredients with the lowest shown means, ties in guidance order."""
    respondents: int


DISAGREEMENT_SPREAD = 2
"""Scores this far apart in one round are worth talking about."""


def _means(project: Project, order: list[str]) -> dict[str, dict[Ingredient, Fraction]]:
    """Exact mean per ingredient per round (Fractions, so later sums add no noise)."""
    scores: dict[str, dict[Ingredient, list[int]]] = {name: {} for name in order}
    for a in project.assessments:
        for ingredient, value in a.scores.items():
            scores[a.round].setdefault(ingredient, []).append(value)
    return {
        name: {i: Fraction(sum(v), len(v)) for i, v in by_ingredient.items()}
        for name, by_ingredient in scores.items()
    }


def _change(now: float, before: float) -> tuple[float, str]:
    """Change between two means as people see them (one decimal each), and its direction.

    Taking the difference of the shown values means "3.6 → 3.8" always reads as +0.2,
    and two means that show the same number always read as "same".
    """
    change = round(round_score(now) - round_score(before), 1)
    if abs(change) < 0.05:
        return 0.0, "same"
    return change, "up" if change > 0 else "down"


def round_stats(project: Project, round_name: str) -> RoundStats:
    """Each ingredient's mean, range, count, band, disagreement and change in one round.

    A round nobody answered (a name not in the file) gives empty statistics rather than
    an error, so a screen can show the empty state after the last response is removed.
    """
    order = [r.name for r in rounds(project)]
    means = _means(project, order)
    responses = [a for a in project.assessments if a.round == round_name]
    position = order.index(round_name) if round_name in order else len(order)
    stats: dict[Ingredient, IngredientStats] = {}
    for ingredient in Ingredient:
        values = [a.scores[ingredient] for a in responses if ingredient in a.scores]
        exact = means.get(round_name, {}).get(ingredient)
        mean = float(exact) if exact is not None else None
        previous = next(
            (
                means[name][ingredient]
                for name in reversed(order[:position])
                if ingredient in means[name]
            ),
            None,
        )
        change = direction = None
        if mean is not None and previous is not None:
            change, direction = _change(mean, float(previous))
        low, high = (min(values), max(values)) if values else (None, None)
        stats[ingredient] = IngredientStats(
            ingredient=ingredient,
            mean=mean,
            low=low,
            high=high,
            count=len(values),
            band=band(mean) if mean is not None else None,
            disagreement=bool(values) and high - low >= DISAGREEMENT_SPREAD,
            change=change,
            direction=direction,
            trend=[
                float(means[name][ingredient]) if ingredient in means[name] else None
                for name in order
            ],
        )
    scored = {i: means[round_name][i] for i in means.get(round_name, {})}
    overall = float(sum(scored.values()) / len(scored)) if scored else None
    rank = list(Ingredient)
    weakest = sorted(scored, key=lambda i: (round_score(float(scored[i])), rank.index(i)))[:3]
    return RoundStats(round_name, stats, overall, weakest, len(responses))


def weak_or_disputed(stats: RoundStats) -> list[Ingredient]:
    """Ingredients worth an action: not a strength, or with partners far apart on it."""
    return [
        i
        for i, s in stats.ingredients.items()
        if s.band in (Band.CONCERN, Band.BORDERLINE) or s.disagreement
    ]


SPARK_BLOCKS = "▁▂▃▄▅▆▇█"
SPARK_MISSING = "·"


def sparkline(values: list[float | None]) -> str:
    """A one-character-per-round trend: 1 is the lowest block, 5 the full block.

    Rounds where the ingredient was not scored show as ``·`` so the gaps stay visible
    and every character still lines up with its round.
    """
    top = len(SPARK_BLOCKS) - 1
    out = []
    for v in values:
        if v is None:
            out.append(SPARK_MISSING)
        else:
            step = math.floor((min(max(v, 1.0), 5.0) - 1.0) / 4.0 * top + 0.5)
            out.append(SPARK_BLOCKS[step])
    return "".join(out)


# --------------------------------------------------------------------------- actions


def is_overdue(action: Action, today: date) -> bool:
    """Not done and its due date has passed (an action due today is not yet late)."""
    return not action.done and action.due is not None and action.due < today


def action_counts(project: Project, today: date) -> tuple[int, int, int]:
    """``(open, done, overdue)``; overdue actions are open ones, counted in both."""
    done = sum(a.done for a in project.actions)
    overdue = sum(is_overdue(a, today) for a in project.actions)
    return len(project.actions) - done, done, overdue


# ------------------------------------------------------------------------- responses


def find_response(project: Project, round_name: str, respondent: str) -> Assessment | None:
    """The response ``respondent`` gave to ``round_name``; the file allows at most one."""
    return next(
        (a for a in project.assessments if a.round == round_name and a.respondent == respondent),
        None,
    )


@dataclass(frozen=True)
class Answer:
    """What one respondent said about one ingredient in one round."""

    respondent: str
    score: int | None
    note: str


def answers(project: Project, round_name: str, ingredient: Ingredient) -> list[Answer]:
    """Every response's score and note on ``ingredient``, in :class:`RoundInfo` order.

    A respondent who left the ingredient unscored is still listed (score ``None``), so
    a screen can show who has not answered as well as who has.
    """
    info = next((r for r in rounds(project) if r.name == round_name), None)
    if info is None:
        return []
    result = []
    for respondent in info.respondents:
        response = find_response(project, round_name, respondent)
        if response is not None:
            result.append(
                Answer(
                    respondent,
                    response.scores.get(ingredient),
                    response.notes.get(ingredient, ""),
                )
            )
    return result


def totals_of(partners: list[Partner]) -> RoleTotals:
    """What ``partners`` give (one partner, one role's group), by :func:`_totals`' rules."""
    return _totals(partners)
