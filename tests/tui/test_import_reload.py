"""An import while the workbook has the file open: refused while the workbook holds
it; once done, a workbook with nothing unsaved shows the new answers."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from shell_tools import toasts

from partnertui import storage
from partnertui.model import Ingredient
from partnertui.survey import importing
from partnertui.survey.answers import Answers

ROUND = "Six months"


def plan_for(path: Path):
    project, fingerprint = storage.read(path)
    row = Answers(
        respondent="riverside-youth-centre",
        round=None,
        date=dt.date(2026, 11, 2),
        scores={Ingredient.SHARED_VISION: 4},
        dont_know=(Ingredient.LEADERSHIP,),
        source="answers.csv row 2",
    )
    plan = importing.make_plan(
        path, project, [], [row], round_name=ROUND, replace=False, today=dt.date(2026, 11, 24)
    )
    return plan, project, fingerprint


async def test_an_import_shows_in_a_workbook_with_nothing_unsaved(survey_project, make_app):
    app = make_app(survey_project)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        plan, project, fingerprint = plan_for(survey_project)
        before = survey_project.read_bytes()
        with pytest.raises(
            importing.ImportRefused, match=r"is open for editing by .* \(process \d+\)"
        ):
            importing.apply(plan, project, fingerprint)  # the workbook holds the file
        assert survey_project.read_bytes() == before

        # Looking only, as a read-only viewer does, the workbook holds no lock.
        app.safety.file.close()
        app.safety.file.open_read_only("you are only looking")
        assert not app.workbook.dirty
        importing.apply(plan, project, fingerprint)
        app.safety.check_disk()
        await pilot.pause()
        answered = {a.respondent: a for a in app.workbook.project.assessments if a.round == ROUND}
        assert answered["riverside-youth-centre"].scores == {Ingredient.SHARED_VISION: 4}
        assert answered["riverside-youth-centre"].dont_know == [Ingredient.LEADERSHIP]
        assert any("was changed on disk; you now see it as it is" in t for t in toasts(app))
