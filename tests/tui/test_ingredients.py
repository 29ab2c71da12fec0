"""The Ingredients screen as a person uses it: start a round, score it with the number
keys, write notes, read the partnership's health, and start an action from it.

The health numbers below were worked out by hand from examples/riverside-youth.toml
(each respondent's score listed in the comments) and are compared with what the
screen SHOWS, not with what analysis returns.
"""

from __future__ import annotations

import re
from datetime import date

from shell_tools import screen_text, toasts

from partnertui import storage
from partnertui.analysis import find_response
from partnertui.model import TEAM, Ingredient
from partnertui.tui.screens.ingredients import IngredientsScreen
from partnertui.tui.widgets.dialogs import ChoiceDialog
from partnertui.tui.widgets.form import FormDialog
from partnertui.tui.widgets.respondent_picker import RespondentPicker
from partnertui.tui.widgets.score_sheet import ScoreSheet

I = Ingredient  # noqa: E741
TODAY = date(2026, 11, 24)
YC = "riverside-youth-centre"


def rows(app) -> dict[str, list[str]]:
    """The health table as shown: ingredient label -> its other cells, blanks dropped."""
    shown = {}
    for line in screen_text(app).splitlines():
        cells = [c for c in re.split(r"\s{2,}", line.strip()) if c]
        if cells and cells[0] in LABELS:
            shown[cells[0]] = cells[1:]
    return shown


LABELS = {
    "Shared vision",
    "Common goals",
    "Cooperation",
    "Accountability",
    "Communication",
    "Commitment",
    "Resolving conflict",
    "Leadership",
    "Desire to work together",
    "Flexibility",
    "Shared decision-making",
}


# Ten weeks: youth centre, team, Al-Noor, youth council; Kick-off: parents' network,
# youth centre, youth council, team. Mean to one decimal, halves up; trend blocks are
# floor((mean - 1) / 4 * 7 + 0.5) into ▁▂▃▄▅▆▇█.
TEN_WEEKS = {
    # 5 4 4 4 = 4.25 | kick-off 4 4 3 5 = 4.0
    "Shared vision": ["4.3 ▲ strength", "4–5 (4)", "↑ +0.3", "▆▇"],
    # 4 4 3 3 = 3.5 | 3 4 2 3 = 3.0
    "Common goals": ["3.5 ■ borderline", "3–4 (4)", "↑ +0.5", "▅▅"],
    # 4 4 3 5 = 4.0, spread 2 | 4 4 4 4 = 4.0
    "Cooperation": ["4.0 ▲ strength", "3–5 (4)", "⚠ differ", "→ same", "▆▆"],
    # 3 3 3 2 = 2.75 | 2 3 2 3 = 2.5
    "Accountability": ["2.8 ▼ concern", "2–3 (4)", "↑ +0.3", "▄▄"],
    # 3 2 2 2 = 2.25 | 3 4 2 3 = 3.0
    "Communication": ["2.3 ▼ concern", "2–3 (4)", "↓ -0.7", "▅▃"],
    # 5 4 4 4 = 4.25 | 5 5 4 4 = 4.5
    "Commitment": ["4.3 ▲ strength", "4–5 (4)", "↓ -0.2", "▇▇"],
    # 3 3 3 3 = 3.0 | 3 3 - 2 = 2.67
    "Resolving conflict": ["3.0 ■ borderline", "3–3 (4)", "↑ +0.3", "▄▅"],
    # 4 4 4 3 = 3.75 | 3 5 2 4 = 3.5
    "Leadership": ["3.8 ■ borderline", "3–4 (4)", "↑ +0.3", "▅▆"],
    # 5 5 4 5 = 4.75 | 5 5 4 5 = 4.75
    "Desire to work together": ["4.8 ▲ strength", "4–5 (4)", "→ same", "██"],
    # team only: 3 | 3 4 3 3 = 3.25
    "Flexibility": ["3.0 ■ borderline", "3–3 (1)", "↓ -0.3", "▅▅"],
    # 3 3 1 3 = 2.5, spread 2 | 2 3 1 3 = 2.25
    "Shared decision-making": ["2.5 ▼ concern", "1–3 (4)", "⚠ differ", "↑ +0.2", "▃▄"],
}


