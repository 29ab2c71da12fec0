"""Workbook edits to assessment rounds, scores, notes and actions, checked on the model
and on the file written, including every refusal a person can run into."""

from __future__ import annotations

import shutil
from datetime import date
from pathlib import Path

import pytest

from partnertui import analysis, storage
from partnertui.model import TEAM, Ingredient, Project
from partnertui.storage.session import OpenFile
from partnertui.tui.workbook import EditRefused, FormErrors, Workbook

EXAMPLES = Path(__file__).resolve().parents[2] / "examples"
SV, CG, COMM = Ingredient.SHARED_VISION, Ingredient.COMMON_GOALS, Ingredient.COMMUNICATION
YC = "riverside-youth-centre"


@pytest.fixture
def opened(tmp_path: Path) -> tuple[OpenFile, Project]:
    """A copy of the riverside example, open as the workbook opens it."""
    path = tmp_path / "riverside.toml"
    shutil.copyfile(EXAMPLES / "riverside-youth.toml", path)
    return OpenFile.open(path)


@pytest.fixture
def workbook(opened: tuple[OpenFile, Project]) -> Workbook:
    file, project = opened
    return Workbook(project, file)


def saved(workbook: Workbook):
    """The project as a save writes it, read back."""
    storage.save(workbook.project, workbook.path)
    return storage.load(workbook.path)


def response(project, round_name: str, respondent: str):
    return analysis.find_response(project, round_name, respondent)


# -- rounds ------------------------------------------------------------------------


def test_a_new_round_is_its_first_empty_response_and_survives_saving(workbook):
    workbook.add_round("  Six months ", date(2027, 3, 2), YC)
    assert workbook.dirty
    names = [r.name for r in analysis.rounds(workbook.project)]
    assert names == ["Kick-off", "Ten weeks", "Six months"]
    back = response(saved(workbook), "Six months", YC)
    assert back is not None
    assert (back.date, back.scores, back.notes) == (date(2027, 3, 2), {}, {})
    assert '[[assessments]]\nround = "Six months"' in workbook.path.read_text()


def test_a_new_round_defaults_to_the_team(workbook):
    workbook.add_round("Six months", date(2027, 3, 2))
    assert analysis.rounds(workbook.project)[-1].respondents == [TEAM]


@pytest.mark.parametrize(
    ("name", "when", "who", "field"),
    [
        ("", date(2027, 1, 1), TEAM, "name"),
        ("   ", date(2027, 1, 1), TEAM, "name"),
        ("Kick-off", date(2027, 1, 1), TEAM, "name"),
        ("Later", None, TEAM, "date"),
        ("Later", date(2027, 1, 1), "nobody-at-all", "respondent"),
    ],
)
def test_a_bad_round_is_refused_beside_its_field(workbook, name, when, who, field):
    before = workbook.project.model_copy(deep=True)
    with pytest.raises(FormErrors) as error:
        workbook.add_round(name, when, who)
    assert field in error.value.errors
    assert workbook.project == before
    assert not workbook.dirty


def test_renaming_and_redating_a_round_moves_every_response(workbook):
    workbook.update_round("Ten weeks", "Three months", date(2026, 12, 1))
    moved = [a for a in workbook.project.assessments if a.round == "Three months"]
    assert len(moved) == 4
    assert {a.date for a in moved} == {date(2026, 12, 1)}
    assert not any(a.round == "Ten weeks" for a in saved(workbook).assessments)


def test_renaming_only_keeps_each_responses_own_date(workbook):
    workbook.update_round("Ten weeks", "Three months", date(2026, 11, 19))
    dates = sorted(a.date for a in workbook.project.assessments if a.round == "Three months")
    assert dates == [date(2026, 11, 19)] * 2 + [date(2026, 11, 20)] * 2


def test_a_round_cannot_take_another_rounds_name(workbook):
    with pytest.raises(FormErrors) as error:
        workbook.update_round("Ten weeks", "Kick-off", date(2026, 11, 19))
    assert "already" in error.value.errors["name"]


