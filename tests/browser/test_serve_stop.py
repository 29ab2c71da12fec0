"""Stopping ``partnertui serve`` while a browser tab has unsaved edits in its workbook.

A real server process, a real headless Chromium on its page, keys typed into the
page's terminal, then one signal to the server: it must stop within seconds, end
the tab's workbook so that its edits are in its recovery file and its lock is let
go, and say nothing alarming.
"""

from __future__ import annotations

import shutil
import signal
import time
from pathlib import Path

import pytest
from selenium.webdriver.common.by import By
from selenium.webdriver.common.keys import Keys
from serve_tools import Tab, recording, running, serving

from partnertui import storage
from partnertui.storage import lock as locks
from partnertui.storage import recovery

pytest.importorskip("textual_serve")

EXAMPLES = Path(__file__).resolve().parents[2] / "examples"
HARBOUR = "harbour-street-church"


@pytest.fixture
def plan(tmp_path: Path) -> Path:
    path = tmp_path / "riverside.toml"
    shutil.copyfile(EXAMPLES / "riverside-youth.toml", path)
    return path


def add_partner(tab: Tab, name: str = "Harbour Street Church") -> None:
    """Add a partner from the keyboard, as a person would, leaving it unsaved."""
    tab.browser.find_element(By.CSS_SELECTOR, "#terminal").click()
    keys = tab.browser.find_element(By.CSS_SELECTOR, ".xterm-helper-textarea")
    keys.send_keys("2")
    tab.wait_to_see("partners, sorted by")
    keys.send_keys("a")
    tab.wait_to_see("Add a partner")
    keys.send_keys(name)
    keys.send_keys(Keys.CONTROL, "s")
    tab.wait_to_see("unsaved")


@pytest.mark.parametrize(("signum", "status"), [(signal.SIGTERM, 0), (signal.SIGINT, 130)])
def test_a_signal_stops_serve_and_keeps_the_tab_s_edits(browser, plan: Path, signum, status):
    before = plan.read_bytes()
    with serving(plan) as served, recording(browser) as tab:
        workbook = tab.open(served)
        assert locks.read_owner(plan).pid == workbook
        add_partner(tab)

        asked = time.monotonic()
        served.process.send_signal(signum)
        stopped = served.stopped(timeout=5)
        took = time.monotonic() - asked

        assert stopped == status, f"serve did not stop in 5 s (after {took:.1f} s)"
        assert not running(workbook)
        for said in (served.stdout, served.stderr):
            assert "Traceback" not in said
            assert "RuntimeError" not in said
        assert "Closed the workbook in 1 browser tab" in served.stdout
    assert not locks.lock_path(plan).exists()
    assert plan.read_bytes() == before
    [kept] = recovery.files(plan)
    assert storage.load(kept).partner(HARBOUR) is not None
    # What the next `partnertui` open offers to restore.
    found = recovery.find(plan, storage.load(plan))
    assert found.offer is not None
    assert found.offer.project.partner(HARBOUR) is not None
