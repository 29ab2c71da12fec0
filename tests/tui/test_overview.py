"""The overview as a lead reads it: the partner-choosing questions, and the details."""

from __future__ import annotations

import datetime as dt

from shell_tools import screen_text, statics_text
from textual.containers import VerticalScroll
from textual.widgets import Input

from partnertui import storage
from partnertui.tui.screens.overview import OverviewScreen
from partnertui.tui.widgets.form import FormDialog

MARKUP_NAME = "[b]x[/b] [link=http://e.test]y[/link]"


def overview_text(app) -> str:
    """Everything the overview holds, scrolled into view or not."""
    return statics_text(app.screen)


async def test_overview_answers_the_three_questions(project_file, make_app):
    app = make_app(project_file("millbrook-safer-streets"))
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        everything = " ".join(overview_text(app).split())
        assert "By status:" in everything and "By role:" in everything
        for question in (
            "Have we included the people and groups most affected by the issue?",
            "Have we engaged people with an interest or stake in the solutions?",
            "Do our partners bring the skills and talents the project needs?",
        ):
            assert question in everything
        assert "Only invited and confirmed partners count as included." in everything


async def test_warnings_say_what_is_missing_in_words(tmp_path, make_app):
    path = tmp_path / "fresh.toml"
    app = make_app(path)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press(*"Fresh Start", "ctrl+s")
        await pilot.pause()
        shown = screen_text(app)
        assert "⚠ No invited or confirmed partner is among those most affected by" in shown
        assert "⚠ No invited or confirmed partner has a stake in the solutions" in shown
        assert "No partners yet." in shown
        # A candidate who is affected is not yet included: the overview says so.
        await pilot.press("a", *"Eastgate Tenants", "tab", "tab", "tab", "tab", "tab", "space")
        await pilot.press("ctrl+s")
        await pilot.pause()
        everything = " ".join(overview_text(app).split())
        assert (
            "⚠ No invited or confirmed partner is among those most affected by the issue"
            in everything
        )
        assert "Not yet invited, though affected or with a stake: Eastgate Tenants" in everything
        assert "By status: 1 candidate" in everything


async def test_the_starter_overview_counts_only_invited_partners_and_asks_for_skills(
    project_file, make_app
):
    """The starter's two partners are candidates with a stake: the warnings say that
    only invited or confirmed partners count, so listing them as not yet invited does
    not contradict them; with no skills listed, the skills question is a next step,
    not a pass."""
    app = make_app(project_file("starter"))
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        everything = " ".join(overview_text(app).split())
        assert "⚠ No invited or confirmed partner has a stake in the solutions" in everything
        assert "Not yet invited, though affected or with a stake:" in everything
        assert (
            "○ No skills are listed as needed yet: list the skills the project needs "
            "(press e)." in everything
        )
        assert "✔ Do our partners bring the skills" not in everything
        assert "⚠ Some skills" not in everything


async def test_edit_details_through_the_form(project_file, make_app):
    path = project_file("starter")
    app = make_app(path)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("e")
        await pilot.pause()
        assert isinstance(app.screen, FormDialog)
        assert app.screen.query_one("#field-name", Input).value == "Eastgate Laneway Lighting"
        await pilot.press("tab", "tab", *"Lights on behind the shops.", "tab", "tab")
        await pilot.press(*"Eastgate", "tab", *"2027-03-01", "tab", *"2027-02-01")
        await pilot.press("tab", "space", "tab", *"lighting design, youth outreach", "ctrl+s")
        await pilot.pause()
        # The end before the start is refused beside the field; nothing changes.
        assert isinstance(app.screen, FormDialog)
        assert "the project cannot end before it starts" in screen_text(app)
        assert not app.workbook.dirty
        await pilot.press("ctrl+a", "ctrl+k", *"2027-11-30", "ctrl+s")
        await pilot.pause()
        assert isinstance(app.screen, OverviewScreen)
        assert app.workbook.dirty
        assert (
            "⚠ No youth or champion of youth is an invited or confirmed partner in this "
            "youth project" in " ".join(overview_text(app).split())
        )
        await pilot.press("ctrl+s")
        await pilot.pause()
    info = storage.load(path).project
    assert info.description == "Lights on behind the shops."
    assert info.community == "Eastgate"
    assert (info.start, info.end) == (dt.date(2027, 3, 1), dt.date(2027, 11, 30))
    assert info.youth_oriented is True
    assert info.skills_needed == ["lighting design", "youth outreach"]
    assert info.name == "Eastgate Laneway Lighting"


async def test_a_bad_date_is_explained_beside_the_field(project_file, make_app):
    app = make_app(project_file("starter"))
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("e", "tab", "tab", "tab", "tab", "tab", *"next spring", "ctrl+s")
        await pilot.pause()
        assert isinstance(app.screen, FormDialog)
        assert "write a date like 2026-09-15" in screen_text(app)
        assert app.focused.id == "field-start"


async def test_a_adds_a_partner_from_the_overview(project_file, make_app):
    path = project_file("starter")
    app = make_app(path)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("a", *"Laneway Residents", "ctrl+s")
        await pilot.pause()
        assert isinstance(app.screen, OverviewScreen)
        assert app.workbook.project.partner("laneway-residents") is not None
        assert "Laneway Residents" in overview_text(app)
        await pilot.press("ctrl+s")
        await pilot.pause()
    assert storage.load(path).partner("laneway-residents").name == "Laneway Residents"


async def test_j_and_k_scroll_the_overview(project_file, make_app):
    app = make_app(project_file("riverside-youth"))
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        body = app.screen.query_one("#body", VerticalScroll)
        assert body.max_scroll_y > 0
        await pilot.press("G")
        await pilot.pause()
        assert body.scroll_y == body.max_scroll_y
        assert "Description" in screen_text(app)
        await pilot.press("g")
        await pilot.pause()
        assert body.scroll_y == 0
        await pilot.press("j", "j")
        await pilot.pause()
        assert body.scroll_y > 0


async def test_markup_in_names_shows_literally_on_the_overview(project_file, make_app):
    app = make_app(project_file("starter"))
    async with app.run_test(size=(80, 24)) as pilot:
        # Affected and confirmed: named under the first question and in the roster.
        await pilot.press("a", *MARKUP_NAME, "tab", "tab", "tab", "enter", "down", "down")
        await pilot.press("enter", "tab", "tab", "space", "ctrl+s")
        await pilot.pause()
        partner = app.workbook.project.partners[0]
        assert partner.name == MARKUP_NAME and partner.affected_by_issue
        assert MARKUP_NAME in screen_text(app)
        text = overview_text(app)
        assert text.count(MARKUP_NAME) >= 2  # under the question and in "By role"
        # The same text as the project's name shows literally in the header too.
        await pilot.press("e", "ctrl+a", "ctrl+k", *MARKUP_NAME, "ctrl+s")
        await pilot.pause()
        assert app.workbook.project.project.name == MARKUP_NAME
        assert MARKUP_NAME in screen_text(app).splitlines()[0]
        assert MARKUP_NAME in text
