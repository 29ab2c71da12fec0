"""Showing the selected row's details under a long list, quickly enough to keep up
with the cursor.

A new layout redraws every widget whose place on the screen may have moved,
the long list above the panel included, and costs several times the rest of a
cursor move. Most moves leave the panel as tall as it was (it has a fixed cap and
most details fill it), so the panel is laid out again only when its height has
to change; otherwise only the panel itself is redrawn.

What the panel shows is drawn once per width (:class:`Drawn`): a Rich table is
measured cell by cell every time it is drawn, and a panel is drawn twice (once to
find its height, once to show it), which was a large part of a key press. The
lines Textual makes of it, and its height, are kept with it too
(:class:`compat.KeptRichVisual`), so content shown again (the Roles section's guide
to each role, as roles are given) costs nothing to show.
"""

from __future__ import annotations

from collections.abc import Callable

from rich.console import Console, ConsoleOptions, RenderableType, RenderResult
from rich.measure import Measurement
from rich.segment import Segment
from textual.app import RenderResult as Shown
from textual.css.scalar import Unit
from textual.strip import Strip
from textual.visual import VisualType
from textual.widget import Widget
from textual.widgets import Static

from partnertui.tui.compat import KeptRichVisual, StripsKey


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
        self.heights: dict[int, int] = {}
        """Its height at each width, as Textual works it out."""
        self.strips: dict[StripsKey, list[Strip]] = {}
        """Textual's lines of it (see :class:`compat.KeptRichVisual`)."""

    def lines(self, console: Console, options: ConsoleOptions) -> list[list[Segment]]:
        width = options.max_width
        if width not in self._lines:
            self._lines[width] = console.render_lines(self.content, options, pad=False)
        return self._lines[width]

    def __rich_console__(self, console: Console, options: ConsoleOptions) -> RenderResult:
        # Every line ends in a newline, as Rich's own renderables' lines do: Textual
        # counts the newlines to know how tall the content is.
        newline = Segment.line()
        for line in self.lines(console, options):
            yield from line
            yield newline

    def __rich_measure__(self, console: Console, options: ConsoleOptions) -> Measurement:
        return Measurement.get(console, options, self.content)


class Panel(Static):
    """A panel of ``height: auto`` (under a list, or one of the Overview's), redrawn
    only when what it is about changes."""

    def __init__(self, *, id: str) -> None:
        super().__init__(id=id, markup=False)
        self._about: object = object()

    def render(self) -> Shown:
        content = self.content
        if isinstance(content, Drawn):
            return KeptRichVisual(self, content, content.heights, content.strips)
        return super().render()

    def show(self, about: object, make: Callable[[], VisualType]) -> None:
        """Show what ``make`` gives, unless the panel already shows it for ``about``
        (a redraw or a filter letter often lands on the row already described)."""
        if about == self._about:
            return
        self._about = about
        content = make()
        if not isinstance(content, str | Drawn):
            content = Drawn(content)  # type: ignore[arg-type]
        width = self.content_region.width
        self.update(content, layout=False)
        if not width or not self.display:  # not laid out yet: its height is not known
            self.refresh(layout=True)
            return
        self.clear_cached_dimensions()
        parent = self.parent.size if isinstance(self.parent, Widget) else self.app.size
        need = self.get_content_height(parent, self.app.size, width)
        if (low := _cells(self, "min_height")) is not None:
            need = max(need, low)
        if (high := _cells(self, "max_height")) is not None:
            need = min(need, high)
        if need != self.content_region.height:
            self.refresh(layout=True)
