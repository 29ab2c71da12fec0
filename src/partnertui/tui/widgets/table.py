"""A table for lists of things: rows are chosen whole, and vim keys move too.

Every list in the workbook is one of these, so j/k/g/G and Enter behave the same on
every screen, and the footer names what Enter does there.

It draws only the lines on screen, each from a cached strip, and takes a list of
rows as it is given: a project can have thousands of partners, and a key press
(moving the cursor, typing a filter letter, giving a role) must show within one
frame. Textual's DataTable, which this replaced, re-rendered a dozen rows per
cursor step and measured every cell whenever rows were replaced.

Plain ``str`` cells are shown exactly as typed, never read as markup, so a partner
named ``[b]x[/b]`` shows those characters. Cells wider than their column end in "…".
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from itertools import compress, zip_longest
from operator import is_not
from typing import ClassVar

from rich.cells import cell_len, set_cell_size
from rich.segment import Segment
from rich.style import Style
from rich.text import Text
from textual import events
from textual.binding import Binding, BindingType
from textual.geometry import Region, Size
from textual.message import Message
from textual.scroll_view import ScrollView
from textual.strip import Strip

from partnertui.tui.compat import set_scroll_size
from partnertui.tui.display import plain

Cell = str | Text
PADDING = 1
"""Blank cells either side of each column's text."""


def text_width(cell: Cell) -> int:
    """The cells ``cell`` takes on its one line (line breaks show as spaces)."""
    return cell_len((cell.plain if isinstance(cell, Text) else cell).replace("\n", " "))


@dataclass
class Column:
    key: str
    label: str
    width: int | None
    """Fixed width, or ``None`` to grow with the widest cell shown so far."""
    content_width: int
    grow: bool = False
    """Take the room the other columns leave (at least ``width``), so a long name
    shows more of itself on a wider terminal and the table never scrolls sideways."""

    @property
    def shown_width(self) -> int:
        return self.width if self.width is not None else self.content_width


