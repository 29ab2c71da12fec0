"""The line a list is filtered by: hidden until / opens it, cleared by Escape.

Partners and Actions filter the same way, so the box that shows, hides and reads
the typed words, and that says when to refilter, lives here once; each screen
decides what a match is.
"""

from __future__ import annotations

from textual import on
from textual.message import Message
from textual.widgets import Input

from partnertui.tui.compat import QuietVirtualSize


class FilterBox(Input):
    """A filter line above a list; its words are matched case-insensitively."""

    DEFAULT_CSS = """
    FilterBox#filter { display: none; padding: 0 1; }
    FilterBox#filter.-active { display: block; }
    """

    class Settled(Message):
        """The words changed and the typed letter is on screen: time to refilter.

        Refiltering a long list costs more than a keystroke, so it waits until the
        letter has been drawn, and a burst of typing asks for it once."""

    # A new layout of the whole screen on every letter was about half the cost of a
    # filter letter on a long list.
    virtual_size = QuietVirtualSize()

    def __init__(self) -> None:
        super().__init__(
            placeholder="Type to filter; Enter to go to the list; Esc clears",
            id="filter",
            compact=True,
        )
        self._settling = False

    @property
    def words(self) -> list[str]:
        return self.value.casefold().split()

    def open(self) -> None:
        self.add_class("-active")
        self.focus()

    def close(self) -> bool:
        """Empty and hide the box; True when that changes which rows match."""
        changed = bool(self.value)
        self.value = ""
        self.remove_class("-active")
        return changed

    @on(Input.Changed)
    def _words_changed(self) -> None:
        if not self._settling:
            self._settling = True
            self.call_after_refresh(self._settle)

    def _settle(self) -> None:
        self._settling = False
        self.post_message(self.Settled())
