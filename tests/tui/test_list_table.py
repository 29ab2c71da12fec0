"""ListTable's quick paths give what DataTable's own would: the same rows in the same
order, the same column widths, the same cursor. They reach into DataTable's
internals for speed, so these tests are what notices a Textual release that
changes them."""

from __future__ import annotations

from rich.text import Text
from textual.app import App, ComposeResult
from textual.widgets import DataTable

from partnertui.tui.widgets.table import ListTable

ROWS = [
    ("ada", ("Ada Lovelace", "Org.", "Active", Text("Core", justify="right"))),
    ("bo", ("Bo", "Gov't", "Former", Text("Twelve cells wide"))),
    ("cy", ("[b]Cy[/b]", "Group", "Prospective", "–")),
    ("dee", ("Dee 漢字", "Person", "Active", Text("two\nlines"))),
]


class Tables(App[None]):
    def compose(self) -> ComposeResult:
        yield ListTable(id="quick")
        yield DataTable(id="plain")

    def on_mount(self) -> None:
        for table in self.query(DataTable):
            table.add_columns("Name", "Kind", "Status", "Role")


def shown(table: DataTable) -> list[list[str]]:
    return [
        [cell.plain if isinstance(cell, Text) else str(cell) for cell in table.get_row_at(n)]
        for n in range(table.row_count)
    ]


def widths(table: DataTable) -> list[int]:
    return [column.content_width for column in table.ordered_columns]


async def test_fill_shows_what_adding_each_row_shows():
    app = Tables()
    async with app.run_test() as pilot:
        quick = app.query_one("#quick", ListTable)
        plain = app.query_one("#plain", DataTable)
        quick.add_row("Old row", "x", "y", "z", key="old")
        quick.fill(ROWS)
        for key, cells in ROWS:
            plain.add_row(
                *(Text(c, no_wrap=True, end="") if isinstance(c, str) else c for c in cells),
                key=key,
            )
        await pilot.pause()
        assert shown(quick) == shown(plain)
        assert shown(quick)[2][0] == "[b]Cy[/b]"  # typed text, never markup
        assert widths(quick) == widths(plain)
        assert quick.virtual_size == plain.virtual_size
        assert quick.cursor_row == 0
        assert [quick.coordinate_to_cell_key((n, 0)).row_key.value for n in range(4)] == [
            "ada",
            "bo",
            "cy",
            "dee",
        ]


async def test_arrange_puts_rows_in_the_order_given():
    app = Tables()
    async with app.run_test() as pilot:
        quick = app.query_one("#quick", ListTable)
        quick.fill(ROWS)
        await pilot.pause()
        quick.arrange(["dee", "ada", "cy", "bo"])
        await pilot.pause()
        assert [row[0] for row in shown(quick)] == ["Dee 漢字", "Ada Lovelace", "[b]Cy[/b]", "Bo"]
        assert quick.get_row("bo")[0].plain == "Bo"


async def test_arrange_refuses_an_order_that_is_not_every_row():
    app = Tables()
    async with app.run_test() as pilot:
        quick = app.query_one("#quick", ListTable)
        quick.fill(ROWS)
        await pilot.pause()
        for wrong in (["ada", "bo", "cy"], ["ada", "bo", "cy", "cy"], ["ada", "bo", "cy", "x"]):
            try:
                quick.arrange(wrong)
            except ValueError:
                continue
            raise AssertionError(f"arranged {wrong}")
