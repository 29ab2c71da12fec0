"""Three versions of one value, one list or one table merged into one, or a conflict.

A merge driver sees the common ancestor (base) and the two sides. A change made on
one side only is taken; the same change made on both is taken once; two different
changes to the same value are a :class:`Conflict`, which the merge keeps both of
(see :mod:`.render`). Lists of items (skills, responsibilities, contributions,
invited partners) never conflict: each item is kept or dropped on its own, so two
people adding to one partner's responsibilities both keep what they wrote.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Hashable
from dataclasses import dataclass
from typing import Any


class _Missing:
    """A value absent from one version (a score not given, a field not set)."""

    _instance: _Missing | None = None

    def __new__(cls) -> _Missing:
        if cls._instance is None:
            cls._instance = super().__new__(cls)
        return cls._instance

    def __repr__(self) -> str:
        return "MISSING"


MISSING: Any = _Missing()


@dataclass(frozen=True)
class Conflict:
    """Two different changes to the same value: ours and theirs (either may be MISSING)."""

    ours: Any
    theirs: Any


def merge_value(base: Any, ours: Any, theirs: Any) -> Any:
    """The merged value, or a :class:`Conflict` when both sides changed it differently."""
    if ours == theirs:
        return ours
    if ours == base:
        return theirs
    if theirs == base:
        return ours
    return Conflict(ours, theirs)


def _key(item: Any) -> Hashable:
    """An item as something to count: a contribution is a dict, text is itself."""
    if isinstance(item, dict):
        return tuple(sorted((k, _key(v)) for k, v in item.items()))
    if isinstance(item, list):
        return tuple(_key(v) for v in item)
    return item


def _numbered(items: list[Any]) -> list[tuple[Hashable, int]]:
    """Each item with how many equal ones came before it, so repeats count apart."""
    seen: Counter[Hashable] = Counter()
    out = []
    for item in items:
        key = _key(item)
        out.append((key, seen[key]))
        seen[key] += 1
    return out


def merge_items(base: list[Any], ours: list[Any], theirs: list[Any]) -> list[Any]:
    """Items added on either side kept, an item deleted on either side dropped.

    The order is ours', then theirs' additions in theirs' order: stable, so the
    same merge always gives the same list.
    """
    if ours == theirs or theirs == base:
        return list(ours)
    if ours == base:
        return list(theirs)
    in_base = set(_numbered(base))
    ours_keys = _numbered(ours)
    in_ours = set(ours_keys)
    theirs_keys = _numbered(theirs)
    in_theirs = set(theirs_keys)
    kept = [
        item
        for item, key in zip(ours, ours_keys, strict=True)
        if key not in in_base or key in in_theirs
    ]
    added = [
        item
        for item, key in zip(theirs, theirs_keys, strict=True)
        if key not in in_base and key not in in_ours
    ]
    return kept + added


@dataclass
class Fields:
    """A table's fields merged: the two views of the result and what conflicts.

    ``ours`` holds our value where the sides conflict, ``theirs`` theirs; they are
    the same everywhere else. ``conflicts`` names each conflicting field by its
    path in the table, such as ``("name",)`` or ``("scores", "communication")``.
    """

    ours: dict[str, Any]
    theirs: dict[str, Any]
    conflicts: dict[tuple[str, ...], Conflict]


def merge_fields(
    base: dict[str, Any] | None,
    ours: dict[str, Any],
    theirs: dict[str, Any],
    *,
    lists: frozenset[str] = frozenset(),
    tables: frozenset[str] = frozenset(),
) -> Fields:
    """One table's three versions merged field by field (``base`` None: added on both).

    ``lists`` are merged item by item (:func:`merge_items`); ``tables`` (scores,
    notes) key by key, each key a value of its own.
    """
    base = base or {}
    merged_ours: dict[str, Any] = {}
    merged_theirs: dict[str, Any] = {}
    conflicts: dict[tuple[str, ...], Conflict] = {}
    for name in dict.fromkeys([*ours, *theirs]):
        b = base.get(name, MISSING)
        o = ours.get(name, MISSING)
        t = theirs.get(name, MISSING)
        if name in lists:
            value = merge_items(_or(b, []), _or(o, []), _or(t, []))
            merged_ours[name] = merged_theirs[name] = value
        elif name in tables:
            inner = merge_fields(_or(b, {}), _or(o, {}), _or(t, {}))
            merged_ours[name], merged_theirs[name] = inner.ours, inner.theirs
            conflicts.update({(name, *path): c for path, c in inner.conflicts.items()})
        else:
            value = merge_value(b, o, t)
            if isinstance(value, Conflict):
                conflicts[(name,)] = value
                _put(merged_ours, name, o)
                _put(merged_theirs, name, t)
            else:
                _put(merged_ours, name, value)
                _put(merged_theirs, name, value)
    return Fields(merged_ours, merged_theirs, conflicts)


def _or(value: Any, empty: Any) -> Any:
    return empty if value is MISSING or value is None else value


def _put(table: dict[str, Any], name: str, value: Any) -> None:
    if value is not MISSING:
        table[name] = value
