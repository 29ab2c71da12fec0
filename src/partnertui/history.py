"""How a partnership changed, read from the project file's past versions in git.

A project file is meant to live in git, so git already holds its history: who
changed it, when, and what it said each time. This module takes those versions
(read by :mod:`partnertui.history_git`) and says what changed in each, in the
partnership's own terms: partners added, removed, given another role or status;
new assessment rounds and their means; actions added and completed.

Work done on two branches meets in a merge, so each version is compared with the one
it was made from, its first parent, never with whatever git lists next: a branch's
commit says only what that branch did, and a merge says what it merged and what it
changed relative to its first parent. The file is followed across renames.

An old version that no longer reads as a project (a bad merge, a hand edit gone
wrong) is shown as such and never stops the history: comparisons skip over it to
the nearest version before it that reads. Nothing here knows about terminals.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path

from partnertui import analysis, history_git, storage
from partnertui.formatting import count, day
from partnertui.guidance import ROLES, STATUS_LABELS
from partnertui.history_git import GIT_TIMEOUT, HistoryUnavailable, Merged, Version
from partnertui.model import Ingredient, Project, Role
from partnertui.storage.errors import printable

__all__ = ["GIT_TIMEOUT", "Change", "Entry", "History", "HistoryUnavailable", "Merged", "Version"]


@dataclass(frozen=True)
class Change:
    """One thing that changed in the partnership between two versions.

    ``kind`` names what it is about, for symbols and colour: ``first``, ``merge``,
    ``partner``, ``role``, ``status``, ``round``, ``action``, ``project``, ``other``,
    ``unreadable``. ``sign`` is how a plain-text list marks it: ``+`` added, ``-``
    removed, ``~`` changed, ``✔`` completed, ``⇄`` merged, ``!`` could not be read.
    """

    kind: str
    sign: str
    text: str
    means: tuple[tuple[Ingredient, float | None], ...] = ()
    """For a round: each ingredient's mean in it, in the guidance's order."""
    hidden: tuple[Ingredient, ...] = ()
    """For a round: the ingredients too few answered to show their means."""


@dataclass(frozen=True)
class Entry:
    """A version, what changed in it, and the partnership's health at that point."""

    version: Version
    changes: tuple[Change, ...]
    compared_with: Version | None
    """The version this one was made from (its first parent's), or the nearest before
    that which reads; ``None`` for the first one."""
    latest_round: str | None = None
    """The most recent assessment round in this version."""
    means: dict[Ingredient, float | None] = field(default_factory=dict)
    """Each ingredient's mean in ``latest_round`` (empty when there is no round)."""
    hidden: tuple[Ingredient, ...] = ()
    """The ingredients of ``latest_round`` too few answered to show their means."""


@dataclass(frozen=True)
class History:
    """The file's versions, newest first, and what changed in each.

    Newest first, as ``git log`` lists them: the latest change is what people look for.
    """

    file: str
    """The file's path inside the repository."""
    entries: tuple[Entry, ...]
    uncommitted: bool
    """The file on disk differs from its last commit (or was never committed)."""
    older: int = 0
    """Versions left out by a limit."""

    def readable(self) -> list[Entry]:
        """Entries whose version reads, oldest first: the points a trend is drawn through."""
        return [e for e in reversed(self.entries) if e.version.project is not None]

    def latest(self) -> Entry | None:
        """The newest version that reads: where the trends end, and whose means stand
        beside them (an older version's would say nothing of where the partnership is)."""
        points = self.readable()
        return points[-1] if points else None

    def trends(self) -> dict[Ingredient, list[float | None]]:
        """Each ingredient's mean in the latest round at every readable version, oldest first.

        This answers "how did our view of each ingredient move as we worked?": the
        newest round is what the partnership thought of itself at that commit.
        """
        points = self.readable()
        return {i: [e.means.get(i) for e in points] for i in Ingredient}


# -- reading the history ------------------------------------------------------------


