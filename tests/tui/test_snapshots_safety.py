"""The questions that keep work safe, at 80x24, as a person first sees them.

Files are opened by a path relative to the test's folder, times are fixed and on
UTC clocks, and the lock's owner is on another host, so nothing on screen drifts.
"""

from __future__ import annotations

import json
import os
import shutil
import time
from pathlib import Path

import pytest

from partnertui import storage
from partnertui.model import Partner
from partnertui.storage import lock as locks
from partnertui.storage import recovery

EXAMPLES = Path(__file__).resolve().parents[2] / "examples"
SIZE = (80, 24)
ADD_PARTNER = ["2", "a", *"Harbour Street Church", "ctrl+s"]


@pytest.fixture
def here(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("HOME", str(tmp_path))
    monkeypatch.setenv("TZ", "UTC")
    time.tzset()
    yield tmp_path
    monkeypatch.undo()
    time.tzset()


def example() -> Path:
    shutil.copyfile(EXAMPLES / "riverside-youth.toml", "riverside-youth.toml")
    return Path("riverside-youth.toml")


def test_changed_on_disk(snap_compare, here, make_app):
    path = example()

    async def change_then_save(pilot) -> None:
        await pilot.press(*ADD_PARTNER)
        await pilot.pause()
        path.write_text(path.read_text().replace("Riverside Youth Safety", "Riverside Safety"))
        await pilot.press("ctrl+s")
        await pilot.pause()

    assert snap_compare(make_app(path), terminal_size=SIZE, run_before=change_then_save)


def test_deleted_on_disk(snap_compare, here, make_app):
    path = example()

    async def delete_then_save(pilot) -> None:
        await pilot.press(*ADD_PARTNER)
        await pilot.pause()
        path.unlink()
        await pilot.press("ctrl+s")
        await pilot.pause()

    assert snap_compare(make_app(path), terminal_size=SIZE, run_before=delete_then_save)


def test_lock_held(snap_compare, here, make_app):
    path = example()
    owner = {"user": "dana", "host": "other-server", "pid": 4242, "since": "2026-11-24T09:15"}
    locks.lock_path(path).write_text(json.dumps(owner))
    assert snap_compare(make_app(path), terminal_size=SIZE)


def test_recovery_offer(snap_compare, here, make_app):
    path = example()
    edited = storage.load(path)
    edited.partners.append(Partner(id="harbour-street-church", name="Harbour Street Church"))
    edited.partners.sort(key=lambda p: p.id)
    edited.actions.append(
        edited.actions[0].model_copy(update={"text": "Thank the volunteers", "id": "0000beef"})
    )
    kept = recovery.write(path, edited)
    os.utime(path, (1_780_000_000, 1_780_000_000))
    os.utime(kept, (1_780_000_600, 1_780_000_600))
    assert snap_compare(make_app(path), terminal_size=SIZE)


def test_save_as(snap_compare, here, make_app):
    assert snap_compare(make_app(example()), terminal_size=SIZE, press=["ctrl+o"])
