"""The report preview: the partnership report as it will read, and exporting it.

The preview shows exactly the Markdown that ``partnertui report`` writes, from the
project as it is in the workbook now (unsaved edits included), so what a person
reads here is what a funder will get. Export writes it as a web page (.html) or as
Markdown (.md), chosen by the file name's ending, all at once. A file already there
is replaced only when the person saves the same name a second time, as in "Save
as", and never the project's own file.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

from markdown_it import MarkdownIt
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Markdown, Static

from partnertui import report, storage
from partnertui.tui.display import plain
from partnertui.tui.widgets.footer import KeysFooter
from partnertui.tui.widgets.form import FormDialog, FormField, WarnedOnce
from partnertui.tui.widgets.header import TitledHeader
from partnertui.tui.workbook import FormErrors
from partnertui.typed_paths import PathCompletion

if TYPE_CHECKING:
    from partnertui.tui.app import PartnerApp


def _parser() -> MarkdownIt:
    """GitHub-like Markdown without turning web and mail addresses into links:
    text from the project file is shown as written, never as something to click."""
    return MarkdownIt("gfm-like").disable("linkify")


def default_export_path(project_path: Path) -> Path:
    """``plans/riverside.toml`` → ``plans/riverside-report.html``: beside the project."""
    return project_path.with_name(f"{project_path.stem}-report.html")


class ReportScreen(ModalScreen[None]):
    """The report, read before it is shared; x exports it to a file."""

    GUIDE = (
        "This is the report a funder or a partners' meeting can read: the project, "
        "partners by role with what they give, the questions for choosing partners, "
        "skills still missing, the latest assessment round and the open actions. It is "
        "made from the project as it is now, including changes not saved yet. Press x "
        "to export it: a name ending in .html makes one web page that prints well and "
        "needs nothing else; .md makes Markdown. Escape closes the preview. The same "
        "report comes from the command line with: partnertui report FILE."
    )

    BINDINGS = [
        Binding("x", "export", "Export", tooltip="Export report…", id="report.export"),
        Binding("escape,q", "close", "Close", tooltip="Close the report preview"),
        Binding("j", "scroll('down')", "Down", show=False, id="list.down"),
        Binding("k", "scroll('up')", "Up", show=False, id="list.up"),
        Binding("g", "scroll('home')", "Top", show=False, id="list.first"),
        Binding("G", "scroll('end')", "End", show=False, id="list.last"),
        # A modal screen cuts the app's keys off, so help is offered here too.
        Binding("question_mark,f1", "app.help", "Help", tooltip="Show keys and a guide"),
    ]

    DEFAULT_CSS = """
    ReportScreen { background: $background; }
    ReportScreen #status { height: 1; padding: 0 1; color: $text-muted; background: $panel; }
    ReportScreen #page { height: 1fr; padding: 0 1; }
    ReportScreen Markdown { margin: 0; padding: 0; }
    """

    app: PartnerApp  # type: ignore[assignment]

    def compose(self) -> ComposeResult:
        workbook = self.app.workbook
        yield TitledHeader()
        note = " · includes changes not saved yet" if workbook.dirty else ""
        yield Static(f"Report preview{note} · x exports · Esc closes", id="status", markup=False)
        with VerticalScroll(id="page"):
            yield Markdown(self.markdown(), parser_factory=_parser, open_links=False)
        yield KeysFooter()

    def markdown(self) -> str:
        workbook = self.app.workbook
        return report.markdown(workbook.project, self.app.today(), workbook.figures)

    def on_mount(self) -> None:
        self.query_one("#page").focus()

    def action_scroll(self, where: str) -> None:
        page = self.query_one("#page", VerticalScroll)
        {
            "down": page.scroll_down,
            "up": page.scroll_up,
            "home": page.scroll_home,
            "end": page.scroll_end,
        }[where](animate=False)

    def action_close(self) -> None:
        self.dismiss(None)

    def action_export(self) -> None:
        workbook = self.app.workbook
        today = self.app.today()
        replacing = WarnedOnce()

        def export(values: dict[str, Any]) -> Path:
            typed = values["path"].strip()
            if not typed:
                raise FormErrors({"path": "give the report a file name ending in .html or .md"})
            target = Path(typed).expanduser()
            format = report.format_for(target)
            if format is None:
                raise FormErrors(
                    {"path": "end the name in .html for a web page, or .md for Markdown"}
                )
            if target.is_file():
                if storage.same_file(target, workbook.path):
                    own = "this is the project's own file; give the report a name of its own"
                    raise FormErrors({"path": own})
                replacing.replacing(target, "path")
            try:
                text = report.render(workbook.project, today, format, workbook.figures)
                report.write(text, target)
            except report.ReportWriteError as error:
                raise FormErrors({"path": str(error)}) from None
            return target

        def exported(target: Path | None) -> None:
            if target is not None:
                self.app.notify(f"Report written to {plain(str(target))}", title="Exported")

        self.app.push_screen(
            FormDialog(
                "Export the report: .html makes a web page, .md makes Markdown",
                [
                    FormField(
                        "path",
                        "File",
                        "path",
                        str(default_export_path(workbook.path)),
                        placeholder="e.g. riverside-report.html",
                        completion=PathCompletion(suffixes=(".html", ".md")),
                    )
                ],
                export,
                save_label="Export",
            ),
            exported,
        )