async def test_health_view_shows_hand_computed_means_ranges_bands_and_trends(
    project_file, make_app
):
    app = make_app(project_file("riverside-youth"))
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("4")
        await pilot.pause()
        assert isinstance(app.screen, IngredientsScreen)
        shown = screen_text(app)
        assert "Round 2 of 2: Ten weeks · 2026-11-19 · 4 responses" in shown
        assert rows(app) == TEN_WEEKS
        # Eleven means: 38 / 11 = 3.45.
        assert "Overall 3.5 ■ borderline  ·  ⚠ views differ on 2 ingredients" in shown
        assert "Weakest: Communication 2.3, Shared decision-making 2.5, Accountability 2.8" in (
            shown
        )

        await pilot.press("left_square_bracket")
        await pilot.pause()
        shown = screen_text(app)
        assert "Round 1 of 2: Kick-off · 2026-09-17 · 4 responses" in shown
        kick_off = rows(app)
        # Nothing to compare the first round with: a dash for every change.
        assert kick_off["Shared vision"] == ["4.0 ▲ strength", "3–5 (4)", "⚠ differ", "—", "▆▇"]
        assert kick_off["Resolving conflict"] == ["2.7 ▼ concern", "2–3 (3)", "—", "▄▅"]
        assert kick_off["Leadership"] == ["3.5 ■ borderline", "2–5 (4)", "⚠ differ", "—", "▅▆"]
        # 37.42 / 11 = 3.40; spread ≥ 2 on vision, goals, communication, leadership, SDM.
        assert "Overall 3.4 ■ borderline  ·  ⚠ views differ on 5 ingredients" in shown
        # Too long for one line: it breaks between ingredients, never inside one.
        assert "Weakest: Shared decision-making 2.3, Accountability 2.5,\n" in (
            "\n".join(line.strip() for line in shown.splitlines())
        )
        assert "\n          Resolving conflict 2.7 " in shown
        await pilot.press("left_square_bracket")  # already the first: says so, stays
        await pilot.pause()
        assert "This is the earliest round." in " ".join(toasts(app))


async def test_selected_ingredient_shows_its_meaning_who_said_what_and_notes(
    project_file, make_app
):
    app = make_app(project_file("riverside-youth"))
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("4", *["down"] * 10)
        await pilot.pause()
        shown = screen_text(app)
        assert "Shared decision-making: Those affected by a decision have a real say" in shown
        assert "Scores: Team 3 · Al-Noor Mosque and Comm… 1 · Riverside Youth Centre 3" in shown
        assert "Parents were not asked before the schedule" in shown
        assert "press t to start an action for it" in shown


async def test_create_round_score_two_respondents_notes_change_and_clear(project_file, make_app):
    path = project_file("riverside-youth")
    # One partner and the team: shown only where the project shows single answers
    # (test_anonymous_rounds covers the minimum to show).
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace("[project]\n", "[project]\nminimum_to_show = 1\n", 1))
    app = make_app(path)
    team = [4, 3, 4, 2, 3, 5, 2, 4, 5, 3, 1]
    youth_centre = [5, 4, 3, 3, 2, 4, 3, 5, 4, 2, 3]
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("4", "r")
        await pilot.pause()
        form = app.screen
        assert isinstance(form, FormDialog)
        assert form.query_one("#field-date").value == "2026-11-24"  # today by default
        await pilot.press(*"Six months", "ctrl+s")
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, IngredientsScreen)
        assert screen.round_name == "Six months" and screen.respondent == TEAM
        sheet = screen.query_one(ScoreSheet)
        assert sheet.has_focus
        assert "Scoring for Team" in screen_text(app)
        assert "1 absent · 2 weak · 3 developing · 4 good · 5 strong" in screen_text(app)

        await pilot.press(*(str(n) for n in team))
        await pilot.pause()
        assert "11 of 11 scored" in screen_text(app)
        await pilot.press("g", "down", "n")  # a note on common goals
        await pilot.pause()
        assert isinstance(app.screen, FormDialog)
        await pilot.press(*"Measures still vague", "enter")
        await pilot.pause()

        # Another respondent: the picker lists the team, then partners by name.
        await pilot.press("s")
        await pilot.pause()
        assert isinstance(app.screen, RespondentPicker)
        assert "Riverside Youth Centre  · not yet answered" in screen_text(app)
        await pilot.press(*["down"] * 6, "enter")
        await pilot.pause()
        assert screen.respondent == YC
        assert "not answered yet" in screen_text(app)
        await pilot.press("g", *(str(n) for n in youth_centre))
        await pilot.press("G", "enter")  # Enter also opens the note
        await pilot.pause()
        await pilot.press(*"Youth were asked [b]first[/b]", "enter")
        await pilot.pause()
        # Change one score and clear another.
        await pilot.press("g", "j", "j", "1")  # cooperation: 3 -> 1
        await pilot.press("k", "k", "k", "x")  # back up to shared vision, cleared
        await pilot.pause()
        assert "[b]first[/b]" in screen_text(app)  # user text is never markup
        await pilot.press("ctrl+s", "escape")
        await pilot.pause()
        # The new round's health, by hand: the team's and the youth centre's scores.
        assert "Round 3 of 3: Six months · 2026-11-24 · 2 responses" in screen_text(app)
        shown = rows(app)
        # team 4, youth centre cleared | ten weeks 4.25
        assert shown["Shared vision"] == ["4.0 ▲ strength", "4–4 (1)", "↓ -0.3", "▆▇▆"]
        # 4 and 1 (changed from 3) | 4.0
        assert shown["Cooperation"] == ["2.5 ▼ concern", "1–4 (2)", "⚠ differ", "↓ -1.5", "▆▆▄"]
        # 1 and 3 | 2.5
        assert shown["Shared decision-making"] == [
            "2.0 ▼ concern",
            "1–3 (2)",
            "⚠ differ",
            "↓ -0.5",
            "▃▄▃",
        ]

    project = storage.load(path)
    order = list(Ingredient)
    t = find_response(project, "Six months", TEAM)
    assert (t.date, t.scores) == (TODAY, dict(zip(order, team, strict=True)))
    assert t.notes == {I.COMMON_GOALS: "Measures still vague"}
    y = find_response(project, "Six months", YC)
    expected = dict(zip(order, youth_centre, strict=True))
    expected[I.COOPERATION] = 1
    del expected[I.SHARED_VISION]
    assert y.date == TODAY  # dated as the round it answers
    assert y.scores == expected
    assert y.notes == {I.SHARED_DECISION_MAKING: "Youth were asked [b]first[/b]"}
    assert len(project.assessments) == 10  # the eight from before, and these two


