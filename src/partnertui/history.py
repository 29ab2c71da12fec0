"""How a partnership changed, read from the project file's past versions in git.

A project file is meant to live in git, so git already holds its history: who
changed it, when, and what it said each time. This module reads those versions
(``git log`` and ``git cat-file``, run as subprocesses with a timeout; no library)
and says what changed in each, in the partnership's own terms: partners added,
removed, given another role or status; new assessment rounds and their means;
actions added and completed.

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
import subprocess
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import NamedTuple

from partnertui import analysis, storage
from partnertui.formatting import count, day
from partnertui.guidance import ROLES, STATUS_LABELS
from partnertui.model import Ingredient, Project, Role
from partnertui.storage.errors import printable

GIT_TIMEOUT = 10.0
"""Seconds any one git command may take before the history gives up on it."""

_GIT_OPTIONS = ("-c", "color.ui=never", "-c", "log.showSignature=false", "-c", "core.quotePath=off")
"""Settings that keep a person's git configuration from changing what we read."""


class HistoryUnavailable(Exception):
    """There is no history to show, and the message says why in plain words."""


class Merged(NamedTuple):
    """A commit a merge brought in: the tip of the other line of work."""

    commit: str
    subject: str


@dataclass(frozen=True)
class Version:
    """One committed version of the file, and the project it holds if it reads."""

    commit: str
    author: str
    date: str
    """When the author made it, on the author's clock: ``2026-11-20 16:05``."""
    subject: str
    path: str
    """Where the file was in the repository at that commit (it may have moved since)."""
    project: Project | None
    problem: str | None = None
    """Why this version could not be read; ``None`` when it reads."""
    merged: tuple[Merged, ...] = ()
    """For a merge, what it merged; it is compared with its first parent."""

    @property
    def short(self) -> str:
        return self.commit[:7]


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


# -- running git -------------------------------------------------------------------


def _git(
    folder: Path, *args: str, timeout: float, input: bytes | None = None
) -> subprocess.CompletedProcess[bytes]:
    env = {**os.environ, "GIT_TERMINAL_PROMPT": "0", "GIT_OPTIONAL_LOCKS": "0", "LC_ALL": "C"}
    try:
        return subprocess.run(
            ["git", *_GIT_OPTIONS, *args],
            cwd=folder,
            capture_output=True,
            input=input if input is not None else b"",
            timeout=timeout,
            env=env,
            check=False,
        )
    except FileNotFoundError:
        raise HistoryUnavailable(
            "git is not installed here, so partnertui cannot read the file's history."
        ) from None
    except subprocess.TimeoutExpired:
        raise HistoryUnavailable(
            f"git took longer than {timeout:g} seconds to answer, so the history was not read."
        ) from None
    except OSError as error:
        raise HistoryUnavailable(f"git could not be run ({error.strerror or error}).") from None


@dataclass(frozen=True)
class _Commit:
    commit: str
    parents: tuple[str, ...]
    """Its parents in the history of the file (git's rewritten parents: the nearest
    commits on each line that touch one of the file's names, or merge)."""
    author: str
    date: str
    subject: str


@dataclass(frozen=True)
class _Point:
    """A commit in which the file differs from its first parent: one version of it."""

    commit: _Commit
    path: str
    blob: str | None
    """The file's content id at this commit; ``None`` when it is not there."""
    base: str | None
    """The version this one was made from: the nearest version along first parents."""
    merged: tuple[_Commit, ...]
    """For a merge, the other parents, whose work it brought in."""


_FORMAT = "%x1e%H%x1f%P%x1f%an%x1f%aI%x1f%s"


def _nothing_committed(result: subprocess.CompletedProcess[bytes]) -> bool:
    """Whether git's log found a repository with no commits yet (no history, no failure);
    any other failure is said in words."""
    if result.returncode == 0:
        return False
    words = result.stderr.decode("utf-8", "replace").strip().splitlines()
    if words and "does not have any commits" in words[0]:
        return True
    raise HistoryUnavailable(
        "git could not list the file's versions"
        + (f": {printable(words[0].removeprefix('fatal: '))}" if words else ".")
    )


