"""The Roles screen as a person uses it: give roles by key, record responsibilities and
contributions, read the totals and the gentle warnings.

Every change is checked in the open workbook and in the file read back from disk after
ctrl+s; totals are checked against sums worked out by hand from the riverside example.
"""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from rich.console import Console
from shell_tools import screen_text, statics_text, toasts
from textual.widgets import Static

from partnertui import analysis, storage
from partnertui.model import ContributionKind, Role, new_project
from partnertui.storage.session import OpenFile
from partnertui.tui.screens.roles import ALL, RoleRows, RolesScreen, heading_key
from partnertui.tui.widgets.dialogs import ChoiceDialog
from partnertui.tui.widgets.form import FormDialog
from partnertui.tui.widgets.partner_lists import ContributionsDialog, ResponsibilitiesDialog
from partnertui.tui.workbook import Workbook

SOMALI = "somali-parents-association"
WESTSIDE = "westside-school-board"
MARION = "marion-clarke"
PARENTS = "riverside-parents-network"
YC = "riverside-youth-centre"
TRANSIT = "tri-city-transit"

DECLINED = "Has declined, but still holds the Communication role"
NO_LEAD = "Coordination partners work under a lead organization, and the project has none set"
NO_DUTIES = "An equal partner with no responsibilities recorded yet"
NO_GIFT = "A cooperation partner with no contribution recorded yet"


def roles_screen(app) -> RolesScreen:
    screen = app.screen
    assert isinstance(screen, RolesScreen)
    return screen


def selected(app) -> str | None:
    partner = roles_screen(app).selected_partner()
    return partner.id if partner else None


def panel(app) -> str:
    """What the selected-partner panel says, as drawn, with each run of blanks (the
    panel's column alignment, or a line wrapped) read as one space."""
    console = Console(width=240, file=io.StringIO(), record=True)
    console.print(roles_screen(app).query_one("#partner", Static).content)
    return " ".join(console.export_text().split())


def flagged(app) -> list[str]:
    """Partners whose row carries a ⚠, top to bottom."""
    table = roles_screen(app).table
    keys = table.row_keys
    return [key for key in keys if not key.startswith("role:") and str(table.get_row(key)[6])]


def row_of(app, key: str) -> list[str]:
    table = roles_screen(app).table
    return [str(cell) for cell in table.get_row(key)]


def group_of(app, partner_id: str) -> str:
    """The heading the partner's row sits under, as the person sees it."""
    table = roles_screen(app).table
    heading = ""
    for row in range(table.row_count):
        key = table.row_keys[row]
        if key.startswith("role:"):
            heading = str(table.get_row_at(row)[0])
        elif key == partner_id:
            return heading
    raise AssertionError(f"{partner_id} is not in the table")


async def go_to(pilot, app, partner_id: str) -> None:
    """Move to ``partner_id`` with the keyboard: to the top, then down row by row."""
    await pilot.press("g")
    await pilot.pause()
    for _ in range(roles_screen(app).table.row_count):
        if selected(app) == partner_id:
            return
        await pilot.press("j")
        await pilot.pause()
    raise AssertionError(f"could not reach {partner_id}")


async def save(pilot) -> None:
    await pilot.press("ctrl+s")
    await pilot.pause()


# -- giving roles ------------------------------------------------------------------


@pytest.mark.parametrize(
    ("key", "role", "heading"),
    [
        ("c", Role.COOPERATION, "Cooperation (3)"),
        ("m", Role.COMMUNICATION, "Communication (3)"),
        ("o", Role.COORDINATION, "Coordination (3)"),
        ("l", Role.COLLABORATION, "Collaboration (3)"),
    ],
)
async def test_each_role_is_given_by_its_key(project_file, make_app, key, role, heading):
    path = project_file("riverside-youth")
    app = make_app(path)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("3")
        await pilot.pause()
        # The to-do comes first: the first partner without a role is selected.
        assert selected(app) == SOMALI
        await pilot.press(key)
        await pilot.pause()
        assert app.workbook.project.partner(SOMALI).role is role
        assert app.workbook.dirty
        assert "unsaved" in screen_text(app).splitlines()[0]
        # The row moved to its new group, and the selection went with it.
        assert group_of(app, SOMALI) == heading
        assert selected(app) == SOMALI
        assert row_of(app, heading_key(None))[0] == "⚠ No role yet (1)"
        await save(pilot)
        assert not app.workbook.dirty
    assert storage.load(path).partner(SOMALI).role is role


