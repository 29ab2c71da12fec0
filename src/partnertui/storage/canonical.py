"""The one canonical text of a project, so that saving is stable and diffs stay small.

People review these files in pull requests and merge each other's edits, so the same
project must always give the same bytes: a fixed key order, optional fields left out,
one partner per ``[[partners]]`` table sorted by id, one contribution per line. We
assemble the document ourselves and let tomli-w format only single values, so the
layout never depends on tomli-w's heuristics for inline tables.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import tomli_w

from partnertui.model import Action, Assessment, Contribution, Ingredient, Partner, Project
from partnertui.storage.problems import opens_or_closes_conflict


def dumps(project: Project) -> str:
    """The canonical text of ``project``: ``\\n`` line ends and one final newline."""
    lines = [_pair("schema_version", project.schema_version), "", "[project]"]
    lines += _project_lines(project)
    for partner in sorted(project.partners, key=lambda p: p.id):
        lines += ["", "[[partners]]", *_partner_lines(partner)]
    for assessment in sorted(project.assessments, key=_assessment_order):
        lines += ["", "[[assessments]]", *_assessment_lines(assessment)]
    for action in project.actions:
        lines += ["", "[[actions]]", *_action_lines(action)]
    return "\n".join(lines) + "\n"


def _assessment_order(assessment: Assessment) -> tuple[Any, ...]:
    return (assessment.date, assessment.round, assessment.respondent)


def _project_lines(project: Project) -> Iterator[str]:
    info = project.project
    for key in ("name", "issue", "description", "lead_organization", "community"):
        if getattr(info, key):
            yield _pair(key, getattr(info, key))
    yield _pair("currency", info.currency)
    for key in ("start", "end"):
        if getattr(info, key) is not None:
            yield _pair(key, getattr(info, key))
    yield _pair("youth_oriented", info.youth_oriented)
    if info.skills_needed:
        yield _pair("skills_needed", info.skills_needed)


def _partner_lines(partner: Partner) -> Iterator[str]:
    for key in ("id", "name", "kind", "relationship", "status"):
        yield _pair(key, getattr(partner, key))
    if partner.contact:
        yield _pair("contact", partner.contact)
    yield _pair("affected_by_issue", partner.affected_by_issue)
    yield _pair("stake_in_solutions", partner.stake_in_solutions)
    if partner.skills:
        yield _pair("skills", partner.skills)
    yield _pair("youth", partner.youth)
    if partner.role is not None:
        yield _pair("role", partner.role)
    if partner.responsibilities:
        yield _pair("responsibilities", partner.responsibilities)
    if partner.contributions:
        yield "contributions = ["
        for contribution in partner.contributions:
            yield f"    {_inline_contribution(contribution)},"
        yield "]"
    if partner.notes:
        yield _pair("notes", partner.notes)


def _inline_contribution(contribution: Contribution) -> str:
    parts = [f"kind = {_value(contribution.kind, multiline=False)}"]
    if contribution.description:
        parts.append(f"description = {_value(contribution.description, multiline=False)}")
    if contribution.value is not None:
        parts.append(f"value = {_value(contribution.value, multiline=False)}")
    return "{ " + ", ".join(parts) + " }"


def _assessment_lines(assessment: Assessment) -> Iterator[str]:
    yield _pair("round", assessment.round)
    yield _pair("date", assessment.date)
    yield _pair("respondent", assessment.respondent)
    for name, table in (("scores", assessment.scores), ("notes", assessment.notes)):
        if table:
            yield ""
            yield f"[assessments.{name}]"
            for ingredient in Ingredient:
                if ingredient in table:
                    yield _pair(ingredient.value, table[ingredient])


def _action_lines(action: Action) -> Iterator[str]:
    yield _pair("text", action.text)
    for key in ("ingredient", "owner", "due"):
        if getattr(action, key) is not None:
            yield _pair(key, getattr(action, key))
    yield _pair("done", action.done)


def _pair(key: str, value: Any) -> str:
    return f"{key} = {_value(value, multiline=True)}"


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
