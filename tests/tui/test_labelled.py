"""Labelled rows draw exactly what the two-column Rich grid they replace drew."""

from __future__ import annotations

import pytest
from rich.console import Console
from rich.table import Table
from rich.text import Text

from partnertui.tui.widgets.labelled import Labelled

ROWS = [
    ("Name", Text("[b]x[/b] [link=http://e.test]y[/link]")),
    ("Description", Text("A first paragraph that runs on well past one line.\n\nAnd a second.")),
    ("", Text("a-word-far-too-long-for-any-narrow-panel-to-hold-on-one-line", "dim")),
    (Text("⚠", "bold yellow"), Text("Not yet invited, though affected:", "yellow")),
    ("Empty", Text("")),
    ("Skills needed", "program evaluation, Somali interpretation"),
]


def cells(console: Console, renderable: object, width: int) -> list[list[tuple[str, str]]]:
    """Each line as (character, style) pairs, without the blank end of the line."""
    lines = []
    for line in console.render_lines(renderable, console.options.update_width(width)):
        row = [(ch, str(segment.style or "")) for segment in line for ch in segment.text]
        while row and row[-1][0] == " ":
            row.pop()
        lines.append(row)
    return lines


@pytest.mark.parametrize("width", [24, 30, 60, 100])
@pytest.mark.parametrize("label_style", ["", "bold"])
def test_rows_draw_as_the_rich_grid_did(width, label_style):
    console = Console(width=120, color_system="truecolor")
    grid = Table.grid(padding=(0, 1))
    grid.add_column(style=label_style or None, no_wrap=True)
    grid.add_column(overflow="fold")
    rows = Labelled(label_style=label_style)
    for label, value in ROWS:
        grid.add_row(Text(label) if isinstance(label, str) else label, value)
        rows.add_row(label, value)
    assert cells(console, rows, width) == cells(console, grid, width)


def test_user_text_is_never_markup():
    console = Console(width=80)
    rows = Labelled([("Name", Text("[b]x[/b]"))])
    assert "".join(s.text for s in console.render(rows)).startswith("Name [b]x[/b]")
