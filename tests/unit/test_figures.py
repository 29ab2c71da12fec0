"""Figures worked out once per state of a project, and role totals kept up to date
across edits, always equal to the same figures worked out from scratch."""

from __future__ import annotations

import math
import shutil
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from partnertui import analysis
from partnertui.analysis import RoleTotals, by_name
from partnertui.model import MAX_CONTRIBUTION, ContributionKind, Role
from partnertui.storage.session import OpenFile
from partnertui.tui.workbook import Workbook

EXAMPLES = Path(__file__).resolve().parents[2] / "examples"
TRANSIT = "tri-city-transit"
FINANCIAL = ContributionKind.FINANCIAL


@pytest.fixture
def workbook(tmp_path: Path) -> Workbook:
    path = tmp_path / "riverside.toml"
    shutil.copyfile(EXAMPLES / "riverside-youth.toml", path)
    file, project = OpenFile.open(path)
    return Workbook(project, file)


def totals(partners) -> RoleTotals:
    """What ``partners`` give, added up the plainest way: ``math.fsum`` of every
    valued contribution, financial or in kind, kept to cents."""
    values = [c for p in partners for c in p.contributions if c.value is not None]
    financial = round(math.fsum(c.value for c in values if c.kind == FINANCIAL), 2)
    in_kind = round(math.fsum(c.value for c in values if c.kind != FINANCIAL), 2)
    return RoleTotals(len(partners), financial, in_kind, round(financial + in_kind, 2))


def from_scratch(project) -> tuple:
    """The role summary worked out afresh with nothing kept: partners by role (no
    role first, then the roles in order), by name."""
    groups: dict = {None: [], **{r: [] for r in Role}}
    for p in by_name(project.partners):
        groups[p.role].append(p)
    warned = {
        role: sum(bool(analysis.role_warnings(p, project)) for p in members)
        for role, members in groups.items()
    }
    return (
        {
            role: (
                members,
                totals(members),
                warned[role],
                [(totals([p]), analysis.role_warnings(p, project)) for p in members],
            )
            for role, members in groups.items()
        },
        totals(project.partners),
        sum(warned.values()),
    )


def kept(summary: analysis.RoleSummary) -> tuple:
    for group in summary.groups.values():
        assert [m.partner for m in group.members] == list(group.partners)
        for partner, member in zip(group.partners, group.members, strict=True):
            assert summary.of(partner) is member
    return (
        {
            r: (
                list(g.partners),
                g.totals,
                g.warned,
                [(m.totals, list(m.warnings)) for m in g.members],
            )
            for r, g in summary.groups.items()
        },
        summary.overall,
        summary.warned,
    )


def test_role_summaries_kept_across_edits_equal_the_ones_worked_out_afresh(workbook):
    edits = [
        lambda: workbook.set_role("somali-parents-association", Role.COOPERATION),
        lambda: workbook.set_role("somali-parents-association", None),
        lambda: workbook.add_contribution(
            TRANSIT, {"kind": ContributionKind.FINANCIAL, "description": "Fares", "value": 0.1}
        ),
        lambda: workbook.update_partner(TRANSIT, {"status": "declined"}),
        lambda: workbook.update_partner(TRANSIT, {"name": "Aardvark Transit"}),
        lambda: workbook.add_partner({"name": "Zed Bakery", "role": Role.COOPERATION}),
        lambda: workbook.delete_partner("marion-clarke"),
        lambda: workbook.update_details({"lead_organization": ""}),
        lambda: workbook.remove_contribution(TRANSIT, 0),
    ]
    assert kept(workbook.figures.roles) == from_scratch(workbook.project)
    for edit in edits:
        edit()
        assert kept(workbook.figures.roles) == from_scratch(workbook.project)