def _names(folder: Path, relpath: str, timeout: float) -> list[str]:
    """Every name the file has had, its present one first, newest first (``--follow``)."""
    result = _git(
        folder, "log", "--follow", "--format=", "--name-only", "-z", "--", relpath, timeout=timeout
    )
    names = [relpath]
    if _nothing_committed(result):
        return names
    for name in result.stdout.decode("utf-8", "replace").split("\x00"):
        name = name.strip("\n")
        if name and name not in names:
            names.append(name)
    return names


def _log(folder: Path, names: Sequence[str], timeout: float) -> list[_Commit]:
    """Every commit that touches one of ``names``, and every merge, children first.

    ``--full-history`` keeps both sides of every merge and the merges themselves
    (``--follow`` drops them); ``--parents`` rewrites each commit's parents to the
    nearest ones listed, so a commit's first parent holds the file as it was before it.
    """
    result = _git(
        folder,
        "log",
        "--full-history",
        "--date-order",
        "--parents",
        "--no-color",
        f"--format={_FORMAT}",
        "-z",
        "--",
        *names,
        timeout=timeout,
    )
    if _nothing_committed(result):
        return []
    commits = []
    for record in result.stdout.decode("utf-8", "replace").split("\x1e"):
        fields = record.strip("\x00\n").split("\x1f")
        if len(fields) != 5:
            continue
        commit, parents, author, date, subject = fields
        commits.append(_Commit(commit, tuple(parents.split()), author, _when(date), subject))
    return commits


def _blob_ids(folder: Path, requests: Sequence[str], timeout: float) -> list[str | None]:
    """The object id of each ``commit:path`` asked for (``None`` where there is none).

    ``git cat-file --batch-check`` takes them all, a line each; a name with a line
    break in it cannot be asked that way, so it is asked of ``git rev-parse``, one at
    a time: only such a name pays for it.
    """
    by_line = [r for r in requests if "\n" not in r]
    asked = "".join(f"{r}\n" for r in by_line).encode("utf-8")
    answers: dict[str, str | None] = {}
    if by_line:
        result = _git(folder, "cat-file", "--batch-check", timeout=timeout, input=asked)
        lines = result.stdout.decode("utf-8", "replace").splitlines()
        for request, line in zip(by_line, lines, strict=False):
            parts = line.split()
            answers[request] = parts[0] if len(parts) == 3 and parts[1] == "blob" else None
    for request in requests:
        if "\n" in request:
            result = _git(folder, "rev-parse", "-q", "--verify", request, timeout=timeout)
            answers[request] = result.stdout.decode().strip() or None
    return [answers.get(r) for r in requests]


def _points(folder: Path, relpath: str, timeout: float) -> list[_Point]:
    """The file's versions, newest first: each commit where it differs from its first parent.

    A merge is a version when it changed the file relative to its first parent (what
    it brought in, and how the two sides were put together). Where the file was
    renamed, a commit holds it under the name it had then.
    """
    names = _names(folder, relpath, timeout)
    commits = _log(folder, names, timeout)
    blobs = iter(_blob_ids(folder, [f"{c.commit}:{n}" for c in commits for n in names], timeout))
    present = {c.commit: dict(zip(names, blobs, strict=False)) for c in commits}
    path: dict[str, str] = {}
    for c in commits:  # children come before their parents
        here = path.setdefault(c.commit, relpath)
        for parent in c.parents:
            there = present.get(parent, {})
            if parent not in path and there:
                path[parent] = (
                    here if there.get(here) else next((n for n in names if there[n]), here)
                )

    def state(commit: str | None) -> tuple[str, str | None] | None:
        """Where the file is at ``commit`` and its content id; ``None`` before any commit."""
        if commit is None or commit not in present:
            return None
        return path[commit], present[commit].get(path[commit])

    by_id = {c.commit: c for c in commits}
    version_at: dict[str, str | None] = {}
    points: list[_Point] = []
    for c in reversed(commits):  # parents first
        first = c.parents[0] if c.parents else None
        here, before = path[c.commit], state(first)
        blob = present[c.commit].get(here)
        if (here, blob) == before or (blob is None and (before is None or before[1] is None)):
            version_at[c.commit] = version_at.get(first) if first else None
            continue
        version_at[c.commit] = c.commit
        merged = tuple(by_id.get(p) or _Commit(p, (), "", "", "") for p in c.parents[1:])
        base = version_at.get(first) if first else None
        points.append(_Point(c, here, blob, base, merged))
    points.reverse()
    return points


