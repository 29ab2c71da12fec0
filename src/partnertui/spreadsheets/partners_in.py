"""Partners from a spreadsheet: the plan of what a partner list adds and updates.

A row names a partner the project has (the same id, or the same name whatever its
case and accents) or a new one. A partner the project has is updated, never given a
twin, and only in the fields the CSV has: a blank cell leaves a field as it is. The
whole list is checked before anything changes; if any column or row is not
understood, :class:`PartnersRefused` says every one of them (the row, the column,
why, and the mapping lines to add), and nothing is written. The plan says each
change in words (:func:`describe`) for the person to check, the command line and
the workbook alike; :meth:`Plan.partners` is the list after it.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from pydantic import ValidationError

from partnertui import csv_text
from partnertui.formatting import count
from partnertui.model import TEAM, Kind, Partner, Project, Relationship, unique_partner_id
from partnertui.spreadsheets import partner_columns as pc
from partnertui.storage.problems import printable
from partnertui.survey.matching import fold


class PartnersRefused(Exception):
    """A partner list that cannot be imported; the message says every reason, by row."""


@dataclass(frozen=True)
class Added:
    row: int
    partner: Partner


@dataclass(frozen=True)
class Updated:
    row: int
    before: Partner
    after: Partner
    fields: list[str]
    """The fields that change (keys of :data:`partner_columns.FIELDS`), in its order."""


@dataclass
class Plan:
    """What one partner list changes in a project."""

    file: str
    """The CSV, as the person named it."""
    added: list[Added] = field(default_factory=list)
    updated: list[Updated] = field(default_factory=list)
    unchanged: list[int] = field(default_factory=list)
    """Rows that say what the project says already."""

    @property
    def changes(self) -> int:
        return len(self.added) + len(self.updated)

    def partners(self, project: Project) -> list[Partner]:
        """The project's partners after the import, in id order as the workbook keeps them."""
        replaced = {u.before.id: u.after for u in self.updated}
        kept = [replaced.get(p.id, p) for p in project.partners]
        return sorted([*kept, *(a.partner for a in self.added)], key=lambda p: p.id)

    def edit_name(self) -> str:
        """What the import is called as one step of the workbook's edit history."""
        name = Path(self.file).name
        parts = []
        if self.added:
            parts.append(f"import {count(len(self.added), 'partner')}")
        if self.updated:
            parts.append(f"update {count(len(self.updated), 'partner')}")
        return " and ".join(parts or ["import nothing"]) + f" from {name}"


# -- reading the list ---------------------------------------------------------------


def plan_file(csv_path: Path, project: Project, map_path: Path | None = None) -> Plan:
    """The plan of importing the partner list at ``csv_path`` (with the mapping at
    ``map_path``, or beside it) into ``project``; :class:`PartnersRefused` otherwise."""
    mapping_file = map_path or pc.beside(csv_path)
    try:
        mapping = pc.read_mapping(mapping_file) if mapping_file.is_file() else pc.Mapping()
        text = csv_text.read_text(csv_path)
    except (csv_text.MappingProblem, csv_text.CsvProblem) as error:
        raise PartnersRefused(f"{error}\nNothing was written.") from None
    return plan_text(text, str(csv_path), project, mapping, mapping_file)


def plan_text(
    text: str,
    file: str,
    project: Project,
    mapping: pc.Mapping | None = None,
    mapping_file: Path | None = None,
) -> Plan:
    """The plan of importing the partner list ``text`` (read from ``file``)."""
    try:
        found = csv_text.records(text, file)
    except csv_text.CsvProblem as error:
        raise PartnersRefused(f"{error}\nNothing was written.") from None
    if not found:
        raise PartnersRefused(f"{printable(file)}: this file is empty; there are no partners in it")
    headings = found[0][1]
    cols = pc.columns(headings, mapping or pc.Mapping())
    troubles: list[str] = []
    unknown = [c for c in cols if c.unknown and (c.heading or _used(found[1:], c.index))]
    for column in unknown:
        why = f": {column.why}" if column.why else ""
        troubles.append(f"  column {column.index + 1}, {column.name}: not a field it knows{why}")
    used = [c for c in cols if c.field is not None]
    if not any(c.field in ("name", "id", pc.PERSON) for c in used):
        troubles.append(
            "  no column holds the partners' names (call it Name, Organisation or Partner, "
            "or map it)"
        )
    plan = Plan(file)
    if not troubles:
        troubles += _plan_rows(plan, found[1:], used, project, file)
    if troubles:
        out = [f"{printable(file)} holds what partnertui does not understand:", *troubles]
        named = [c.heading for c in unknown if c.heading]
        if named:
            out += ["", pc.lines_to_add(named, mapping_file or pc.beside(Path(file)))]
        raise PartnersRefused("\n".join([*out, "", "Nothing was written."]))
    return plan


