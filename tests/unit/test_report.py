"""The partnership report in Markdown and HTML: golden files, safety, self-containment.

The golden files in tests/golden/ are the report on examples/riverside-youth.toml made
on 2026-11-24. They change only on purpose: after changing the report, regenerate
them with

    PARTNERTUI_REGENERATE_GOLDEN=1 .venv/bin/python -m pytest tests/unit/test_report.py

and review the diff like any other change.
"""

from __future__ import annotations

import datetime as dt
import os
import re
from html.parser import HTMLParser
from pathlib import Path

import pytest
from markdown_it import MarkdownIt

from partnertui import report, storage
from partnertui.model import Contribution, Partner, new_project

ROOT = Path(__file__).resolve().parents[2]
GOLDEN = ROOT / "tests" / "golden"
TODAY = dt.date(2026, 11, 24)
REGENERATE = os.environ.get("PARTNERTUI_REGENERATE_GOLDEN") == "1"
VOID = {"meta", "br", "hr", "img", "input", "link", "area", "base", "col", "source", "wbr"}
HOSTILE = "<script>alert(1)</script> *bold* _it_ [x](http://evil.example) a|b #1 `c` &amp;"


def golden(name: str, text: str) -> str:
    path = GOLDEN / name
    if REGENERATE:
        path.write_text(text, encoding="utf-8", newline="\n")
    return path.read_text(encoding="utf-8")


@pytest.fixture
def riverside():
    return storage.load(ROOT / "examples" / "riverside-youth.toml")


def test_markdown_golden(riverside):
    text = report.markdown(riverside, TODAY)
    assert text == golden("riverside-youth.md", text)


def test_html_golden(riverside):
    text = report.to_html(riverside, TODAY)
    assert text == golden("riverside-youth.html", text)


def test_both_formats_say_the_same_things(riverside):
    md, page = report.markdown(riverside, TODAY), report.to_html(riverside, TODAY)
    for words in (
        "Partners by role",
        "Collaboration (2)",
        "CAD 18,550",
        "Skills still missing",
        "program evaluation",
        "Latest round: ",
        "Ten weeks",
        "↓ -0.7",
        "⚠ overdue",
        "Agree on three measures of success with the youth council",
        "Scores across rounds",
    ):
        assert words in md, words
        assert words in page, words
    # Done actions are not listed; overdue is judged on the day given.
    assert "Book the June celebration" not in md
    later = report.markdown(riverside, dt.date(2026, 12, 31))
    assert "4 open (⚠ 4 overdue on 2026-12-31)" in later


