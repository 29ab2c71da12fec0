"""Fixtures shared by every test: private copies of the example projects."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

EXAMPLES = Path(__file__).resolve().parents[1] / "examples"
"""The example projects shipped in the repository; tests never write to these."""


@pytest.fixture
def examples(tmp_path: Path) -> Path:
    """A folder holding a copy of every ``examples/*.toml``, free to edit and save."""
    folder = tmp_path / "examples"
    folder.mkdir()
    for example in sorted(EXAMPLES.glob("*.toml")):
        shutil.copyfile(example, folder / example.name)
    return folder
