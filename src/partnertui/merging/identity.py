"""Which partner, round, response or action in one version is which in the others.

A line merge matches text; this merge matches what the text is about. Partners
are the same partner when their ids are, rounds when their names are, responses
when their round and respondent are, and actions when their ids are. Files from
before actions had ids (an older base), or where each side's save gave the same
old action a different new id, are matched by the action's text instead, so an
old action is never taken for a deleted one and a new one.
"""

from __future__ import annotations

from collections.abc import Callable, Hashable, Sequence
from typing import TypeVar

from partnertui.model import Action

T = TypeVar("T")
Triple = tuple[T | None, T | None, T | None]
"""One piece as it is in base, ours and theirs; ``None`` where a version lacks it."""


def matched(
    base: Sequence[T], ours: Sequence[T], theirs: Sequence[T], key: Callable[[T], Hashable]
) -> list[Triple[T]]:
    """Each piece's three versions, in ours' order, then theirs' additions; pieces
    only base had (deleted on both sides) come last."""
    return _triples(
        [key(p) for p in base],
        [key(p) for p in ours],
        [key(p) for p in theirs],
        base,
        ours,
        theirs,
    )


def matched_actions(
    base: Sequence[Action], ours: Sequence[Action], theirs: Sequence[Action]
) -> list[Triple[Action]]:
    """Actions matched by id, and by text where a version has no id for one."""
    keys: list[list[Hashable | None]] = [
        [("id", a.id) if a.id is not None else None for a in side] for side in (base, ours, theirs)
    ]
    base_ids = {a.id for a in base if a.id is not None}
    sides = (base, ours, theirs)

    def claim(side: int, text: str, shared: Hashable, avoid: set[str]) -> None:
        """Give ``shared`` to the first unmatched action of ``side`` with ``text``."""
        for i, action in enumerate(sides[side]):
            if action.text != text:
                continue
            if keys[side][i] is None or (
                keys[side][i] == ("id", action.id)
                and action.id not in avoid
                and not _taken(keys, side, i)
            ):
                keys[side][i] = shared
                return

    # An old action without an id in base: each side's action with its text, if
    # that side has no id for it or gave it one the base never had.
    for i, action in enumerate(base):
        if keys[0][i] is None:
            shared = ("base", i)
            keys[0][i] = shared
            for side in (1, 2):
                claim(side, action.text, shared, base_ids)
    # Added on both sides with the same text, at least one of them without an id.
    for i, action in enumerate(ours):
        if keys[1][i] is None:
            shared = ("ours", i)
            keys[1][i] = shared
            claim(2, action.text, shared, base_ids | {a.id for a in ours if a.id})
    for i in range(len(theirs)):
        if keys[2][i] is None:
            keys[2][i] = ("theirs", i)
    return _triples(keys[0], keys[1], keys[2], base, ours, theirs)


def _taken(keys: list[list[Hashable | None]], side: int, index: int) -> bool:
    """Whether this id is already matched with a piece of another version."""
    own = keys[side][index]
    return any(own in keys[other] for other in range(3) if other != side)


def _triples(
    base_keys: list[Hashable],
    ours_keys: list[Hashable],
    theirs_keys: list[Hashable],
    base: Sequence[T],
    ours: Sequence[T],
    theirs: Sequence[T],
) -> list[Triple[T]]:
    in_base = dict(zip(base_keys, base, strict=True))
    in_ours = dict(zip(ours_keys, ours, strict=True))
    in_theirs = dict(zip(theirs_keys, theirs, strict=True))
    order = list(dict.fromkeys([*ours_keys, *theirs_keys, *base_keys]))
    return [(in_base.get(k), in_ours.get(k), in_theirs.get(k)) for k in order]
