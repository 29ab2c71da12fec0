"""How a partnership changed, read from the project file's past versions in git.

A project file is meant to live in git, so git already holds its history: who
changed it, when, and what it said each time. This module reads those versions
(``git log --follow`` and ``git show``, run as subprocesses with a timeout; no
library) and says what changed between each one and the one before it in the
partnership's own terms: partners added, removed, given another role or status;
new assessment rounds and their means; actions added and completed.

An old version that no longer reads as a project (a bad merge, a hand edit gone
wrong) is shown as such and never stops the history: comparisons skip over it to
the nearest older version that reads. Nothing here knows about terminals.
"""

from __future__ import annotations

import os
import subprocess
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

from partnertui import analysis, storage
from partnertui.formatting import count, day
from partnertui.guidance import ROLES, STATUS_LABELS
from partnertui.model import Ingredient, Project, Role
from partnertui.storage.errors import printable

GIT_TIMEOUT = 10.0
"""Seconds any one git command may take before the history gives up on it."""

BASELINE_BATCH = 8
"""Older versions read at a time while looking for one to compare the oldest shown with."""

_GIT_OPTIONS = ("-c", "color.ui=never", "-c", "log.showSignature=false", "-c", "core.quotePath=off")
"""Settings that keep a person's git configuration from changing what we read."""


class HistoryUnavailable(Exception):
    """There is no history to show, and the message says why in plain words."""


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

    @property
    def short(self) -> str:
        return self.commit[:7]


@dataclass(frozen=True)
class Change:
    """One thing that changed in the partnership between two versions.

    ``kind`` names what it is about, for symbols and colour: ``first``, ``partner``,
    ``role``, ``status``, ``round``, ``action``, ``project``, ``other``, ``unreadable``.
    ``sign`` is how a plain-text list marks it: ``+`` added, ``-`` removed, ``~``
    changed, ``✔`` completed, ``!`` could not be read.
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
    """The nearest older version that reads; ``None`` for the first one."""
    latest_round: str | None = None
    """The most recent assessment round in this version."""
    means: dict[Ingredient, float | None] = field(default_factory=dict)
    """Each ingredient's mean in ``latest_round`` (empty when there is no round)."""


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
    author: str
    date: str
    subject: str
    path: str


_FORMAT = "%x1e%H%x1f%an%x1f%aI%x1f%s"


def _log(folder: Path, relpath: str, timeout: float) -> list[_Commit]:
    """Commits that touched the file, newest first, following it across renames."""
    result = _git(
        folder,
        "log",
        "--follow",
        "--no-color",
        f"--format={_FORMAT}",
        "--name-only",
        "-z",
        "--",
        relpath,
        timeout=timeout,
    )
    if result.returncode != 0:
        words = result.stderr.decode("utf-8", "replace").strip().splitlines()
        if words and "does not have any commits" in words[0]:
            return []
        raise HistoryUnavailable(
            "git could not list the file's versions"
            + (f": {printable(words[0].removeprefix('fatal: '))}" if words else ".")
        )
    commits = []
    path = relpath
    # Each record: hash, author, date, subject (separated by 0x1f), then NUL, newline,
    # the file's name in that commit, NUL. Reading newest first, a commit without a
    # name (a merge) keeps the name of the newer one.
    for record in result.stdout.decode("utf-8", "replace").split("\x1e"):
        if not record.strip("\x00\n"):
            continue
        head, _, tail = record.partition("\x00")
        fields = head.split("\x1f")
        if len(fields) != 4:
            continue
        names = [n for n in tail.strip("\n").split("\x00") if n.strip("\n")]
        path = names[0].strip("\n") if names else path
        commit, author, date, subject = fields
        commits.append(_Commit(commit, author, _when(date), subject, path))
    return commits


def _when(iso: str) -> str:
    """``2026-11-20T16:05:00+01:00`` as ``2026-11-20 16:05``: the author's own clock."""
    return iso[:16].replace("T", " ") if len(iso) >= 16 else iso


