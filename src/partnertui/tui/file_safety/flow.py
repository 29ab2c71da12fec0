"""What the workbook does, and asks, to keep work safe while a file is open.

Every path out of the workbook (quit, a crash, SIGTERM, a dropped SSH session's
SIGHUP) lets go of the lock and keeps unsaved edits in the recovery file, unless
the person discarded them. A save never overwrites a change on disk the person
has not been shown. Signal handlers are installed only when the app runs in a
real terminal, never under a test's headless driver.

The flow holds the open file (:class:`~partnertui.storage.session.OpenFile`),
which does what is done on disk, and tells the workbook what came of it (saved,
reloaded). Opening is :mod:`.opening`'s; the questions are in :mod:`.questions`.
"""

from __future__ import annotations

import asyncio
import contextlib
import os
import signal
import threading
from collections.abc import Callable
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING

from textual.timer import Timer

from partnertui import storage
from partnertui.model import Project
from partnertui.storage import recovery
from partnertui.storage.session import DiskState, OpenFile, TakenOver
from partnertui.tui.display import plain
from partnertui.tui.file_safety.opening import Opening
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
        self.file: OpenFile | None = None
        """The open file: from when it is read (it may be locked while a question is
        asked before the workbook shows) until the workbook ends."""
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

    def choose(self, folder: Path) -> None:
        """List the project files in ``folder`` to open one (see :class:`.opening.Opening`)."""
        Opening(self).choose(folder)

    def open(self, path: Path) -> None:
        """Open ``path`` in the workbook, or explain why it cannot be opened."""
        Opening(self).open(path)

    def hold(self, file: OpenFile) -> None:
        """Take charge of ``file`` while it is being opened: from now on, leaving in any
        way lets go of its lock."""
        self.file = file
        self._guard_the_session()

    def let_go(self, file: OpenFile) -> None:
        """Stop holding ``file``, whose opening was put off before the workbook showed
        it (its lock, if it was taken, is given back by the caller)."""
        if self.file is file:
            self.file = None

    def start(self, file: OpenFile, project: Project) -> Workbook:
        """Show the workbook on ``project`` and watch ``file``, where it is kept."""
        self.hold(file)
        workbook = Workbook(project, file)
        self.app.start_workbook(workbook)
        self._noticed = None
        if file.read_only:
            self.notify(
                f"{plain(file.path.name)} is open read-only because "
                f"{plain(file.read_only_why)}. Look around freely; to make changes, "
                "use Save as (ctrl+o) to keep a copy you can edit.",
                title="Read-only",
                severity="warning",
                timeout=10,
            )
        return workbook

    def _guard_the_session(self) -> None:
        """Start watching the file and, in a real terminal, catch SIGTERM and SIGHUP."""
        if self._watching:
            return
        self._watching = True
        self.app.set_interval(DISK_CHECK_SECONDS, self.check_disk, name="disk check")
        if not self.app.is_headless:
            self._install_signal_handlers()

    def _shown(self) -> tuple[Workbook, OpenFile] | None:
        """The workbook and the file it is kept in, once the workbook is shown."""
        if self.workbook is None or self.file is None:
            return None
        return self.workbook, self.file

    # -- while the file is open ----------------------------------------------------

    def check_disk(self) -> None:
        """Notice when someone else changes, replaces or removes the open file.

        Runs every few seconds. A change to a file without unsaved edits is simply
        loaded; otherwise the person is asked, once per change.
        """
        shown = self._shown()
        if shown is None or self._asking:
            return
        workbook, file = shown
        self._check_lock(file)
        state, current = file.check_disk()
        if state is DiskState.SAME:
            self._noticed = None
            return
        seen = (state, current.sha256 if current else None)
        if seen == self._noticed:
            return
        self._noticed = seen
        name = plain(file.path.name)
        if state is DiskState.CHANGED and not workbook.dirty:
            self._reload(f"{name} was changed on disk; you now see it as it is.")
        elif file.read_only:
            self.notify(
                f"{name} was deleted or moved. It stays open here; Save as (ctrl+o) keeps a copy.",
                title="File gone",
                severity="warning",
            )
        else:
            self._ask_about_disk(state, current)

    def _check_lock(self, file: OpenFile) -> None:
        """Tell the person once if someone took the file over from this session."""
        if self._lock_lost_told:
            return
        owner = file.lock_taken_by()
        if owner is None:
            return
        self._lock_lost_told = True
        self.notify(
            f"{plain(owner.describe())} took {plain(file.path.name)} over. You no longer "
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

        shown = self._shown()
        if shown is None or self._asking:
            return
        workbook, file = shown
        if state is DiskState.MISSING:
            dialog: ChoiceDialog = MissingOnDiskDialog(file.path, workbook.dirty)
        else:
            theirs: list[str] | str
            try:
                theirs = recovery.differences(file.saved, file.read_current())
            except storage.ProjectFileError as error:
                theirs = str(error.problems[0]) if error.problems else "it cannot be read"
            mine = recovery.differences(file.saved, workbook.project)
            dialog = ChangedOnDiskDialog(file.path, theirs, mine if workbook.dirty else [])

        def discard_and_reload(choice: str | None) -> None:
            if choice == "yes":
                self._reload("Loaded the file as it is now.")

        def keep_mine(choice: str | None) -> None:
            if choice == "yes":
                self._save_with(partial(file.overwrite, current=current))

        def answer(choice: str | None) -> None:
            self._asking = False
            if choice == "elsewhere":
                self.save_as()
            elif choice == "here":
                self._save_with(partial(file.overwrite, current=None))
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
        """Take up the file as it is now in place of the project, unsaved edits and all."""
        shown = self._shown()
        if shown is None:
            return False
        workbook, file = shown
        had_steps = workbook.history.next_undo is not None or workbook.history.next_redo is not None
        try:
            workbook.replace_project(file.reload(), saved=True)
        except storage.ProjectFileError as error:
            problem = str(error.problems[0]) if error.problems else str(error)
            self.notify(
                f"{plain(file.path.name)} was changed on disk, but it cannot be opened as "
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

    def editable(self, *, title: str = "Read-only") -> bool:
        """Whether the open file may be changed; when not, say why and how to get a
        copy that can be (under ``title``)."""
        file = self.file
        if file is None or not file.read_only:
            return True
        self.notify(
            f"{plain(file.path.name)} is open read-only because "
            f"{plain(file.read_only_why)}. Use Save as (ctrl+o) to keep a copy you can edit.",
            title=title,
            severity="warning",
        )
        return False

    def save(self) -> None:
        """Save to the open file, or say why not (read-only, a failure, a change on disk)."""
        shown = self._shown()
        if shown is not None and self.editable(title="Not saved"):
            self._save_with(shown[1].save)

    def _save_with(self, write: Callable[..., None], *, despite_take_over: bool = False) -> bool:
        """Write the project one way (``write(project, despite_take_over=…)``): a file
        changed underneath or taken over asks, any failure says why and keeps the edits."""
        shown = self._shown()
        if shown is None:
            return False
        workbook, file = shown
        try:
            write(workbook.project, despite_take_over=despite_take_over)
        except TakenOver as taken:
            self._ask_about_take_over(taken, write)
            return False
        except storage.ChangedOnDisk as changed:
            state = DiskState.CHANGED if changed.current else DiskState.MISSING
            self._noticed = (state, changed.current.sha256 if changed.current else None)
            self._ask_about_disk(state, changed.current)
            return False
        except storage.SaveError as error:
            self.notify(plain(str(error)), title="Not saved", severity="error", timeout=10)
            return False
        workbook.mark_saved()
        self._noticed = None
        self.notify(f"Saved to {plain(str(file.path))}", title="Saved")
        return True

    def _ask_about_take_over(self, taken: TakenOver, write: Callable[..., None]) -> None:
        """Someone took the file over since this session opened it: ask before ``write``
        (a save, or saving over a change on disk) goes ahead."""
        from partnertui.tui.file_safety.questions import TakenOverDialog
        from partnertui.tui.widgets.dialogs import confirm

        if self.file is None:
            return

        def sure(choice: str | None) -> None:
            if choice == "yes":
                self._save_with(write, despite_take_over=True)

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

        self.app.push_screen(TakenOverDialog(self.file.path, taken.owner), answer)

    def save_as(self) -> None:
        """Ask where to keep a copy, save it there and work on it from then on."""
        shown = self._shown()
        if shown is None:
            return
        workbook, file = shown

        def save(target: Path, replace: bool) -> None:
            file.save_as(workbook.project, target, replace=replace)
            workbook.mark_saved()

        def saved(target: Path | None) -> None:
            if target is not None:
                self._noticed = None
                self.notify(
                    f"Saved to {plain(str(target))}. You are now working on this file.",
                    title="Saved as",
                )

        from partnertui.tui.file_safety.questions import save_as_dialog

        self.app.push_screen(save_as_dialog(file, save), saved)

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
        shown = self._shown()
        if shown is None:
            return
        workbook, file = shown
        try:
            if workbook.dirty:
                file.write_recovery(workbook.project)
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
        if self.file is not None:
            self.file.discard_recovery()

    def leave(self) -> None:
        """Runs however the app ends: see :meth:`_keep_and_let_go`."""
        self._keep_and_let_go()
        self._restore_signal_handlers()

    def _keep_and_let_go(self) -> None:
        """Keep unsaved edits (unless discarded on purpose) and let go of the lock.

        Never raises: whatever the disk does now (a folder made unwritable, a full
        disk), leaving must still finish.
        """
        if self.file is None:
            return
        workbook = self.workbook
        if workbook is not None and workbook.dirty and not self._discarded:
            with contextlib.suppress(OSError):
                self.file.write_recovery(workbook.project)
        self.file.close()

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
