"""The questionnaire page, the round's record it needs, and who has answered.

The page is read as text here (the browser tests run it): names must arrive as data,
never as markup or code, and nothing in it may point outside the file.
"""

from __future__ import annotations

import datetime as dt
import html
import json
import re
from pathlib import Path

import pytest

from partnertui import analysis, storage
from partnertui.model import Assessment, Ingredient, Partner, Round, Status
from partnertui.survey import questionnaire, rounds

EXAMPLE = Path(__file__).resolve().parents[2] / "examples" / "riverside-youth.toml"
DAY = dt.date(2026, 11, 1)

HOSTILE = {
    "script": "</script><script>alert(1)</script>",
    "quote": 'The "Quoted" Partner\'s',
    "markup": "[b]x[/b] <b>bold</b> & co",
    "terminal": "Evil \x1b[31mred\x1b[0m\x07 name",
}


@pytest.fixture
def project():
    return storage.load(EXAMPLE)


def _page(project, name: str, project_name: str | None = None, round_name: str = "Six months"):
    partner = Partner(id="odd-one", name=name)
    info = project.project.model_copy(update={"name": project_name or project.project.name})
    project = project.model_copy(update={"project": info, "partners": [*project.partners, partner]})
    sending = rounds.send(project, round_name, [partner.id], DAY)
    return questionnaire.build(project, sending.record, partner), sending.record


def _data(page: str) -> dict:
    found = re.search(
        r'<script type="application/json" id="questionnaire-data">(.*?)</script>', page, re.S
    )
    assert found
    return json.loads(found.group(1))


@pytest.mark.parametrize("kind", sorted(HOSTILE))
def test_names_are_data_in_the_page_and_in_the_script(project, kind):
    name = HOSTILE[kind]
    page, record = _page(project, name, project_name=name, round_name=f"Round {name}")
    data = _data(page)
    # Exactly as typed, in the data the script reads: the response carries it back.
    assert data["respondent_name"] == name
    assert data["project"] == name
    assert data["round"] == f"Round {name}"
    assert data["round_code"] == record.code
    # Never as markup: one <script> for the data and one for the code, nothing else.
    assert page.count("<script") == 2
    assert page.count("</script>") == 2
    assert "<b>bold" not in page
    assert "\x1b" not in page and "\x07" not in page
    assert "alert(1)</script>" not in page
    # The data block holds no <, > or & at all.
    block = page.split('id="questionnaire-data">', 1)[1].split("</script>", 1)[0]
    assert not set("<>&") & set(block)


def test_names_are_shown_escaped(project):
    page, _ = _page(project, HOSTILE["markup"], project_name='A "B" & C')
    assert html.escape(HOSTILE["markup"], quote=True) in page
    assert "A &quot;B&quot; &amp; C" in page
    assert "[b]x[/b]" in page  # square brackets mean nothing in HTML: shown as typed


def test_nothing_outside_the_file_is_referred_to(project):
    page, _ = _page(project, "Riverside Youth Centre")
    lowered = page.lower()
    assert "http://" not in lowered and "https://" not in lowered
    assert not re.search(r"""<[^>]*\s(src|href|action|srcset|poster)\s*=""", lowered)
    for fetching in ("fetch(", "xmlhttprequest", "import(", "websocket", "sendbeacon"):
        assert fetching not in lowered
    assert not re.search(r"""["'(\s]//[a-z0-9]""", lowered)  # protocol-relative URLs
    style = lowered.split("<style>", 1)[1].split("</style>", 1)[0]
    assert "@import" not in style and "url(" not in style
    assert "default-src 'none'" in page  # and the browser is told so


def test_every_ingredient_with_its_words_the_scale_and_dont_know(project):
    page, _ = _page(project, "Riverside Youth Centre")
    assert '<html lang="en">' in page
    assert 'name="viewport"' in page
    for ingredient in Ingredient:
        key = ingredient.value
        assert f'id="q-{key}"' in page
        assert f'<label class="why" for="note-{key}">' in page
        assert f'<textarea id="note-{key}"' in page
        for value in (*"12345", "dont_know"):
            assert f'name="{key}" value="{value}"' in page
    assert page.count("Don't know</span>") == 11
    assert "Everyone can describe the same picture of success." in page
    for word in ("absent", "weak", "developing", "good", "strong"):
        assert f'<span class="w">{word}</span>' in page
    assert "@media print" in page


def test_the_response_file_is_named_for_project_round_and_respondent(project):
    page, _ = _page(project, "Riverside Youth Centre", round_name="Six Months!")
    assert _data(page)["file_name"] == (
        "riverside-youth-safety-circle--six-months--odd-one.response.toml"
    )


def test_a_round_without_a_code_cannot_make_a_questionnaire(project):
    partner = project.partners[0]
    with pytest.raises(ValueError, match="no code"):
        questionnaire.build(project, Round(name="X", date=DAY), partner)


