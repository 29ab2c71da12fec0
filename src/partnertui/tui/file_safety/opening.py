"""Opening a project file: from a path, or the list of them, to the workbook on screen.

On the way there, a file that does not exist is offered to be made (unless its
folder does not exist either: nothing can be made there), one that does not read
shows its problems, someone else's lock is asked about, and unsaved edits a
session left behind are offered back. What is read and written goes through the
open file (:class:`~partnertui.storage.session.OpenFile`); once the file is safely
open, :class:`~.flow.FileSafety` shows the workbook and watches the file.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from partnertui import storage
from partnertui.model import Project
from partnertui.storage import lock as locks
from partnertui.storage import recovery
from partnertui.storage.session import OpenFile
from partnertui.tui.display import plain

if TYPE_CHECKING:
    from partnertui.tui.file_safety.flow import FileSafety
    from partnertui.tui.file_safety.questions import Created

NO_SUCH_PATH = 2
"""The exit status for a path that can be neither opened nor made, as the command
line gives it for a path it cannot use."""


class Opening:
    """The questions asked while a file is opened, for the flow that watches it after."""

    def __init__(self, safety: FileSafety) -> None:
        self.safety = safety
        self.app = safety.app
        self.listed_in: Path | None = None
        """The folder whose list the file was chosen from: a question about it that is
        cancelled goes back to that list instead of ending the workbook."""

    def notify(self, message: str, **options: object) -> None:
        self.safety.notify(message, **options)

    # -- which file ----------------------------------------------------------------

    def choose(self, folder: Path, selected: Path | None = None) -> None:
        """List the project files in ``folder`` to open one, or make a new one there."""
        from partnertui.tui.file_safety.questions import Created
        from partnertui.tui.screens.picker import PickerScreen

        def chosen(choice: Path | Created | None) -> None:
            if choice is None:
                self.app.exit(0)
            elif isinstance(choice, Created):
                self._created(choice)
            else:
                self.open(choice, listed_in=folder)

        self.app.push_screen(PickerScreen(folder, selected), chosen)

    def open(self, path: Path, *, listed_in: Path | None = None) -> None:
        """Open ``path``, or say why it cannot be opened.

        ``listed_in``: the folder whose list it was chosen from; leaving the file's
        problems goes back to that list instead of ending the workbook.
        """
        self.listed_in = listed_in
        if not OpenFile.exists(path):
            self._offer_to_create(path)
            return
        try:
            file, project = OpenFile.open(path)
        except storage.ProjectFileError as error:
            self._show_problems(path, error.problems)
            return
        self._opened(file, project)

    def _opened(self, file: OpenFile, project: Project) -> None:
        if file.read_only:
            self.safety.start(file, project)
        else:
            self._lock_then_start(file, project)

    def _show_problems(self, path: Path, problems: list[storage.Problem]) -> None:
        from partnertui.tui.screens.problems import ProblemsScreen

        def closed(opened: tuple[OpenFile, Project] | None) -> None:
            if opened is not None:
                self._opened(*opened)
            else:
                self._back_or_end(path, status=1)

        self.app.push_screen(ProblemsScreen(path, problems, lambda: OpenFile.open(path)), closed)

    # -- a new file ----------------------------------------------------------------

    def _offer_to_create(self, path: Path) -> None:
        from partnertui.tui.file_safety.questions import cannot_create, new_project_dialog

        why = OpenFile.cannot_create(path)
        if why:
            self.app.push_screen(cannot_create(path, why), lambda _: self.app.exit(NO_SUCH_PATH))
            return

        def created(made: Created | None) -> None:
            if made is None:
                self.app.exit(0)
            else:
                self._created(made)

        self.app.push_screen(new_project_dialog(path=path), created)

    def _created(self, made: Created) -> None:
        self.notify(f"Created {plain(str(made.file.path))}", title="New project")
        self._lock_then_start(made.file, made.project)

    # -- someone else's lock -------------------------------------------------------

    def _lock_then_start(
        self, file: OpenFile, project: Project, *, take_over: bool = False
    ) -> None:
        """Lock the file for this session, asking what to do when someone else has it."""
        self.safety.hold(file)
        name = plain(file.path.name)
        try:
            file.take_lock(take_over=take_over)
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
                self._lock_then_start(file, project, take_over=True)
            else:
                self._ask_about_lock(file, project, held.owner)
            return
        except OSError as error:
            self.notify(
                f"Could not mark {name} as open ({error.strerror or error}), so others who "
                "open it will not be warned that you are editing it.",
                title="No lock",
                severity="warning",
            )
        self._offer_recovery_then_start(file, project)

    def _ask_about_lock(self, file: OpenFile, project: Project, owner: locks.Owner | None) -> None:
        from partnertui.tui.file_safety.questions import LockHeldDialog, take_over_question

        def answer(choice: str | None) -> None:
            if choice == "read_only":
                who = owner.user if owner else "someone"
                file.open_read_only(f"{who} has it open for editing")
                self.safety.start(file, project)
            elif choice == "take_over":
                self.app.push_screen(take_over_question(file.path, owner), sure)
            else:
                self._cancelled(file)

        def sure(choice: str | None) -> None:
            if choice == "yes":
                self._lock_then_start(file, project, take_over=True)
            else:
                self._ask_about_lock(file, project, owner)

        self.app.push_screen(LockHeldDialog(file.path, owner), answer)

    # -- edits a session left behind -----------------------------------------------

    def _offer_recovery_then_start(self, file: OpenFile, project: Project) -> None:
        """Offer unsaved edits sessions that ended left behind, then open the workbook."""
        try:
            findings = file.find_recovery(project)
        except OSError as error:
            self.safety.start(file, project)
            self.notify(
                f"Could not look for unsaved edits of {plain(file.path.name)} "
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
            self.safety.start(file, project)
            return
        changes = recovery.differences(project, found.project)
        back = self.listed_in is not None
        from partnertui.tui.file_safety.questions import RecoveryDialog
        from partnertui.tui.widgets.dialogs import confirm

        def answer(choice: str | None) -> None:
            if choice == "restore":
                file.discard_found_recovery(found)
                workbook = self.safety.start(file, project)
                workbook.replace_project(found.project, saved=False)
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
                self._cancelled(file)

        def discard(choice: str | None) -> None:
            if choice != "yes":
                self.app.push_screen(RecoveryDialog(file.path, found, changes, back=back), answer)
                return
            file.discard_found_recovery(found)
            self.notify("The unsaved edits were discarded.", title="Edits discarded")
            self._offer_recovery_then_start(file, project)  # another session's, if any

        self.app.push_screen(RecoveryDialog(file.path, found, changes, back=back), answer)

    # -- not now ---------------------------------------------------------------------

    def _cancelled(self, file: OpenFile) -> None:
        """A question about opening ``file`` was put off: its lock (if taken) is given
        back, and the person is where :meth:`_back_or_end` takes them."""
        file.close()
        self.safety.let_go(file)
        self._back_or_end(file.path, status=0)

    def _back_or_end(self, path: Path, *, status: int) -> None:
        """Back to the list ``path`` was chosen from, on it; or, when it was named on
        the command line, the workbook ends with ``status``."""
        if self.listed_in is None:
            self.app.exit(status)
        else:
            self.choose(self.listed_in, selected=path)