class ListTable(ScrollView, can_focus=True, inherit_bindings=False):
    """Rows of cells under a header, with a row cursor; Enter chooses the row."""

    COMPONENT_CLASSES: ClassVar[set[str]] = {
        "list-table--header",
        "list-table--fixed",
        "list-table--even-row",
        "list-table--odd-row",
        "list-table--cursor",
    }

    DEFAULT_CSS = """
    ListTable {
        background: $surface;
        color: $foreground;
        height: auto;
        max-height: 100%;
        scrollbar-size-vertical: 1;
        &:focus {
            background-tint: $foreground 5%;
            & > .list-table--cursor {
                background: $block-cursor-background;
                color: $block-cursor-foreground;
                text-style: $block-cursor-text-style;
            }
            & > .list-table--header { background-tint: $foreground 5%; }
        }
        &:dark > .list-table--even-row { background: $surface-darken-1 40%; }
        & > .list-table--header { text-style: bold; background: $panel; color: $foreground; }
        &:ansi > .list-table--header { background: ansi_bright_blue; color: ansi_default; }
        & > .list-table--fixed { background: $secondary-muted; color: $foreground; }
        & > .list-table--even-row { background: $surface-lighten-1 50%; }
        & > .list-table--cursor {
            background: $block-cursor-blurred-background;
            color: $block-cursor-blurred-foreground;
            text-style: $block-cursor-blurred-text-style;
        }
    }
    """

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("up,k", "cursor_up", "Up", show=False, id="list.up"),
        Binding("down,j", "cursor_down", "Down", show=False, id="list.down"),
        Binding("pageup", "page_up", "Page up", show=False),
        Binding("pagedown", "page_down", "Page down", show=False),
        Binding("home,ctrl+home,g", "first", "First", show=False, id="list.first"),
        Binding("end,ctrl+end,G", "last", "Last", show=False, id="list.last"),
        Binding("left", "scroll_left", "Scroll left", show=False),
        Binding("right", "scroll_right", "Scroll right", show=False),
        # The footer names what Enter does; a list that does something else on Enter
        # says so in its own BINDINGS (see EditList).
        Binding("enter", "select_cursor", "Open"),
    ]

    class _RowMessage(Message):
        def __init__(self, table: ListTable, cursor_row: int, row_key: str) -> None:
            super().__init__()
            self.table = table
            self.cursor_row = cursor_row
            self.row_key = row_key

        @property
        def control(self) -> ListTable:
            return self.table

    class RowHighlighted(_RowMessage):
        """The cursor arrived on a row."""

    class RowSelected(_RowMessage):
        """Enter (or a click on the cursor's row) chose a row."""

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.columns: list[Column] = []
        self._keys: list[str] = []
        self._cells: dict[str, Sequence[Cell]] = {}
        self.fixed_rows = 0
        """Rows at the top that stay in view while the rest scroll."""
        self._cursor = 0
        self._lines: dict[tuple[str, str], Strip] = {}
        """Each row's drawn line, full width, by key and look, until something changes."""
        self._head: tuple[object, Strip] = (None, Strip([]))
        """The header line and what it was drawn for."""
        self._widths: tuple[int, ...] = ()
        """Each column's width as last drawn."""
        self._styles: dict[str, Style] = {}
        """The widget's own style (under "") and each look's, until the styles change."""

    # -- reading -------------------------------------------------------------------

    @property
    def row_count(self) -> int:
        return len(self._keys)

    @property
    def row_keys(self) -> list[str]:
        """The keys of the rows, top to bottom."""
        return list(self._keys)

    @property
    def column_widths(self) -> tuple[int, ...]:
        """Each column's width, in cells, as last drawn."""
        return self._widths

    @property
    def cursor_row(self) -> int:
        return self._cursor

    @property
    def cursor_key(self) -> str | None:
        return self._keys[self._cursor] if self._keys else None

    def row_index(self, key: str) -> int | None:
        # A search in C: asked about once per refill, it is quicker than an index of
        # thousands of keys made again after every refill.
        return self._keys.index(key) if key in self._cells else None

    def get_row(self, key: str) -> list[Cell]:
        cells = list(self._cells[key])
        return cells + [""] * (len(self.columns) - len(cells))

    def get_row_at(self, row: int) -> list[Cell]:
        return self.get_row(self._keys[row])

    # -- changing ------------------------------------------------------------------

    def add_column(
        self, label: str, *, key: str | None = None, width: int | None = None, grow: bool = False
    ) -> str:
        key = key or label
        self.columns.append(Column(key, label, width, cell_len(label), grow))
        self._changed()
        return key

    def add_columns(self, *labels: str) -> None:
        for label in labels:
            self.add_column(label)

    def add_row(self, *cells: Cell, key: str | None = None) -> str:
        key = key if key is not None else str(len(self._keys))
        if key in self._cells:
            raise ValueError(f"there is already a row {key!r}")
        self._check(cells)
        self._keys.append(key)
        self._cells[key] = cells
        self._measure(cells)
        self._changed(rows=True)
        if len(self._keys) == 1:
            self._announce()
        return key

    def fill(self, rows: Iterable[tuple[str, Sequence[Cell]]]) -> None:
        """Show exactly ``rows``, each a key and its cells, in place of what was shown.

        Cells given as the very same object as last time are not measured again,
        so a screen that keeps its rows' cells can refill thousands of rows per key.
        Auto-sized columns widen to fit new cells; when no row is kept, they fit the
        new rows alone, so columns narrow when every row's cells were made afresh
        (names cut shorter for a narrower window, say). The cursor stays on the same
        row number; the screen moves it if it wants to follow a row.
        """
        before, was = self._cells, self.cursor_key
        rows = rows if isinstance(rows, list) else list(rows)
        cells_of = dict(rows)
        if len(cells_of) != len(rows):
            raise ValueError("every row needs a key of its own")
        # Keys and cells read back from the new dict, not from each row again: with
        # thousands of rows this runs on every key, and each pass over rows scattered
        # in memory costs more than the work it does.
        keys = list(cells_of)
        measured = any(column.width is None for column in self.columns)
        # Which rows are new, in C.
        new = list(compress(keys, map(is_not, map(before.get, keys), cells_of.values())))
        if measured and len(new) == len(keys):
            self._unmeasure()
        for key in new:
            cells = cells_of[key]
            self._check(cells)
            if measured:
                self._measure(cells)
            self._forget(key)
        self._keys, self._cells = keys, cells_of
        self._cursor = min(self._cursor, max(len(keys) - 1, 0))
        self._changed(rows=True)
        if self.cursor_key != was and keys:
            self._announce()

    def arrange(self, keys: Sequence[str]) -> None:
        """Put the rows in the order of ``keys``, which names every row once."""
        if len(keys) != len(self._keys) or set(keys) != self._cells.keys():
            raise ValueError("arrange needs every row's key, once each")
        self._keys = list(keys)
        self._changed(rows=True)

    def clear(self, columns: bool = False) -> ListTable:
        """Remove every row (and every column, with ``columns``); widths start afresh."""
        self._keys, self._cells, self._lines = [], {}, {}
        self._cursor = 0
        if columns:
            self.columns = []
        self._unmeasure()
        self._changed(rows=True)
        return self

    def _unmeasure(self) -> None:
        """Auto-sized columns back to their labels' widths, to be measured afresh."""
        for column in self.columns:
            column.content_width = cell_len(column.label)
        self._lines.clear()

    def _check(self, cells: Sequence[Cell]) -> None:
        if len(cells) > len(self.columns):
            raise ValueError("More values provided than there are columns.")

    def _measure(self, cells: Sequence[Cell]) -> None:
        """Widen auto-sized columns to fit ``cells``; they narrow only when measured afresh."""
        for column, cell in zip(self.columns, cells, strict=False):
            if column.width is None:
                width = text_width(cell)
                if width > column.content_width:
                    column.content_width = width
                    self._lines.clear()

    def _forget(self, key: str) -> None:
        for look in ("even", "odd", "cursor", "fixed"):
            self._lines.pop((key, look), None)

    def _changed(self, rows: bool = False) -> None:
        width = sum(c.shown_width + 2 * PADDING for c in self.columns)
        self._resize(Size(width, len(self._keys) + 1))
        if rows:
            self._lines = {k: v for k, v in self._lines.items() if k[0] in self._cells}
        self.refresh()

    def _resize(self, size: Size) -> None:
        """Make the rows scrollable to ``size``, laying out the screen only if needed.

        A new layout redraws every widget on the screen. A table sized by the screen
        (``height: 1fr``) keeps its place when its rows change, unless a scrollbar
        comes or goes, so typing a filter redraws only the table.
        """
        if size == self.virtual_size:
            return
        height = self.styles.height
        if not self.size or height is None or height.is_auto:
            self.virtual_size = size
            return
        bars = self.show_vertical_scrollbar, self.show_horizontal_scrollbar
        set_scroll_size(self, size)
        if bars != (self.show_vertical_scrollbar, self.show_horizontal_scrollbar):
            self.refresh(layout=True)

    def on_resize(self) -> None:
        self._lines.clear()  # lines are drawn as wide as the widget

    def notify_style_update(self) -> None:
        self._lines.clear()  # focus, theme or size changed how every line looks
        self._styles.clear()
        super().notify_style_update()

    # -- the cursor ----------------------------------------------------------------

    def move_cursor(self, *, row: int | None = None) -> None:
        """Put the cursor on ``row`` (kept within the rows) and bring it into view,
        at once: a slide would lag behind a held key on a slow link."""
        if row is None or not self._keys:
            return
        row = min(max(row, 0), len(self._keys) - 1)
        if row == self._cursor:
            self._scroll_to_cursor()
            return
        self._refresh_row(self._cursor)
        self._cursor = row
        self._refresh_row(row)
        self._scroll_to_cursor()
        self._announce()

    def _announce(self) -> None:
        self.post_message(self.RowHighlighted(self, self._cursor, self._keys[self._cursor]))

    @property
    def _scrolled_rows(self) -> int:
        """How many rows fit under the header and the fixed rows."""
        return max(self.scrollable_content_region.height - 1 - self.fixed_rows, 1)

    def _scroll_to_cursor(self) -> None:
        row = self._cursor - self.fixed_rows
        if row < 0:
            return
        top = round(self.scroll_y)
        if row < top:
            self.scroll_to(y=row, animate=False)
        elif row >= top + self._scrolled_rows:
            self.scroll_to(y=row - self._scrolled_rows + 1, animate=False)

    def _screen_line(self, row: int) -> int | None:
        """The line of the widget ``row`` is drawn on, if it is in view."""
        if row < self.fixed_rows:
            return row + 1
        line = row - round(self.scroll_y) + 1
        return line if self.fixed_rows < line < self.size.height else None

    def _refresh_row(self, row: int) -> None:
        line = self._screen_line(row)
        if line is not None:
            self.refresh(Region(0, line, self.size.width, 1))

    def action_cursor_down(self) -> None:
        self.move_cursor(row=self._cursor + 1)

    def action_cursor_up(self) -> None:
        self.move_cursor(row=self._cursor - 1)

    def action_page_down(self) -> None:
        self.move_cursor(row=self._cursor + self._scrolled_rows)

    def action_page_up(self) -> None:
        self.move_cursor(row=self._cursor - self._scrolled_rows)

    def action_first(self) -> None:
        self.move_cursor(row=0)

    def action_last(self) -> None:
        self.move_cursor(row=len(self._keys) - 1)

    def action_select_cursor(self) -> None:
        if self._keys:
            self.post_message(self.RowSelected(self, self._cursor, self._keys[self._cursor]))

    def on_click(self, event: events.Click) -> None:
        offset = event.get_content_offset(self)
        if offset is None or offset.y < 1:
            return
        line = offset.y
        row = line - 1 if line <= self.fixed_rows else line - 1 + round(self.scroll_y)
        if row >= len(self._keys):
            return
        if row == self._cursor:
            self.action_select_cursor()
        else:
            self.move_cursor(row=row)

    # -- drawing -------------------------------------------------------------------

    def _fit_columns(self, room: int) -> None:
        """Work out each column's width for ``room`` cells; lines drawn for other
        widths are forgotten."""
        widths = [c.shown_width for c in self.columns]
        spare = room - sum(widths) - 2 * PADDING * len(widths)
        growing = [n for n, c in enumerate(self.columns) if c.grow]
        if growing and spare > 0:
            widths[growing[0]] += spare
        if tuple(widths) != self._widths:
            self._widths = tuple(widths)
            self._lines.clear()

    def render_line(self, y: int) -> Strip:
        width = self.scrollable_content_region.width
        self._fit_columns(width)
        scroll_x = round(self.scroll_x)
        if y == 0:
            strip = self._header()
        else:
            row = y - 1 if y <= self.fixed_rows else y - 1 + round(self.scroll_y)
            if row >= len(self._keys):
                return Strip.blank(width, self._style())
            strip = self._row(row)
        return strip.crop_extend(scroll_x, scroll_x + width, None)

    def _full_width(self) -> int:
        return max(self.virtual_size.width, self.scrollable_content_region.width)

    def _header(self) -> Strip:
        style = self._style("list-table--header")
        made_for = (self._full_width(), style, self._widths)
        if self._head[0] != made_for:
            self._head = (made_for, self._draw([c.label for c in self.columns], style))
        return self._head[1]

    def _row(self, row: int) -> Strip:
        key = self._keys[row]
        if row == self._cursor:
            look = "cursor"
        elif row < self.fixed_rows:
            look = "fixed"
        else:
            look = "odd" if (row - self.fixed_rows) % 2 else "even"
        strip = self._lines.get((key, look))
        if strip is None:
            component = f"list-table--{look}" + ("-row" if look in ("even", "odd") else "")
            style = self._style(component)
            strip = self._lines[key, look] = self._draw(self._cells[key], style)
        return strip

    def _style(self, component: str = "") -> Style:
        """The widget's own style, with ``component``'s (a look's class) on top."""
        style = self._styles.get(component)
        if style is None:
            style = self.rich_style
            if component:
                style = self._style() + self.get_component_rich_style(component)
            self._styles[component] = style
        return style

    def _draw(self, cells: Sequence[Cell], style: Style) -> Strip:
        """One line of ``cells`` in their columns over ``style``, as wide as the widget.

        Cells of one style are joined into one run of text; only text with styled
        parts goes through Rich's rendering. This runs for every line that scrolls
        into view, so it is kept to string work.
        """
        segments: list[Segment] = []
        run: list[str] = []
        pad = " " * PADDING
        for width, cell in zip_longest(self._widths, cells, fillvalue=""):
            if isinstance(cell, Text) and cell.spans:
                segments.append(Segment("".join(run) + pad, style))
                run = [pad]
                shown = cell.copy()
                shown.plain = plain(shown.plain.replace("\n", " "))
                shown.truncate(width, overflow="ellipsis", pad=True)
                segments.extend(Segment.apply_style(shown.render(self.app.console), style))
                continue
            if isinstance(cell, Text):
                words, own, justify = cell.plain, cell.style, cell.justify
            else:
                words, own, justify = cell, "", "left"
            words = fit(plain(words.replace("\n", " ")), width, justify)
            if own:
                segments.append(Segment("".join(run) + pad, style))
                segments.append(Segment(words, style + self.app.console.get_style(own)))
                run = [pad]
            else:
                run.append(pad + words + pad)
        segments.append(Segment("".join(run), style))
        return Strip(segments).extend_cell_length(self._full_width(), style)


class EditList(ListTable):
    """A list whose Enter edits the chosen row."""

    BINDINGS: ClassVar[list[BindingType]] = [Binding("enter", "select_cursor", "Edit")]


def fit(words: str, width: int, justify: str | None) -> str:
    """``words`` made exactly ``width`` cells wide: cut with "…", or padded."""
    length = cell_len(words)
    if length > width:
        return set_cell_size(words, width - 1) + "…" if width > 0 else ""
    space = " " * (width - length)
    if justify == "right":
        return space + words
    if justify == "center":
        half = (width - length) // 2
        return space[:half] + words + space[half:]
    return words + space