async def test_each_respondents_sheet_starts_at_the_first_ingredient(project_file, make_app):
    """Scores typed in from a paper form, top to bottom, land on the ingredients they
    are for: a sheet opened after another one, left at its last row, starts at the top."""
    app = make_app(project_file("riverside-youth"))
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("4", "r", *"Six months", "ctrl+s")  # the new round opens the team's
        await pilot.pause()
        screen = app.screen
        sheet = screen.query_one(ScoreSheet)
        assert (screen.respondent, sheet.cursor_row) == (TEAM, 0)
        await pilot.press(*"4" * 11, "escape")
        await pilot.pause()
        await pilot.press("s")
        await pilot.pause()
        picker = app.screen
        assert isinstance(picker, RespondentPicker)
        await pilot.press(*["down"] * 6, "enter")
        await pilot.pause()
        assert (screen.respondent, sheet.cursor_row) == (YC, 0)
        await pilot.press("5", "5")
        await pilot.pause()
        answer = find_response(app.workbook.project, "Six months", YC)
        assert answer.scores == {I.SHARED_VISION: 5, I.COMMON_GOALS: 5}


async def test_digits_score_only_while_the_sheet_has_focus(project_file, make_app):
    app = make_app(project_file("riverside-youth"))
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("4", "s", "enter")  # the team
        await pilot.pause()
        screen = app.screen
        assert screen.respondent == TEAM
        await pilot.press("6", "9")  # off the scale: a hint, no section switch
        await pilot.pause()
        assert app.current_mode == "ingredients"
        assert "Scores run from 1 (absent) to 5 (strong)" in " ".join(toasts(app))
        assert not app.workbook.dirty
        await pilot.press("escape")
        await pilot.pause()
        assert screen.respondent is None
        assert not screen.query_one(ScoreSheet).has_focus
        await pilot.press("5")  # digits switch sections again
        await pilot.pause()
        assert app.current_mode == "actions"
        assert not app.workbook.dirty


async def test_removing_a_response_and_a_round_asks_first(project_file, make_app):
    path = project_file("riverside-youth")
    app = make_app(path)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("4", "s", "enter", "D")
        await pilot.pause()
        assert isinstance(app.screen, ChoiceDialog)
        assert "Remove Team's response?" in screen_text(app)
        await pilot.press("escape")  # changed my mind
        await pilot.pause()
        assert find_response(app.workbook.project, "Ten weeks", TEAM) is not None
        await pilot.press("D", "y")
        await pilot.pause()
        assert find_response(app.workbook.project, "Ten weeks", TEAM) is None
        assert app.screen.respondent is None  # back on the health view
        assert "Round 2 of 2: Ten weeks · 2026-11-19 · 3 responses" in screen_text(app)

        await pilot.press("d")
        await pilot.pause()
        assert "Remove the round “Ten weeks”?" in screen_text(app)
        await pilot.press("n")
        await pilot.pause()
        assert len(app.workbook.project.assessments) == 7
        await pilot.press("d", "y", "ctrl+s")
        await pilot.pause()
        assert "Round 1 of 1: Kick-off" in screen_text(app)
    assert {a.round for a in storage.load(path).assessments} == {"Kick-off"}


