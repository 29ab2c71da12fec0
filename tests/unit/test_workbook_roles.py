"""Workbook edits to roles, responsibilities and contributions, checked on the model and
on the file written, including every refusal a person can run into."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from partnertui import analysis, storage
from partnertui.analysis import RoleTotals
from partnertui.model import Contribution, ContributionKind, Project, Role
from partnertui.storage.session import OpenFile
from partnertui.tui.workbook import EditRefused, FormErrors, Workbook

EXAMPLES = Path(__file__).resolve().parents[2] / "examples"
YC = "riverside-youth-centre"
SOMALI = "somali-parents-association"


@pytest.fixture
def opened(tmp_path: Path) -> tuple[OpenFile, Project]:
    """A copy of the riverside example, open as the workbook opens it."""
    path = tmp_path / "riverside.toml"
    shutil.copyfile(EXAMPLES / "riverside-youth.toml", path)
    return OpenFile.open(path)


@pytest.fixture
def workbook(opened: tuple[OpenFile, Project]) -> Workbook:
    file, project = opened
    return Workbook(project, file)


def saved(workbook: Workbook):
    """The project as a save writes it, read back."""
    storage.save(workbook.project, workbook.path)
    return storage.load(workbook.path)


# -- roles -------------------------------------------------------------------------


def test_a_role_is_given_changed_and_cleared(workbook):
    workbook.set_role(SOMALI, Role.COOPERATION)
    assert workbook.dirty
    assert saved(workbook).partner(SOMALI).role is Role.COOPERATION
    workbook.set_role(SOMALI, Role.COLLABORATION)
    assert saved(workbook).partner(SOMALI).role is Role.COLLABORATION
    workbook.set_role(SOMALI, None)
    assert saved(workbook).partner(SOMALI).role is None
    assert "role =" not in workbook.path.read_text().split(f'id = "{SOMALI}"')[1].split("[[")[0]


def test_giving_the_role_a_partner_already_has_changes_nothing(workbook):
    workbook.set_role(YC, Role.COLLABORATION)
    assert not workbook.dirty
    assert workbook.version == 0


def test_a_role_change_leaves_every_other_partner_the_same_object(workbook):
    before = list(workbook.project.partners)
    workbook.set_role(SOMALI, Role.COMMUNICATION)
    changed = [a.id for a, b in zip(before, workbook.project.partners, strict=True) if a is not b]
    assert changed == [SOMALI]


# -- responsibilities --------------------------------------------------------------


def test_responsibilities_are_added_reworded_and_removed(workbook):
    assert workbook.add_responsibility(SOMALI, "  interprets at parent nights ") == (
        "interprets at parent nights"
    )
    workbook.add_responsibility(SOMALI, "hosts the May meeting")
    assert saved(workbook).partner(SOMALI).responsibilities == [
        "interprets at parent nights",
        "hosts the May meeting",
    ]
    workbook.update_responsibility(SOMALI, 0, "interprets at every parent night")
    assert saved(workbook).partner(SOMALI).responsibilities == [
        "interprets at every parent night",
        "hosts the May meeting",
    ]
    workbook.remove_responsibility(SOMALI, 0)
    assert saved(workbook).partner(SOMALI).responsibilities == ["hosts the May meeting"]
    workbook.remove_responsibility(SOMALI, 0)
    back = saved(workbook).partner(SOMALI)
    assert back.responsibilities == []


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("", "write what this partner will do"),
        ("   ", "write what this partner will do"),
        ("runs the evening drop-in", "this responsibility is already listed"),
        (" runs the evening drop-in ", "this responsibility is already listed"),
    ],
)
def test_a_blank_or_repeated_responsibility_is_refused_beside_its_field(workbook, text, message):
    with pytest.raises(FormErrors) as problem:
        workbook.add_responsibility(YC, text)
    assert problem.value.errors == {"text": message}
    assert not workbook.dirty
    assert workbook.project.partner(YC).responsibilities == [
        "co-chairs the steering committee",
        "runs the evening drop-in",
    ]


def test_rewording_a_responsibility_to_itself_is_not_a_repeat(workbook):
    workbook.update_responsibility(YC, 1, "runs the evening drop-in")
    assert not workbook.dirty
    with pytest.raises(FormErrors):
        workbook.update_responsibility(YC, 1, "co-chairs the steering committee")


@pytest.mark.parametrize("index", [-1, 2, 9])
def test_a_responsibility_no_longer_there_is_refused(workbook, index):
    with pytest.raises(EditRefused, match="not in the list any more"):
        workbook.update_responsibility(YC, index, "new words")
    with pytest.raises(EditRefused, match="not in the list any more"):
        workbook.remove_responsibility(YC, index)
    assert not workbook.dirty


def test_lists_of_a_partner_that_is_gone_are_refused(workbook):
    workbook.delete_partner(SOMALI)
    with pytest.raises(EditRefused, match="no partner"):
        workbook.add_responsibility(SOMALI, "anything")
    with pytest.raises(EditRefused, match="no partner"):
        workbook.add_contribution(SOMALI, {"kind": ContributionKind.ADVICE})


# -- contributions -----------------------------------------------------------------


def test_contributions_are_added_edited_and_removed(workbook):
    gift = workbook.add_contribution(
        SOMALI,
        {"kind": ContributionKind.VOLUNTEER_TIME, "description": " Interpreters ", "value": 900},
    )
    assert gift == Contribution(
        kind=ContributionKind.VOLUNTEER_TIME, description="Interpreters", value=900.0
    )
    workbook.add_contribution(SOMALI, {"kind": ContributionKind.ADVICE, "value": None})
    back = saved(workbook).partner(SOMALI)
    assert back.contributions == [
        Contribution(kind="volunteer-time", description="Interpreters", value=900.0),
        Contribution(kind="advice"),
    ]
    workbook.update_contribution(SOMALI, 1, {"description": "Cultural advice", "value": 150.5})
    back = saved(workbook).partner(SOMALI)
    assert back.contributions[1] == Contribution(
        kind="advice", description="Cultural advice", value=150.5
    )
    workbook.remove_contribution(SOMALI, 0)
    back = saved(workbook).partner(SOMALI)
    assert back.contributions == [
        Contribution(kind="advice", description="Cultural advice", value=150.5)
    ]
    text = workbook.path.read_text()
    assert '{ kind = "advice", description = "Cultural advice", value = 150.5 }' in text


@pytest.mark.parametrize(
    ("values", "field"),
    [
        ({"kind": ContributionKind.SPACE, "value": -5.0}, "value"),
        ({"kind": ContributionKind.SPACE, "value": float("nan")}, "value"),
        ({"kind": ContributionKind.SPACE, "value": float("inf")}, "value"),
        ({"kind": ContributionKind.SPACE, "value": 1e308}, "value"),
        ({"kind": ContributionKind.SPACE, "value": 1_000_000_000_000.01}, "value"),
        ({"kind": "gold bars", "value": 5.0}, "kind"),
        ({"kind": None}, "kind"),
    ],
)
def test_a_bad_contribution_is_refused_beside_its_field(workbook, values, field):
    with pytest.raises(FormErrors) as problem:
        workbook.add_contribution(YC, values)
    assert list(problem.value.errors) == [field]
    if field == "value":
        assert problem.value.errors["value"] == (
            "write an amount from 0 to 1,000,000,000,000, or leave it blank"
        )
    assert not workbook.dirty
    assert len(workbook.project.partner(YC).contributions) == 2


@pytest.mark.parametrize("index", [-1, 2])
def test_a_contribution_no_longer_there_is_refused(workbook, index):
    with pytest.raises(EditRefused, match="not in the list any more"):
        workbook.update_contribution(YC, index, {"value": 1.0})
    with pytest.raises(EditRefused, match="not in the list any more"):
        workbook.remove_contribution(YC, index)
    assert not workbook.dirty


def test_contributions_change_the_totals_by_role(workbook):
    before = workbook.figures.roles.groups[Role.COLLABORATION].totals
    assert before == RoleTotals(2, 1500.0, 5100.0, 6600.0)
    workbook.add_contribution(YC, {"kind": ContributionKind.FINANCIAL, "value": 250.25})
    workbook.update_contribution(YC, 0, {"value": 4000.0})  # the gym: 4,800 -> 4,000
    after = analysis.RoleLedger().summary(saved(workbook)).groups[Role.COLLABORATION].totals
    assert after == RoleTotals(2, 1750.25, 4300.0, 6050.25)


def test_a_read_only_workbook_refuses_every_roles_edit(workbook, opened):
    opened[0].open_read_only("a test says so")
    edits = [
        lambda: workbook.set_role(SOMALI, Role.COOPERATION),
        lambda: workbook.add_responsibility(YC, "new"),
        lambda: workbook.update_responsibility(YC, 0, "new"),
        lambda: workbook.remove_responsibility(YC, 0),
        lambda: workbook.add_contribution(YC, {"kind": ContributionKind.ADVICE}),
        lambda: workbook.update_contribution(YC, 0, {"value": 1.0}),
        lambda: workbook.remove_contribution(YC, 0),
    ]
    for edit in edits:
        with pytest.raises(EditRefused, match="read-only"):
            edit()
    assert not workbook.dirty


def test_one_partners_totals_follow_the_role_totals_rules(workbook):
    roles = workbook.figures.roles
    transit = workbook.project.partner("tri-city-transit")  # equipment 2,500; financial 1,200
    assert roles.of(transit).totals == RoleTotals(1, 1200.0, 2500.0, 3700.0)
    police = workbook.project.partner("riverside-police-liaison")  # advice, no value
    assert roles.of(police).totals == RoleTotals(1, 0.0, 0.0, 0.0)
    nobody = workbook.project.model_copy(update={"partners": []})
    assert analysis.RoleLedger().summary(nobody).overall == RoleTotals(0, 0.0, 0.0, 0.0)
