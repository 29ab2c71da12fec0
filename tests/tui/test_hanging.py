"""A listed line in a dialog or the problems view wraps under its own words, so a
long item never runs back under its bullet and the list stays readable."""

from __future__ import annotations

from rich.console import Console
from rich.text import Text

from partnertui.tui.widgets.dialogs import hanging


def shown(body: str, width: int) -> list[str]:
    console = Console(width=width, record=True, color_system=None)
    console.print(hanging(Text(body)))
    return [line.rstrip() for line in console.export_text().splitlines()]


def test_a_bullet_and_a_hint_wrap_under_their_words():
    lines = shown(
        "Kept:\n • Harbour Street Church added as a candidate\n  → write a date like 2026-09-15",
        24,
    )
    assert lines == [
        "Kept:",
        " • Harbour Street Church",
        "   added as a candidate",
        "  → write a date like",
        "    2026-09-15",
    ]


def test_lines_without_a_bullet_wrap_as_text_does():
    assert shown("plain words that wrap here", 12) == ["plain words", "that wrap", "here"]
