"""Roles: who holds which, what they give, and gentle checks on each partner's role."""

from __future__ import annotations

from bisect import bisect_left, insort
from collections.abc import Iterable
from itertools import compress
from operator import attrgetter, is_not
from typing import NamedTuple

from partnertui.guidance import ROLES
from partnertui.model import ContributionKind, Partner, Project, Role, Status


class RoleTotals(NamedTuple):
    """What a set of partners gives, in the project's currency."""

    partners: int
    financial: float
    in_kind: float
    total: float


def _add_values(partner: Partner, financial: list[float], in_kind: list[float]) -> None:
    """Financial and in-kind values of ``partner``'s contributions.

    Only contributions of kind ``financial`` count as financial; every other kind
    (space, equipment, volunteer time, advice, ...) is given in kind. A contribution
    without a value is recorded but counts in neither sum, since it has no amount.
    """
    for c in partner.contributions:
        if c.value is not None:
            (financial if c.kind == ContributionKind.FINANCIAL else in_kind).append(c.value)


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


class PartnerRole(NamedTuple):
    """One partner's part in the roles: what it gives, and the gentle checks on its role."""

    partner: Partner
    totals: RoleTotals
    warnings: tuple[str, ...]
    """:func:`role_warnings`."""


class RoleGroup(NamedTuple):
    """The partners holding one role (``None``: no role yet), and what they give."""

    role: Role | None
    partners: tuple[Partner, ...]
    """By name, as :func:`.partners.by_name` orders them."""
    members: tuple[PartnerRole, ...]
    """Each of :attr:`partners`' own figures, in the same order."""
    totals: RoleTotals
    warned: int
    """How many of them have a gentle warning about their role (:func:`role_warnings`)."""


class RoleSummary(NamedTuple):
    """Every role's group, and the totals of them all.

    The groups are all five, empty or not, so a screen can show each heading: no role
    yet first (the to-do), then the roles from least to most involved. Every partner
    counts under the role it holds, whatever its status: the totals add up to what the
    Roles screen lists, and a declined partner still holding a role gets its own
    warning rather than a silent exclusion. Sums are exact, then kept to cents.
    """

    groups: dict[Role | None, RoleGroup]
    overall: RoleTotals
    warned: int

    def of(self, partner: Partner) -> PartnerRole:
        """``partner``'s own figures; ``KeyError`` for a partner this summary is not
        about (one from another version of the project)."""
        members = self.groups[partner.role].members
        at = bisect_left(members, (partner.name.casefold(), partner.id), key=_member_key)
        if at < len(members) and members[at].partner is partner:
            return members[at]
        raise KeyError(partner.id)


EXACT = 2**1074
"""Every float is a whole number of 2⁻¹⁰⁷⁴ (the smallest step between floats), so
sums kept in these units are exact: a partner's values can be added to and taken
from a group's sum without any error creeping in."""


