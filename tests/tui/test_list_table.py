"""ListTable, the list every screen uses: what it draws, where its cursor goes, and
what it tells its screen, read from the screen as a person would see it."""

from __future__ import annotations

import pytest
from rich.text import Text
from shell_tools import screen_text
from textual.app import App, ComposeResult

from partnertui.tui.widgets.table import ListTable, fit

ROWS = [
    ("ada", ("Ada Lovelace", "Org.", Text("12", justify="right"))),
    ("bo", ("Bo", "Gov't", Text("3", justify="right"))),
    ("cy", ("[b]Cy[/b]", "Group", Text.assemble(("o", "bold"), "k"))),  # styled parts
    ("dee", ("Dee 漢字 and a name far too long for it", "Person", "two\nlines")),
]


class Lists(App[None]):
    def __init__(self, rows: int = 0, *, fixed: int = 0) -> None:
        super().__init__()
        self.rows, self.fixed = rows, fixed
        self.heard: list[tuple[str, int, str]] = []

    def compose(self) -> ComposeResult:
        yield ListTable(id="list")

    def on_mount(self) -> None:
        table = self.query_one(ListTable)
        table.styles.height = 10  # a header and nine rows
        table.fixed_rows = self.fixed
        table.add_column("Name", key="name", width=12)
        table.add_column("Kind", key="kind")
        table.add_column("N", key="n", width=3)
        table.fill((f"r{n}", (f"Row {n}", "x", str(n))) for n in range(self.rows))
        table.focus()

    def on_list_table_row_highlighted(self, event: ListTable.RowHighlighted) -> None:
        self.heard.append(("highlighted", event.cursor_row, event.row_key))

    def on_list_table_row_selected(self, event: ListTable.RowSelected) -> None:
        self.heard.append(("selected", event.cursor_row, event.row_key))


def lines(app: App) -> list[str]:
    return [line.rstrip() for line in screen_text(app).splitlines()]


async def test_cells_show_as_typed_cut_to_their_columns():
    app = Lists()
    async with app.run_test(size=(40, 12)) as pilot:
        app.query_one(ListTable).fill(ROWS)
        await pilot.pause()
        shown = lines(app)
        assert shown[0].split() == ["Name", "Kind", "N"]
        assert shown[1] == " Ada Lovelace  Org.     12"  # right-justified in its column
        assert shown[3] == " [b]Cy[/b]     Group   ok"  # never markup
        assert shown[4] == " Dee 漢字 an…  Person  tw…"  # wide letters, cut with …
        # The auto-sized column grew to its widest cell; fixed ones stayed.
        assert app.query_one(ListTable).column_widths == (12, 6, 3)


async def test_fill_keeps_the_row_number_and_says_when_the_row_under_it_changes():
    app = Lists(5)
    async with app.run_test(size=(40, 12)) as pilot:
        table = app.query_one(ListTable)
        await pilot.press("j", "j")
        assert table.cursor_row == 2
        app.heard.clear()
        table.fill([("r0", ("Row 0",)), ("x", ("New",)), ("r2", ("Row 2",))])
        await pilot.pause()
        assert table.cursor_row == 2 and table.cursor_key == "r2"
        assert app.heard == []  # still on r2: nothing to tell
        table.fill([("r0", ("Row 0",))])
        await pilot.pause()
        assert table.cursor_row == 0
        assert app.heard == [("highlighted", 0, "r0")]
        with pytest.raises(ValueError):
            table.fill([("a", ("A",)), ("a", ("B",))])
        with pytest.raises(ValueError):
            table.fill([("a", ("1", "2", "3", "4"))])  # more cells than columns


async def test_keys_move_the_cursor_and_keep_it_in_view():
    app = Lists(30)
    async with app.run_test(size=(40, 12)) as pilot:
        table = app.query_one(ListTable)
        await pilot.press("j", "down", "k")
        assert table.cursor_row == 1
        await pilot.press("G")
        assert table.cursor_row == 29
        await pilot.pause()
        assert lines(app)[9].split()[:2] == ["Row", "29"]  # the last line in view
        assert lines(app)[0].split()[0] == "Name"  # the header stays
        await pilot.press("g")
        assert table.cursor_row == 0
        await pilot.press("pagedown")
        assert table.cursor_row == 9
        await pilot.press("pageup", "end", "home")
        assert table.cursor_row == 0
        await pilot.press("enter")
        assert app.heard[-1] == ("selected", 0, "r0")


