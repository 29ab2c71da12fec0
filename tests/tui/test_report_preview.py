"""The report preview and export, as a person uses them: p, read, x, a file name, Enter.

"Today" is fixed at 2026-11-24 (tests/tui/conftest.py), so the report matches the
golden files in tests/golden/.
"""

from __future__ import annotations

from pathlib import Path

from shell_tools import screen_text, statics_text, toasts
from textual.widgets import Markdown

from partnertui import report, storage
from partnertui.tui.screens.report import ReportScreen
from partnertui.tui.widgets.form import FormDialog

GOLDEN = Path(__file__).resolve().parents[1] / "golden"


async def test_preview_shows_the_report_and_exports_html(project_file, make_app):
    path = project_file("riverside-youth")
    app = make_app(path)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("p")
        await pilot.pause()
        assert isinstance(app.screen, ReportScreen)
        shown = app.screen.query_one(Markdown)
        assert shown.source == (GOLDEN / "riverside-youth.md").read_text(encoding="utf-8")
        assert "Riverside Youth Safety Circle" in screen_text(app)
        assert "Partnership report, prepared 2026-11-24." in screen_text(app)

        await pilot.press("x")
        await pilot.pause()
        dialog = app.screen
        assert isinstance(dialog, FormDialog)
        target = path.with_name("riverside-youth-report.html")
        assert dialog.query_one("#field-path").value == str(target)
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, ReportScreen)
        assert target.read_text(encoding="utf-8") == (GOLDEN / "riverside-youth.html").read_text(
            encoding="utf-8"
        )
        assert toasts(app)[-1] == f"Exported: Report written to {target}"

        await pilot.press("escape")
        await pilot.pause()
        assert not isinstance(app.screen, ReportScreen)
        assert app.workbook.dirty is False


async def test_export_markdown_and_mistakes_in_plain_words(project_file, make_app, tmp_path):
    path = project_file("riverside-youth")
    app = make_app(path)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("p", "x")
        await pilot.pause()
        field = app.screen.query_one("#field-path")

        field.value = str(tmp_path / "report.pdf")
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, FormDialog)
        assert "end the name in .html for a web page, or .md for Markdown" in " ".join(
            statics_text(app.screen).split()
        )

        field.value = str(tmp_path / "no-such-folder" / "report.md")
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, FormDialog)
        assert "does not exist; nothing was written" in " ".join(statics_text(app.screen).split())

        target = tmp_path / "report.md"
        field.value = str(target)
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, ReportScreen)
        assert target.read_text(encoding="utf-8") == report.markdown(
            storage.load(path), app.today()
        )


async def test_unsaved_edits_are_in_the_preview_and_names_are_never_markup(project_file, make_app):
    path = project_file("riverside-youth")
    app = make_app(path)
    name = "[b]Riverside[/b] *Circle* <i>_x_</i> #1"
    async with app.run_test(size=(80, 24)) as pilot:
        app.workbook.update_details({"name": name})
        await pilot.pause()
        await pilot.press("p")
        await pilot.pause()
        shown = screen_text(app)
        assert name in shown
        assert "includes changes not saved yet" in shown
        assert storage.load(path).project.name == "Riverside Youth Safety Circle"


async def test_report_key_waits_for_an_open_project(tmp_path, make_app, monkeypatch):
    monkeypatch.chdir(tmp_path)
    app = make_app(None)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert app.check_action("report", ()) is False
        await pilot.press("p")
        await pilot.pause()
        assert not isinstance(app.screen, ReportScreen)


async def test_palette_names_the_report_and_export(project_file, make_app):
    app = make_app(project_file("riverside-youth"))
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        titles = [c.title for c in app.get_system_commands(app.screen)]
        assert "Preview the report" in titles
        await pilot.press("p")
        await pilot.pause()
        titles = [c.title for c in app.get_system_commands(app.screen)]
        assert "Export report…" in titles
        assert "Close the report preview" in titles


def test_report_preview_snapshot(snap_compare, project_file, make_app):
    app = make_app(project_file("riverside-youth"))
    assert snap_compare(app, terminal_size=(80, 24), press=["p"])


async def test_export_asks_before_replacing_a_file_and_never_writes_over_the_project(
    project_file, make_app, tmp_path
):
    path = project_file("riverside-youth")
    project_bytes = path.read_bytes()
    notes = tmp_path / "notes.md"
    notes.write_text("# Our own notes\n")
    alias = tmp_path / "plan.md"
    alias.symlink_to(path)  # the project's own file, under a name a report could have
    app = make_app(path)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("p", "x")
        await pilot.pause()
        field = app.screen.query_one("#field-path")

        field.value = str(alias)
        await pilot.press("enter")
        await pilot.pause()
        await pilot.press("enter")  # not even when asked twice
        await pilot.pause()
        assert isinstance(app.screen, FormDialog)
        said = " ".join(statics_text(app.screen).split())
        assert "this is the project's own file; give the report a name of its own" in said
        assert path.read_bytes() == project_bytes

        field.value = str(notes)
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, FormDialog)
        said = " ".join(statics_text(app.screen).split())
        assert "notes.md already exists. Press ctrl+s again to replace it (Enter works too)" in (
            said
        )
        assert notes.read_text() == "# Our own notes\n"
        await pilot.press("enter")  # the same name again: replace it
        await pilot.pause()
        assert isinstance(app.screen, ReportScreen)
        assert notes.read_text(encoding="utf-8") == report.markdown(storage.load(path), app.today())
    assert path.read_bytes() == project_bytes