async def test_a_role_is_changed_and_cleared(project_file, make_app):
    path = project_file("riverside-youth")
    app = make_app(path)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("3")
        await go_to(pilot, app, TRANSIT)
        assert group_of(app, TRANSIT) == "Cooperation (2)"
        await pilot.press("o")
        await pilot.pause()
        assert group_of(app, TRANSIT) == "Coordination (3)"
        await save(pilot)
        assert storage.load(path).partner(TRANSIT).role is Role.COORDINATION
        await pilot.press("x")
        await pilot.pause()
        assert app.workbook.project.partner(TRANSIT).role is None
        assert group_of(app, TRANSIT) == "⚠ No role yet (3)"
        assert "no role yet" in panel(app)
        await save(pilot)
    assert storage.load(path).partner(TRANSIT).role is None


async def test_ten_partners_none_assigned_to_all_assigned_from_the_keyboard(project_file, make_app):
    path = project_file("riverside-youth")
    project = storage.load(path)
    for partner in project.partners:
        partner.role = None
    storage.save(project, path)
    plan = {
        "al-noor-community-centre": "m",
        "main-street-bia": "c",
        MARION: "m",
        PARENTS: "o",
        "riverside-police-liaison": "o",
        YC: "l",
        "riverside-youth-council": "l",
        SOMALI: "m",
        TRANSIT: "c",
        WESTSIDE: "c",
    }
    keys = {"c": Role.COOPERATION, "m": Role.COMMUNICATION, "o": Role.COORDINATION}
    keys["l"] = Role.COLLABORATION
    app = make_app(path)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("3")
        await pilot.pause()
        assert row_of(app, heading_key(None))[0] == "⚠ No role yet (10)"
        for _ in range(10):
            # g goes to the top, which lands on the first partner still to do.
            await pilot.press("g")
            await pilot.pause()
            await pilot.press(plan[selected(app)])
            await pilot.pause()
        assert row_of(app, heading_key(None))[0] == "No role yet (0)"
        await save(pilot)
    saved = storage.load(path)
    assert {p.id: p.role for p in saved.partners} == {pid: keys[k] for pid, k in plan.items()}


async def test_roles_are_in_the_palette_by_name(project_file, make_app):
    path = project_file("riverside-youth")
    app = make_app(path)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("3")
        await pilot.pause()
        titles = {command.title for command in app.get_system_commands(app.screen)}
        assert {
            "Assign role: cooperation",
            "Assign role: communication",
            "Assign role: coordination",
            "Assign role: collaboration",
            "Clear role (back to no role yet)",
            "Edit responsibilities",
            "Edit contributions",
        } <= titles
        await pilot.press("ctrl+p")
        await pilot.pause()
        await pilot.press(*"Assign role: collab")
        await pilot.pause(0.3)
        await pilot.press("enter")
        await pilot.pause()
        assert app.workbook.project.partner(SOMALI).role is Role.COLLABORATION
        await save(pilot)
    assert storage.load(path).partner(SOMALI).role is Role.COLLABORATION


async def test_the_keys_are_in_the_footer_and_help(project_file, make_app):
    app = make_app(project_file("riverside-youth"))
    async with app.run_test(size=(100, 60)) as pilot:
        await pilot.press("3")
        await pilot.pause()
        footer = screen_text(app).splitlines()[-1]
        assert "c m o l x Give role" in footer
        assert "^s Save" in footer and "? Help" in footer
        # r and v leave the footer room for the shared keys; the pane names them.
        assert "Responsibilities (r)" in screen_text(app)
        await pilot.press("question_mark")
        await pilot.pause()
        shown = screen_text(app)
        assert "Assign role: cooperation" in shown
        assert "Edit contributions" in shown


