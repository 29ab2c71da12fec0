"""Shown instead of the workbook when a project file cannot be read as it is.

Each problem is listed with its line, in the words ``partnertui check`` uses. The
file can be opened in ``$EDITOR`` from here; on return it is read again (by the
reader the file-safety flow gives, the one way a file is opened), and the workbook
opens as soon as it is valid.
"""

from __future__ import annotations

import os
import shlex
import subprocess
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

from rich.text import Text
from textual.app import ComposeResult, SuspendNotSupported
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.screen import Screen
from textual.widgets import Static

from partnertui import storage
from partnertui.tui.display import plain
from partnertui.tui.widgets.dialogs import hanging
from partnertui.tui.widgets.footer import KeysFooter
from partnertui.tui.widgets.header import TitledHeader


def editor_command() -> list[str]:
    """The person's editor, as their shell would find it; ``vi`` when none is set."""
    for name in ("VISUAL", "EDITOR"):
        value = os.environ.get(name, "").strip()
        if value:
            return shlex.split(value)
    return ["vi"]


class ProblemsScreen(Screen[Any]):
    """Located problems of one file; dismisses with what ``read_again`` returned once
    the file reads, or ``None`` when the person leaves it."""

    GUIDE = (
        "This file could not be opened because of the problems listed. Each one says "
        "where it is (line and column) and how to fix it. Press e to open the file in "
        "your editor ($VISUAL or $EDITOR); when you close the editor, the file is read "
        "again. Press r to read it again after fixing it elsewhere. Escape leaves the "
        "file unopened: back to the list of projects if you chose it there, otherwise "
        "the workbook ends."
    )

    BINDINGS = [
        Binding(
            "e",
            "edit",
            "Edit in $EDITOR",
            tooltip="Open the file in your editor",
            id="problems.edit",
        ),
        Binding("r", "reload", "Read again", tooltip="Read the file again", id="problems.reload"),
        Binding("q,escape", "leave", "Leave", show=False, tooltip="Leave the file unopened"),
        # Vim-style moves, as in every list.
        Binding("j", "scroll('down')", "Scroll down", show=False, id="list.down"),
        Binding("k", "scroll('up')", "Scroll up", show=False, id="list.up"),
        Binding("g", "scroll('home')", "Top", show=False, id="list.first"),
        Binding("G", "scroll('end')", "Bottom", show=False, id="list.last"),
    ]

    DEFAULT_CSS = """
    ProblemsScreen #intro { padding: 1 1 0 1; text-style: bold; color: $error; }
    ProblemsScreen #list { padding: 0 1; }
    ProblemsScreen .problem { margin-top: 1; }
    """

    def __init__(
        self,
        path: Path,
        problems: Sequence[storage.Problem],
        read_again: Callable[[], Any],
    ) -> None:
        super().__init__()
        self.path = path
        self.problems = list(problems)
        self.read_again = read_again
        """Reads the file once more; raises :class:`storage.ProjectFileError` while it
        still has problems."""

    def compose(self) -> ComposeResult:
        yield TitledHeader()
        yield Static(id="intro", markup=False)
        yield VerticalScroll(id="list")
        yield KeysFooter()

    def on_mount(self) -> None:
        self.app.sub_title = f"{self.path.name} · cannot be opened"
        self._show()

    def _show(self) -> None:
        count = len(self.problems)
        noun = "problem" if count == 1 else "problems"
        self.query_one("#intro", Static).update(
            f"⚠ {plain(str(self.path))} has {count} {noun} to fix before it can be opened."
        )
        listing = self.query_one("#list", VerticalScroll)
        listing.remove_children()
        for problem in self.problems:
            where = f"line {problem.line}" if problem.line else "the whole file"
            if problem.line and problem.column:
                where += f", column {problem.column}"
            body = Text()
            body.append(f"{where}: ", style="bold")
            if problem.path:  # the field, as `partnertui check` names it
                body.append(f"{plain(problem.path)}: ", style="bold")
            body.append(plain(problem.message))
            if problem.hint:
                body.append(f"\n  → {plain(problem.hint)}", style="italic")
            listing.mount(Static(hanging(body), classes="problem"))

    def action_scroll(self, where: str) -> None:
        """j, k, g and G scroll the text, as they move in every list."""
        getattr(self.query_one(VerticalScroll), f"scroll_{where}")()

    def action_edit(self) -> None:
        line = next((p.line for p in self.problems if p.line), None)
        command = editor_command()
        if line and Path(command[0]).name in ("vi", "vim", "nvim", "nano", "emacs", "micro"):
            command = [*command, f"+{line}"]
        try:
            with self.app.suspend():
                subprocess.run([*command, str(self.path)], check=False)
        except FileNotFoundError:
            self.notify(
                f"Could not start the editor “{command[0]}”. Set $EDITOR to one you have.",
                severity="error",
            )
            return
        except SuspendNotSupported:  # e.g. when served to a browser
            self.notify("Opening an editor is not possible in this terminal.", severity="error")
            return
        self.action_reload()

    def action_reload(self) -> None:
        try:
            opened = self.read_again()
        except storage.ProjectFileError as error:
            self.problems = list(error.problems)
            self._show()
            self.notify("The file still has problems.", severity="warning")
            return
        self.dismiss(opened)

    def action_leave(self) -> None:
        self.dismiss(None)
