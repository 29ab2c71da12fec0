"""partnertui in git's merges: the merge driver, its setup, and resolving afterwards.

:mod:`partnertui.merging` merges three projects; this module is what sits between
it and git: reading the three files git hands a merge driver, falling back to git's
own line merge for a file that is not a project (so the driver is safe to register
for every ``*.toml``), writing the result, registering the driver in a repository
or for the person, and merging again from git's index a file that was merged by
lines before the driver was set up. git runs as a subprocess, with a timeout.
"""

from __future__ import annotations

import os
import re
import shlex
import subprocess
import sys
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

from partnertui import storage
from partnertui.integrity import integrity_problems
from partnertui.merging import Markers, merge
from partnertui.storage import ProjectFileError, atomic
from partnertui.storage import lock as locks
from partnertui.storage.errors import Problem
from partnertui.storage.problems import conflict_markers, printable
from partnertui.storage.session import holding_lock

GIT_TIMEOUT = 60.0
DRIVER_NAME = "partnertui"
ATTRIBUTES_LINE = f"*.toml merge={DRIVER_NAME}"
DESCRIPTION = "partnertui: merges project files by partner, round, response and action"


@dataclass
class Outcome:
    """What a merge came to: the exit status and what to tell the person."""

    status: int
    lines: list[str] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)
    """What is left to resolve, each at its FILE:LINE:COLUMN, for editors to read."""


class NotProjects(Exception):
    """A version that is not a partnertui project, or does not read: merge by lines."""


# -- merging three texts ------------------------------------------------------------


def merge_texts(
    base: str, ours: str, theirs: str, name: str, markers: Markers | None = None
) -> tuple[str, list[Problem]]:
    """The merged text and what is left to resolve (conflicts, broken rules).

    Raises :class:`NotProjects` when ours or theirs is not a project that reads,
    or base is neither empty (no common ancestor) nor one.
    """
    from partnertui.storage.versions import parse_versions

    versions = [ours, theirs] if not base.strip() else [ours, theirs, base]
    try:
        read = parse_versions(versions, name)
    except ProjectFileError:
        raise NotProjects(name) from None
    ours_project, theirs_project = read[0], read[1]
    base_project = read[2] if len(read) == 3 else None
    merged = merge(base_project, ours_project, theirs_project)
    text = merged.text(markers)
    if merged.conflicts:
        return text, conflict_markers(name, text)
    broken = integrity_problems(merged.project)
    if broken:
        from partnertui.storage.problems import integrity

        return text, integrity(name, text, broken)
    return text, []


def _decoded(data: bytes) -> str:
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        raise NotProjects("") from None


# -- the merge driver -----------------------------------------------------------------


def run_driver(
    base: Path,
    ours: Path,
    theirs: Path,
    *,
    output: Path | None,
    name: str,
    labels: list[str],
    marker_size: int,
) -> Outcome:
    """Merge the three files as git's driver: the result goes to ``output`` or ``ours``."""
    defaults = ("ours", "base", "theirs")
    ours_label, base_label, theirs_label = (
        labels[i] if i < len(labels) else defaults[i] for i in range(3)
    )
    markers = Markers(ours_label, theirs_label, marker_size)
    try:
        texts = [_decoded(path.read_bytes()) for path in (base, ours, theirs)]
    except OSError as error:
        return Outcome(2, [f"cannot read {printable(str(error.filename))}: {error.strerror}"])
    try:
        text, left = merge_texts(*texts, name, markers)
    except NotProjects:
        return _line_merge(
            base, ours, theirs, output, (ours_label, base_label, theirs_label), marker_size
        )
    target = output if output is not None else ours
    try:
        atomic.write(target, text.encode("utf-8"))
    except OSError as error:
        return Outcome(2, [f"cannot write {printable(str(target))}: {error.strerror}"])
    return Outcome(1 if left else 0, [str(problem) for problem in left])


