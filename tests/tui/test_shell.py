"""What every screen shares: saving, quitting, the palette, help and the header."""

from __future__ import annotations

import pytest
from shell_tools import screen_text, statics_text, toasts
from textual.command import CommandPalette

from partnertui import storage
from partnertui.tui.file_safety.questions import ChangedOnDiskDialog
from partnertui.tui.screens.help import HelpScreen
from partnertui.tui.widgets.dialogs import ChoiceDialog
from partnertui.tui.widgets.form import FormDialog


def header(app) -> str:
    return screen_text(app).splitlines()[0]


async def _add_partner(pilot, name: str) -> None:
    await pilot.press("2", "a", *name, "ctrl+s")
    await pilot.pause()


async def test_save_writes_canonical_bytes_and_clears_the_marker(project_file, make_app):
    path = project_file("riverside-youth")
    app = make_app(path)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert "●" not in header(app) and "unsaved" not in header(app)
        await _add_partner(pilot, "Harbour Street Church")
        assert header(app).split()[1] == "●" and header(app).rstrip().endswith("· unsaved")
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert "●" not in header(app) and "unsaved" not in header(app)
        assert not app.workbook.dirty
        assert f"Saved: Saved to {path}" in toasts(app)
        project = app.workbook.project
    assert path.read_bytes() == storage.dumps(project).encode()
    assert storage.load(path) == project


async def test_save_refuses_to_overwrite_a_file_changed_elsewhere(project_file, make_app):
    path = project_file("riverside-youth")
    app = make_app(path)
    async with app.run_test(size=(80, 24)) as pilot:
        await _add_partner(pilot, "Harbour Street Church")
        path.write_text(path.read_text().replace("Riverside Youth Safety", "Riverside Safety"))
        elsewhere = path.read_bytes()
        await pilot.press("ctrl+s")
        await pilot.pause()
        # Saving stops and asks (tests/tui/test_safety.py covers each answer).
        assert isinstance(app.screen, ChangedOnDiskDialog)
        assert "was changed on disk" in screen_text(app)
        await pilot.press("c")
        await pilot.pause()
        assert app.workbook.dirty
    assert path.read_bytes() == elsewhere


async def test_quit_with_changes_save_writes_and_exits(project_file, make_app):
    path = project_file("riverside-youth")
    app = make_app(path)
    async with app.run_test(size=(80, 24)) as pilot:
        await _add_partner(pilot, "Harbour Street Church")
        await pilot.press("ctrl+q")
        await pilot.pause()
        assert isinstance(app.screen, ChoiceDialog)
        shown = screen_text(app)
        assert "Save your changes before quitting?" in shown
        assert "Save (s)" in shown and "Discard (d)" in shown and "Cancel (c)" in shown
        await pilot.press("s")
        await pilot.pause()
    assert app.return_value == 0
    assert storage.load(path).partner("harbour-street-church") is not None


async def test_quit_with_changes_discard_leaves_the_file_and_exits(project_file, make_app):
    path = project_file("riverside-youth")
    before, mtime = path.read_bytes(), path.stat().st_mtime_ns
    app = make_app(path)
    async with app.run_test(size=(80, 24)) as pilot:
        await _add_partner(pilot, "Harbour Street Church")
        await pilot.press("ctrl+q", "d")
        await pilot.pause()
        assert app.return_value is None  # discarding work asks once more
        await pilot.press("y")
        await pilot.pause()
    assert app.return_value == 0
    assert path.read_bytes() == before
    assert path.stat().st_mtime_ns == mtime


@pytest.mark.parametrize("cancel", ["c", "escape"])
async def test_quit_with_changes_cancel_keeps_working(project_file, make_app, cancel):
    path = project_file("riverside-youth")
    before = path.read_bytes()
    app = make_app(path)
    async with app.run_test(size=(80, 24)) as pilot:
        await _add_partner(pilot, "Harbour Street Church")
        await pilot.press("ctrl+q", cancel)
        await pilot.pause()
        assert app.is_running
        assert not isinstance(app.screen, ChoiceDialog)
        assert app.workbook.dirty
        assert "●" in header(app)
        assert app.workbook.project.partner("harbour-street-church") is not None
    assert path.read_bytes() == before


async def test_quit_from_inside_a_form_still_asks(project_file, make_app):
    app = make_app(project_file("riverside-youth"))
    async with app.run_test(size=(80, 24)) as pilot:
        await _add_partner(pilot, "Harbour Street Church")
        await pilot.press("a", *"Half typed", "ctrl+q")
        await pilot.pause()
        assert isinstance(app.screen, ChoiceDialog)
        await pilot.press("c")
        await pilot.pause()
        assert isinstance(app.screen, FormDialog)


