"""PartnerApp: the workbook's sections, its global keys, and opening, saving and quitting.

This module is an index: it names the screens and the actions every screen shares.
What a screen shows lives in ``screens/``; what an edit does lives in the Workbook.
"""

from __future__ import annotations

import asyncio
import contextlib
import datetime as dt
import gc
import importlib
import os
import signal
import threading
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from functools import partial
from pathlib import Path

from textual import events
from textual._context import active_app
from textual.app import App, SystemCommand
from textual.binding import Binding
from textual.content import Content
from textual.notifications import SeverityLevel
from textual.screen import Screen
from textual.signal import Signal
from textual.timer import Timer
from textual.widgets import Input

from partnertui import config, storage
from partnertui.model import new_project
from partnertui.storage import lock as locks
from partnertui.storage import recovery
from partnertui.tui.display import plain
from partnertui.tui.screens.section import SECTIONS, SectionScreen
from partnertui.tui.settings import Settings
from partnertui.tui.size_guard import SizeGuard
from partnertui.tui.workbook import DiskState, Workbook

RECOVERY_SECONDS = 2.0
"""Unsaved edits reach the recovery file at most this long after they are made."""
DISK_CHECK_SECONDS = 2.0
"""How often the open file is looked at for changes made by someone else."""


@dataclass
class SafetyState:
    """What the app keeps to look after the open file on a shared server."""

    watching: bool = False
    opening: Workbook | None = None
    """A workbook locked but not yet shown (a question is asked first)."""
    noticed: tuple[DiskState, str | None] | None = None
    """The change on disk the person was last told about, so it is told once."""
    asking: bool = False
    recovery_timer: Timer | None = None
    recovery_failed: bool = False
    lock_lost_told: bool = False
    discarded: bool = False
    signals: dict[int, object] = field(default_factory=dict)


# The picker, the problems view, help, forms, questions and the file-safety dialogs
# are imported where they are first needed: opening a good file shows none of them,
# and leaving them (and the form widgets they use) out of the start brings the first
# screen sooner.