def _line_merge(
    base: Path,
    ours: Path,
    theirs: Path,
    output: Path | None,
    labels: tuple[str, str, str],
    marker_size: int,
) -> Outcome:
    """git's own line merge, for files that are not projects; its status is ours.

    git prints the result (``-p``) rather than rewriting ``ours`` in place, so that it
    lands through the atomic writer like every file partnertui writes: whole or not
    at all, its mode kept. git's status is the number of conflicts (up to 127); any
    other is a failure (a binary file), and nothing is written.
    """
    argv = ["git", "merge-file", "-p", f"--marker-size={marker_size}"]
    for label in labels:
        argv += ["-L", label]
    argv += [str(ours), str(base), str(theirs)]
    try:
        done = subprocess.run(argv, capture_output=True, timeout=GIT_TIMEOUT)
    except (OSError, subprocess.TimeoutExpired) as error:
        return Outcome(2, [f"git merge-file could not run ({error})"])
    said = printable(done.stderr.decode("utf-8", "replace").strip())
    if not 0 <= done.returncode <= 127:
        return Outcome(2, [said or f"git merge-file failed (exit status {done.returncode})"])
    target = output if output is not None else ours
    try:
        atomic.write(target, done.stdout)
    except OSError as error:
        return Outcome(2, [f"cannot write {printable(str(target))}: {error.strerror}"])
    return Outcome(done.returncode, [said] if said else [])


# -- setting git up ---------------------------------------------------------------------


def driver_command() -> str:
    """The driver as git runs it: this Python and this partnertui, wherever git runs
    it from (a hook, an editor, CI), not whatever ``partnertui`` is on the PATH."""
    command = shlex.join([sys.executable, "-m", "partnertui"])
    return f"{command} merge %O %A %B --path %P --marker-size %L"


def git_setup(*, everywhere: bool, cwd: Path) -> Outcome:
    """Register the driver and the ``*.toml`` attribute in this repository (or for the
    person, with ``everywhere``); harmless to run again."""
    scope = ["--global"] if everywhere else []
    if not everywhere:
        found = _git(["rev-parse", "--show-toplevel"], cwd)
        if found is None or found.returncode != 0:
            return Outcome(
                2,
                [
                    "this is not inside a git repository; run it in the repository that "
                    "holds your project files, or add --global to set it up for every "
                    "repository of yours"
                ],
            )
        root = Path(found.stdout.strip())
        attributes = root / ".gitattributes"
    else:
        attributes = _global_attributes(cwd)
    done: list[str] = []
    for key, value in (("name", DESCRIPTION), ("driver", driver_command())):
        name = f"merge.{DRIVER_NAME}.{key}"
        current = _git(["config", *scope, "--get", name], cwd)
        if current is not None and current.returncode == 0 and current.stdout.strip() == value:
            continue
        result = _git(["config", *scope, name, value], cwd)
        if result is None or result.returncode != 0:
            return Outcome(2, [f"git config {name} failed: {_said(result)}"])
        done.append(f"set git config {' '.join(scope) + ' ' if scope else ''}{name}")
    try:
        lines = attributes.read_text(encoding="utf-8").splitlines()
    except FileNotFoundError:
        lines = []
    except OSError as error:
        return Outcome(2, [f"cannot read {printable(str(attributes))}: {error.strerror}"])
    if ATTRIBUTES_LINE not in (line.strip() for line in lines):
        try:
            attributes.parent.mkdir(parents=True, exist_ok=True)
            atomic.write(attributes, ("\n".join([*lines, ATTRIBUTES_LINE]) + "\n").encode())
        except OSError as error:
            return Outcome(2, [f"cannot write {printable(str(attributes))}: {error.strerror}"])
        done.append(f"added “{ATTRIBUTES_LINE}” to {printable(str(attributes))}")
    if not done:
        return Outcome(0, ["already set up: git merges project files with partnertui"])
    return Outcome(0, [*done, "git now merges *.toml project files with partnertui"])


