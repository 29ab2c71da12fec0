"""Help: the keys that work on the screen underneath, and a short guide to it.

The list of keys is read from the live bindings, so it can never disagree with the
footer or with what the keys really do.
"""

from __future__ import annotations

from rich.table import Table
from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical, VerticalScroll
from textual.screen import ModalScreen, Screen
from textual.widgets import Static

from partnertui.guidance import REWARDS

GENERAL_GUIDE = (
    "partnertui is a workbook for choosing a project's partners, giving each one a "
    "role, and checking how well the partnership works. Number keys switch sections; "
    "ctrl+p finds any command by name; ctrl+s saves to the project file."
)


def key_rows(screen: Screen) -> list[tuple[str, str, bool]]:
    """(keys, what they do, whether they work everywhere) for each action on ``screen``."""
    app = screen.app
    by_action: dict[tuple[int, str], tuple[list[str], Binding, bool]] = {}
    for key, active in screen.active_bindings.items():
        binding = active.binding
        if not binding.description or binding.system:
            continue
        slot = (id(active.node), binding.action)
        shown = app.get_key_display(Binding(key, binding.action))
        if slot in by_action:
            by_action[slot][0].append(shown)
        else:
            by_action[slot] = ([shown], binding, active.node is app)
    rows = []
    for keys, binding, everywhere in by_action.values():
        rows.append((", ".join(keys), binding.tooltip or binding.description, everywhere))
    rows.sort(key=lambda row: row[2])
    return rows


class HelpScreen(ModalScreen[None]):
    """Keys and guide for one screen."""

    BINDINGS = [
        Binding("escape,question_mark,f1,q", "dismiss(None)", "Close help"),
    ]

    DEFAULT_CSS = """
    HelpScreen { align: center middle; }
    HelpScreen > Vertical {
        width: 80; max-width: 100%; height: 100%; max-height: 100%;
        border: thick $primary; background: $surface; padding: 0 1;
    }
    HelpScreen #help-title { text-style: bold; }
    HelpScreen .guide { margin-bottom: 1; }
    """

    def __init__(self, screen: Screen) -> None:
        super().__init__()
        self.about = screen

    def compose(self) -> ComposeResult:
        guide = getattr(self.about, "GUIDE", "")
        table = Table.grid(padding=(0, 2))
        table.add_column(style="bold", no_wrap=True)
        table.add_column()
        rows = key_rows(self.about)
        here = [row for row in rows if not row[2]]
        everywhere = [row for row in rows if row[2]]
        if here:
            table.add_row(Text("On this screen", style="underline"), "")
            for keys, what, _ in here:
                table.add_row(keys, what)
        table.add_row(Text("Everywhere", style="underline"), "")
        for keys, what, _ in everywhere:
            table.add_row(keys, what)
        table.add_row(
            "1 … 6", "Switch section: Overview, Partners, Roles, Ingredients, Actions, History"
        )
        table.add_row("ctrl+p", "Find any command by typing part of its name")
        with Vertical():
            yield Static("Help — press Escape to close", id="help-title", markup=False)
            with VerticalScroll():
                if guide:
                    yield Static(guide, classes="guide", markup=False)
                yield Static(table)
                yield Static("")
                yield Static(GENERAL_GUIDE, classes="guide", markup=False)
                yield Static(REWARDS, classes="guide", markup=False)
