"""Unsaved edits kept safe beside the project file, for after a crash or a dropped line.

While a project has unsaved edits, the workbook writes them a few seconds after each
change to a recovery file in the project's folder, ``.NAME.toml.SESSION.recovery``:
the whole project in its canonical form, under two comment lines saying whose
session kept it, written atomically and readable by its owner alone (it may hold
contacts and notes). Every session has a file of its own, so two people on one
file (one took it over from the other) never overwrite each other's copy. Saving
or discarding the edits removes the session's file.

When the file is opened next, copies left by sessions that have ended, and that
differ from the file, are offered one at a time, in the workbook's own words, to
restore or discard. A copy whose session still runs here is that session's, and is
left alone. A copy that cannot be read is set aside under a name of its own and
reported. Copies made before sessions had files of their own
(``.NAME.toml.recovery``) are found too.
"""

from __future__ import annotations

import contextlib
import json
import os
import re
from pathlib import Path
from typing import NamedTuple

from partnertui.model import Project
from partnertui.storage import ProjectFileError, atomic, dumps, parse
from partnertui.storage.lock import Owner

__all__ = [
    "BrokenRecovery",
    "Findings",
    "Recovered",
    "differences",
    "discard",
    "files",
    "find",
    "recovery_path",
    "write",
]

_OWNER_LINE = re.compile(r"^# owner = (\{.*\})$", re.MULTILINE)
_SESSION = re.compile(r"[0-9a-f]{8}")


def recovery_path(project: Path, session: str = "") -> Path:
    """Where ``session`` keeps unsaved edits of ``project``; without a session, the
    one name every session used before each had its own (``.NAME.toml.recovery``)."""
    if session:
        return project.with_name(f".{project.name}.{session}.recovery")
    return project.with_name(f".{project.name}.recovery")


def files(project: Path) -> list[Path]:
    """Every recovery copy of ``project`` in its folder, whoever kept it."""
    try:
        names = os.listdir(project.parent)
    except FileNotFoundError:
        return []
    prefix, suffix = f".{project.name}.", ".recovery"
    return sorted(
        project.parent / name
        for name in names
        if name == recovery_path(project).name
        or (
            name.startswith(prefix)
            and name.endswith(suffix)
            and _SESSION.fullmatch(name[len(prefix) : -len(suffix)]) is not None
        )
    )


def write(project_file: Path, project: Project, owner: Owner | None = None) -> Path:
    """Keep ``project`` as ``owner``'s recovery copy of ``project_file``, all or nothing.

    Raises ``OSError`` when it cannot be written (the caller says so and carries on).
    """
    target = recovery_path(project_file, owner.session if owner else "")
    head = ""
    if owner is not None:
        head = (
            # Names may hold anything, but each comment must stay on its one line.
            f"# Unsaved edits of {json.dumps(project_file.name)}, kept by partnertui for "
            f"{json.dumps(owner.describe())[1:-1]}.\n"
            f"# owner = {json.dumps(owner._asdict(), ensure_ascii=True)}\n"
        )
    atomic.write(target, (head + dumps(project)).encode("utf-8"), mode=0o600)
    return target


def discard(project_file: Path, session: str = "") -> None:
    """Remove ``session``'s recovery copy of ``project_file``, if there is one."""
    with contextlib.suppress(FileNotFoundError):
        os.unlink(recovery_path(project_file, session))


class Recovered(NamedTuple):
    """Unsaved edits found beside a project file."""

    path: Path
    project: Project
    written_ns: int
    """When the edits were written (the recovery file's modification time)."""
    saved_after: bool
    """The project file was saved after these edits were written."""
    owner: Owner | None = None
    """Whose session kept them, when the copy says."""


class BrokenRecovery(Exception):
    """A recovery file that cannot be read; it was moved aside to ``kept``."""

    def __init__(self, path: Path, kept: Path, reason: str) -> None:
        self.path = path
        self.kept = kept
        super().__init__(
            f"Unsaved edits were found in {path.name}, but they cannot be read ({reason}). "
            f"They were kept as {kept} and the project opened as it was last saved."
        )


class Findings(NamedTuple):
    """What opening a file found beside it: edits to offer, and copies set aside."""

    offer: Recovered | None = None
    """The newest copy left by a session that ended, differing from the file."""
    broken: tuple[BrokenRecovery, ...] = ()


