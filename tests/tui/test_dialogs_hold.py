"""Dialogs and forms that hold whatever the file holds: a name too long for any
window, a note with a carriage return, and Textual's own notices."""

from __future__ import annotations

from pathlib import Path

from shell_tools import screen_text, toasts

from partnertui import storage
from partnertui.model import Partner, new_project
from partnertui.tui.widgets.dialogs import ChoiceDialog
from partnertui.tui.widgets.form import FormDialog

LONG = "Riverside " + "very " * 1000 + "long name"


def project_with(path: Path, **partner: object) -> Path:
    project = new_project("Long names")
    project.partners = [Partner(id="p", name="A partner", **partner)]
    storage.save(project, path, create=True)
    return path


async def test_a_name_of_thousands_of_characters_leaves_the_question_and_answers_visible(
    tmp_path, make_app
):
    path = project_with(tmp_path / "long.toml")
    project = storage.load(path)
    project.partners[0] = project.partners[0].model_copy(update={"name": LONG})
    storage.save(project, path)
    app = make_app(path)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("2", "d")
        await pilot.pause()
        assert isinstance(app.screen, ChoiceDialog)
        shown = screen_text(app)
        assert "Delete Riverside very" in shown  # the question, cut short
        assert "Cancel (n)" in shown and "Delete (y)" in shown  # both answers on screen
        await pilot.press("y")
        await pilot.pause()
        assert app.workbook.project.partners == []

        await pilot.press("ctrl+q")
        await pilot.pause()
        assert "Discard (d)" in screen_text(app)


async def test_the_partner_form_keeps_its_buttons_for_a_long_name(tmp_path, make_app):
    path = project_with(tmp_path / "long.toml")
    project = storage.load(path)
    project.partners[0] = project.partners[0].model_copy(update={"name": LONG})
    storage.save(project, path)
    app = make_app(path)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("2", "enter")
        await pilot.pause()
        assert isinstance(app.screen, FormDialog)
        shown = screen_text(app)
        assert "Edit partner “Riverside very" in shown
        assert "Save" in shown and "Cancel" in shown and "Notes" in shown


async def test_a_form_saved_unchanged_changes_nothing(tmp_path, make_app):
    path = project_with(tmp_path / "note.toml", notes="first line\rsecond line")
    before = path.read_bytes()
    app = make_app(path)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("2", "enter")
        await pilot.pause()
        assert isinstance(app.screen, FormDialog)
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert not isinstance(app.screen, FormDialog)
        assert not app.workbook.dirty
        assert app.workbook.project.partner("p").notes == "first line\rsecond line"
        assert "unsaved" not in screen_text(app).splitlines()[0]
    assert path.read_bytes() == before


async def test_ctrl_c_says_which_key_quits_in_words_not_tags(tmp_path, make_app):
    app = make_app(project_with(tmp_path / "p.toml"))
    async with app.run_test(size=(80, 24), notifications=True) as pilot:
        await pilot.press("ctrl+c")
        await pilot.pause(0.3)
        said = [t for t in toasts(app) if t.startswith("Do you want to quit?")]
        assert said == ["Do you want to quit?: Press ctrl+q to quit the workbook"]
        shown = screen_text(app)
        assert "Press ctrl+q to quit the workbook" in shown
        assert "[b]" not in shown


async def test_user_text_in_a_notice_stays_literal(tmp_path, make_app):
    project = new_project("[b]Bold[/b] and [red]red[/red]")
    path = tmp_path / "markup.toml"
    storage.save(project, path, create=True)
    app = make_app(path)
    async with app.run_test(size=(100, 24), notifications=True) as pilot:
        await pilot.press("ctrl+s")
        await pilot.pause()
        app.notify(f"{project.project.name} [i]was[/i] saved")
        await pilot.pause(0.3)
        assert "[b]Bold[/b] and [red]red[/red] [i]was[/i] saved" in screen_text(app)


async def test_a_listed_edit_that_wraps_hangs_under_its_words(project_file, make_app):
    """In the restore-edits question each kept edit is a bullet; a long one wraps
    under its own words, so the list still reads as a list."""
    from partnertui.storage import recovery

    path = project_file("riverside-youth")
    edited = storage.load(path)
    name = "Harbour Street Church and Community Food Bank of Riverside and Eastgate"
    edited.partners.append(Partner(id="harbour", name=name))
    recovery.write(path, edited)
    app = make_app(path)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        lines = screen_text(app).splitlines()
        [at] = [n for n, line in enumerate(lines) if "• Partner added:" in line]
        words = lines[at].index("Partner added:")
        wrapped = lines[at + 1]
        assert wrapped[:words].strip(" █") == ""  # nothing under the bullet
        assert wrapped[words:].startswith("Riverside and Eastgate")
