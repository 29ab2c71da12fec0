"""Unsaved edits kept safe beside the project file, for after a crash or a dropped line.

While a project has unsaved edits, the workbook writes them a few seconds after each
change to ``.NAME.toml.recovery`` in the project's folder: the whole project in its
canonical form, written atomically and readable by its owner alone (it may hold
contacts and notes). Saving or discarding the edits removes it. When the file is
opened next and a recovery file differs from it, the person is shown what differs,
in the workbook's own words, and chooses to restore or discard it.
"""

from __future__ import annotations

import contextlib
import os
from dataclasses import dataclass
from pathlib import Path

from partnertui.model import Project
from partnertui.storage import ProjectFileError, atomic, dumps, parse

__all__ = [
    "BrokenRecovery",
    "Recovered",
    "differences",
    "discard",
    "find",
    "recovery_path",
    "write",
]


def recovery_path(project: Path) -> Path:
    """Where unsaved edits of ``project`` are kept: ``.NAME.toml.recovery`` beside it."""
    return project.with_name(f".{project.name}.recovery")


def write(project_file: Path, project: Project) -> Path:
    """Keep ``project`` as the recovery copy of ``project_file``, all or nothing.

    Raises ``OSError`` when it cannot be written (the caller says so and carries on).
    """
    target = recovery_path(project_file)
    atomic.write(target, dumps(project).encode("utf-8"), mode=0o600)
    return target


def discard(project_file: Path) -> None:
    """Remove the recovery copy of ``project_file``, if there is one."""
    with contextlib.suppress(FileNotFoundError):
        os.unlink(recovery_path(project_file))


@dataclass(frozen=True)
class Recovered:
    """Unsaved edits found beside a project file."""

    path: Path
    project: Project
    written_ns: int
    """When the edits were written (the recovery file's modification time)."""
    saved_after: bool
    """The project file was saved after these edits were written."""


class BrokenRecovery(Exception):
    """A recovery file that cannot be read; it was moved aside to ``kept``."""

    def __init__(self, path: Path, kept: Path, reason: str) -> None:
        self.path = path
        self.kept = kept
        super().__init__(
            f"Unsaved edits were found in {path.name}, but they cannot be read ({reason}). "
            f"They were kept as {kept} and the project opened as it was last saved."
        )


def find(project_file: Path, current: Project) -> Recovered | None:
    """Unsaved edits of ``project_file`` that differ from ``current`` (what it holds now).

    A recovery copy equal to ``current`` holds nothing to recover and is removed.
    One that cannot be read is renamed with a ``.broken`` suffix and reported with
    :class:`BrokenRecovery`, so it never stops the project from opening.
    """
    path = recovery_path(project_file)
    try:
        data = path.read_bytes()
        written_ns = os.stat(path).st_mtime_ns
    except FileNotFoundError:
        return None
    try:
        project = parse(data.decode("utf-8"), str(path))
    except (UnicodeDecodeError, ProjectFileError) as error:
        reason = "it is not text" if isinstance(error, UnicodeDecodeError) else "it is damaged"
        kept = path.with_name(path.name + ".broken")
        os.replace(path, kept)
        raise BrokenRecovery(path, kept, reason) from None
    if project == current:
        discard(project_file)
        return None
    try:
        saved_after = os.stat(project_file).st_mtime_ns > written_ns
    except OSError:
        saved_after = False
    return Recovered(path, project, written_ns, saved_after)


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
