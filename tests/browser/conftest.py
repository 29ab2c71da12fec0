"""A real headless browser for the pages people open: Debian's Chromium and its driver.

Selenium is told exactly which browser and driver to use, so it never looks for one
to download (there is no network for that here, and a downloaded browser is not what
people run). Where either is missing the browser tests skip and say how to get them.
"""

from __future__ import annotations

import os
import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest

BROWSERS = ("chromium", "chromium-browser", "google-chrome")
DRIVERS = ("chromedriver",)
INSTALL = "install Debian's chromium and chromium-driver packages (.ci/run does)"


def _found(names: tuple[str, ...], *folders: str) -> str | None:
    for name in names:
        found = shutil.which(name)
        if found:
            return found
        for folder in folders:
            candidate = Path(folder) / name
            if candidate.is_file() and os.access(candidate, os.X_OK):
                return str(candidate)
    return None


@pytest.fixture(scope="session")
def browser() -> Iterator[object]:
    """One headless Chromium for the whole run; each test opens its own pages."""
    webdriver = pytest.importorskip("selenium.webdriver", reason="selenium is not installed")
    chromium = _found(BROWSERS, "/usr/lib/chromium")
    driver = _found(DRIVERS, "/usr/lib/chromium", "/usr/lib/chromium-browser")
    if chromium is None or driver is None:
        pytest.skip(f"no browser for the browser tests: {INSTALL}")
    os.environ.setdefault("SE_OFFLINE", "true")
    options = webdriver.ChromeOptions()
    options.binary_location = chromium
    for argument in (
        "--headless=new",
        "--no-sandbox",
        "--disable-dev-shm-usage",
        "--disable-gpu",
        "--window-size=1000,800",
    ):
        options.add_argument(argument)
    options.add_experimental_option(
        "prefs",
        {"download.prompt_for_download": False, "download.directory_upgrade": True},
    )
    service = webdriver.ChromeService(executable_path=driver)
    session = webdriver.Chrome(options=options, service=service)
    session.set_page_load_timeout(30)
    try:
        yield session
    finally:
        session.quit()


@pytest.fixture()
def downloads(browser, tmp_path: Path) -> Path:
    """A folder the browser saves downloads into, for this test alone."""
    folder = tmp_path / "downloads"
    folder.mkdir()
    browser.execute_cdp_cmd(
        "Browser.setDownloadBehavior",
        {"behavior": "allow", "downloadPath": str(folder), "eventsEnabled": True},
    )
    return folder
