"""The one canonical text of a project, so that saving is stable and diffs stay small.

People review these files in pull requests and merge each other's edits, so the same
project must always give the same bytes: a fixed key order, optional fields left out,
one partner per ``[[partners]]`` table sorted by id, one contribution per line. We
assemble the document ourselves, so the layout never depends on tomli-w's heuristics
for inline tables.

Saving must stay quick with thousands of partners, and tomli-w looks at every
character of every string in Python. Nearly all of our values are plain: text with
no quote, backslash or control character, numbers, dates, booleans. Those are
written here directly, exactly as tomli-w writes them; anything else (line breaks,
escapes) is handed to tomli-w, so its spelling stays tomli-w's to the byte.
"""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

import tomli_w

from partnertui.model import (
    DEFAULT_MINIMUM_TO_SHOW,
    Action,
    Assessment,
    ContributionKind,
    Ingredient,
    Kind,
    Partner,
    Project,
    ProjectInfo,
    Relationship,
    Role,
    Round,
    Status,
)
from partnertui.storage.problems import opens_or_closes_conflict

_NEEDS_TOMLI_W = re.compile(r'[\x00-\x08\x0a-\x1f\x7f"\\]').search
"""A character tomli-w escapes, or (a line break) may write as a multi-line string."""
_NEEDS_ESCAPE_ON_MANY_LINES = re.compile(r'[\x00-\x08\x0b-\x1f\x7f"\\]').search
"""A character tomli-w escapes even in a multi-line string (a ``\\r`` among them)."""

_CHOICES = {
    member: f'"{member.value}"'
    for choices in (Kind, Relationship, Status, Role, ContributionKind)
    for member in choices
}
"""Each choice's quoted value, written for thousands of partners on every save."""
_INGREDIENT_KEYS = tuple((ingredient, f"{ingredient.value} = ") for ingredient in Ingredient)
_SCORES = {n: str(n) for n in range(1, 6)}
_TRUE = {True: "true", False: "false"}


def dumps(project: Project) -> str:
    """The canonical text of ``project``: ``\\n`` line ends and one final newline."""
    # One block of lines per table, with a blank line between blocks.
    blocks = [head_block(project)]
    blocks += [_partner_block(p) for p in sorted(project.partners, key=partner_order)]
    blocks += [_round_block(r) for r in sorted(project.rounds, key=round_order)]
    blocks += [_assessment_block(a) for a in sorted(project.assessments, key=assessment_order)]
    blocks += [action_block(action) for action in project.actions]
    return join_blocks(blocks)


def join_blocks(blocks: list[str]) -> str:
    """Blocks of lines as one document: a blank line between them, one final newline."""
    return "\n\n".join([*blocks, ""])[:-1]


def head_block(project: Project) -> str:
    """``schema_version`` and the ``[project]`` table."""
    head = [_pair("schema_version", project.schema_version), "", "[project]"]
    _project_lines(project.project, head)
    return "\n".join(head)


def action_block(action: Action) -> str:
    lines = ["[[actions]]"]
    _action_lines(action, lines)
    return "\n".join(lines)


def partner_block(partner: Partner) -> str:
    return _partner_block(partner)


def round_block(record: Round) -> str:
    return _round_block(record)


def assessment_block(assessment: Assessment) -> str:
    return _assessment_block(assessment)


def partner_order(partner: Partner) -> str:
    return partner.id


def assessment_order(assessment: Assessment) -> tuple[Any, ...]:
    return (assessment.date, assessment.round, assessment.respondent)


def round_order(record: Round) -> tuple[Any, ...]:
    return (record.date, record.name)


def _round_block(record: Round) -> str:
    lines = ["[[rounds]]", _pair("name", record.name), _pair("date", record.date)]
    if record.anonymous:
        lines.append("anonymous = true")
    if record.code is not None:
        lines.append(_pair("code", record.code))
    if record.invited:
        lines.append(_pair("invited", record.invited))
    return "\n".join(lines)


