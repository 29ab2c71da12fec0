"""Questionnaires from the Ingredients section: who has answered, don't knows, and w.

A round whose questionnaires went out says "Answered: N of M" and who is still
waiting; "don't know" answers are counted beside the mean and kept out of it; w
writes the round's questionnaires into a folder and records the round as an edit.
"""

from __future__ import annotations

from pathlib import Path

from shell_tools import screen_text, statics_text, toasts

from partnertui import storage
from partnertui.analysis import Figures
from partnertui.model import Ingredient
from partnertui.tui.screens.ingredients import IngredientsScreen
from partnertui.tui.widgets.form import FormDialog

RECORD = """
[[rounds]]
name = "Ten weeks"
date = 2026-11-20
code = "tenweeks01"
invited = [
    "riverside-youth-centre",
    "al-noor-community-centre",
    "riverside-youth-council",
    "tri-city-transit",
    "main-street-bia",
]

[[assessments]]
round = "Ten weeks"
date = 2026-11-22
respondent = "main-street-bia"
dont_know = ["shared_vision"]
"""


def with_record(path: Path) -> Path:
    """The example with the Ten weeks round recorded, one partner waiting, one unsure."""
    path.write_text(path.read_text(encoding="utf-8") + RECORD, encoding="utf-8")
    return path


async def test_the_round_says_who_has_answered_and_counts_dont_know(project_file, make_app):
    app = make_app(with_record(project_file("riverside-youth")))
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("4")
        await pilot.pause()
        shown = screen_text(app)
        assert "Answered: 4 of 5 · still waiting: Tri-City Transit" in shown
        assert "Don't know (not in the means): Shared vision 1" in shown
        detail = statics_text(app.screen, width=200)
        assert "1 don't know (not in the mean): Main Street Business" in detail
        # Never in the mean: the four scores of shared vision still make 4.3.
        assert "4.3 ▲ strength" in shown


async def test_a_round_without_questionnaires_shows_no_count(project_file, make_app):
    app = make_app(project_file("riverside-youth"))
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("4")
        await pilot.pause()
        assert "Answered:" not in screen_text(app)


async def test_w_writes_the_questionnaires_and_records_the_round(
    project_file, make_app, tmp_path, monkeypatch
):
    path = project_file("riverside-youth")
    monkeypatch.chdir(tmp_path)
    app = make_app(path)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("4")
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, IngredientsScreen) and screen.round_name == "Ten weeks"
        # The footer keeps its room for ^s, ^q and ? Help: help names the key.
        assert app.screen.active_bindings["w"].binding.description == "Questionnaires"
        await pilot.press("w")
        await pilot.pause()
        form = app.screen
        assert isinstance(form, FormDialog)
        field = form.query_one("#field-folder")
        assert field.value == "riverside-youth-ten-weeks-questionnaires"
        assert "8 invited or confirmed partners" in statics_text(form, width=200)
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert isinstance(app.screen, IngredientsScreen)
        folder = tmp_path / "riverside-youth-ten-weeks-questionnaires"
        pages = sorted(p.stem for p in folder.glob("*.html"))
        assert len(pages) == 8
        workbook = app.workbook
        (record,) = workbook.project.rounds
        assert sorted(record.invited) == pages and record.code
        assert record.code in (folder / f"{pages[0]}.html").read_text(encoding="utf-8")
        assert workbook.dirty  # an edit like any other, until saved
        assert storage.load(path).rounds == []
        assert any("unsaved change" in t and "ctrl+s" in t for t in toasts(app))
        assert "Answered: 3 of 8 · still waiting:" in statics_text(app.screen, width=200)
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert storage.load(path).rounds == workbook.project.rounds


async def test_w_is_in_the_palette_and_help(project_file, make_app):
    app = make_app(project_file("riverside-youth"))
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("4")
        await pilot.pause()
        titles = [c.title for c in app.get_system_commands(app.screen)]
        assert "Write questionnaires for this round, for partners to answer" in titles


async def test_w_refuses_a_blank_folder_and_keeps_the_dialog(project_file, make_app):
    app = make_app(project_file("riverside-youth"))
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("4", "w")
        await pilot.pause()
        form = app.screen
        form.query_one("#field-folder").value = "  "
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert app.screen is form
        assert "write the folder" in statics_text(form, width=200)
        assert app.workbook.project.rounds == [] and not app.workbook.dirty


def test_figures_turnout_matches_analysis(project_file):
    project = storage.load(with_record(project_file("riverside-youth")))
    turnout = Figures(project).turnout("Ten weeks")
    assert turnout.waiting == ["tri-city-transit"]
    stats = Figures(project).round_stats("Ten weeks").ingredients[Ingredient.SHARED_VISION]
    assert stats.dont_know == 1


def test_ingredients_turnout_snapshot(snap_compare, project_file, make_app):
    app = make_app(with_record(project_file("riverside-youth")))
    assert snap_compare(app, terminal_size=(80, 24), press=["4"])
