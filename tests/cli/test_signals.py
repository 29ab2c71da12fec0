"""A real workbook process in a real terminal (a pty): what a dropped SSH session,
a ``kill`` or a crash leaves behind, and what the next open makes of it."""

from __future__ import annotations

import datetime as dt
import os
import shutil
import signal
import time
from pathlib import Path

import pytest
from terminal_tools import CTRL_S, Terminal, wait_for

from partnertui import storage
from partnertui.storage import lock as locks
from partnertui.storage import recovery
from partnertui.tui.app import PartnerApp
from partnertui.tui.file_safety.questions import RecoveryDialog

EXAMPLES = Path(__file__).resolve().parents[2] / "examples"
HARBOUR = "harbour-street-church"


@pytest.fixture
def plan(tmp_path: Path) -> Path:
    path = tmp_path / "riverside.toml"
    shutil.copyfile(EXAMPLES / "riverside-youth.toml", path)
    return path


@pytest.fixture
def terminal(plan: Path, tmp_path: Path):
    home = tmp_path / "home"
    home.mkdir()
    opened: list[Terminal] = []

    def start() -> Terminal:
        term = Terminal(plan, home)
        opened.append(term)
        wait_for(locks.lock_path(plan).exists, "the lock")
        wait_for(lambda: b"Overview" in term.output, "the overview")
        time.sleep(0.5)
        return term

    yield start
    for term in opened:
        term.close()


def add_partner(term: Terminal, name: str = "Harbour Street Church") -> None:
    term.type("2")
    wait_for(lambda: b"partners, sorted by" in term.output, "the partners list")
    term.type("a")
    wait_for(lambda: b"Add a partner" in term.output, "the partner form")
    term.type(name)
    term.type(CTRL_S)
    wait_for(lambda: b"unsaved" in term.output, "the unsaved mark")


@pytest.mark.parametrize("signum", [signal.SIGTERM, signal.SIGHUP])
def test_a_signal_keeps_the_edits_and_lets_go_of_the_lock(terminal, plan: Path, signum):
    before = plan.read_bytes()
    term = terminal()
    assert locks.read_owner(plan).pid == term.process.pid
    add_partner(term)
    # At once, well before the few seconds after which edits are kept anyway.
    term.process.send_signal(signum)
    assert term.process.wait(15) == 128 + signum
    assert not locks.lock_path(plan).exists()
    [copy] = recovery.files(plan)
    kept = storage.load(copy)
    assert kept.partner(HARBOUR) is not None
    assert plan.read_bytes() == before


def test_sigterm_without_edits_leaves_nothing_behind(terminal, plan: Path):
    before = plan.read_bytes()
    term = terminal()
    term.process.send_signal(signal.SIGTERM)
    assert term.process.wait(15) == 128 + signal.SIGTERM
    assert sorted(p.name for p in plan.parent.iterdir()) == ["home", "riverside.toml"]
    assert plan.read_bytes() == before


async def test_after_kill_9_the_next_open_restores_exactly_those_edits(terminal, plan: Path):
    before = plan.read_bytes()
    term = terminal()
    add_partner(term)
    wait_for(lambda: recovery.files(plan), "the recovery file", timeout=10)
    [kept] = recovery.files(plan)
    term.process.kill()  # SIGKILL: nothing can run, the lock stays behind
    term.process.wait(10)
    assert locks.lock_path(plan).exists()
    assert plan.read_bytes() == before
    edits = storage.load(kept)

    app = PartnerApp(plan, today=dt.date(2026, 11, 24))
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, RecoveryDialog)  # the dead session's lock was taken over
        await pilot.press("r")
        await pilot.pause()
        assert app.workbook.dirty
        assert app.workbook.project == edits
        assert app.workbook.project.partner(HARBOUR).name == "Harbour Street Church"
        assert locks.read_owner(plan).pid == os.getpid()
        await pilot.press("ctrl+s")
        await pilot.pause()
    assert storage.load(plan) == edits
    assert not kept.exists()
    assert not locks.lock_path(plan).exists()
