"""PartnerApp: the workbook's sections, its global keys, and opening, saving and quitting.

This module is an index: it names the screens and the actions every screen shares.
What a screen shows lives in ``screens/``; what an edit does lives in the Workbook.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
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

from partnertui import storage
from partnertui.model import new_project
from partnertui.tui.display import plain
from partnertui.tui.screens.actions import ActionsScreen
from partnertui.tui.screens.help import SCREEN_WIDE, HelpScreen
from partnertui.tui.screens.history import HistoryScreen
from partnertui.tui.screens.ingredients import IngredientsScreen
from partnertui.tui.screens.overview import OverviewScreen
from partnertui.tui.screens.partners import PartnersScreen
from partnertui.tui.screens.picker import PickerScreen
from partnertui.tui.screens.problems import ProblemsScreen
from partnertui.tui.screens.roles import RolesScreen
from partnertui.tui.screens.section import SECTIONS, SectionScreen
from partnertui.tui.widgets.dialogs import ChoiceDialog
from partnertui.tui.widgets.form import FormDialog, FormField
from partnertui.tui.workbook import Workbook


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
    MODES = {
        "overview": OverviewScreen,
        "partners": PartnersScreen,
        "roles": RolesScreen,
        "ingredients": IngredientsScreen,
        "actions": ActionsScreen,
        "history": HistoryScreen,
    }
    BINDINGS = [
        Binding("ctrl+s", "save", "Save", tooltip="Save the project file"),
        Binding("ctrl+q", "quit", "Quit", priority=True, tooltip="Quit the workbook"),
        Binding("question_mark,f1", "help", "Help", tooltip="Show keys and a guide"),
        *(
            Binding(str(n), f"section('{mode}')", label, show=False, tooltip=f"Go to {label}")
            for n, (mode, label) in enumerate(SECTIONS, start=1)
        ),
    ]

    def __init__(self, path: Path | None = None, *, today: dt.date | None = None) -> None:
        super().__init__()
        self.path = path
        self._today = today
        self.workbook: Workbook | None = None  # type: ignore[assignment]
        self.project_changed: Signal[int] = Signal(self, "project_changed")

    def today(self) -> dt.date:
        """Today's date; tests fix it so that "overdue" does not depend on the calendar."""
        return self._today or dt.date.today()

    # -- opening ---------------------------------------------------------------------

    def on_mount(self) -> None:
        if self.path is None:
            self.push_screen(PickerScreen(Path.cwd()), self._picked)
        else:
            self.open_path(self.path)

    def _picked(self, choice: Path | None) -> None:
        if choice is None:
            self.exit(0)
        else:
            self.open_path(choice)

    def open_path(self, path: Path) -> None:
        """Open ``path`` in the workbook, or explain why it cannot be opened."""
        self.path = path
        if not path.exists():
            self._offer_to_create(path)
            return
        try:
            workbook = Workbook.open(path)
        except storage.ProjectFileError as error:
            self.push_screen(ProblemsScreen(path, error.problems), self._problems_closed)
            return
        self.start_workbook(workbook)

    def _problems_closed(self, reopen: bool | None) -> None:
        if reopen and self.path is not None:
            self.open_path(self.path)
        else:
            self.exit(1)

    def _offer_to_create(self, path: Path) -> None:
        def create(values: dict) -> Workbook:
            from partnertui.tui.workbook import FormErrors

            name = values["name"].strip()
            if not name:
                raise FormErrors({"name": "give the project a name"})
            project = new_project(name, values["lead_organization"].strip())
            try:
                fingerprint = storage.save(project, path, create=True)
            except storage.SaveError as error:
                raise FormErrors({"name": str(error)}) from None
            return Workbook(project=project, path=path, fingerprint=fingerprint)

        def created(workbook: Workbook | None) -> None:
            if workbook is None:
                self.exit(0)
            else:
                self.notify(f"Created {plain(str(path))}", title="New project")
                self.start_workbook(workbook)

        self.push_screen(
            FormDialog(
                f"{path} does not exist yet. Create a new project there?",
                [
                    FormField("name", "Project name", placeholder="e.g. Riverside Safe Walk"),
                    FormField("lead_organization", "Lead organization", placeholder="optional"),
                ],
                create,
                save_label="Create",
            ),
            created,
        )

    def start_workbook(self, workbook: Workbook) -> None:
        self.workbook = workbook
        self.path = workbook.path
        workbook.listen(self._workbook_changed)
        self._update_title()
        self.switch_mode("overview")

    def _workbook_changed(self, workbook: Workbook) -> None:
        self._update_title()
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

    def format_title(self, title: str, sub_title: str) -> Content:
        return Content.assemble(
            Content(plain(title)).stylize("bold"), (" — ", "dim"), Content(plain(sub_title))
        )

    def on_key(self, event: events.Key) -> None:
        """Characters typed right after the key that opens a form were sent to the
        screen underneath, before the form could show; they belong in its first field.
        (A focused field would have taken them itself, so they never arrive here.)"""
        if event.is_printable and event.character and isinstance(self.focused, Input):
            event.stop()
            self.focused.insert_text_at_cursor(event.character)

    # -- actions every screen shares -------------------------------------------------

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """Saving and sections need an open project; before one is open (the picker,
        the problems view) their keys leave the footer, help and palette."""
        if action in ("save", "section"):
            return self.workbook is not None
        return True

    def action_section(self, mode: str) -> None:
        if self.workbook is not None and self.current_mode != mode:
            self.switch_mode(mode)

    def action_help(self) -> None:
        if not isinstance(self.screen, HelpScreen):
            self.push_screen(HelpScreen(self.screen))

    def action_save(self) -> None:
        if self.workbook is None:
            return
        try:
            path = self.workbook.save()
        except storage.SaveError as error:
            self.notify(str(error), title="Not saved", severity="error", timeout=10)
            return
        self.notify(f"Saved to {plain(str(path))}", title="Saved")

    async def action_quit(self) -> None:
        if self.workbook is None or not self.workbook.dirty:
            self.exit(0)
            return

        def answer(choice: str | None) -> None:
            if choice == "save":
                self.action_save()
                if self.workbook is not None and not self.workbook.dirty:
                    self.exit(0)
            elif choice == "discard":
                self.exit(0)

        if not isinstance(self.screen, ChoiceDialog):
            self.push_screen(
                ChoiceDialog(
                    "Save your changes before quitting?",
                    f"{self.workbook.path.name} has changes that are not saved yet.",
                    [
                        ("s", "save", "Save", "primary"),
                        ("d", "discard", "Discard", "error"),
                        ("c", "cancel", "Cancel", "default"),
                    ],
                ),
                answer,
            )

    # -- the command palette ---------------------------------------------------------

    def get_system_commands(self, screen: Screen) -> Iterable[SystemCommand]:
        """Every section, every shared action and every key of the current screen, by name."""
        if self.workbook is not None:
            for mode, label in SECTIONS:
                yield SystemCommand(
                    f"{label} (go to section)",
                    f"Show the {label} section",
                    partial(self.action_section, mode),
                )
            yield SystemCommand("Save", "Save the project file (ctrl+s)", self.action_save)
        yield SystemCommand("Help", "Keys for this screen and a short guide (?)", self.action_help)
        seen = {"save", "quit", "help", "command_palette"}
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


def run(path: Path | None) -> int:
    """Run the workbook until the person quits; the exit status for the command line."""
    app = PartnerApp(path)
    result = app.run()
    return result if isinstance(result, int) else (app.return_code or 0)


__all__ = ["PartnerApp", "SectionScreen", "run"]