def find(project_file: Path, current: Project, *, session: str = "") -> Findings:
    """Unsaved edits of ``project_file``, left by ended sessions, that differ from
    ``current`` (what the file holds now); ``session`` is the one looking.

    A copy equal to ``current`` holds nothing to recover and is removed; one whose
    session still runs on this host is left to it. One that cannot be read is
    renamed aside (never over an earlier one) and reported, so it never stops the
    project from opening. Raises ``OSError`` when the folder cannot be read.
    """
    found: list[Recovered] = []
    broken: list[BrokenRecovery] = []
    for path in files(project_file):
        try:
            data = path.read_bytes()
            written_ns = os.stat(path).st_mtime_ns
        except FileNotFoundError:
            continue
        owner = _owner(data)
        if owner is not None and owner.is_alive_elsewhere(session):
            continue
        if owner is not None and owner.session == session:
            continue
        try:
            project = parse(data.decode("utf-8"), str(path))
        except (UnicodeDecodeError, ProjectFileError) as error:
            reason = "it is not text" if isinstance(error, UnicodeDecodeError) else "it is damaged"
            kept = _aside(path)
            os.replace(path, kept)
            broken.append(BrokenRecovery(path, kept, reason))
            continue
        if project == current:
            with contextlib.suppress(FileNotFoundError):
                os.unlink(path)
            continue
        try:
            saved_after = os.stat(project_file).st_mtime_ns > written_ns
        except OSError:
            saved_after = False
        found.append(Recovered(path, project, written_ns, saved_after, owner))
    found.sort(key=lambda r: r.written_ns, reverse=True)
    return Findings(found[0] if found else None, tuple(broken))


def _owner(data: bytes) -> Owner | None:
    match = _OWNER_LINE.search(data[:2048].decode("utf-8", "replace"))
    if match is None:
        return None
    try:
        fields = json.loads(match.group(1))
        return Owner(
            user=str(fields["user"]),
            host=str(fields["host"]),
            pid=int(fields["pid"]),
            since=str(fields["since"]),
            session=str(fields.get("session", "")),
        )
    except (ValueError, KeyError, TypeError, RecursionError):
        return None


def _aside(path: Path) -> Path:
    """A name for an unreadable copy that no earlier one has: ``….broken``, ``….broken-2``…"""
    kept = path.with_name(path.name + ".broken")
    n = 2
    while os.path.lexists(kept):
        kept, n = path.with_name(f"{path.name}.broken-{n}"), n + 1
    return kept


def differences(before: Project, after: Project, *, limit: int = 12) -> list[str]:
    """What changed from ``before`` to ``after``, in the words of the workbook.

    One line per change (a partner added, a round's scores changed...), at most
    ``limit`` lines, the last saying how many more there are.
    """
    lines: list[str] = []
    changed = [
        name
        for name in type(before.project).model_fields
        if getattr(before.project, name) != getattr(after.project, name)
    ]
    if changed:
        lines.append("Project details changed: " + ", ".join(n.replace("_", " ") for n in changed))

    old = {p.id: p for p in before.partners}
    new = {p.id: p for p in after.partners}
    for pid in sorted(new.keys() - old.keys()):
        lines.append(f"Partner added: {new[pid].name}")
    for pid in sorted(old.keys() - new.keys()):
        lines.append(f"Partner removed: {old[pid].name}")
    for pid in sorted(old.keys() & new.keys()):
        fields = [
            name.replace("_", " ")
            for name in type(old[pid]).model_fields
            if getattr(old[pid], name) != getattr(new[pid], name)
        ]
        if fields:
            lines.append(f"Partner changed: {new[pid].name} ({', '.join(fields)})")

    def responses(project: Project) -> dict[tuple[str, str], object]:
        return {(a.round, a.respondent): a for a in project.assessments}

    old_r, new_r = responses(before), responses(after)
    for round_name in sorted({r for r, _ in old_r.keys() | new_r.keys()}):
        keys = {k for k in old_r.keys() | new_r.keys() if k[0] == round_name}
        added = sum(1 for k in keys if k not in old_r)
        removed = sum(1 for k in keys if k not in new_r)
        edited = sum(1 for k in keys if k in old_r and k in new_r and old_r[k] != new_r[k])
        parts = [
            f"{n} {word}"
            for n, word in ((added, "added"), (removed, "removed"), (edited, "changed"))
            if n
        ]
        if parts:
            noun = "response" if added + removed + edited == 1 else "responses"
            lines.append(f"Assessment round {round_name}: {noun} " + ", ".join(parts))

    def by_text(project: Project) -> dict[str, list[str]]:
        found: dict[str, list[str]] = {}
        for action in project.actions:
            found.setdefault(action.text, []).append(action.model_dump_json())
        return found

    old_a, new_a = by_text(before), by_text(after)
    action_lines = []
    for text in dict.fromkeys([*new_a, *old_a]):  # in the order people see them
        was, now = old_a.get(text, []), new_a.get(text, [])
        if len(now) > len(was):
            action_lines.append(f"Action added: {text}")
        elif len(now) < len(was):
            action_lines.append(f"Action removed: {text}")
        elif sorted(now) != sorted(was):
            action_lines.append(f"Action changed: {text}")
    if not action_lines and before.actions != after.actions:
        action_lines.append("Actions put in a different order")
    lines += action_lines

    if len(lines) > limit:
        more = len(lines) - (limit - 1)
        lines = [*lines[: limit - 1], f"… and {more} more changes"]
    return lines