def _used(rows: list[csv_text.Record], index: int) -> bool:
    return any(index < len(cells) and cells[index] for _, cells in rows)


def _plan_rows(
    plan: Plan,
    rows: list[csv_text.Record],
    used: list[pc.Column],
    project: Project,
    file: str,
) -> list[str]:
    """Fill ``plan`` from the rows; every row's problem, in words."""
    troubles: list[str] = []
    by_id = {p.id: p for p in project.partners}
    by_name: dict[str, list[Partner]] = {}
    for p in project.partners:
        by_name.setdefault(fold(p.name), []).append(p)
    taken = set(by_id) | {TEAM}
    seen: dict[str, int] = {}
    width = max(c.index for c in used) + 1
    for number, cells in rows:
        cells = cells + [""] * (width - len(cells))
        values, wrong, a_person = _row_values(cells, used)
        troubles += [f"  row {number}, {w}" for w in wrong]
        if wrong:
            continue
        try:
            partner, key, by_its_name = _resolve(values, by_id, by_name)
        except pc.NotAValue as error:
            troubles.append(f"  row {number}: {error}")
            continue
        if key in seen:
            troubles.append(f"  row {number}: the same partner as row {seen[key]}")
            continue
        seen[key] = number
        if partner is not None:
            values.pop("id", None)
            if by_its_name or fold(values.get("name", "")) == fold(partner.name):
                # Found by its name: "CAFE" in a list does not rename "Café".
                values.pop("name", None)
        if partner is None and a_person:
            values.setdefault("kind", Kind.INDIVIDUAL)  # an address book's person, no company
        try:
            if partner is None:
                made = _new(values, taken)
                taken.add(made.id)
                plan.added.append(Added(number, made))
            else:
                _update(plan, number, partner, values)
        except pc.NotAValue as error:
            troubles.append(f"  row {number}: {error}")
    return troubles


def _row_values(cells: list[str], used: list[pc.Column]) -> tuple[dict[str, Any], list[str], bool]:
    """The fields one row fills (blank cells fill none), what is wrong in it, and
    whether its name is a person's, the row naming no organisation."""
    values: dict[str, Any] = {}
    wrong: list[str] = []
    contacts: list[str] = []
    person: list[tuple[int, str]] = []
    for column in used:
        text = cells[column.index]
        name = column.field
        if not text or name is None:
            continue
        try:
            found = pc.value(name, text)
        except pc.NotAValue as error:
            wrong.append(f'{pc.LABELS[name]} ({column.name}): "{printable(text)}" is {error}')
            continue
        if name == "contact":
            contacts.append(found)
        elif name == pc.PERSON:
            person.append((pc.person_order(column), found))
        else:
            values[name] = found
    whole = [text for order, text in person if order == pc.FULL_NAME]
    in_order = sorted(person, key=lambda part: part[0])
    someone = whole[0] if whole else " ".join(text for _, text in in_order)
    a_person = bool(someone) and "name" not in values
    if a_person:
        values["name"] = someone
    elif someone:
        contacts.insert(0, someone)
    if contacts:
        values["contact"] = ", ".join(dict.fromkeys(contacts))
    return values, wrong, a_person


def _resolve(
    values: dict[str, Any], by_id: dict[str, Partner], by_name: dict[str, list[Partner]]
) -> tuple[Partner | None, str, bool]:
    """The project's partner a row names (``None`` for a new one), a key that says
    which partner it is (to find one named twice in a list), and whether it was
    found by its name rather than its id."""
    partner_id = values.get("id")
    name = values.get("name", "")
    if partner_id is not None:
        if partner_id in by_id:
            return by_id[partner_id], f"id:{partner_id}", False
        if partner_id == TEAM:
            raise pc.NotAValue(f'"{TEAM}" is kept for consensus scores and cannot be a partner id')
    same = by_name.get(fold(name), []) if name else []
    if partner_id is not None and same:
        raise pc.NotAValue(
            f'the id "{printable(partner_id)}" is no partner\'s, but the project has '
            f'"{printable(same[0].name)}" with the id "{same[0].id}"; write that id or '
            "leave the id blank"
        )
    if len(same) > 1:
        ids = ", ".join(p.id for p in same)
        raise pc.NotAValue(
            f'the project has {len(same)} partners called "{printable(name)}" ({ids}); '
            "add an Id column to say which"
        )
    if same:
        return same[0], f"id:{same[0].id}", True
    if not name:
        raise pc.NotAValue("it has no name, and a new partner needs one")
    return None, f"id:{partner_id}" if partner_id else f"name:{fold(name)}", False


