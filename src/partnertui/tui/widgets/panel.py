"""Showing the selected row's details under a long list, quickly enough to keep up
with the cursor.

A new layout redraws every widget whose place on the screen may have moved,
the long list above the panel included, and costs several times the rest of a
cursor move. Most moves leave the panel as tall as it was (it has a fixed cap and
most details fill it), so the panel is laid out again only when its height has
to change; otherwise only the panel itself is redrawn.

What the panel shows is drawn once per width (:class:`Drawn`): a Rich table is
measured cell by cell every time it is drawn, and a panel is drawn twice (once to
find its height, once to show it), which was a large part of a key press.
"""

from __future__ import annotations

from rich.console import Console, ConsoleOptions, RenderableType, RenderResult
from rich.measure import Measurement
from rich.segment import Segment
from textual.css.scalar import Unit
from textual.visual import VisualType
from textual.widgets import Static


def _cells(box: Static, rule: str) -> int | None:
    scalar = getattr(box.styles, rule)
    if scalar is None or scalar.unit != Unit.CELLS:
        return None
    return int(scalar.value) - box.styles.gutter.height


class Drawn:
    """``content``, drawn once for each width it is shown at and then reused."""

    def __init__(self, content: RenderableType) -> None:
        self.content = content
        self._lines: dict[int, list[list[Segment]]] = {}

    def lines(self, console: Console, options: ConsoleOptions) -> list[list[Segment]]:
        width = options.max_width
        if width not in self._lines:
            self._lines[width] = console.render_lines(self.content, options, pad=False)
        return self._lines[width]

    def __rich_console__(self, console: Console, options: ConsoleOptions) -> RenderResult:
        for n, line in enumerate(self.lines(console, options)):
            if n:
                yield Segment.line()
            yield from line

    def __rich_measure__(self, console: Console, options: ConsoleOptions) -> Measurement:
        return Measurement.get(console, options, self.content)


def show_in_panel(box: Static, content: VisualType) -> None:
    """Show ``content`` in ``box``, a panel of ``height: auto``."""
    width = box.content_region.width
    if not isinstance(content, str | Drawn):
        content = Drawn(content)  # type: ignore[arg-type]
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
