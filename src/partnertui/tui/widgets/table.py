"""A table for lists of things: rows are chosen whole, and vim keys move too.

Every list in the workbook is one of these, so j/k/g/G and Enter behave the same on
every screen, and the footer names what Enter does there. Plain ``str`` cells are
shown as typed: a DataTable would otherwise read them as markup, so a partner
named ``[b]x[/b]`` would turn bold (or ``[/x]`` would crash the screen).
"""

from __future__ import annotations

from typing import Any

from rich.text import Text
from textual.binding import Binding
from textual.widgets import DataTable
from textual.widgets.data_table import ColumnKey, RowKey

from partnertui.tui.display import plain


def _cell(value: Any) -> Any:
    return Text(plain(value), no_wrap=True, end="") if isinstance(value, str) else value


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

    def add_row(
        self,
        *cells: Any,
        height: int | None = 1,
        key: str | None = None,
        label: Any = None,
    ) -> RowKey:
        return super().add_row(*map(_cell, cells), height=height, key=key, label=label)

    def update_cell(
        self,
        row_key: RowKey | str,
        column_key: ColumnKey | str,
        value: Any,
        *,
        update_width: bool = False,
    ) -> None:
        super().update_cell(row_key, column_key, _cell(value), update_width=update_width)
