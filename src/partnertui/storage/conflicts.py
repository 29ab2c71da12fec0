"""What a conflict left by a merge is about, read from the text around its markers.

``partnertui merge`` puts markers around just the field two people changed
differently, or around a whole partner, response or action one deleted and the
other edited. Such a conflict can be named in the coordinator's terms: whose field,
which two values, and what each side is called. A conflict git left by merging
lines (the sides are not whole fields) is not one of those; :func:`explain` says
``None`` and the caller falls back to naming each marker line.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import tomllib
from typing import Any

_IDENTITY = {
    "[[partners]]": ("id",),
    "[[rounds]]": ("name",),
    "[[assessments]]": ("round", "respondent"),
    "[[actions]]": ("text", "id"),
}
_SUBTABLES = {"[assessments.scores]": "score for {}", "[assessments.notes]": "note on {}"}


FIELD_HINT = "keep the line of the value you want, then delete the marker lines"
BLOCK_HINT = "keep the block to keep it, or delete the block; then delete the marker lines"


def explain(
    lines: list[str], start: int, middle: int, end: int, base: int | None
) -> tuple[str, str] | None:
    """The message and hint for the conflict whose markers are at these 0-based line numbers
    (``base``: the ``|||||||`` line, if git wrote the original too), or ``None``."""
    ours = lines[start + 1 : base if base is not None else middle]
    theirs = lines[middle + 1 : end]
    ours_name = _label(lines[start]) or "ours"
    theirs_name = _label(lines[end]) or "theirs"
    if _is_block(ours) or _is_block(theirs):
        said = _deleted_or_edited(ours, theirs, ours_name, theirs_name)
        return (said, BLOCK_HINT) if said else None
    ours_value = _field(ours)
    theirs_value = _field(theirs)
    if ours_value is None or theirs_value is None:
        return None
    keys = {key for key, _ in (ours_value, theirs_value) if key is not None}
    if len(keys) != 1:
        return None
    key = keys.pop()
    header, owner = _owner(lines, start, end)
    if owner is None:
        return None
    name = _SUBTABLES[header].format(key) if header in _SUBTABLES else key
    ours_said, theirs_said = _told_apart(ours_value[1], theirs_value[1])
    return (
        f"a merge left two values for {owner}, {name}: "
        f"{ours_said} ({ours_name}) or {theirs_said} ({theirs_name})",
        FIELD_HINT,
    )


def _label(marker: str) -> str:
    return marker[7:].strip()


def _is_block(side: list[str]) -> bool:
    first = next((line for line in side if line.strip()), "")
    return first.strip() in _IDENTITY


def _field(side: list[str]) -> tuple[str | None, Any] | None:
    """``(key, value)`` of the one field a side holds; ``(None, None)`` for none at all;
    ``None`` when the side is anything else (lines git merged)."""
    if not any(line.strip() for line in side):
        return (None, None)
    try:
        data = tomllib.loads("\n".join(side))
    except tomllib.TOMLDecodeError:
        return None
    if len(data) != 1:
        return None
    ((key, value),) = data.items()
    return None if isinstance(value, dict) else (key, value)


def _owner(lines: list[str], start: int, end: int) -> tuple[str, str | None]:
    """The heading of the table the conflict sits in, and what that table is, in words."""
    for i in range(start - 1, -1, -1):
        header = lines[i].strip()
        if not header.startswith("["):
            continue
        if header == "[project]":
            return header, "the project's details"
        if header in _SUBTABLES:
            for j in range(i - 1, -1, -1):
                if lines[j].strip() in _IDENTITY:
                    return header, _piece(lines[j].strip(), _fields_near(lines, j, start, end))
            return header, None
        if header in _IDENTITY:
            return header, _piece(header, _fields_near(lines, i, start, end))
        return header, None
    return "", None


def _fields_near(lines: list[str], header: int, start: int, end: int) -> dict[str, Any]:
    """The one-line fields of the block headed at ``header``, outside the conflict."""
    found: dict[str, Any] = {}
    i = header + 1
    while i < len(lines):
        if start <= i <= end:
            i = end + 1
            continue
        line = lines[i]
        if not line.strip() or line.startswith("["):
            break
        with contextlib.suppress(tomllib.TOMLDecodeError):
            found.update(tomllib.loads(line))
        i += 1
    return found


def _piece(header: str, fields: dict[str, Any]) -> str | None:
    """``partner "bia"``, ``round "Kick-off"`` and so on; ``None`` if it cannot be told."""

    def text(key: str) -> str | None:
        value = fields.get(key)
        return _said(value) if isinstance(value, str) else None

    if header == "[[partners]]":
        return text("id") and f"partner {text('id')}"
    if header == "[[rounds]]":
        return text("name") and f"round {text('name')}"
    if header == "[[assessments]]":
        if text("round") and text("respondent"):
            return f"the response of {text('respondent')} to round {text('round')}"
        return None
    if header == "[[actions]]":
        return (text("text") or text("id")) and f"the action {text('text') or text('id')}"
    return None


def _deleted_or_edited(
    ours: list[str], theirs: list[str], ours_name: str, theirs_name: str
) -> str | None:
    kept, gone, kept_name, gone_name = (
        (ours, theirs, ours_name, theirs_name)
        if _is_block(ours)
        else (theirs, ours, theirs_name, ours_name)
    )
    if any(line.strip() for line in gone):
        return None
    start = next(i for i, line in enumerate(kept) if line.strip())
    fields: dict[str, Any] = {}
    for line in kept[start + 1 :]:
        if line.startswith("["):
            break
        try:
            fields.update(tomllib.loads(line))
        except tomllib.TOMLDecodeError:
            continue
    piece = _piece(kept[start].strip(), fields)
    if piece is None:
        return None
    return f"a merge left {piece} deleted ({gone_name}) or changed ({kept_name})"


SHOWN = 60
"""The most of a text value a message quotes."""
BEFORE = 20
"""How much of two texts' common part an excerpt keeps before their first difference."""


