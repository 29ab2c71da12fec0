"""The browser the page tests use opens a local page and runs its script."""

from __future__ import annotations

from pathlib import Path


def test_the_browser_runs_a_local_page(browser, tmp_path: Path):
    page = tmp_path / "page.html"
    page.write_text(
        "<!doctype html><title>t</title><p id=out></p>"
        "<script>document.getElementById('out').textContent = 'ran ' + (2 + 3)</script>",
        encoding="utf-8",
    )
    browser.get(page.as_uri())
    assert browser.find_element("id", "out").text == "ran 5"
