"""Partners: the table of everyone in the project, to add, edit, sort, filter and delete.

The table shows the three partner-choosing questions at a glance for each partner;
the line under it shows the selected partner in full, so no column has to hold
everything at 80 columns.
"""

from __future__ import annotations

from operator import itemgetter

from rich.cells import cell_len
from rich.console import Console
from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.events import Resize
from textual.widgets import Static

from partnertui import analysis
from partnertui.formatting import matching
from partnertui.guidance import KIND_LABELS, RELATIONSHIP_LABELS, ROLES, STATUS_LABELS
from partnertui.model import Kind, Partner, Project
from partnertui.tui.display import paragraphs, plain
from partnertui.tui.screens.section import SectionScreen, changes_the_project
from partnertui.tui.widgets.dialogs import ChoiceDialog
from partnertui.tui.widgets.filter_box import FilterBox
from partnertui.tui.widgets.panel import Panel
from partnertui.tui.widgets.partner_form import partner_dialog
from partnertui.tui.widgets.table import EditList, ListTable

NAME_WIDTH = 16
"""The least room a name gets; it takes whatever the other columns leave."""
KIND_SHORT = {k: label for k, label in KIND_LABELS.items()} | {
    Kind.ORGANIZATION: "Org.",
    Kind.GOVERNMENT: "Gov't",
}
"""Kinds short enough that every column fits in 80 columns; the full word is below."""
SORTS: dict[str, tuple[str, object]] = {
    "name": ("name", lambda p: p.name.casefold()),
    "kind": ("kind", lambda p: (p.kind.value, p.name.casefold())),
    "status": ("status", lambda p: (list(STATUS_LABELS).index(p.status), p.name.casefold())),
    "role": ("role", lambda p: (p.role.value if p.role else "", p.name.casefold())),
}


def searched(partner: Partner) -> str:
    """Everything about a partner a person might type to find it, folded for comparing:
    a partner matches a filter when every typed word appears in it."""
    return " ".join(
        [
            partner.name,
            partner.id,
            partner.kind.value,
            partner.status.value,
            partner.relationship.value,
            partner.role.value if partner.role else "unassigned",
            partner.contact,
            *partner.skills,
            partner.notes,
        ]
    ).casefold()


ROOM = 4
"""Lines the selected partner's details get at 24 rows; a taller terminal gives them
one more for each row, up to :data:`MOST_ROOM`."""
MOST_ROOM = 10
MORE = " … Enter shows all"
"""Ends the last line when the details do not fit: the form shows every field."""


def describe(partner: Partner, console: Console, width: int, room: int, more: str = MORE) -> Text:
    """The selected partner under the table, in ``room`` lines of ``width``.

    Who it is, then how to reach it, then what it brings: the lines most often looked
    up come first, and the long lists (skills, notes) last, where a short panel cuts
    them, saying so.
    """
    head = Text.assemble((plain(partner.name), "bold"))
    head.append(f"  ({partner.id}) · {KIND_LABELS[partner.kind]} · ")
    head.append(f"{RELATIONSHIP_LABELS[partner.relationship]} · {STATUS_LABELS[partner.status]}")
    head.append(" · " + (ROLES[partner.role].label if partner.role else "no role yet"))
    parts = [head]
    if partner.contact:
        parts.append(Text.assemble(("Contact: ", "bold"), plain(partner.contact)))
    facts = []
    if partner.affected_by_issue:
        facts.append("most affected by the issue")
    if partner.stake_in_solutions:
        facts.append("has a stake in the solutions")
    if partner.youth:
        facts.append("youth or champion of youth")
    if facts:
        parts.append(Text("; ".join(facts).capitalize()))
    if partner.skills:
        parts.append(Text.assemble(("Skills: ", "bold"), plain(", ".join(partner.skills))))
    if partner.notes.strip():
        parts.append(Text.assemble(("Notes: ", "bold"), paragraphs(partner.notes)))
    lines = [line for part in parts for line in part.wrap(console, width)]
    if len(lines) > room:
        lines = lines[:room]
        last = lines[-1]
        last.truncate(max(width - cell_len(more), 0))
        last.rstrip()
        last.append(more, "dim italic")
    return Text("\n").join(lines)


