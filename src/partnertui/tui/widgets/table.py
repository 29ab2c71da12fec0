"""A table for lists of things: rows are chosen whole, and vim keys move too.

Every list in the workbook is one of these, so j/k/g/G and Enter behave the same on
every screen, and the footer names what Enter does there.
"""

from __future__ import annotations

from textual.binding import Binding
from textual.widgets import DataTable


class ListTable(DataTable):
    """A row-cursor DataTable with j/k/g/G, whose Enter is labelled for its screen."""

    DEFAULT_CSS = """
    ListTable { scrollbar-size-vertical: 1; }
    """

    BINDINGS = [
        Binding("j", "cursor_down", "Down", show=False),
        Binding("k", "cursor_up", "Up", show=False),
        Binding("g", "scroll_top", "First", show=False),
        Binding("G", "scroll_bottom", "Last", show=False),
    ]

    def __init__(self, enter_label: str = "Open", *, id: str | None = None) -> None:
        super().__init__(cursor_type="row", zebra_stripes=True, id=id)
        self._bindings.key_to_bindings["enter"] = [
            Binding("enter", "select_cursor", enter_label, tooltip=enter_label)
        ]