async def _palette(pilot, words: str) -> None:
    await pilot.press("ctrl+p")
    await pilot.pause()
    assert CommandPalette.is_open(pilot.app)
    await pilot.press(*words)
    await pilot.pause(0.3)  # the palette searches in the background
    await pilot.press("enter")
    await pilot.pause()


@pytest.mark.parametrize("section", ["partners", "roles", "ingredients", "actions", "overview"])
async def test_the_palette_reaches_each_section(project_file, make_app, section):
    app = make_app(project_file("riverside-youth"))
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("2" if section == "overview" else "1")
        await _palette(pilot, section)
        assert app.current_mode == section
        assert section == app.screen.SECTION


async def test_the_palette_runs_add_partner_save_and_help(project_file, make_app):
    path = project_file("riverside-youth")
    app = make_app(path)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await _palette(pilot, "add partner")
        assert isinstance(app.screen, FormDialog)
        await pilot.press(*"Harbour Street Church", "ctrl+s")
        await pilot.pause()
        assert app.workbook.dirty
        await _palette(pilot, "save")
        assert not app.workbook.dirty
        assert storage.load(path).partner("harbour-street-church") is not None
        await _palette(pilot, "help")
        assert isinstance(app.screen, HelpScreen)


@pytest.mark.parametrize("key", ["question_mark", "f1"])
async def test_help_lists_the_keys_of_the_current_screen_and_its_guide(project_file, make_app, key):
    app = make_app(project_file("riverside-youth"))
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("2", key)
        await pilot.pause()
        assert isinstance(app.screen, HelpScreen)
        text = statics_text(app.screen)
        for words in (
            "On this screen",
            "Add partner",
            "Delete partner",
            "Filter partners",
            "Sort partners",
            "Everywhere",
            "Save the project file",
            "Quit the workbook",
            "Go to a section: Overview, Partners, Roles",
            "Every person, group or organization in the project",  # the guide
        ):
            assert words in text
        assert "d, del" in text  # every key of an action, as the footer names them
        await pilot.press("escape", "1", key)
        await pilot.pause()
        text = statics_text(app.screen)
        assert "Edit project details" in text
        assert "Delete partner" not in text
        assert "The overview shows the project's details" in text
        await pilot.press(key)
        await pilot.pause()
        assert not isinstance(app.screen, HelpScreen)


async def test_help_in_a_form_lists_its_keys(project_file, make_app):
    app = make_app(project_file("riverside-youth"))
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("a", "f1")
        await pilot.pause()
        assert isinstance(app.screen, HelpScreen)
        text = statics_text(app.screen)
        assert "Save" in text and "Cancel" in text
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, FormDialog)


async def test_a_markup_project_name_shows_literally_in_the_header(tmp_path, make_app):
    name = "[b]x[/b] [link=http://e.test]y[/link]"
    path = tmp_path / "odd.toml"
    app = make_app(path)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press(*name, "ctrl+s")
        await pilot.pause()
        assert app.workbook.project.project.name == name
        assert name in header(app)
    assert storage.load(path).project.name == name


async def test_footer_shows_the_keys_that_apply(project_file, make_app):
    app = make_app(project_file("riverside-youth"))
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("2")
        await pilot.pause()
        footer = screen_text(app).splitlines()[-1]
        for key in ("⏎ Edit", "a Add", "d Delete", "/ Filter", "s Sort", "^s Save", "? Help"):
            assert key in footer


async def test_footer_rebuilds_once_however_often_the_keys_change(
    project_file, make_app, monkeypatch
):
    from partnertui.tui.widgets.footer import KeysFooter

    rebuilds = []
    recompose = KeysFooter.recompose

    async def counted(self):
        rebuilds.append(self)
        await recompose(self)

    monkeypatch.setattr(KeysFooter, "recompose", counted)
    app = make_app(project_file("riverside-youth"))
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("2")
        await pilot.pause()
        rebuilds.clear()
        for _ in range(3):
            app.screen.refresh_bindings()
        await pilot.pause()
        assert len(rebuilds) == 1
        before = screen_text(app).splitlines()[-1]
        await pilot.press("slash")  # the focus moves to the filter: other keys apply
        await pilot.pause()
        assert len(rebuilds) > 1
        assert screen_text(app).splitlines()[-1] != before
