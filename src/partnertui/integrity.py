"""The rules that span a whole project: unique ids, references, dates in order, who
may answer a round.

Pydantic checks each field where it stands; these rules need the whole project, and
each problem is reported at the field path it belongs to so storage can point at the
line to fix.
"""

from __future__ import annotations

import re
from typing import NamedTuple

from partnertui.model import (
    ANONYMOUS_PATTERN,
    TEAM,
    Assessment,
    Project,
    group_choices,
)


class Integrity(NamedTuple):
    """A rule broken across the project, at the field path it belongs to."""

    loc: tuple[str | int, ...]
    message: str
    hint: str = ""

    @property
    def where(self) -> str:
        return format_loc(self.loc)


def format_loc(loc: tuple[str | int, ...]) -> str:
    """``("partners", 2, "id")`` -> ``partners[2].id``: how people read a field path."""
    out = ""
    for part in loc:
        if isinstance(part, int):
            out += f"[{part}]"
        else:
            out += ("." if out else "") + str(part)
    return out


def integrity_problems(project: Project) -> list[Integrity]:
    """Every cross-field rule of the file contract that ``project`` breaks."""
    problems: list[Integrity] = []
    info = project.project
    if info.start and info.end and info.end < info.start:
        problems.append(
            Integrity(
                ("project", "end"),
                f"the project ends ({info.end}) before it starts ({info.start})",
                "swap the dates or correct one of them",
            )
        )
    seen: dict[str, int] = {}
    for i, partner in enumerate(project.partners):
        if partner.id in seen:
            problems.append(
                Integrity(
                    ("partners", i, "id"),
                    f'two partners have the id "{partner.id}" '
                    f"(partners {seen[partner.id] + 1} and {i + 1})",
                    "give each partner its own id; ids never change once chosen",
                )
            )
        else:
            seen[partner.id] = i
    ids = set(seen)
    if TEAM in ids:
        problems.append(
            Integrity(
                ("partners", seen[TEAM], "id"),
                f'"{TEAM}" is kept for consensus scores and cannot be a partner id',
                "choose another id for this partner",
            )
        )
    named: dict[str, int] = {}
    for i, record in enumerate(project.rounds):
        if record.name in named:
            problems.append(
                Integrity(
                    ("rounds", i, "name"),
                    f'two rounds are called "{record.name}" '
                    f"(rounds {named[record.name] + 1} and {i + 1})",
                    "give each round its own name",
                )
            )
        else:
            named[record.name] = i
        for j, invited in enumerate(record.invited):
            if invited not in ids:
                problems.append(
                    Integrity(
                        ("rounds", i, "invited", j),
                        f'"{invited}", invited to round "{record.name}", is not a partner id',
                        _closest_hint(invited, sorted(ids)),
                    )
                )
    anonymous = {record.name for record in project.rounds if record.anonymous}
    groups = group_choices(project.project)
    responses: dict[tuple[str, str], int] = {}
    for i, a in enumerate(project.assessments):
        both = [k for k in a.dont_know if k in a.scores]
        if both:
            problems.append(
                Integrity(
                    ("assessments", i, "dont_know"),
                    f'"{a.respondent}" both scored and said "don\'t know" to '
                    + ", ".join(k.value for k in both)
                    + f' in round "{a.round}"',
                    'keep the score or the "don\'t know", not both',
                )
            )
        problems += _respondent_problems(i, a, a.round in anonymous, ids, groups)
        key = (a.round, a.respondent)
        if key in responses:
            problems.append(
                Integrity(
                    ("assessments", i, "respondent"),
                    f'"{a.respondent}" answered round "{a.round}" twice',
                    "merge the two responses into one",
                )
            )
        else:
            responses[key] = i
    action_ids: dict[str, int] = {}
    for i, action in enumerate(project.actions):
        if action.id is not None:
            if action.id in action_ids:
                problems.append(
                    Integrity(
                        ("actions", i, "id"),
                        f'two actions have the id "{action.id}" '
                        f"(actions {action_ids[action.id] + 1} and {i + 1})",
                        "give each action its own id, or delete the id line of the newer "
                        "one: partnertui gives it a new id when it saves",
                    )
                )
            else:
                action_ids[action.id] = i
        if action.owner is not None and action.owner not in ids:
            problems.append(
                Integrity(
                    ("actions", i, "owner"),
                    f'the owner "{action.owner}" is not a partner id',
                    _closest_hint(action.owner, sorted(ids)),
                )
            )
    return problems


def _respondent_problems(
    i: int, a: Assessment, anonymous: bool, ids: set[str], groups: list[str]
) -> list[Integrity]:
    """What is wrong with who answered: a partner in a signed round, nobody in an
    anonymous one (the group they gave, if any, one of the project's)."""
    where = ("assessments", i, "respondent")
    if a.respondent == TEAM:
        pass
    elif anonymous and not re.match(ANONYMOUS_PATTERN, a.respondent):
        return [
            Integrity(
                where,
                f'round "{a.round}" is anonymous, but this answer names the respondent '
                f'"{a.respondent}"',
                'write "anonymous-" and eight or more of the digits 0-9 and letters a-f '
                "instead, so nobody can tell who gave it",
            )
        ]
    elif not anonymous and a.respondent not in ids:
        if re.match(ANONYMOUS_PATTERN, a.respondent):
            return [
                Integrity(
                    where,
                    f'this answer is anonymous, but round "{a.round}" is not',
                    "make the round anonymous (anonymous = true in its [[rounds]] "
                    "record), or name the partner who answered",
                )
            ]
        return [
            Integrity(
                where,
                f'the respondent "{a.respondent}" is not a partner id',
                _closest_hint(a.respondent, [TEAM, *ids]),
            )
        ]
    if a.group is None:
        return []
    if not anonymous:
        return [
            Integrity(
                ("assessments", i, "group"),
                f'only answers in an anonymous round give a group, and round "{a.round}" '
                "is not anonymous",
                "delete the group line: a signed answer counts in its partner's groups",
            )
        ]
    if a.group not in groups:
        return [
            Integrity(
                ("assessments", i, "group"),
                f'"{a.group}" is not one of the project\'s groups ({", ".join(groups)})',
                _closest_hint(a.group, groups) or "add it to groups in [project]",
            )
        ]
    return []


def _closest_hint(word: str, choices: list[str]) -> str:
    import difflib

    match = difflib.get_close_matches(word, choices, n=1)
    return f'did you mean "{match[0]}"?' if match else ""