def _project_lines(info: ProjectInfo, out: list[str]) -> None:
    for key in ("name", "issue", "description", "lead_organization", "community"):
        if getattr(info, key):
            out.append(_pair(key, getattr(info, key)))
    out.append(_pair("currency", info.currency))
    for key in ("start", "end"):
        if getattr(info, key) is not None:
            out.append(_pair(key, getattr(info, key)))
    out.append(_pair("youth_oriented", info.youth_oriented))
    if info.skills_needed:
        out.append(_pair("skills_needed", info.skills_needed))
    if info.minimum_to_show != DEFAULT_MINIMUM_TO_SHOW:
        out.append(_pair("minimum_to_show", info.minimum_to_show))
    if info.groups:
        out.append(_pair("groups", info.groups))


def _partner_block(partner: Partner) -> str:
    # Written out in one piece: this runs for every partner on every save. When none
    # of the partner's one-line text needs escaping, one check clears it all.
    p = partner
    texts = [p.id, p.name, p.contact]
    texts += p.skills
    texts += p.responsibilities
    texts += [contribution.description for contribution in p.contributions]
    if _NEEDS_TOMLI_W("\t".join(texts)) is not None:
        return _escaped_partner_block(p)
    try:
        choice, yes = _CHOICES, _TRUE
        out = (
            f'[[partners]]\nid = "{p.id}"\nname = "{p.name}"\nkind = {choice[p.kind]}\n'
            f"relationship = {choice[p.relationship]}\nstatus = {choice[p.status]}\n"
        )
        if p.contact:
            out += f'contact = "{p.contact}"\n'
        out += (
            f"affected_by_issue = {yes[p.affected_by_issue]}\n"
            f"stake_in_solutions = {yes[p.stake_in_solutions]}\n"
        )
        if p.skills:
            out += "skills = [\n" + "".join([f'    "{v}",\n' for v in p.skills]) + "]\n"
        out += f"youth = {yes[p.youth]}\n"
        if p.role is not None:
            out += f"role = {choice[p.role]}\n"
        if p.responsibilities:
            items = "".join([f'    "{v}",\n' for v in p.responsibilities])
            out += f"responsibilities = [\n{items}]\n"
        if p.contributions:
            out += "contributions = [\n"
            for contribution in p.contributions:
                out += f"    {{ kind = {choice[contribution.kind]}"
                if contribution.description:
                    out += f', description = "{contribution.description}"'
                if contribution.value is not None:
                    out += f", value = {_number(contribution.value)}"
                out += " },\n"
            out += "]\n"
    except (KeyError, TypeError):
        # Not one of the model's choices or types: let the careful path spell it.
        return _escaped_partner_block(p)
    if p.notes:
        out += f"notes = {_text(p.notes)}\n"
    return out[:-1]


def _escaped_partner_block(partner: Partner) -> str:
    """A partner with some text that needs escapes: each value written on its own."""
    lines = ["[[partners]]"]
    add = lines.append
    add(f"id = {_text(partner.id)}")
    add(f"name = {_text(partner.name)}")
    add(f"kind = {_choice(partner.kind)}")
    add(f"relationship = {_choice(partner.relationship)}")
    add(f"status = {_choice(partner.status)}")
    if partner.contact:
        add(f"contact = {_text(partner.contact)}")
    add("affected_by_issue = true" if partner.affected_by_issue else "affected_by_issue = false")
    add("stake_in_solutions = true" if partner.stake_in_solutions else "stake_in_solutions = false")
    if partner.skills:
        add(f"skills = {_texts(partner.skills)}")
    add("youth = true" if partner.youth else "youth = false")
    if partner.role is not None:
        add(f"role = {_choice(partner.role)}")
    if partner.responsibilities:
        add(f"responsibilities = {_texts(partner.responsibilities)}")
    if partner.contributions:
        add("contributions = [")
        for contribution in partner.contributions:
            line = f"    {{ kind = {_choice(contribution.kind)}"
            if contribution.description:
                line += f", description = {_one_line(contribution.description)}"
            if contribution.value is not None:
                line += f", value = {contribution.value!s}"
            add(line + " },")
        add("]")
    if partner.notes:
        add(f"notes = {_text(partner.notes)}")
    return "\n".join(lines)


