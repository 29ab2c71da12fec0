"""Undo and redo as a person uses them: ctrl+z takes the last edit back, ctrl+y makes
it again, every kind of edit is one step, and "unsaved" follows the history."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

import pytest
from shell_tools import screen_text, statics_text, toasts
from textual.command import CommandPalette

from partnertui import storage
from partnertui.model import Ingredient, Role
from partnertui.tui.widgets.dialogs import ChoiceDialog
from partnertui.tui.workbook import Workbook

YC, BIA = "riverside-youth-centre", "main-street-bia"
NAME = "Main Street Business Improvement Area"

EDITS: dict[str, Callable[[Workbook], object]] = {
    "details": lambda w: w.update_details({"name": "Riverside Safe Streets"}),
    "add partner": lambda w: w.add_partner({"name": "Harbour Street Church"}),
    "edit partner": lambda w: w.update_partner(YC, {"contact": "ops@ryc.example"}),
    "delete partner": lambda w: w.delete_partner(YC),
    "role": lambda w: w.set_role(BIA, Role.COLLABORATION),
    "contribution": lambda w: w.add_contribution(YC, {"kind": "space", "value": 300.0}),
    "responsibility": lambda w: w.add_responsibility(YC, "Hosts the monthly meeting"),
    "score": lambda w: w.set_score("Kick-off", "team", Ingredient.LEADERSHIP, 1),
    "round": lambda w: w.add_round("Six months", dt.date(2027, 3, 1)),
    "action": lambda w: w.add_action({"text": "Walk the route with the youth council"}),
    "action done": lambda w: w.set_action_done(0, not w.project.actions[0].done),
}


@pytest.mark.parametrize("kind", sorted(EDITS))
async def test_every_kind_of_edit_is_one_step_back_and_forth(kind, project_file, make_app):
    path = project_file("riverside-youth")
    on_disk = path.read_bytes()
    app = make_app(path)
    async with app.run_test(size=(80, 24), notifications=True) as pilot:
        await pilot.pause()
        workbook = app.workbook
        before = workbook.project.model_copy(deep=True)
        EDITS[kind](workbook)
        after = workbook.project.model_copy(deep=True)
        assert after != before and workbook.dirty
        await pilot.press("ctrl+z")
        await pilot.pause()
        assert workbook.project == before
        assert not workbook.dirty  # back to what is on disk
        assert "unsaved" not in screen_text(app).splitlines()[0]
        assert any(t.startswith("Undone: ") for t in toasts(app))
        await pilot.press("ctrl+y")
        await pilot.pause()
        assert workbook.project == after and workbook.dirty
        await pilot.press("ctrl+s")
        await pilot.pause()
    assert storage.load(path) == after
    assert path.read_bytes() != on_disk


async def test_a_wrong_delete_is_undone_with_ctrl_z(project_file, make_app):
    path = project_file("riverside-youth")
    before = storage.load(path)
    app = make_app(path)
    async with app.run_test(size=(80, 24), notifications=True) as pilot:
        await pilot.press("2", "slash", *"youth centre", "enter")
        await pilot.pause()
        await pilot.press("d")
        await pilot.pause()
        assert isinstance(app.screen, ChoiceDialog)
        await pilot.press("x")  # delete its actions too
        await pilot.pause()
        assert app.workbook.project.partner(YC) is None
        await pilot.press("ctrl+z")
        await pilot.pause()
        assert "Undone: Delete Riverside Youth Centre" in toasts(app)
        assert app.workbook.project == before
        assert not app.workbook.dirty
        assert "Riverside Youth Centre" in screen_text(app)
        await pilot.press("ctrl+s")
        await pilot.pause()
    assert storage.load(path) == before


async def test_a_form_saved_is_one_step_however_many_fields_changed(project_file, make_app):
    path = project_file("riverside-youth")
    app = make_app(path)
    async with app.run_test(size=(80, 24), notifications=True) as pilot:
        before = app.workbook.project.model_copy(deep=True)
        app.workbook.update_partner(YC, {"contact": "a@b.example", "notes": "x", "youth": False})
        app.workbook.update_partner(BIA, {"contact": "c@d.example"})
        await pilot.press("ctrl+z")
        await pilot.pause()
        assert app.workbook.project.partner(BIA) == before.partner(BIA)
        assert app.workbook.project.partner(YC) != before.partner(YC)
        await pilot.press("ctrl+z")
        await pilot.pause()
        assert app.workbook.project == before
        await pilot.press("ctrl+z")
        await pilot.pause()
        assert toasts(app)[-1] == ": There is nothing to undo."


async def test_undo_past_a_save_makes_the_file_unsaved_and_redo_clean_again(project_file, make_app):
    app = make_app(project_file("riverside-youth"))
    async with app.run_test(size=(80, 24)) as pilot:
        app.workbook.set_role(BIA, Role.COLLABORATION)
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert not app.workbook.dirty
        await pilot.press("ctrl+z")
        await pilot.pause()
        assert app.workbook.dirty
        assert "●" in screen_text(app).splitlines()[0]
        await pilot.press("ctrl+y")
        await pilot.pause()
        assert not app.workbook.dirty


async def test_a_new_edit_after_undo_drops_the_redo(project_file, make_app):
    app = make_app(project_file("riverside-youth"))
    async with app.run_test(size=(80, 24), notifications=True) as pilot:
        app.workbook.set_role(BIA, Role.COLLABORATION)
        await pilot.press("ctrl+z")
        await pilot.pause()
        app.workbook.set_role(BIA, Role.COORDINATION)
        await pilot.press("ctrl+y")
        await pilot.pause()
        assert app.workbook.project.partner(BIA).role is Role.COORDINATION
        assert toasts(app)[-1] == ": There is nothing to redo."


async def test_the_palette_and_help_name_what_undo_and_redo_will_do(project_file, make_app):
    app = make_app(project_file("riverside-youth"))
    async with app.run_test(size=(100, 30)) as pilot:
        app.workbook.set_role(BIA, Role.COLLABORATION)
        await pilot.pause()
        await pilot.press("ctrl+p")
        await pilot.pause()
        assert isinstance(app.screen, CommandPalette)
        await pilot.press(*"undo")
        await pilot.pause(0.5)
        assert f"Undo: give {NAME} the Collaboration role" in screen_text(app)
        await pilot.press("enter")
        await pilot.pause()
        assert app.workbook.project.partner(BIA).role is Role.COOPERATION
        await pilot.press("question_mark")
        await pilot.pause()
        shown = statics_text(app.screen, width=120)
        assert f"Redo: give {NAME} the Collaboration role" in shown
        assert "ctrl+y" in shown or "^y" in shown


async def test_names_in_an_edits_name_stay_text(tmp_path, make_app):
    from partnertui.model import new_project

    path = tmp_path / "markup.toml"
    storage.save(new_project("Markup"), path, create=True)
    app = make_app(path)
    async with app.run_test(size=(100, 30), notifications=True) as pilot:
        app.workbook.add_partner({"name": "[b]Bold[/b] Group"})
        await pilot.press("ctrl+p", *"undo")
        await pilot.pause(0.5)
        assert "Undo: add [b]Bold[/b] Group" in screen_text(app)
        await pilot.press("enter")
        await pilot.pause()
        assert "Undone: Add [b]Bold[/b] Group" in toasts(app)


async def test_a_reload_of_their_change_starts_a_new_history(project_file, make_app):
    path = project_file("riverside-youth")
    app = make_app(path)
    async with app.run_test(size=(80, 24), notifications=True) as pilot:
        app.workbook.set_role(BIA, Role.COLLABORATION)
        await pilot.press("ctrl+s")
        await pilot.pause()
        theirs = storage.load(path)
        theirs.project.name = "Changed by a colleague"
        storage.save(theirs, path)
        app.safety.check_disk()
        await pilot.pause()
        assert app.workbook.project.project.name == "Changed by a colleague"
        assert any("Undo starts afresh" in t for t in toasts(app))
        await pilot.press("ctrl+z")
        await pilot.pause()
        assert toasts(app)[-1] == ": There is nothing to undo."
        assert app.workbook.project.partner(BIA).role is Role.COLLABORATION


async def test_undo_waits_while_a_form_is_open(project_file, make_app):
    app = make_app(project_file("riverside-youth"))
    async with app.run_test(size=(80, 24)) as pilot:
        app.workbook.set_role(BIA, Role.COLLABORATION)
        await pilot.press("e")
        await pilot.pause()
        screen = app.screen
        await pilot.press("ctrl+z")
        await pilot.pause()
        assert app.screen is screen
        assert app.workbook.project.partner(BIA).role is Role.COLLABORATION