def read(
    path: str | os.PathLike[str], *, limit: int | None = None, timeout: float = GIT_TIMEOUT
) -> History:
    """The history of the project file at ``path``, newest first.

    ``limit``: show at most this many versions (older ones are still read as far as
    needed to say what each shown one changed). Raises :class:`HistoryUnavailable`
    when there is none to show: git is missing, the file is not in a repository, or
    it was never committed.
    """
    root, relpath, uncommitted = history_git.locate(path, timeout)
    points = history_git.points(root, relpath, timeout)
    if not points:
        name = printable(Path(path).name)  # shown, never obeyed by the terminal
        raise HistoryUnavailable(
            f"{name} has never been committed to git, so it has no history yet. "
            "Commit it to start one."
        )
    shown = points if limit is None else points[: max(limit, 0)]
    loaded = {v.commit: v for v in history_git.versions(root, shown, timeout)}
    by_id = {p.commit.commit: p for p in points}
    # Each version is compared with the one it was made from, or, where that one
    # cannot be read, the nearest one before it along first parents that can. Those
    # not shown are read together, a step at a time: usually one step is enough.
    compared: dict[str, Version | None] = {}
    looking = {p.commit.commit: p.base for p in shown}
    while looking:
        missing = {b for b in looking.values() if b is not None and b not in loaded}
        loaded |= {
            v.commit: v for v in history_git.versions(root, [by_id[b] for b in missing], timeout)
        }
        for commit, base in list(looking.items()):
            if base is None or loaded[base].project is not None:
                compared[commit] = loaded[base] if base is not None else None
                del looking[commit]
            else:
                looking[commit] = by_id[base].base
    found = [entry(loaded[p.commit.commit], compared[p.commit.commit]) for p in shown]
    return History(relpath, tuple(found), uncommitted, len(points) - len(shown))


def entry(version: Version, older: Version | None) -> Entry:
    """One version with what changed since ``older``, the version it is compared with.

    ``older`` is the one it was made from (its first parent's), or the nearest before
    that which reads; ``None`` for the first. A merge says first what it merged.
    """
    changes = [
        Change("merge", "⇄", f"Merged {m.commit[:7]} “{m.subject}”" if m.subject else "Merged")
        for m in version.merged
    ]
    if version.project is None:
        text = f"This version could not be read: {version.problem}"
        return Entry(version, (*changes, Change("unreadable", "!", text)), older)
    project = version.project
    if older is None or older.project is None:
        changes.append(first_version(project))
    else:
        changes += compare(older.project, project)
    latest = analysis.rounds(project)
    if not latest:
        return Entry(version, tuple(changes), older)
    stats = analysis.round_stats(project, latest[-1].name).ingredients
    means = {i: s.mean for i, s in stats.items()}
    hidden = tuple(i for i, s in stats.items() if s.hidden)
    return Entry(version, tuple(changes), older, latest[-1].name, means, hidden)


# -- what changed, in partnership terms ---------------------------------------------


def _role(role: Role | None) -> str:
    return ROLES[role].label.lower() if role is not None else "no role"


def _round_change(kind: str, sign: str, text: str, project: Project, name: str) -> Change:
    """A change about round ``name``, with its means as they may be shown."""
    stats = analysis.round_stats(project, name)
    means = tuple((i, s.mean) for i, s in stats.ingredients.items())
    hidden = tuple(i for i, s in stats.ingredients.items() if s.hidden)
    return Change(kind, sign, text, means, hidden)


def first_version(project: Project) -> Change:
    """How the file began: its size in partnership terms."""
    infos = analysis.rounds(project)
    text = (
        f"First version: {count(len(project.partners), 'partner')}, "
        f"{count(len(infos), 'assessment round')}, {count(len(project.actions), 'action')}"
    )
    if infos:
        text += f"; latest round “{infos[-1].name}”"
    if not infos:
        return Change("first", "+", text)
    return _round_change("first", "+", text, project, infos[-1].name)