def _global_attributes(cwd: Path) -> Path:
    found = _git(["config", "--global", "--get", "core.attributesFile"], cwd)
    if found is not None and found.returncode == 0 and found.stdout.strip():
        return Path(os.path.expanduser(found.stdout.strip()))
    config = os.environ.get("XDG_CONFIG_HOME") or os.path.join(os.path.expanduser("~"), ".config")
    return Path(config) / "git" / "attributes"


def _git(argv: list[str], cwd: Path, *, binary: bool = False) -> subprocess.CompletedProcess | None:
    """git's answer, as text or (``binary``) as the bytes it wrote; ``None`` when it
    cannot be run."""
    text = {} if binary else {"encoding": "utf-8", "errors": "surrogateescape"}
    try:
        return subprocess.run(
            ["git", *argv], cwd=cwd, capture_output=True, timeout=GIT_TIMEOUT, **text
        )
    except (OSError, subprocess.TimeoutExpired):
        return None


def _said(result: subprocess.CompletedProcess[str] | None) -> str:
    if result is None:
        return "git could not be run"
    return printable(result.stderr.strip() or f"exit status {result.returncode}")


# -- resolving a file git merged by lines -----------------------------------------------


def resolve(path: Path, *, force: bool = False) -> Outcome:
    """Merge ``path`` again from the three versions git keeps while a merge is stopped.

    What is in the file now is what would be lost, so it is only replaced when it is
    still exactly what git's line merge left (conflict markers and all), unless the
    person says ``force``; and only through storage, holding the file's lock, never
    over a change made while this ran. Every refusal writes nothing.
    """
    shown = printable(str(path))
    try:
        data, read = storage.read_bytes(path)
    except storage.UnreadableFile as error:
        problem = error.problems[0]
        hint = f"; {problem.hint}" if problem.hint else ""
        return Outcome(2, [f"{shown}: {printable(problem.message)}{hint}"])
    folder = path.parent if str(path.parent) else Path(".")
    versions = _versions_in_the_index(path, folder)
    if isinstance(versions, Outcome):
        return versions
    if not force:
        refused = _hand_edits(path, data, versions, folder)
        if refused:
            return Outcome(1, [refused])
    texts = [_text(blob) for blob in versions]
    try:
        text, left = merge_texts(*texts, str(path))
    except NotProjects:
        return Outcome(
            1,
            [
                f"{shown}: the two versions do not both read as partnertui projects, so it "
                "cannot be merged field by field; resolve its conflict markers by hand"
            ],
        )
    try:
        with holding_lock(path):
            storage.save_text(path, text, expected=read)
    except locks.LockHeld as held:
        return Outcome(
            1,
            [
                f"{shown} is open for editing by {printable(held.who)}, so nothing was "
                f"written; close it there, then run partnertui resolve {shown} again"
            ],
        )
    except storage.SaveError as error:
        return Outcome(2, [printable(str(error))])
    if left:
        return Outcome(
            1,
            [
                f"{shown}: merged again field by field; {len(left)} left to resolve by hand, "
                f"then git add {shown}"
            ],
            problems=[str(p) for p in left],
        )
    return Outcome(0, [f"{shown}: merged cleanly field by field; check it, then git add {shown}"])


def _text(blob: bytes) -> str:
    """A version as the merge reads it: any line ends read as ``\\n``, and bytes that
    are not UTF-8 kept (escaped), for the reading to say the version is no project."""
    return blob.decode("utf-8", "surrogateescape").replace("\r\n", "\n").replace("\r", "\n")