def test_each_figure_is_worked_out_once_per_state_of_the_project(workbook):
    figures = workbook.figures
    assert workbook.figures is figures
    name = figures.rounds[-1].name
    assert figures.round_stats(name) is figures.round_stats(name)
    assert figures.round_stats(name) == analysis.round_stats(workbook.project, name)
    assert figures.considerations is figures.considerations
    assert figures.turnout(name) is figures.turnout(name)
    assert figures.turnout(name) == analysis.turnout(workbook.project, name)
    for ingredient in figures.round_stats(name).ingredients:
        said = figures.comments(name, ingredient)
        assert said is figures.comments(name, ingredient)
        assert said == analysis.comments(workbook.project, name, ingredient)
    workbook.set_role(TRANSIT, Role.COLLABORATION)
    assert workbook.figures is not figures
    assert workbook.figures.considerations == analysis.considerations(workbook.project)
    stale = workbook.project.partner(TRANSIT)
    workbook.set_role(TRANSIT, Role.COOPERATION)
    with pytest.raises(KeyError):
        workbook.figures.roles.of(stale)  # a partner the edit replaced


def test_answers_come_in_round_order_with_who_left_it_unscored(workbook):
    project = workbook.project
    info = workbook.figures.rounds[-1]
    for ingredient in analysis.round_stats(project, info.name).ingredients:
        said = workbook.figures.answers(info.name, ingredient)
        assert [a.respondent for a in said] == info.respondents
        for answer in said:
            response = analysis.find_response(project, info.name, answer.respondent)
            assert answer.score == response.scores.get(ingredient)


def test_disputed_ingredients_are_those_scored_two_or_more_apart(workbook):
    for info in workbook.figures.rounds:
        stats = workbook.figures.round_stats(info.name)
        assert stats.disputed == [
            i for i, s in stats.ingredients.items() if s.count and s.high - s.low >= 2
        ]


# -- the kept role summary equals the one worked out afresh, after any edits -----------

AMOUNTS = st.one_of(
    st.none(),
    st.floats(0, MAX_CONTRIBUTION, allow_nan=False),
    # Values whose sums round: tenths that floats cannot hold, the smallest floats.
    st.sampled_from([0.1, 0.2, 0.3, 0.005, 0.015, 5e-324, 1e-300, MAX_CONTRIBUTION]),
)
EDIT = st.tuples(
    st.sampled_from(
        ["role", "give", "take", "status", "rename", "add", "delete", "lead", "undo", "redo"]
    ),
    st.integers(0, 40),
    st.sampled_from([None, *Role]),
    AMOUNTS,
    st.booleans(),
)


def apply(workbook: Workbook, edit: tuple, n: int) -> None:
    """One edit of the kind ``edit`` names, to the partner its number picks."""
    what, pick, role, amount, flag = edit
    partners = workbook.project.partners
    if what == "add" or not partners:
        workbook.add_partner({"name": f"Partner {n} {'b' if flag else 'a'}", "role": role})
        return
    partner = partners[pick % len(partners)]
    if what == "role":
        workbook.set_role(partner.id, role)
    elif what == "give":
        kind = ContributionKind.FINANCIAL if flag else ContributionKind.SPACE
        workbook.add_contribution(partner.id, {"kind": kind, "value": amount})
    elif what == "take" and partner.contributions:
        workbook.remove_contribution(partner.id, pick % len(partner.contributions))
    elif what == "status":
        workbook.update_partner(partner.id, {"status": "declined" if flag else "confirmed"})
    elif what == "rename":
        workbook.update_partner(partner.id, {"name": f"{'Aa' if flag else 'Zz'} {n}"})
    elif what == "delete":
        workbook.delete_partner(partner.id)
    elif what == "lead":
        workbook.update_details({"lead_organization": "" if flag else "Riverside"})
    elif what == "undo":
        workbook.undo()
    elif what == "redo":
        workbook.redo()


@settings(max_examples=150, deadline=None)
@given(edits=st.lists(EDIT, max_size=30))
def test_role_summaries_kept_across_any_edits_equal_the_ones_worked_out_afresh(edits):
    file, project = OpenFile.open(EXAMPLES / "riverside-youth.toml")  # edited in memory only
    workbook = Workbook(project, file)
    for n, edit in enumerate(edits):
        before = workbook.figures.roles
        apply(workbook, edit, n)
        after = workbook.figures.roles
        assert kept(after) == from_scratch(workbook.project)
        for role, group in after.groups.items():
            if group is before.groups[role]:  # handed out again: none of its partners changed
                members = [p for p in by_name(workbook.project.partners) if p.role == role]
                assert list(map(id, group.partners)) == list(map(id, members))
