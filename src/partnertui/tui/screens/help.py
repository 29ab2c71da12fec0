"""Help: the keys that work on the screen underneath, and a short guide to it.

The list of keys is read from the live bindings, so it can never disagree with the
footer or with what the keys really do.
"""

from __future__ import annotations

from rich.console import Group
from rich.table import Table
from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding, BindingsMap
from textual.containers import Vertical, VerticalScroll
from textual.screen import ModalScreen, Screen
from textual.widgets import Static

from partnertui.guidance import REWARDS

GENERAL_GUIDE = (
    "partnertui is a workbook for choosing a project's partners, giving each one a "
    "role, and checking how well the partnership works. Number keys switch sections; "
    "ctrl+p finds any command by name; ctrl+s saves to the project file. A ● before "
    "the project's name in the header means there are changes not saved yet."
)


HERE, FOCUSED, EVERYWHERE = "On this screen", "In the focused list or field", "Everywhere"
SCREEN_WIDE = frozenset(binding.action for _key, binding in BindingsMap(Screen.BINDINGS))
"""Actions every Textual screen has (Tab, shift+Tab, copy): they work everywhere."""


def key_rows(screen: Screen) -> dict[str, list[tuple[str, str]]]:
    """(keys, what they do) for each action on ``screen``, grouped by where they work.

    The section keys are one row, "1 … 6", made from their own bindings.
    """
    app = screen.app
    slots: dict[tuple[int, str], tuple[str, list[str], Binding]] = {}
    for key, active in screen.active_bindings.items():
        binding, node = active.binding, active.node
        if not binding.description or binding.system:
            continue
        if node is app or (node is screen and binding.action in SCREEN_WIDE):
            group = EVERYWHERE
        else:
            group = HERE if node is screen else FOCUSED
        shown = app.get_key_display(Binding(key, binding.action))
        slot = (id(node), binding.action)
        if slot in slots:
            slots[slot][1].append(shown)
        else:
            slots[slot] = (group, [shown], binding)
    groups: dict[str, list[tuple[str, str]]] = {HERE: [], FOCUSED: [], EVERYWHERE: []}
    sections: list[tuple[str, str]] = []
    for group, keys, binding in slots.values():
        if binding.action.startswith("section("):
            sections.append((keys[0], binding.description))
        else:
            groups[group].append((", ".join(keys), _what(screen, binding)))
    if sections:
        groups[EVERYWHERE].append(
            (
                f"{sections[0][0]} … {sections[-1][0]}",
                "Go to a section: " + ", ".join(label for _, label in sections),
            )
        )
    return {group: rows for group, rows in groups.items() if rows}


def _what(screen: Screen, binding: Binding) -> str:
    """What a key does; undo and redo say which edit they would take back or make."""
    workbook = getattr(screen.app, "workbook", None)
    if workbook is not None and binding.action in ("undo", "redo"):
        step = (
            workbook.history.next_undo if binding.action == "undo" else workbook.history.next_redo
        )
        if step is not None:
            return f"{binding.description}: {step}"
    return binding.tooltip or binding.description


class HelpScreen(ModalScreen[None]):
    """Keys and guide for one screen."""

    BINDINGS = [
        Binding("escape,question_mark,f1,q", "dismiss(None)", "Close help"),
        # Vim-style moves, as in every list.
        Binding("j", "scroll('down')", "Scroll down", show=False, id="list.down"),
        Binding("k", "scroll('up')", "Scroll up", show=False, id="list.up"),
        Binding("g", "scroll('home')", "Top", show=False, id="list.first"),
        Binding("G", "scroll('end')", "Bottom", show=False, id="list.last"),
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
        keys = []
        for group, rows in key_rows(self.about).items():
            table = Table.grid(padding=(0, 2))
            table.add_column(style="bold", no_wrap=True, min_width=12)
            table.add_column()
            for shown, what in rows:
                table.add_row(Text(shown), Text(what))
            keys += [Text(group, style="underline"), table]
        with Vertical():
            yield Static("Help — press Escape to close", id="help-title", markup=False)
            with VerticalScroll():
                if guide:
                    yield Static(guide, classes="guide", markup=False)
                yield Static(Group(*keys))
                yield Static("")
                yield Static(GENERAL_GUIDE, classes="guide", markup=False)
                yield Static(REWARDS, classes="guide", markup=False)

    def action_scroll(self, where: str) -> None:
        """j, k, g and G scroll the text, as they move in every list."""
        getattr(self.query_one(VerticalScroll), f"scroll_{where}")()
