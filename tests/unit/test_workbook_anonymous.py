"""Workbook edits of anonymous rounds: started as a record, answers that name nobody,
a round re-signed only while empty, and the project's groups kept for the answers
that use them. Checked on the model and on the file written."""

from __future__ import annotations

import shutil
from datetime import date
from pathlib import Path

import pytest

from partnertui import storage
from partnertui.model import ANONYMOUS, TEAM, Ingredient
from partnertui.storage.session import OpenFile
from partnertui.tui.workbook import EditRefused, FormErrors, Workbook

EXAMPLES = Path(__file__).resolve().parents[2] / "examples"
SPRING = date(2027, 4, 1)
YC = "riverside-youth-centre"


@pytest.fixture
def workbook(tmp_path: Path) -> Workbook:
    path = tmp_path / "riverside.toml"
    shutil.copyfile(EXAMPLES / "riverside-youth.toml", path)
    file, project = OpenFile.open(path)
    book = Workbook(project, file)
    book.add_anonymous_round(" Spring ", SPRING)
    return book


def test_an_anonymous_round_is_its_record_and_its_answers_carry_a_group_only(workbook):
    assert workbook.history.next_undo == "start the anonymous round “Spring”"
    respondent = workbook.new_anonymous_respondent()
    workbook.set_score("Spring", respondent, Ingredient.LEADERSHIP, 4, group="agency")
    workbook.set_note("Spring", respondent, Ingredient.LEADERSHIP, "Shared well", group="group")
    assert workbook.history.next_undo == "note an anonymous answer in “Spring”"
    storage.save(workbook.project, workbook.path)
    project = storage.load(workbook.path)
    [record] = [r for r in project.rounds if r.name == "Spring"]
    assert record.anonymous and record.date == SPRING
    [answer] = [a for a in project.assessments if a.round == "Spring"]
    assert answer.respondent == respondent and respondent.startswith(ANONYMOUS)
    assert (answer.date, answer.group) == (SPRING, "agency")  # kept from its first score
    assert answer.scores == {Ingredient.LEADERSHIP: 4}


def test_nobody_is_named_in_an_anonymous_round_nor_anonymous_in_a_signed_one(workbook):
    with pytest.raises(EditRefused, match="name nobody"):
        workbook.set_score("Spring", YC, Ingredient.LEADERSHIP, 4)
    with pytest.raises(EditRefused, match="not one of the project's groups"):
        workbook.set_score(
            "Spring", workbook.new_anonymous_respondent(), "leadership", 4, group="nobody's"
        )
    with pytest.raises(EditRefused, match="not a partner"):
        workbook.set_score("Kick-off", workbook.new_anonymous_respondent(), "leadership", 4)
    workbook.set_score("Spring", TEAM, Ingredient.LEADERSHIP, 3, group="agency")
    [team] = [a for a in workbook.project.assessments if a.round == "Spring"]
    assert team.group is None  # the team is nobody's group


def test_a_round_changes_between_signed_and_anonymous_only_while_it_has_no_answers(workbook):
    workbook.update_round("Spring", "Spring", SPRING, anonymous=False)
    assert not workbook.is_anonymous("Spring")
    workbook.update_round("Spring", "Spring", SPRING, anonymous=True)
    assert workbook.history.next_undo == "make the round “Spring” anonymous"
    with pytest.raises(FormErrors) as signed:
        workbook.update_round("Kick-off", "Kick-off", date(2026, 9, 17), anonymous=True)
    assert "start a new anonymous round instead" in signed.value.errors["anonymous"]
    workbook.set_score("Spring", workbook.new_anonymous_respondent(), "leadership", 2)
    with pytest.raises(FormErrors) as anonymous:
        workbook.update_round("Spring", "Spring", SPRING, anonymous=False)
    assert "cannot be signed" in anonymous.value.errors["anonymous"]
    workbook.update_round("Spring", "Spring", date(2027, 4, 8))  # re-dated with its answers
    assert {a.date for a in workbook.project.assessments if a.round == "Spring"} == {
        date(2027, 4, 8)
    }


def test_the_groups_answers_use_stay_in_the_project(workbook):
    workbook.update_details({"groups": ["community", "agency"], "minimum_to_show": 4})
    workbook.set_score(
        "Spring", workbook.new_anonymous_respondent(), "leadership", 2, group="agency"
    )
    with pytest.raises(FormErrors) as lost:
        workbook.update_details({"groups": ["community"]})
    assert lost.value.errors == {"groups": "anonymous answers give agency: keep it in the list"}
    with pytest.raises(FormErrors) as low:
        workbook.update_details({"minimum_to_show": 0})
    assert low.value.errors == {"minimum_to_show": "write a whole number from 1 to 1000"}
    assert workbook.project.project.minimum_to_show == 4
