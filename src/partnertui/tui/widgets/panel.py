"""Showing the selected row's details under a long list, quickly enough to keep up
with the cursor.

A new layout redraws every widget whose place on the screen may have moved,
the long list above the panel included, and costs several times the rest of a
cursor move. Most moves leave the panel as tall as it was (it has a fixed cap and
most details fill it), so the panel is laid out again only when its height has
to change; otherwise only the panel itself is redrawn.

What the panel shows is drawn once, to lines, before it is measured and shown: a
Rich table is measured cell by cell every time it is drawn, which made drawing a
panel twice (once to find its height, once to show it) a large part of a key press.
"""

from __future__ import annotations

from rich.console import RenderableType
from rich.segment import Segment, Segments
from textual.css.scalar import Unit
from textual.visual import VisualType
from textual.widgets import Static


def _cells(box: Static, rule: str) -> int | None:
    scalar = getattr(box.styles, rule)
    if scalar is None or scalar.unit != Unit.CELLS:
        return None
    return int(scalar.value) - box.styles.gutter.height


def drawn_lines(box: Static, content: RenderableType, width: int) -> list[list[Segment]]:
    """``content`` as the lines it takes at ``width``."""
    console = box.app.console
    return console.render_lines(content, console.options.update_width(width), pad=False)


def joined(lines: list[list[Segment]]) -> Segments:
    """Drawn lines, ready to show again as they are."""
    return Segments([segment for line in lines for segment in (*line, Segment.line())][:-1])


def show_in_panel(box: Static, content: VisualType) -> None:
    """Show ``content`` in ``box``, a panel of ``height: auto``."""
    width = box.content_region.width
    if width and not isinstance(content, str | Segments):
        content = joined(drawn_lines(box, content, width))  # type: ignore[arg-type]
    box.update(content, layout=False)
    if not width or not box.display:  # not laid out yet: its height is not known
        box.refresh(layout=True)
        return
    box.clear_cached_dimensions()
    need = box.get_content_height(
        box.parent.size if box.parent else box.app.size, box.app.size, width
    )  # type: ignore[union-attr]
    if (low := _cells(box, "min_height")) is not None:
        need = max(need, low)
    if (high := _cells(box, "max_height")) is not None:
        need = min(need, high)
    if need != box.content_region.height:
        box.refresh(layout=True)
