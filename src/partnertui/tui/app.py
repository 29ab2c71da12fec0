"""PartnerApp: the workbook's sections, its global keys, and opening, saving and quitting.

This module is an index: it names the screens and the actions every screen shares.
What a screen shows lives in ``screens/``; what an edit does lives in the Workbook.
"""

from __future__ import annotations

import datetime as dt
import gc
import importlib
from collections.abc import Callable, Iterable
from functools import partial
from pathlib import Path

from textual import events
from textual.app import App, SystemCommand
from textual.binding import Binding
from textual.content import Content
from textual.notifications import SeverityLevel
from textual.screen import Screen
from textual.signal import Signal
from textual.widgets import Input

from partnertui import config
from partnertui.tui.compat import mark_styles_current
from partnertui.tui.display import plain
from partnertui.tui.edit_commands import EditHistoryCommands
from partnertui.tui.file_safety.flow import FileSafety
from partnertui.tui.screens.section import SECTIONS, SectionScreen
from partnertui.tui.settings import Settings
from partnertui.tui.size_guard import SizeGuard
from partnertui.tui.workbook import Workbook

# The picker, the problems view, help, forms, questions and the file-safety dialogs
# are imported where they are first needed: opening a good file shows none of them,
# and leaving them (and the form widgets they use) out of the start brings the first
# screen sooner.


def _section(module: str, name: str) -> Callable[[], Screen]:
    """A section's screen, imported when it is first shown: the first screen comes up
    sooner when the other sections' code is not loaded before it."""

    def make() -> Screen:
        screen = getattr(importlib.import_module(f"partnertui.tui.screens.{module}"), name)()
        mark_styles_current(screen, screen.app)
        return screen

    return make