# -- responsibilities --------------------------------------------------------------


async def test_responsibilities_are_added_edited_and_removed(project_file, make_app):
    path = project_file("riverside-youth")
    app = make_app(path)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("3")
        await pilot.pause()
        assert selected(app) == SOMALI
        await pilot.press("r")
        await pilot.pause()
        assert isinstance(app.screen, ResponsibilitiesDialog)
        assert "No responsibilities recorded yet" in screen_text(app)
        await pilot.press("a")
        await pilot.pause()
        assert isinstance(app.screen, FormDialog)
        await pilot.press(*"interprets at parent nights", "enter")
        await pilot.pause()
        await pilot.press("a", *"hosts the [b]May[/b] meeting", "enter")
        await pilot.pause()
        assert isinstance(app.screen, ResponsibilitiesDialog)
        assert "hosts the [b]May[/b] meeting" in screen_text(app)
        await save(pilot)
        assert storage.load(path).partner(SOMALI).responsibilities == [
            "interprets at parent nights",
            "hosts the [b]May[/b] meeting",
        ]
        # Edit the first: up to it, Enter, clear the line, type the new words.
        await pilot.press("k", "enter")
        await pilot.pause()
        assert isinstance(app.screen, FormDialog)
        await pilot.press("ctrl+u", *"interprets at every parent night", "enter")
        await pilot.pause()
        # A repeat is refused beside the field, and nothing typed is lost.
        await pilot.press("a", *"hosts the [b]May[/b] meeting", "enter")
        await pilot.pause()
        assert isinstance(app.screen, FormDialog)
        assert "already listed" in screen_text(app)
        await pilot.press("escape")
        await pilot.pause()
        await pilot.press("d")  # asks first: "discard your changes?"
        await pilot.pause()
        assert isinstance(app.screen, ResponsibilitiesDialog)
        await save(pilot)
        assert storage.load(path).partner(SOMALI).responsibilities == [
            "interprets at every parent night",
            "hosts the [b]May[/b] meeting",
        ]
        # Remove the second, after saying yes.
        await pilot.press("j", "d")
        await pilot.pause()
        assert isinstance(app.screen, ChoiceDialog)
        await pilot.press("y")
        await pilot.pause()
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, RolesScreen)
        assert "Responsibilities (r): interprets at every parent night" in panel(app)
        assert row_of(app, SOMALI)[2] == "1"
        await save(pilot)
    assert storage.load(path).partner(SOMALI).responsibilities == [
        "interprets at every parent night"
    ]


async def test_removing_a_responsibility_can_be_cancelled(project_file, make_app):
    path = project_file("riverside-youth")
    app = make_app(path)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("3")
        await go_to(pilot, app, YC)
        await pilot.press("r", "d")
        await pilot.pause()
        await pilot.press("enter")  # the safe answer comes first
        await pilot.pause()
        assert isinstance(app.screen, ResponsibilitiesDialog)
        assert not app.workbook.dirty
        assert len(app.workbook.project.partner(YC).responsibilities) == 2


# -- contributions -----------------------------------------------------------------


