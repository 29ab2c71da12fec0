"""What partnertui.tui.compat relies on inside Textual still holds.

Each test fails when a new Textual changes what one item of compat relies on: the
item then either breaks something or saves nothing, and must be looked at again.
"""

from __future__ import annotations

from textual.app import App, ComposeResult
from textual.geometry import Size
from textual.screen import Screen
from textual.widget import Widget
from textual.widgets import Input, Label

from partnertui.tui import compat
from partnertui.tui.widgets.filter_box import FilterBox
from partnertui.tui.widgets.table import ListTable


class Plain(Screen):
    def compose(self) -> ComposeResult:
        yield Label("a section")


class Marked(Plain):
    pass


def _marked() -> Screen:
    screen = Marked()
    compat.mark_styles_current(screen, screen.app)
    return screen


class Modes(App[None]):
    MODES = {"plain": Plain, "marked": _marked}


async def test_a_new_modes_screen_rereads_the_styles_unless_marked(monkeypatch):
    app = Modes()
    async with app.run_test() as pilot:
        rereads: list[str] = []
        real = app.refresh_css
        monkeypatch.setattr(app, "refresh_css", lambda *a, **k: (rereads.append("x"), real())[1])
        await app.switch_mode("plain")
        await pilot.pause()
        assert rereads, "Textual no longer re-reads the styles for a new mode: drop the item"
        rereads.clear()
        await app.switch_mode("marked")
        await pilot.pause()
        assert rereads == [], "the mark no longer spares the re-reading"


class OneList(App[None]):
    CSS = "ListTable { height: 1fr; }"

    def compose(self) -> ComposeResult:
        yield ListTable(id="list")
        yield Label("under the list")

    def on_mount(self) -> None:
        table = self.query_one(ListTable)
        table.add_column("Name", key="name", width=10)
        table.fill((f"r{n}", (f"Row {n}",)) for n in range(5))


async def test_a_list_grows_scrollable_without_a_new_layout(monkeypatch):
    assert callable(Widget._scroll_update)
    app = OneList()
    async with app.run_test(size=(40, 12)) as pilot:
        await pilot.pause()
        table = app.query_one(ListTable)
        layouts: list[object] = []
        real = Screen._refresh_layout
        monkeypatch.setattr(
            Screen, "_refresh_layout", lambda s, *a, **k: (layouts.append(s), real(s, *a, **k))[1]
        )
        table.fill((f"r{n}", (f"Row {n}",)) for n in range(200))
        await pilot.pause()
        assert table.virtual_size == Size(table.virtual_size.width, 201)
        assert table.max_scroll_y > 0
        assert table.vertical_scrollbar.window_virtual_size == 201
        layouts_for_rows = len(layouts)
        table.fill((f"r{n}", (f"Row {n}",)) for n in range(150))
        await pilot.pause()
        assert len(layouts) == layouts_for_rows, "changing the rows laid out the screen"
        table.action_last()
        await pilot.pause()
        assert table.scroll_y == table.max_scroll_y


class Filtering(App[None]):
    def compose(self) -> ComposeResult:
        yield FilterBox()
        yield Label("a list would be here")

    def on_mount(self) -> None:
        box = self.query_one(FilterBox)
        box.styles.width = 12
        box.open()


async def test_typing_in_the_filter_box_lays_out_nothing_but_scrolls_it(monkeypatch):
    assert isinstance(FilterBox.virtual_size, compat.QuietVirtualSize)
    assert Input.virtual_size is Widget.virtual_size  # what the box quietens
    app = Filtering()
    async with app.run_test(size=(40, 6)) as pilot:
        await pilot.pause()
        layouts: list[object] = []
        real = Screen._refresh_layout
        monkeypatch.setattr(
            Screen, "_refresh_layout", lambda s, *a, **k: (layouts.append(s), real(s, *a, **k))[1]
        )
        await pilot.press(*"riverside youth")
        await pilot.pause()
        box = app.query_one(FilterBox)
        assert box.value == "riverside youth"
        assert layouts == []
        assert box.scroll_x > 0  # the end of the text, where the cursor is, stays in view
        assert "youth" in "".join(seg.text for seg in box.render_line(0))
