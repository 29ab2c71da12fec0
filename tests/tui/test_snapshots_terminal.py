"""How the workbook looks in small windows, and in the ANSI theme with NO_COLOR set.

Paths shown on screen are kept stable as in test_snapshots_shell: files are opened
by a path relative to the test's own folder, and home is that folder.
"""

from __future__ import annotations

import os
import shutil
import time
from pathlib import Path

import pytest

EXAMPLES = Path(__file__).resolve().parents[2] / "examples"
SMALL = (60, 20)
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


def example(name: str = "riverside-youth") -> Path:
    shutil.copyfile(EXAMPLES / f"{name}.toml", f"{name}.toml")
    return Path(f"{name}.toml")


# -- too small a window ------------------------------------------------------------


def test_overview_too_small(snap_compare, here, make_app):
    assert snap_compare(make_app(example()), terminal_size=SMALL)


def test_partner_form_too_small(snap_compare, here, make_app):
    async def shrink_with_the_form_open(pilot):
        await pilot.resize_terminal(*SIZE)
        await pilot.press("2", "a", *"Harbour Church")
        await pilot.resize_terminal(*SMALL)
        await pilot.pause()

    app = make_app(example())
    assert snap_compare(app, terminal_size=SMALL, run_before=shrink_with_the_form_open)


def test_help_too_short(snap_compare, here, make_app):
    async def shrink_with_help_open(pilot):
        await pilot.resize_terminal(*SIZE)
        await pilot.press("question_mark")
        await pilot.resize_terminal(80, 20)
        await pilot.pause()

    app = make_app(example())
    assert snap_compare(app, terminal_size=(80, 20), run_before=shrink_with_help_open)


# -- the ANSI theme, without colour ------------------------------------------------


@pytest.fixture
def plain_terminal(here, monkeypatch):
    """NO_COLOR set before the app is made (Textual reads it then); the theme is then
    set to ansi-dark, Textual 8's name for its ANSI theme (once "textual-ansi")."""
    monkeypatch.setenv("NO_COLOR", "1")


async def ansi(pilot) -> None:
    pilot.app.theme = "ansi-dark"
    await pilot.pause()


SECTIONS = ["1", "2", "3", "4", "5", "6"]


@pytest.mark.parametrize("key", SECTIONS, ids=lambda k: f"section-{k}")
def test_section_in_ansi_without_colour(snap_compare, plain_terminal, make_app, key):
    async def show(pilot):
        await ansi(pilot)
        await pilot.press(key)
        await pilot.pause()

    assert snap_compare(make_app(example()), terminal_size=SIZE, run_before=show)


def test_help_in_ansi_without_colour(snap_compare, plain_terminal, make_app):
    async def show(pilot):
        await ansi(pilot)
        await pilot.press("4", "question_mark")
        await pilot.pause()

    assert snap_compare(make_app(example()), terminal_size=SIZE, run_before=show)


def test_picker_in_ansi_without_colour(snap_compare, plain_terminal, make_app):
    folder = Path("projects")
    folder.mkdir()
    os.chdir(folder)
    example("riverside-youth")
    example("millbrook-safer-streets")
    os.utime("riverside-youth.toml", (1_780_000_000, 1_780_000_000))
    os.utime("millbrook-safer-streets.toml", (1_770_000_000, 1_770_000_000))
    assert snap_compare(make_app(None), terminal_size=SIZE, run_before=ansi)


def test_problems_in_ansi_without_colour(snap_compare, plain_terminal, make_app):
    path = example()
    text = path.read_text()
    text = text.replace('status = "confirmed"', 'status = "maybe"', 1)
    path.write_text(text)
    assert snap_compare(make_app(path), terminal_size=SIZE, run_before=ansi)


def test_unsaved_and_overdue_in_ansi_without_colour(snap_compare, plain_terminal, make_app):
    """The header's unsaved mark and an overdue action, in words and symbols."""

    async def show(pilot):
        await ansi(pilot)
        await pilot.press("5", "c")  # reopen a done action: the header says unsaved
        await pilot.pause()

    assert snap_compare(make_app(example()), terminal_size=SIZE, run_before=show)