class PartnerApp(App[int]):
    """The workbook on one project file."""

    TITLE = "partnertui"
    CSS_PATH = "app.tcss"
    # Narrow header margins leave room for a project name, its file and "unsaved".
    CSS = """
    HeaderIcon { width: 3; }
    HeaderClockSpace { width: 1; }
    """
    ENABLE_COMMAND_PALETTE = True
    COMMANDS = App.COMMANDS | {EditHistoryCommands}
    MODES = {
        "overview": _section("overview", "OverviewScreen"),
        "partners": _section("partners", "PartnersScreen"),
        "roles": _section("roles", "RolesScreen"),
        "ingredients": _section("ingredients", "IngredientsScreen"),
        "actions": _section("actions", "ActionsScreen"),
        "history": _section("history", "HistoryScreen"),
    }
    BINDINGS = [
        Binding("ctrl+s", "save", "Save", tooltip="Save the project file", id="app.save"),
        # ctrl+shift+s does not reach the app in most terminals; ctrl+o ("write out")
        # does, in every terminal.
        Binding(
            "ctrl+o",
            "save_as",
            "Save as",
            show=False,
            tooltip="Save as… a copy you can edit",
            id="app.save_as",
        ),
        Binding(
            "ctrl+q", "quit", "Quit", priority=True, tooltip="Quit the workbook", id="app.quit"
        ),
        Binding("question_mark,f1", "help", "Help", tooltip="Show keys and a guide", id="app.help"),
        Binding("p", "report", "Report", show=False, tooltip="Preview the report", id="app.report"),
        *(
            Binding(
                str(n),
                f"section('{mode}')",
                label,
                show=False,
                tooltip=f"Go to {label}",
                id=f"section.{mode}",
            )
            for n, (mode, label) in enumerate(SECTIONS, start=1)
        ),
    ]

    def __init__(
        self,
        path: Path | None = None,
        *,
        today: dt.date | None = None,
        config_path: Path | None = None,
    ) -> None:
        super().__init__()
        self.path = path
        """The file named on the command line; ``None`` lists the ones in this folder."""
        self.settings = Settings(self, config_path or config.default_path())
        self.size_guard: SizeGuard | None = None
        self._today = today
        self.workbook: Workbook | None = None  # type: ignore[assignment]
        self.project_changed: Signal[int] = Signal(self, "project_changed")
        self.safety = FileSafety(self)

    def today(self) -> dt.date:
        """Today's date; tests fix it so that "overdue" does not depend on the calendar."""
        return self._today or dt.date.today()

    # -- opening ---------------------------------------------------------------------

    def on_mount(self) -> None:
        self._start_terminal_reach()
        # The first screen is made once Textual has finished starting: a screen made
        # while it starts is laid out and drawn, and then, since nothing is shown until
        # Textual is ready, laid out and drawn again.
        self.call_later(self._open_first)

    def _open_first(self) -> None:
        if self.path is None:
            self.safety.choose(Path.cwd())
        else:
            self.safety.open(self.path)
        # Runs once the screen just shown (the section, or the picker, the problems
        # view or a question) has been drawn.
        self.call_after_refresh(_wake_the_collector)

    def start_workbook(self, workbook: Workbook) -> None:
        """Show the sections on ``workbook``, once the file is safely open."""
        self.workbook = workbook
        workbook.listen(self._workbook_changed)
        self._update_title()
        self.switch_mode("overview")

    def delay_update(self, delay: float = 0.05) -> None:
        """Textual holds back the screen for ``delay`` after a section switch, so that
        a section being built is never seen half made. Until the first section is
        shown there is none on the terminal to keep, and the wait only held back
        the first screen."""
        if self.current_mode != self.DEFAULT_MODE:
            super().delay_update(delay)

    def _workbook_changed(self, workbook: Workbook) -> None:
        self._update_title()
        self.safety.keep_recovery_soon()
        self.project_changed.publish(workbook.version)

    def _update_title(self) -> None:
        if self.workbook is None:
            return
        # The unsaved mark leads, so a long name never pushes it off an 80-column header.
        dirty = "● " if self.workbook.dirty else ""
        self.title = dirty + self.workbook.project.project.name
        marks = [self.workbook.path.name]
        if self.workbook.read_only:
            marks.append("read-only")
        if self.workbook.dirty:
            marks.append("unsaved")
        self.sub_title = " · ".join(marks)

    def notify(
        self,
        message: str,
        *,
        title: str = "",
        severity: SeverityLevel = "information",
        timeout: float | None = None,
        markup: bool = True,
    ) -> None:
        """A toast whose words are never read as markup: messages carry names and paths."""
        super().notify(message, title=title, severity=severity, timeout=timeout, markup=False)

    def action_help_quit(self) -> None:
        """ctrl+c, which people press to quit: say which key quits.

        Textual's own words for this carry markup, and every notification here is
        shown as plain text (its words may hold names); so it is said here, its key in
        bold, without markup.
        """
        for key, active in self.active_bindings.items():
            if active.binding.action in ("quit", "app.quit"):
                self._toast(Content.assemble("Press ", (key, "bold"), " to quit the workbook"))
                return

    def _toast(self, message: Content, title: str = "Do you want to quit?") -> None:
        # A Content is drawn as it is: nothing in it is read as markup.
        super().notify(message, title=title)  # type: ignore[arg-type]

    def format_title(self, title: str, sub_title: str) -> Content:
        return Content.assemble(
            Content(plain(title)).stylize("bold"), (" — ", "dim"), Content(plain(sub_title))
        )

    async def on_event(self, event: events.Event) -> None:
        """A key still queued when the app closes finds no screen to go to; Textual
        would fail looking for that screen's keys, so such a key is dropped."""
        if isinstance(event, events.Key) and not self.screen_stack:
            return
        await super().on_event(event)

    def on_key(self, event: events.Key) -> None:
        """Characters typed right after the key that opens a form were sent to the
        screen underneath, before the form could show; they belong in its first field.
        (A focused field would have taken them itself, so they never arrive here.)"""
        if event.is_printable and event.character and isinstance(self.focused, Input):
            event.stop()
            self.focused.insert_text_at_cursor(event.character)

    # -- terminal reach: the person's theme and keys, and the minimum size -----------

    def _start_terminal_reach(self) -> None:
        self.settings.apply()
        self.size_guard = SizeGuard(self)
        self.call_after_refresh(self.size_guard.check)

    def watch_theme(self, theme: str) -> None:
        """A theme chosen in the palette (or anywhere) is kept for the next run."""
        self.settings.remember_theme(theme)

    def on_resize(self, event: events.Resize) -> None:
        if self.size_guard is not None:
            self.size_guard.check(event.size)

    # -- actions every screen shares -------------------------------------------------

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """Saving and sections need an open project; before one is open (the picker,
        the problems view) their keys leave the footer, help and palette."""
        if action in ("save", "save_as", "section", "report"):
            return self.workbook is not None
        return True

    def action_section(self, mode: str) -> None:
        if self.workbook is not None and self.current_mode != mode:
            self.switch_mode(mode)

    def action_help(self) -> None:
        from partnertui.tui.screens.help import HelpScreen

        if not isinstance(self.screen, HelpScreen):
            self.push_screen(HelpScreen(self.screen))

    def action_report(self) -> None:
        from partnertui.tui.screens.report import ReportScreen

        if self.workbook is not None and not isinstance(self.screen, ReportScreen):
            self.push_screen(ReportScreen())

    def step_back_or_forth(self, *, undo: bool) -> None:
        """Undo or redo one edit, and say which (see :class:`~partnertui.tui.undo.EditHistory`)."""
        from partnertui.tui.workbook import EditRefused

        workbook = self.workbook
        if workbook is None:
            return
        try:
            what = workbook.undo() if undo else workbook.redo()
        except EditRefused as refused:
            self.notify(str(refused), title="Nothing changed", severity="warning")
            return
        if what is None:
            self.notify("There is nothing to undo." if undo else "There is nothing to redo.")
        else:
            self.notify(what[0].upper() + what[1:], title="Undone" if undo else "Redone")

    def action_save(self) -> None:
        self.safety.save()

    def action_save_as(self) -> None:
        self.safety.save_as()

    def action_import_partners(self) -> None:
        """Go to Partners and ask for the spreadsheet there, where the result shows."""
        from partnertui.tui.screens.partners import PartnersScreen

        if self.workbook is None:
            return
        self.action_section("partners")
        screen = self.screen
        if isinstance(screen, PartnersScreen):
            screen.action_import_partners()

    def action_import_responses(self) -> None:
        """Go to Ingredients and ask for the files there, where who has answered shows."""
        from partnertui.tui.screens.ingredients import IngredientsScreen

        if self.workbook is None:
            return
        self.action_section("ingredients")
        screen = self.screen
        if isinstance(screen, IngredientsScreen):
            # A section shown for the first time knows its round once it has drawn.
            screen.call_after_refresh(screen.action_import)

    async def action_quit(self) -> None:
        self.safety.quit()

    def on_unmount(self) -> None:
        self.safety.leave()

    # -- the command palette ---------------------------------------------------------

    def get_system_commands(self, screen: Screen) -> Iterable[SystemCommand]:
        """Every section, every shared action and every key of the current screen, by name."""
        from partnertui.tui.screens.help import SCREEN_WIDE

        if self.workbook is not None:
            for mode, label in SECTIONS:
                yield SystemCommand(
                    f"{label} (go to section)",
                    f"Show the {label} section",
                    partial(self.action_section, mode),
                )
            yield SystemCommand("Save", "Save the project file (ctrl+s)", self.action_save)
            yield SystemCommand(
                "Save as…",
                "Save a copy somewhere else and work on it (ctrl+o)",
                self.action_save_as,
            )
            yield SystemCommand(
                "Import partners from a spreadsheet…",
                "Add or update partners from a CSV (on Partners: i)",
                self.action_import_partners,
            )
            yield SystemCommand(
                "Import responses…",
                "Add partners' answers from response files or a survey tool's CSV "
                "(on Ingredients: i)",
                self.action_import_responses,
            )
        yield SystemCommand("Help", "Keys for this screen and a short guide (?)", self.action_help)
        seen = {"save", "save_as", "quit", "help", "command_palette", "undo", "redo"}
        seen.update(("import_partners", "import"))
        for key, active in screen.active_bindings.items():
            binding = active.binding
            if not binding.description or binding.action in seen:
                continue
            if binding.action.startswith("section("):
                continue
            # A list's or field's own moves (cursor left, page down) are no commands;
            # a widget's key is listed when it was given a palette name (a tooltip).
            if active.node is screen and binding.action in SCREEN_WIDE:
                continue
            if active.node not in (screen, self) and not binding.tooltip:
                continue
            seen.add(binding.action)
            title = binding.tooltip or binding.description
            yield SystemCommand(
                title,
                f"{binding.description} (key: {self.get_key_display(binding) or key})",
                partial(active.node.run_action, binding.action),
            )
        yield from super().get_system_commands(screen)


def _wake_the_collector() -> None:
    """Let Python's cycle collector run again once the first screen is up.

    The command line pauses it before importing the app (see ``cli._workbook``).
    What was made until now (modules, classes, the first screen, the project) lives
    on, so it is set aside for good rather than looked through at every collection
    from here on: later pauses stay short, and none lands on a first key press. The
    price is the little cyclic garbage made by then (a few thousand small objects,
    once), which stays. In tests the collector was never paused, and nothing is done.
    """
    if not gc.isenabled():
        gc.freeze()
        gc.enable()


def run(path: Path | None) -> int:
    """Run the workbook until the person quits; the exit status for the command line."""
    app = PartnerApp(path)
    result = app.run()
    return result if isinstance(result, int) else (app.return_code or 0)


__all__ = ["PartnerApp", "SectionScreen", "run"]
