"""Importing partners' answers in the workbook, as a person does it: i on Ingredients
or the palette, the files' names typed with completion, the plan shown, one edit,
who has answered updated at once, ctrl+z, ctrl+s."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from shell_tools import screen_text, statics_text, toasts
from textual.command import CommandPalette
from textual.widgets import Input

from partnertui import storage
from partnertui.model import Ingredient
from partnertui.tui.screens.ingredients import IngredientsScreen
from partnertui.tui.widgets.dialogs import ChoiceDialog
from partnertui.tui.widgets.form import FormDialog

CODE = "r7k2m9qx4f"  # the Six months round's code in the survey_project fixture
SIX_MONTHS = "Six months"

RESPONSE = """\
partnertui_response = 1
project = "Riverside Youth Safety Circle"
round = "Six months"
round_code = "{code}"
respondent = "{who}"
respondent_name = "{who}"
date = 2026-11-02
dont_know = ["communication"]

[scores]
shared_vision = {score}
common_goals = 3
"""


def response(folder: Path, who: str, score: int = 4, code: str = CODE) -> Path:
    folder.mkdir(exist_ok=True)
    path = folder / f"riverside-youth-safety-circle--six-months--{who}.response.toml"
    path.write_text(RESPONSE.format(who=who, score=score, code=code), encoding="utf-8")
    return path


@pytest.fixture
def elsewhere(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """The current folder is not the project's: names are found beside the project."""
    folder = tmp_path / "elsewhere"
    folder.mkdir()
    monkeypatch.chdir(folder)
    return folder


async def open_dialog(pilot, *rounds_back: str) -> FormDialog:
    await pilot.press("4", *rounds_back, "i")
    await pilot.pause()
    dialog = pilot.app.screen
    assert isinstance(dialog, FormDialog)
    return dialog


async def type_and_read(pilot, *keys: str) -> None:
    await pilot.press(*keys, "enter")
    await pilot.pause()


async def accept_suggestion(pilot, typed: str, expected: str) -> None:
    """Type ``typed``, wait for the suggestion, and take it with →."""
    field = pilot.app.screen.query_one("#field-files", Input)
    await pilot.press(*typed)
    await suggestion_shown(pilot, expected)
    await pilot.press("right")
    assert field.value == expected


async def suggestion_shown(pilot, expected: str) -> None:
    """Wait until the field shows ``expected``: what was typed and, dimmed, the rest."""
    for _ in range(50):
        await pilot.pause()
        if f"Files               {expected}" in screen_text(pilot.app):
            return
    raise AssertionError(f"{expected} is not suggested:\n{screen_text(pilot.app)}")


def answered(app, round_name: str = SIX_MONTHS) -> dict:
    return {a.respondent: a for a in app.workbook.project.assessments if a.round == round_name}


async def test_i_imports_response_files_as_one_step_and_ctrl_s_saves(
    survey_project, make_app, elsewhere
):
    folder = survey_project.parent / "responses"
    response(folder, "riverside-youth-centre")
    response(folder, "maison-des-jeunes", score=5)
    on_disk = survey_project.read_bytes()
    app = make_app(survey_project)
    async with app.run_test(size=(80, 24), notifications=True) as pilot:
        before = app.workbook.project.model_copy(deep=True)
        dialog = await open_dialog(pilot)
        title = statics_text(dialog, width=200)
        assert "response files (.toml) go into the round they name" in title
        assert "a survey tool's CSV into “Ten weeks”, the round shown" in title
        await accept_suggestion(pilot, "resp", "responses/")  # beside the project file
        await type_and_read(pilot, *"*.toml")
        assert isinstance(app.screen, ChoiceDialog)
        shown = statics_text(app.screen, width=200)
        assert "Import 2 responses to the round “Six months”?" in shown
        assert 'Round "Six months": 2 responses to import into' in shown
        assert "Riverside Youth Centre (riverside-youth-centre), answered 2026-11-02" in shown
        assert "scores: shared vision 4 (good), common goals 3 (developing)" in shown
        await pilot.press("y")
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, IngredientsScreen)
        assert screen.round_name == SIX_MONTHS  # where the answers went, shown at once
        found = answered(app)
        assert found["riverside-youth-centre"].scores == {
            Ingredient.SHARED_VISION: 4,
            Ingredient.COMMON_GOALS: 3,
        }
        assert found["maison-des-jeunes"].dont_know == [Ingredient.COMMUNICATION]
        text = statics_text(screen, width=200)
        assert "Answered: 2 of 3 · still waiting: Riverside Parents' Network" in text
        assert app.workbook.dirty and survey_project.read_bytes() == on_disk
        assert any("import 2 responses to the round “Six months”" in t for t in toasts(app))

        await pilot.press("ctrl+z")  # the whole import, in one step
        await pilot.pause()
        assert app.workbook.project == before and not app.workbook.dirty
        assert "Answered: 0 of 3" in statics_text(app.screen, width=200)
        await pilot.press("ctrl+y", "ctrl+s")
        await pilot.pause()
    saved = {
        a.respondent: a for a in storage.load(survey_project).assessments if a.round == SIX_MONTHS
    }
    assert saved["maison-des-jeunes"].scores[Ingredient.SHARED_VISION] == 5
    assert saved["riverside-youth-centre"].date == dt.date(2026, 11, 2)