async def test_contributions_are_added_edited_and_removed(project_file, make_app):
    path = project_file("riverside-youth")
    app = make_app(path)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("3")
        await pilot.pause()
        await pilot.press("v")
        await pilot.pause()
        assert isinstance(app.screen, ContributionsDialog)
        await pilot.press("a")
        await pilot.pause()
        # Kind starts at "In kind"; one up is "Financial".
        await pilot.press("enter", "up", "enter")
        await pilot.press("tab", *"Translation budget")
        await pilot.press("tab", *"1,250.50", "enter")
        await pilot.pause()
        assert isinstance(app.screen, ContributionsDialog)
        shown = screen_text(app)
        assert "Translation budget" in shown
        assert "CAD 1,250.50" in shown
        # A value that is not a number is refused beside the field.
        await pilot.press("a", "tab", *"Interpreters", "tab", *"lots", "enter")
        await pilot.pause()
        assert isinstance(app.screen, FormDialog)
        assert "write an amount as a number" in screen_text(app)
        await pilot.press("ctrl+u", *"-40", "enter")
        await pilot.pause()
        assert "write an amount from 0 to" in screen_text(app)
        # So is one too large to add up (the workbook once exited on two of these).
        await pilot.press("ctrl+u", *"1e308", "enter")
        await pilot.pause()
        assert isinstance(app.screen, FormDialog)
        assert "write an amount from 0 to" in screen_text(app)
        await pilot.press("ctrl+u", "enter")  # no value known yet: that is fine
        await pilot.pause()
        assert isinstance(app.screen, ContributionsDialog)
        await save(pilot)
        gifts = storage.load(path).partner(SOMALI).contributions
        assert [(g.kind, g.description, g.value) for g in gifts] == [
            (ContributionKind.FINANCIAL, "Translation budget", 1250.5),
            (ContributionKind.IN_KIND, "Interpreters", None),
        ]
        # Edit the second: give it a value.
        await pilot.press("enter")
        await pilot.pause()
        await pilot.press("tab", "tab", *"300", "enter")
        await pilot.pause()
        assert "total CAD 1,550.50" in screen_text(app)
        # Remove the first.
        await pilot.press("k", "d", "y")
        await pilot.pause()
        await pilot.press("escape")
        await pilot.pause()
        assert "Contributions (v): In kind “Interpreters” CAD 300" in panel(app)
        await save(pilot)
    gifts = storage.load(path).partner(SOMALI).contributions
    assert [(g.kind, g.description, g.value) for g in gifts] == [
        (ContributionKind.IN_KIND, "Interpreters", 300.0)
    ]


# -- totals ------------------------------------------------------------------------

# Riverside, worked out by hand from examples/riverside-youth.toml. Only "financial"
# contributions are financial; every other kind is in kind; the police's advice has
# no value and counts in neither.
#   no role: Somali (nothing), Westside (resources 600)             -> 0 / 600
#   cooperation: BIA (supplies 800), Transit (equipment 2,500,
#                financial 1,200)                                    -> 1,200 / 3,300
#   communication: Al-Noor (volunteer time 450), Marion (nothing)    -> 0 / 450
#   coordination: Parents (volunteer time 6,400), Police (advice)    -> 0 / 6,400
#   collaboration: Youth Centre (space 4,800, financial 1,500),
#                  Youth Council (in kind 300)                       -> 1,500 / 5,100
#   all ten: 2,700 financial, 15,850 in kind
RIVERSIDE_HEADINGS = {
    ALL: ["All partners (10)", "CAD 2,700", "CAD 15,850", "⚠"],
    heading_key(None): ["⚠ No role yet (2)", "CAD 0", "CAD 600", ""],
    heading_key(Role.COOPERATION): ["Cooperation (2)", "CAD 1,200", "CAD 3,300", ""],
    heading_key(Role.COMMUNICATION): ["Communication (2)", "CAD 0", "CAD 450", "⚠"],
    heading_key(Role.COORDINATION): ["Coordination (2)", "CAD 0", "CAD 6,400", ""],
    heading_key(Role.COLLABORATION): ["Collaboration (2)", "CAD 1,500", "CAD 5,100", ""],
}


def headings(rows) -> dict[str, list[str]]:
    return {
        key: [cells[0].plain, cells[4].plain, cells[5].plain, cells[6].plain]
        for key, cells in rows
        if key.startswith("role:")
    }


def test_totals_by_role_match_sums_worked_out_by_hand(examples):
    project = storage.load(examples / "riverside-youth.toml")
    rows = RoleRows()(project, 30, analysis.RoleLedger().summary(project))
    assert headings(rows) == RIVERSIDE_HEADINGS
    assert [key for key, _ in rows] == [
        ALL,
        heading_key(None),
        SOMALI,
        WESTSIDE,
        heading_key(Role.COOPERATION),
        "main-street-bia",
        TRANSIT,
        heading_key(Role.COMMUNICATION),
        "al-noor-community-centre",
        MARION,
        heading_key(Role.COORDINATION),
        PARENTS,
        "riverside-police-liaison",
        heading_key(Role.COLLABORATION),
        YC,
        "riverside-youth-council",
    ]
    # A partner's own row: Transit gives 1,200 in money and 2,500 in kind.
    transit = dict(rows)[TRANSIT]
    assert [c.plain for c in transit] == [
        "  Tri-City Transit",
        "Invited",
        "·",
        "2",
        "CAD 1,200",
        "CAD 2,500",
        "",
    ]