def test_removing_a_round_removes_all_its_responses_and_nothing_else(workbook):
    actions = list(workbook.project.actions)
    workbook.remove_round("Kick-off")
    project = saved(workbook)
    assert [r.name for r in analysis.rounds(project)] == ["Ten weeks"]
    assert len(project.assessments) == 4
    assert project.actions == actions
    with pytest.raises(EditRefused):
        workbook.remove_round("Kick-off")


def test_removing_a_response_keeps_the_rest_of_the_round(workbook):
    workbook.remove_response("Ten weeks", TEAM)
    info = analysis.rounds(workbook.project)[-1]
    assert info.respondents == ["al-noor-community-centre", YC, "riverside-youth-council"]
    with pytest.raises(EditRefused):
        workbook.remove_response("Ten weeks", TEAM)


# -- scores and notes --------------------------------------------------------------


def test_set_change_and_clear_a_score(workbook):
    workbook.set_score("Ten weeks", TEAM, COMM, 4)
    assert response(workbook.project, "Ten weeks", TEAM).scores[COMM] == 4
    workbook.set_score("Ten weeks", TEAM, "communication", 1)
    workbook.set_score("Ten weeks", TEAM, SV, None)
    back = response(saved(workbook), "Ten weeks", TEAM)
    assert back.scores[COMM] == 1
    assert SV not in back.scores
    assert len(back.scores) == 10


def test_the_first_score_starts_a_response_dated_as_the_round(workbook):
    assert response(workbook.project, "Ten weeks", "tri-city-transit") is None
    workbook.set_score("Ten weeks", "tri-city-transit", CG, 3)
    started = response(saved(workbook), "Ten weeks", "tri-city-transit")
    assert (started.date, started.scores) == (date(2026, 11, 19), {CG: 3})


def test_clearing_an_unanswered_score_starts_nothing(workbook):
    version = workbook.version
    workbook.set_score("Ten weeks", "tri-city-transit", CG, None)
    workbook.set_note("Ten weeks", "tri-city-transit", CG, "  ")
    assert response(workbook.project, "Ten weeks", "tri-city-transit") is None
    assert workbook.version == version and not workbook.dirty


def test_setting_the_same_score_again_is_not_a_change(workbook):
    workbook.set_score("Ten weeks", TEAM, COMM, 2)
    assert not workbook.dirty


@pytest.mark.parametrize("bad", [0, 6, -1, True, 3.5, "4"])
def test_scores_outside_one_to_five_are_refused(workbook, bad):
    with pytest.raises(EditRefused, match="1 \\(absent\\) to 5 \\(strong\\)"):
        workbook.set_score("Ten weeks", TEAM, COMM, bad)
    assert response(workbook.project, "Ten weeks", TEAM).scores[COMM] == 2


@pytest.mark.parametrize(
    ("round_name", "who", "ingredient", "message"),
    [
        ("No such round", TEAM, COMM, "no round"),
        ("Ten weeks", "nobody-at-all", COMM, "not a partner"),
        ("Ten weeks", TEAM, "charisma", "eleven ingredients"),
    ],
)
def test_scores_for_unknown_rounds_people_or_ingredients_are_refused(
    workbook, round_name, who, ingredient, message
):
    with pytest.raises(EditRefused, match=message):
        workbook.set_score(round_name, who, ingredient, 3)
    assert not workbook.dirty


def test_notes_are_trimmed_kept_and_removed_when_blank(workbook):
    workbook.set_note("Ten weeks", YC, SV, "  We all said the same thing.  ")
    workbook.set_note("Ten weeks", TEAM, COMM, "")
    back = saved(workbook)
    assert response(back, "Ten weeks", YC).notes == {SV: "We all said the same thing."}
    assert response(back, "Ten weeks", TEAM).notes == {}


