"""What the workbook does, and asks, to keep work safe while a file is open.

Every path out of the workbook (quit, a crash, SIGTERM, a dropped SSH session's
SIGHUP) lets go of the lock and keeps unsaved edits in the recovery file, unless
the person discarded them. A save never overwrites a change on disk the person
has not been shown. Signal handlers are installed only when the app runs in a
real terminal, never under a test's headless driver.

The questions themselves are in :mod:`.questions`; what is done on disk is the
open file's (:class:`~partnertui.storage.session.OpenFile`).
"""

from __future__ import annotations

import asyncio
import contextlib
import os
import signal
import threading
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from textual.timer import Timer

from partnertui import storage
from partnertui.model import new_project
from partnertui.storage import lock as locks
from partnertui.storage import recovery
from partnertui.storage.session import DiskState, OpenFile, TakenOver
from partnertui.tui.display import plain
from partnertui.tui.workbook import Workbook

if TYPE_CHECKING:
    from partnertui.tui.app import PartnerApp

RECOVERY_SECONDS = 2.0
"""Unsaved edits reach the recovery file at most this long after they are made."""
DISK_CHECK_SECONDS = 2.0
"""How often the open file is looked at for changes made by someone else."""
SIGNAL_GRACE_SECONDS = 5.0
"""How long a signal leaves the workbook to close the terminal before it just ends."""


