"""Importing partners from a spreadsheet in the workbook, as a person does it: the
key or the palette, the CSV's name, the plan shown, one edit, ctrl+z, ctrl+s."""

from __future__ import annotations

from shell_tools import screen_text, statics_text, toasts
from textual.command import CommandPalette

from partnertui import storage
from partnertui.model import Status
from partnertui.tui.screens.partners import PartnersScreen
from partnertui.tui.widgets.dialogs import ChoiceDialog
from partnertui.tui.widgets.form import FormDialog

CSV = (
    "\ufeffOrganisation;Type;E-mail;Status\r\n"
    "Café Olé;Company;cafe@example.org;\r\n"
    "[b]Bold[/b] Group;group;;\r\n"
    "riverside youth centre;;;declined\r\n"
)


async def type_path(pilot, path) -> None:
    await pilot.pause()
    assert isinstance(pilot.app.screen, FormDialog)
    await pilot.press(*str(path), "enter")
    await pilot.pause()


async def test_the_key_shows_the_plan_applies_one_step_and_ctrl_z_undoes_it(project_file, make_app):
    path = project_file("riverside-youth")
    on_disk = path.read_bytes()
    sheet = path.parent / "contacts.csv"
    sheet.write_bytes(CSV.encode("utf-8"))
    app = make_app(path)
    async with app.run_test(size=(80, 24), notifications=True) as pilot:
        await pilot.press("2")
        await pilot.pause()
        assert isinstance(app.screen, PartnersScreen)
        before = app.workbook.project.model_copy(deep=True)
        await pilot.press("i")
        await type_path(pilot, sheet)
        assert isinstance(app.screen, ChoiceDialog)
        shown = statics_text(app.screen, width=100)
        assert "Import 2 partners and update 1 partner from contacts.csv?" in shown
        assert "add Café Olé (cafe-ole), row 2" in shown
        assert "add [b]Bold[/b] Group (b-bold-b-group), row 3" in shown  # text, not markup
        assert "status: confirmed → declined" in shown
        await pilot.press("y")
        await pilot.pause()
        project = app.workbook.project
        assert project.partner("cafe-ole").contact == "cafe@example.org"
        assert project.partner("riverside-youth-centre").status is Status.DECLINED
        assert app.workbook.dirty and path.read_bytes() == on_disk  # unsaved until saved
        assert any("import 2 partners and update 1 partner" in t for t in toasts(app))
        await pilot.press("ctrl+z")  # the whole import, in one step
        await pilot.pause()
        assert app.workbook.project == before
        assert not app.workbook.dirty
        await pilot.press("ctrl+y")
        await pilot.pause()
        await pilot.press("ctrl+s")
        await pilot.pause()
    saved = storage.load(path)
    assert saved.partner("cafe-ole").name == "Café Olé"
    assert len(saved.partners) == len(before.partners) + 2


async def test_the_palette_command_from_another_section(project_file, make_app):
    path = project_file("riverside-youth")
    sheet = path.parent / "contacts.csv"
    sheet.write_text("Name\nHarbour Street Church\n")
    app = make_app(path)
    async with app.run_test(size=(100, 30), notifications=True) as pilot:
        await pilot.pause()
        await pilot.press("ctrl+p")
        await pilot.pause()
        assert isinstance(app.screen, CommandPalette)
        await pilot.press(*"import partners")
        await pilot.pause(0.5)
        assert "Import partners from a spreadsheet…" in screen_text(app)
        await pilot.press("enter")
        await type_path(pilot, sheet)
        await pilot.press("y")
        await pilot.pause()
        assert app.workbook.project.partner("harbour-street-church") is not None
        assert app.current_mode == "partners"


async def test_a_list_not_understood_changes_nothing_and_says_why(project_file, make_app):
    path = project_file("riverside-youth")
    sheet = path.parent / "odd.csv"
    sheet.write_text("Name,Shoe size\nX,9\n")
    app = make_app(path)
    async with app.run_test(size=(80, 24), notifications=True) as pilot:
        await pilot.press("2", "i")
        await type_path(pilot, path.parent / "missing.csv")
        assert isinstance(app.screen, FormDialog)  # still asking, with the reason
        assert "there is no file" in statics_text(app.screen, width=100)
        app.screen.query_one("#field-path").value = str(sheet)
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, ChoiceDialog)
        shown = statics_text(app.screen, width=100)
        assert 'column 2, "Shoe size": not a field it knows' in shown
        assert '"Shoe size" = "FIELD"' in shown
        await pilot.press("o")
        await pilot.pause()
        assert not app.workbook.dirty
