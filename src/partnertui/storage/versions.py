"""Several versions of one project read together, sharing the work they have in common.

A merge reads three versions of a file (the ancestor and both sides) that differ
in a few blocks out of thousands. Reading each in full triples the cost of
``check``, almost all of it in tomllib, which is pure Python. A canonical file is
a sequence of blocks (the head, then one ``[[partners]]``, ``[[rounds]]``,
``[[assessments]]`` or ``[[actions]]`` table each), so each distinct block is read
and validated once, and the versions share the pieces.

That shortcut is taken only when it is certain to agree with :func:`storage.parse`:
every block must be exactly what the canonical writer writes for the piece read
from it, in the writer's order, and the project must keep every rule. A version
that is not canonical (edited by hand) or has any problem is read the ordinary
way, which also words its problems.
"""

from __future__ import annotations

import re
import tomllib
from typing import Any

from partnertui.integrity import integrity_problems
from partnertui.model import (
    SCHEMA_VERSION,
    Action,
    Assessment,
    Partner,
    Project,
    ProjectInfo,
    Round,
)
from partnertui.storage import canonical

_BLOCK = re.compile(r"\n\n(?=\[\[)")
_KINDS: dict[str, tuple[str, type, Any]] = {
    "[[partners]]": ("partners", Partner, canonical.partner_block),
    "[[rounds]]": ("rounds", Round, canonical.round_block),
    "[[assessments]]": ("assessments", Assessment, canonical.assessment_block),
    "[[actions]]": ("actions", Action, canonical.action_block),
}
_ORDER = ["partners", "rounds", "assessments", "actions"]


def parse_versions(texts: list[str], file: str) -> list[Project]:
    """The project in each of ``texts``, as :func:`storage.parse` reads it (raising its
    :class:`ProjectFileError` for a version that does not read)."""
    from partnertui.storage import _collector_paused, parse

    pieces: dict[str, Any] = {}
    out = []
    with _collector_paused():
        for text in texts:
            project = _canonical(text, pieces)
            out.append(project if project is not None else parse(text, file))
    return out


def _canonical(text: str, pieces: dict[str, Any]) -> Project | None:
    """The project in a canonical ``text``; ``None`` when it is not plainly one."""
    if not text.endswith("\n") or "\r" in text:
        return None
    blocks = _BLOCK.split(text[:-1])
    try:
        head = tomllib.loads(blocks[0])
        if set(head) != {"schema_version", "project"} or head["schema_version"] != SCHEMA_VERSION:
            return None
        if type(head["schema_version"]) is not int:
            return None
        info = ProjectInfo.model_validate(head["project"])
        lists: dict[str, list[Any]] = {name: [] for name in _ORDER}
        at = 0
        for block in blocks[1:]:
            header = block.split("\n", 1)[0]
            name, model, writer = _KINDS[header]
            if _ORDER.index(name) < at:
                return None
            at = _ORDER.index(name)
            piece = pieces.get(block)
            if piece is None:
                (data,) = tomllib.loads(block)[name]
                piece = model.model_validate(data)
                if writer(piece) != block:
                    return None
                pieces[block] = piece
            lists[name].append(piece)
    except (tomllib.TOMLDecodeError, KeyError, ValueError, TypeError):
        return None  # pydantic's ValidationError is a ValueError
    project = Project.model_construct(schema_version=SCHEMA_VERSION, project=info, **lists)
    if canonical.head_block(project) != blocks[0] or not _in_order(project):
        return None
    return None if integrity_problems(project) else project


def _in_order(project: Project) -> bool:
    for items, key in (
        (project.partners, canonical.partner_order),
        (project.rounds, canonical.round_order),
        (project.assessments, canonical.assessment_order),
    ):
        keys = [key(item) for item in items]
        if keys != sorted(keys):
            return False
    return True
