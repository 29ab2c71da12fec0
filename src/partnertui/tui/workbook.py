"""The open document: one project, the file it came from, and every edit made to it.

Screens never change the model themselves; they call a Workbook method, which
validates the change, applies it and tells its listeners once. That keeps the
"unsaved" marker, the header and every screen in step, and it keeps the rules of
the file contract in one place instead of in each form.
"""

from __future__ import annotations

import datetime as dt
import enum
import os
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from pydantic import ValidationError

from partnertui import storage
from partnertui.analysis import RoundInfo, references_to, rounds
from partnertui.model import (
    TEAM,
    Action,
    Assessment,
    Contribution,
    Ingredient,
    Partner,
    Project,
    ProjectInfo,
    Role,
    format_loc,
    unique_partner_id,
)
from partnertui.storage import lock as locks
from partnertui.storage import recovery
from partnertui.tui.display import plain


class EditRefused(Exception):
    """An edit the workbook will not make, with a message for the person making it."""


class FormErrors(Exception):
    """Field-level problems with a form's values: ``{field name: plain message}``."""

    def __init__(self, errors: dict[str, str]) -> None:
        super().__init__("; ".join(f"{k}: {v}" for k, v in errors.items()))
        self.errors = errors


def form_errors(error: ValidationError) -> FormErrors:
    """Pydantic's errors as one plain message per form field."""
    errors: dict[str, str] = {}
    for item in error.errors():
        loc = item["loc"]
        name = str(loc[0]) if loc else ""
        message = str(item["msg"]).removeprefix("Value error, ")
        if item["type"] == "string_pattern_mismatch" and name == "currency":
            message = "use a three-letter code such as CAD, USD or EUR"
        elif item["type"] in ("date_type", "date_from_datetime_parsing", "date_parsing"):
            message = "write a date like 2026-09-15"
        elif item["type"] == "missing":
            message = "this is required"
        errors.setdefault(name or format_loc(loc), message)
    return FormErrors(errors)


class DiskState(enum.Enum):
    """How the file on disk compares with what the workbook last read or wrote."""

    SAME = "same"
    CHANGED = "changed"
    MISSING = "missing"


def read_only_reason(path: Path) -> str:
    """Why ``path`` cannot be saved in place, in plain words; empty when it can.

    Saving replaces the file with a new one written beside it, so the folder must
    be writable as well as the file.
    """
    real = Path(os.path.realpath(path))
    if not os.access(real, os.W_OK):
        return f"you are not allowed to change {path.name}"
    if not os.access(real.parent, os.W_OK | os.X_OK):
        return f"you are not allowed to save files in the folder {real.parent}"
    return ""