def _told_apart(ours: Any, theirs: Any) -> tuple[str, str]:
    """The two values of a conflict as they read in a sentence, so they can be told
    apart: two texts too long to quote whole (a long or many-line note) are quoted
    around where they first differ, with … where they go on, since their first words
    are usually the same."""
    if not (isinstance(ours, str) and isinstance(theirs, str)):
        return _said(ours), _said(theirs)
    if len(ours) <= SHOWN and len(theirs) <= SHOWN:
        return _said(ours), _said(theirs)
    at = next((i for i, (a, b) in enumerate(zip(ours, theirs, strict=False)) if a != b), None)
    if at is None:  # one is the other and more: they differ where the shorter ends
        at = min(len(ours), len(theirs))
    return _excerpt(ours, at), _excerpt(theirs, at)


def _excerpt(value: str, at: int) -> str:
    """``value`` quoted from a little before position ``at``, at most :data:`SHOWN`
    characters of it, with … wherever it is cut. The start depends only on the text
    before ``at``, which both values share, so both excerpts start at the same word."""
    start = max(0, at - BEFORE)
    lead = value[max(0, start - 10) : start]  # start at a word where one begins near
    space = max(lead.rfind(" "), lead.rfind("\n"))
    if space >= 0:
        start -= len(lead) - space - 1
    end = min(len(value), start + SHOWN - 2)
    return '"' + ("…" if start else "") + value[start:end] + ("…" if end < len(value) else "") + '"'


def _said(value: Any) -> str:
    """A value as it reads in a sentence (made safe to print by the caller)."""
    if value is None:
        return "nothing"
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, str):
        return '"' + (value if len(value) <= SHOWN else value[: SHOWN - 1] + "…") + '"'
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, list):
        shown = ", ".join(_said(v) for v in value[:3])
        return f"[{shown}{', …' if len(value) > 3 else ''}]"
    return str(value)
