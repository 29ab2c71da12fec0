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
lines Textual makes of it, and its height, are kept with it too, so content shown
again (the Roles section's guide to each role, as roles are given) costs nothing
to show.
"""

from __future__ import annotations

from collections.abc import Callable

from rich.console import Console, ConsoleOptions, RenderableType, RenderResult
from rich.measure import Measurement
from rich.segment import Segment
from rich.style import Style as RichStyle
from textual.app import RenderResult as Shown
from textual.css.scalar import Unit
from textual.css.styles import RulesMap
from textual.strip import Strip
from textual.style import Style
from textual.visual import RenderOptions, RichVisual, VisualType
from textual.widget import Widget
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
        self._heights: dict[int, int] = {}
        self._strips: dict[tuple[int, int | None, RichStyle, RichStyle | None], list[Strip]] = {}
        """Textual's lines of it, by width, height, base style and link style."""

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


class _Kept(RichVisual):
    """Textual's own wrapping of a Rich renderable, for a :class:`Drawn`: what it
    works out is kept with the Drawn, keyed on everything it depends on."""

    def __init__(self, widget: Widget, drawn: Drawn) -> None:
        super().__init__(widget, drawn)
        self._drawn = drawn

    def get_height(self, rules: RulesMap, width: int) -> int:
        heights = self._drawn._heights
        if width not in heights:  # the Drawn's lines are kept per width, so this is too
            heights[width] = super().get_height(rules, width)
        return heights[width]

    def render_strips(
        self, width: int, height: int | None, style: Style, options: RenderOptions
    ) -> list[Strip]:
        # What Textual's drawing depends on besides the Drawn: the widget's link style
        # (when it shows links), and a justification that applies only to text.
        widget = self._widget
        link = widget.link_style if widget.auto_links else None
        key = (width, height, style.rich_style, link)
        kept = self._drawn._strips
        if key not in kept:
            kept[key] = super().render_strips(width, height, style, options)
        return list(kept[key])


class Panel(Static):
    """A panel of ``height: auto`` (under a list, or one of the Overview's), redrawn
    only when what it is about changes."""

    def __init__(self, *, id: str) -> None:
        super().__init__(id=id, markup=False)
        self._about: object = object()

    def render(self) -> Shown:
        content = self.content
        return _Kept(self, content) if isinstance(content, Drawn) else super().render()

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
