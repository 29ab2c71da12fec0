"""The Actions screen as a person uses it: start an action from a weak ingredient, add,
edit, complete, reopen and delete actions, see what is overdue, filter the list.

"Today" is fixed at 2026-11-24 (tests/tui/conftest.py), so overdue marks never drift.
"""

from __future__ import annotations

from datetime import date

from shell_tools import screen_text, toasts

from partnertui import storage
from partnertui.model import Ingredient
from partnertui.tui.screens.actions import ActionsScreen
from partnertui.tui.widgets.dialogs import ChoiceDialog
from partnertui.tui.widgets.form import FormDialog

STATES = ("✔ done", "○ open", "⚠ overdue")


def line_with(app, words: str) -> str:
    """The one table row on screen that holds ``words``."""
    found = [
        line
        for line in screen_text(app).splitlines()
        if words in line and line.lstrip().startswith(STATES)
    ]
    assert len(found) == 1, (words, found)
    return found[0]


async def test_overdue_actions_stand_out_in_words(project_file, make_app):
    app = make_app(project_file("riverside-youth"))
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("5")
        await pilot.pause()
        assert isinstance(app.screen, ActionsScreen)
        shown = screen_text(app)
        assert "6 actions: 4 open, 2 done, ⚠ 1 overdue · showing all" in shown
        # Due 2026-11-15 and still open: late. Due in December: not yet.
        assert "⚠ overdue  Agree on three measures…" in line_with(app, "2026-11-15")
        for due in ("2026-12-01", "2026-12-10", "2026-12-05"):
            assert "○ open" in line_with(app, due)
        # Done on 2026-10-15: finished work is never late.
        assert "✔ done" in line_with(app, "2026-10-15")
        await pilot.press("down")
        await pilot.pause()
        assert "Due: 2026-11-15  ⚠ overdue" in screen_text(app)

        # An action due today is not late yet; one due yesterday is.
        for text, due in (("Due today", "2026-11-24"), ("Due yesterday", "2026-11-23")):
            await pilot.press("a", *text, "tab", "tab", "tab", *due, "enter")
            await pilot.pause()
        assert "○ open     Due today" in screen_text(app)
        assert "⚠ overdue  Due yesterday" in screen_text(app)
        assert "8 actions: 6 open, 2 done, ⚠ 2 overdue" in screen_text(app)

        await pilot.press("space")  # the new action is selected; done, it is no longer late
        await pilot.pause()
        assert "✔ done     Due yesterday" in screen_text(app)
        assert "8 actions: 5 open, 3 done, ⚠ 1 overdue" in screen_text(app)


async def test_add_from_weak_ingredient_then_complete_and_delete(project_file, make_app):
    path = project_file("riverside-youth")
    app = make_app(path)
    async with app.run_test(size=(80, 24)) as pilot:
        # Communication is a concern in the latest round (2.3): start an action from it.
        await pilot.press("4", "down", "down", "down", "down")
        await pilot.pause()
        assert "Communication: News travels" in screen_text(app)
        await pilot.press("t")
        await pilot.pause()
        form = app.screen
        assert isinstance(form, FormDialog)
        assert form.query_one("#field-ingredient").value == "communication"
        await pilot.press(*"Weekly two-line update to every partner", "tab", "tab")
        await pilot.press("enter", *"Tri-City", "enter")  # owner, chosen by name
        await pilot.press("tab", *"2026-12-15", "enter")
        await pilot.pause()

        await pilot.press("5", "G")
        await pilot.pause()
        project = app.workbook.project
        new = project.actions[-1]
        assert (new.text, new.ingredient, new.owner, new.due, new.done) == (
            "Weekly two-line update to every partner",
            Ingredient.COMMUNICATION,
            "tri-city-transit",
            date(2026, 12, 15),
            False,
        )
        row = line_with(app, "2026-12-15")
        assert "○ open     Weekly two-line update…   Communication   Tri-City Tr…" in row
        assert "Owner: Tri-City Transit" in screen_text(app)  # by name, never the id

        await pilot.press("space")
        await pilot.pause()
        assert project.actions[-1].done
        assert "✔ done" in line_with(app, "2026-12-15")
        await pilot.press("c")  # reopen
        await pilot.pause()
        assert not project.actions[-1].done
        await pilot.press("c")
        await pilot.pause()

        await pilot.press("g", "d")  # delete the first action
        await pilot.pause()
        assert isinstance(app.screen, ChoiceDialog)
        assert "Name one partner to send a follow-up note" in screen_text(app)
        await pilot.press("escape")
        await pilot.pause()
        assert len(project.actions) == 7
        await pilot.press("d", "y")
        await pilot.pause()
        assert "Action deleted." in " ".join(toasts(app))
        await pilot.press("ctrl+s")
        await pilot.pause()

    actions = storage.load(path).actions
    assert len(actions) == 6
    assert actions[0].text == "Agree on three measures of success with the youth council"
    last = actions[-1]
    assert (last.text, last.ingredient, last.owner, last.due, last.done) == (
        "Weekly two-line update to every partner",
        Ingredient.COMMUNICATION,
        "tri-city-transit",
        date(2026, 12, 15),
        True,
    )