def test_a_read_only_workbook_refuses_every_edit(workbook, opened):
    opened[0].open_read_only("a test says so")
    for edit in (
        lambda: workbook.add_round("Later", date(2027, 1, 1)),
        lambda: workbook.set_score("Ten weeks", TEAM, COMM, 3),
        lambda: workbook.set_note("Ten weeks", TEAM, COMM, "x"),
        lambda: workbook.remove_round("Ten weeks"),
        lambda: workbook.add_action({"text": "x"}),
        lambda: workbook.set_action_done(0, False),
    ):
        with pytest.raises(EditRefused, match="read-only"):
            edit()
    assert not workbook.dirty


# -- actions -----------------------------------------------------------------------


def test_add_update_complete_and_delete_actions(workbook):
    workbook.add_action(
        {
            "text": " Agree a way to settle disputes ",
            "ingredient": "conflict_resolution",
            "owner": YC,
            "due": date(2027, 1, 15),
        }
    )
    assert len(workbook.project.actions) == 7
    workbook.update_action(6, {"owner": None, "due": date(2027, 2, 1)})
    workbook.set_action_done(6, True)
    workbook.delete_action(0)
    back = saved(workbook).actions
    assert len(back) == 6
    last = back[-1]
    assert (last.text, last.ingredient, last.owner, last.due, last.done) == (
        "Agree a way to settle disputes",
        Ingredient.CONFLICT_RESOLUTION,
        None,
        date(2027, 2, 1),
        True,
    )
    assert back[0].text == "Agree on three measures of success with the youth council"


@pytest.mark.parametrize(
    ("values", "field"),
    [
        ({"text": "  "}, "text"),
        ({"text": "x", "owner": "nobody-at-all"}, "owner"),
        ({"text": "x", "ingredient": "charisma"}, "ingredient"),
    ],
)
def test_bad_actions_are_refused_beside_their_field(workbook, values, field):
    with pytest.raises(FormErrors) as error:
        workbook.add_action(values)
    assert field in error.value.errors
    assert len(workbook.project.actions) == 6


def test_actions_that_are_gone_are_refused(workbook):
    for edit in (
        lambda: workbook.update_action(6, {"text": "x"}),
        lambda: workbook.set_action_done(-1, True),
        lambda: workbook.delete_action(99),
    ):
        with pytest.raises(EditRefused, match="not in the project"):
            edit()


def test_answers_list_every_respondent_in_round_order():
    project = storage.load(EXAMPLES / "riverside-youth.toml")
    said = analysis.answers(project, "Ten weeks", Ingredient.SHARED_DECISION_MAKING)
    assert [(a.respondent, a.score) for a in said] == [
        (TEAM, 3),
        ("al-noor-community-centre", 1),
        (YC, 3),
        ("riverside-youth-council", 3),
    ]
    assert said[1].note == "Parents were not asked before the schedule changed."
    flexible = analysis.answers(project, "Ten weeks", Ingredient.FLEXIBILITY)
    assert [a.score for a in flexible] == [3, None, None, None]
    assert analysis.answers(project, "No such round", Ingredient.FLEXIBILITY) == []


# -- a round's own record ------------------------------------------------------------


def with_record(workbook: Workbook, name: str = "Six months") -> Workbook:
    from partnertui.model import Round

    record = Round(
        name=name, date=date(2026, 11, 1), code="r7k2m9qx4f", invited=[YC, "main-street-bia"]
    )
    workbook._changed("record the round", rounds=[record])
    return workbook


def test_a_recorded_round_with_no_answers_yet_is_a_round(workbook):
    with_record(workbook)
    names = [r.name for r in analysis.rounds(workbook.project)]
    assert "Six months" in names
    with pytest.raises(FormErrors):
        workbook.add_round("Six months", date(2026, 11, 2))


def test_renaming_or_removing_a_round_carries_its_record(workbook):
    with_record(workbook)
    workbook.update_round("Six months", "Half-year", date(2026, 11, 5))
    project = saved(workbook)
    assert [(r.name, r.date, r.code) for r in project.rounds] == [
        ("Half-year", date(2026, 11, 5), "r7k2m9qx4f")
    ]
    workbook.remove_round("Half-year")
    assert saved(workbook).rounds == []