def test_rows_kept_across_edits_are_the_rows_made_afresh(examples, tmp_path):
    """The rows are kept between redraws and patched for the partners an edit
    replaced; after every kind of edit they must read exactly as rows worked out
    from scratch for the same project."""
    path = tmp_path / "riverside.toml"
    path.write_bytes((examples / "riverside-youth.toml").read_bytes())
    file, project = OpenFile.open(path)
    workbook = Workbook(project, file)
    kept = RoleRows()

    def as_read(rows) -> list[tuple[str, list[str]]]:
        return [(key, [cell.plain for cell in cells]) for key, cells in rows]

    def agree(width: int = 30) -> None:
        project = workbook.project
        afresh = RoleRows()(project, width, analysis.RoleLedger().summary(project))
        assert as_read(kept(project, width, workbook.figures.roles)) == as_read(afresh)

    agree()
    edits = [
        lambda: workbook.set_role(SOMALI, Role.COOPERATION),
        lambda: workbook.set_role(SOMALI, None),
        lambda: workbook.set_role(YC, Role.COMMUNICATION),
        lambda: workbook.add_contribution(
            TRANSIT, {"kind": ContributionKind.FINANCIAL, "description": "Fares", "value": 0.1}
        ),
        lambda: workbook.update_partner(TRANSIT, {"status": "declined"}),
        lambda: workbook.update_partner(TRANSIT, {"name": "Aardvark Transit"}),
        lambda: workbook.add_partner({"name": "Zed Bakery", "role": Role.COOPERATION}),
        lambda: workbook.delete_partner(MARION),
        lambda: workbook.update_details({"lead_organization": ""}),
    ]
    for edit in edits:
        edit()
        agree()
    # Two edits between redraws, as when the list was not on screen, and a new width.
    workbook.set_role(PARENTS, None)
    workbook.set_role(WESTSIDE, Role.COORDINATION)
    agree()
    agree(width=44)


async def test_totals_on_screen_follow_role_changes_and_contributions(project_file, make_app):
    path = project_file("riverside-youth")
    app = make_app(path)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("3")
        await pilot.pause()
        for key, expected in RIVERSIDE_HEADINGS.items():
            cells = row_of(app, key)
            assert [cells[0], cells[4], cells[5], cells[6]] == expected
        # Westside (600 in kind) joins Collaboration, and gives 99.99 more in money.
        await go_to(pilot, app, WESTSIDE)
        await pilot.press("l", "v", "a", "enter", "up", "enter", "tab", "tab", *"99.99", "enter")
        await pilot.pause()
        await pilot.press("escape")
        await pilot.pause()
        assert row_of(app, heading_key(None))[4:6] == ["CAD 0", "CAD 0"]
        assert row_of(app, heading_key(Role.COLLABORATION))[0] == "Collaboration (3)"
        assert row_of(app, heading_key(Role.COLLABORATION))[4:6] == ["CAD 1,599.99", "CAD 5,700"]
        assert row_of(app, ALL)[4:6] == ["CAD 2,799.99", "CAD 15,850"]
        assert row_of(app, WESTSIDE)[4:6] == ["CAD 99.99", "CAD 600"]
        await save(pilot)
    totals = analysis.RoleLedger().summary(storage.load(path)).groups[Role.COLLABORATION].totals
    assert totals == analysis.RoleTotals(3, 1599.99, 5700.0, 7299.99)


async def test_the_overview_roster_agrees_with_the_groups(project_file, make_app):
    app = make_app(project_file("riverside-youth"))
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("3", "l", "g", "o")
        await pilot.pause()
        labels = [row_of(app, heading_key(r))[0] for r in (None, *Role)]
        assert labels == [
            "No role yet (0)",
            "Cooperation (2)",
            "Communication (2)",
            "Coordination (3)",
            "Collaboration (3)",
        ]
        await pilot.press("1")
        await pilot.pause()
        overview = statics_text(app.screen)
        for label in labels[1:]:
            assert label in overview
        assert "No role yet" not in overview or "No role yet (0)" in overview


