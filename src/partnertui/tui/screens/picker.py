"""The start screen when no file is named: the project files in this folder, and "New".

Only files that look like partnertui projects are listed (they have a
``schema_version`` and a ``[project]`` table); one that does not load is still
listed, marked, so that opening it shows what is wrong with it. Each row names
its file beside the project, so copies of one project (a backup, a branch's
version) and a file that cannot be read are told apart. What is chosen,
or made, is opened by the file-safety flow, which shows this list.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from rich.text import Text
from textual import events, on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.screen import Screen
from textual.widgets import Static

from partnertui.storage.catalog import ProjectSummary, find_projects
from partnertui.tui.display import plain
from partnertui.tui.widgets.footer import KeysFooter
from partnertui.tui.widgets.header import TitledHeader
from partnertui.tui.widgets.table import ListTable

if TYPE_CHECKING:
    from partnertui.tui.file_safety.questions import Created


OTHER_COLUMNS = 32
"""What the table's margins and the partners and last-saved columns take of a line."""
FILE_AT_LEAST = 16
"""The least of a file's name shown beside a long project name: enough for most."""
GAP = "  "
UNREADABLE = "⚠ cannot be read"


def _widths(names: int, files: int, room: int) -> tuple[int, int]:
    """How wide the project names and the file names are shown, the longest being
    ``names`` and ``files`` long, side by side in ``room`` cells.

    When both do not fit, the name (what people know a project by) keeps all but
    what the file needs to be recognised; the line under the list shows the chosen
    row's file in full.
    """
    room -= len(GAP)
    name_width = min(names, room - min(files, FILE_AT_LEAST))
    return name_width, min(files, room - name_width)


def _cut_end(value: str, width: int) -> str:
    return value if len(value) <= width else value[: width - 1] + "…"


def _cut_middle(value: str, width: int) -> str:
    """A file name cut in its middle: the start of its folder and, longer, its end
    (where copies of one project, ``-backup`` or ``-2025``, differ) both still show."""
    if len(value) <= width:
        return value
    tail = (width - 1) * 2 // 3
    return value[: width - 1 - tail] + "…" + value[len(value) - tail :]


def _short(folder: Path) -> str:
    """The folder as a person would write it: under their home folder as ``~/…``."""
    try:
        return str(Path("~") / folder.relative_to(Path.home()))
    except ValueError:
        return str(folder)


class PickerScreen(Screen["Path | Created | None"]):
    """Choose a project file to open (dismisses with its path), or make one (with it
    made and open)."""

    GUIDE = (
        "These are the partnertui project files in this folder and the folders below "
        "it. Choose one with the arrow keys and press Enter to open it, or press n "
        "to start a new project."
    )

    BINDINGS = [
        Binding("enter", "open", "Open", tooltip="Open the selected project", id="picker.open"),
        Binding("n", "new", "New project", tooltip="Start a new project file", id="picker.new"),
        Binding("q,escape", "leave", "Quit", show=False, tooltip="Quit"),
    ]

    DEFAULT_CSS = """
    PickerScreen #intro { padding: 1 1 0 1; }
    PickerScreen ListTable { height: 1fr; margin: 1 1 0 1; }
    PickerScreen #file { height: 1; padding: 0 1; color: $text-muted; }
    """

    def __init__(self, folder: Path, selected: Path | None = None) -> None:
        super().__init__()
        self.folder = folder
        self.selected = selected
        """The file the cursor starts on: the one chosen last, when coming back."""
        self.found: list[ProjectSummary] = []

    def compose(self) -> ComposeResult:
        yield TitledHeader()
        yield Static(id="intro", markup=False)
        yield ListTable()
        yield Static(id="file", markup=False)
        yield KeysFooter()

    def on_mount(self) -> None:
        self.app.title = "partnertui"
        self.app.sub_title = plain(_short(self.folder))
        self.found = find_projects(self.folder)
        table = self.query_one(ListTable)
        self._fill()
        intro = self.query_one("#intro", Static)
        if self.found:
            intro.update("Choose a project to open (Enter), or press n for a new one.")
            table.focus()
            paths = [summary.path for summary in self.found]
            if self.selected in paths:
                table.move_cursor(row=paths.index(self.selected))
        else:
            intro.update(
                "There are no partnertui project files in this folder yet.\n"
                "Press n to start a new project: you will be asked for a file name and "
                "the project's name."
            )
            table.display = False

    def _fill(self) -> None:
        """The rows, each project's name and its file's side by side in the first
        column, cut to what this terminal's width leaves them."""
        table = self.query_one(ListTable)
        names = [plain(s.name) if s.name else UNREADABLE for s in self.found]
        files = [plain(str(s.path.relative_to(self.folder))) for s in self.found]
        room = max(self.app.size.width - OTHER_COLUMNS, 24)
        longest_name = max(map(len, [*names, "Project"]))
        name_width, file_width = _widths(longest_name, max(map(len, files), default=0), room)
        row = table.cursor_row
        table.clear(columns=True)
        table.add_columns(f"{'Project':<{name_width}}{GAP}File", "Partners", "Last saved")
        for name, file, summary in zip(names, files, self.found, strict=True):
            cell = Text(f"{_cut_end(name, name_width):<{name_width}}{GAP}")
            cell.append(_cut_middle(file, file_width), style="dim")
            partners = str(summary.partners) if summary.partners is not None else "–"
            table.add_row(cell, partners, summary.modified.strftime("%Y-%m-%d %H:%M"))
        table.move_cursor(row=row)

    def on_resize(self, _event: events.Resize) -> None:
        self._fill()

    @on(ListTable.RowHighlighted)
    def _show_file(self, event: ListTable.RowHighlighted) -> None:
        if 0 <= event.cursor_row < len(self.found):
            path = self.found[event.cursor_row].path.relative_to(self.folder)
            self.query_one("#file", Static).update(f"File: {plain(str(path))}")

    @on(ListTable.RowSelected)
    def _selected(self) -> None:
        self.action_open()

    def action_open(self) -> None:
        table = self.query_one(ListTable)
        if self.found and table.cursor_row < len(self.found):
            self.dismiss(self.found[table.cursor_row].path)

    def action_new(self) -> None:
        from partnertui.tui.file_safety.questions import new_project_dialog

        def created(made: Created | None) -> None:
            if made is not None:
                self.dismiss(made)

        self.app.push_screen(new_project_dialog(folder=self.folder), created)

    def action_leave(self) -> None:
        self.dismiss(None)
