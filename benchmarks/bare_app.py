"""Yardsticks: the smallest Textual apps that do what partnertui is timed doing.

BareApp, a header, a footer and one line of text, is the yardstick for starting up:
partnertui's first screen is measured against it, launched the same way, so the
figure says what partnertui adds to Textual's own start. ``--with-model`` starts it
after importing pydantic and building partnertui's model, as partnertui must before
it can show a project: what the fixed stack costs before partnertui does anything
of its own (with the cycle collector paused throughout, as partnertui starts).
BareTable, Textual's own DataTable with as many rows as the project has partners,
is the one for moving the cursor through a long list."""

from __future__ import annotations

import sys

if __name__ == "__main__" and "--with-model" in sys.argv:
    import gc

    gc.disable()  # as partnertui starts: the collector sleeps until the first screen
    import partnertui.plugins_off

    partnertui.plugins_off.install()  # as partnertui's command line does, first thing
    import partnertui.model

from textual.app import App, ComposeResult
from textual.widgets import DataTable, Footer, Header, Label

MARKER = "A bare Textual app is ready"


class BareApp(App[None]):
    def compose(self) -> ComposeResult:
        yield Header()
        yield Label(MARKER)
        yield Footer()


class BareTable(App[None]):
    """A DataTable of ``rows`` rows and eight short columns, like the Partners list."""

    def __init__(self, rows: int) -> None:
        super().__init__()
        self.rows = rows

    def compose(self) -> ComposeResult:
        yield Header()
        yield DataTable(cursor_type="row", zebra_stripes=True)
        yield Footer()

    def on_mount(self) -> None:
        table = self.query_one(DataTable)
        table.add_columns("Name", "Kind", "Status", "Role", "Aff", "Stk", "Skl", "Y")
        for n in range(self.rows):
            table.add_row(f"Partner {n:05}", "Org.", "Active", "Cooperation", "✔", "·", "2", "Y")
        table.focus()


if __name__ == "__main__":
    BareApp().run()
