"""Assessment rounds: scores, bands, each ingredient's mean, spread, change and trend."""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from datetime import date
from decimal import ROUND_HALF_UP, Decimal
from enum import StrEnum
from fractions import Fraction

from partnertui.model import (
    LEAST_ANONYMOUS_MINIMUM,
    TEAM,
    Assessment,
    Ingredient,
    Project,
)


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

HIDDEN_WORDS = "not enough answers to show this without revealing who gave them"
"""Said where a figure stands on too few answers (see :func:`minimum_to_show`)."""


def minimum_to_show(project: Project, round_name: str) -> int:
    """The fewest individual answers a figure of ``round_name`` is shown for.

    A mean of one or two answers gives them away: the project sets how many it takes,
    and an anonymous round never goes below two whatever the setting.
    """
    least = project.project.minimum_to_show
    if project.is_anonymous_round(round_name):
        return max(least, LEAST_ANONYMOUS_MINIMUM)
    return least


def too_few(answers: int, individual: int, least: int) -> bool:
    """Whether ``answers``, ``individual`` of them not the team's, are too few to show
    a figure for.

    A figure on the team's agreed answer alone gives nobody away, so it is shown.
    """
    return individual > 0 and answers < least


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


@dataclass(frozen=True)
class RoundInfo:
    """An assessment round: its name, its first response's date, who answered."""

    name: str
    date: date
    respondents: list[str]
    """``"team"`` first when present, then partner ids in alphabetical order."""
    scored: dict[str, int] = field(default_factory=dict)
    """How many ingredients each of ``respondents`` scored."""


