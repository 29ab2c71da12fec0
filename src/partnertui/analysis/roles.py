"""Roles: who holds which, what they give, and gentle checks on each partner's role."""

from __future__ import annotations

import math
from bisect import bisect_left, insort
from collections.abc import Iterable
from dataclasses import dataclass
from itertools import chain, compress
from operator import attrgetter, is_not, itemgetter
from typing import NamedTuple

from partnertui.analysis.partners import by_name
from partnertui.guidance import ROLES
from partnertui.model import ContributionKind, Partner, Project, Role, Status


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


def totals_of(partners: list[Partner]) -> RoleTotals:
    """What ``partners`` give (one partner, one role's group), by :func:`_totals`' rules."""
    return _totals(partners)


@dataclass(frozen=True)
class RoleGroup:
    """The partners holding one role (``None``: no role yet), and what they give."""

    role: Role | None
    partners: tuple[Partner, ...]
    """By name, as :func:`by_name` orders them."""
    totals: RoleTotals
    warned: int
    """How many of them have a gentle warning about their role (:func:`role_warnings`)."""


@dataclass(frozen=True)
class RoleSummary:
    """Every role's group in :func:`role_groups` order, and the totals of them all."""

    groups: dict[Role | None, RoleGroup]
    overall: RoleTotals
    warned: int


class _Entry(NamedTuple):
    partner: Partner
    values: tuple[list[float], list[float]]
    name_key: tuple[str, str]
    warned: bool


_NAME_KEY = attrgetter("name_key")


class RoleLedger:
    """Keeps a project's :class:`RoleSummary` up to date as it is edited, cheaply.

    Workbook edits replace a Partner rather than change it in place, so a partner
    nobody touched is the very same object as at the last summary. The usual edit
    replaces one partner: it is found by identity, moved to its new group, and only
    the groups it left and joined are added up again. With 2,000 partners that
    keeps giving a role within a frame. Anything else (a partner added, removed or
    renamed, the lead organization set or cleared) works everything out afresh.
    """

    def __init__(self) -> None:
        self._entries: dict[str, _Entry] = {}
        self._seen: list[Partner] = []
        self._context: bool | None = None
        self._groups: dict[Role | None, list[_Entry]] = {}
        self._sums: dict[Role | None, tuple[RoleTotals, int]] = {}
        self._overall = totals_from([])

    def summary(self, project: Project) -> RoleSummary:
        """The roles of ``project`` as it is now."""
        context = bool(project.project.lead_organization)  # what warnings look at besides
        if not self._kept_up(project, context):
            self._afresh(project, context)
        self._seen = list(project.partners)
        self._context = context
        groups = {
            role: RoleGroup(role, tuple(map(_PARTNER, members)), *self._sums[role])
            for role, members in self._groups.items()
        }
        warned = sum(group.warned for group in groups.values())
        return RoleSummary(groups, self._overall, warned)

    def _kept_up(self, project: Project, context: bool) -> bool:
        partners = project.partners
        if context != self._context or len(partners) != len(self._seen):
            return False
        known = self._entries
        replaced = list(compress(partners, map(is_not, partners, self._seen)))
        for p in replaced:
            seen = known.get(p.id)
            if seen is None or seen.name_key != (p.name.casefold(), p.id):
                return False
        touched: set[Role | None] = set()
        values_changed = False
        for p in replaced:
            old = known[p.id]
            if old.partner is p:
                continue  # moved in the file's order, not changed
            new = known[p.id] = _entry(p, project)
            group = self._groups[old.partner.role]
            del group[bisect_left(group, old.name_key, key=_NAME_KEY)]
            insort(self._groups[p.role], new, key=_NAME_KEY)
            touched.update((old.partner.role, p.role))
            values_changed = values_changed or new.values != old.values
        for role in touched:
            self._sums[role] = _sums(self._groups[role])
        if values_changed:
            self._overall = _sums(list(known.values()))[0]
        return True

    def _afresh(self, project: Project, context: bool) -> None:
        known = self._entries if context == self._context else {}
        entries: list[_Entry] = []
        for p in project.partners:
            seen = known.get(p.id)
            if seen is None or seen.partner is not p:
                seen = _entry(p, project)
            entries.append(seen)
        self._entries = {entry.partner.id: entry for entry in entries}
        entries.sort(key=_NAME_KEY)
        self._groups = {None: [], **{r: [] for r in Role}}
        for entry in entries:
            self._groups[entry.partner.role].append(entry)
        self._sums = {role: _sums(members) for role, members in self._groups.items()}
        self._overall = _sums(entries)[0]


_PARTNER = attrgetter("partner")


def _entry(partner: Partner, project: Project) -> _Entry:
    return _Entry(
        partner,
        contribution_values(partner),
        (partner.name.casefold(), partner.id),
        bool(role_warnings(partner, project)),
    )


def _sums(members: list[_Entry]) -> tuple[RoleTotals, int]:
    """The totals of ``members`` and how many of them have a warning."""
    # map and attrgetter rather than loops: this runs over every partner.
    totals = totals_from(list(map(attrgetter("values"), members)))
    return totals, sum(map(attrgetter("warned"), members))
