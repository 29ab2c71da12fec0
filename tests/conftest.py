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


EXPORTS = Path(__file__).resolve().parent / "fixtures" / "exports"
"""CSV exports shaped like each survey tool's own, answering the riverside project."""
ROUND_CODE = "r7k2m9qx4f"


@pytest.fixture
def survey_project(tmp_path: Path) -> Path:
    """The riverside example with a partner whose name has accents and a round,
    "Six months", whose questionnaires went out with a code: what imports go into."""
    import datetime as dt

    from partnertui import storage
    from partnertui.model import Partner, Round

    project = storage.load(EXAMPLES / "riverside-youth.toml")
    partner = Partner(id="maison-des-jeunes", name="Maison des Jeunes Côte-des-Neiges")
    record = Round(
        name="Six months",
        date=dt.date(2026, 11, 1),
        code=ROUND_CODE,
        invited=["riverside-youth-centre", "maison-des-jeunes", "riverside-parents-network"],
    )
    project = project.model_copy(
        update={"partners": [*project.partners, partner], "rounds": [record]}
    )
    path = tmp_path / "project" / "riverside.toml"
    path.parent.mkdir()
    storage.save(project, path, create=True)
    return path