def _section(module: str, name: str) -> Callable[[], Screen]:
    """A section's screen, imported when it is first shown: the first screen comes up
    sooner when the other sections' code is not loaded before it."""

    def make() -> Screen:
        screen = getattr(importlib.import_module(f"partnertui.tui.screens.{module}"), name)()
        # Textual reads the whole stylesheet again, twice, when a mode's screen is first
        # shown, in case styles changed while that screen was hidden. A screen made just
        # now has missed nothing (its widgets are styled as they mount), and the reading
        # took longer than drawing the first screen, so it is marked up to date.
        screen._css_update_count = active_app.get()._css_update_count
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
        self.settings = Settings(self, config_path or config.default_path())
        self.size_guard: SizeGuard | None = None
        self._today = today
        self.workbook: Workbook | None = None  # type: ignore[assignment]
        self.project_changed: Signal[int] = Signal(self, "project_changed")
        self._safety = SafetyState()

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
            from partnertui.tui.screens.picker import PickerScreen

            self.push_screen(PickerScreen(Path.cwd()), self._picked)
        else:
            self.open_path(self.path)
        # Runs once the screen just shown (the section, or the picker, the problems
        # view or a question) has been drawn.
        self.call_after_refresh(_wake_the_collector)

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
            from partnertui.tui.screens.problems import ProblemsScreen

            self.push_screen(ProblemsScreen(path, error.problems), self._problems_closed)
            return
        if workbook.read_only:
            self.start_workbook(workbook)
        else:
            self._lock_then_start(workbook)

    def _problems_closed(self, reopen: bool | None) -> None:
        if reopen and self.path is not None:
            self.open_path(self.path)
        else:
            self.exit(1)

    def _offer_to_create(self, path: Path) -> None:
        from partnertui.tui.widgets.form import FormDialog, FormField

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
                self._lock_then_start(workbook)

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
        self._watch_the_file()

    def delay_update(self, delay: float = 0.05) -> None:
        """Textual holds back the screen for ``delay`` after a section switch, so that
        a section being built is never seen half made. Until the first section is
        shown there is none on the terminal to keep, and the wait only held back
        the first screen."""
        if self.current_mode != self.DEFAULT_MODE:
            super().delay_update(delay)

    def _workbook_changed(self, workbook: Workbook) -> None:
        self._update_title()
        self._keep_recovery_soon()
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

    def action_save(self) -> None:
        if self.workbook is None:
            return
        if self.workbook.read_only:
            self.notify(
                f"{plain(self.workbook.path.name)} is open read-only because "
                f"{plain(self.workbook.read_only_why)}. Use Save as (ctrl+o) to keep a copy "
                "you can edit.",
                title="Not saved",
                severity="warning",
            )
            return
        self._save_with(self.workbook.save)

    async def action_quit(self) -> None:
        if self.workbook is None or not self.workbook.dirty:
            self.exit(0)
            return
        from partnertui.tui.widgets.dialogs import ChoiceDialog

        def answer(choice: str | None) -> None:
            if choice == "save":
                self.action_save()
                if self.workbook is not None and not self.workbook.dirty:
                    self.exit(0)
            elif choice == "discard":
                self._discard_edits()
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

    # -- keeping work safe: locks, changes on disk, recovery, signals ----------------
    #
    # Every path out of the app (quit, a crash, SIGTERM, a dropped SSH session's
    # SIGHUP) lets go of the lock and keeps unsaved edits in the recovery file,
    # unless the person discarded them. Signal handlers are installed only when the
    # app runs in a real terminal, never under a test's headless driver.

    def _lock_then_start(self, workbook: Workbook, *, take_over: bool = False) -> None:
        """Lock the file for this session, asking what to do when someone else has it."""
        self._guard_the_session()
        self._safety.opening = workbook
        name = plain(workbook.path.name)
        try:
            workbook.lock = locks.acquire(workbook.path, take_over=take_over)
        except locks.LockHeld as held:
            if held.owner is not None and not take_over and held.owner.is_stale():
                self.notify(
                    f"{name} was still marked as open by a session that has ended "
                    f"({plain(held.owner.describe())}). It is yours now.",
                    title="Lock taken over",
                )
                self._lock_then_start(workbook, take_over=True)
            else:
                self._ask_about_lock(workbook, held.owner)
            return
        except OSError as error:
            self.notify(
                f"Could not mark {name} as open ({error.strerror or error}), so others who "
                "open it will not be warned that you are editing it.",
                title="No lock",
                severity="warning",
            )
        self._offer_recovery_then_start(workbook)

    def _ask_about_lock(self, workbook: Workbook, owner: locks.Owner | None) -> None:
        from partnertui.tui.screens.safety import LockHeldDialog, take_over_question

        def answer(choice: str | None) -> None:
            if choice == "read_only":
                who = owner.user if owner else "someone"
                workbook.read_only = True
                workbook.read_only_why = f"{who} has it open for editing"
                self.start_workbook(workbook)
            elif choice == "take_over":
                self.push_screen(take_over_question(workbook.path, owner), sure)
            else:
                self.exit(0)

        def sure(choice: str | None) -> None:
            if choice == "yes":
                self._lock_then_start(workbook, take_over=True)
            else:
                self._ask_about_lock(workbook, owner)

        self.push_screen(LockHeldDialog(workbook.path, owner), answer)

    def _offer_recovery_then_start(self, workbook: Workbook) -> None:
        """Offer unsaved edits an earlier session left behind, then open the workbook."""
        try:
            found = recovery.find(workbook.path, workbook.project)
        except recovery.BrokenRecovery as broken:
            self.start_workbook(workbook)
            self.notify(
                plain(str(broken)), title="Unsaved edits unreadable", severity="warning", timeout=15
            )
            return
        except OSError as error:
            self.start_workbook(workbook)
            self.notify(
                f"Could not look for unsaved edits of {plain(workbook.path.name)} "
                f"({error.strerror or error}).",
                severity="warning",
            )
            return
        if found is None:
            self.start_workbook(workbook)
            return
        changes = recovery.differences(workbook.project, found.project)
        from partnertui.tui.screens.safety import RecoveryDialog

        def answer(choice: str | None) -> None:
            if choice == "restore":
                self.start_workbook(workbook)
                workbook.restore(found.project)
                self.notify(
                    "Your unsaved edits are back. Save (ctrl+s) to keep them.",
                    title="Edits restored",
                )
            elif choice == "discard":
                recovery.discard(workbook.path)
                self.start_workbook(workbook)
                self.notify("The unsaved edits were discarded.", title="Edits discarded")
            else:  # decide later: the edits stay where they are
                workbook.close()
                self.exit(0)

        self.push_screen(RecoveryDialog(workbook.path, found, changes), answer)

    def _guard_the_session(self) -> None:
        """Start watching the file and, in a real terminal, catch SIGTERM and SIGHUP."""
        if self._safety.watching:
            return
        self._safety.watching = True
        self.set_interval(DISK_CHECK_SECONDS, self.check_disk, name="disk check")
        if not self.is_headless:
            self._install_signal_handlers()

    def _watch_the_file(self) -> None:
        workbook = self.workbook
        self._guard_the_session()
        self._safety.opening = None
        self._safety.noticed = None
        if workbook.read_only:
            self.notify(
                f"{plain(workbook.path.name)} is open read-only because "
                f"{plain(workbook.read_only_why)}. Look around freely; to make changes, "
                "use Save as (ctrl+o) to keep a copy you can edit.",
                title="Read-only",
                severity="warning",
                timeout=10,
            )

    def check_disk(self) -> None:
        """Notice when someone else changes, replaces or removes the open file.

        Runs every few seconds. A change to a file without unsaved edits is simply
        loaded; otherwise the person is asked, once per change.
        """
        workbook = self.workbook
        if workbook is None or self._safety.asking:
            return
        self._check_lock(workbook)
        state, current = workbook.check_disk()
        if state is DiskState.SAME:
            self._safety.noticed = None
            return
        seen = (state, current.sha256 if current else None)
        if seen == self._safety.noticed:
            return
        self._safety.noticed = seen
        name = plain(workbook.path.name)
        if state is DiskState.CHANGED and not workbook.dirty:
            self._reload(f"{name} was changed on disk; you now see it as it is.")
        elif workbook.read_only:
            self.notify(
                f"{name} was deleted or moved. It stays open here; Save as (ctrl+o) keeps a copy.",
                title="File gone",
                severity="warning",
            )
        else:
            self._ask_about_disk(state, current)

    def _check_lock(self, workbook: Workbook) -> None:
        """Tell the person once if someone took the file over from this session."""
        if workbook.lock is None or self._safety.lock_lost_told or workbook.lock.is_ours():
            return
        owner = locks.read_owner(workbook.path)
        if owner is None:  # the lock file was removed: mark the file as ours again
            workbook.close()
            with contextlib.suppress(OSError, locks.LockHeld):
                workbook.lock = locks.acquire(workbook.path)
            return
        self._safety.lock_lost_told = True
        self.notify(
            f"{plain(owner.describe())} took {plain(workbook.path.name)} over. Saving will "
            "still never overwrite their changes unseen; you may want to save your edits "
            "elsewhere (ctrl+o).",
            title="Someone took the file over",
            severity="warning",
            timeout=15,
        )

    def _ask_about_disk(self, state: DiskState, current: storage.Fingerprint | None) -> None:
        """Ask what to do about a file someone else changed or removed."""
        from partnertui.tui.screens.safety import ChangedOnDiskDialog, MissingOnDiskDialog
        from partnertui.tui.widgets.dialogs import ChoiceDialog, confirm

        workbook = self.workbook
        if workbook is None or self._safety.asking:
            return
        if state is DiskState.MISSING:
            dialog: ChoiceDialog = MissingOnDiskDialog(workbook.path, workbook.dirty)
        else:
            theirs: list[str] | str
            try:
                theirs = recovery.differences(workbook.saved, storage.read(workbook.path)[0])
            except storage.ProjectFileError as error:
                theirs = str(error.problems[0]) if error.problems else "it cannot be read"
            mine = recovery.differences(workbook.saved, workbook.project)
            dialog = ChangedOnDiskDialog(workbook.path, theirs, mine if workbook.dirty else [])

        def discard_and_reload(choice: str | None) -> None:
            if choice == "yes":
                self._reload("Loaded the file as it is now.")

        def keep_mine(choice: str | None) -> None:
            if choice == "yes":
                self._save_with(lambda: workbook.overwrite(current))

        def answer(choice: str | None) -> None:
            self._safety.asking = False
            if choice == "elsewhere":
                self.action_save_as()
            elif choice == "here":
                self._save_with(lambda: workbook.overwrite(None))
            elif choice == "reload" and workbook.dirty:
                question = confirm(
                    "Discard your unsaved edits?",
                    "The project will be loaded as the file is now, and your unsaved "
                    "edits will be lost.",
                    "Discard and reload",
                )
                self.push_screen(question, discard_and_reload)
            elif choice == "reload":
                self._reload("Loaded the file as it is now.")
            elif choice == "keep":
                question = confirm(
                    "Replace their changes with yours?",
                    "The file will be saved as you have it here; the changes made on disk "
                    "will be gone (unless they are kept elsewhere, such as in git).",
                    "Keep mine",
                )
                self.push_screen(question, keep_mine)

        self._safety.asking = True
        self.push_screen(dialog, answer)

    def _reload(self, told: str) -> bool:
        workbook = self.workbook
        if workbook is None:
            return False
        try:
            workbook.reload()
        except storage.ProjectFileError as error:
            problem = str(error.problems[0]) if error.problems else str(error)
            self.notify(
                f"{plain(workbook.path.name)} was changed on disk, but it cannot be opened as "
                f"it is now: {plain(problem)}. You still see the project as it was.",
                title="Not reloaded",
                severity="warning",
                timeout=15,
            )
            return False
        self._safety.noticed = None
        self.notify(told, title="Reloaded")
        return True

    def _save_with(self, save: Callable[[], Path]) -> bool:
        """Run one way of saving; a file changed underneath asks, any failure says why
        and keeps the edits."""
        try:
            path = save()
        except storage.ChangedOnDisk as changed:
            state = DiskState.CHANGED if changed.current else DiskState.MISSING
            self._safety.noticed = (state, changed.current.sha256 if changed.current else None)
            self._ask_about_disk(state, changed.current)
            return False
        except storage.SaveError as error:
            self.notify(plain(str(error)), title="Not saved", severity="error", timeout=10)
            return False
        self._safety.noticed = None
        self.notify(f"Saved to {plain(str(path))}", title="Saved")
        return True

    def action_save_as(self) -> None:
        if self.workbook is None:
            return

        def saved(target: Path | None) -> None:
            if target is not None:
                self._safety.noticed = None
                self.notify(
                    f"Saved to {plain(str(target))}. You are now working on this file.",
                    title="Saved as",
                )

        from partnertui.tui.screens.safety import save_as_dialog

        self.push_screen(save_as_dialog(self.workbook), saved)

    def _keep_recovery_soon(self) -> None:
        """Write unsaved edits to the recovery file a moment after they are made."""
        workbook, timer = self.workbook, self._safety.recovery_timer
        if workbook is None or workbook.read_only:
            return
        if not workbook.dirty:
            if timer is not None:
                timer.stop()
                self._safety.recovery_timer = None
        elif timer is None:
            # Not restarted by later edits: the edits are kept at most this long after any.
            self._safety.recovery_timer = self.set_timer(RECOVERY_SECONDS, self._keep_recovery)

    def _keep_recovery(self) -> None:
        self._safety.recovery_timer = None
        if self.workbook is None:
            return
        try:
            self.workbook.write_recovery()
        except OSError as error:
            if not self._safety.recovery_failed:
                self.notify(
                    f"Could not keep a copy of your unsaved edits ({error.strerror or error}); "
                    "save soon (ctrl+s).",
                    title="No recovery copy",
                    severity="warning",
                )
            self._safety.recovery_failed = True
        else:
            self._safety.recovery_failed = False

    def _discard_edits(self) -> None:
        self._safety.discarded = True
        if self.workbook is not None:
            self.workbook.discard_recovery()

    def _leave_safely(self) -> None:
        """Keep unsaved edits (unless discarded on purpose) and let go of the lock."""
        for workbook in (self.workbook, self._safety.opening):
            if workbook is None:
                continue
            if workbook.dirty and not self._safety.discarded:
                with contextlib.suppress(OSError):
                    workbook.write_recovery()
            workbook.close()

    def on_unmount(self) -> None:
        self._leave_safely()
        self._restore_signal_handlers()

    def _install_signal_handlers(self) -> None:
        loop = asyncio.get_running_loop()
        for name in ("SIGTERM", "SIGHUP"):
            signum = getattr(signal, name, None)
            if signum is None:
                continue
            previous = signal.getsignal(signum)
            try:
                loop.add_signal_handler(signum, self._stop_on_signal, signum)
            except (NotImplementedError, RuntimeError, ValueError):
                continue  # not on this system, or not the main thread
            self._safety.signals[signum] = previous

    def _restore_signal_handlers(self) -> None:
        for signum, previous in self._safety.signals.items():
            with contextlib.suppress(Exception):
                asyncio.get_running_loop().remove_signal_handler(signum)
            with contextlib.suppress(Exception):
                signal.signal(signum, previous if previous is not None else signal.SIG_DFL)
        self._safety.signals.clear()

    def _stop_on_signal(self, signum: int) -> None:
        """SIGTERM (asked to stop) or SIGHUP (the SSH session dropped): keep the edits,
        let go of the lock, then leave."""
        self._leave_safely()
        code = 128 + signum
        # With the terminal gone, restoring it may never finish; do not linger.
        watchdog = threading.Timer(5.0, os._exit, (code,))
        watchdog.daemon = True
        watchdog.start()
        self.exit(code)

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
        yield SystemCommand("Help", "Keys for this screen and a short guide (?)", self.action_help)
        seen = {"save", "save_as", "quit", "help", "command_palette"}
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
