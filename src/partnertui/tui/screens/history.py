"""History: how the partnership changed, version by version, from the file's git history.

Git is read in a worker thread (see :mod:`partnertui.history`), so the screen opens at
once and says it is reading. The list shows each committed version, newest first,
with what changed in a few words; below it, the selected version's changes in full
beside each ingredient's trend: the latest round's mean at every version, so a
person sees how the partnership's view of itself moved as the work went on, and the
selected version's own means.
"""

from __future__ import annotations

from rich.console import Group
from rich.table import Table
from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Static

from partnertui import analysis, history, history_text
from partnertui.formatting import count
from partnertui.guidance import INGREDIENTS
from partnertui.tui.display import plain, text
from partnertui.tui.screens.section import SectionScreen
from partnertui.tui.widgets.band import score_text
from partnertui.tui.widgets.table import ListTable

TREND_POINTS = 10
"""How many versions the trend shows, the newest ones, so it fits beside the changes."""
AUTHOR_WIDTH = 14
_NEVER = object()
READING = "Reading the file's history from git…"
CHANGE_STYLES = {"+": "green", "-": "red", "✔": "green", "!": "bold red"}


def clip(value: str, width: int) -> str:
    value = plain(" ".join(value.split()))
    return value if len(value) <= width else value[: width - 1].rstrip() + "…"


def change_lines(entry: history.Entry) -> Text:
    """Every change in a version, one per line, marked + - ~ ✔ !, with round means."""
    out = Text()
    for n, change in enumerate(entry.changes):
        if n:
            out.append("\n")
        out.append(f"{change.sign} ", style=CHANGE_STYLES.get(change.sign, "bold"))
        out.append_text(text(change.text))
        means = history_text.means_text(change.means)
        if means:
            out.append("\n  Means: " + means, style="dim")
        if hidden := history_text.hidden_text(change):
            out.append("\n  " + hidden, style="dim")
    return out


class CommitDetails(ModalScreen[None]):
    """One version in full: who, when, what changed, and the latest round's means then."""

    BINDINGS = [
        Binding("escape,enter,q", "dismiss(None)", "Close", tooltip="Close the version's details"),
        Binding("f1", "app.help", "Help", tooltip="Show keys and a guide"),
    ]
    GUIDE = (
        "One committed version of the project file: who made it and when, what changed "
        "in the partnership since the version before it, and each ingredient's mean in "
        "the latest assessment round at that point. Escape closes."
    )

    DEFAULT_CSS = """
    CommitDetails { align: center middle; }
    CommitDetails > Vertical {
        width: 80; max-width: 100%; height: auto; max-height: 100%;
        border: thick $primary; background: $surface; padding: 0 1;
    }
    CommitDetails #details-title { text-style: bold; }
    CommitDetails VerticalScroll { height: auto; max-height: 100%; }
    """

    def __init__(self, entry: history.Entry) -> None:
        super().__init__()
        self.entry = entry

    def compose(self) -> ComposeResult:
        v = self.entry.version
        head = Text()
        head.append_text(text(v.subject, "bold"))
        head.append(f"\ncommit {v.commit}\n")
        head.append_text(text(f"{v.author} · {v.date}"))
        base = self.entry.compared_with
        if base is not None:
            head.append(f"\nCompared with {base.short} from {base.date}", style="dim")
        parts: list[Text | Table] = [head, Text(""), change_lines(self.entry)]
        if self.entry.latest_round is not None:
            grid = Table.grid(padding=(0, 2))
            grid.add_column(no_wrap=True)
            grid.add_column(no_wrap=True)
            for ingredient, mean in self.entry.means.items():
                grid.add_row(INGREDIENTS[ingredient].label, score_text(mean))
            title = Text("\nLatest round then: ", style="bold")
            title.append_text(text(self.entry.latest_round, "bold"))
            parts += [title, grid]
        with Vertical():
            yield Static("Version details — Escape closes", id="details-title", markup=False)
            with VerticalScroll():
                yield Static(Group(*parts), markup=False)


class VersionList(ListTable):
    """The file's versions; Enter shows one in full."""

    BINDINGS = [Binding("enter", "select_cursor", "Details")]


