"""The served page gives the workbook the keyboard: keys reach it with no first click.

textual-serve's page takes keys only once its terminal is clicked; a person who
opens the page and starts typing would see nothing happen (issue 21). The server
puts a script into the page that focuses the terminal once it is connected.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from selenium.webdriver.common.action_chains import ActionChains
from serve_tools import recording, serving

pytest.importorskip("textual_serve")

EXAMPLES = Path(__file__).resolve().parents[2] / "examples"


def test_keys_reach_the_workbook_without_a_click(browser, tmp_path: Path):
    plan = tmp_path / "riverside.toml"
    shutil.copyfile(EXAMPLES / "riverside-youth.toml", plan)
    with serving(plan) as served, recording(browser) as tab:
        tab.open(served)
        focused = browser.execute_script("return document.activeElement.className")
        assert "xterm-helper-textarea" in focused
        # Typed at the page, as a person would, with nothing clicked.
        ActionChains(browser).send_keys("2").perform()
        tab.wait_to_see("partners, sorted by")