# -- gentle warnings -----------------------------------------------------------------


async def test_each_warning_shows_exactly_while_its_condition_holds(project_file, make_app):
    path = project_file("riverside-youth")
    app = make_app(path)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("3")
        await pilot.pause()
        project = app.workbook.project

        def warned(partner_id: str) -> list[str]:
            return analysis.role_warnings(project.partner(partner_id), app.workbook.project)

        # Riverside has one warning: Marion declined but still holds a role.
        assert flagged(app) == [MARION]
        await go_to(pilot, app, MARION)
        assert f"⚠ {DECLINED}" in panel(app)
        assert warned(MARION) == [DECLINED]
        await pilot.press("x")
        await pilot.pause()
        assert DECLINED not in panel(app)
        assert row_of(app, MARION)[6] == ""
        assert analysis.role_warnings(app.workbook.project.partner(MARION), project) == []

        # A collaboration partner with no responsibilities, until one is recorded.
        await go_to(pilot, app, SOMALI)
        assert "⚠" not in panel(app)
        await pilot.press("l")
        await pilot.pause()
        assert f"⚠ {NO_DUTIES}" in panel(app)
        assert row_of(app, SOMALI)[6] == "⚠"
        await pilot.press("r", "a", *"co-chairs", "enter")
        await pilot.pause()
        await pilot.press("escape")
        await pilot.pause()
        assert NO_DUTIES not in panel(app)
        assert row_of(app, SOMALI)[6] == ""

        # A cooperation partner with nothing given, until something is.
        await pilot.press("c")
        await pilot.pause()
        assert f"⚠ {NO_GIFT}" in panel(app)
        assert NO_DUTIES not in panel(app)  # responsibilities only matter to equals
        await pilot.press("v", "a", "ctrl+s")  # "In kind", no value: still a contribution
        await pilot.pause()
        await pilot.press("escape")
        await pilot.pause()
        assert NO_GIFT not in panel(app)

        # Coordination needs a lead organization; the example has one.
        await go_to(pilot, app, PARENTS)
        assert NO_LEAD not in panel(app)
        app.workbook.update_details({"lead_organization": ""})
        await pilot.pause()
        assert f"⚠ {NO_LEAD}" in panel(app)
        assert row_of(app, PARENTS)[6] == "⚠"
        assert row_of(app, heading_key(Role.COORDINATION))[6] == "⚠ 2"
        app.workbook.update_details({"lead_organization": "Riverside Community Association"})
        await pilot.pause()
        assert NO_LEAD not in panel(app)
        assert row_of(app, PARENTS)[6] == ""

        # Two at once: declined, and coordinating with no lead.
        app.workbook.update_partner(PARENTS, {"status": "declined"})
        app.workbook.update_details({"lead_organization": ""})
        await pilot.pause()
        text = panel(app)
        assert "⚠ Has declined, but still holds the Coordination role" in text
        assert f"⚠ {NO_LEAD}" in text
        assert row_of(app, PARENTS)[6] == "⚠ 2"
        # Warnings never stop a save.
        await save(pilot)
        assert not app.workbook.dirty
    assert storage.load(path).partner(PARENTS).status == "declined"


# -- the unusual cases -------------------------------------------------------------


async def test_no_partners_teaches_and_the_first_can_be_added_here(tmp_path: Path, make_app):
    path = tmp_path / "empty.toml"
    storage.save(new_project("Quiet Lane", "Lane Residents"), path, create=True)
    app = make_app(path)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("3")
        await pilot.pause()
        shown = screen_text(app)
        assert "No partners yet, so there is nobody to give a role to." in shown
        assert "Cooperation" in shown and "Collaboration" in shown  # the roles, explained
        await pilot.press("c", "r", "v")
        await pilot.pause()
        assert isinstance(app.screen, RolesScreen)
        assert any("Press a to add one" in t for t in toasts(app))
        await pilot.press("a", *"Lane Watch", "ctrl+s")
        await pilot.pause()
        assert selected(app) == "lane-watch"
        await pilot.press("o")
        await pilot.pause()
        await save(pilot)
    assert storage.load(path).partner("lane-watch").role is Role.COORDINATION


