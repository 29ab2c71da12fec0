"""The open document: one project, every edit made to it, and which of them are saved.

Screens never change the model themselves; they call a Workbook method, which
validates the change, applies it and tells its listeners once. That keeps the
"unsaved" marker, the header and every screen in step, and it keeps the rules of
the file contract in one place instead of in each form.

The file the project is kept in is not the workbook's: reading, writing, locking
and the recovery copy are the open file's (:mod:`partnertui.storage.session`),
driven by the file-safety flow, which tells the workbook what came of them (the
project was saved, or replaced by the file as it is now). The workbook only asks
the file where it is and whether this session may change it.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any, Protocol

from pydantic import ValidationError

from partnertui.analysis import Figures, references_to
from partnertui.model import (
    MAX_CONTRIBUTION,
    Action,
    Contribution,
    Partner,
    Project,
    ProjectInfo,
    Role,
    group_choices,
    new_action_id,
    unique_partner_id,
)
from partnertui.tui.edit_errors import EditRefused, FormErrors, form_errors
from partnertui.tui.edit_names import named, quoted
from partnertui.tui.round_edits import RoundEdits
from partnertui.tui.undo import EditHistory

if TYPE_CHECKING:
    from partnertui.spreadsheets.partners_in import Plan as PartnerImport
    from partnertui.storage import Fingerprint


class KeptIn(Protocol):
    """What the workbook asks of the file its project is kept in.

    Where it is (screens put reports, questionnaires and imports beside it),
    whether this session may change it (a file others hold, or this user cannot
    write, is only looked at), and what it held when last read or written here.
    The open file (:class:`~partnertui.storage.session.OpenFile`) answers all three,
    and its answers change as it does (after "Save as"), so they are asked each
    time rather than copied.
    """

    @property
    def path(self) -> Path: ...

    @property
    def read_only(self) -> bool: ...

    @property
    def fingerprint(self) -> Fingerprint | None: ...


class Workbook(RoundEdits):
    """The project being edited and whether it has unsaved edits.

    An edit replaces the pieces it changes (a partner, an action, the details) and
    never changes a piece in place. So a partner nobody touched is the very same
    object as before, which lets screens redraw only what changed, and a snapshot
    of the project's lists (:meth:`Project.snapshot`) is a faithful copy of it.
    """

    def __init__(self, project: Project, kept_in: KeptIn) -> None:
        self.project = project
        self._kept_in = kept_in
        self.version = 0
        """Counts changes of the project, so a screen can tell whether what it shows
        is stale."""
        self.history = EditHistory()
        self._saved_state = 0
        self._listeners: list[Callable[[Workbook], None]] = []
        self._figures: tuple[int, Figures] | None = None

    @property
    def path(self) -> Path:
        """The file the project is kept in."""
        return self._kept_in.path

    @property
    def read_only(self) -> bool:
        """Whether every edit is refused: the file is only looked at in this session."""
        return self._kept_in.read_only

    @property
    def fingerprint(self) -> Fingerprint | None:
        """The file's bytes as last read or written here: it changes with every save
        and reload, which is when the file's history in git may have moved on."""
        return self._kept_in.fingerprint

    @property
    def dirty(self) -> bool:
        """Whether the project differs from the state last saved (or opened)."""
        return self.history.state != self._saved_state

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

    def _changed(self, what: str, **parts: Any) -> None:
        """Put ``parts`` (new lists, new details) in place: the one way an edit lands,
        as one step of the edit history called ``what``."""
        before = {name: self._piece(name) for name in parts}
        self._put(parts)
        self.history.record(what, before, parts)
        self._tell()

    def _piece(self, name: str) -> Any:
        value = getattr(self.project, name)
        return list(value) if isinstance(value, list) else value

    def _put(self, parts: dict[str, Any]) -> None:
        for name, value in parts.items():
            if isinstance(value, list):
                getattr(self.project, name)[:] = value
            else:
                setattr(self.project, name, value)

    # -- undo and redo ---------------------------------------------------------------

    def undo(self) -> str | None:
        """Take back the last edit; what it was called, or ``None`` when there is none."""
        self._check_writable()
        step = self.history.undo()
        if step is None:
            return None
        self._put(step.before)
        self._tell()
        return step.what

    def redo(self) -> str | None:
        """Make the last undone edit again; what it was called, or ``None``."""
        self._check_writable()
        step = self.history.redo()
        if step is None:
            return None
        self._put(step.after)
        self._tell()
        return step.what

    def _check_writable(self) -> None:
        if self.read_only:
            raise EditRefused(
                "This project is open read-only, so it cannot be changed here. "
                "Use “Save as” to keep a copy you can edit."
            )

    # -- what became of the file ----------------------------------------------------

    def mark_saved(self) -> None:
        """The project as it is now is what its file holds (it was just written)."""
        self._saved_state = self.history.state
        self._tell()

    def replace_project(self, project: Project, *, saved: bool) -> None:
        """Edit ``project`` from now on, in place of the one being edited.

        ``saved``: it is the file as it is now (reloaded), and nothing is unsaved;
        otherwise it holds unsaved edits (restored from a recovery copy), which a
        read-only file refuses. Either way the edit history starts afresh: undoing an
        edit made to another version of the project would make no sense.
        """
        if not saved:
            self._check_writable()
        self.project = project
        self.history.start_afresh()
        if saved:
            self._saved_state = self.history.state
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
        kept = set(group_choices(info))
        lost = sorted({a.group for a in self.project.assessments if a.group} - kept)
        if lost:
            raise FormErrors(
                {"groups": f"anonymous answers give {', '.join(lost)}: keep it in the list"}
            )
        if info == self.project.project:
            return
        self._changed("edit the project's details", project=info)

    # -- partners --------------------------------------------------------------------

    def _validated_partner(self, data: dict[str, Any]) -> Partner:
        try:
            return Partner.model_validate(data)
        except ValidationError as error:
            raise form_errors(error) from None

    def partner_named(self, name: str, *, besides: str | None = None) -> Partner | None:
        """A partner called ``name``, ignoring case and spaces around it, other than
        the one whose id is ``besides``; ``None`` when there is none.

        Two partners may share a name (two people, a group in two districts), so the
        workbook allows it; a form asks first, as it is more often the same partner
        entered twice."""
        wanted = name.strip().casefold()
        return next(
            (
                p
                for p in self.project.partners
                if p.id != besides and p.name.strip().casefold() == wanted
            ),
            None,
        )

    def add_partner(self, values: dict[str, Any]) -> Partner:
        """Add a partner; its id is made from its name and never changes afterwards."""
        self._check_writable()
        taken = {p.id for p in self.project.partners}
        name = str(values.get("name", ""))
        partner = self._validated_partner(
            {**values, "id": unique_partner_id(name, taken) if name.strip() else "x"}
        )
        self._changed(
            f"add {named(partner)}", partners=sorted([*self.project.partners, partner], key=_by_id)
        )
        return partner

    def update_partner(
        self, partner_id: str, values: dict[str, Any], what: str = "edit {}"
    ) -> Partner:
        """Change a partner's fields; the id stays, whatever the new name. ``what``
        names the edit, the partner's name in place of ``{}``."""
        self._check_writable()
        index = self._partner_index(partner_id)
        current = self.project.partners[index]
        updated = self._validated_partner({**current.model_dump(), **values, "id": current.id})
        if updated != current:
            partners = list(self.project.partners)
            partners[index] = updated
            self._changed(what.format(named(current)), partners=partners)
        return updated

    def import_partners(self, plan: PartnerImport) -> None:
        """Add and update the partners a spreadsheet's plan says, as one edit: one
        ctrl+z takes the whole import back. The plan is checked against the project
        as it is now, so a plan made before another edit cannot undo that edit."""
        self._check_writable()
        current = {p.id: p for p in self.project.partners}
        if any(current.get(u.before.id) is not u.before for u in plan.updated) or any(
            a.partner.id in current for a in plan.added
        ):
            raise EditRefused("The partners changed since the spreadsheet was read; import again.")
        if plan.changes:
            self._changed(plan.edit_name(), partners=plan.partners(self.project))

    def set_role(self, partner_id: str, role: Role | None) -> None:
        what = f"give {{}} the {role.value.capitalize()} role" if role else "take {}'s role away"
        self.update_partner(partner_id, {"role": role}, what)

    def delete_partner(self, partner_id: str, *, delete_actions: bool = False) -> None:
        """Remove a partner and settle what referred to it.

        Its assessment responses go with it (they are its own opinions), and so do its
        places on the rounds' invitation lists. Actions it
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
        records = [
            r.model_copy(update={"invited": [p for p in r.invited if p != partner_id]})
            if partner_id in r.invited
            else r
            for r in self.project.rounds
        ]
        self._changed(
            f"delete {named(self.project.partners[index])}",
            partners=partners,
            assessments=assessments,
            actions=actions,
            rounds=records,
        )

    def _partner_index(self, partner_id: str) -> int:
        for i, partner in enumerate(self.project.partners):
            if partner.id == partner_id:
                return i
        raise EditRefused(f"There is no partner with the id “{partner_id}” any more.")

    # -- actions ---------------------------------------------------------------------

    def add_action(self, values: dict[str, Any]) -> Action:
        """Add an action at the end of the list (actions keep the order people give them).

        It gets its id at once (unless ``values`` brings one), so a merge of two
        people's work can tell it apart from the start.
        """
        self._check_writable()
        taken = {a.id for a in self.project.actions}
        given = values.get("id") or new_action_id()
        while given in taken:
            given = new_action_id()
        action = self._validated_action({**values, "id": given})
        self._changed(
            f"add the action {quoted(action.text)}", actions=[*self.project.actions, action]
        )
        return action

    def update_action(self, index: int, values: dict[str, Any]) -> Action:
        """Change the fields of the action at ``index`` named in ``values``."""
        self._check_writable()
        current = self._action(index)
        updated = self._validated_action({**current.model_dump(), **values})
        if updated != current:
            self._replace_action(index, updated, f"edit the action {quoted(current.text)}")
        return updated

    def set_action_done(self, index: int, done: bool) -> None:
        self._check_writable()
        current = self._action(index)
        if current.done != done:
            what = f"mark {quoted(current.text)} {'done' if done else 'not done'}"
            self._replace_action(index, current.model_copy(update={"done": done}), what)

    def delete_action(self, index: int) -> None:
        self._check_writable()
        what = f"delete the action {quoted(self._action(index).text)}"
        self._changed(what, actions=[a for i, a in enumerate(self.project.actions) if i != index])

    def _replace_action(self, index: int, action: Action, what: str) -> None:
        actions = list(self.project.actions)
        actions[index] = action
        self._changed(what, actions=actions)

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
        self.update_partner(
            partner_id,
            {"responsibilities": [*partner.responsibilities, text]},
            "add a responsibility for {}",
        )
        return text

    def update_responsibility(self, partner_id: str, index: int, text: str) -> str:
        """Reword the partner's ``index``-th responsibility, keeping its place in the list."""
        self._check_writable()
        partner = self._partner(partner_id)
        self._item(partner.responsibilities, index, "responsibility")
        text = self._responsibility(partner, text, index)
        responsibilities = list(partner.responsibilities)
        responsibilities[index] = text
        self.update_partner(
            partner_id, {"responsibilities": responsibilities}, "reword a responsibility of {}"
        )
        return text

    def remove_responsibility(self, partner_id: str, index: int) -> None:
        self._check_writable()
        partner = self._partner(partner_id)
        self._item(partner.responsibilities, index, "responsibility")
        responsibilities = [r for i, r in enumerate(partner.responsibilities) if i != index]
        self.update_partner(
            partner_id, {"responsibilities": responsibilities}, "remove a responsibility of {}"
        )

    def add_contribution(self, partner_id: str, values: dict[str, Any]) -> Contribution:
        """Record something the partner gives: ``kind``, ``description``, ``value``."""
        self._check_writable()
        partner = self._partner(partner_id)
        contribution = self._contribution(values)
        contributions = [*partner.contributions, contribution]
        self.update_partner(
            partner_id, {"contributions": contributions}, "add a contribution from {}"
        )
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
        self.update_partner(
            partner_id, {"contributions": contributions}, "edit a contribution from {}"
        )
        return contribution

    def remove_contribution(self, partner_id: str, index: int) -> None:
        self._check_writable()
        partner = self._partner(partner_id)
        self._item(partner.contributions, index, "contribution")
        contributions = [c for i, c in enumerate(partner.contributions) if i != index]
        self.update_partner(
            partner_id, {"contributions": contributions}, "remove a contribution from {}"
        )

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
