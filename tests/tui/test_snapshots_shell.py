"""Every screen of the shell at 80x24, as a person first sees it.

Paths shown on screen are kept stable: files are opened by a path relative to the
test's own folder, and the picker's folder is shown under a home folder set here.
"""

from __future__ import annotations

import os
import shutil
import time
from pathlib import Path

import pytest

from partnertui import storage
from partnertui.model import new_project

EXAMPLES = Path(__file__).resolve().parents[2] / "examples"
SIZE = (80, 24)


@pytest.fixture
def here(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Work in ``tmp_path`` as the current folder and home, on UTC clocks."""
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("HOME", str(tmp_path))
    monkeypatch.setenv("TZ", "UTC")
    time.tzset()
    yield tmp_path
    monkeypatch.undo()
    time.tzset()


def example(name: str) -> Path:
    shutil.copyfile(EXAMPLES / f"{name}.toml", f"{name}.toml")
    return Path(f"{name}.toml")


def test_overview(snap_compare, here, make_app):
    assert snap_compare(make_app(example("riverside-youth")), terminal_size=SIZE)


def test_partners(snap_compare, here, make_app):
    assert snap_compare(make_app(example("riverside-youth")), terminal_size=SIZE, press=["2"])


def test_partners_empty(snap_compare, here, make_app):
    path = Path("fresh.toml")
    storage.save(new_project("Fresh Start", "Eastgate Residents' Association"), path)
    assert snap_compare(make_app(path), terminal_size=SIZE, press=["2"])


def test_partners_filtered(snap_compare, here, make_app):
    app = make_app(example("riverside-youth"))
    assert snap_compare(app, terminal_size=SIZE, press=["2", "slash", *"youth"])


def test_partner_form(snap_compare, here, make_app):
    app = make_app(example("riverside-youth"))
    assert snap_compare(app, terminal_size=SIZE, press=["2", "a", *"Eastside Youth Hub"])


def test_partner_form_with_an_error(snap_compare, here, make_app):
    app = make_app(example("riverside-youth"))
    assert snap_compare(app, terminal_size=SIZE, press=["2", "a", "ctrl+s"])


def test_details_form(snap_compare, here, make_app):
    assert snap_compare(make_app(example("riverside-youth")), terminal_size=SIZE, press=["e"])


def test_delete_dialog(snap_compare, here, make_app):
    app = make_app(example("riverside-youth"))
    press = ["2", "slash", *"youth centre", "enter", "d"]
    assert snap_compare(app, terminal_size=SIZE, press=press)


def test_quit_dialog(snap_compare, here, make_app):
    app = make_app(example("riverside-youth"))
    press = ["2", "a", *"Eastside Youth Hub", "ctrl+s", "ctrl+q"]
    assert snap_compare(app, terminal_size=SIZE, press=press)


def test_help(snap_compare, here, make_app):
    app = make_app(example("riverside-youth"))
    assert snap_compare(app, terminal_size=SIZE, press=["2", "question_mark"])


def test_picker(snap_compare, here, make_app):
    folder = here / "projects"
    folder.mkdir()
    os.chdir(folder)
    example("riverside-youth")
    example("millbrook-safer-streets")
    Path("pyproject.toml").write_text('[project]\nname = "not-a-project"\n')
    os.utime("riverside-youth.toml", (1_780_000_000, 1_780_000_000))
    os.utime("millbrook-safer-streets.toml", (1_770_000_000, 1_770_000_000))
    assert snap_compare(make_app(None), terminal_size=SIZE)


def test_new_project_question(snap_compare, here, make_app):
    assert snap_compare(make_app(Path("safe-walk.toml")), terminal_size=SIZE)


def test_no_folder_to_create_in(snap_compare, here, make_app):
    assert snap_compare(make_app(Path("nosuch/dir/safe-walk.toml")), terminal_size=SIZE)


def test_problems(snap_compare, here, make_app):
    path = example("riverside-youth")
    text = path.read_text()
    text = text.replace('status = "confirmed"', 'status = "maybe"', 1)
    text = text.replace("start = 2026-09-01", 'start = "next autumn"', 1)
    path.write_text(text)
    assert snap_compare(make_app(path), terminal_size=SIZE)