def _when(iso: str) -> str:
    """``2026-11-20T16:05:00+01:00`` as ``2026-11-20 16:05``: the author's own clock."""
    return iso[:16].replace("T", " ") if len(iso) >= 16 else iso


def _contents(root: Path, points: Sequence[_Point], timeout: float) -> list[bytes | None]:
    """The file's bytes at each version (``None`` where it is missing), from one git process.

    ``git cat-file --batch`` answers every request in order, each as a header line
    (``<id> blob <size>``, or ``<request> missing``) followed by the content.
    """
    wanted = [p.blob for p in points if p.blob is not None]
    if not wanted:
        return [None] * len(points)
    result = _git(
        root,
        "cat-file",
        "--batch",
        timeout=timeout,
        input="".join(f"{w}\n" for w in wanted).encode(),
    )
    out = result.stdout
    read: list[bytes | None] = []
    at = 0
    for _ in wanted:
        end = out.find(b"\n", at)
        if end < 0:
            read.append(None)
            continue
        header = out[at:end].split()
        at = end + 1
        if len(header) == 3 and header[1] == b"blob" and header[2].isdigit():
            size = int(header[2])
            read.append(out[at : at + size])
            at += size + 1  # the content is followed by a newline
        else:
            read.append(None)
    contents = iter(read)
    return [next(contents) if p.blob is not None else None for p in points]


def _versions(root: Path, points: Sequence[_Point], timeout: float) -> list[Version]:
    return [
        _version(p, data) for p, data in zip(points, _contents(root, points, timeout), strict=True)
    ]


def _version(p: _Point, data: bytes | None) -> Version:
    c = p.commit
    merged = tuple(Merged(m.commit, m.subject) for m in p.merged)

    def unread(problem: str) -> Version:
        return Version(c.commit, c.author, c.date, c.subject, p.path, None, problem, merged)

    if data is None:
        return unread("the file is not in this commit (it was deleted or moved away)")
    if len(data) > storage.MAX_FILE_BYTES:
        return unread(f"it is larger than {storage.MAX_FILE_BYTES // 2**20} MB")
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError:
        return unread("it is not UTF-8 text")
    try:
        project = storage.parse(text, f"{c.commit[:7]}:{p.path}")
    except storage.ProjectFileError as error:
        first = error.problems[0]
        where = f" (line {first.line})" if first.line is not None else ""
        return unread(f"{first.message}{where}")
    return Version(c.commit, c.author, c.date, c.subject, p.path, project, None, merged)


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
    target = Path(os.path.realpath(path))
    folder = target.parent
    name = printable(Path(path).name)  # shown, never obeyed by the terminal
    if not folder.is_dir():
        raise HistoryUnavailable(f"The folder {printable(str(folder))} does not exist.")
    top = _git(folder, "rev-parse", "--show-toplevel", timeout=timeout)
    if top.returncode != 0:
        raise HistoryUnavailable(
            f"{name} is not in a git repository, so there is no history to show. "
            "Keep the project file in git and commit it after each change to see how the "
            "partnership changed."
        )
    root = Path(os.path.realpath(top.stdout.decode("utf-8", "replace").strip()))
    try:
        relpath = target.relative_to(root).as_posix()
    except ValueError:
        raise HistoryUnavailable(f"{name} is outside its git repository.") from None
    points = _points(root, relpath, timeout)
    status = _git(root, "status", "--porcelain", "-z", "--", relpath, timeout=timeout)
    uncommitted = status.returncode == 0 and bool(status.stdout.strip(b"\x00"))
    if not points:
        raise HistoryUnavailable(
            f"{name} has never been committed to git, so it has no history yet. "
            "Commit it to start one."
        )
    shown = points if limit is None else points[: max(limit, 0)]
    loaded = {v.commit: v for v in _versions(root, shown, timeout)}
    by_id = {p.commit.commit: p for p in points}
    # Each version is compared with the one it was made from, or, where that one
    # cannot be read, the nearest one before it along first parents that can. Those
    # not shown are read together, a step at a time: usually one step is enough.
    compared: dict[str, Version | None] = {}
    looking = {p.commit.commit: p.base for p in shown}
    while looking:
        missing = {b for b in looking.values() if b is not None and b not in loaded}
        loaded |= {v.commit: v for v in _versions(root, [by_id[b] for b in missing], timeout)}
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
