"""Fixtures shared by every test: private copies of the example projects."""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest

EXAMPLES = Path(__file__).resolve().parents[1] / "examples"
"""The example projects shipped in the repository; tests never write to these."""


@pytest.fixture(autouse=True, scope="session")
def private_settings(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Path]:
    """Point every app and subprocess at a settings file of the test run's own, so no
    test reads the person's real settings (their keys would change what keys do) or
    writes a theme into them."""
    path = tmp_path_factory.mktemp("settings") / "config.toml"
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("PARTNERTUI_CONFIG", str(path))
        yield path


@pytest.fixture
def examples(tmp_path: Path) -> Path:
    """A folder holding a copy of every ``examples/*.toml``, free to edit and save."""
    folder = tmp_path / "examples"
    folder.mkdir()
    for example in sorted(EXAMPLES.glob("*.toml")):
        shutil.copyfile(example, folder / example.name)
    return folder