def _assessment_block(assessment: Assessment) -> str:
    a = assessment
    out = f"[[assessments]]\nround = {_text(a.round)}\ndate = {_date(a.date)}\n"
    out += f"respondent = {_text(a.respondent)}"
    if a.group is not None:
        out += f"\ngroup = {_text(a.group)}"
    if a.dont_know:
        out += "\n" + _pair("dont_know", [k.value for k in a.dont_know])
    scores, notes = a.scores, a.notes
    if scores:
        out += "\n\n[assessments.scores]" + "".join(
            [f"\n{key}{_score(scores[i])}" for i, key in _INGREDIENT_KEYS if i in scores]
        )
    if notes:
        out += "\n\n[assessments.notes]" + "".join(
            [f"\n{key}{_text(notes[i])}" for i, key in _INGREDIENT_KEYS if i in notes]
        )
    return out


def _date(value: Any) -> str:
    return str(value) if type(value) is dt.date else _value(value, multiline=False)


def _score(value: int) -> str:
    return _SCORES.get(value) or _value(value, multiline=False)


def _action_lines(action: Action, out: list[str]) -> None:
    if action.id is not None:
        out.append(_pair("id", action.id))
    out.append(_pair("text", action.text))
    for key in ("ingredient", "owner", "due"):
        if getattr(action, key) is not None:
            out.append(_pair(key, getattr(action, key)))
    out.append(_pair("done", action.done))


def _pair(key: str, value: Any) -> str:
    return f"{key} = {_value(value, multiline=True)}"


def _text(value: str) -> str:
    """A string value, on several lines if it has line breaks (see :func:`_value`)."""
    if _NEEDS_TOMLI_W(value) is None:
        return f'"{value}"'
    if _NEEDS_ESCAPE_ON_MANY_LINES(value) is None and not opens_or_closes_conflict(value):
        return f'"""\n{value}"""'
    return _value(value, multiline=True)


def _one_line(value: str) -> str:
    """A string inside an inline table, where TOML allows no line breaks."""
    if _NEEDS_TOMLI_W(value) is None:
        return f'"{value}"'
    return _value(value, multiline=False)


def _texts(values: list[str]) -> str:
    """A list of strings, one item a line, as tomli-w lays it out."""
    if any(_NEEDS_TOMLI_W(v) is not None for v in values):
        return _value(values, multiline=True)
    return "[\n" + "".join(f'    "{v}",\n' for v in values) + "]"


def _number(value: float) -> str:
    """A number as tomli-w writes it; anything else is no number (``TypeError``)."""
    if type(value) is not float and type(value) is not int:
        raise TypeError(value)
    return str(value)


def _choice(value: str) -> str:
    """One of the model's choices (a kind, a role…), quoted."""
    return _CHOICES.get(value) or _text(value)


def _value(value: Any, *, multiline: bool) -> str:
    """One value as tomli-w writes it.

    Text with line breaks goes on several lines, unless that would change the text
    or make the file look broken: TOML reads a ``\\r\\n`` inside a multi-line string
    back as ``\\n``, and a line of text that starts like a git conflict marker would
    read as a failed merge. Such text stays on one line, with escapes.
    """
    if isinstance(value, str):
        value = str(value)  # an enum member writes as its plain value
        multiline = multiline and _safe_on_many_lines(value)
    elif isinstance(value, list):
        multiline = multiline and all(_safe_on_many_lines(item) for item in value)
    return tomli_w.dumps({"v": value}, multiline_strings=multiline)[4:-1]


def _safe_on_many_lines(text: str) -> bool:
    return "\r" not in text and not opens_or_closes_conflict(text)
