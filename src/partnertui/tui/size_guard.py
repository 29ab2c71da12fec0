"""A plain "make the window larger" message in place of any screen too small to work.

Every screen is laid out for 80×24 and tested there. Below that, columns that matter
(a due date, a change in score) are cut and the section bar loses sections, so
instead of a garbled layout the person sees what size they have, what is needed, and
how to quit. The message covers whatever is showing, dialogs and help included, and
goes away by itself as soon as the window is large enough again; nothing underneath
is lost.
"""

from __future__ import annotations

from textual.app import App, ComposeResult
from textual.binding import Binding
from textual.geometry import Size
from textual.screen import ModalScreen, Screen
from textual.widgets import Static

MIN_WIDTH = 80
MIN_HEIGHT = 24


def fits(size: Size) -> bool:
    """Whether every screen can be shown whole at ``size``."""
    return size.width >= MIN_WIDTH and size.height >= MIN_HEIGHT


def too_small_message(size: Size, quit_key: str = "ctrl+q") -> str:
    return (
        f"This window is {size.width}×{size.height}.\n"
        f"partnertui needs at least {MIN_WIDTH}×{MIN_HEIGHT}.\n\n"
        "Make the window larger to carry on:\nnothing is lost meanwhile.\n\n"
        f"{quit_key} quits."
    )


class TooSmallScreen(ModalScreen[None]):
    """Covers the screens underneath until the window is large enough.

    Modal, so the keys of the screens underneath wait; the app's ctrl+q (a priority
    key) still quits, and asks about unsaved changes as always.
    """

    # Opaque in every theme: a ModalScreen is see-through in an ANSI theme (so that a
    # dialog shows what it is about), and this one is there to hide a cut-up screen.
    DEFAULT_CSS = """
    TooSmallScreen {
        align: center middle; background: $background;
        &:ansi { background: ansi_default; }
    }
    TooSmallScreen > #too-small {
        width: auto; max-width: 100%; height: auto; max-height: 100%;
        text-align: center; padding: 0 1;
    }
    """

    def __init__(self) -> None:
        super().__init__()
        self._leaving = False

    def compose(self) -> ComposeResult:
        yield Static(too_small_message(self.app.size, _quit_key(self.app)), id="too-small")

    def show_size(self, size: Size) -> None:
        self.query_one("#too-small", Static).update(too_small_message(size, _quit_key(self.app)))

    def leave(self) -> None:
        """Uncover the screens underneath, once: a resize and a resume may both ask."""
        if not self._leaving and self.is_current:
            self._leaving = True
            self.dismiss()

    def on_screen_resume(self) -> None:
        """Back on top after a dialog closed (the quit question): still needed?"""
        if fits(self.app.size):
            self.leave()
        else:
            self.show_size(self.app.size)


class SizeGuard:
    """Shows the too-small message when needed, on resize and whenever screens change."""

    def __init__(self, app: App) -> None:
        self.app = app
        app.screen_change_signal.subscribe(app, self._screen_changed)

    def check(self, size: Size | None = None) -> None:
        """Cover the screen or uncover it for a terminal of ``size`` (now: app.size)."""
        size = self.app.size if size is None else size
        top = self.app.screen
        if fits(size):
            if isinstance(top, TooSmallScreen):
                top.leave()
        elif isinstance(top, TooSmallScreen) and not top._leaving:
            top.show_size(size)
        elif not any(isinstance(screen, TooSmallScreen) for screen in self.app.screen_stack):
            # A dialog opened over the message (ctrl+q's question) stays usable: the
            # message waits underneath and looks again when the dialog closes.
            self.app.push_screen(TooSmallScreen())

    def _screen_changed(self, _screen: Screen) -> None:
        self.check()


def _quit_key(app: App) -> str:
    """The key that quits, as this person has it (their own keys may move it)."""
    for key, active in app.screen.active_bindings.items():
        if active.binding.action == "quit":
            return app.get_key_display(Binding(key, "quit"))
    return "ctrl+q"
