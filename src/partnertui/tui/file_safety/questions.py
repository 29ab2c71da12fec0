"""The questions that keep work safe on a shared server.

Each is a :class:`ChoiceDialog` with its own wording: the file changed or vanished
on disk, someone else has it open, or unsaved edits from an earlier session were
found. Also the forms that name a file: "Save as", the way out of every one of
them, and a new project's (the one way a project file is made in the workbook).
The decisions are :mod:`.flow`'s and :mod:`.opening`'s; these only ask, in plain
words, showing what differs.
"""

from __future__ import annotations

import datetime as dt
import os
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import NamedTuple

from rich.text import Text

from partnertui import storage
from partnertui.model import Project, new_project
from partnertui.storage import lock as locks
from partnertui.storage import recovery
from partnertui.storage.session import OpenFile
from partnertui.tui.display import plain
from partnertui.tui.widgets.dialogs import ChoiceDialog
from partnertui.tui.widgets.form import FormDialog, FormField, WarnedOnce
from partnertui.tui.workbook import EditRefused, FormErrors
from partnertui.typed_paths import PathCompletion, new_file


def _listed(body: Text, heading: str, lines: Sequence[str], empty: str) -> None:
    body.append(f"\n\n{heading}", style="bold")
    for line in lines or [empty]:
        body.append("\n • " + plain(line))


class ChangedOnDiskDialog(ChoiceDialog):
    """The file was changed by someone else while open; answers: ``elsewhere``,
    ``reload``, ``keep`` or ``None``."""

    def __init__(self, path: Path, theirs: Sequence[str] | str, mine: Sequence[str]) -> None:
        body = Text(
            "Since you opened it, another person or program (an editor, git pull) "
            "changed the file. Nothing has been overwritten."
        )
        if isinstance(theirs, str):
            body.append("\n\nThe file on disk now has problems: ", style="bold")
            body.append(plain(theirs))
        else:
            _listed(body, "Changed on disk:", theirs, "only its layout")
        if mine:
            _listed(body, "Your unsaved edits:", mine, "")
        choices = [
            ("e", "elsewhere", "Save elsewhere", "primary"),
            ("r", "reload", "Reload theirs", "warning"),
            ("k", "keep", "Keep mine", "error"),
            ("c", "cancel", "Not now", "default"),
        ]
        super().__init__(f"{plain(path.name)} was changed on disk", body, choices)


class MissingOnDiskDialog(ChoiceDialog):
    """The file was deleted or moved while open; answers: ``here``, ``elsewhere``, ``None``."""

    def __init__(self, path: Path, dirty: bool) -> None:
        body = Text(
            f"{plain(str(path))} is not there any more: someone deleted, moved or renamed "
            "it (perhaps git switched branches). "
        )
        body.append(
            "Your unsaved edits are still here." if dirty else "The project is still open here."
        )
        body.append(" Save it where it was, or somewhere else.")
        choices = [
            ("s", "here", "Save it here again", "primary"),
            ("e", "elsewhere", "Save elsewhere", "default"),
            ("c", "cancel", "Not now", "default"),
        ]
        super().__init__(f"{plain(path.name)} was deleted or moved", body, choices)


class LockHeldDialog(ChoiceDialog):
    """Someone else has the file open; answers: ``read_only``, ``take_over``, ``None``."""

    def __init__(self, path: Path, owner: locks.Owner | None) -> None:
        who = plain(owner.describe()) if owner else "someone (their lock file cannot be read)"
        body = Text(f"{plain(str(path))} is open for editing by {who}.\n\n")
        body.append(
            "If you both change it, one of you would have to redo their work. Open it "
            "read-only to look (you can still save a copy), take it over if you know "
            "that session is no longer used, or cancel."
        )
        choices = [
            ("r", "read_only", "Open read-only", "primary"),
            ("t", "take_over", "Take over", "error"),
            ("c", "cancel", "Cancel", "default"),
        ]
        super().__init__(f"{plain(path.name)} is already open", body, choices)


class RecoveryDialog(ChoiceDialog):
    """Unsaved edits from a session that ended were found; answers: ``restore``,
    ``discard``, ``None`` (leave them for later, and quit or, with ``back``, go back to
    the list of files)."""

    def __init__(
        self,
        path: Path,
        found: recovery.Recovered,
        changes: Sequence[str],
        *,
        back: bool = False,
    ) -> None:
        written = dt.datetime.fromtimestamp(found.written_ns / 1e9).strftime("%Y-%m-%d %H:%M")
        whose = f" ({plain(found.owner.describe())})" if found.owner is not None else ""
        body = Text(
            f"A session{whose} ended without saving {plain(path.name)}; partnertui kept "
            f"its unsaved edits (last kept {written})."
        )
        _listed(body, "The kept edits:", changes, "only the file's layout")
        if found.saved_after:
            body.append(
                "\n\n⚠ The file was saved again after these edits were kept. Restoring "
                "them and saving would replace those later changes.",
                style="bold",
            )
        choices = [
            ("r", "restore", "Restore the edits", "primary"),
            ("d", "discard", "Discard them", "error"),
            ("c", "cancel", "Back, decide later" if back else "Quit, decide later", "default"),
        ]
        super().__init__("Restore unsaved edits?", body, choices)