async def test_the_selected_partner_deleted_elsewhere(project_file, make_app):
    path = project_file("riverside-youth")
    app = make_app(path)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("3")
        await go_to(pilot, app, TRANSIT)
        await pilot.press("2")
        await pilot.pause()
        app.workbook.delete_partner(TRANSIT)
        await pilot.press("3")
        await pilot.pause()
        assert roles_screen(app).table.row_index(TRANSIT) is None
        assert selected(app) is not None and selected(app) != TRANSIT
        assert row_of(app, heading_key(Role.COOPERATION))[0] == "Cooperation (1)"
        assert row_of(app, ALL)[4:6] == ["CAD 1,500", "CAD 13,350"]
        # And while the screen is showing, too.
        now = selected(app)
        app.workbook.delete_partner(now)
        await pilot.pause()
        assert selected(app) not in (None, now)
        await pilot.press("m")
        await pilot.pause()
        assert app.workbook.project.partner(selected(app)).role is Role.COMMUNICATION


async def test_a_list_says_so_when_its_partner_is_deleted_underneath(project_file, make_app):
    app = make_app(project_file("riverside-youth"))
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("3", "v", "a")
        await pilot.pause()
        assert isinstance(app.screen, FormDialog)
        app.workbook.delete_partner(SOMALI)
        await pilot.pause()
        # The form stays until it is answered; saving it is refused in words.
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert "no partner" in screen_text(app)
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, ContributionsDialog)
        assert "no longer in the project" in screen_text(app)
        await pilot.press("a", "escape")
        await pilot.pause()
        assert isinstance(app.screen, RolesScreen)
        assert selected(app) not in (None, SOMALI)


async def test_names_are_shown_as_written_never_as_markup(project_file, make_app):
    path = project_file("riverside-youth")
    app = make_app(path)
    async with app.run_test(size=(100, 30)) as pilot:
        app.workbook.update_partner(SOMALI, {"name": "[b]Bold[/b] \x1b[31m"})
        await pilot.press("3")
        await pilot.pause()
        shown = screen_text(app)
        assert "[b]Bold[/b] ␛[31m" in shown
        assert "[b]Bold[/b] ␛[31m" in panel(app)


# -- how it looks --------------------------------------------------------------------


def test_roles_snapshot_80x24(snap_compare, project_file, make_app):
    app = make_app(project_file("riverside-youth"))
    assert snap_compare(app, terminal_size=(80, 24), press=["3"])


def test_roles_snapshot_120x40(snap_compare, project_file, make_app):
    app = make_app(project_file("riverside-youth"))
    assert snap_compare(app, terminal_size=(120, 40), press=["3", "j", "j", "j", "j", "j", "j"])


def test_roles_empty_snapshot(snap_compare, tmp_path: Path, make_app):
    path = tmp_path / "empty.toml"
    storage.save(new_project("Quiet Lane", "Lane Residents"), path, create=True)
    assert snap_compare(make_app(path), terminal_size=(80, 24), press=["3"])


async def test_huge_amounts_are_shortened_in_the_list_and_shown_in_full_below(
    project_file, make_app
):
    """Contributions near the trillion the file allows keep the list within 80
    columns: shortened there, in full in the panel under it."""
    path = project_file("riverside-youth")
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace("value = 1200.0", "value = 999999999999.99", 1))
    app = make_app(path)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("3")
        await pilot.pause()
        table = roles_screen(app).table
        assert row_of(app, TRANSIT)[4] == "CAD 1.0 tn"
        assert row_of(app, ALL)[4] == "CAD 1.0 tn"
        assert not table.show_horizontal_scrollbar
        assert "CAD 1.0 tn" in screen_text(app)
        await go_to(pilot, app, TRANSIT)
        assert "CAD 999,999,999,999.99" in panel(app)
