"""Actions: what the partnership committed to do to strengthen itself, and whether it did.

Each action can name the ingredient it works on, a partner who owns it and a due
date; open actions past their date are marked ⚠ overdue in words as well as colour.
The list keeps the order people gave the actions; the selected one is shown in full
under the table, so no column has to hold everything at 80 columns.
"""

from __future__ import annotations

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.widgets import Static

from partnertui import analysis
from partnertui.formatting import count, day, matching
from partnertui.guidance import INGREDIENTS
from partnertui.model import Action, Project
from partnertui.tui.display import plain, text
from partnertui.tui.screens.section import SectionScreen, changes_the_project
from partnertui.tui.widgets.action_form import action_dialog
from partnertui.tui.widgets.dialogs import confirm
from partnertui.tui.widgets.filter_box import FilterBox
from partnertui.tui.widgets.table import EditList, ListTable

TEXT_WIDTH = 24
INGREDIENT_WIDTH = 14
OWNER_WIDTH = 12
OVERDUE = "⚠ overdue"
NEED_AN_ACTION = frozenset({"edit", "toggle_done", "delete", "cycle_filter", "filter"})
FILTERS = ("all", "open", "done")
"""What ``f`` cycles through."""

EMPTY = (
    "No actions yet.\n\n"
    "Actions are what the partnership commits to do to strengthen itself: a monthly "
    "partner call, a way to settle disagreements, asking youth before changing a "
    "schedule. Press a to add one. Or go to 4 Ingredients, pick an ingredient that is "
    "weak or where partners' views differ, and press t to start an action for it.\n\n"
    "Give each action an owner and a due date, so it gets done and you can see when "
    "it is late."
)


def clip(value: str, width: int) -> str:
    value = plain(" ".join(value.split()))
    return value if len(value) <= width else value[: width - 1].rstrip() + "…"


def owner_name(project: Project, owner: str | None) -> str:
    if owner is None:
        return "—"
    partner = project.partner(owner)
    return plain(partner.name if partner else owner)


def matches(action: Action, project: Project, words: list[str]) -> bool:
    """Whether every typed word appears in the action's text, ingredient or owner."""
    haystack = " ".join(
        [
            action.text,
            INGREDIENTS[action.ingredient].label if action.ingredient else "",
            owner_name(project, action.owner),
        ]
    ).casefold()
    return all(word in haystack for word in words)