def test_deleting_a_partner_takes_it_off_every_invitation_list(workbook):
    with_record(workbook)
    workbook.delete_partner(YC)
    assert saved(workbook).rounds[0].invited == ["main-street-bia"]


# -- an import of answers ------------------------------------------------------------


def import_plan(workbook: Workbook, round_name: str, *respondents: str, replace: bool = True):
    from partnertui.survey import importing
    from partnertui.survey.answers import Answers

    rows = [
        Answers(
            respondent=who,
            round=None,
            date=date(2026, 12, 1),
            scores={SV: 4},
            source=f"answers.csv row {n}",
        )
        for n, who in enumerate(respondents, start=2)
    ]
    return importing.make_plan(
        workbook.path,
        workbook.project,
        [],
        rows,
        round_name=round_name,
        replace=replace,
        today=date(2026, 12, 2),
        responses_in_round=False,
    )


def test_an_import_is_one_step_named_for_its_round(workbook):
    before = workbook.project.model_copy(deep=True)
    plan = import_plan(workbook, "Ten weeks", YC, "tri-city-transit")
    assert [c.replaces is not None for c in plan.changes] == [True, False]
    workbook.import_responses(plan)
    assert workbook.history.next_undo == "import 2 responses to the round “Ten weeks”"
    assert response(workbook.project, "Ten weeks", "tri-city-transit").scores == {SV: 4}
    assert response(workbook.project, "Ten weeks", YC).scores == {SV: 4}  # replaced
    assert saved(workbook).assessments == workbook.project.assessments  # in file order
    workbook.undo()
    assert workbook.project == before


def test_an_import_into_a_new_round_starts_it_and_undo_takes_it_away(workbook):
    plan = import_plan(workbook, "Spring 2027", YC)
    workbook.import_responses(plan)
    assert [r.name for r in workbook.project.rounds] == ["Spring 2027"]
    workbook.undo()
    assert workbook.project.rounds == []
    assert "Spring 2027" not in {r.name for r in workbook.figures.rounds}


def test_a_plan_made_before_another_edit_is_refused(workbook, opened):
    plan = import_plan(workbook, "Ten weeks", "tri-city-transit")
    workbook.set_score("Ten weeks", "tri-city-transit", COMM, 2)  # answered meanwhile
    with pytest.raises(EditRefused, match="changed since the files were read"):
        workbook.import_responses(plan)
    replacing = import_plan(workbook, "Ten weeks", YC)
    workbook.set_score("Ten weeks", YC, COMM, 1)  # the answers it replaces changed
    with pytest.raises(EditRefused, match="changed since the files were read"):
        workbook.import_responses(replacing)
    opened[0].open_read_only("a test says so")
    with pytest.raises(EditRefused, match="read-only"):
        workbook.import_responses(import_plan(workbook, "Ten weeks", "marion-clarke"))


def test_a_round_differing_only_in_case_or_spaces_is_the_same_round(workbook):
    """ "ten weeks" next to "Ten weeks" would be a twin: refused with the round's own
    name. Renaming a round to its own name in other case is no clash."""
    with pytest.raises(FormErrors) as error:
        workbook.add_round(" ten WEEKS ", date(2027, 1, 1))
    assert error.value.errors["name"] == "there is already a round called “Ten weeks”"
    with pytest.raises(FormErrors) as error:
        workbook.add_anonymous_round("kick-off", date(2027, 1, 1))
    assert error.value.errors["name"] == "there is already a round called “Kick-off”"
    with pytest.raises(FormErrors) as error:
        workbook.update_round("Kick-off", "TEN weeks", date(2026, 9, 17))
    assert error.value.errors["name"] == "there is already a round called “Ten weeks”"
    workbook.update_round("Ten weeks", "ten weeks", date(2026, 11, 19))
    assert "ten weeks" in {a.round for a in saved(workbook).assessments}