async def test_fixed_rows_stay_in_view_while_the_rest_scroll():
    app = Lists(30, fixed=1)
    async with app.run_test(size=(40, 12)) as pilot:
        await pilot.press("G")
        await pilot.pause()
        shown = lines(app)
        assert shown[1].split()[:2] == ["Row", "0"]
        assert shown[9].split()[:2] == ["Row", "29"]


async def test_a_click_moves_the_cursor_and_a_second_chooses():
    app = Lists(5)
    async with app.run_test(size=(40, 12)) as pilot:
        await pilot.click(ListTable, offset=(2, 3))
        assert app.query_one(ListTable).cursor_row == 2
        await pilot.click(ListTable, offset=(2, 3))
        assert app.heard[-1] == ("selected", 2, "r2")


async def test_arrange_and_refill():
    app = Lists()
    async with app.run_test(size=(40, 12)) as pilot:
        table = app.query_one(ListTable)
        table.fill(ROWS)
        table.arrange(["dee", "ada", "cy", "bo"])
        assert table.row_keys == ["dee", "ada", "cy", "bo"]
        assert table.row_index("bo") == 3
        for wrong in (["ada", "bo", "cy"], ["ada", "bo", "cy", "cy"], ["ada", "bo", "cy", "x"]):
            with pytest.raises(ValueError):
                table.arrange(wrong)
        # A row changed and one left out, as a screen refills after an edit.
        table.fill(
            (key, ("Bo", "A much longer kind") if key == "bo" else table.get_row(key))
            for key in table.row_keys
            if key != "ada"
        )
        await pilot.pause()
        assert table.get_row("bo")[1] == "A much longer kind"
        assert table.row_index("ada") is None
        assert "A much longer kind" in screen_text(app)
        table.clear()
        await pilot.pause()
        assert table.row_count == 0 and table.columns[1].shown_width == len("Kind")


async def test_columns_widen_for_new_rows_and_fit_a_refill_of_new_cells_alone():
    app = Lists()
    async with app.run_test(size=(40, 12)) as pilot:
        table = app.query_one(ListTable)
        wide = ("ada", ("Ada", "A very long kind"))
        short = ("bo", ("Bo", "Org."))
        table.fill([wide, short])
        assert table.columns[1].shown_width == len("A very long kind")
        table.fill([short])  # a row kept as it was: the column keeps its width
        assert table.columns[1].shown_width == len("A very long kind")
        table.fill([("bo", list(short[1]))])  # every row's cells made afresh
        await pilot.pause()
        assert table.columns[1].shown_width == len("Kind")  # the label is the widest
        assert "A very long kind" not in screen_text(app)


async def test_a_growing_column_takes_the_room_left_and_nothing_scrolls_sideways():
    app = Lists(30)
    async with app.run_test(size=(40, 12)) as pilot:
        table = app.query_one(ListTable)
        table.clear(columns=True)
        table.add_column("Name", key="name", width=4, grow=True)
        table.add_column("N", key="n", width=3)
        table.fill((f"r{n}", (f"A rather long name {n}", str(n))) for n in range(30))
        await pilot.pause()
        assert table.show_vertical_scrollbar and not table.show_horizontal_scrollbar
        assert table.column_widths == (40 - 1 - 5 - 2, 3)  # a scrollbar, N, padding
        await pilot.resize_terminal(60, 12)
        await pilot.pause()
        assert table.column_widths == (60 - 1 - 5 - 2, 3)
        assert "A rather long name 0" in screen_text(app)


async def test_a_resize_redraws_the_rows_as_wide_as_the_list():
    app = Lists(5)
    async with app.run_test(size=(40, 12)) as pilot:
        table = app.query_one(ListTable)
        await pilot.pause()
        await pilot.resize_terminal(60, 12)
        await pilot.pause()
        for y in (1, 2, 3):  # the cursor's row and two rows under it, each in its look
            line = table.render_line(y)
            assert line.cell_length == 60
            backgrounds = {segment.style and segment.style.bgcolor for segment in line}
            assert len(backgrounds) == 1 and None not in backgrounds, y


def test_fit_cuts_pads_and_justifies():
    assert fit("abc", 5, "left") == "abc  "
    assert fit("abc", 5, "right") == "  abc"
    assert fit("abc", 5, "center") == " abc "
    assert fit("abcdef", 4, "left") == "abc…"
    assert fit("漢字漢字", 5, "left") == "漢字…"
    assert fit("abc", 0, "left") == ""
