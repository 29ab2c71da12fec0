"""An anonymous round's one page, as anyone invited answers it in a real browser.

The page comes from the real builder and is opened from disk in headless Chromium,
answered (a group, scores, a "don't know", a comment) and turned into its response
file, which must carry no name, a token drawn in the browser and the chosen group,
and import into the round without a partner's id.
"""

from __future__ import annotations

import datetime as dt
import re
import time
import tomllib
from pathlib import Path

import pytest

from partnertui import storage
from partnertui.model import Partner, Project
from partnertui.survey import importing, questionnaire, response_file, rounds

EXAMPLE = Path(__file__).resolve().parents[2] / "examples" / "riverside-youth.toml"
PROJECT_NAME = "Riverside [b]x[/b] <script>alert(1)</script> \x1b[31m"
PARTNER_NAME = "Drop-in [b]x[/b] </script> \x1b[31m"
ROUND_NAME = "Spring <i>check-in</i>"
DAY = dt.date(2027, 4, 1)


@pytest.fixture
def anonymous_page(tmp_path: Path) -> tuple[Path, Project]:
    project = storage.load(EXAMPLE)
    info = project.project.model_copy(
        update={"name": PROJECT_NAME, "groups": ["community", "agency", "Élus & <council>"]}
    )
    partner = Partner(id="drop-in", name=PARTNER_NAME, status="invited")
    project = project.model_copy(update={"project": info, "partners": [*project.partners, partner]})
    invited = [p.id for p in rounds.default_respondents(project)]
    sending = rounds.send(project, ROUND_NAME, invited, DAY, anonymous=True)
    project = project.model_copy(update={"rounds": sending.rounds})
    target = tmp_path / rounds.anonymous_questionnaire_name(project, ROUND_NAME)
    target.write_text(questionnaire.build(project, sending.record), encoding="utf-8")
    return target, project


def _downloaded(folder: Path, timeout: float = 15.0) -> Path:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        done = [p for p in folder.iterdir() if not p.name.endswith((".crdownload", ".tmp"))]
        if done:
            return done[0]
        time.sleep(0.1)
    raise AssertionError(f"nothing was downloaded into {folder}")


def _choose(browser, name: str, value: str) -> None:
    browser.find_element(
        "xpath", f"//input[@name='{name}'][@value='{value}']/ancestor::label[1]"
    ).click()


def test_answering_anonymously_makes_a_response_with_no_name(browser, downloads, anonymous_page):
    path, project = anonymous_page
    source = path.read_text(encoding="utf-8")
    for partner in project.partners:
        assert partner.id not in source and partner.name not in source
    browser.get(path.as_uri())
    page = browser.find_element("tag name", "body").text
    assert "Your answers are anonymous" in page
    assert PARTNER_NAME not in page and "Drop-in" not in page
    assert browser.find_element("css selector", "input[name='group'][value='']").is_selected()
    assert "Élus & <council>" in browser.find_element("id", "q-group").text
    _choose(browser, "group", "2")  # the project's own group, awkward characters and all
    _choose(browser, "shared_vision", "4")
    _choose(browser, "leadership", "2")
    _choose(browser, "communication", "dont_know")
    browser.find_element("id", "note-leadership").send_keys('Decisions "happen" <b>elsewhere</b>')
    browser.find_element("id", "make").click()

    saved = _downloaded(downloads)
    text = saved.read_text(encoding="utf-8")
    data = tomllib.loads(text)
    token = data.pop("response")
    assert re.fullmatch(r"[0-9a-f]{16,64}", token)
    assert data == {
        "partnertui_response": 1,
        "project": PROJECT_NAME,
        "round": ROUND_NAME,
        "round_code": project.rounds[-1].code,
        "group": "Élus & <council>",
        "dont_know": ["communication"],
        "scores": {"shared_vision": 4, "leadership": 2},
        "notes": {"leadership": 'Decisions "happen" <b>elsewhere</b>'},
    }
    assert "respondent" not in text and "date" not in text
    assert saved.name == (
        "riverside-b-x-b-script-alert-1-script-31m--spring-i-check-in-i--"
        f"anonymous-{token[:8]}.response.toml"
    )
    assert browser.find_element("id", "response").get_attribute("value") == text
    # Pressed again, the same page load keeps the same token.
    browser.find_element("id", "make").click()
    again = tomllib.loads(browser.find_element("id", "response").get_attribute("value"))
    assert again["response"] == token

    response = response_file.read(saved)
    plan = importing.make_plan(
        saved, project, [response], [], round_name=None, replace=False, today=dt.date(2027, 5, 2)
    )
    (written,) = [a for a in importing.updated(project, plan).assessments if a.round == ROUND_NAME]
    assert written.respondent.startswith("anonymous-") and written.date == DAY
    assert written.group == "Élus & <council>"
    assert written.respondent not in {p.id for p in project.partners}