class Balance(HTMLParser):
    """Checks that every element is closed, in order."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.stack: list[str] = []
        self.problems: list[str] = []
        self.text: list[str] = []
        self.attributes: list[tuple[str, str | None]] = []

    def handle_starttag(self, tag, attrs):
        self.attributes += attrs
        if tag not in VOID:
            self.stack.append(tag)

    def handle_startendtag(self, tag, attrs):
        self.attributes += attrs

    def handle_endtag(self, tag):
        if not self.stack or self.stack[-1] != tag:
            self.problems.append(f"</{tag}> closes {self.stack[-1:] or 'nothing'}")
        else:
            self.stack.pop()

    def handle_data(self, data):
        self.text.append(data)


def parse(page: str) -> Balance:
    parser = Balance()
    parser.feed(page)
    parser.close()
    assert parser.problems == []
    assert parser.stack == []
    return parser


def test_html_is_balanced_and_self_contained(riverside):
    page = report.to_html(riverside, TODAY)
    parsed = parse(page)
    assert page.startswith('<!DOCTYPE html>\n<html lang="en">')
    assert "<svg " in page and "</svg>" in page and "<style>" in page
    assert "<script" not in page and "@import" not in page and "url(" not in page
    for name, value in parsed.attributes:
        if name in ("src", "href", "xlink:href", "action"):
            pytest.fail(f"an external reference: {name}={value}")
    assert not re.search(r"https?://", page)


def test_hostile_text_is_shown_as_written(riverside):
    project = riverside.model_copy(deep=True)
    project.project.name = "Riverside <b>Circle</b>"
    project.project.description = "- not a list\n\n1. not numbered\n\n# not a heading"
    project.partners[0].name = HOSTILE + "\x1b[31m\u202e"
    project.partners[0].responsibilities = ["<img src=x onerror=alert(1)>"]
    project.actions[1].text = "| breaks | the | table |"

    page = report.to_html(project, TODAY)
    parsed = parse(page)
    assert "<script" not in page and "<img" not in page and "<b>" not in page
    assert "\x1b" not in page and "\u202e" not in page
    text = "".join(parsed.text)
    assert HOSTILE + "[31m" in text
    assert "<img src=x onerror=alert(1)>" in text
    assert [name for name, _ in parsed.attributes if name in ("src", "href", "onerror")] == []

    md = report.markdown(project, TODAY)
    assert "\x1b" not in md and "\u202e" not in md
    rendered = MarkdownIt("gfm-like").disable("linkify").render(md)
    assert "<script" not in rendered and "<img" not in rendered and "<a " not in rendered
    assert "<em>" not in rendered and "<b>" not in rendered
    import html

    assert html.escape(HOSTILE + "[31m", quote=False) in rendered
    assert "<p>- not a list</p>" in rendered and "<p>1. not numbered</p>" in rendered
    assert "<p># not a heading</p>" in rendered
    assert "<td>| breaks | the | table |</td>" in rendered


def test_markdown_escape_rules():
    assert report.md_escape("*a* _b_ [c] <d> e|f #g `h` ~i~ &j; \\k") == (
        "\\*a\\* \\_b\\_ \\[c\\] \\<d\\> e\\|f \\#g \\`h\\` \\~i\\~ \\&j; \\\\k"
    )
    assert report.md_escape("- item") == "\\- item"
    assert report.md_escape("2. item") == "2\\. item"
    assert report.md_escape("- item", line_start=False) == "- item"
    assert report.md_escape("tab\there\x00\x07 line\nbreak") == "tab here line break"


def test_a_new_project_reports_what_is_missing():
    project = new_project("Fresh start", "Town Hall")
    md = report.markdown(project, TODAY)
    assert "No partners are recorded yet." in md
    assert "No assessment round yet." in md
    assert "No actions are recorded yet." in md
    assert "The project lists no skills it needs yet." in md
    page = report.to_html(project, TODAY)
    parse(page)
    assert "<svg" not in page


def test_one_round_and_an_unassigned_partner_with_unvalued_gift():
    project = new_project("Small")
    project.partners.append(
        Partner(
            id="cafe",
            name="Corner Café",
            status="confirmed",
            contributions=[Contribution(kind="supplies", description="Coffee")],
        )
    )
    md = report.markdown(project, TODAY)
    assert "### No role yet (1)" in md
    assert "**Gives:** Supplies: Coffee" in md
    assert "| No role yet | 1 | CAD 0 | CAD 0 | CAD 0 |" in md


def test_format_for_and_render():
    assert report.format_for("a/report.HTML") == "html"
    assert report.format_for("report.htm") == "html"
    assert report.format_for("report.md") == "markdown"
    assert report.format_for("report.pdf") is None
    with pytest.raises(ValueError):
        report.render(new_project("x"), TODAY, "pdf")


def test_write_replaces_whole_files_and_explains_failures(tmp_path: Path):
    target = tmp_path / "r.md"
    target.write_text("old")
    assert report.write("new\n", target) == target
    assert target.read_text() == "new\n"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["r.md"]  # no temp file left
    with pytest.raises(report.ReportWriteError, match="does not exist; nothing was written"):
        report.write("x", tmp_path / "missing" / "r.md")
    with pytest.raises(report.ReportWriteError, match="is a folder"):
        report.write("x", tmp_path)


def test_response_rates_and_dont_know_where_there_are_any(riverside):
    from partnertui.model import Assessment, Round

    invited = [a.respondent for a in riverside.assessments if a.round == "Ten weeks"]
    invited = [r for r in invited if r != "team"] + ["tri-city-transit"]
    record = Round(name="Ten weeks", date=dt.date(2026, 11, 20), invited=invited)
    unsure = Assessment(
        round="Ten weeks",
        date=dt.date(2026, 11, 21),
        respondent="main-street-bia",
        dont_know=["leadership", "communication"],
    )
    project = riverside.model_copy(
        update={"rounds": [record], "assessments": [*riverside.assessments, unsure]}
    )
    text = report.render(project, TODAY, "markdown")
    answered = len([r for r in invited if r != "tri-city-transit"])
    assert f"**Questionnaires:** Ten weeks answered {answered} of {len(invited)}." in text
    assert "Kick-off answered" not in text  # no record, so no count of who was asked
    header = next(line for line in text.splitlines() if line.startswith("| Ingredient | Mean"))
    assert header.endswith("| Don't know |")
    leadership = next(line for line in text.splitlines() if line.startswith("| Leadership |"))
    assert leadership.rstrip().endswith("| 1 |")
    assert "Questionnaires" not in report.render(riverside, TODAY, "markdown")


def eastgate_with_a_business_note():
    """The anonymous example, its one business answer with a note on communication."""
    text = (ROOT / "examples" / "eastgate-anonymous.toml").read_text(encoding="utf-8")
    at = text.index("[[assessments]]", text.index('group = "business"'))
    note = '[assessments.notes]\ncommunication = "Nobody tells the shops anything."\n\n'
    return storage.parse(text[:at] + note + text[at:], "eastgate.toml")


def test_a_comment_from_a_group_of_one_is_only_anonymous():
    project = eastgate_with_a_business_note()
    md, page = report.markdown(project, TODAY), report.to_html(project, TODAY)
    assert "- **Anonymous:** Nobody tells the shops anything." in md
    assert "<strong>Anonymous: </strong>Nobody tells the shops anything." in page
    for text in (md, page):
        assert "business respondents" not in text
    # Groups that enough answered in are still named beside their comments.
    assert "**Anonymous (community respondents):** We hear about changes" in md


SPRING = """[[assessments]]
round = "Spring"
date = 2027-03-01
respondent = "team"