# -- the round's record ------------------------------------------------------------


def test_sending_a_new_round_starts_it_with_a_code_and_the_invited(project):
    sending = rounds.send(project, " Six months ", ["tri-city-transit", "main-street-bia"], DAY)
    assert sending.started and sending.changed
    assert sending.record.name == "Six months"
    assert sending.record.date == DAY
    assert re.fullmatch(r"[a-z0-9]{10}", sending.record.code or "")
    assert sending.record.invited == ["tri-city-transit", "main-street-bia"]
    assert [r.name for r in sending.rounds] == ["Six months"]


def test_sending_again_keeps_the_code_and_adds_to_the_invited(project):
    first = rounds.send(project, "Six months", ["tri-city-transit"], DAY)
    project = project.model_copy(update={"rounds": first.rounds})
    again = rounds.send(project, "Six months", ["tri-city-transit"], DAY)
    assert not again.changed and not again.started
    more = rounds.send(project, "Six months", ["main-street-bia"], DAY)
    assert more.changed and more.record.code == first.record.code
    assert more.record.invited == ["tri-city-transit", "main-street-bia"]


def test_a_round_known_from_its_responses_is_recorded_with_its_first_date(project):
    sending = rounds.send(project, "Kick-off", ["tri-city-transit"], DAY)
    first = min(a.date for a in project.assessments if a.round == "Kick-off")
    assert not sending.started
    assert sending.record.date == first


def test_codes_differ():
    assert len({rounds.new_code() for _ in range(50)}) == 50


def test_default_folder_and_respondents(project):
    folder = rounds.default_folder(Path("/plans/riverside.toml"), "Six months")
    assert folder == Path("/plans/riverside-six-months-questionnaires")
    chosen = rounds.default_respondents(project)
    assert chosen and all(p.status in (Status.INVITED, Status.CONFIRMED) for p in chosen)
    assert rounds.slug("???", "round") == "round"


# -- who has answered --------------------------------------------------------------


def test_turnout_counts_the_invited_who_answered(project):
    yc, transit, bia = "riverside-youth-centre", "tri-city-transit", "main-street-bia"
    record = Round(name="Six months", date=DAY, code="abcdefghij", invited=[yc, transit, bia])
    answers = [
        Assessment(round="Six months", date=DAY, respondent=yc, scores={"leadership": 3}),
        Assessment(round="Six months", date=DAY, respondent=bia),  # started, nothing said
        Assessment(round="Six months", date=DAY, respondent="team", scores={"leadership": 4}),
    ]
    project = project.model_copy(
        update={"rounds": [record], "assessments": [*project.assessments, *answers]}
    )
    turnout = analysis.turnout(project, "Six months")
    assert turnout.recorded
    assert turnout.answered == [yc]
    assert set(turnout.waiting) == {transit, bia}
    assert len(turnout.invited) == 3


def test_turnout_without_a_record_counts_those_who_answered(project):
    turnout = analysis.turnout(project, "Kick-off")
    assert not turnout.recorded
    assert turnout.waiting == []
    assert turnout.answered == turnout.invited
    assert "team" not in turnout.invited


def test_dont_know_is_counted_and_kept_out_of_the_mean(project):
    answers = [
        Assessment(round="R", date=DAY, respondent="team", scores={"leadership": 4}),
        Assessment(round="R", date=DAY, respondent="tri-city-transit", dont_know=["leadership"]),
        Assessment(round="R", date=DAY, respondent="main-street-bia", dont_know=["leadership"]),
    ]
    project = project.model_copy(update={"assessments": [*project.assessments, *answers]})
    stats = analysis.round_stats(project, "R").ingredients[Ingredient.LEADERSHIP]
    assert (stats.mean, stats.count, stats.dont_know) == (4.0, 1, 2)
    said = analysis.answers(project, "R", Ingredient.LEADERSHIP)
    assert [a.dont_know for a in said] == [False, True, True]


def test_round_slugs_are_the_rounds_own(project):
    assert rounds.round_slug("Six months", project) == "six-months"
    spring, autumn = rounds.round_slug("春", project), rounds.round_slug("秋", project)
    assert spring != autumn and spring.startswith("round-")
    assert rounds.round_slug("春 2026") == rounds.round_slug("春 2026") != "2026"
    recorded = Round(name="Six months", date=DAY, code="abcdefghij")
    project = project.model_copy(update={"rounds": [recorded]})
    # A later round whose words give the same slug gets one of its own; the first keeps its.
    assert rounds.round_slug("Six-months", project).startswith("six-months-")
    assert rounds.round_slug("Six months", project) == "six-months"
    assert rounds.response_name(project, "Six-months", "x") != rounds.response_name(
        project, "Six months", "x"
    )