async def test_rename_a_round(project_file, make_app):
    path = project_file("riverside-youth")
    app = make_app(path)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("4", "e")
        await pilot.pause()
        await pilot.press("ctrl+a", "ctrl+k", *"[b]Three[/b] months", "ctrl+s")
        await pilot.pause()
        assert "Round 2 of 2: [b]Three[/b] months · 2026-11-19" in screen_text(app)
        rounds = {a.round for a in app.workbook.project.assessments}
        assert rounds == {"Kick-off", "[b]Three[/b] months"}
        await pilot.press("r", *"Kick-off", "ctrl+s")  # a name in use stays in the form
        await pilot.pause()
        assert isinstance(app.screen, FormDialog)
        assert "there is already a round called “Kick-off”" in screen_text(app)


async def test_start_an_action_from_a_weak_ingredient(project_file, make_app):
    path = project_file("riverside-youth")
    app = make_app(path)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("4", "down", "down", "down", "down")  # communication, 2.3 concern
        await pilot.press("t")
        await pilot.pause()
        assert isinstance(app.screen, FormDialog)
        assert "Start an action for communication" in screen_text(app)
        await pilot.press(*"Send a weekly two-line update", "ctrl+s")
        await pilot.pause()
        assert isinstance(app.screen, IngredientsScreen)
        assert "Action added for communication" in " ".join(toasts(app))
        await pilot.press("ctrl+s")
        await pilot.pause()
    added = storage.load(path).actions[-1]
    assert (added.text, added.ingredient, added.owner, added.due, added.done) == (
        "Send a weekly two-line update",
        I.COMMUNICATION,
        None,
        None,
        False,
    )


async def test_no_rounds_teaches_how_to_start(project_file, make_app):
    app = make_app(project_file("starter"))
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("4")
        await pilot.pause()
        shown = screen_text(app)
        assert "No assessment rounds yet" in shown
        assert "Press r to start the first one" in shown
        footer = shown.splitlines()[-1]
        assert "r New round" in footer
        assert "Start action" not in footer  # nothing to act on yet
        await pilot.press("s", "t", "d", "e", "right_square_bracket")  # all quietly off
        await pilot.pause()
        assert isinstance(app.screen, IngredientsScreen)
        assert not app.workbook.dirty
        await pilot.press("r", *"Kick-off", "ctrl+s", *"43")
        await pilot.pause()
        assert "Start action" in screen_text(app).splitlines()[-1]
        project = app.workbook.project
        assert [(a.round, a.date, a.respondent) for a in project.assessments] == [
            ("Kick-off", TODAY, TEAM)
        ]
        assert project.assessments[0].scores == {I.SHARED_VISION: 4, I.COMMON_GOALS: 3}


def test_ingredients_health_snapshot(snap_compare, project_file, make_app):
    app = make_app(project_file("riverside-youth"))
    assert snap_compare(app, terminal_size=(80, 24), press=["4", "down", "down", "down", "down"])


def test_ingredients_score_sheet_snapshot(snap_compare, project_file, make_app):
    app = make_app(project_file("riverside-youth"))
    assert snap_compare(app, terminal_size=(80, 24), press=["4", "s", "down", "enter", "j", "j"])


def test_ingredients_empty_snapshot(snap_compare, project_file, make_app):
    app = make_app(project_file("starter"))
    assert snap_compare(app, terminal_size=(80, 24), press=["4"])


async def test_weakest_names_no_strength_and_overall_says_of_how_many(project_file, make_app):
    """The team scores three ingredients in a new round: 3, 4 and 5, then 4, 4 and 5."""
    app = make_app(project_file("riverside-youth"))
    async with app.run_test(size=(80, 24)) as pilot:
        workbook = app.workbook
        workbook.add_round("Spring", date(2027, 3, 1))
        for ingredient, value in [
            (I.CONFLICT_RESOLUTION, 3),
            (I.COMMUNICATION, 4),
            (I.COMMITMENT, 5),
        ]:
            workbook.set_score("Spring", TEAM, ingredient, value)
        await pilot.press("4")
        await pilot.pause()
        shown = screen_text(app)
        assert "Round 3 of 3: Spring" in shown
        assert re.search(r"\n Overall 4\.0 ▲ strength \(3 of 11 scored\) *\n", shown)
        assert re.search(r"\n Weakest: Resolving conflict 3\.0 *\n", shown)
        workbook.set_score("Spring", TEAM, I.CONFLICT_RESOLUTION, 4)
        await pilot.pause()
        shown = screen_text(app)
        assert "Weakest" not in shown
        assert "No weak ingredients: the lowest is Communication 4.0 ▲ strength" in shown
