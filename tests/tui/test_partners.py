"""The partners screen as a person uses it: add, edit, delete, filter and sort partners.

Every change is checked twice: in the open workbook, and in the file read back from
disk after ctrl+s.
"""

from __future__ import annotations

from shell_tools import screen_text, statics_text, toasts
from textual.widgets import Checkbox, Input

from partnertui import storage
from partnertui.model import Kind, Relationship, Role, Status
from partnertui.tui.screens.partners import PartnersScreen
from partnertui.tui.widgets.dialogs import ChoiceDialog
from partnertui.tui.widgets.form import FormDialog
from partnertui.tui.widgets.table import ListTable

MARKUP_NAME = "[b]x[/b] [link=http://e.test]y[/link]"


def names_in_table(app) -> list[str]:
    table = app.screen.query_one(ListTable)
    return [str(table.get_row_at(row)[0]) for row in range(table.row_count)]


async def test_add_a_partner_through_the_form_and_save(project_file, make_app):
    path = project_file("riverside-youth")
    app = make_app(path)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("2", "a")
        await pilot.pause()
        assert isinstance(app.screen, FormDialog)
        assert app.focused.id == "field-name"
        await pilot.press(*"Eastside Youth Hub")
        # Kind: open the menu, go down from Organization to Business, choose it.
        await pilot.press("tab", "enter", "down", "enter")
        await pilot.press("tab")  # Relationship stays New
        await pilot.press("tab", "enter", "down", "down", "enter")  # Candidate -> Confirmed
        await pilot.press("tab", *"Sam Okafor, sam@example.org")
        await pilot.press("tab", "space")  # most affected: yes
        assert app.focused.id == "field-affected_by_issue"
        assert isinstance(app.focused, Checkbox) and app.focused.value
        assert str(app.focused.label) == "yes"
        await pilot.press("tab", "tab", "space")  # youth: yes (stake left as no)
        await pilot.press("tab", *"youth outreach, music,  , Somali interpretation")
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert isinstance(app.screen, PartnersScreen)
        added = app.workbook.project.partner("eastside-youth-hub")
        assert added is not None
        assert app.workbook.dirty
        assert "●" in screen_text(app).splitlines()[0]
        # The new partner is selected and described under the table.
        assert "Eastside Youth Hub" in screen_text(app)
        assert app.screen.selected_partner().id == "eastside-youth-hub"
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert not app.workbook.dirty
    saved = storage.load(path)
    assert len(saved.partners) == 11
    partner = saved.partner("eastside-youth-hub")
    assert partner == added
    assert partner.name == "Eastside Youth Hub"
    assert partner.kind is Kind.BUSINESS
    assert partner.relationship is Relationship.NEW
    assert partner.status is Status.CONFIRMED
    assert partner.contact == "Sam Okafor, sam@example.org"
    assert partner.affected_by_issue and partner.youth and not partner.stake_in_solutions
    assert partner.skills == ["youth outreach", "music", "Somali interpretation"]
    assert partner.role is None


async def test_added_partner_gets_a_unique_slug_id(project_file, make_app):
    path = project_file("riverside-youth")
    app = make_app(path)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("2", "a", *"Riverside Youth Centre", "ctrl+s")
        await pilot.pause()
        await pilot.press("ctrl+s")  # the name is taken: added when saved again
        await pilot.pause()
        await pilot.press("ctrl+s")
        await pilot.pause()
    ids = [p.id for p in storage.load(path).partners]
    assert "riverside-youth-centre-2" in ids
    assert ids.count("riverside-youth-centre") == 1


async def test_empty_name_is_refused_beside_the_field_and_keeps_what_was_typed(
    project_file, make_app
):
    path = project_file("riverside-youth")
    before = path.read_bytes()
    app = make_app(path)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("2", "a", "tab", "tab", "tab", "tab", *"call Priya", "ctrl+s")
        await pilot.pause()
        assert isinstance(app.screen, FormDialog)
        error = app.screen.query_one("#error-name")
        assert error.display and "every partner needs a name" in str(error.render())
        assert "every partner needs a name" in screen_text(app)
        assert app.focused.id == "field-name"
        assert app.screen.query_one("#field-contact", Input).value == "call Priya"
        assert len(app.workbook.project.partners) == 10
        assert not app.workbook.dirty
        # Fixing the mistake saves, and the message goes away with the dialog.
        await pilot.press(*"Priya Nair", "ctrl+s")
        await pilot.pause()
        assert isinstance(app.screen, PartnersScreen)
        assert app.workbook.project.partner("priya-nair").contact == "call Priya"
    assert path.read_bytes() == before  # added but never saved


