"""The line a list is filtered by: hidden until / opens it, cleared by Escape.

Partners and Actions filter the same way, so the box that shows, hides and reads
the typed words lives here once; each screen decides what a match is.
"""

from __future__ import annotations

from textual.widgets import Input


class FilterBox(Input):
    """A filter line above a list; its words are matched case-insensitively."""

    DEFAULT_CSS = """
    FilterBox#filter { display: none; padding: 0 1; }
    FilterBox#filter.-active { display: block; }
    """

    def __init__(self) -> None:
        super().__init__(
            placeholder="Type to filter; Enter to go to the list; Esc clears",
            id="filter",
            compact=True,
        )

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
