"""The HTML report as it prints: laid out in headless Chromium for paper.

The report is written by the real builder and opened from file:// with the print
style sheet on, at the width of an A4 page inside its margins. Dates and amounts
must each stay on one line: a narrow column broken at a hyphen reads "2026-" over
"11-15", which is no date at all.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from partnertui import report, storage

EXAMPLE = Path(__file__).resolve().parents[2] / "examples" / "riverside-youth.toml"
A4_INSIDE_MARGINS = 718
"""CSS pixels across an A4 page less Chromium's default print margins."""

LINES_OF_EACH_CELL = """
const dateOrAmount = /^(\\d{4}-\\d\\d-\\d\\d|[A-Z]{3} [\\d,.]+)$/;
const cells = [...document.querySelectorAll("td")];
return cells.filter((cell) => dateOrAmount.test(cell.textContent)).map((cell) => {
  const range = document.createRange();
  range.selectNodeContents(cell);
  const tops = new Set([...range.getClientRects()].map((r) => Math.round(r.top)));
  return [cell.textContent, tops.size];
});
"""


def test_dates_and_amounts_stay_on_one_line_in_print(browser, tmp_path: Path):
    project = storage.load(EXAMPLE)
    # A long action squeezes the other columns as far as they go.
    actions = list(project.actions)
    actions[1] = actions[1].model_copy(update={"text": actions[1].text * 4})
    project = project.model_copy(update={"actions": actions})
    page = tmp_path / "report.html"
    page.write_text(report.to_html(project, dt.date(2026, 11, 24)), encoding="utf-8")
    browser.get(page.as_uri())
    browser.execute_cdp_cmd("Emulation.setEmulatedMedia", {"media": "print"})
    browser.execute_cdp_cmd(
        "Emulation.setDeviceMetricsOverride",
        {"width": A4_INSIDE_MARGINS, "height": 1000, "deviceScaleFactor": 1, "mobile": False},
    )
    try:
        cells = browser.execute_script(LINES_OF_EACH_CELL)
        texts = [text for text, _ in cells]
        assert {"2026-11-15", "2026-12-01", "CAD 18,550"} <= set(texts)
        assert [text for text, lines in cells if lines != 1] == []
        overflow = browser.execute_script(
            "return document.documentElement.scrollWidth - document.documentElement.clientWidth"
        )
        assert overflow <= 0  # kept on one line, and still within the page
    finally:
        browser.execute_cdp_cmd("Emulation.clearDeviceMetricsOverride", {})
        browser.execute_cdp_cmd("Emulation.setEmulatedMedia", {"media": ""})