class PartnersScreen(SectionScreen):
    """Everyone in the project."""

    SECTION = "partners"
    GUIDE = (
        "Every person, group or organization in the project. ✔ under Aff means the "
        "partner is among those most affected by the issue; ✔ under Stk means it has a "
        "stake in the solutions; Skl counts the skills it brings that the project "
        "needs; Y marks youth or champions of youth. Under the table: the selected "
        "partner, its contact, skills and notes, as much as fits (a taller terminal "
        "shows more); Enter opens every field in full. Press a to add a partner, "
        "Enter to edit the selected one, d to delete it, / to filter by typing, s to "
        "change the sort order, i to import partners from a spreadsheet (CSV). A "
        "partner's id is made from its first name and never changes."
    )

    BINDINGS = [
        Binding("a", "add", "Add", tooltip="Add partner", id="partners.add"),
        Binding("e", "edit", "Edit", tooltip="Edit partner", show=False, id="partners.edit"),
        Binding("d,delete", "delete", "Delete", tooltip="Delete partner", id="partners.delete"),
        Binding("slash", "filter", "Filter", tooltip="Filter partners", id="partners.filter"),
        Binding(
            "s",
            "sort",
            "Sort",
            tooltip="Sort partners (name, kind, status, role)",
            id="partners.sort",
        ),
        Binding(
            "i",
            "import_partners",
            "Import",
            # The footer is full at 80 columns (ctrl+s would fall off it); help, the
            # palette and the guide name the key.
            show=False,
            tooltip="Import partners from a spreadsheet…",
            id="partners.import",
        ),
        Binding("escape", "clear_filter", "Clear filter", show=False, tooltip="Clear the filter"),
    ]

    DEFAULT_CSS = """
    PartnersScreen #status { height: 1; padding: 0 1; color: $text-muted; }
    PartnersScreen ListTable { height: 1fr; }
    /* One height for every partner: the table stays put as the cursor moves. The
       screen gives it more lines on a taller terminal (see ROOM). */
    PartnersScreen #selected { height: auto; min-height: 5; max-height: 5; padding: 0 1;
        border-top: solid $primary-darken-2; }
    PartnersScreen #empty { padding: 1 2; height: auto; }
    """

    def __init__(self) -> None:
        super().__init__()
        self.sort_key = "name"
        self.shown: list[Partner] = []
        self._rows: dict[str, tuple[Partner, frozenset[str], str, tuple[str, ...]]] = {}
        """Each partner's folded search text and row cells, by id, while it is unchanged."""
        self._sorted: tuple[object, list[tuple[Partner, str, tuple[str, tuple[str, ...]]]]] = (
            None,
            [],
        )
        """Every partner in the sort order with its search text and cells, for the
        workbook version and sort it was made for: typing a filter only picks from it."""

    def compose_body(self) -> ComposeResult:
        yield FilterBox()
        yield Static(id="status", markup=False)
        with Vertical():
            yield EditList(id="table")
            yield Static(id="empty", markup=False)
            yield Panel(id="selected")

    def on_mount(self) -> None:
        table = self.table
        # Fixed widths (the name takes what is left): columns stay put while a
        # filter is typed.
        table.add_column("Name", key="name", width=NAME_WIDTH, grow=True)
        table.add_column("Kind", key="kind", width=max(map(len, KIND_SHORT.values())))
        table.add_column("Status", key="status", width=max(map(len, STATUS_LABELS.values())))
        table.add_column("Role", key="role", width=max(len(r.label) for r in ROLES.values()))
        table.add_column("Aff", key="affected", width=3)
        table.add_column("Stk", key="stake", width=3)
        table.add_column("Skl", key="skills", width=3)
        table.add_column("Y", key="youth", width=1)
        super().on_mount()
        table.focus()

    # -- drawing -------------------------------------------------------------------

    @property
    def table(self) -> ListTable:
        return self.query_one("#table", ListTable)

    @property
    def filter_words(self) -> list[str]:
        return self.query_one(FilterBox).words

    def refresh_view(self) -> None:
        project = self.workbook.project
        table = self.table
        selected = self.selected_partner()
        words = self.filter_words
        everyone = self._in_order(project)
        if words:
            picked = [entry for entry in everyone if all(map(entry[1].__contains__, words))]
        else:
            picked = everyone
        # map and itemgetter rather than loops: a filter letter runs this over everyone.
        self.shown = list(map(itemgetter(0), picked))
        table.fill(map(itemgetter(2), picked))
        if selected is not None:
            self._select(selected.id)
        total = len(project.partners)
        status = f"{total} partner{'s' if total != 1 else ''}, sorted by {self.sort_key}"
        if words:
            found = matching(len(self.shown), "partner")
            status += f" · {found} “{plain(' '.join(words))}” · Esc clears"
        self.query_one("#status", Static).update(status, layout=False)  # always one line
        empty = self.query_one("#empty", Static)
        if not project.partners:
            empty.update(
                "No partners yet. Press a to add the first one.\n\n"
                "While choosing partners, ask:\n"
                " • Have we included the people and groups most affected by the issue?\n"
                " • Have we engaged those with an interest or stake in the solutions?\n"
                " • Do our partners bring the skills and talents the project needs?\n"
                "Former partners from earlier projects are often a good place to start."
            )
        elif not self.shown:
            empty.update("No partner matches the filter. Press Esc to clear it.")
        empty.display = not self.shown
        table.display = bool(self.shown)
        self._describe_selected()

    def _in_order(self, project: Project) -> list[tuple[Partner, str, tuple[str, tuple[str, ...]]]]:
        made_for = (id(self.workbook), self.workbook.version, self.sort_key)
        if self._sorted[0] != made_for:
            rows = self._partner_rows(project)
            _label, key = SORTS[self.sort_key]
            ordered = sorted(project.partners, key=key)  # type: ignore[arg-type]
            self._sorted = (made_for, [(p, rows[p.id][2], (p.id, rows[p.id][3])) for p in ordered])
        return self._sorted[1]

    def _partner_rows(
        self, project: Project
    ) -> dict[str, tuple[Partner, frozenset[str], str, tuple[str, ...]]]:
        """Each partner's search text and cells, worked out again only for partners
        that changed: an edit replaces the Partner, so an untouched one is the same
        object, and typing a filter over thousands of partners redoes none of them."""
        needed = self.workbook.figures.needed_skills
        known = self._rows
        fresh = {}
        for p in project.partners:
            seen = known.get(p.id)
            if seen is None or seen[0] is not p or seen[1] != needed:
                brought = analysis.skills_brought(p, needed)
                cells = (
                    p.name,
                    KIND_SHORT[p.kind],
                    STATUS_LABELS[p.status],
                    ROLES[p.role].label if p.role else "–",
                    "✔" if p.affected_by_issue else "·",
                    "✔" if p.stake_in_solutions else "·",
                    str(brought or "·"),
                    "Y" if p.youth else "·",
                )
                seen = (p, needed, searched(p), cells)
            fresh[p.id] = seen
        self._rows = fresh
        return fresh

    @property
    def room(self) -> int:
        """Lines for the selected partner's details at this terminal's height."""
        return ROOM + min(max(self.app.size.height - 24, 0), MOST_ROOM - ROOM)

    def on_resize(self, _event: Resize) -> None:
        box = self.query_one("#selected", Panel)
        box.styles.min_height = box.styles.max_height = self.room + 1  # + its border
        self._describe_selected()

    def _describe_selected(self) -> None:
        partner = self.selected_partner()
        box = self.query_one("#selected", Panel)
        box.display = partner is not None
        if partner is not None:
            console, width, room = self.app.console, max(self.size.width - 2, 1), self.room
            # Enter opens the form that shows it all, which a read-only file does not.
            more = " …" if self.workbook.read_only else MORE
            box.show(
                (partner, width, room, more),
                lambda: describe(partner, console, width, room, more),
            )

    def selected_partner(self) -> Partner | None:
        table = self.table
        if not self.shown or table.row_count == 0:
            return None
        row = min(max(table.cursor_row, 0), len(self.shown) - 1)
        return self.shown[row]

    def _select(self, partner_id: str) -> None:
        self.table.move_cursor(row=self.table.row_index(partner_id))

    @on(ListTable.RowHighlighted)
    def _highlighted(self) -> None:
        self._describe_selected()

    @on(ListTable.RowSelected)
    def _row_chosen(self, event: ListTable.RowSelected) -> None:
        event.stop()
        self.action_edit()

    # -- filtering and sorting -------------------------------------------------------

    def action_filter(self) -> None:
        self.query_one(FilterBox).open()

    @on(FilterBox.Settled)
    def _filter_changed(self) -> None:
        self.refresh_view()

    @on(FilterBox.Submitted)
    def _filter_done(self) -> None:
        self.table.focus()

    def action_clear_filter(self) -> None:
        if self.query_one(FilterBox).close():
            self.refresh_view()
        self.table.focus()

    def action_sort(self) -> None:
        order = list(SORTS)
        self.sort_key = order[(order.index(self.sort_key) + 1) % len(order)]
        self.refresh_view()

    # -- editing -------------------------------------------------------------------

    @changes_the_project
    def action_add(self) -> None:
        def added(partner: Partner | None) -> None:
            if partner is not None:
                self.refresh_view()
                self._select(partner.id)

        self.app.push_screen(partner_dialog(self.workbook), added)

    @changes_the_project
    def action_import_partners(self) -> None:
        from partnertui.tui.widgets import partner_import

        partner_import.start(self.app, self.workbook, self.edit, self.refresh_view)

    @changes_the_project
    def action_edit(self) -> None:
        partner = self.selected_partner()
        if partner is None:
            self.notify("There is no partner to edit yet. Press a to add one.")
            return
        self.app.push_screen(partner_dialog(self.workbook, partner))

    @changes_the_project
    def action_delete(self) -> None:
        partner = self.selected_partner()
        if partner is None:
            return
        project = self.workbook.project
        refs = analysis.references_to(project, partner.id)
        body = Text()
        body.append(f"“{plain(partner.name)}” will be removed from the project.")
        choices = [("n", "no", "Cancel", "default")]
        if refs.assessments:
            rounds = sorted({project.assessments[i].round for i in refs.assessments})
            body.append(
                f"\n\nIts {len(refs.assessments)} assessment response(s) "
                f"(rounds: {plain(', '.join(rounds))}) will be deleted with it, so those "
                "rounds' scores will change."
            )
        if refs.actions:
            body.append(f"\n\nIt owns {len(refs.actions)} action(s):")
            for i in refs.actions:
                body.append("\n • " + plain(project.actions[i].text))
            body.append("\nKeep them without an owner, or delete them too?")
            choices += [
                ("k", "keep", "Delete, keep actions", "warning"),
                ("x", "all", "Delete actions too", "error"),
            ]
        else:
            choices.append(("y", "keep", "Delete", "error"))

        def answer(choice: str | None) -> None:
            if choice in ("keep", "all") and self.edit(
                self.workbook.delete_partner, partner.id, delete_actions=choice == "all"
            ):
                self.notify(f"Deleted {plain(partner.name)}.")

        self.app.push_screen(ChoiceDialog(f"Delete {plain(partner.name)}?", body, choices), answer)
