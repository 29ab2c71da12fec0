"""Faults around the lock, tried on real workbook processes in real terminals: a
second session taking the file over, a session killed after that, a folder that
stops letting anyone write in it."""

from __future__ import annotations

import datetime as dt
import os
import shutil
import stat
import sys
import time
from pathlib import Path

import pytest
from terminal_tools import CTRL_Q, CTRL_S, Terminal, wait_for

from partnertui import storage
from partnertui.storage import lock as locks
from partnertui.storage import recovery
from partnertui.tui.app import PartnerApp
from partnertui.tui.file_safety.questions import RecoveryDialog

EXAMPLES = Path(__file__).resolve().parents[2] / "examples"
HARBOUR, TENANTS = "harbour-street-church", "tenants-association"


@pytest.fixture
def plan(tmp_path: Path) -> Path:
    path = tmp_path / "work" / "riverside.toml"
    path.parent.mkdir()
    shutil.copyfile(EXAMPLES / "riverside-youth.toml", path)
    return path


@pytest.fixture
def open_terminals(tmp_path: Path):
    home = tmp_path / "home"
    home.mkdir()
    opened: list[Terminal] = []

    def start(path: Path, **options) -> Terminal:
        term = Terminal(path, home, **options)
        opened.append(term)
        return term

    yield start
    for term in opened:
        term.close()


def started(term: Terminal) -> Terminal:
    wait_for(lambda: term.saw("Overview"), "the overview")
    time.sleep(0.5)
    return term


def add_partner(term: Terminal, name: str) -> None:
    mark = len(term.output)
    term.type("2")
    wait_for(lambda: term.saw("partners, sorted by", mark), "the partners list")
    term.type("a")
    wait_for(lambda: term.saw("Add a partner", mark), "the partner form")
    term.type(name)
    term.type(CTRL_S)
    wait_for(lambda: term.saw("unsaved", mark), "the unsaved mark")


def copies_holding(plan: Path) -> dict[str, Path]:
    """Each recovery copy beside ``plan``, by the one partner that copy added."""
    found = {}
    for copy in recovery.files(plan):
        project = storage.load(copy)
        for partner_id in (HARBOUR, TENANTS):
            if project.partner(partner_id) is not None:
                found[partner_id] = copy
    return found


async def test_a_take_over_is_told_at_once_and_nobody_loses_their_edits(plan, open_terminals):
    before = plan.read_bytes()
    a = started(open_terminals(plan))
    add_partner(a, "Harbour Street Church")
    wait_for(lambda: HARBOUR in copies_holding(plan), "A's recovery copy", timeout=15)

    b = open_terminals(plan)
    wait_for(lambda: b.saw("is already open"), "B being told who has the file")
    b.type("t")
    wait_for(lambda: b.saw("Take the file over?"), "the take-over question")
    mark = len(a.output)
    b.type("y")
    wait_for(lambda: locks.read_owner(plan).pid == b.process.pid, "B's lock")
    taken = time.monotonic()
    wait_for(lambda: a.saw("Someone took the file over", mark), "A being told", timeout=10)
    assert time.monotonic() - taken < 3.5, "A was told late"

    started(b)
    add_partner(b, "Tenants Association")
    wait_for(lambda: len(copies_holding(plan)) == 2, "B's own recovery copy", timeout=15)
    kept = copies_holding(plan)
    assert kept[HARBOUR] != kept[TENANTS]
    assert storage.load(kept[HARBOUR]).partner(TENANTS) is None

    # A's save stops and asks instead of writing over the file B now holds.
    mark = len(a.output)
    a.type(CTRL_S)
    wait_for(lambda: a.saw("Someone else holds", mark), "A's save asking first")
    assert plan.read_bytes() == before
    a.type("c")

    a.process.kill()  # A's session dies with its edits unsaved
    a.process.wait(10)
    mark = len(b.output)
    b.type(CTRL_Q)
    wait_for(lambda: b.saw("Save your changes before quitting?", mark), "B's quit question")
    b.type("d")
    wait_for(lambda: b.saw("Discard your unsaved edits for good?", mark), "asked once more")
    b.type("y")
    assert b.process.wait(15) == 0
    assert b"Traceback" not in b.output and b"Traceback" not in a.output

    # B's discard took B's copy only; A's edits wait for the next open.
    assert set(copies_holding(plan)) == {HARBOUR}
    assert plan.read_bytes() == before
    app = PartnerApp(plan, today=dt.date(2026, 11, 24))
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, RecoveryDialog)
        await pilot.press("r")
        await pilot.pause()
        assert app.workbook.project.partner(HARBOUR) is not None
        await pilot.press("ctrl+s")
        await pilot.pause()
    assert storage.load(plan).partner(HARBOUR) is not None


def without_root_privilege() -> dict:
    """How to start a process that folder permissions hold back, even as root."""
    if os.geteuid() != 0:
        return {}
    setpriv = shutil.which("setpriv")
    if setpriv is None:
        pytest.skip("running as root without setpriv: a folder cannot be made unwritable")
    caps = "-dac_override,-dac_read_search,-fowner"
    return {"wrapper": [setpriv, f"--bounding-set={caps}", f"--inh-caps={caps}"]}


def test_quitting_from_a_folder_made_unwritable_ends_plainly(plan, open_terminals):
    before = plan.read_bytes()
    wrapper = without_root_privilege().get("wrapper", [])
    term = started(open_terminals(plan, wrapper=wrapper))
    add_partner(term, "Harbour Street Church")
    folder = plan.parent
    mode = stat.S_IMODE(folder.stat().st_mode)
    folder.chmod(0o555)
    try:
        mark = len(term.output)
        term.type(CTRL_Q)
        wait_for(lambda: term.saw("Save your changes before quitting?", mark), "the quit question")
        term.type("d")
        wait_for(lambda: term.saw("Discard your unsaved edits for good?", mark), "asked again")
        term.type("y")
        assert term.process.wait(15) == 0
        assert b"Traceback" not in term.output and b"Error" not in term.output
    finally:
        folder.chmod(mode)
    assert plan.read_bytes() == before
    # The lock the folder would not let go of belongs to a finished process: stale.
    owner = locks.read_owner(plan)
    assert owner is None or owner.is_stale()


@pytest.mark.skipif(sys.platform != "linux", reason="the wrapper is Linux's setpriv")
def test_opening_in_a_folder_that_refuses_a_lock_opens_read_only(plan, open_terminals):
    wrapper = without_root_privilege().get("wrapper", [])
    folder = plan.parent
    mode = stat.S_IMODE(folder.stat().st_mode)
    folder.chmod(0o555)
    try:
        term = open_terminals(plan, wrapper=wrapper)
        wait_for(lambda: term.saw("read-only"), "the read-only mark")
        term.type(CTRL_Q)
        assert term.process.wait(15) == 0
        assert b"Traceback" not in term.output
    finally:
        folder.chmod(mode)
    assert not locks.lock_path(plan).exists()