async def test_escape_on_a_changed_form_asks_before_discarding(project_file, make_app):
    app = make_app(project_file("riverside-youth"))
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("2", "a", *"Half typed", "escape")
        await pilot.pause()
        assert isinstance(app.screen, ChoiceDialog)
        await pilot.press("k")  # keep editing
        await pilot.pause()
        assert isinstance(app.screen, FormDialog)
        assert app.screen.query_one("#field-name", Input).value == "Half typed"
        await pilot.press("escape", "d")
        await pilot.pause()
        assert isinstance(app.screen, PartnersScreen)
        assert len(app.workbook.project.partners) == 10
        assert not app.workbook.dirty


async def _select(pilot, app, name: str) -> None:
    """Move the table cursor to the partner called ``name`` with the keyboard."""
    await pilot.press("g")
    for _ in range(len(app.screen.shown)):
        if app.screen.selected_partner().name == name:
            return
        await pilot.press("j")
    raise AssertionError(f"{name} is not in the table")


async def test_rename_keeps_the_id(project_file, make_app):
    path = project_file("riverside-youth")
    app = make_app(path)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("2")
        await _select(pilot, app, "Tri-City Transit")
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, FormDialog)
        assert "tri-city-transit" in screen_text(app)
        name = app.screen.query_one("#field-name", Input)
        assert name.value == "Tri-City Transit"
        await pilot.press("ctrl+a", "ctrl+k", *"Grand River Transit", "ctrl+s")
        await pilot.pause()
        await pilot.press("ctrl+s")
        await pilot.pause()
    saved = storage.load(path)
    partner = saved.partner("tri-city-transit")
    assert partner.name == "Grand River Transit"
    assert [p.id for p in saved.partners].count("tri-city-transit") == 1
    assert not any(p.id.startswith("grand-river") for p in saved.partners)


async def test_edit_with_e_changes_status_and_role(project_file, make_app):
    path = project_file("riverside-youth")
    app = make_app(path)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("2")
        await _select(pilot, app, "Somali Canadian Parents Association")
        await pilot.press("e")
        await pilot.pause()
        # Status: Candidate -> Invited; Role: Not yet assigned -> Communication.
        await pilot.press("tab", "tab", "tab", "enter", "down", "enter")
        for _ in range(6):
            await pilot.press("tab")
        assert app.focused.id == "field-role"
        await pilot.press("enter", "down", "down", "enter", "ctrl+s")
        await pilot.pause()
        await pilot.press("ctrl+s")
        await pilot.pause()
    partner = storage.load(path).partner("somali-parents-association")
    assert partner.status is Status.INVITED
    assert partner.role is Role.COMMUNICATION
    assert partner.skills == ["Somali interpretation"]  # untouched fields stay


async def _delete_youth_centre(pilot, app) -> ChoiceDialog:
    await pilot.press("2", "slash", *"youth centre", "enter")
    await pilot.pause()
    assert names_in_table(app) == ["Riverside Youth Centre"]
    await pilot.press("d")
    await pilot.pause()
    assert isinstance(app.screen, ChoiceDialog)
    return app.screen


async def test_delete_says_what_refers_to_the_partner(project_file, make_app):
    app = make_app(project_file("riverside-youth"))
    async with app.run_test(size=(80, 24)) as pilot:
        await _delete_youth_centre(pilot, app)
        shown = screen_text(app)
        assert "Delete Riverside Youth Centre?" in shown
        assert "2 assessment response(s)" in shown
        assert "Kick-off, Ten weeks" in shown
        assert "owns 2 action(s)" in shown
        assert "Keep them without an owner, or delete them too?" in shown


async def test_delete_keeping_its_actions_unowned(project_file, make_app):
    path = project_file("riverside-youth")
    before = storage.load(path)
    owned = [a.text for a in before.actions if a.owner == "riverside-youth-centre"]
    assert len(owned) == 2
    app = make_app(path)
    async with app.run_test(size=(80, 24)) as pilot:
        await _delete_youth_centre(pilot, app)
        await pilot.press("k")
        await pilot.pause()
        assert app.workbook.project.partner("riverside-youth-centre") is None
        assert any("Deleted Riverside Youth Centre" in toast for toast in toasts(app))
        await pilot.press("ctrl+s")
        await pilot.pause()
    saved = storage.load(path)
    assert saved.partner("riverside-youth-centre") is None
    assert len(saved.partners) == 9
    assert len(saved.actions) == len(before.actions)
    assert [a.owner for a in saved.actions if a.text in owned] == [None, None]
    assert all(a.respondent != "riverside-youth-centre" for a in saved.assessments)
    assert len(saved.assessments) == len(before.assessments) - 2


