"""What every section of the workbook shares: header, section bar, footer, freshness.

A section screen draws itself from the open Workbook. It redraws when the
workbook says the project changed, but only while it can be seen; a hidden
section remembers the version it last drew and catches up when it is shown again.
"""

from __future__ import annotations

import functools
from collections.abc import Callable
from typing import TYPE_CHECKING, ClassVar, ParamSpec

from rich.text import Text
from textual import events
from textual.app import ComposeResult
from textual.binding import Binding
from textual.screen import Screen
from textual.widgets import Static

from partnertui.tui.widgets.footer import KeysFooter
from partnertui.tui.widgets.header import TitledHeader

if TYPE_CHECKING:
    from partnertui.tui.app import PartnerApp
    from partnertui.tui.workbook import Workbook


P = ParamSpec("P")


def changes_the_project(action: Callable[P, None]) -> Callable[P, None]:
    """Marks a key's action that opens a form or a question for changing the project.

    On a read-only file it says at once that the file is read-only, and how to get a
    copy that can be changed (Save as), instead of opening a form that would be
    filled in only to be refused when saved.
    """

    @functools.wraps(action)
    def guarded(*args: P.args, **kwargs: P.kwargs) -> None:
        screen = args[0]
        if screen.app.safety.editable():  # type: ignore[attr-defined]
            action(*args, **kwargs)

    return guarded


SECTIONS: tuple[tuple[str, str], ...] = (  # (mode name, label), in number-key order
    ("overview", "Overview"),
    ("partners", "Partners"),
    ("roles", "Roles"),
    ("ingredients", "Ingredients"),
    ("actions", "Actions"),
    ("history", "History"),
)


class SectionBar(Static):
    """The numbered list of sections with the current one marked, for orientation."""

    DEFAULT_CSS = """
    SectionBar { height: 1; background: $panel; color: $text-muted; padding: 0 1; }
    """

    def __init__(self, current: str) -> None:
        # Made here, not when mounted: a widget's mount is handled in its own time, and
        # the screen's first frame was drawn before it, with the bar still blank.
        bar = Text()
        self._spans: list[tuple[int, int, str]] = []
        for number, (mode, label) in enumerate(SECTIONS, start=1):
            start = len(bar)
            if mode == current:
                bar.append(f"▸{number} {label} ", style="bold reverse")
            else:
                bar.append(f" {number} {label} ")
            self._spans.append((start, len(bar), mode))
        super().__init__(bar, markup=False)
        self.current = current

    async def on_click(self, event: events.Click) -> None:
        """A click on a section's name goes there, as its number key does."""
        offset = event.get_content_offset(self)
        if offset is None:
            return
        for start, end, mode in self._spans:
            if start <= offset.x < end:
                await self.app.run_action(f"section('{mode}')")
                return


class SectionScreen(Screen):
    """Base for the Overview, Partners, Roles, Ingredients, Actions and History screens."""

    # On the sections only: under a form or a question, what is shown would no longer
    # be the project once an edit was taken back.
    BINDINGS = [
        Binding("ctrl+z", "undo", "Undo", show=False, tooltip="Undo the last edit", id="app.undo"),
        # ctrl+shift+z reaches the app only in terminals that tell it apart from ctrl+z.
        Binding(
            "ctrl+y,ctrl+shift+z",
            "redo",
            "Redo",
            show=False,
            tooltip="Redo what was undone",
            id="app.redo",
        ),
    ]

    SECTION: ClassVar[str] = ""
    GUIDE: ClassVar[str] = ""
    """A short, plain-words guide to this screen, shown in help."""

    app: PartnerApp  # type: ignore[assignment]

    def __init__(self) -> None:
        super().__init__(id=f"section-{self.SECTION}")
        self._drawn_version = -1

    @property
    def workbook(self) -> Workbook:
        return self.app.workbook

    def compose(self) -> ComposeResult:
        yield TitledHeader()
        yield SectionBar(self.SECTION)
        yield from self.compose_body()
        yield KeysFooter()

    def compose_body(self) -> ComposeResult:
        raise NotImplementedError

    def refresh_view(self) -> None:
        """Redraw everything from the workbook's project."""
        raise NotImplementedError

    def action_undo(self) -> None:
        self.app.step_back_or_forth(undo=True)

    def action_redo(self) -> None:
        self.app.step_back_or_forth(undo=False)

    def edit(self, method: Callable[..., object], *args: object, **options: object) -> bool:
        """Run a workbook edit, showing a refusal (a read-only file, a rule the edit
        would break) as a message instead of failing."""
        from partnertui.tui.workbook import EditRefused

        try:
            method(*args, **options)
        except EditRefused as refused:
            self.notify(str(refused), title="Not changed", severity="error", markup=False)
            return False
        return True

    def on_mount(self) -> None:
        self.app.project_changed.subscribe(self, self._on_project_changed)
        self._catch_up()

    def on_screen_resume(self) -> None:
        self._catch_up()

    def _on_project_changed(self, _version: int) -> None:
        if self.is_current or self in self.app.screen_stack:
            self._catch_up()

    def _catch_up(self) -> None:
        if self._drawn_version != self.workbook.version:
            self._drawn_version = self.workbook.version
            self.refresh_view()
