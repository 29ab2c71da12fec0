"""Finding the project files in a folder, for the start screen.

A project file is a TOML file with a ``schema_version`` and a ``[project]`` table;
other TOML files (``pyproject.toml``, tool settings) are passed over. A project file
that does not load is still listed, so opening it can show what is wrong.
"""

from __future__ import annotations

import datetime as dt
import os
import tomllib
from dataclasses import dataclass
from pathlib import Path

from partnertui.storage import MAX_FILE_BYTES, ProjectFileError, load

SKIPPED_FOLDERS = frozenset({".git", ".hg", ".venv", "venv", "node_modules", "__pycache__"})
MAX_DEPTH = 3
"""How many folders down to look; deeper trees are someone else's project."""


@dataclass(frozen=True)
class ProjectSummary:
    path: Path
    name: str | None
    """``None`` when the file does not load."""
    partners: int | None
    modified: dt.datetime


def _looks_like_project(path: Path) -> bool:
    try:
        if path.stat().st_size > MAX_FILE_BYTES:
            return False
        with open(path, "rb") as f:
            data = tomllib.load(f)
    except (OSError, tomllib.TOMLDecodeError, UnicodeDecodeError):
        # Broken TOML may still be a project someone is halfway through fixing.
        try:
            head = path.read_text(encoding="utf-8", errors="replace")[:4096]
        except OSError:
            return False
        return "schema_version" in head and "[project]" in head
    return "schema_version" in data and isinstance(data.get("project"), dict)


def find_projects(folder: Path) -> list[ProjectSummary]:
    """Project files under ``folder``, newest first."""
    found: list[ProjectSummary] = []
    base_depth = len(folder.parts)
    for root, dirs, files in os.walk(folder):
        here = Path(root)
        dirs[:] = sorted(d for d in dirs if d not in SKIPPED_FOLDERS and not d.startswith("."))
        if len(here.parts) - base_depth >= MAX_DEPTH:
            dirs[:] = []
        for name in sorted(files):
            path = here / name
            if not name.endswith(".toml") or not _looks_like_project(path):
                continue
            try:
                modified = dt.datetime.fromtimestamp(path.stat().st_mtime)
            except OSError:
                continue
            try:
                project = load(path)
            except ProjectFileError:
                found.append(ProjectSummary(path, None, None, modified))
            else:
                found.append(
                    ProjectSummary(path, project.project.name, len(project.partners), modified)
                )
    found.sort(key=lambda s: s.modified, reverse=True)
    return found
