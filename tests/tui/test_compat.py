"""What partnertui.tui.compat relies on inside Textual still holds.

Each test fails when a new Textual changes what one item of compat relies on: the
item then either breaks something or saves nothing, and must be looked at again.
"""

from __future__ import annotations

from rich.table import Table
from textual.app import App, ComposeResult
from textual.color import Color
from textual.geometry import Size
from textual.screen import Screen
from textual.style import Style
from textual.visual import RenderOptions, RichVisual
from textual.widget import Widget
from textual.widgets import Footer, Input, Label

from partnertui.tui import compat
from partnertui.tui.widgets.filter_box import FilterBox
from partnertui.tui.widgets.panel import Drawn, Panel
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


# What KeptRichVisual's keys were worked out from: the names each of these reads in
# Textual 8.2. A new one may be something the drawing now depends on.
RICH_VISUAL_READS = {
    RichVisual.get_height: {
        "Text", "_renderable", "active_app", "console", "console_options", "get",
        "isinstance", "len", "no_wrap", "plain", "render", "sum", "tab_size", "update",
        "update_width", "wrap",
    },
    RichVisual.render_strips: {
        "Segment", "_renderable", "_widget", "active_app", "console", "console_options",
        "get", "islice", "post_render", "render", "rich_style", "split_and_crop_lines",
        "update", "update_width",
    },
    Widget.post_render: {
        "ConsoleRenderable", "Text", "_Styled", "_get_justify_method", "auto_links",
        "cast", "copy", "from_markup", "isinstance", "justify", "link_style", "str",
    },
}  # fmt: skip


def test_what_a_rich_visual_draws_depends_on_what_its_keys_hold():
    for function, reads in RICH_VISUAL_READS.items():
        assert set(function.__code__.co_names) == reads, (
            f"{function.__qualname__} changed: check KeptRichVisual's keys"
        )


class Shown(App[None]):
    def compose(self) -> ComposeResult:
        yield Panel(id="panel")


async def test_a_kept_rich_visual_draws_what_textual_draws_and_keeps_it():
    table = Table("Role", "What it means")
    table.add_row("Cooperation", "gives something, shares information " * 3)
    drawn = Drawn(table)
    app = Shown()
    async with app.run_test(size=(60, 10)) as pilot:
        panel = app.query_one(Panel)
        panel.show("roles", lambda: drawn)
        await pilot.pause()
        renders: list[object] = []
        real = app.console.render
        app.console.render = lambda *a, **k: (renders.append(a), real(*a, **k))[1]
        for width, style in ((40, Style(foreground=Color.parse("red"))), (24, Style())):
            for links in (False, True):
                panel.auto_links = links
                kept = compat.KeptRichVisual(panel, drawn, drawn.heights, drawn.strips)
                fresh = RichVisual(panel, drawn)
                rules = panel.styles
                assert kept.get_height(rules, width) == fresh.get_height(rules, width)
                options = RenderOptions(panel.get_style_at, {})
                assert kept.render_strips(width, None, style, options) == fresh.render_strips(
                    width, None, style, options
                )
                renders.clear()
                again = compat.KeptRichVisual(panel, drawn, drawn.heights, drawn.strips)
                again.get_height(rules, width)
                again.render_strips(width, None, style, options)
                assert renders == [], "drawn again although nothing it depends on changed"


class Footed(App[None]):
    def compose(self) -> ComposeResult:
        yield Label("keys below")
        yield compat.FooterOncePerFrame()


async def test_the_footer_rebuilds_once_for_all_it_is_told_before_a_frame(monkeypatch):
    assert set(Footer.bindings_changed.__code__.co_names) == {
        "_bindings_ready", "app", "app_focus", "call_after_refresh", "is_attached",
        "recompose", "screen",
    }, "Footer's own condition for a rebuild changed: copy it again"  # fmt: skip
    rebuilds: list[type] = []
    real = Footer.recompose

    async def counted(self: Footer) -> None:
        rebuilds.append(type(self))
        await real(self)

    monkeypatch.setattr(Footer, "recompose", counted)
    app = Footed()
    async with app.run_test() as pilot:
        await pilot.pause()
        footer = app.query_one(compat.FooterOncePerFrame)
        plain = Footer()
        await app.screen.mount(plain)
        await pilot.pause()
        rebuilds.clear()
        for _ in range(3):
            footer.bindings_changed(app.screen)
            plain.bindings_changed(app.screen)
        await pilot.pause()
        assert rebuilds.count(Footer) == 3, "Footer no longer rebuilds each time: drop the item"
        assert rebuilds.count(compat.FooterOncePerFrame) == 1
        rebuilds.clear()
        footer.bindings_changed(app.screen)  # after the rebuild, a new one is queued
        await pilot.pause()
        assert rebuilds == [compat.FooterOncePerFrame]


class Two(App[None]):
    MODES = {"first": Plain, "second": Marked}


async def test_switching_mode_delays_the_update_before_the_mode_changes(monkeypatch):
    """``PartnerApp.delay_update`` reads the mode being left (see compat's docstring)."""
    app = Two()
    async with app.run_test() as pilot:
        await app.switch_mode("first")
        await pilot.pause()
        seen: list[str] = []
        monkeypatch.setattr(app, "delay_update", lambda *a, **k: seen.append(app.current_mode))
        await app.switch_mode("second")
        await pilot.pause()
        assert seen == ["first"]