def _model_values(values: dict[str, Any]) -> dict[str, Any]:
    return {pc.MODEL_FIELD.get(k, k): v for k, v in values.items()}


def _new(values: dict[str, Any], taken: set[str]) -> Partner:
    data = _model_values(values)
    data.setdefault("id", unique_partner_id(data["name"], taken))
    if data["id"] in taken:
        raise pc.NotAValue(f'the id "{data["id"]}" is taken by a partner of this import')
    return _validated(data)


def _update(plan: Plan, number: int, partner: Partner, values: dict[str, Any]) -> None:
    current = partner.model_dump()
    data = _model_values(values)
    if "notes" in data and data["notes"].strip() == partner.notes.strip():
        del data["notes"]  # a spreadsheet trims a note's blank lines; that is no change
    after = _validated({**current, **data})
    changed = [
        name
        for name in pc.FIELDS
        if getattr(after, pc.MODEL_FIELD.get(name, name)) != current[pc.MODEL_FIELD.get(name, name)]
    ]
    if changed:
        plan.updated.append(Updated(number, partner, after, changed))
    else:
        plan.unchanged.append(number)


def _validated(data: dict[str, Any]) -> Partner:
    try:
        return Partner.model_validate(data)
    except ValidationError as error:
        first = error.errors()[0]
        where = ".".join(str(p) for p in first["loc"])
        raise pc.NotAValue(f"{where}: {first['msg']}") from None


# -- the plan in words ---------------------------------------------------------------


def describe(plan: Plan, path: Path | str) -> str:
    """What the import will change, each partner and field, for a person to check."""
    what = []
    if plan.added:
        what.append(f"{count(len(plan.added), 'partner')} to add")
    if plan.updated:
        what.append(f"{count(len(plan.updated), 'partner')} to update")
    file, target = printable(plan.file), printable(str(path))
    if not what and not plan.unchanged:
        return f"{file}: nothing to change; the file has no rows under its headings."
    if not what:
        return f"{file}: nothing to change; every row says what {target} says already."
    out = [f"{file}: {' and '.join(what)} in {target}"]
    for added in plan.added:
        out += ["", *_added_lines(added)]
    for updated in plan.updated:
        before, after = updated.before, updated.after
        out += ["", f"  update {printable(before.name)} ({before.id}), row {updated.row}"]
        for name in updated.fields:
            key = pc.MODEL_FIELD.get(name, name)
            old, new = getattr(before, key), getattr(after, key)
            out.append(f"    {pc.LABELS[name]}: {_said(old)} → {_said(new)}")
    if plan.unchanged:
        rows = ", ".join(str(n) for n in plan.unchanged[:12])
        more = "…" if len(plan.unchanged) > 12 else ""
        if len(plan.unchanged) == 1:
            said = f"1 row already says what the project says (row {rows})"
        else:
            said = (
                f"{len(plan.unchanged)} rows already say what the project says (rows {rows}{more})"
            )
        out += ["", f"  {said}"]
    return "\n".join(out)


def _added_lines(added: Added) -> list[str]:
    """Every field a new partner gets, the CSV's and the defaults alike: what is
    written is what the person checks, so no field may go in unseen."""
    p = added.partner
    role = f"role: {p.role.value}" if p.role else "no role yet"
    relationship = "former partner" if p.relationship is Relationship.FORMER else "new partner"
    flags = (
        ("affected", p.affected_by_issue),
        ("stake", p.stake_in_solutions),
        ("youth", p.youth),
    )
    lines = [
        f"  add {printable(p.name)} ({p.id}), row {added.row}",
        f"    {p.kind.value} · {p.status.value} · {relationship} · {role}",
        "    " + " · ".join(f"{pc.LABELS[name]}: {_said(flag)}" for name, flag in flags),
    ]
    for name, value in (("contact", p.contact), ("skills", p.skills), ("notes", p.notes)):
        if value:
            lines.append(f"    {pc.LABELS[name]}: {_said(value)}")
    return lines


def _said(value: Any) -> str:
    if value is None or value == "" or value == []:
        return "(none)"
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, list):
        return printable(", ".join(value))
    if hasattr(value, "value"):
        return str(value.value)
    return _shown(str(value))


def _shown(text: str) -> str:
    text = text if len(text) <= 60 else text[:59] + "…"
    return f'"{printable(text)}"'
