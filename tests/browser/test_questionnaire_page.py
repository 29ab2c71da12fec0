"""A questionnaire as a partner uses it: opened from disk, answered, turned into a file.

The page is written by the real builder, opened from file:// (as from an e-mail
attachment or a shared folder) in headless Chromium, answered with clicks and keys,
and its response file is read back with tomllib: every value must be what was
answered, and every name exactly the project's, however awkward.
"""

from __future__ import annotations

import datetime as dt
import time
import tomllib
from pathlib import Path

import pytest

from partnertui import storage
from partnertui.model import Partner
from partnertui.survey import questionnaire, rounds

EXAMPLE = Path(__file__).resolve().parents[2] / "examples" / "riverside-youth.toml"

PROJECT_NAME = 'Riverside "Youth" <script>alert(1)</script> & [b]Co[/b]'
PARTNER_NAME = "Youth Centre \\ Drop-in </script> \x1b[31m"
ROUND_NAME = "Six months <i>soon</i>"

WATCH = """
window.__problems = [];
window.addEventListener("error", function (e) { window.__problems.push("error: " + e.message); });
window.addEventListener("unhandledrejection", function (e) {
  window.__problems.push("rejection: " + e.reason);
});
document.addEventListener("securitypolicyviolation", function (e) {
  window.__problems.push("blocked: " + e.blockedURI + " " + e.violatedDirective);
});
(function () {
  var original = console.error;
  console.error = function () {
    window.__problems.push("console: " + Array.prototype.join.call(arguments, " "));
    return original.apply(console, arguments);
  };
})();
"""


@pytest.fixture
def page(tmp_path: Path) -> tuple[Path, str]:
    """A questionnaire for an awkwardly named partner of an awkwardly named project."""
    project = storage.load(EXAMPLE)
    project = project.model_copy(
        update={"project": project.project.model_copy(update={"name": PROJECT_NAME})}
    )
    partner = Partner(id="youth-centre", name=PARTNER_NAME)
    project = project.model_copy(update={"partners": [*project.partners, partner]})
    sending = rounds.send(project, ROUND_NAME, [partner.id], dt.date(2026, 11, 1))
    target = tmp_path / "youth-centre.html"
    target.write_text(questionnaire.build(project, sending.record, partner), encoding="utf-8")
    return target, sending.record.code or ""


def _open(browser, path: Path) -> None:
    browser.execute_cdp_cmd("Page.addScriptToEvaluateOnNewDocument", {"source": WATCH})
    browser.get(path.as_uri())


def _radio(browser, name: str, value: str):
    return browser.find_element("css selector", f"input[name='{name}'][value='{value}']")


def _downloaded(folder: Path, timeout: float = 15.0) -> Path:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        done = [p for p in folder.iterdir() if not p.name.endswith((".crdownload", ".tmp"))]
        if done:
            return done[0]
        time.sleep(0.1)
    raise AssertionError(f"nothing was downloaded into {folder}")


def test_answering_makes_the_response_file_as_a_download_and_as_text(browser, downloads, page):
    from selenium.webdriver.common.keys import Keys

    path, code = page
    _open(browser, path)
    assert browser.title.startswith(ROUND_NAME)
    assert PROJECT_NAME in browser.find_element("tag name", "h1").text
    # Clicks on the words of the scale, as a person taps them.
    browser.find_element(
        "xpath", "//fieldset[@id='q-shared_vision']//label[.//input[@value='4']]"
    ).click()
    _radio(browser, "cooperation", "5").click()
    # Keys: a radio group moves with the arrow keys.
    _radio(browser, "common_goals", "2").click()
    _radio(browser, "common_goals", "2").send_keys(Keys.ARROW_RIGHT)
    _radio(browser, "communication", "dont_know").click()
    _radio(browser, "leadership", "1").click()
    assert "low" in browser.find_element("id", "q-leadership").get_attribute("class")
    note = browser.find_element("id", "note-leadership")
    note.send_keys('They said "we lead" \\ but\nnobody <b>does</b>')
    browser.find_element("id", "note-shared_vision").send_keys("  We agree on the what.  ")

    browser.find_element("id", "make").click()
    saved = _downloaded(downloads)
    local_day = browser.execute_script(
        "var d = new Date(); return [d.getFullYear(), d.getMonth() + 1, d.getDate()];"
    )
    shown = browser.find_element("id", "response").get_attribute("value")
    text = saved.read_text(encoding="utf-8")

    assert saved.name == (
        "riverside-youth-script-alert-1-script-b-co-b--six-months-i-soon-i--"
        "youth-centre.response.toml"
    )
    assert browser.find_element("id", "result").is_displayed()
    assert shown == text
    assert text.startswith("# partnertui response: send this file back to the project lead\n")
    assert tomllib.loads(text) == {
        "partnertui_response": 1,
        "project": PROJECT_NAME,
        "round": ROUND_NAME,
        "round_code": code,
        "respondent": "youth-centre",
        "respondent_name": PARTNER_NAME,
        "date": dt.date(*local_day),
        "dont_know": ["communication"],
        "scores": {"shared_vision": 4, "common_goals": 3, "cooperation": 5, "leadership": 1},
        "notes": {
            "shared_vision": "We agree on the what.",
            "leadership": 'They said "we lead" \\ but\nnobody <b>does</b>',
        },
    }
    assert "\\u001B" in text  # the escape in the partner's name, written as TOML escapes
    assert browser.execute_script("return window.__problems") == []


def test_nothing_answered_asks_for_an_answer_and_makes_no_file(browser, downloads, page):
    path, _ = page
    _open(browser, path)
    browser.find_element("id", "make").click()
    assert "at least one" in browser.find_element("id", "message").text
    assert not browser.find_element("id", "result").is_displayed()
    time.sleep(0.5)
    assert list(downloads.iterdir()) == []
    assert browser.execute_script("return window.__problems") == []


def test_printed_it_is_a_paper_form_without_buttons(browser, page):
    path, _ = page
    _open(browser, path)
    browser.execute_cdp_cmd("Emulation.setEmulatedMedia", {"media": "print"})
    try:
        assert not browser.find_element("id", "make").is_displayed()
        assert not browser.find_element("id", "copy").is_displayed()
        questions = browser.find_elements("css selector", "fieldset.q")
        assert len(questions) == 11
        for question in questions:
            assert question.is_displayed()
            assert "strong" in question.text  # the scale's words are on paper
            assert "Don't know" in question.text
            assert question.find_element("tag name", "textarea").is_displayed()
        assert "On paper" in browser.find_element("tag name", "header").text
    finally:
        browser.execute_cdp_cmd("Emulation.setEmulatedMedia", {"media": ""})
    assert browser.find_element("id", "make").is_displayed()


def test_on_a_phone_the_choices_are_large_enough_to_tap(browser, page):
    path, _ = page
    browser.set_window_size(390, 844)
    try:
        _open(browser, path)
        option = browser.find_element(
            "xpath", "//fieldset[@id='q-shared_vision']//label[.//input[@value='3']]"
        )
        assert option.size["height"] >= 44 and option.size["width"] >= 44
        width = browser.execute_script("return document.documentElement.scrollWidth")
        assert width <= browser.execute_script("return window.innerWidth")
    finally:
        browser.set_window_size(1000, 800)
