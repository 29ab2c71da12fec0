"""Small helpers the workbook shell's Pilot tests share: what the screen shows, toasts."""

from __future__ import annotations

import io

from rich.console import Console
from textual.app import App
from textual.screen import Screen
from textual.widgets import Static


def screen_text(app: App) -> str:
    """The characters on the terminal now, as a person would read them (no styles)."""
    width, height = app.size
    console = Console(
        width=width,
        height=height,
        file=io.StringIO(),
        force_terminal=True,
        record=True,
        legacy_windows=False,
        safe_box=False,
    )
    console.print(
        app.screen._compositor.render_update(full=True, screen_stack=app._background_screens)
    )
    return console.export_text()


def toasts(app: App) -> list[str]:
    """Every notification shown so far, as "title: message"."""
    return [f"{n.title}: {n.message}" for n in app._notifications]


def statics_text(screen: Screen, width: int = 76) -> str:
    """What every Static on ``screen`` holds, scrolled into view or not, as plain text."""
    console = Console(width=width, file=io.StringIO(), record=True)
    for static in screen.query(Static):
        console.print(static.content)
    return console.export_text()
