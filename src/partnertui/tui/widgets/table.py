"""A table for lists of things: rows are chosen whole, and vim keys move too.

Every list in the workbook is one of these, so j/k/g/G and Enter behave the same on
every screen, and the footer names what Enter does there. Plain ``str`` cells are
shown as typed: a DataTable would otherwise read them as markup, so a partner
named ``[b]x[/b]`` would turn bold (or ``[/x]`` would crash the screen).

Column widths are worked out as rows are added, from each cell's text, instead of
by DataTable's general measuring of every cell on the next idle: the answer is the
same for one-line text cells, and with thousands of rows that measuring was most
of the cost of filling a table. :meth:`ListTable.fill` puts a whole list of rows in
at once, for screens that redraw a long list as a person types.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from itertools import zip_longest
from typing import Any

from rich.cells import cell_len
from rich.text import Text
from textual._two_way_dict import TwoWayDict
from textual.binding import Binding
from textual.widgets import DataTable
from textual.widgets.data_table import ColumnKey, DuplicateKey, Row, RowKey

from partnertui.tui.display import plain


def _cell(value: Any) -> Any:
    return Text(plain(value), no_wrap=True, end="") if isinstance(value, str) else value


def text_width(cell: Text) -> int:
    """What DataTable's measuring gives a text cell: its widest line, in cells."""
    words = cell.plain
    if "\n" not in words:
        return cell_len(words)
    return max((cell_len(line) for line in words.splitlines()), default=0)


class ListTable(DataTable):
    """A row-cursor DataTable with j/k/g/G, whose Enter is labelled for its screen."""

    DEFAULT_CSS = """
    ListTable { scrollbar-size-vertical: 1; }
    """

    BINDINGS = [
        Binding("j", "cursor_down", "Down", show=False, id="list.down"),
        Binding("k", "cursor_up", "Up", show=False, id="list.up"),
        Binding("g", "scroll_top", "First", show=False, id="list.first"),
        Binding("G", "scroll_bottom", "Last", show=False, id="list.last"),
    ]

    def __init__(self, enter_label: str = "Open", *, id: str | None = None) -> None:
        super().__init__(cursor_type="row", zebra_stripes=True, id=id)
        self._bindings.key_to_bindings["enter"] = [
            Binding("enter", "select_cursor", enter_label, tooltip=enter_label)
        ]
        self._widths: dict[RowKey, tuple[int, ...]] = {}
        """Cell widths of rows added since the columns were last sized."""

    def add_row(
        self,
        *cells: Any,
        height: int | None = 1,
        key: str | None = None,
        label: Any = None,
    ) -> RowKey:
        shown = tuple(map(_cell, cells))
        row_key = super().add_row(*shown, height=height, key=key, label=label)
        if height is not None and label is None and all(isinstance(c, Text) for c in shown):
            self._widths[row_key] = tuple(text_width(c) for c in shown)
        return row_key

    def fill(self, rows: Iterable[tuple[str, Sequence[Any]]]) -> None:
        """Show exactly ``rows``, each a key and its cells, in place of what was shown.

        The same as :meth:`clear` and an :meth:`add_row` for each, but the cursor is
        checked and the table marked changed once for the lot instead of once a row,
        which is what made refilling thousands of rows slow.
        """
        self.clear()
        columns = self.ordered_columns
        locations, data, known = self._row_locations, self._data, self.rows
        new, widths = self._new_rows, self._widths
        for index, (key, cells) in enumerate(rows):
            row_key = RowKey(key)
            if row_key in locations:
                raise DuplicateKey(f"The row key {row_key!r} already exists.")
            if len(cells) > len(columns):
                raise ValueError("More values provided than there are columns.")
            shown = tuple(map(_cell, cells))
            locations[row_key] = index
            data[row_key] = {column.key: cell for column, cell in zip_longest(columns, shown)}
            known[row_key] = Row(row_key, 1, None, False)
            new.add(row_key)
            if all(isinstance(c, Text) for c in shown):
                widths[row_key] = tuple(text_width(c) for c in shown)
        self._require_update_dimensions = True
        self.cursor_coordinate = self.cursor_coordinate
        if self.row_count and columns and self.show_cursor and self.cursor_type != "none":
            self._highlight_cursor()  # as add_row does for the first row of an empty table
        self._update_count += 1
        self.check_idle()

    def arrange(self, keys: Sequence[str]) -> None:
        """Put the rows in the order of ``keys``, which names every row once, without
        redrawing any of them: quicker than :meth:`sort` when the order is known."""
        order = {RowKey(key): n for n, key in enumerate(keys)}
        if len(order) != len(keys) or len(order) != self.row_count or order.keys() - self.rows:
            raise ValueError("arrange needs every row's key, once each")
        self._row_locations = TwoWayDict(order)
        self._update_count += 1
        self.refresh()

    def clear(self, columns: bool = False) -> ListTable:
        self._widths.clear()
        return super().clear(columns)

    def _update_dimensions(self, new_rows: Iterable[RowKey]) -> None:
        """Widen the columns for rows whose widths are known; DataTable does the rest."""
        widths = self._widths
        columns = self.ordered_columns
        rest = []
        for row_key in new_rows:
            known = widths.pop(row_key, None)
            if known is None:
                rest.append(row_key)
            elif row_key in self._row_locations:
                for column, width in zip(columns, known, strict=False):
                    if width > column.content_width:
                        column.content_width = width
        super()._update_dimensions(rest)

    def update_cell(
        self,
        row_key: RowKey | str,
        column_key: ColumnKey | str,
        value: Any,
        *,
        update_width: bool = False,
    ) -> None:
        super().update_cell(row_key, column_key, _cell(value), update_width=update_width)
