"""The few places partnertui reaches inside Textual, each for a measured reason.

Everything else in the workbook uses Textual's public API. What is here has no
public way to do it; each item says what it relies on, why, and what it saves.
``tests/tui/test_compat.py`` fails as soon as a new Textual changes what an item
relies on, and ``pyproject.toml`` bounds Textual to the minor versions the suite
has passed on. The savings were measured on the shared two-core machine (on
2026-12-02, and 2026-12-07 where an item says so), each item switched off in turn,
with the example project and the 2,000-partner project of ``benchmarks/generate.py``.

Besides these, every other reliance on what a library does inside, listed here so
that they are all in one place:

- ``PartnerApp.delay_update`` (``tui/app.py``) overrides a public method, but relies
  on ``App.switch_mode`` calling it before the mode changes: it reads the mode being
  left to tell the first section's switch from the others;
  ``tests/tui/test_compat.py`` fails if the order changes.
- ``plugins_off.py`` stands in for pydantic's private plugin loader
  (``pydantic.plugin._loader``) as a module, from the command line's entry point
  only; ``tests/unit/test_model.py`` fails if pydantic stops asking it.
- The app's stylesheet narrows two parts of Textual's header by their type names
  (``HeaderIcon``, ``HeaderClockSpace``); the snapshot tests show it if those names
  change.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from rich.console import RenderableType
from rich.style import Style as RichStyle
from textual.geometry import Size
from textual.reactive import Reactive
from textual.visual import RenderOptions, RichVisual
from textual.widgets import Footer

if TYPE_CHECKING:
    from textual.app import App
    from textual.css.styles import RulesMap
    from textual.screen import Screen
    from textual.strip import Strip
    from textual.style import Style
    from textual.widget import Widget

__all__ = [
    "FooterOncePerFrame",
    "KeptRichVisual",
    "QuietVirtualSize",
    "StripsKey",
    "mark_styles_current",
    "set_scroll_size",
]

StripsKey = tuple[int, int | None, RichStyle, RichStyle | None]
"""What :class:`KeptRichVisual`'s lines depend on: width, height, base style, link style."""


def mark_styles_current(screen: Screen, app: App) -> None:
    """Tell Textual that a section's screen, made just now, has missed no style change.

    Textual re-reads and re-applies the whole stylesheet (``App.refresh_css``) when
    a mode's screen is first shown, in case styles changed while it was hidden; it
    tells by the private ``_css_update_count``. A screen made just now has missed
    nothing: its widgets are styled as they mount. Saves about 30 ms each time a
    section is first shown, the first screen included (the re-reading took 30 ms
    on the Overview, 43 ms once every section was open).
    """
    screen._css_update_count = app._css_update_count


def set_scroll_size(widget: Widget, size: Size) -> None:
    """Make ``widget`` scrollable to ``size`` without laying out the whole screen.

    ``virtual_size`` is declared to need a layout of the screen, which redraws every
    widget on it. A list whose height the screen decides (``height: 1fr``) keeps its
    place when its rows change, so only its scrollbars need to know: the reactive is
    set without its layout, and the scrollbars are updated as Textual updates them
    after a layout (the private ``Widget._scroll_update``). With 2,000 partners a
    filter letter took 19 ms with this and 26 ms with a plain ``virtual_size``.
    """
    widget.set_reactive(type(widget).virtual_size, size)
    widget._scroll_update(size)


class QuietVirtualSize(Reactive[Size]):
    """``virtual_size`` for a one-line text box that moves nothing else when it grows.

    Textual's ``Input`` sets its virtual size to its text's width on every letter,
    and that size is declared to need a layout of the whole screen. The filter box
    is always one line as wide as its list, so its text's width moves nothing else:
    scrolling within the box needs only the box redrawn. Redeclaring the reactive on
    the subclass, as Textual's own widgets declare theirs, drops the layout; it
    relies on ``Input`` keeping its scroll position through ``virtual_size``. With
    2,000 partners a filter letter took 19 ms with this and 23 ms without.
    """

    def __init__(self) -> None:
        super().__init__(Size(0, 0), layout=False)


class KeptRichVisual(RichVisual):
    """Textual's own drawing of a Rich renderable, its height and lines kept in
    ``heights`` and ``strips``, which belong to the renderable and outlive this.

    A panel under a list (``tui/widgets/panel.py``) is drawn twice per cursor move,
    once to find its height and once to show it, and ``RichVisual`` renders the
    renderable afresh each time (a Rich table measures every cell). Keeping what it
    works out needs to know everything it depends on, which ``RichVisual`` does not
    say: in Textual 8.2 ``get_height`` depends on the renderable and the width, and
    ``render_strips`` on the width, the height, the base style and, through
    ``Widget.post_render``, the widget's link style when it shows links (its text
    alignment applies to text only, which a panel's kept content never is). Those
    make the keys here. What it saves is the Roles section's guide to each role
    shown again as roles are given, without being drawn: with 2,000 partners at
    120×40 (the four roles side by side, a wide Rich table), giving a role took
    13.8 ms with it and 15.1 ms without, undoing or redoing one 13.2 and 15.7 ms
    (the benchmark's keystroke rows, 3×60 keys each, 2026-12-07); at 80×24 the
    difference was within the rows' noise.
    """

    def __init__(
        self,
        widget: Widget,
        renderable: RenderableType,
        heights: dict[int, int],
        strips: dict[StripsKey, list[Strip]],
    ) -> None:
        super().__init__(widget, renderable)
        self.shown_on = widget
        self.heights = heights
        self.strips = strips

    def get_height(self, rules: RulesMap, width: int) -> int:
        heights = self.heights
        if width not in heights:
            heights[width] = super().get_height(rules, width)
        return heights[width]

    def render_strips(
        self, width: int, height: int | None, style: Style, options: RenderOptions
    ) -> list[Strip]:
        widget = self.shown_on
        link = widget.link_style if widget.auto_links else None
        key = (width, height, style.rich_style, link)
        kept = self.strips
        if key not in kept:
            kept[key] = super().render_strips(width, height, style, options)
        return list(kept[key])


class FooterOncePerFrame(Footer):
    """Textual's Footer, rebuilding its keys once for all it is told before a frame.

    ``Footer.bindings_changed`` queues a rebuild (``call_after_refresh(recompose)``)
    each time the screen says its keys changed, if the app has the focus and the
    footer is attached to that screen; it has no public way to ask whether one is
    queued already. Showing a screen tells it four times (the screen resumes, a
    widget takes focus, the section settles), so each new screen built its keys four
    times over just after its first frame. The condition is Footer's own, copied:
    a rebuild already queued makes another one unneeded. Showing the five other
    sections of the example project for the first time at 80×24 took 0.94 s of
    processor time with this and 1.31 s without (medians of 7 runs, 2026-12-07).
    """

    _rebuild_queued = False

    def bindings_changed(self, screen: Screen) -> None:
        if self._rebuild_queued:
            return  # a rebuild already waits for the next frame, and will see this too
        queues = screen.app.app_focus and self.is_attached and screen is self.screen
        super().bindings_changed(screen)
        self._rebuild_queued = bool(queues)

    async def recompose(self) -> None:
        self._rebuild_queued = False
        await super().recompose()
