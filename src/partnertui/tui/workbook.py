"""The open document: one project, the file it came from, and every edit made to it.

Screens never change the model themselves; they call a Workbook method, which
validates the change, applies it and tells its listeners once. That keeps the
"unsaved" marker, the header and every screen in step, and it keeps the rules of
the file contract in one place instead of in each form.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from pydantic import ValidationError

from partnertui import storage
from partnertui.analysis import Figures, references_to
from partnertui.model import (
    MAX_CONTRIBUTION,
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
from partnertui.storage.session import OpenFile
from partnertui.tui.display import plain

if TYPE_CHECKING:
    from partnertui.analysis.assessments import RoundInfo


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


@dataclass
class Workbook:
    """The project being edited, the file it lives in, and whether it has unsaved edits.

    An edit replaces the pieces it changes (a partner, an action, the details) and
    never changes a piece in place. So a partner nobody touched is the very same
    object as before, which lets screens redraw only what changed, and a snapshot
    of the project's lists (:meth:`Project.snapshot`) is a faithful copy of it.
    """

    project: Project
    file: OpenFile
    dirty: bool = False
    version: int = 0
    """Counts changes of the project, so a screen can tell whether what it shows is stale."""
    _listeners: list[Callable[[Workbook], None]] = field(default_factory=list, repr=False)
    _figures: tuple[int, Figures] | None = field(default=None, repr=False)

    @classmethod
    def open(cls, path: Path) -> Workbook:
        """Load ``path``; raises :class:`storage.ProjectFileError` with located problems.

        A file or folder this user cannot write opens read-only.
        """
        file, project = OpenFile.open(path)
        return cls(project, file)

    @property
    def path(self) -> Path:
        return self.file.path

    @property
    def read_only(self) -> bool:
        return self.file.read_only

    @property
    def figures(self) -> Figures:
        """Every figure shown for the project as it is now, each worked out once."""
        if self._figures is None or self._figures[0] != self.version:
            previous = self._figures[1] if self._figures is not None else None
            self._figures = (self.version, Figures(self.project, previous))
        return self._figures[1]

    def listen(self, callback: Callable[[Workbook], None]) -> None:
        self._listeners.append(callback)

    def _tell(self) -> None:
        self.version += 1
        for callback in self._listeners:
            callback(self)

    def _changed(self, **parts: Any) -> None:
        """Put ``parts`` (new lists, new details) in place: the one way an edit lands."""
        for name, value in parts.items():
            if isinstance(value, list):
                getattr(self.project, name)[:] = value
            else:
                setattr(self.project, name, value)
        self.dirty = True
        self._tell()

    def _check_writable(self) -> None:
        if self.read_only:
            raise EditRefused(
                "This project is open read-only, so it cannot be changed here. "
                "Use “Save as” to keep a copy you can edit."
            )

    # -- the file ----------------------------------------------------------------------
    #
    # What happens on disk is the open file's (storage.session); these say what it
    # means for the project being edited.

    def save(self, *, despite_take_over: bool = False) -> Path:
        """Write the project to its file; raises :class:`storage.SaveError` in plain words
        (see :meth:`OpenFile.save`)."""
        self.file.save(self.project, despite_take_over=despite_take_over)
        self._clean()
        return self.path

    def overwrite(self, current: storage.Fingerprint | None) -> Path:
        """Save over a file someone else changed, now that the person has seen it
        (see :meth:`OpenFile.overwrite`)."""
        self._check_writable()
        self.file.overwrite(self.project, current)
        self._clean()
        return self.path

    def save_as(self, target: Path, *, replace: bool = False) -> Path:
        """Save the project to ``target`` and work on that file from now on
        (see :meth:`OpenFile.save_as`)."""
        self.file.save_as(self.project, target, replace=replace)
        self._clean()
        return target

    def reload(self) -> None:
        """Replace the project with the file as it is now, dropping unsaved edits.

        Raises :class:`storage.ProjectFileError` (and changes nothing) when the file
        cannot be opened as it is now.
        """
        self.project = self.file.reload()
        self._clean()

    def restore(self, project: Project) -> None:
        """Take up unsaved edits found in a recovery file: they are unsaved edits again."""
        self._check_writable()
        self.project = project
        self.dirty = True
        self._tell()

    def write_recovery(self) -> None:
        """Keep the unsaved edits beside the file; raises ``OSError`` when that fails."""
        if self.dirty:
            self.file.write_recovery(self.project)

    def _clean(self) -> None:
        self.dirty = False
        self._tell()

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
        self._changed(project=info)

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
        self._changed(partners=sorted([*self.project.partners, partner], key=_by_id))
        return partner

    def update_partner(self, partner_id: str, values: dict[str, Any]) -> Partner:
        """Change a partner's fields; the id stays, whatever the new name."""
        self._check_writable()
        index = self._partner_index(partner_id)
        current = self.project.partners[index]
        updated = self._validated_partner({**current.model_dump(), **values, "id": current.id})
        if updated != current:
            partners = list(self.project.partners)
            partners[index] = updated
            self._changed(partners=partners)
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
        assessments = [a for i, a in enumerate(self.project.assessments) if i not in doomed]
        owned = set(refs.actions)
        if delete_actions:
            actions = [a for i, a in enumerate(self.project.actions) if i not in owned]
        else:
            actions = [
                a.model_copy(update={"owner": None}) if i in owned else a
                for i, a in enumerate(self.project.actions)
            ]
        partners = [p for i, p in enumerate(self.project.partners) if i != index]
        self._changed(partners=partners, assessments=assessments, actions=actions)

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
        self._changed(assessments=_in_file_order([*self.project.assessments, response]))
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
        assessments = [
            a.model_copy(update={"round": name, "date": a.date if date == info.date else date})
            if a.round == round_name
            else a
            for a in self.project.assessments
        ]
        self._changed(assessments=_in_file_order(assessments))

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
        assessments = [a for i, a in enumerate(self.project.assessments) if i != index]
        self._changed(assessments=assessments)

    def remove_round(self, round_name: str) -> None:
        """Delete a round with every response to it."""
        self._check_writable()
        self._round(round_name)
        assessments = [a for a in self.project.assessments if a.round != round_name]
        self._changed(assessments=assessments)

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
            assessments = _in_file_order([*self.project.assessments, updated])
        else:
            assessments = list(self.project.assessments)
            assessments[index] = updated
        self._changed(assessments=assessments)

    def _round_names(self) -> set[str]:
        return {a.round for a in self.project.assessments}

    def _round(self, round_name: str) -> RoundInfo:
        info = self.figures.round_info(round_name)
        if info is None:
            raise EditRefused(f"There is no round called “{plain(round_name)}” any more.")
        return info

    def _response_index(self, round_name: str, respondent: str) -> int | None:
        for i, a in enumerate(self.project.assessments):
            if a.round == round_name and a.respondent == respondent:
                return i
        return None

    def _is_respondent(self, respondent: str) -> bool:
        return respondent == TEAM or self.project.partner(respondent) is not None

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
        self._changed(actions=[*self.project.actions, action])
        return action

    def update_action(self, index: int, values: dict[str, Any]) -> Action:
        """Change the fields of the action at ``index`` named in ``values``."""
        self._check_writable()
        current = self._action(index)
        updated = self._validated_action({**current.model_dump(), **values})
        if updated != current:
            self._replace_action(index, updated)
        return updated

    def set_action_done(self, index: int, done: bool) -> None:
        self._check_writable()
        if self._action(index).done != done:
            self._replace_action(index, self._action(index).model_copy(update={"done": done}))

    def delete_action(self, index: int) -> None:
        self._check_writable()
        self._action(index)
        self._changed(actions=[a for i, a in enumerate(self.project.actions) if i != index])

    def _replace_action(self, index: int, action: Action) -> None:
        actions = list(self.project.actions)
        actions[index] = action
        self._changed(actions=actions)

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
        responsibilities = list(partner.responsibilities)
        responsibilities[index] = text
        self.update_partner(partner_id, {"responsibilities": responsibilities})
        return text

    def remove_responsibility(self, partner_id: str, index: int) -> None:
        self._check_writable()
        partner = self._partner(partner_id)
        self._item(partner.responsibilities, index, "responsibility")
        responsibilities = [r for i, r in enumerate(partner.responsibilities) if i != index]
        self.update_partner(partner_id, {"responsibilities": responsibilities})

    def add_contribution(self, partner_id: str, values: dict[str, Any]) -> Contribution:
        """Record something the partner gives: ``kind``, ``description``, ``value``."""
        self._check_writable()
        partner = self._partner(partner_id)
        contribution = self._contribution(values)
        contributions = [*partner.contributions, contribution]
        self.update_partner(partner_id, {"contributions": contributions})
        return contribution

    def update_contribution(
        self, partner_id: str, index: int, values: dict[str, Any]
    ) -> Contribution:
        self._check_writable()
        partner = self._partner(partner_id)
        current = self._item(partner.contributions, index, "contribution")
        contribution = self._contribution({**current.model_dump(), **values})
        contributions = list(partner.contributions)
        contributions[index] = contribution
        self.update_partner(partner_id, {"contributions": contributions})
        return contribution

    def remove_contribution(self, partner_id: str, index: int) -> None:
        self._check_writable()
        partner = self._partner(partner_id)
        self._item(partner.contributions, index, "contribution")
        contributions = [c for i, c in enumerate(partner.contributions) if i != index]
        self.update_partner(partner_id, {"contributions": contributions})

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
        if any(r == text for i, r in enumerate(partner.responsibilities) if i != index):
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
            errors["value"] = f"write an amount from 0 to {MAX_CONTRIBUTION:,}, or leave it blank"
        raise FormErrors(errors)


def _by_id(partner: Partner) -> str:
    return partner.id


def _in_file_order(assessments: list[Assessment]) -> list[Assessment]:
    """Responses in the order the file keeps them: by date, round, then respondent."""
    return sorted(assessments, key=lambda a: (a.date, a.round, a.respondent))
