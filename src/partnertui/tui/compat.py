"""The few places partnertui reaches inside Textual, each for a measured reason.

Everything else in the workbook uses Textual's public API. What is here has no
public way to do it; each item says what it relies on, why, and what it saves.
``tests/tui/test_compat.py`` fails as soon as a new Textual changes what an item
relies on, and ``pyproject.toml`` bounds Textual to the minor versions the suite
has passed on. The savings were measured on the shared two-core machine on
2026-12-02, each item switched off in turn, with the example project and the
2,000-partner project of ``benchmarks/generate.py``.

Besides these, the app's stylesheet narrows two parts of Textual's header by their
type names (``HeaderIcon``, ``HeaderClockSpace``); the snapshot tests show it if
those names change.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from textual.geometry import Size
from textual.reactive import Reactive

if TYPE_CHECKING:
    from textual.app import App
    from textual.screen import Screen
    from textual.widget import Widget

__all__ = ["QuietVirtualSize", "mark_styles_current", "set_scroll_size"]


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
