"""A project file's committed versions, read out of git.

``git log`` and ``git cat-file`` run as subprocesses with a timeout (no library),
with settings that keep a person's own git configuration from changing what is
read. The file is followed across renames; each version knows the one it was made
from (its first parent's), and a merge what it merged. A version that no longer
reads as a project is kept, with the reason, for :mod:`partnertui.history` to show.
"""

from __future__ import annotations

import os
import subprocess
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import NamedTuple

from partnertui import storage
from partnertui.model import Project
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


def git(
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
class Commit:
    commit: str
    parents: tuple[str, ...]
    """Its parents in the history of the file (git's rewritten parents: the nearest
    commits on each line that touch one of the file's names, or merge)."""
    author: str
    date: str
    subject: str


@dataclass(frozen=True)
class Point:
    """A commit in which the file differs from its first parent: one version of it."""

    commit: Commit
    path: str
    blob: str | None
    """The file's content id at this commit; ``None`` when it is not there."""
    base: str | None
    """The version this one was made from: the nearest version along first parents."""
    merged: tuple[Commit, ...]
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
    result = git(
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


def _log(folder: Path, names: Sequence[str], timeout: float) -> list[Commit]:
    """Every commit that touches one of ``names``, and every merge, children first.

    ``--full-history`` keeps both sides of every merge and the merges themselves
    (``--follow`` drops them); ``--parents`` rewrites each commit's parents to the
    nearest ones listed, so a commit's first parent holds the file as it was before it.
    """
    result = git(
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
        commits.append(Commit(commit, tuple(parents.split()), author, _when(date), subject))
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
        result = git(folder, "cat-file", "--batch-check", timeout=timeout, input=asked)
        lines = result.stdout.decode("utf-8", "replace").splitlines()
        for request, line in zip(by_line, lines, strict=False):
            parts = line.split()
            answers[request] = parts[0] if len(parts) == 3 and parts[1] == "blob" else None
    for request in requests:
        if "\n" in request:
            result = git(folder, "rev-parse", "-q", "--verify", request, timeout=timeout)
            answers[request] = result.stdout.decode().strip() or None
    return [answers.get(r) for r in requests]


def locate(path: str | os.PathLike[str], timeout: float) -> tuple[Path, str, bool]:
    """The repository ``path`` is in, its path inside it, and whether the file on disk
    differs from its last commit (or was never committed). Raises
    :class:`HistoryUnavailable` when it is in no repository."""
    target = Path(os.path.realpath(path))
    folder = target.parent
    name = printable(Path(path).name)  # shown, never obeyed by the terminal
    if not folder.is_dir():
        raise HistoryUnavailable(f"The folder {printable(str(folder))} does not exist.")
    top = git(folder, "rev-parse", "--show-toplevel", timeout=timeout)
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
    status = git(root, "status", "--porcelain", "-z", "--", relpath, timeout=timeout)
    return root, relpath, status.returncode == 0 and bool(status.stdout.strip(b"\x00"))


def points(folder: Path, relpath: str, timeout: float) -> list[Point]:
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
    points: list[Point] = []
    for c in reversed(commits):  # parents first
        first = c.parents[0] if c.parents else None
        here, before = path[c.commit], state(first)
        blob = present[c.commit].get(here)
        if (here, blob) == before or (blob is None and (before is None or before[1] is None)):
            version_at[c.commit] = version_at.get(first) if first else None
            continue
        version_at[c.commit] = c.commit
        merged = tuple(by_id.get(p) or Commit(p, (), "", "", "") for p in c.parents[1:])
        base = version_at.get(first) if first else None
        points.append(Point(c, here, blob, base, merged))
    points.reverse()
    return points


def _when(iso: str) -> str:
    """``2026-11-20T16:05:00+01:00`` as ``2026-11-20 16:05``: the author's own clock."""
    return iso[:16].replace("T", " ") if len(iso) >= 16 else iso


def _contents(root: Path, points: Sequence[Point], timeout: float) -> list[bytes | None]:
    """The file's bytes at each version (``None`` where it is missing), from one git process.

    ``git cat-file --batch`` answers every request in order, each as a header line
    (``<id> blob <size>``, or ``<request> missing``) followed by the content.
    """
    wanted = [p.blob for p in points if p.blob is not None]
    if not wanted:
        return [None] * len(points)
    result = git(
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


def versions(root: Path, points: Sequence[Point], timeout: float) -> list[Version]:
    return [
        _version(p, data) for p, data in zip(points, _contents(root, points, timeout), strict=True)
    ]


def _version(p: Point, data: bytes | None) -> Version:
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