def _versions_in_the_index(path: Path, folder: Path) -> list[bytes] | Outcome:
    """The common ancestor (empty when there is none), ours and theirs, as git keeps
    them while a merge of ``path`` is stopped; or why there are none."""
    shown = printable(str(path))
    listed = _git(["ls-files", "-u", "-z", "--", path.name], folder)
    if listed is None or listed.returncode != 0:
        return Outcome(
            2,
            [
                f"{shown} is not in a git repository (or git cannot be run), so there are no "
                "versions to merge from; resolve its conflict markers by hand, then run "
                f"partnertui check {shown}"
            ],
        )
    stages: dict[int, str] = {}
    for entry in filter(None, listed.stdout.split("\0")):
        info = entry.split("\t", 1)[0].split()
        stages[int(info[2])] = info[1]
    if 2 not in stages or 3 not in stages:
        why = (
            "git is not in the middle of a merge of this file"
            if not stages
            else "one side of the merge deleted it"
        )
        return Outcome(
            2,
            [
                f"{shown}: {why}, so there are no two versions to merge. During a merge that "
                f"stopped on it, run partnertui resolve {shown}; otherwise resolve any "
                f"conflict markers by hand and run partnertui check {shown}"
            ],
        )
    versions = []
    for stage in (1, 2, 3):
        if stage not in stages:
            versions.append(b"")  # added on both sides: no common version
            continue
        blob = _git(["cat-file", "blob", stages[stage]], folder, binary=True)
        if blob is None or blob.returncode != 0:
            return Outcome(2, [f"git could not give the version {stage} of {shown}"])
        versions.append(blob.stdout)
    return versions


def _hand_edits(path: Path, data: bytes, versions: list[bytes], folder: Path) -> str:
    """Why merging ``path`` again would lose work done on it by hand; empty when it
    would not: the file still holds conflict markers and is what git left."""
    shown = printable(str(path))
    text = data.decode("utf-8", "replace")
    if not conflict_markers(str(path), text):
        return (
            f"{shown} holds no conflict markers: it looks resolved by hand already, so "
            f"nothing was written. Check it with partnertui check {shown}, then git add "
            f"{shown}. To merge git's versions again anyway, losing what was done by hand, "
            f"run partnertui resolve --force {shown}"
        )
    if _unlabelled(data) != _unlabelled(_line_merged(versions, path.name, folder)):
        return (
            f"{shown} was changed after git stopped the merge (it is not what git left), so "
            "nothing was written: merging again would lose those changes. Finish resolving "
            f"its conflict markers by hand and run partnertui check {shown}; or, to merge "
            f"git's versions again and lose them, run partnertui resolve --force {shown}"
        )
    return ""


def _line_merged(versions: list[bytes], name: str, folder: Path) -> bytes:
    """What git's line merge makes of the three versions: what a stopped merge leaves
    in the file, with git's own settings for its conflict markers. Empty when git
    cannot say, which is never what a file with conflict markers holds."""
    size = _git(["check-attr", "conflict-marker-size", "--", name], folder)
    value = size.stdout.rsplit(":", 1)[-1].strip() if size and size.returncode == 0 else ""
    argv = ["merge-file", "-p", f"--marker-size={value if value.isdigit() else 7}"]
    style = _git(["config", "--get", "merge.conflictStyle"], folder)
    if style is not None and style.stdout.strip() in ("diff3", "zdiff3"):
        argv.append(f"--{style.stdout.strip()}")
    with tempfile.TemporaryDirectory(prefix="partnertui-resolve-") as scratch:
        files = [Path(scratch) / side for side in ("ours", "base", "theirs")]
        for file, version in zip(files, (versions[1], versions[0], versions[2]), strict=True):
            atomic.write(file, version, mode=0o600)  # a project's contacts and notes
        merged = _git([*argv, *map(str, files)], folder, binary=True)
    if merged is None or not 0 <= merged.returncode <= 127:
        return b""
    return merged.stdout


_MARKER_LINE = re.compile(rb"^(<{7,}|\|{7,}|>{7,}) .*$", re.MULTILINE)


def _unlabelled(data: bytes) -> bytes:
    """``data`` with the names on its conflict markers left out (git writes the branch
    merged, ``HEAD``, a commit), and Windows line ends read as any other."""
    return _MARKER_LINE.sub(rb"\1", data.replace(b"\r\n", b"\n"))