class TakenOverDialog(ChoiceDialog):
    """Someone took the file over from this session; answers: ``elsewhere``, ``here``,
    ``None``."""

    def __init__(self, path: Path, owner: locks.Owner | None) -> None:
        who = plain(owner.describe()) if owner else "Someone else"
        body = Text(
            f"{who} took {plain(path.name)} over while you had it open, so you no longer "
            "hold it. Saving here now could replace what they do next. Save your edits "
            "elsewhere to keep both, or save here if you have agreed with them."
        )
        choices = [
            ("e", "elsewhere", "Save elsewhere", "primary"),
            ("s", "here", "Save here anyway", "error"),
            ("c", "cancel", "Not now", "default"),
        ]
        super().__init__(f"Someone else holds {plain(path.name)} now", body, choices)


def quit_question(path: Path) -> ChoiceDialog:
    """Quitting with unsaved edits; answers: ``save``, ``discard``, ``None``."""
    return ChoiceDialog(
        "Save your changes before quitting?",
        f"{plain(path.name)} has changes that are not saved yet.",
        [
            ("s", "save", "Save", "primary"),
            ("d", "discard", "Discard", "error"),
            ("c", "cancel", "Cancel", "default"),
        ],
    )


def take_over_question(path: Path, owner: locks.Owner | None) -> ChoiceDialog:
    """Confirm taking a file from someone who may still be working on it."""
    who = plain(owner.describe()) if owner else "someone"
    body = Text(
        f"{who} may still be working on {plain(path.name)}. If they are, they are told "
        "at once that you took it over, and their next save stops and asks them first; "
        "their unsaved edits stay in a recovery copy of their own. One of you may still "
        "have to combine the changes by hand. Take it over only if you are sure that "
        "session is no longer used."
    )
    return ChoiceDialog(
        "Take the file over?",
        body,
        [("n", "no", "Cancel", "default"), ("y", "yes", "Take over", "error")],
    )


def shown_path(path: Path) -> str:
    """``path`` as short as it can be said: relative to the current folder when inside it."""
    relative = os.path.relpath(path)
    return relative if not relative.startswith("..") else str(path)


def save_as_dialog(file: OpenFile, save: Callable[[Path, bool], None]) -> FormDialog:
    """Ask where to save a copy of ``file``, then ``save(target, replace)`` there (and
    work on it); an existing file is replaced only when the person saves to the same
    name a second time."""
    replacing = WarnedOnce()

    def submit(values: dict) -> Path:
        try:
            target, exists = file.save_as_target(str(values["path"]))
        except ValueError as refused:
            raise FormErrors({"path": str(refused)}) from None
        if exists:
            replacing.replacing(target, "path")
        try:
            save(target, exists)
        except storage.SaveError as error:
            raise FormErrors({"path": plain(str(error))}) from None
        return target

    return FormDialog(
        "Save as: a copy you can edit (the workbook then works on the copy)",
        [
            FormField(
                "path",
                "File",
                "path",
                shown_path(file.suggested_copy()),
                completion=PathCompletion(suffixes=(".toml",)),
            )
        ],
        submit,
        save_label="Save",
    )


class Created(NamedTuple):
    """A new project file, made and open (not yet locked), and the project in it."""

    file: OpenFile
    project: Project


def new_project_dialog(*, path: Path | None = None, folder: Path | None = None) -> FormDialog:
    """Ask for a new project's name and make its file; dismisses with :class:`Created`.

    The file is ``path`` (named on the command line, and not there yet), or a name
    the person gives, taken in ``folder`` (the list of projects there).
    """
    fields = []
    if path is None:
        fields.append(
            FormField(
                "file",
                "File name",
                "path",
                placeholder="e.g. safe-walk.toml",
                completion=PathCompletion((folder or Path.cwd(),), suffixes=(".toml",)),
            )
        )
    fields += [
        FormField("name", "Project name", placeholder="e.g. Riverside Safe Walk"),
        FormField("lead_organization", "Lead organization", placeholder="optional"),
    ]

    def create(values: dict) -> Created:
        errors = {}
        target = path
        if target is None:
            try:
                target = new_file(values["file"], folder or Path.cwd())
            except ValueError as why:
                errors["file"] = str(why)
        name = values["name"].strip()
        if not name:
            errors["name"] = "give the project a name"
        if errors:
            raise FormErrors(errors)
        project = new_project(name, values["lead_organization"].strip())
        try:
            return Created(OpenFile.create(target, project), project)
        except storage.SaveError as error:
            if path is None:
                raise FormErrors({"file": plain(str(error))}) from None
            raise EditRefused(plain(str(error))) from None

    if path is None:
        title = "Start a new project"
    else:
        title = f"{path} does not exist yet. Create a new project there?"
    return FormDialog(title, fields, create, save_label="Create")


def cannot_create(path: Path, why: str) -> ChoiceDialog:
    """``path`` does not exist, and no project can be made there either (``why``)."""
    body = Text(f"{plain(why[:1].upper() + why[1:])}. Check the path, or make the folder first.")
    return ChoiceDialog(f"Cannot open {plain(str(path))}", body, [("q", "quit", "Quit", "primary")])