@dataclass
class Workbook:
    """The project being edited, where it lives on disk, and whether it has unsaved edits."""

    project: Project
    path: Path
    fingerprint: storage.Fingerprint | None = None
    read_only: bool = False
    dirty: bool = False
    version: int = 0
    """Counts edits, so a screen can tell whether what it shows is stale."""
    read_only_why: str = ""
    """Why the project is open read-only, in words that finish "… because …"."""
    lock: locks.Lock | None = None
    """This session's lock on the file, while it has the file open for editing."""
    _listeners: list[Callable[[Workbook], None]] = field(default_factory=list, repr=False)
    _base: Project | None = field(default=None, repr=False)
    _seen: tuple[int, int, int] | None = field(default=None, repr=False)

    def __post_init__(self) -> None:
        self._loaded(self.project, self.fingerprint)

    @classmethod
    def open(cls, path: Path) -> Workbook:
        """Load ``path``; raises :class:`storage.ProjectFileError` with located problems.

        A file or folder this user cannot write opens read-only.
        """
        project, fingerprint = storage.read(path)
        why = read_only_reason(path)
        return cls(
            project=project,
            path=path,
            fingerprint=fingerprint,
            read_only=bool(why),
            read_only_why=why,
        )

    def listen(self, callback: Callable[[Workbook], None]) -> None:
        self._listeners.append(callback)

    def _tell(self) -> None:
        self.version += 1
        for callback in self._listeners:
            callback(self)

    def _changed(self) -> None:
        self.dirty = True
        self._tell()

    def _check_writable(self) -> None:
        if self.read_only:
            raise EditRefused(
                "This project is open read-only, so it cannot be changed here. "
                "Use “Save as” to keep a copy you can edit."
            )

    # -- saving ----------------------------------------------------------------------
    #
    # The workbook remembers the bytes it read or wrote (``fingerprint``) and a copy of
    # that project (``saved``), so that a change someone else makes to the file is
    # noticed before a save could overwrite it, and can be described.

    @property
    def saved(self) -> Project:
        """The project as the file held it when last read or written by this workbook."""
        return self._base if self._base is not None else self.project

    def _loaded(self, project: Project, fingerprint: storage.Fingerprint | None) -> None:
        self.fingerprint = fingerprint
        self._base = project.model_copy(deep=True)
        self._seen = None
        if fingerprint is not None:
            try:
                status = os.stat(self.path)
            except OSError:
                return
            if (status.st_size, status.st_mtime_ns) == (fingerprint.size, fingerprint.mtime_ns):
                self._seen = (status.st_ino, status.st_size, status.st_mtime_ns)

    def save(self) -> Path:
        """Write the project to its file; raises :class:`storage.SaveError` in plain words,
        :class:`storage.ChangedOnDisk` when the file is no longer what was read."""
        if self.read_only:
            raise storage.SaveError(
                self.path,
                f"{self.path} is open read-only ({self.read_only_why}); "
                "use “Save as” to keep a copy you can edit.",
            )
        self._saved(storage.save(self.project, self.path, expected=self.fingerprint))
        return self.path

    def overwrite(self, current: storage.Fingerprint | None) -> Path:
        """Save over a file someone else changed, now that the person has seen it.

        ``current`` is the file as the person was shown it (``None``: it was gone);
        if it changed again since, :class:`storage.ChangedOnDisk` is raised once more.
        """
        self._check_writable()
        if current is None:
            written = storage.save(self.project, self.path, create=True)
        else:
            written = storage.save(self.project, self.path, expected=current)
        self._saved(written)
        return self.path

    def _saved(self, fingerprint: storage.Fingerprint) -> None:
        self._loaded(self.project, fingerprint)
        self.dirty = False
        self.discard_recovery()
        self._tell()

    def reload(self) -> None:
        """Replace the project with the file as it is now, dropping unsaved edits.

        Raises :class:`storage.ProjectFileError` (and changes nothing) when the file
        cannot be opened as it is now.
        """
        project, fingerprint = storage.read(self.path)
        self.project = project
        self._loaded(project, fingerprint)
        self.dirty = False
        self.discard_recovery()
        self._tell()

    def restore(self, project: Project) -> None:
        """Take up unsaved edits found in a recovery file: they are unsaved edits again."""
        self._check_writable()
        self.project = project
        self.discard_recovery()
        self._changed()

    def save_as(self, target: Path, *, replace: bool = False) -> Path:
        """Save the project to ``target`` and work on that file from now on.

        The new file is locked for this session before it is written; the old one's
        lock is let go. ``replace``: the person confirmed that an existing ``target``
        may be overwritten. Raises :class:`storage.SaveError` in plain words.
        """
        try:
            new_lock: locks.Lock | None = locks.acquire(target)
        except locks.LockHeld as held:
            raise storage.SaveError(
                target, f"{held} Choose another place, so that neither of you loses work."
            ) from None
        except OSError:
            new_lock = None  # the save itself will say why the folder cannot be written
        try:
            written = storage.save(self.project, target, create=not replace)
        except BaseException:
            if new_lock is not None:
                new_lock.release()
            raise
        if not self.read_only:
            self.discard_recovery()
        self.close()
        self.path, self.lock = target, new_lock
        self.read_only, self.read_only_why = False, ""
        self._saved(written)
        return target

    def check_disk(self) -> tuple[DiskState, storage.Fingerprint | None]:
        """Whether someone else changed or removed the file, and what it holds now.

        Cheap enough to run every few seconds: the file is only read and hashed when
        its size or modification time moved. A file only touched is still the same.
        """
        try:
            status = os.stat(self.path)
        except FileNotFoundError:
            return DiskState.MISSING, None
        except OSError:
            return DiskState.SAME, None  # cannot tell now; a save still checks the bytes
        key = (status.st_ino, status.st_size, status.st_mtime_ns)
        if key == self._seen:
            return DiskState.SAME, self.fingerprint
        try:
            current = storage.fingerprint(self.path)
        except OSError:
            return DiskState.SAME, None
        if current is None:
            return DiskState.MISSING, None
        if self.fingerprint is not None and current.sha256 == self.fingerprint.sha256:
            self._seen = key
            return DiskState.SAME, current
        return DiskState.CHANGED, current

    # -- recovery and closing --------------------------------------------------------

    def write_recovery(self) -> None:
        """Keep the unsaved edits beside the file; raises ``OSError`` when that fails."""
        if self.dirty and not self.read_only:
            recovery.write(self.path, self.project)

    def discard_recovery(self) -> None:
        """Remove this session's recovery copy; a read-only viewer never touches the
        owner's."""
        if not self.read_only:
            recovery.discard(self.path)

    def close(self) -> None:
        """Let go of the file's lock, if this session still holds it."""
        if self.lock is not None:
            self.lock.release()
            self.lock = None

    # -- the project's details -------------------------------------------------------

    def update_details(self, values: dict[str, Any]) -> None:
        """Replace the ``[project]`` table's fields named in ``values``."""
        self._check_writable()
        data = self.project.project.model_dump()
        data.update(values)
        try:
            info = ProjectInfo.model_validate(data)
        except ValidationError as error:
            raise form_errors(error) from None
        if info.start and info.end and info.end < info.start:
            raise FormErrors({"end": "the project cannot end before it starts"})
        if info == self.project.project:
            return
        self.project.project = info
        self._changed()

    # -- partners --------------------------------------------------------------------

    def _validated_partner(self, data: dict[str, Any]) -> Partner:
        try:
            return Partner.model_validate(data)
        except ValidationError as error:
            raise form_errors(error) from None

    def add_partner(self, values: dict[str, Any]) -> Partner:
        """Add a partner; its id is made from its name and never changes afterwards."""
        self._check_writable()
        taken = {p.id for p in self.project.partners}
        name = str(values.get("name", ""))
        partner = self._validated_partner(
            {**values, "id": unique_partner_id(name, taken) if name.strip() else "x"}
        )
        self.project.partners.append(partner)
        self.project.partners.sort(key=lambda p: p.id)
        self._changed()
        return partner

    def update_partner(self, partner_id: str, values: dict[str, Any]) -> Partner:
        """Change a partner's fields; the id stays, whatever the new name."""
        self._check_writable()
        index = self._partner_index(partner_id)
        current = self.project.partners[index]
        updated = self._validated_partner({**current.model_dump(), **values, "id": current.id})
        if updated != current:
            self.project.partners[index] = updated
            self._changed()
        return updated

    def set_role(self, partner_id: str, role: Role | None) -> None:
        self.update_partner(partner_id, {"role": role})

    def delete_partner(self, partner_id: str, *, delete_actions: bool = False) -> None:
        """Remove a partner and settle what referred to it.

        Its assessment responses go with it (they are its own opinions). Actions it
        owned are deleted when ``delete_actions`` is true, otherwise kept unowned, as
        the person deleting chose.
        """
        self._check_writable()
        index = self._partner_index(partner_id)
        refs = references_to(self.project, partner_id)
        doomed = set(refs.assessments)
        self.project.assessments = [
            a for i, a in enumerate(self.project.assessments) if i not in doomed
        ]
        owned = set(refs.actions)
        if delete_actions:
            self.project.actions = [a for i, a in enumerate(self.project.actions) if i not in owned]
        else:
            for i in owned:
                self.project.actions[i] = self.project.actions[i].model_copy(update={"owner": None})
        del self.project.partners[index]
        self._changed()

    def _partner_index(self, partner_id: str) -> int:
        for i, partner in enumerate(self.project.partners):
            if partner.id == partner_id:
                return i
        raise EditRefused(f"There is no partner with the id “{partner_id}” any more.")

    # -- assessment rounds and scores ------------------------------------------------
    #
    # A round exists in the file only through its responses (``[[assessments]]``
    # entries), so a new round is made together with its first response: an empty one
    # for the respondent chosen with the round. An empty response is valid and saves
    # as its round, date and respondent alone, so a round started but not yet scored
    # survives saving and reopening. Responses for other respondents are started by
    # their first score or note, dated as the round.

    def add_round(self, name: str, date: dt.date | None, respondent: str = TEAM) -> Assessment:
        """Start a round named ``name`` on ``date`` with ``respondent``'s empty response."""
        self._check_writable()
        name = name.strip()
        errors: dict[str, str] = {}
        if not name:
            errors["name"] = "give the round a name, e.g. “Kick-off” or “Six months”"
        elif name in self._round_names():
            errors["name"] = f"there is already a round called “{plain(name)}”"
        if date is None:
            errors["date"] = "write a date like 2026-09-15"
        if not self._is_respondent(respondent):
            errors["respondent"] = "choose the team or one of the partners"
        if errors:
            raise FormErrors(errors)
        response = Assessment(round=name, date=date, respondent=respondent)
        self.project.assessments.append(response)
        self._sort_assessments()
        self._changed()
        return response

    def update_round(self, round_name: str, name: str, date: dt.date | None) -> None:
        """Rename a round and, when ``date`` differs from its date, date all its responses so."""
        self._check_writable()
        info = self._round(round_name)
        name = name.strip()
        errors: dict[str, str] = {}
        if not name:
            errors["name"] = "a round needs a name"
        elif name != round_name and name in self._round_names():
            errors["name"] = f"there is already a round called “{plain(name)}”"
        if date is None:
            errors["date"] = "write a date like 2026-09-15"
        if errors:
            raise FormErrors(errors)
        if name == round_name and date == info.date:
            return
        self.project.assessments = [
            a.model_copy(update={"round": name, "date": a.date if date == info.date else date})
            if a.round == round_name
            else a
            for a in self.project.assessments
        ]
        self._sort_assessments()
        self._changed()

    def set_score(
        self, round_name: str, respondent: str, ingredient: Ingredient | str, score: int | None
    ) -> None:
        """Score one ingredient 1–5 for one respondent, or clear it with ``None``."""
        self._check_writable()
        key = self._ingredient(ingredient)
        if score is not None and (
            not isinstance(score, int) or isinstance(score, bool) or not 1 <= score <= 5
        ):
            raise EditRefused("Scores run from 1 (absent) to 5 (strong).")
        self._edit_response(round_name, respondent, "scores", key, score)

    def set_note(
        self, round_name: str, respondent: str, ingredient: Ingredient | str, note: str
    ) -> None:
        """Keep a respondent's note on one ingredient; a blank note removes it."""
        self._check_writable()
        self._edit_response(round_name, respondent, "notes", self._ingredient(ingredient), note)

    def remove_response(self, round_name: str, respondent: str) -> None:
        """Delete one respondent's scores and notes in a round (the round goes with its last)."""
        self._check_writable()
        index = self._response_index(round_name, respondent)
        if index is None:
            raise EditRefused("That response is not in the project any more.")
        del self.project.assessments[index]
        self._changed()

    def remove_round(self, round_name: str) -> None:
        """Delete a round with every response to it."""
        self._check_writable()
        self._round(round_name)
        self.project.assessments = [a for a in self.project.assessments if a.round != round_name]
        self._changed()

    def _edit_response(
        self, round_name: str, respondent: str, table: str, key: Ingredient, value: object
    ) -> None:
        """Set or clear (``None`` or blank) one score or note, starting the response if needed."""
        if isinstance(value, str):
            value = value.strip()
        index = self._response_index(round_name, respondent)
        if index is None:
            if value is None or value == "":
                return
            info = self._round(round_name)
            if not self._is_respondent(respondent):
                raise EditRefused(f"“{plain(respondent)}” is not a partner any more.")
            current = Assessment(round=round_name, date=info.date, respondent=respondent)
        else:
            current = self.project.assessments[index]
        entries = dict(getattr(current, table))
        if value is None or value == "":
            entries.pop(key, None)
        else:
            entries[key] = value
        updated = Assessment.model_validate({**current.model_dump(), table: entries})
        if updated == current:
            return
        if index is None:
            self.project.assessments.append(updated)
            self._sort_assessments()
        else:
            self.project.assessments[index] = updated
        self._changed()

    def _round_names(self) -> set[str]:
        return {a.round for a in self.project.assessments}

    def _round(self, round_name: str) -> RoundInfo:
        for info in rounds(self.project):
            if info.name == round_name:
                return info
        raise EditRefused(f"There is no round called “{plain(round_name)}” any more.")

    def _response_index(self, round_name: str, respondent: str) -> int | None:
        for i, a in enumerate(self.project.assessments):
            if a.round == round_name and a.respondent == respondent:
                return i
        return None

    def _is_respondent(self, respondent: str) -> bool:
        return respondent == TEAM or self.project.partner(respondent) is not None

    def _sort_assessments(self) -> None:
        self.project.assessments.sort(key=lambda a: (a.date, a.round, a.respondent))

    @staticmethod
    def _ingredient(value: Ingredient | str) -> Ingredient:
        try:
            return Ingredient(value)
        except ValueError:
            message = f"“{plain(str(value))}” is not one of the eleven ingredients."
            raise EditRefused(message) from None

    # -- actions ---------------------------------------------------------------------

    def add_action(self, values: dict[str, Any]) -> Action:
        """Add an action at the end of the list (actions keep the order people give them)."""
        self._check_writable()
        action = self._validated_action(values)
        self.project.actions.append(action)
        self._changed()
        return action

    def update_action(self, index: int, values: dict[str, Any]) -> Action:
        """Change the fields of the action at ``index`` named in ``values``."""
        self._check_writable()
        current = self._action(index)
        updated = self._validated_action({**current.model_dump(), **values})
        if updated != current:
            self.project.actions[index] = updated
            self._changed()
        return updated

    def set_action_done(self, index: int, done: bool) -> None:
        self._check_writable()
        if self._action(index).done != done:
            self.project.actions[index] = self._action(index).model_copy(update={"done": done})
            self._changed()

    def delete_action(self, index: int) -> None:
        self._check_writable()
        self._action(index)
        del self.project.actions[index]
        self._changed()

    def _action(self, index: int) -> Action:
        if not 0 <= index < len(self.project.actions):
            raise EditRefused("That action is not in the project any more.")
        return self.project.actions[index]

    def _validated_action(self, data: dict[str, Any]) -> Action:
        try:
            action = Action.model_validate(data)
        except ValidationError as error:
            raise form_errors(error) from None
        if action.owner is not None and self.project.partner(action.owner) is None:
            raise FormErrors({"owner": "choose one of the project's partners, or nobody yet"})
        return action

    # -- roles, responsibilities and contributions ---------------------------------

    def add_responsibility(self, partner_id: str, text: str) -> str:
        """Add one line to what the partner has agreed to do; returns it as stored."""
        self._check_writable()
        partner = self._partner(partner_id)
        text = self._responsibility(partner, text, None)
        self.update_partner(partner_id, {"responsibilities": [*partner.responsibilities, text]})
        return text

    def update_responsibility(self, partner_id: str, index: int, text: str) -> str:
        """Reword the partner's ``index``-th responsibility, keeping its place in the list."""
        self._check_writable()
        partner = self._partner(partner_id)
        self._item(partner.responsibilities, index, "responsibility")
        text = self._responsibility(partner, text, index)
        duties = list(partner.responsibilities)
        duties[index] = text
        self.update_partner(partner_id, {"responsibilities": duties})
        return text

    def remove_responsibility(self, partner_id: str, index: int) -> None:
        self._check_writable()
        partner = self._partner(partner_id)
        self._item(partner.responsibilities, index, "responsibility")
        duties = [d for i, d in enumerate(partner.responsibilities) if i != index]
        self.update_partner(partner_id, {"responsibilities": duties})

    def add_contribution(self, partner_id: str, values: dict[str, Any]) -> Contribution:
        """Record something the partner gives: ``kind``, ``description``, ``value``."""
        self._check_writable()
        partner = self._partner(partner_id)
        gift = self._contribution(values)
        self.update_partner(partner_id, {"contributions": [*partner.contributions, gift]})
        return gift

    def update_contribution(
        self, partner_id: str, index: int, values: dict[str, Any]
    ) -> Contribution:
        self._check_writable()
        partner = self._partner(partner_id)
        current = self._item(partner.contributions, index, "contribution")
        gift = self._contribution({**current.model_dump(), **values})
        gifts = list(partner.contributions)
        gifts[index] = gift
        self.update_partner(partner_id, {"contributions": gifts})
        return gift

    def remove_contribution(self, partner_id: str, index: int) -> None:
        self._check_writable()
        partner = self._partner(partner_id)
        self._item(partner.contributions, index, "contribution")
        gifts = [g for i, g in enumerate(partner.contributions) if i != index]
        self.update_partner(partner_id, {"contributions": gifts})

    def _partner(self, partner_id: str) -> Partner:
        return self.project.partners[self._partner_index(partner_id)]

    @staticmethod
    def _item(items: list, index: int, noun: str) -> Any:
        # The list may have changed under an open dialog (a reload, another edit).
        if not 0 <= index < len(items):
            raise EditRefused(f"That {noun} is not in the list any more.")
        return items[index]

    @staticmethod
    def _responsibility(partner: Partner, text: str, index: int | None) -> str:
        """``text`` trimmed, refused when blank or already listed (the file keeps no repeats)."""
        text = text.strip()
        if not text:
            raise FormErrors({"text": "write what this partner will do"})
        if any(d == text for i, d in enumerate(partner.responsibilities) if i != index):
            raise FormErrors({"text": "this responsibility is already listed"})
        return text

    @staticmethod
    def _contribution(values: dict[str, Any]) -> Contribution:
        data = dict(values)
        if isinstance(data.get("description"), str):
            data["description"] = data["description"].strip()
        try:
            return Contribution.model_validate(data)
        except ValidationError as error:
            errors = form_errors(error).errors
        if "value" in errors:
            errors["value"] = "write an amount of zero or more, or leave it blank"
        raise FormErrors(errors)