async def test_delete_with_its_actions(project_file, make_app):
    path = project_file("riverside-youth")
    before = storage.load(path)
    app = make_app(path)
    async with app.run_test(size=(80, 24)) as pilot:
        await _delete_youth_centre(pilot, app)
        await pilot.press("x")
        await pilot.pause()
        await pilot.press("ctrl+s")
        await pilot.pause()
    saved = storage.load(path)
    assert saved.partner("riverside-youth-centre") is None
    assert len(saved.actions) == len(before.actions) - 2
    assert all(a.owner != "riverside-youth-centre" for a in saved.actions)
    assert len(saved.assessments) == len(before.assessments) - 2


async def test_cancelling_a_delete_leaves_everything(project_file, make_app):
    path = project_file("riverside-youth")
    before = path.read_bytes()
    app = make_app(path)
    async with app.run_test(size=(80, 24)) as pilot:
        await _delete_youth_centre(pilot, app)
        await pilot.press("escape")
        await pilot.pause()
        await pilot.press("d")
        await pilot.pause()
        await pilot.press("enter")  # the first answer, Cancel, is the default
        await pilot.pause()
        assert isinstance(app.screen, PartnersScreen)
        assert app.workbook.project.partner("riverside-youth-centre") is not None
        assert not app.workbook.dirty
        await pilot.press("ctrl+q")
        await pilot.pause()
    assert app.return_value == 0
    assert path.read_bytes() == before


async def test_delete_without_references_is_one_confirmation(project_file, make_app):
    path = project_file("riverside-youth")
    app = make_app(path)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("2")
        await _select(pilot, app, "Marion Clarke")
        await pilot.press("delete")
        await pilot.pause()
        shown = screen_text(app)
        assert "will be removed from the project" in shown
        assert "action" not in shown.split("Delete Marion Clarke?")[1]
        await pilot.press("y")
        await pilot.pause()
        await pilot.press("ctrl+s")
        await pilot.pause()
    assert storage.load(path).partner("marion-clarke") is None


async def test_filter_by_typing_and_escape_clears(project_file, make_app):
    app = make_app(project_file("riverside-youth"))
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("2", "slash")
        await pilot.pause()
        assert isinstance(app.focused, Input)
        await pilot.press(*"riverside youth")
        await pilot.pause()
        assert names_in_table(app) == ["Riverside Youth Centre", "Riverside Youth Council"]
        assert "2 match “riverside youth”" in screen_text(app)
        await pilot.press("escape")
        await pilot.pause()
        assert len(names_in_table(app)) == 10
        assert isinstance(app.focused, ListTable)
        # Filters look at skills, kind and status too, not only names.
        await pilot.press("slash", *"interpretation")
        await pilot.pause()
        assert names_in_table(app) == [
            "Al-Noor Mosque and Community Centre",
            "Somali Canadian Parents Association",
        ]
        assert "Al-Noor Mosque and Co…" in screen_text(app)  # cut to the column
        await pilot.press("slash", *"zzz")  # nothing matches: say so
        await pilot.pause()
        assert "No partner matches the filter" in screen_text(app)
        await pilot.press("escape")
        await pilot.pause()
        assert len(names_in_table(app)) == 10


async def test_sort_with_s_cycles_name_kind_status_role(project_file, make_app):
    app = make_app(project_file("riverside-youth"))
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("2")
        await pilot.pause()
        screen = app.screen
        assert [p.name for p in screen.shown] == sorted(p.name for p in screen.shown)
        await pilot.press("s")
        assert "sorted by kind" in screen_text(app)
        kinds = [p.kind.value for p in screen.shown]
        assert kinds == sorted(kinds)
        await pilot.press("s")
        order = list(Status)
        statuses = [order.index(p.status) for p in screen.shown]
        assert statuses == sorted(statuses)
        assert "sorted by status" in screen_text(app)
        await pilot.press("s")
        assert "sorted by role" in screen_text(app)
        await pilot.press("s")
        assert "sorted by name" in screen_text(app)


async def test_markup_in_a_name_shows_literally(project_file, make_app):
    path = project_file("riverside-youth")
    app = make_app(path)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("2", "a", *MARKUP_NAME, "ctrl+s")
        await pilot.pause()
        (partner,) = [p for p in app.workbook.project.partners if p.name == MARKUP_NAME]
        assert partner.id == "b-x-b-link-http-e-test-y-link"
        shown = screen_text(app)
        assert "[b]x[/b] [link=http:/…" in shown  # in the table, cut to the column
        assert MARKUP_NAME in shown  # in full, under the table
        assert "Deleted" not in shown
        await pilot.press("d", "y")
        await pilot.pause()
        assert f"Deleted {MARKUP_NAME}." in [t.split(": ", 1)[1] for t in toasts(app)]