class ActionsScreen(SectionScreen):
    """Everything the partnership said it would do."""

    SECTION = "actions"
    GUIDE = (
        "What the partnership will do to strengthen itself, in the order you added "
        "them. Each action can name the ingredient it works on, the partner who owns it "
        "and a due date. Open actions whose date has passed are marked ⚠ overdue. "
        "Press a to add an action, Enter to edit the selected one, space or c to mark "
        "it done (or open again), d to delete it, f to show open, done or all actions, "
        "and / to filter by typing. On the Ingredients screen, t starts an action for "
        "the selected ingredient."
    )

    BINDINGS = [
        Binding("a", "add", "Add", tooltip="Add action", id="actions.add"),
        Binding("e", "edit", "Edit", show=False, tooltip="Edit action", id="actions.edit"),
        Binding(
            "c,space",
            "toggle_done",
            "Done",
            tooltip="Mark action done, or open again",
            id="actions.done",
        ),
        Binding("d,delete", "delete", "Delete", tooltip="Delete action", id="actions.delete"),
        Binding(
            "f", "cycle_filter", "Show", tooltip="Show open, done or all actions", id="actions.show"
        ),
        Binding(
            "slash",
            "filter",
            "Filter",
            show=False,
            tooltip="Filter actions by typing",
            id="actions.filter",
        ),
        Binding("escape", "clear_filter", "Clear filter", show=False),
    ]

    AUTO_FOCUS = ""
    """Focus is placed by hand: the hidden filter box must never take it."""

    DEFAULT_CSS = """
    ActionsScreen #status { height: 1; padding: 0 1; color: $text-muted; }
    ActionsScreen ListTable { height: 1fr; }
    ActionsScreen #selected { height: auto; max-height: 6; padding: 0 1;
        border-top: solid $primary-darken-2; }
    ActionsScreen #empty { padding: 1 2; height: auto; }
    """

    def __init__(self) -> None:
        super().__init__()
        self.show_only = "all"
        self.shown: list[int] = []
        """Indexes into ``project.actions`` of the rows on screen, in row order."""

    def compose_body(self) -> ComposeResult:
        yield FilterBox()
        yield Static(id="status", markup=False)
        with Vertical():
            yield EditList(id="table")
            yield Static(id="empty", markup=False)
            yield Static(id="selected", markup=False)

    def on_mount(self) -> None:
        table = self.query_one(ListTable)
        # Fixed widths (every cell is clipped to them): a column that grew after a
        # redraw could show a stale, cut line.
        table.add_column("State", key="state", width=len(OVERDUE))
        table.add_column("Action", key="text", width=TEXT_WIDTH)
        table.add_column("Ingredient", key="ingredient", width=INGREDIENT_WIDTH)
        table.add_column("Owner", key="owner", width=OWNER_WIDTH)
        table.add_column("Due", key="due", width=len("2026-12-31"))
        super().on_mount()
        if self.shown:
            table.focus()

    def on_screen_resume(self) -> None:
        super().on_screen_resume()
        self.refresh_bindings()  # edits made under a dialog may have changed what applies

    # -- drawing -------------------------------------------------------------------

    @property
    def filter_words(self) -> list[str]:
        return self.query_one(FilterBox).words

    def _wanted(self, action: Action) -> bool:
        return self.show_only == "all" or action.done == (self.show_only == "done")

    def refresh_view(self) -> None:
        project = self.workbook.project
        today = self.app.today()
        table = self.query_one(ListTable)
        selected = self.selected_index()
        words = self.filter_words
        self.shown = [
            i
            for i, action in enumerate(project.actions)
            if self._wanted(action) and matches(action, project, words)
        ]
        table.clear()
        for i in self.shown:
            action = project.actions[i]
            late = analysis.is_overdue(action, today)
            if late:
                state = Text(OVERDUE, style="bold red")
            elif action.done:
                state = Text("✔ done", style="green")
            else:
                state = Text("○ open")
            table.add_row(
                state,
                Text(clip(action.text, TEXT_WIDTH), style="dim" if action.done else ""),
                clip(INGREDIENTS[action.ingredient].label, INGREDIENT_WIDTH)
                if action.ingredient
                else "—",
                clip(owner_name(project, action.owner), OWNER_WIDTH),
                Text(day(action.due), style="bold red" if late else ""),
                key=str(i),
            )
        if selected is not None:
            self._select(selected)
        self.query_one("#status", Static).update(self._status(project, words))
        empty = self.query_one("#empty", Static)
        if not project.actions:
            empty.update(EMPTY)
        elif not self.shown:
            kind = "" if self.show_only == "all" else f"{self.show_only} "
            message = f"No {kind}actions"
            if words:
                message += " match the filter. Press Esc to clear it."
            else:
                message += "."
            if self.show_only != "all":
                message += " Press f to show the others."
            empty.update(message)
        empty.display = not self.shown
        table.display = bool(self.shown)
        # A hidden, empty table keeps no focus, so the footer offers no Enter to edit.
        if not self.shown and table.has_focus:
            self.set_focus(None)
        elif self.shown and self.focused is None:
            table.focus()
        self._describe_selected()
        self.refresh_bindings()

    def _status(self, project: Project, words: list[str]) -> Text:
        if not project.actions:
            return Text("No actions yet · a adds one")
        open_, done, overdue = analysis.action_counts(project, self.app.today())
        line = Text(f"{count(len(project.actions), 'action')}: {open_} open, {done} done")
        if overdue:
            line.append(", ")
            line.append(f"⚠ {overdue} overdue", style="bold red")
        line.append(f" · showing {self.show_only}")
        if words:
            line.append(f" · {matching(len(self.shown), 'action')} “{plain(' '.join(words))}”")
        return line

    def _describe_selected(self) -> None:
        index = self.selected_index()
        box = self.query_one("#selected", Static)
        box.display = index is not None
        if index is None:
            return
        project = self.workbook.project
        action = project.actions[index]
        line = Text()
        line.append_text(text(action.text, "bold", keep_newlines=True))
        if action.ingredient:
            guide = INGREDIENTS[action.ingredient]
            line.append(f"\nIngredient: {guide.label} — {guide.strong}")
        line.append("\nOwner: ")
        line.append(owner_name(project, action.owner) if action.owner else "nobody yet")
        line.append("  ·  Due: ")
        line.append(day(action.due) if action.due else "no date")
        if analysis.is_overdue(action, self.app.today()):
            line.append(f"  {OVERDUE}", style="bold red")
        line.append("  ·  " + ("✔ done" if action.done else "open"))
        box.update(line)

    def selected_index(self) -> int | None:
        """The selected action's index in ``project.actions``."""
        table = self.query_one(ListTable)
        if not self.shown or table.row_count == 0:
            return None
        return self.shown[min(max(table.cursor_row, 0), len(self.shown) - 1)]

    def _select(self, index: int) -> None:
        if index in self.shown:
            self.query_one(ListTable).move_cursor(row=self.shown.index(index))

    @on(ListTable.RowHighlighted)
    def _highlighted(self) -> None:
        self._describe_selected()

    @on(ListTable.RowSelected)
    def _row_chosen(self, event: ListTable.RowSelected) -> None:
        event.stop()
        self.action_edit()

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """Keys that act on an action are hidden while there are none."""
        return bool(self.workbook.project.actions) or action not in NEED_AN_ACTION

    # -- filtering -----------------------------------------------------------------

    def action_cycle_filter(self) -> None:
        self.show_only = FILTERS[(FILTERS.index(self.show_only) + 1) % len(FILTERS)]
        self.refresh_view()

    def action_filter(self) -> None:
        self.query_one(FilterBox).open()

    @on(FilterBox.Settled)
    def _filter_changed(self) -> None:
        self.refresh_view()

    @on(FilterBox.Submitted)
    def _filter_done(self) -> None:
        self.query_one(ListTable).focus()

    def action_clear_filter(self) -> None:
        if self.query_one(FilterBox).close():
            self.refresh_view()
        self.query_one(ListTable).focus()

    # -- editing -------------------------------------------------------------------

    @changes_the_project
    def action_add(self) -> None:
        def added(index: int | None) -> None:
            if index is not None:
                if not self._wanted(self.workbook.project.actions[index]):
                    self.show_only = "all"
                self.refresh_view()
                self._select(index)

        self.app.push_screen(action_dialog(self.workbook), added)

    @changes_the_project
    def action_edit(self) -> None:
        index = self.selected_index()
        if index is None:
            self.notify("There is no action to edit here. Press a to add one.")
            return
        self.app.push_screen(action_dialog(self.workbook, index))

    def action_toggle_done(self) -> None:
        index = self.selected_index()
        if index is None:
            return
        done = not self.workbook.project.actions[index].done
        if self.edit(self.workbook.set_action_done, index, done):
            self.notify(
                "Marked done." if done else "Open again.",
                title=clip(self.workbook.project.actions[index].text, 40),
                markup=False,
            )

    @changes_the_project
    def action_delete(self) -> None:
        index = self.selected_index()
        if index is None:
            return
        action = self.workbook.project.actions[index]
        body = Text("“")
        body.append_text(text(action.text))
        body.append("” will be removed from the project's actions. Nothing else changes.")

        def answer(choice: str | None) -> None:
            if choice == "yes" and self.edit(self.workbook.delete_action, index):
                self.notify("Action deleted.")

        self.app.push_screen(confirm("Delete this action?", body, "Delete"), answer)
