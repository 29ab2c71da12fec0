"""How each group of partners sees a round: means by group, the gaps between groups,
and what respondents wrote.

A partnership learns most where its members disagree, and a round's mean hides a
police service's view behind a tenants' group's. Signed answers count in their
partner's groups (its kind, its role, youth and their champions, those most affected
by the issue); an anonymous answer counts only in the group its respondent gave.
Every figure respects the round's minimum to show, so a group of one is never shown,
and nor is its name beside an anonymous answer or comment.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from fractions import Fraction

from partnertui.analysis.assessments import (
    minimum_to_show,
    round_score,
    too_few,
)
from partnertui.guidance import INGREDIENTS
from partnertui.model import ANONYMOUS, TEAM, Assessment, Ingredient, Kind, Partner, Project, Role

KIND_GROUPS: dict[str, str] = {
    Kind.INDIVIDUAL: "individuals",
    Kind.GROUP: "community groups",
    Kind.ORGANIZATION: "organizations",
    Kind.BUSINESS: "businesses",
    Kind.AGENCY: "agencies",
    Kind.GOVERNMENT: "government partners",
}
"""A kind of partner as a group of people, in the words of a sentence about them."""

NO_ROLE = "none"
SHORT = {**KIND_GROUPS, NO_ROLE: "no role", "youth": "youth", "others": "others"}
"""Column headings for signed answers' groups where the key is not already the word
(the roles head their columns by name, as an anonymous round's own groups do)."""


@dataclass(frozen=True)
class GroupResult:
    """One ingredient as one group scored it."""

    mean: float | None
    """``None`` when nobody in the group scored it, or when it is hidden."""
    count: int
    hidden: bool
    """Too few in the group scored it to show without giving them away."""


@dataclass(frozen=True)
class GroupResults:
    key: str
    label: str
    """The group in words, plural: "community groups", "youth and their champions"."""
    results: dict[Ingredient, GroupResult]
    answers: int
    """How many of the round's answers count in this group."""
    short: str = ""
    """The group in a word or two, to head a narrow column: "agencies", "youth"."""


@dataclass(frozen=True)
class Dimension:
    """One way of dividing the respondents: by kind, by role …"""

    key: str
    label: str
    groups: list[GroupResults]


@dataclass(frozen=True)
class Gap:
    """The widest difference between two groups of one dimension on one ingredient."""

    dimension: str
    ingredient: Ingredient
    low_label: str
    low_mean: float
    high_label: str
    high_mean: float
    size: float
    """Between the means as shown (one decimal each)."""
    low_short: str = ""
    high_short: str = ""

    @property
    def brief(self) -> str:
        """The gap in one short line: "shared decision-making, community 2.0 against
        agency 4.3"."""
        name = INGREDIENTS[self.ingredient].label.lower()
        return (
            f"{name}, {self.low_short or self.low_label} {round_score(self.low_mean):.1f} "
            f"against {self.high_short or self.high_label} {round_score(self.high_mean):.1f}"
        )

    @property
    def sentence(self) -> str:
        name = INGREDIENTS[self.ingredient].label.lower()
        text = (
            f"{self.low_label} score {name} {round_score(self.low_mean):.1f}; "
            f"{self.high_label} {round_score(self.high_mean):.1f}"
        )
        return text[0].upper() + text[1:]


@dataclass(frozen=True)
class GroupView:
    round: str
    dimensions: list[Dimension]
    gaps: list[Gap]
    """Biggest first; only between groups whose means are shown."""


def _kind(partner: Partner) -> str | None:
    return partner.kind.value


def _role(partner: Partner) -> str | None:
    return partner.role.value if partner.role is not None else NO_ROLE


def _youth(partner: Partner) -> str | None:
    return "youth" if partner.youth else "others"


def _affected(partner: Partner) -> str | None:
    return "affected" if partner.affected_by_issue else "others"


_SIGNED: list[tuple[str, str, Callable[[Partner], str | None], dict[str, str]]] = [
    ("kind", "by kind of partner", _kind, KIND_GROUPS),
    (
        "role",
        "by role",
        _role,
        {**{r.value: f"{r.value} partners" for r in Role}, NO_ROLE: "partners with no role yet"},
    ),
    (
        "youth",
        "youth and champions",
        _youth,
        {"youth": "youth and their champions", "others": "other partners"},
    ),
    (
        "affected",
        "most affected by the issue",
        _affected,
        {"affected": "partners most affected by the issue", "others": "other partners"},
    ),
]


def group_label(project: Project, group: str) -> str:
    """An anonymous answer's group in words: a kind as people, or the project's name."""
    if not project.project.groups and group in KIND_GROUPS:
        return KIND_GROUPS[group]
    return f"{group} respondents"


def _group_answers(project: Project, round_name: str) -> list[Assessment]:
    """The answers that count in a round's groups: partners' and anonymous ones that
    scored something or said they could not judge it (the team's is no group's)."""
    return [
        a
        for a in project.assessments
        if a.round == round_name and a.respondent != TEAM and (a.scores or a.dont_know)
    ]


def labelled_groups(project: Project, round_name: str) -> frozenset[str]:
    """The groups an anonymous answer or comment of ``round_name`` may be labelled with.

    A group label on an answer tells as much as a mean over the group's answers: on a
    group of one it names the person. So a group is said beside an answer only when
    at least the round's minimum to show (:func:`minimum_to_show`) answered in it, the
    rule the means by group follow; below that the answer is just "Anonymous".
    """
    least = minimum_to_show(project, round_name)
    sizes: dict[str, int] = {}
    for a in _group_answers(project, round_name):
        if a.is_anonymous and a.group:
            sizes[a.group] = sizes.get(a.group, 0) + 1
    return frozenset(g for g, n in sizes.items() if not too_few(n, n, least))


def anonymous_label(project: Project, round_name: str, group: str | None) -> str:
    """How an anonymous answer in ``group`` is named: "Anonymous (agencies)" where the
    group may be said (:func:`labelled_groups`), otherwise "Anonymous"."""
    if not group:
        return "Anonymous"
    return "Anonymous" + _group_said(project, group, labelled_groups(project, round_name))


def _group_said(project: Project, group: str | None, labelled: frozenset[str]) -> str:
    """What follows "Anonymous" for an answer in ``group``: " (agencies)" where the
    group is in ``labelled`` (its round's :func:`labelled_groups`), otherwise nothing."""
    return f" ({group_label(project, group)})" if group and group in labelled else ""


def group_view(project: Project, round_name: str) -> GroupView:
    """Each ingredient's mean by group of respondents in ``round_name``, and the gaps."""
    answers = _group_answers(project, round_name)
    least = minimum_to_show(project, round_name)
    dimensions: list[Dimension] = []
    if project.is_anonymous_round(round_name):
        from partnertui.model import group_choices

        members: dict[str, list[Assessment]] = {g: [] for g in group_choices(project.project)}
        for a in answers:
            if a.group in members:
                members[a.group].append(a)
        labels = {g: group_label(project, g) for g in members}
        shorts = {} if project.project.groups else KIND_GROUPS
        dimensions.append(_dimension("group", "by group", members, labels, least, shorts))
    else:
        partners = {p.id: p for p in project.partners}
        for key, label, group_of, labels in _SIGNED:
            members = {g: [] for g in labels}
            for a in answers:
                partner = partners.get(a.respondent)
                group = group_of(partner) if partner is not None else None
                if group is not None:
                    members[group].append(a)
            dimensions.append(_dimension(key, label, members, labels, least, SHORT))
    gaps = [gap for d in dimensions for gap in _gaps(d)]
    order = list(Ingredient)
    gaps.sort(key=lambda g: (-g.size, order.index(g.ingredient)))
    return GroupView(round_name, dimensions, gaps)


def _dimension(
    key: str,
    label: str,
    members: dict[str, list[Assessment]],
    labels: dict[str, str],
    least: int,
    shorts: dict[str, str],
) -> Dimension:
    groups = []
    for group, answers in members.items():
        if not answers:
            continue
        results = {}
        for ingredient in Ingredient:
            scores = [a.scores[ingredient] for a in answers if ingredient in a.scores]
            hidden = too_few(len(scores), len(scores), least)
            mean = float(Fraction(sum(scores), len(scores))) if scores and not hidden else None
            results[ingredient] = GroupResult(mean, len(scores), hidden)
        short = shorts.get(group, group)
        groups.append(GroupResults(group, labels[group], results, len(answers), short))
    return Dimension(key, label, groups)


def _gaps(dimension: Dimension) -> list[Gap]:
    """The widest shown difference on each ingredient, where two groups differ at all."""
    found = []
    for ingredient in Ingredient:
        shown = [
            (g.results[ingredient].mean, g.label, g.short)
            for g in dimension.groups
            if g.results[ingredient].mean is not None
        ]
        if len(shown) < 2:
            continue
        low = min(shown, key=lambda m: round_score(m[0]))
        high = max(shown, key=lambda m: round_score(m[0]))
        size = round(round_score(high[0]) - round_score(low[0]), 1)
        if size >= 0.1:
            found.append(
                Gap(
                    dimension.key,
                    ingredient,
                    low[1],
                    low[0],
                    high[1],
                    high[0],
                    size,
                    low[2],
                    high[2],
                )
            )
    return found


@dataclass(frozen=True)
class Comment:
    """What one respondent wrote about one ingredient, and who, as the round allows."""

    who: str
    """The words to head it with: a partner's name, "The team", "Anonymous (agencies)"."""
    text: str
    score: int | None
    dont_know: bool


def respondent_label(project: Project, round_name: str, respondent: str) -> str:
    """Who answered, as people may be told: never a name in an anonymous round, and a
    group only where enough answered in it (:func:`labelled_groups`).

    An anonymous answer is numbered among its round's in the file's order (the order
    of their random respondents), so the numbers say nothing about who came first.
    """
    if respondent == TEAM:
        return "the team"
    if respondent.startswith(ANONYMOUS):
        others = sorted(
            (a for a in project.assessments if a.round == round_name and a.is_anonymous),
            key=lambda a: a.respondent,
        )
        number = next((n for n, a in enumerate(others, 1) if a.respondent == respondent), 0)
        group = others[number - 1].group if number else None
        said = _group_said(project, group, labelled_groups(project, round_name))
        return f"Anonymous answer {number}{said}"
    partner = project.partner(respondent)
    return partner.name if partner is not None else respondent


def comments(project: Project, round_name: str, ingredient: Ingredient) -> list[Comment]:
    """Every respondent's comment on ``ingredient`` in ``round_name``: the team's first,
    then partners by name, or anonymous answers in file order."""
    written = [a for a in project.assessments if a.round == round_name and a.notes.get(ingredient)]
    anonymous = [a for a in written if a.is_anonymous]
    signed = [a for a in written if not a.is_anonymous]

    def name_order(a: Assessment) -> tuple[bool, str, str]:
        partner = project.partner(a.respondent)
        return (a.respondent != TEAM, (partner.name if partner else "").casefold(), a.respondent)

    ordered = sorted(signed, key=name_order) + sorted(anonymous, key=lambda a: a.respondent)
    labelled = labelled_groups(project, round_name) if anonymous else frozenset()
    return [
        Comment(
            _comment_who(project, a, labelled),
            a.notes[ingredient],
            a.scores.get(ingredient),
            ingredient in a.dont_know,
        )
        for a in ordered
    ]


def _comment_who(project: Project, answer: Assessment, labelled: frozenset[str]) -> str:
    """Who wrote a comment, to head it: "The team", a partner, "Anonymous (agencies)";
    ``labelled`` is its round's :func:`labelled_groups`."""
    if answer.is_anonymous:
        return "Anonymous" + _group_said(project, answer.group, labelled)
    who = respondent_label(project, answer.round, answer.respondent)
    return who[0].upper() + who[1:]