class FileSafety:
    """The app's watch over the open file, from opening it to leaving."""

    def __init__(self, app: PartnerApp) -> None:
        self.app = app
        self._watching = False
        self._opening: Workbook | None = None
        """A workbook locked but not yet shown (a question is asked first)."""
        self._noticed: tuple[DiskState, str | None] | None = None
        """The change on disk the person was last told about, so it is told once."""
        self._asking = False
        self._recovery_timer: Timer | None = None
        self._recovery_failed = False
        self._lock_lost_told = False
        self._discarded = False
        self._signals: dict[int, object] = {}

    @property
    def workbook(self) -> Workbook | None:
        return self.app.workbook

    def notify(self, message: str, **options: object) -> None:
        self.app.notify(message, **options)  # type: ignore[arg-type]

    # -- opening -------------------------------------------------------------------

    def open(self, path: Path) -> None:
        """Open ``path`` in the workbook, or explain why it cannot be opened."""
        if not OpenFile.exists(path):
            self._offer_to_create(path)
            return
        try:
            workbook = Workbook.open(path)
        except storage.ProjectFileError as error:
            from partnertui.tui.screens.problems import ProblemsScreen

            def closed(reopen: bool | None) -> None:
                if reopen:
                    self.open(path)
                else:
                    self.app.exit(1)

            self.app.push_screen(ProblemsScreen(path, error.problems), closed)
            return
        if workbook.read_only:
            self._start(workbook)
        else:
            self._lock_then_start(workbook)

    def _offer_to_create(self, path: Path) -> None:
        from partnertui.tui.widgets.form import FormDialog, FormField
        from partnertui.tui.workbook import FormErrors

        def create(values: dict) -> Workbook:
            name = values["name"].strip()
            if not name:
                raise FormErrors({"name": "give the project a name"})
            project = new_project(name, values["lead_organization"].strip())
            try:
                return Workbook(project, OpenFile.create(path, project))
            except storage.SaveError as error:
                raise FormErrors({"name": str(error)}) from None

        def created(workbook: Workbook | None) -> None:
            if workbook is None:
                self.app.exit(0)
            else:
                self.notify(f"Created {plain(str(path))}", title="New project")
                self._lock_then_start(workbook)

        self.app.push_screen(
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

    def _lock_then_start(self, workbook: Workbook, *, take_over: bool = False) -> None:
        """Lock the file for this session, asking what to do when someone else has it."""
        self._guard_the_session()
        self._opening = workbook
        name = plain(workbook.path.name)
        try:
            workbook.file.take_lock(take_over=take_over)
        except locks.LockHeld as held:
            if not take_over and held.stale:
                who = (
                    f"a session that has ended ({plain(held.owner.describe())})"
                    if held.owner is not None
                    else "a session that ended before it finished writing its lock file"
                )
                self.notify(
                    f"{name} was still marked as open by {who}. It is yours now.",
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
        from partnertui.tui.file_safety.questions import LockHeldDialog, take_over_question

        def answer(choice: str | None) -> None:
            if choice == "read_only":
                who = owner.user if owner else "someone"
                workbook.file.open_read_only(f"{who} has it open for editing")
                self._start(workbook)
            elif choice == "take_over":
                self.app.push_screen(take_over_question(workbook.path, owner), sure)
            else:
                self.app.exit(0)

        def sure(choice: str | None) -> None:
            if choice == "yes":
                self._lock_then_start(workbook, take_over=True)
            else:
                self._ask_about_lock(workbook, owner)

        self.app.push_screen(LockHeldDialog(workbook.path, owner), answer)

    def _offer_recovery_then_start(self, workbook: Workbook) -> None:
        """Offer unsaved edits sessions that ended left behind, then open the workbook."""
        try:
            findings = workbook.file.find_recovery(workbook.project)
        except OSError as error:
            self._start(workbook)
            self.notify(
                f"Could not look for unsaved edits of {plain(workbook.path.name)} "
                f"({error.strerror or error}).",
                severity="warning",
            )
            return
        for broken in findings.broken:
            self.notify(
                plain(str(broken)), title="Unsaved edits unreadable", severity="warning", timeout=15
            )
        found = findings.offer
        if found is None:
            self._start(workbook)
            return
        changes = recovery.differences(workbook.project, found.project)
        from partnertui.tui.file_safety.questions import RecoveryDialog
        from partnertui.tui.widgets.dialogs import confirm

        def answer(choice: str | None) -> None:
            if choice == "restore":
                workbook.file.discard_found_recovery(found)
                self._start(workbook)
                workbook.restore(found.project)
                self.notify(
                    "Your unsaved edits are back. Save (ctrl+s) to keep them. Undo starts "
                    "from here: the edits made before cannot be undone one by one.",
                    title="Edits restored",
                )
            elif choice == "discard":
                question = confirm(
                    "Discard these unsaved edits for good?",
                    "They will be deleted and cannot be brought back. Restore them instead "
                    "if you are not sure: they stay unsaved until you save.",
                    "Discard for good",
                )
                self.app.push_screen(question, discard)
            else:  # decide later: the edits stay where they are
                workbook.file.close()
                self.app.exit(0)

        def discard(choice: str | None) -> None:
            if choice != "yes":
                self.app.push_screen(RecoveryDialog(workbook.path, found, changes), answer)
                return
            workbook.file.discard_found_recovery(found)
            self.notify("The unsaved edits were discarded.", title="Edits discarded")
            self._offer_recovery_then_start(workbook)  # another session's, if any

        self.app.push_screen(RecoveryDialog(workbook.path, found, changes), answer)

    def _start(self, workbook: Workbook) -> None:
        """Show the workbook on ``workbook`` and start watching its file."""
        self.app.start_workbook(workbook)
        self._guard_the_session()
        self._opening = None
        self._noticed = None
        if workbook.read_only:
            self.notify(
                f"{plain(workbook.path.name)} is open read-only because "
                f"{plain(workbook.file.read_only_why)}. Look around freely; to make changes, "
                "use Save as (ctrl+o) to keep a copy you can edit.",
                title="Read-only",
                severity="warning",
                timeout=10,
            )

    def _guard_the_session(self) -> None:
        """Start watching the file and, in a real terminal, catch SIGTERM and SIGHUP."""
        if self._watching:
            return
        self._watching = True
        self.app.set_interval(DISK_CHECK_SECONDS, self.check_disk, name="disk check")
        if not self.app.is_headless:
            self._install_signal_handlers()

    # -- while the file is open ----------------------------------------------------

    def check_disk(self) -> None:
        """Notice when someone else changes, replaces or removes the open file.

        Runs every few seconds. A change to a file without unsaved edits is simply
        loaded; otherwise the person is asked, once per change.
        """
        workbook = self.workbook
        if workbook is None or self._asking:
            return
        self._check_lock(workbook)
        state, current = workbook.file.check_disk()
        if state is DiskState.SAME:
            self._noticed = None
            return
        seen = (state, current.sha256 if current else None)
        if seen == self._noticed:
            return
        self._noticed = seen
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
        if self._lock_lost_told:
            return
        owner = workbook.file.lock_taken_by()
        if owner is None:
            return
        self._lock_lost_told = True
        self.notify(
            f"{plain(owner.describe())} took {plain(workbook.path.name)} over. You no longer "
            "hold the file: your next save will stop and ask first. To keep your edits "
            "safe from theirs, save them elsewhere (ctrl+o).",
            title="Someone took the file over",
            severity="warning",
            timeout=20,
        )

    def _ask_about_disk(self, state: DiskState, current: storage.Fingerprint | None) -> None:
        """Ask what to do about a file someone else changed or removed."""
        from partnertui.tui.file_safety.questions import (
            ChangedOnDiskDialog,
            MissingOnDiskDialog,
        )
        from partnertui.tui.widgets.dialogs import ChoiceDialog, confirm

        workbook = self.workbook
        if workbook is None or self._asking:
            return
        if state is DiskState.MISSING:
            dialog: ChoiceDialog = MissingOnDiskDialog(workbook.path, workbook.dirty)
        else:
            theirs: list[str] | str
            saved = workbook.file.saved
            try:
                theirs = recovery.differences(saved, workbook.file.read_current())
            except storage.ProjectFileError as error:
                theirs = str(error.problems[0]) if error.problems else "it cannot be read"
            mine = recovery.differences(saved, workbook.project)
            dialog = ChangedOnDiskDialog(workbook.path, theirs, mine if workbook.dirty else [])

        def discard_and_reload(choice: str | None) -> None:
            if choice == "yes":
                self._reload("Loaded the file as it is now.")

        def keep_mine(choice: str | None) -> None:
            if choice == "yes":
                self._save_with(lambda: workbook.overwrite(current))

        def answer(choice: str | None) -> None:
            self._asking = False
            if choice == "elsewhere":
                self.save_as()
            elif choice == "here":
                self._save_with(lambda: workbook.overwrite(None))
            elif choice == "reload" and workbook.dirty:
                question = confirm(
                    "Discard your unsaved edits?",
                    "The project will be loaded as the file is now, and your unsaved "
                    "edits will be lost.",
                    "Discard and reload",
                )
                self.app.push_screen(question, discard_and_reload)
            elif choice == "reload":
                self._reload("Loaded the file as it is now.")
            elif choice == "keep":
                question = confirm(
                    "Replace their changes with yours?",
                    "The file will be saved as you have it here; the changes made on disk "
                    "will be gone (unless they are kept elsewhere, such as in git).",
                    "Keep mine",
                )
                self.app.push_screen(question, keep_mine)

        self._asking = True
        self.app.push_screen(dialog, answer)

    def _reload(self, told: str) -> bool:
        workbook = self.workbook
        if workbook is None:
            return False
        had_steps = workbook.history.next_undo is not None or workbook.history.next_redo is not None
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
        self._noticed = None
        if had_steps:
            told += " Undo starts afresh from this version."
        self.notify(told, title="Reloaded")
        return True

    # -- saving --------------------------------------------------------------------

    def save(self) -> None:
        """Save to the open file, or say why not (read-only, a failure, a change on disk)."""
        workbook = self.workbook
        if workbook is None:
            return
        if workbook.read_only:
            self.notify(
                f"{plain(workbook.path.name)} is open read-only because "
                f"{plain(workbook.file.read_only_why)}. Use Save as (ctrl+o) to keep a copy "
                "you can edit.",
                title="Not saved",
                severity="warning",
            )
            return
        self._save_with(workbook.save)

    def _save_with(self, save: Callable[[], Path]) -> bool:
        """Run one way of saving; a file changed underneath asks, any failure says why
        and keeps the edits."""
        try:
            path = save()
        except TakenOver as taken:
            self._ask_about_take_over(taken)
            return False
        except storage.ChangedOnDisk as changed:
            state = DiskState.CHANGED if changed.current else DiskState.MISSING
            self._noticed = (state, changed.current.sha256 if changed.current else None)
            self._ask_about_disk(state, changed.current)
            return False
        except storage.SaveError as error:
            self.notify(plain(str(error)), title="Not saved", severity="error", timeout=10)
            return False
        self._noticed = None
        self.notify(f"Saved to {plain(str(path))}", title="Saved")
        return True

    def _ask_about_take_over(self, taken: TakenOver) -> None:
        """Someone took the file over since this session opened it: ask before saving."""
        from partnertui.tui.file_safety.questions import TakenOverDialog
        from partnertui.tui.widgets.dialogs import confirm

        workbook = self.workbook
        if workbook is None:
            return

        def sure(choice: str | None) -> None:
            if choice == "yes":
                self._save_with(lambda: workbook.save(despite_take_over=True))

        def answer(choice: str | None) -> None:
            if choice == "elsewhere":
                self.save_as()
            elif choice == "here":
                question = confirm(
                    "Save here although they hold the file?",
                    "Your version replaces the file now. If they save after you, theirs "
                    "replaces yours in turn (their save will stop and show them yours "
                    "first). Saving elsewhere keeps both.",
                    "Save here",
                )
                self.app.push_screen(question, sure)

        self.app.push_screen(TakenOverDialog(workbook.path, taken.owner), answer)

    def save_as(self) -> None:
        """Ask where to keep a copy, save it there and work on it from then on."""
        workbook = self.workbook
        if workbook is None:
            return

        def saved(target: Path | None) -> None:
            if target is not None:
                self._noticed = None
                self.notify(
                    f"Saved to {plain(str(target))}. You are now working on this file.",
                    title="Saved as",
                )

        from partnertui.tui.file_safety.questions import save_as_dialog

        self.app.push_screen(save_as_dialog(workbook), saved)

    # -- unsaved edits kept for after a crash --------------------------------------

    def keep_recovery_soon(self) -> None:
        """Write unsaved edits to the recovery file a moment after they are made."""
        workbook, timer = self.workbook, self._recovery_timer
        if workbook is None or workbook.read_only:
            return
        if not workbook.dirty:
            if timer is not None:
                timer.stop()
                self._recovery_timer = None
        elif timer is None:
            # Not restarted by later edits: the edits are kept at most this long after any.
            self._recovery_timer = self.app.set_timer(RECOVERY_SECONDS, self._keep_recovery)

    def _keep_recovery(self) -> None:
        self._recovery_timer = None
        if self.workbook is None:
            return
        try:
            self.workbook.write_recovery()
        except OSError as error:
            if not self._recovery_failed:
                self.notify(
                    f"Could not keep a copy of your unsaved edits ({error.strerror or error}); "
                    "save soon (ctrl+s).",
                    title="No recovery copy",
                    severity="warning",
                )
            self._recovery_failed = True
        else:
            self._recovery_failed = False

    # -- leaving -------------------------------------------------------------------

    def quit(self) -> None:
        """Leave, asking first about unsaved edits."""
        workbook = self.workbook
        if workbook is None or not workbook.dirty:
            self.app.exit(0)
            return
        from partnertui.tui.widgets.dialogs import ChoiceDialog, confirm

        def answer(choice: str | None) -> None:
            if choice == "save":
                self.save()
                if self.workbook is not None and not self.workbook.dirty:
                    self.app.exit(0)
            elif choice == "discard":
                question = confirm(
                    "Discard your unsaved edits for good?",
                    f"Your changes to {plain(workbook.path.name)} will be lost, and no copy "
                    "of them is kept.",
                    "Discard and quit",
                )
                self.app.push_screen(question, discard)

        def discard(choice: str | None) -> None:
            if choice == "yes":
                self._discard_edits()
                self.app.exit(0)

        if not isinstance(self.app.screen, ChoiceDialog):
            from partnertui.tui.file_safety.questions import quit_question

            self.app.push_screen(quit_question(workbook.path), answer)

    def _discard_edits(self) -> None:
        self._discarded = True
        if self.workbook is not None:
            self.workbook.file.discard_recovery()

    def leave(self) -> None:
        """Runs however the app ends: see :meth:`_keep_and_let_go`."""
        self._keep_and_let_go()
        self._restore_signal_handlers()

    def _keep_and_let_go(self) -> None:
        """Keep unsaved edits (unless discarded on purpose) and let go of the lock.

        Never raises: whatever the disk does now (a folder made unwritable, a full
        disk), leaving must still finish.
        """
        for workbook in (self.workbook, self._opening):
            if workbook is None:
                continue
            if workbook.dirty and not self._discarded:
                with contextlib.suppress(OSError):
                    workbook.write_recovery()
            workbook.file.close()

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
            self._signals[signum] = previous

    def _restore_signal_handlers(self) -> None:
        for signum, previous in self._signals.items():
            with contextlib.suppress(Exception):
                asyncio.get_running_loop().remove_signal_handler(signum)
            with contextlib.suppress(Exception):
                signal.signal(signum, previous if previous is not None else signal.SIG_DFL)
        self._signals.clear()

    def _stop_on_signal(self, signum: int) -> None:
        """SIGTERM (asked to stop) or SIGHUP (the SSH session dropped): keep the edits,
        let go of the lock, then leave."""
        self._keep_and_let_go()
        code = 128 + signum
        # With the terminal gone, restoring it may never finish; do not linger.
        watchdog = threading.Timer(SIGNAL_GRACE_SECONDS, os._exit, (code,))
        watchdog.daemon = True
        watchdog.start()
        self.app.exit(code)