class HistoryScreen(SectionScreen):
    """Committed versions of the project file and what changed in each."""

    SECTION = "history"
    GUIDE = (
        "How the partnership changed, read from the project file's versions in git: who "
        "committed each version and when, and what changed in it: partners added or "
        "removed, new roles and statuses, new assessment rounds with their means, "
        "actions added and done. A version that cannot be read is marked, and skipped "
        "when comparing. Beside the changes, each ingredient's trend: its mean in the "
        "latest round at each version, oldest on the left, and its mean at the selected "
        "version. Enter shows a version in "
        "full; r reads the history again (say, after a commit). Changes not yet "
        "committed are not in the history until you commit them."
    )

    BINDINGS = [
        Binding("r", "reload", "Refresh", tooltip="Read the history again", id="history.refresh"),
    ]

    DEFAULT_CSS = """
    HistoryScreen #status { height: 1; padding: 0 1; color: $text-muted; }
    HistoryScreen #message { padding: 1 2; height: auto; }
    HistoryScreen #versions { height: 1fr; min-height: 4; }
    HistoryScreen #lower { height: 13; border-top: solid $primary-darken-2; }
    HistoryScreen #changes { width: 1fr; padding: 0 1; }
    HistoryScreen #trends { width: 43; padding: 0 1; border-left: solid $primary-darken-2; }
    """

    def __init__(self) -> None:
        super().__init__()
        self.found: history.History | None = None
        self.message = READING
        self._read_fingerprint: object = _NEVER
        self._reading = False

    def compose_body(self) -> ComposeResult:
        yield Static(id="status", markup=False)
        with Vertical():
            yield Static(READING, id="message", markup=False)
            yield VersionList(id="versions")
            with Horizontal(id="lower"):
                with VerticalScroll(id="changes"):
                    yield Static(id="changes-text", markup=False)
                yield Static(id="trends", markup=False)

    def on_mount(self) -> None:
        table = self.query_one(ListTable)
        table.add_column("Commit", key="commit", width=7)
        table.add_column("Date", key="date", width=10)
        table.add_column("Author", key="author", width=AUTHOR_WIDTH)
        table.add_column("What changed", key="what")
        super().on_mount()

    # -- reading git in the background --------------------------------------------

    def refresh_view(self) -> None:
        """Read git again once the file on disk changed (a save); otherwise redraw."""
        if not self._reading and self.workbook.fingerprint != self._read_fingerprint:
            self.action_reload()
        else:
            self._draw()

    def action_reload(self) -> None:
        self._reading = True
        self._read_fingerprint = self.workbook.fingerprint
        self.message = READING
        self.query_one("#status", Static).update(READING)
        self._read(self.workbook.path)

    @work(thread=True, exclusive=True, group="history")
    def _read(self, path: object) -> None:
        try:
            found: history.History | None = history.read(path)  # type: ignore[arg-type]
            message = ""
        except history.HistoryUnavailable as error:
            found, message = None, str(error)
        except Exception as error:  # a history that fails must never take the workbook down
            found, message = None, f"The history could not be read ({error})."
        self.app.call_from_thread(self._arrived, found, message)

    def _arrived(self, found: history.History | None, message: str) -> None:
        self._reading = False
        self.found, self.message = found, message
        self._draw()

    # -- drawing --------------------------------------------------------------------

    def _draw(self) -> None:
        found = self.found
        table = self.query_one(ListTable)
        box = self.query_one("#message", Static)
        lower = self.query_one("#lower")
        self.query_one("#status", Static).update(self._status())
        showing = found is not None and bool(found.entries)
        box.display = not showing
        table.display = lower.display = showing
        if not showing:
            box.update(self.message or "There are no versions to show.")
            if table.has_focus:
                self.set_focus(None)
            self.refresh_bindings()
            return
        assert found is not None
        row = table.cursor_row if table.row_count else 0
        table.clear()
        for n, entry in enumerate(found.entries):
            v = entry.version
            what = history_text.summary(entry.changes)
            table.add_row(
                v.short,
                v.date[:10],
                clip(v.author, AUTHOR_WIDTH),
                Text(what, style="bold red") if v.project is None else what,
                key=str(n),
            )
        table.move_cursor(row=min(row, table.row_count - 1))
        if self.focused is None:
            table.focus()
        self._describe()
        self._draw_trends(found)
        self.refresh_bindings()

    def _status(self) -> Text:
        line = Text()
        if self.found is None:
            line.append(READING if self.message == READING else "No history")
        else:
            line.append_text(text(self.found.file))
            line.append(f" · {count(len(self.found.entries), 'version')}, newest first")
            if self.found.older:
                line.append(f" (+{self.found.older} older)")
            if self.found.uncommitted:
                line.append(" · ⚠ changes not committed", style="bold")
        if self.workbook.dirty:
            line.append(" · unsaved edits", style="bold")
        return line

    def selected(self) -> history.Entry | None:
        table = self.query_one(ListTable)
        if self.found is None or not self.found.entries or table.row_count == 0:
            return None
        return self.found.entries[min(max(table.cursor_row, 0), len(self.found.entries) - 1)]

    def _describe(self) -> None:
        entry = self.selected()
        box = self.query_one("#changes-text", Static)
        if entry is None:
            box.update("")
            return
        v = entry.version
        head = text(v.subject, "bold")
        head.append("\n")
        head.append_text(text(f"{v.author} · {v.date}", "dim"))
        head.append("\n")
        head.append_text(change_lines(entry))
        box.update(head)

    def _draw_trends(self, found: history.History) -> None:
        """Each ingredient's trend, with the selected version's own means beside it.

        The figure beside a trend is always the selected version's, named in the title,
        so it says the same as Enter on that version; a version that did not score an
        ingredient (or could not be read) shows a dash, never an older version's mean.
        """
        trends = found.trends()
        points = found.readable()
        entry = self.selected()
        grid = Table.grid(padding=(0, 1))
        grid.add_column(no_wrap=True, width=23)
        grid.add_column(no_wrap=True, width=TREND_POINTS)
        grid.add_column(no_wrap=True)
        if not any(e.means for e in points):
            body = Text(
                "No assessment round in any version yet, so there is no trend to show. "
                "Score the ingredients on the Ingredients screen (4), save and commit.",
            )
            self.query_one("#trends", Static).update(body)
            return
        means = entry.means if entry is not None else {}
        for ingredient, values in trends.items():
            recent = values[-TREND_POINTS:]
            grid.add_row(
                INGREDIENTS[ingredient].label,
                analysis.sparkline(recent),
                score_text(means.get(ingredient), word=False),
            )
        shown = min(len(points), TREND_POINTS)
        at = f"Means at {entry.version.short} · " if entry is not None else ""
        title = Text(f"{at}trend of {count(shown, 'version')}", style="bold")
        self.query_one("#trends", Static).update(Group(title, grid))

    @on(ListTable.RowHighlighted)
    def _highlighted(self) -> None:
        self._describe()
        if self.found is not None and self.found.entries:
            self._draw_trends(self.found)

    @on(ListTable.RowSelected)
    def _chosen(self, event: ListTable.RowSelected) -> None:
        event.stop()
        entry = self.selected()
        if entry is not None:
            self.app.push_screen(CommitDetails(entry))