async def test_a_broken_markup_name_does_not_crash_the_table(project_file, make_app):
    app = make_app(project_file("starter"))
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("2", "a", *"[/x] closing tag", "ctrl+s")
        await pilot.pause()
        assert "[/x] closing tag" in names_in_table(app)
        assert "[/x] closing tag" in screen_text(app)
        await pilot.press("d", "y")
        await pilot.pause()
        assert any("Deleted [/x] closing tag" in toast for toast in toasts(app))


async def test_empty_list_teaches_how_to_start(tmp_path, make_app):
    app = make_app(tmp_path / "fresh.toml")
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press(*"Fresh", "ctrl+s")
        await pilot.pause()
        await pilot.press("2")
        await pilot.pause()
        shown = screen_text(app)
        assert "No partners yet. Press a to add the first one." in shown
        assert "Have we included the people and groups most affected" in shown
        await pilot.press("enter", "d")  # nothing to edit or delete: nothing breaks
        await pilot.pause()
        assert isinstance(app.screen, PartnersScreen)
        await pilot.press("a", *"First One", "ctrl+s")
        await pilot.pause()
        assert names_in_table(app) == ["First One"]
        assert "No partners yet" not in screen_text(app)


def details(app) -> str:
    """What the selected partner's panel says, as drawn."""
    return "\n".join(line.strip() for line in screen_text(app).splitlines()[-6:-1])


async def test_the_details_show_the_contact_and_on_a_taller_terminal_the_notes(
    project_file, make_app
):
    app = make_app(project_file("riverside-youth"))
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("2")
        await pilot.pause()
        await _select(pilot, app, "Riverside Youth Centre")
        await pilot.pause()
        shown = details(app)
        assert "Contact: Dana Li, dana@riversideyouth.example.org" in shown
        assert shown.endswith("… Enter shows all")  # skills and notes did not fit
        assert "Notes:" not in shown
        await pilot.resize_terminal(100, 40)
        await pilot.pause()
        shown = screen_text(app)
        assert "Contact: Dana Li" in shown
        assert "Skills: youth outreach, event planning" in shown
        assert "Notes: Partnered with us on the 2024 summer program." in shown
        assert "Enter shows all" not in shown
        await pilot.press("enter")  # every field in full, the notes too
        await pilot.pause()
        assert isinstance(app.screen, FormDialog)
        assert "2024 summer program" in app.screen.query_one("#field-notes").text


async def test_a_partner_named_like_another_is_added_only_when_saved_again(project_file, make_app):
    path = project_file("riverside-youth")
    app = make_app(path)
    async with app.run_test(size=(80, 24)) as pilot:
        before = list(app.workbook.project.partners)
        await pilot.press("2", "a", *"  riverside YOUTH centre ", "ctrl+s")
        await pilot.pause()
        assert isinstance(app.screen, FormDialog)
        said = " ".join(statics_text(app.screen).split())
        assert (
            "A partner named Riverside Youth Centre is already in the project. Save again "
            "(ctrl+s) to add this one as well, or change the name."
        ) in said
        assert app.workbook.project.partners == before
        await pilot.press("ctrl+s")  # the person means it: two partners, one name
        await pilot.pause()
        assert isinstance(app.screen, PartnersScreen)
        names = [p.name.casefold() for p in app.workbook.project.partners]
        assert names.count("riverside youth centre") == 2
        assert len(app.workbook.project.partners) == len(before) + 1

        await pilot.press("a", *"Tri-City Transit", "ctrl+s")  # another name: warned anew
        await pilot.pause()
        assert "A partner named Tri-City Transit is already" in " ".join(
            statics_text(app.screen).split()
        )
        await pilot.press("ctrl+a", "ctrl+k", *"Tri-City Transit Youth Pass", "ctrl+s")
        await pilot.pause()  # a name of its own: added at once
        assert isinstance(app.screen, PartnersScreen)
        assert app.workbook.project.partner("tri-city-transit-youth-pass") is not None

        await pilot.press("escape", "slash", *"marion", "enter", "e")  # a rename, too
        await pilot.pause()
        await pilot.press("ctrl+a", "ctrl+k", *"Tri-City Transit", "ctrl+s")
        await pilot.pause()
        assert "A partner named Tri-City Transit is already" in " ".join(
            statics_text(app.screen).split()
        )
        assert app.workbook.project.partner("marion-clarke").name == "Marion Clarke"