def _contents(root: Path, commits: Sequence[_Commit], timeout: float) -> list[bytes | None]:
    """The file's bytes at each commit (``None`` where it is missing), from one git process.

    ``git cat-file --batch`` answers every request in order, each as a header line
    (``<id> blob <size>``, or ``<request> missing``) followed by the content.
    """
    if not commits:
        return []
    requests = "".join(f"{c.commit}:{c.path}\n" for c in commits).encode("utf-8")
    result = _git(root, "cat-file", "--batch", timeout=timeout, input=requests)
    out = result.stdout
    found: list[bytes | None] = []
    at = 0
    for _ in commits:
        end = out.find(b"\n", at)
        if end < 0:
            found.append(None)
            continue
        header = out[at:end].split()
        at = end + 1
        if len(header) == 3 and header[1] == b"blob" and header[2].isdigit():
            size = int(header[2])
            found.append(out[at : at + size])
            at += size + 1  # the content is followed by a newline
        else:
            found.append(None)
    return found


def _versions(root: Path, commits: Sequence[_Commit], timeout: float) -> list[Version]:
    return [
        _version(c, data)
        for c, data in zip(commits, _contents(root, commits, timeout), strict=True)
    ]


def _version(c: _Commit, data: bytes | None) -> Version:
    def unread(problem: str) -> Version:
        return Version(c.commit, c.author, c.date, c.subject, c.path, None, problem)

    if data is None:
        return unread("the file is not in this commit (it was deleted or moved away)")
    if len(data) > storage.MAX_FILE_BYTES:
        return unread(f"it is larger than {storage.MAX_FILE_BYTES // 2**20} MB")
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError:
        return unread("it is not UTF-8 text")
    try:
        project = storage.parse(text, f"{c.commit[:7]}:{c.path}")
    except storage.ProjectFileError as error:
        first = error.problems[0]
        where = f" (line {first.line})" if first.line is not None else ""
        return unread(f"{first.message}{where}")
    return Version(c.commit, c.author, c.date, c.subject, c.path, project)


# -- reading the history ------------------------------------------------------------


def read(
    path: str | os.PathLike[str], *, limit: int | None = None, timeout: float = GIT_TIMEOUT
) -> History:
    """The history of the project file at ``path``, newest first.

    ``limit``: show at most this many versions (older ones are still read as far as
    needed to say what the oldest shown one changed). Raises
    :class:`HistoryUnavailable` when there is none to show: git is missing, the file
    is not in a repository, or it was never committed.
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
    commits = _log(root, relpath, timeout)
    status = _git(root, "status", "--porcelain", "-z", "--", relpath, timeout=timeout)
    uncommitted = status.returncode == 0 and bool(status.stdout.strip(b"\x00"))
    if not commits:
        raise HistoryUnavailable(
            f"{name} has never been committed to git, so it has no history yet. "
            "Commit it to start one."
        )
    shown = commits if limit is None else commits[: max(limit, 0)]
    versions = _versions(root, shown, timeout)
    # The oldest shown version is compared with the nearest older one that reads,
    # looked for a few versions at a time: usually the very next one reads.
    baseline: Version | None = None
    rest = commits[len(shown) :]
    while rest and baseline is None:
        batch, rest = rest[:BASELINE_BATCH], rest[BASELINE_BATCH:]
        baseline = next((v for v in _versions(root, batch, timeout) if v.project), None)
    return History(
        relpath, tuple(entries(versions, baseline)), uncommitted, len(commits) - len(shown)
    )


def entries(versions: Sequence[Version], baseline: Version | None = None) -> list[Entry]:
    """Each version (newest first) with what changed since the nearest older one that reads.

    ``baseline``: a version older than all of ``versions`` to compare the oldest with.
    """
    out: list[Entry] = []
    older = baseline
    for version in reversed(versions):
        if version.project is None:
            change = Change("unreadable", "!", f"This version could not be read: {version.problem}")
            out.append(Entry(version, (change,), older))
            continue
        project = version.project
        if older is None or older.project is None:
            changes = [first_version(project)]
        else:
            changes = compare(older.project, project)
        latest = analysis.rounds(project)
        means: dict[Ingredient, float | None] = {}
        if latest:
            stats = analysis.round_stats(project, latest[-1].name)
            means = {i: s.mean for i, s in stats.ingredients.items()}
        out.append(
            Entry(version, tuple(changes), older, latest[-1].name if latest else None, means)
        )
        older = version
    out.reverse()
    return out


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