async def test_a_csv_goes_into_the_round_shown(survey_project, make_app, elsewhere):
    sheet = survey_project.parent / "six-months.csv"
    sheet.write_text(
        "Partner,Shared vision,Common goals\nRiverside Youth Centre,Good,Strong\n"
        "Riverside Parents' Network,3,\nMaison des Jeunes,,\n",
        encoding="utf-8",
    )
    app = make_app(survey_project)
    async with app.run_test(size=(80, 24), notifications=True) as pilot:
        await open_dialog(pilot, "left_square_bracket")  # from Ten weeks to Six months
        await accept_suggestion(pilot, "six", "six-months.csv")
        await type_and_read(pilot)
        shown = statics_text(app.screen, width=200)
        assert "Import 2 responses to the round “Six months”?" in shown
        assert "skipped" in shown and "it answers nothing" in shown
        await pilot.press("y")
        await pilot.pause()
        assert set(answered(app)) == {"riverside-youth-centre", "riverside-parents-network"}
        text = statics_text(app.screen, width=200)
        assert "Answered: 2 of 3 · still waiting: Maison des Jeunes Côte-des-Neiges" in text


async def test_a_csv_not_understood_changes_nothing_and_gives_the_mapping_lines(
    survey_project, make_app, elsewhere
):
    sheet = survey_project.parent / "odd.csv"
    sheet.write_text(
        "Partner,Shared vision,Shoe size\nNobody We Know,4,9\nRiverside Youth Centre,3,10\n",
        encoding="utf-8",
    )
    app = make_app(survey_project)
    async with app.run_test(size=(80, 24), notifications=True) as pilot:
        before = app.workbook.project.model_copy(deep=True)
        await open_dialog(pilot)
        await type_and_read(pilot, *"missing.csv")
        assert isinstance(app.screen, FormDialog)  # still asking, with the reason
        assert "there is no file" in statics_text(app.screen, width=200)
        app.screen.query_one("#field-files", Input).value = "odd.csv"
        await type_and_read(pilot)
        assert isinstance(app.screen, ChoiceDialog)
        shown = statics_text(app.screen, width=200)
        assert "Nothing was imported" in shown
        assert "Shoe size" in shown and "not a question it knows" in shown
        assert '"Nobody We Know" is not a partner of the project' in shown
        assert "odd.csv.map.toml" in shown and "[respondents]" in shown
        assert "Nothing was written." in shown
        await pilot.press("o")
        await pilot.pause()
        assert app.workbook.project == before and not app.workbook.dirty


async def test_a_response_for_another_project_or_round_is_refused(
    survey_project, make_app, elsewhere
):
    stray = response(survey_project.parent, "riverside-youth-centre", code="someoneelse")
    app = make_app(survey_project)
    async with app.run_test(size=(80, 24), notifications=True) as pilot:
        await open_dialog(pilot)
        await type_and_read(pilot, *stray.name)
        assert isinstance(app.screen, ChoiceDialog)
        shown = " ".join(statics_text(app.screen, width=200).split())
        assert 'this response is for round "Six months" of project' in shown
        assert "its round code is not this round's" in shown
        await pilot.press("o")
        await pilot.pause()
        assert not app.workbook.dirty and answered(app) == {}


