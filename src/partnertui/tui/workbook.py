"""The open document: one project, the file it came from, and every edit made to it.

Screens never change the model themselves; they call a Workbook method, which
validates the change, applies it and tells its listeners once. That keeps the
"unsaved" marker, the header and every screen in step, and it keeps the rules of
the file contract in one place instead of in each form.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from pydantic import ValidationError

from partnertui import storage
from partnertui.analysis import references_to
from partnertui.model import (
    Partner,
    Project,
    ProjectInfo,
    Role,
    format_loc,
    unique_partner_id,
)


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
    """The project being edited, where it lives on disk, and whether it has unsaved edits."""

    project: Project
    path: Path
    fingerprint: storage.Fingerprint | None = None
    read_only: bool = False
    dirty: bool = False
    version: int = 0
    """Counts edits, so a screen can tell whether what it shows is stale."""
    _listeners: list[Callable[[Workbook], None]] = field(default_factory=list, repr=False)

    @classmethod
    def open(cls, path: Path) -> Workbook:
        """Load ``path``; raises :class:`storage.ProjectFileError` with located problems."""
        project, fingerprint = storage.read(path)
        return cls(project=project, path=path, fingerprint=fingerprint)

    def listen(self, callback: Callable[[Workbook], None]) -> None:
        self._listeners.append(callback)

    def _changed(self) -> None:
        self.dirty = True
        self.version += 1
        for callback in self._listeners:
            callback(self)

    def _check_writable(self) -> None:
        if self.read_only:
            raise EditRefused(
                "This project is open read-only, so it cannot be changed here. "
                "Use “Save as” to keep a copy you can edit."
            )

    # -- saving ----------------------------------------------------------------------

    def save(self) -> Path:
        """Write the project to its file; raises :class:`storage.SaveError` in plain words."""
        self.fingerprint = storage.save(self.project, self.path, expected=self.fingerprint)
        self.dirty = False
        self.version += 1
        for callback in self._listeners:
            callback(self)
        return self.path

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