def rounds(project: Project) -> list[RoundInfo]:
    """Assessment rounds in time order: by date, then by name.

    A round with its own ``[[rounds]]`` record is dated by it. Otherwise responses to
    one round may be collected over several days and the round counts from its
    first, so adding a late response never reorders the rounds.
    """
    found: dict[str, tuple[date, dict[str, int]]] = {r.name: (r.date, {}) for r in project.rounds}
    recorded = set(found)
    for a in project.assessments:
        first, who = found.get(a.round, (a.date, {}))
        who[a.respondent] = len(a.scores)
        found[a.round] = (first if a.round in recorded else min(first, a.date), who)
    infos = [
        RoundInfo(name, first, sorted(who, key=lambda r: (r != TEAM, r)), who)
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
    dont_know: int = 0
    """How many respondents said they cannot judge it: an answer, kept out of the mean."""
    hidden: bool = False
    """Too few answers scored it to show a figure without giving them away: ``mean``,
    ``low``, ``high`` and ``band`` are ``None`` and there is no disagreement."""


@dataclass(frozen=True)
class RoundStats:
    """The partnership's health in one round."""

    round: str
    ingredients: dict[Ingredient, IngredientStats]
    """All eleven ingredients, in the guidance's order."""
    overall: float | None
    """Mean of the ingredient means that have scores; ``None`` when nothing is scored."""
    weakest: list[Ingredient]
    """Up to three scored ingredients below a strength (concerns and borderlines), the
    lowest shown means first, ties in guidance order. A strength is never called weak,
    so where every scored ingredient is a strength this is empty (see ``lowest``)."""
    respondents: int
    hidden: bool = False
    """Too few answered the round to show anything of it without giving them away."""
    scored: int = 0
    """How many of the eleven ingredients have a mean shown: the ones ``overall`` is of."""
    lowest: Ingredient | None = None
    """The scored ingredient with the lowest shown mean, weak or not (ties in guidance
    order): what to name when nothing is weak."""

    @property
    def disputed(self) -> list[Ingredient]:
        """Ingredients whose scores are far enough apart to talk about, in guidance order."""
        return [i for i, s in self.ingredients.items() if s.disagreement]


WEAKEST_SHOWN = 3
"""How many weak ingredients a round's summary names: a meeting can take on a few."""

DISAGREEMENT_SPREAD = 2
"""Scores this far apart in one round are worth talking about."""


def _means(project: Project, order: list[str]) -> dict[str, dict[Ingredient, Fraction]]:
    """Exact mean per ingredient per round (Fractions, so later sums add no noise),
    for those that enough answers stand behind: a hidden mean is in no trend or change."""
    scores: dict[str, dict[Ingredient, list[int]]] = {name: {} for name in order}
    teams: dict[str, set[Ingredient]] = {name: set() for name in order}
    for a in project.assessments:
        by_ingredient = scores[a.round]
        for ingredient, value in a.scores.items():
            by_ingredient.setdefault(ingredient, []).append(value)
        if a.respondent == TEAM:
            teams[a.round].update(a.scores)
    hidden = _hidden_rounds(project)
    means: dict[str, dict[Ingredient, Fraction]] = {}
    for name, by_ingredient in scores.items():
        least, team = minimum_to_show(project, name), teams[name]
        means[name] = {
            i: Fraction(sum(v), len(v))
            for i, v in by_ingredient.items()
            if name not in hidden and not too_few(len(v), len(v) - (i in team), least)
        }
    return means


def _hidden_rounds(project: Project) -> set[str]:
    """Rounds too few answered to show anything of."""
    answered: dict[str, list[str]] = {}
    for a in project.assessments:
        if a.scores or a.dont_know or a.notes:
            answered.setdefault(a.round, []).append(a.respondent)
    return {
        name
        for name, who in answered.items()
        if too_few(len(who), len(who) - (TEAM in who), minimum_to_show(project, name))
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
    return Rounds(project).stats(round_name)


class Rounds:
    """A project's rounds in time order and every ingredient's exact mean in each,
    worked out once, for the statistics of as many rounds as are asked about."""

    def __init__(self, project: Project) -> None:
        self.project = project
        self.infos = rounds(project)
        self.order = [r.name for r in self.infos]
        self._means = _means(project, self.order)
        self.hidden = _hidden_rounds(project)
        self._stats: dict[str, RoundStats] = {}

    def info(self, round_name: str) -> RoundInfo | None:
        return next((r for r in self.infos if r.name == round_name), None)

    def stats(self, round_name: str) -> RoundStats:
        """See :func:`round_stats`."""
        found = self._stats.get(round_name)
        if found is None:
            found = self._stats[round_name] = self._work_out(round_name)
        return found

    def answers(self, round_name: str, ingredient: Ingredient) -> list[Answer]:
        """See :func:`answers`."""
        info = self.info(round_name)
        if info is None:
            return []
        given = {a.respondent: a for a in self.project.assessments if a.round == round_name}
        return [
            Answer(
                who,
                given[who].scores.get(ingredient),
                given[who].notes.get(ingredient, ""),
                ingredient in given[who].dont_know,
            )
            for who in info.respondents
            if who in given
        ]

    def _work_out(self, round_name: str) -> RoundStats:
        order, means = self.order, self._means
        responses = [a for a in self.project.assessments if a.round == round_name]
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
            hidden = bool(values) and mean is None
            low, high = (min(values), max(values)) if values and not hidden else (None, None)
            stats[ingredient] = IngredientStats(
                ingredient=ingredient,
                mean=mean,
                low=low,
                high=high,
                count=len(values),
                band=band(mean) if mean is not None else None,
                disagreement=low is not None and high - low >= DISAGREEMENT_SPREAD,
                change=change,
                direction=direction,
                trend=[
                    float(means[name][ingredient]) if ingredient in means[name] else None
                    for name in order
                ],
                dont_know=sum(ingredient in a.dont_know for a in responses),
                hidden=hidden,
            )
        scored = {i: means[round_name][i] for i in means.get(round_name, {})}
        overall = float(sum(scored.values()) / len(scored)) if scored else None
        rank = list(Ingredient)
        low_first = sorted(scored, key=lambda i: (round_score(float(scored[i])), rank.index(i)))
        weakest = [i for i in low_first if stats[i].band != Band.STRENGTH][:WEAKEST_SHOWN]
        return RoundStats(
            round_name,
            stats,
            overall,
            weakest,
            len(responses),
            round_name in self.hidden,
            len(scored),
            low_first[0] if low_first else None,
        )


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
    dont_know: bool = False
    """The respondent said they cannot judge this ingredient (``score`` is ``None``)."""


def answers(project: Project, round_name: str, ingredient: Ingredient) -> list[Answer]:
    """Every response's score and note on ``ingredient``, in :class:`RoundInfo` order.

    A respondent who left the ingredient unscored is still listed (score ``None``), so
    a screen can show who has not answered as well as who has.
    """
    return Rounds(project).answers(round_name, ingredient)


@dataclass(frozen=True)
class Turnout:
    """Who was asked to answer a round, who has, and who is still waiting.

    The people collecting answers need the names of those still to chase, not only a
    count. Partners only: the team's agreed score is no one's questionnaire.
    """

    invited: list[str]
    """Partner ids asked to answer, in name order: the round record's ``invited``, or,
    for a round without one (older files, rounds scored in the workbook), every
    partner who answered."""
    answered: list[str]
    """Those of ``invited`` who said anything (a score, a "don't know" or a note)."""
    waiting: list[str]
    """Those of ``invited`` who have not answered yet."""
    recorded: bool
    """Whether the invitations are on record (a ``[[rounds]]`` record naming them)."""
    anonymous: bool = False
    """An anonymous round: who answered is not known, so ``answered`` and ``waiting``
    are empty and only ``answered_count`` says how many did."""
    answered_count: int = 0


def turnout(project: Project, round_name: str) -> Turnout:
    """Who was asked to answer ``round_name``, who has and who has not, in name order.

    A response with nothing in it (a round started in the workbook for a partner
    who then gave no score) is not an answer yet.
    """
    from partnertui.analysis.partners import by_name

    record = next((r for r in project.rounds if r.name == round_name), None)
    if record is not None and record.anonymous:
        count = sum(
            a.round == round_name
            and a.respondent != TEAM
            and bool(a.scores or a.dont_know or a.notes)
            for a in project.assessments
        )
        invited = by_name(p for p in project.partners if p.id in set(record.invited))
        return Turnout([p.id for p in invited], [], [], bool(record.invited), True, count)
    said = {
        a.respondent
        for a in project.assessments
        if a.round == round_name and a.respondent != TEAM and (a.scores or a.dont_know or a.notes)
    }
    recorded = record is not None and bool(record.invited)
    asked = set(record.invited) if record is not None and record.invited else said

    def ordered(ids: set[str]) -> list[str]:
        known = by_name(p for p in project.partners if p.id in ids)
        return [p.id for p in known] + sorted(ids - {p.id for p in known})

    answered = ordered(asked & said)
    return Turnout(ordered(asked), answered, ordered(asked - said), recorded, False, len(answered))
