"""The mouse where people reach for it: the section bar, list rows, footer keys and
dialog buttons answer a click, and do what their keys do."""

from __future__ import annotations

from textual.widgets import Button

from partnertui.tui.screens.section import SectionBar
from partnertui.tui.widgets.dialogs import ChoiceDialog
from partnertui.tui.widgets.form import FormDialog
from partnertui.tui.widgets.table import ListTable


def offset_of(bar: SectionBar, label: str) -> tuple[int, int]:
    text = str(bar.render())
    return (text.index(label) + 2, 0)  # inside the name, past the bar's padding


async def test_a_click_on_a_section_name_goes_there(project_file, make_app):
    app = make_app(project_file("riverside-youth"))
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        for label, mode in (("Roles", "roles"), ("History", "history"), ("Overview", "overview")):
            bar = app.screen.query_one(SectionBar)
            await pilot.click(SectionBar, offset=offset_of(bar, label))
            await pilot.pause()
            assert app.current_mode == mode, label


async def test_a_click_picks_a_row_and_a_second_click_opens_it(project_file, make_app):
    app = make_app(project_file("riverside-youth"))
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("2")
        await pilot.pause()
        table = app.screen.query_one(ListTable)
        assert table.cursor_row == 0
        await pilot.click(ListTable, offset=(5, 3))  # the third row, under the heading
        await pilot.pause()
        assert table.cursor_row == 2
        assert not isinstance(app.screen, FormDialog)
        await pilot.click(ListTable, offset=(5, 3))
        await pilot.pause()
        assert isinstance(app.screen, FormDialog)
        name = str(table.get_row_at(2)[0])
        assert name in app.screen.query_one("#field-name").value


async def test_footer_keys_and_dialog_buttons_answer_clicks(project_file, make_app):
    path = project_file("riverside-youth")
    before = path.read_bytes()
    app = make_app(path)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("2")
        await pilot.pause()
        keys = [k for k in app.screen.query("FooterKey") if "Add" in str(k.render())]
        assert keys, "the footer shows the add key"
        await pilot.click(keys[0])
        await pilot.pause()
        assert isinstance(app.screen, FormDialog)
        await pilot.press(*"Harbour Street Church")
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert app.workbook.dirty
        await pilot.press("ctrl+q")
        await pilot.pause()
        assert isinstance(app.screen, ChoiceDialog)
        [cancel] = [b for b in app.screen.query(Button) if "Cancel" in str(b.label)]
        await pilot.click(cancel)
        await pilot.pause()
        assert not isinstance(app.screen, ChoiceDialog)
        assert app.workbook.project.partner("harbour-street-church") is not None
    assert path.read_bytes() == before