async def test_replacing_answers_is_asked_and_honoured(survey_project, make_app, elsewhere):
    first = response(survey_project.parent / "first", "riverside-youth-centre", score=2)
    again = response(survey_project.parent / "again", "riverside-youth-centre", score=5)
    app = make_app(survey_project)
    async with app.run_test(size=(80, 24), notifications=True) as pilot:
        await open_dialog(pilot)
        await type_and_read(pilot, *str(first))
        await pilot.press("y")
        await pilot.pause()
        old = answered(app)["riverside-youth-centre"]
        for choice in ("n", "y"):
            await open_dialog(pilot)
            await type_and_read(pilot, *str(again))
            shown = statics_text(app.screen, width=200)
            assert "Import 1 response to the round “Six months”, replacing 1 answer" in shown
            assert (
                "Riverside Youth Centre (riverside-youth-centre) has answered round “Six "
                "months” already, on 2026-11-02" in shown
            )
            assert "replaces the answers of 2026-11-02 (2 scores, 1 don't know)" in shown
            await pilot.press(choice)
            await pilot.pause()
            if choice == "n":
                assert answered(app)["riverside-youth-centre"] is old
        assert answered(app)["riverside-youth-centre"].scores[Ingredient.SHARED_VISION] == 5
        await pilot.press("ctrl+z")
        await pilot.pause()
        assert answered(app)["riverside-youth-centre"] == old  # one step back: the first


async def test_the_palette_command_from_another_section(survey_project, make_app, elsewhere):
    response(survey_project.parent, "riverside-youth-centre")
    app = make_app(survey_project)
    async with app.run_test(size=(100, 30), notifications=True) as pilot:
        await pilot.pause()
        await pilot.press("ctrl+p")
        await pilot.pause()
        assert isinstance(app.screen, CommandPalette)
        await pilot.press(*"import responses")
        await pilot.pause(0.5)
        assert "Import responses…" in screen_text(app)
        await pilot.press("enter")
        await pilot.pause()
        await pilot.pause()
        assert app.current_mode == "ingredients"
        assert isinstance(app.screen, FormDialog)
        field = app.screen.query_one("#field-files", Input)
        await pilot.press(*"riv", "tab")  # riverside.toml, riverside-youth-…: as far as agreed
        assert field.value == "riverside"
        await pilot.press("-", "tab")
        assert field.value.endswith(".response.toml")
        await type_and_read(pilot)
        await pilot.press("y")
        await pilot.pause()
        assert set(answered(app)) == {"riverside-youth-centre"}


async def test_the_key_is_in_help_and_the_palette(survey_project, make_app):
    app = make_app(survey_project)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("4")
        await pilot.pause()
        titles = [c.title for c in app.get_system_commands(app.screen)]
        assert titles.count("Import responses…") == 1
        await pilot.press("question_mark")
        await pilot.pause()
        assert "Import responses… (response files or a survey tool's CSV)" in statics_text(
            app.screen, width=200
        )


def test_response_import_dialog_snapshot(snap_compare, survey_project, make_app, monkeypatch):
    monkeypatch.chdir(survey_project.parent)
    response(survey_project.parent / "responses", "riverside-youth-centre")

    async def suggested(pilot) -> None:
        await pilot.press("4", "i", *"resp")
        await suggestion_shown(pilot, "responses/")

    assert snap_compare(make_app(survey_project), terminal_size=(80, 24), run_before=suggested)


async def test_files_that_cannot_be_used_are_said_in_plain_words(
    survey_project, make_app, elsewhere
):
    folder = survey_project.parent
    (folder / "garbled.response.toml").write_bytes(b"\xff\xfe\x00\xd8 not text")
    (folder / "responses").mkdir()
    app = make_app(survey_project)
    async with app.run_test(size=(80, 24), notifications=True) as pilot:
        await open_dialog(pilot)
        field = app.screen.query_one("#field-files", Input)
        for typed, said in [
            ("riverside.toml", "that is this project's own file"),
            ("responses", "this is a folder; add the file's name"),
            ('"unclosed.csv other.csv', "a quote is not closed"),
            ("responses/*.toml", "no file matches responses/*.toml"),
        ]:
            field.value = typed
            await type_and_read(pilot)
            assert isinstance(app.screen, FormDialog), typed
            assert said in " ".join(statics_text(app.screen, width=200).split()), typed
        field.value = "garbled.response.toml"
        await type_and_read(pilot)
        assert isinstance(app.screen, ChoiceDialog)
        shown = " ".join(statics_text(app.screen, width=200).split())
        assert "Nothing was imported" in shown and "garbled.response.toml" in shown
        assert "Traceback" not in shown
        await pilot.press("o")
        await pilot.pause()
        assert not app.workbook.dirty


async def test_without_a_round_there_is_nothing_to_import_into(project_file, make_app):
    app = make_app(project_file("starter"))
    async with app.run_test(size=(80, 24), notifications=True) as pilot:
        await pilot.press("4", "i")
        await pilot.pause()
        assert isinstance(app.screen, IngredientsScreen)  # the key waits for a round
        app.action_import_responses()
        await pilot.pause()
        await pilot.pause()
        assert isinstance(app.screen, IngredientsScreen)
        assert any("There is no assessment round yet" in t for t in toasts(app))
