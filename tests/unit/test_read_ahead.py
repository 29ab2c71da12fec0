"""Reading a large file ahead gives exactly what reading it gives, and never words a
problem itself: anything unusual is read the ordinary way."""

from __future__ import annotations

import os
import signal
import sys
from pathlib import Path

import pytest

from partnertui import storage
from partnertui.storage import read_ahead

pytestmark = pytest.mark.skipif(not hasattr(os, "fork"), reason="no fork on this system")

sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "benchmarks"))
import generate  # noqa: E402


@pytest.fixture(scope="module")
def large(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = generate.write(600, tmp_path_factory.mktemp("large") / "large.toml")
    assert path.stat().st_size >= read_ahead.MIN_BYTES
    return path


def test_a_large_file_read_ahead_is_the_file_read(large: Path):
    assert read_ahead.start(large, storage.MAX_FILE_BYTES)
    ahead = storage.read(large)
    assert read_ahead.take(large) is None  # taken once
    assert ahead == storage.read(large)
    assert ahead[1] == storage.fingerprint(large)


def test_a_small_file_is_simply_read(tmp_path: Path):
    small = generate.write(10, tmp_path / "small.toml")
    assert not read_ahead.start(small, storage.MAX_FILE_BYTES)
    assert read_ahead.take(small) is None


@pytest.mark.parametrize(
    "spoil",
    [
        lambda text: text.replace("[project]", "[project", 1),  # broken TOML
        lambda text: text.replace("schema_version = 1", "schema_version = 9", 1),
        lambda text: text.replace('kind = "agency"', 'kind = "agnecy"', 1),
        lambda text: "<<<<<<< ours\n" + text,
        # too deep for tomllib, and a number too long for Python: the child must not
        # crash on them, nor word them
        lambda text: text.replace("[project]\n", "[project]\nissue = " + "[" * 100_000 + "\n", 1),
        lambda text: text.replace("schema_version = 1", "schema_version = " + "9" * 5000, 1),
    ],
)
def test_a_file_with_problems_is_worded_by_the_ordinary_reading(large: Path, tmp_path, spoil):
    path = tmp_path / "spoilt.toml"
    path.write_text(spoil(large.read_text()))
    with pytest.raises(storage.ProjectFileError) as plain:
        storage.read(path)
    assert read_ahead.start(path, storage.MAX_FILE_BYTES)
    with pytest.raises(storage.ProjectFileError) as ahead:
        storage.read(path)
    assert [str(p) for p in ahead.value.problems] == [str(p) for p in plain.value.problems]


def test_a_child_that_died_leaves_the_file_to_be_read(large: Path):
    assert read_ahead.start(large, storage.MAX_FILE_BYTES)
    child, _ = read_ahead._pending[os.path.realpath(large)]
    os.kill(child, signal.SIGKILL)
    assert storage.read(large) == (storage.load(large), storage.fingerprint(large))