[assessments.scores]
communication = 4
commitment = 5
conflict_resolution = {conflict}

"""


def riverside_with_a_partial_round(conflict: int):
    """Riverside with a later team round scoring three ingredients: 4, 5 and ``conflict``."""
    text = (ROOT / "examples" / "riverside-youth.toml").read_text(encoding="utf-8")
    at = text.index("[[actions]]")
    return storage.parse(text[:at] + SPRING.format(conflict=conflict) + text[at:], "r.toml")


def test_weakest_lists_no_strength_and_the_overall_says_of_how_many():
    md = report.markdown(riverside_with_a_partial_round(3), TODAY)
    assert "**Overall:** 4.0 strength, from 3 of 11 ingredients (the mean of their means)." in md
    assert "**Weakest:** Resolving conflict (3.0).\n" in md
    md = report.markdown(riverside_with_a_partial_round(4), TODAY)
    assert "Weakest" not in md
    assert (
        "**No weak ingredients:** every ingredient scored is a strength; the lowest is "
        "Communication (4.0)."
    ) in md
    assert "<strong>No weak ingredients: </strong>" in report.to_html(
        riverside_with_a_partial_round(4), TODAY
    )


def test_too_few_answers_is_said_in_good_grammar():
    """Three partners answer a new round, one of them scores common goals: hidden."""
    project = storage.load(ROOT / "examples" / "riverside-youth.toml")
    spring = [
        a.model_copy(update={"round": "Spring", "date": dt.date(2027, 3, 1)})
        for a in project.assessments
        if a.round == "Ten weeks" and a.respondent != "team"
    ]
    for n in (0, 1):
        scores = {k: v for k, v in spring[n].scores.items() if k != "common_goals"}
        spring[n] = spring[n].model_copy(update={"scores": scores})
    project = project.model_copy(update={"assessments": [*project.assessments, *spring]})
    md = report.markdown(project, TODAY)
    assert (
        "**Too few answers:** where an ingredient says so, there are not enough answers to "
        "show this without revealing who gave them (results are shown from 3 answers)."
    ) in md
    assert "there is not enough" not in md