def compare(old: Project, new: Project) -> list[Change]:
    """What changed from ``old`` to ``new``, in the order a partners' meeting would ask."""
    changes: list[Change] = []
    if old.project.name != new.project.name:
        changes.append(
            Change(
                "project", "~", f"Project renamed “{new.project.name}” (was “{old.project.name}”)"
            )
        )
    changes += _partner_changes(old, new)
    changes += _skill_changes(old, new)
    changes += _round_changes(old, new)
    changes += _action_changes(old, new)
    if not changes:
        if storage.dumps(old) == storage.dumps(new):
            changes.append(Change("other", "~", "No change to what the project says"))
        else:
            changes.append(
                Change(
                    "other",
                    "~",
                    "Other details changed (not partners, roles, rounds or actions)",
                )
            )
    return changes


def _partner_changes(old: Project, new: Project) -> list[Change]:
    changes = []
    before = {p.id: p for p in old.partners}
    after = {p.id: p for p in new.partners}
    for p in analysis.by_name(p for p in new.partners if p.id not in before):
        what = STATUS_LABELS[p.status].lower()
        if p.role is not None:
            what += f", {_role(p.role)}"
        changes.append(Change("partner", "+", f"Partner added: {p.name} ({what})"))
    for p in analysis.by_name(p for p in old.partners if p.id not in after):
        changes.append(Change("partner", "-", f"Partner removed: {p.name}"))
    for p in analysis.by_name(p for p in new.partners if p.id in before):
        was = before[p.id]
        if was.name != p.name:
            changes.append(Change("partner", "~", f"{was.name} renamed {p.name}"))
        if was.role != p.role:
            changes.append(
                Change("role", "~", f"{p.name}: role {_role(was.role)} → {_role(p.role)}")
            )
        if was.status != p.status:
            changes.append(
                Change(
                    "status",
                    "~",
                    f"{p.name}: {STATUS_LABELS[was.status].lower()} → "
                    f"{STATUS_LABELS[p.status].lower()}",
                )
            )
    return changes


def _skill_changes(old: Project, new: Project) -> list[Change]:
    before = {s.casefold() for s in old.project.skills_needed}
    after = {s.casefold() for s in new.project.skills_needed}
    changes = [
        Change("project", "+", f"Skill needed: {s}")
        for s in new.project.skills_needed
        if s.casefold() not in before
    ]
    changes += [
        Change("project", "-", f"Skill no longer needed: {s}")
        for s in old.project.skills_needed
        if s.casefold() not in after
    ]
    return changes


def _round_changes(old: Project, new: Project) -> list[Change]:
    changes = []
    before = {r.name: r for r in analysis.rounds(old)}
    after = analysis.rounds(new)
    for info in after:
        responses = count(len(info.respondents), "response")
        if info.name not in before:
            text = f"New assessment round “{info.name}” ({day(info.date)}), {responses}"
            changes.append(_round_change("round", "+", text, new, info.name))
            continue
        was = before[info.name]
        old_scores = sorted(
            (a.respondent, sorted(a.scores.items()))
            for a in old.assessments
            if a.round == info.name
        )
        new_scores = sorted(
            (a.respondent, sorted(a.scores.items()))
            for a in new.assessments
            if a.round == info.name
        )
        if old_scores == new_scores:
            continue
        if len(was.respondents) != len(info.respondents):
            text = f"Round “{info.name}”: {len(was.respondents)} → {responses}"
        else:
            text = f"Round “{info.name}”: scores changed"
        changes.append(_round_change("round", "~", text, new, info.name))
    names = {r.name for r in after}
    changes += [
        Change("round", "-", f"Assessment round “{name}” removed")
        for name in before
        if name not in names
    ]
    return changes


def _action_changes(old: Project, new: Project) -> list[Change]:
    """Actions have no id, so an action is known by its text; a reworded one is new."""
    changes = []
    before = {a.text: a for a in old.actions}
    after = {a.text for a in new.actions}
    for action in new.actions:
        was = before.get(action.text)
        if was is None:
            done = " (already done)" if action.done else ""
            changes.append(Change("action", "+", f"Action added: {action.text}{done}"))
        elif action.done and not was.done:
            changes.append(Change("action", "✔", f"Action completed: {action.text}"))
        elif was.done and not action.done:
            changes.append(Change("action", "~", f"Action open again: {action.text}"))
    changes += [
        Change("action", "-", f"Action removed: {a.text}")
        for a in old.actions
        if a.text not in after
    ]
    return changes