async def test_edit_an_action_and_bad_input_keeps_the_form_open(project_file, make_app):
    path = project_file("riverside-youth")
    app = make_app(path)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("5", "down", "down", "enter")  # the monthly partner call
        await pilot.pause()
        assert isinstance(app.screen, FormDialog)
        await pilot.press("tab", "tab", "tab", "ctrl+a", "ctrl+k", *"2026-13-01", "ctrl+s")
        await pilot.pause()
        assert isinstance(app.screen, FormDialog)  # nothing typed is lost
        assert "write a date like 2026-09-15" in screen_text(app)
        await pilot.press("ctrl+a", "ctrl+k", *"2027-01-10", "ctrl+s")
        await pilot.pause()
        assert isinstance(app.screen, ActionsScreen)
        await pilot.press("a", "ctrl+s")  # no text: refused beside the field
        await pilot.pause()
        assert "an action needs some text" in screen_text(app)
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, ActionsScreen)
        await pilot.press("ctrl+s")
        await pilot.pause()
    actions = storage.load(path).actions
    assert len(actions) == 6
    assert actions[2].due == date(2027, 1, 10)
    assert actions[2].text == "Monthly partner call, rotating chair"


async def test_filter_open_done_and_by_typing(project_file, make_app):
    app = make_app(project_file("riverside-youth"))
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("5", "f")
        await pilot.pause()
        screen = app.screen
        assert "showing open" in screen_text(app)
        assert screen.shown == [1, 2, 3, 4]
        await pilot.press("f")
        await pilot.pause()
        assert screen.shown == [0, 5]
        await pilot.press("f", "slash", *"youth council")
        await pilot.pause()
        assert screen.shown == [1, 5]
        assert "2 match “youth council”" in screen_text(app)
        await pilot.press(*" zz")
        await pilot.pause()
        assert screen.shown == []
        assert "· no actions match “youth" in screen_text(app)  # not "0 match"
        await pilot.press("backspace", "backspace", "backspace")
        await pilot.pause()
        await pilot.press("enter", "escape")
        await pilot.pause()
        assert screen.shown == [0, 1, 2, 3, 4, 5]


async def test_no_actions_teaches_where_they_come_from(project_file, make_app):
    app = make_app(project_file("starter"))
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("5")
        await pilot.pause()
        shown = screen_text(app)
        assert "No actions yet." in shown
        assert "press t to" in shown and "start an action for it" in shown
        footer = shown.splitlines()[-1]
        assert "a Add" in footer
        assert "Delete" not in footer and "Done" not in footer
        await pilot.press("space", "d", "enter")  # nothing selected: nothing happens
        await pilot.pause()
        assert isinstance(app.screen, ActionsScreen)
        assert not app.workbook.dirty


def test_actions_snapshot(snap_compare, project_file, make_app):
    app = make_app(project_file("riverside-youth"))
    assert snap_compare(app, terminal_size=(80, 24), press=["5", "down"])


def test_actions_empty_snapshot(snap_compare, project_file, make_app):
    app = make_app(project_file("starter"))
    assert snap_compare(app, terminal_size=(80, 24), press=["5"])