def _exact(values: Iterable[float]) -> int:
    """The exact sum of ``values``, in units of 2⁻¹⁰⁷⁴."""
    total = 0
    for value in values:
        numerator, denominator = value.as_integer_ratio()
        total += numerator * (EXACT // denominator)
    return total


def _totals_exact(partners: int, financial: int, in_kind: int) -> RoleTotals:
    """Totals from exact sums, kept to cents: an exact sum divided once is the
    correctly rounded sum, which is what ``math.fsum`` gives for the same values."""
    fin, kind = round(financial / EXACT, 2), round(in_kind / EXACT, 2)
    return RoleTotals(partners, fin, kind, round(fin + kind, 2))


class _Entry(NamedTuple):
    partner: Partner
    financial: int
    """The exact sum of its financial values (see :data:`EXACT`)."""
    in_kind: int
    name_key: tuple[str, str]
    warned: bool
    member: PartnerRole


def _entry(partner: Partner, project: Project) -> _Entry:
    financial: list[float] = []
    in_kind: list[float] = []
    _add_values(partner, financial, in_kind)
    exact_financial, exact_in_kind = _exact(financial), _exact(in_kind)
    warnings = tuple(role_warnings(partner, project))
    return _Entry(
        partner,
        exact_financial,
        exact_in_kind,
        (partner.name.casefold(), partner.id),
        bool(warnings),
        PartnerRole(partner, _totals_exact(1, exact_financial, exact_in_kind), warnings),
    )


class _Members:
    """One role's partners by name and their exact sums, as the ledger keeps them."""

    def __init__(self) -> None:
        self.entries: list[_Entry] = []
        self.financial = 0
        self.in_kind = 0
        self.warned = 0

    def add(self, entry: _Entry, sign: int = 1) -> None:
        self.financial += sign * entry.financial
        self.in_kind += sign * entry.in_kind
        self.warned += sign * entry.warned

    def group(self, role: Role | None) -> RoleGroup:
        partners = tuple(map(_PARTNER, self.entries))
        members = tuple(map(_MEMBER, self.entries))
        totals = _totals_exact(len(partners), self.financial, self.in_kind)
        return RoleGroup(role, partners, members, totals, self.warned)


_NAME_KEY = attrgetter("name_key")
_PARTNER = attrgetter("partner")
_MEMBER = attrgetter("member")


def _member_key(member: PartnerRole) -> tuple[str, str]:
    return (member.partner.name.casefold(), member.partner.id)


class RoleLedger:
    """Keeps a project's :class:`RoleSummary` up to date as it is edited, cheaply.

    Workbook edits replace a Partner rather than change it in place, so a partner
    nobody touched is the very same object as at the last summary. The usual edit
    replaces one partner: it is found by identity and moved to its new group, its
    values are taken from the sums it left and added to the ones it joined, and
    only those groups are made again; the others are handed out as the very same
    :class:`RoleGroup`, so a screen can tell what it need not redraw. The sums are
    kept exact (:data:`EXACT`), so they never drift from the ones added up afresh.
    With 2,000 partners that keeps giving a role well within a frame. Anything else
    (a partner added, removed or renamed, the lead organization set or cleared)
    works everything out afresh.
    """

    def __init__(self) -> None:
        self._entries: dict[str, _Entry] = {}
        self._seen: list[Partner] = []
        self._context: bool | None = None
        self._members: dict[Role | None, _Members] = {}
        self._everyone = _Members()
        self._groups: dict[Role | None, RoleGroup] = {}
        """Each role's group as last handed out; a touched role's is made again."""

    def summary(self, project: Project) -> RoleSummary:
        """The roles of ``project`` as it is now."""
        context = bool(project.project.lead_organization)  # what warnings look at besides
        touched: Iterable[Role | None] | None = self._kept_up(project, context)
        if touched is None:
            self._afresh(project, context)
            touched = self._members.keys()  # in the groups' order
        self._seen = list(project.partners)
        self._context = context
        for role in touched:
            self._groups[role] = self._members[role].group(role)
        everyone = self._everyone
        overall = _totals_exact(len(self._entries), everyone.financial, everyone.in_kind)
        return RoleSummary(dict(self._groups), overall, everyone.warned)

    def _kept_up(self, project: Project, context: bool) -> set[Role | None] | None:
        """The roles whose groups the replaced partners changed, or ``None`` when
        the summary has to be worked out afresh."""
        partners = project.partners
        if context != self._context or len(partners) != len(self._seen):
            return None
        known = self._entries
        replaced = list(compress(partners, map(is_not, partners, self._seen)))
        for p in replaced:
            seen = known.get(p.id)
            if seen is None or seen.name_key != (p.name.casefold(), p.id):
                return None
        touched: set[Role | None] = set()
        for p in replaced:
            old = known[p.id]
            if old.partner is p:
                continue  # moved in the file's order, not changed
            new = known[p.id] = _entry(p, project)
            left, joined = self._members[old.partner.role], self._members[p.role]
            del left.entries[bisect_left(left.entries, old.name_key, key=_NAME_KEY)]
            insort(joined.entries, new, key=_NAME_KEY)
            for members in (left, self._everyone):
                members.add(old, -1)
            for members in (joined, self._everyone):
                members.add(new)
            touched.update((old.partner.role, p.role))
        return touched

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
        self._members = {None: _Members(), **{r: _Members() for r in Role}}
        self._everyone = _Members()
        self._groups = {}
        for entry in entries:
            members = self._members[entry.partner.role]
            members.entries.append(entry)
            members.add(entry)
            self._everyone.add(entry)
