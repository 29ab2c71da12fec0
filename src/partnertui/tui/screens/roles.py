"""Roles: give each partner one of the four roles, and record what it does and gives.

Partners are listed under their role, those without one first: that group is the
to-do. Each role's heading row carries its count and what its partners give, and a
row for all partners stays at the top, so the totals sit beside the names they add
up. One key gives the selected partner a role, and the panel at the bottom explains
the roles in our own words, so the choice is made with their meaning in view. r and
v open the partner's responsibilities and contributions.

Each partner's row is worked out once and kept until that partner changes, and the
list draws only the lines on screen, so a role change refills the list with thousands
of partners within a frame.
"""

from __future__ import annotations

from rich.console import Group
from rich.table import Table
from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.events import Resize
from textual.widgets import Static

from partnertui import analysis
from partnertui.formatting import money, short_money
from partnertui.guidance import CONTRIBUTION_LABELS, ROLE_KEYS, ROLES, STATUS_LABELS
from partnertui.model import Partner, Project, Role
from partnertui.tui.display import plain, text
from partnertui.tui.screens.section import SectionScreen, changes_the_project
from partnertui.tui.widgets.panel import Drawn, Panel
from partnertui.tui.widgets.partner_form import partner_dialog
from partnertui.tui.widgets.partner_lists import ContributionsDialog, ResponsibilitiesDialog
from partnertui.tui.widgets.table import EditList, ListTable

WARN = "⚠"
HEADING = "role:"
"""Row keys of the group heading rows start with this; partner ids never contain a colon."""
NO_ROLE = "No role yet"
COLUMNS: tuple[tuple[str, str], ...] = (
    ("name", "Partner"),
    ("status", "Status"),
    ("responsibilities", "Resp"),
    ("contributions", "Contr"),
    ("financial", "Financial"),
    ("in_kind", "In kind"),
    ("check", WARN),
)
OTHER_COLUMNS = 58
"""Columns other than the name need about this much room at 80 columns (with padding)."""
ALL = HEADING + "all"
RIGHT = frozenset({"responsibilities", "contributions", "financial", "in_kind"})
WIDE = (110, 34)
"""Width and height from which all four roles are shown in full side by side."""
CLEAR_KEY = "x"

Row = tuple[str, tuple[Text, ...]]


def heading_key(role: Role | None) -> str:
    return HEADING + (role.value if role else "none")


def name_width(screen_width: int) -> int:
    """How many characters of a name fit beside the other columns."""
    return min(max(screen_width - OTHER_COLUMNS, 16), 60)


def _short(name: str, width: int) -> str:
    name = plain(name)
    return name if len(name) <= width else name[: width - 1] + "…"


def _checks(n: int) -> str:
    return "" if n == 0 else WARN if n == 1 else f"{WARN} {n}"


def _cells(*cells: tuple[str, str]) -> tuple[Text, ...]:
    """Each column's words and style as the list shows them."""
    return tuple(
        Text(words, style=style, justify="right" if column in RIGHT else "left")
        for (column, _label), (words, style) in zip(COLUMNS, cells, strict=True)
    )


def partner_cells(member: analysis.PartnerRole, currency: str, width: int) -> tuple[Text, ...]:
    partner, totals = member.partner, member.totals
    return _cells(
        ("  " + _short(partner.name, width), ""),
        (STATUS_LABELS[partner.status], ""),
        (str(len(partner.responsibilities) or "·"), ""),
        (str(len(partner.contributions) or "·"), ""),
        (short_money(totals.financial, currency) if totals.financial else "·", ""),
        (short_money(totals.in_kind, currency) if totals.in_kind else "·", ""),
        (_checks(len(member.warnings)), "bold yellow"),
    )


def heading_cells(
    label: str, totals: analysis.RoleTotals, checks: int, currency: str
) -> tuple[Text, ...]:
    return _cells(
        (label, "bold"),
        ("", ""),
        ("", ""),
        ("", ""),
        (short_money(totals.financial, currency), "bold"),
        (short_money(totals.in_kind, currency), "bold"),
        (_checks(checks), "bold yellow"),
    )


def group_label(role: Role | None, members: int) -> str:
    if role is not None:
        return f"{ROLES[role].label} ({members})"
    return f"{WARN} {NO_ROLE} ({members})" if members else f"{NO_ROLE} (0)"


class RoleRows:
    """Builds the table's rows: the overall totals, then each role's heading followed
    by its partners by name, from the project's :class:`analysis.RoleSummary`.

    The summary hands out the very same :class:`analysis.RoleGroup` for a role none
    of whose partners changed, and its rows are kept with it. A group that changed is
    made again from its partners' kept rows: workbook edits replace a Partner rather
    than change it in place, so a partner nobody touched is the very same object as
    at the last redraw, and only the one an edit replaced is worked out again. With
    2,000 partners a role change then redoes two groups' worth of look-ups, not
    every partner's row.
    """

    def __init__(self) -> None:
        self._groups: dict[Role | None, _GroupRows] = {}
        self._shown_with: tuple[int, str, bool] | None = None

    def __call__(self, project: Project, width: int, summary: analysis.RoleSummary) -> list[Row]:
        """The rows for ``project`` with ``width`` characters of each name shown, from
        its ``summary`` (the workbook's figures)."""
        info = project.project
        currency = info.currency
        # Besides the partner itself, its row shows these: a change redoes every row.
        shown_with = (width, currency, bool(info.lead_organization))
        if shown_with != self._shown_with:
            self._groups, self._shown_with = {}, shown_with
        label = f"All partners ({len(project.partners)})"
        rows: list[Row] = [(ALL, heading_cells(label, summary.overall, summary.warned, currency))]
        kept = self._groups
        for role, group in summary.groups.items():
            made = kept.get(role)
            if made is None or made.group is not group:
                made = kept[role] = _GroupRows(group, made, project, width)
            rows += made.rows
        return rows


class _GroupRows:
    """One role's heading and partners' rows, made for ``group``."""

    def __init__(
        self, group: analysis.RoleGroup, last: _GroupRows | None, project: Project, width: int
    ) -> None:
        self.group = group
        """Kept, so its partners outlive the ids that :attr:`_of` knows them by."""
        currency = project.project.currency
        label = group_label(group.role, len(group.partners))
        heading = (
            heading_key(group.role),
            heading_cells(label, group.totals, group.warned, currency),
        )
        # Look-ups by identity, in C: an untouched partner's row is the one made before.
        ids = list(map(id, group.partners))
        found = list(map(last._of.get, ids)) if last is not None else [None] * len(ids)
        for n, row in enumerate(found):
            if row is None:
                member = group.members[n]
                found[n] = (member.partner.id, partner_cells(member, currency, width))
        self._of: dict[int, Row] = dict(zip(ids, found, strict=True))
        self.rows: list[Row] = [heading, *found]


def describe(member: analysis.PartnerRole, currency: str) -> Group:
    """The selected partner: its role, any gentle warnings, what it does and gives.

    Warnings are shown whole; the two lists take one line each, cut with "…" when
    long, since r and v show them in full.
    """
    partner = member.partner
    head = text(partner.name, "bold")
    head.append(f" · {STATUS_LABELS[partner.status]} · ")
    if partner.role:
        head.append(ROLES[partner.role].label, "bold")
    else:
        head.append("no role yet", "italic")
    for warning in member.warnings:
        head.append(f"\n{WARN} {warning}", "bold yellow")
    contributions = Text()
    for n, contribution in enumerate(partner.contributions):
        contributions.append("; " if n else "")
        contributions.append(CONTRIBUTION_LABELS[contribution.kind])
        if contribution.description:
            contributions.append(" “" + plain(contribution.description) + "”")
        if contribution.value is not None:
            contributions.append(f" {money(contribution.value, currency)}")
    none = Text("none recorded yet", "dim italic")
    responsibilities = Text("Responsibilities (r): ", "bold", no_wrap=True, overflow="ellipsis")
    responsibilities.append_text(text("; ".join(partner.responsibilities)) or none)
    given = Text("Contributions (v):    ", "bold", no_wrap=True, overflow="ellipsis")
    given.append_text(contributions or none)
    return Group(head, responsibilities, given)


def roles_compared(current: Role | None) -> Table:
    """All four roles side by side in full, the partner's current role marked."""
    grid = Table(box=None, expand=True, padding=(0, 1), show_edge=False)
    for role in Role:
        guide = ROLES[role]
        mark = "▸ " if role == current else ""
        grid.add_column(
            f"{mark}{ROLE_KEYS[role]}  {guide.label}",
            ratio=1,
            header_style="bold reverse" if role == current else "bold",
        )
    cells = []
    for role in Role:
        guide = ROLES[role]
        cell = Text(guide.summary, style="bold" if role == current else "")
        for aspect, words in (
            ("Planning", guide.planning),
            ("Decisions", guide.decisions),
            ("Money", guide.money),
        ):
            cell.append(f"\n{aspect}: ", "dim")
            cell.append(words)
        cells.append(cell)
    grid.add_row(*cells)
    return grid


def one_role(current: Role | None) -> Table:
    """The partner's current role in full or, without one, each role in a line.

    Both take four lines (a little more where a line wraps), so the list above keeps
    its height as roles are given.
    """
    grid = Table.grid(padding=(0, 1), expand=True)
    grid.add_column(no_wrap=True, min_width=16)
    if current is None:
        grid.add_column(no_wrap=True, overflow="ellipsis", ratio=1)
        for role in Role:
            key = Text(ROLE_KEYS[role], "bold")
            key.append(f" {ROLES[role].label}")
            grid.add_row(key, ROLES[role].summary)
        return grid
    guide = ROLES[current]
    grid.add_column(ratio=1)
    key = Text(ROLE_KEYS[current], "bold reverse")
    key.append(f" {guide.label}", "bold")
    grid.add_row(key, Text(guide.summary, "bold"))
    grid.add_row(Text("Planning", "dim"), guide.planning)
    grid.add_row(Text("Decisions", "dim"), guide.decisions)
    grid.add_row(Text("Money", "dim"), guide.money)
    return grid


def _guide_text() -> str:
    roles = "\n".join(
        f"{ROLE_KEYS[r]}  {g.label}: {g.summary} {g.planning} {g.decisions} {g.money}"
        for r, g in ROLES.items()
    )
    return (
        "Give each partner one of the four roles. Partners are grouped by role, those "
        "with no role yet first: that group is your to-do (g jumps to it). Press c, m, o "
        f"or l to give the selected partner a role, {CLEAR_KEY} to take it away; the "
        "change shows at once and goes into the file when you save. r opens the "
        "partner's responsibilities and v its contributions: in each, a adds, Enter "
        "edits and d removes. Each role's heading row shows how many partners hold it "
        "and the value they give, financial and in kind; amounts of a million or more "
        "are shortened there (CAD 1.2 m, 3.4 bn), and the panel and v show them in "
        "full. ⚠ marks something worth a "
        "second look, never a reason not to save.\n\nThe four roles, from least to "
        f"most involved:\n{roles}"
    )


ASSIGN = Binding.Group("Give role")


class RolesTable(EditList):
    """The list of partners by role, which keeps the selected row in sight when the
    panels under it change height (a partner with a warning takes a line more)."""

    def on_resize(self) -> None:
        if self.row_count:
            self.call_after_refresh(self.move_cursor, row=self.cursor_row)


class RolesScreen(SectionScreen):
    """Who plays which role, and what each partner does and gives."""

    SECTION = "roles"
    GUIDE = _guide_text()

    BINDINGS = [
        *(
            Binding(
                ROLE_KEYS[role],
                f"assign('{role.value}')",
                ROLES[role].label,
                tooltip=f"Assign role: {ROLES[role].label.lower()}",
                id=f"roles.{role.value}",
                group=ASSIGN,
            )
            for role in Role
        ),
        Binding(
            CLEAR_KEY,
            "assign('')",
            "No role",
            tooltip="Clear role (back to no role yet)",
            id="roles.no_role",
            group=ASSIGN,
        ),
        # The details pane names r and v beside what they edit, so the footer keeps
        # room for the keys every screen shares.
        Binding(
            "r",
            "responsibilities",
            "Responsibilities",
            tooltip="Edit responsibilities",
            id="roles.responsibilities",
            show=False,
        ),
        Binding(
            "v",
            "contributions",
            "Contributions",
            tooltip="Edit contributions",
            show=False,
            id="roles.contributions",
        ),
        Binding(
            "a",
            "add_partner",
            "Add partner",
            tooltip="Add partner",
            show=False,
            id="roles.add_partner",
        ),
    ]

    DEFAULT_CSS = """
    RolesScreen #roles-table { height: 1fr; min-height: 4; }
    RolesScreen #empty { height: 1fr; padding: 1 2; }
    /* Room for one warning: most role changes then leave the panel's height alone. */
    RolesScreen #partner { height: auto; min-height: 5; max-height: 7; padding: 0 1;
        border-top: solid $primary-darken-2; }
    RolesScreen #guide { height: auto; padding: 0 1;
        border-top: solid $primary-darken-2; border-title-color: $text-muted; }
    """

    def __init__(self) -> None:
        super().__init__()
        self._order: list[str] = []
        self._selected_id: str | None = None
        self._last_row = 0
        self._name_width = 0
        self._rows = RoleRows()
        self._guides: dict[Role | None, Drawn] = {}
        """Each role's guide, drawn for the layout and width in ``_guides_for``."""
        self._guides_for: tuple[bool, int] | None = None

    def compose_body(self) -> ComposeResult:
        yield RolesTable(id="roles-table")
        yield Static(id="empty", markup=False)
        yield Panel(id="partner")
        yield Panel(id="guide")

    def on_mount(self) -> None:
        table = self.table
        table.fixed_rows = 1  # the all-partners totals stay in view while scrolling
        for key, label in COLUMNS:
            table.add_column(label, key=key)
        keys = ", ".join(ROLE_KEYS[r] for r in Role)
        guide = self.query_one("#guide")
        guide.border_title = f"The four roles · {keys} gives one · {CLEAR_KEY} none · ? in full"
        super().on_mount()
        table.focus()

    @property
    def table(self) -> ListTable:
        return self.query_one("#roles-table", ListTable)

    # -- drawing -------------------------------------------------------------------

    def refresh_view(self) -> None:
        project = self.workbook.project
        self._name_width = name_width(self.size.width or 80)
        self._draw(self._rows(project, self._name_width, self.workbook.figures.roles))
        has_partners = bool(project.partners)
        self.table.display = has_partners
        empty = self.query_one("#empty", Static)
        empty.display = not has_partners
        if not has_partners:
            empty.update(
                "No partners yet, so there is nobody to give a role to.\n\n"
                "Press a to add the first partner (or add them in section 2, Partners). "
                "Then give each one of the four roles below, by how much it will plan, "
                "decide and handle money, and record what it will do (r) and give (v)."
            )
        self._follow_selection()
        self._describe()

    def _draw(self, rows: list[Row]) -> None:
        self.table.fill(rows)
        self._order = self.table.row_keys

    def _nearest_partner_row(self, row: int, down: bool = True) -> int | None:
        """The partner row at or after ``row`` (before it when ``down`` is false)."""
        steps = (range(row, len(self._order)), range(row, -1, -1))
        for span in steps if down else steps[::-1]:
            for n in span:
                if 0 <= n < len(self._order) and not self._order[n].startswith(HEADING):
                    return n
        return None

    def _follow_selection(self) -> None:
        """Keep the cursor on the selected partner wherever its row went."""
        table = self.table
        row = table.row_index(self._selected_id or "")
        if row is None:
            row = self._nearest_partner_row(table.cursor_row)
            self._selected_id = self._order[row] if row is not None else None
        if row is not None:
            self._last_row = row
            if row != table.cursor_row:
                table.move_cursor(row=row)

    @on(ListTable.RowHighlighted, "#roles-table")
    def _highlighted(self) -> None:
        # Read the cursor rather than the event: rows may have moved since it was sent.
        row = self.table.cursor_row
        if not 0 <= row < len(self._order):
            return
        if self._order[row].startswith(HEADING):
            target = self._nearest_partner_row(row, down=row >= self._last_row)
            if target is not None and target != row:
                self.table.move_cursor(row=target)
            return
        self._last_row = row
        if self._order[row] != self._selected_id:
            self._selected_id = self._order[row]
            self._describe()

    @on(ListTable.RowSelected, "#roles-table")
    def _row_chosen(self, event: ListTable.RowSelected) -> None:
        event.stop()
        self._edit_partner()

    @changes_the_project
    def _edit_partner(self) -> None:
        partner = self.selected_partner()
        if partner is not None:
            self.app.push_screen(partner_dialog(self.workbook, partner))

    @property
    def wide(self) -> bool:
        return self.size.width >= WIDE[0] and self.size.height >= WIDE[1]

    def on_resize(self, _event: Resize) -> None:
        if name_width(self.size.width) != self._name_width:
            self.refresh_view()
        else:
            self._describe()  # the guide's height depends on the width

    def _describe(self) -> None:
        partner = self.selected_partner()
        box = self.query_one("#partner", Panel)
        box.display = partner is not None
        if partner is not None:
            member = self.workbook.figures.roles.of(partner)
            currency = self.workbook.project.project.currency
            box.show((member, self.workbook.version), lambda: describe(member, currency))
        current = partner.role if partner else None
        wide = self.wide
        width = max(self.size.width - 2, 1)  # the guide spans the screen, padded by 1
        guide = self.query_one("#guide", Panel)
        if self._guides_for != (wide, width):
            # Each role's guide is drawn once for this width, and the panel is as tall
            # as the tallest: giving a role never changes its height, which would lay
            # out and redraw the whole screen.
            self._guides_for = (wide, width)
            draw = roles_compared if wide else one_role
            self._guides = {role: Drawn(draw(role)) for role in (None, *Role)}
            console = self.app.console
            options = console.options.update_width(width)
            tallest = max(len(g.lines(console, options)) for g in self._guides.values())
            guide.styles.min_height = guide.styles.max_height = tallest + 1  # + border
        # The guide shows the selected partner's role.
        guide.show((current, self._guides_for), lambda: self._guides[current])

    def selected_partner(self) -> Partner | None:
        if self._selected_id is None:
            return None
        return self.workbook.project.partner(self._selected_id)

    # -- editing -------------------------------------------------------------------

    def _partner_or_hint(self) -> Partner | None:
        partner = self.selected_partner()
        if partner is None:
            self.notify("There is no partner here yet. Press a to add one.")
        return partner

    def action_assign(self, role: str) -> None:
        """Give the selected partner ``role`` (a Role value), or no role for ``""``."""
        partner = self._partner_or_hint()
        if partner is None:
            return
        self.edit(self.workbook.set_role, partner.id, Role(role) if role else None)

    @changes_the_project
    def action_responsibilities(self) -> None:
        partner = self._partner_or_hint()
        if partner is not None:
            self.app.push_screen(ResponsibilitiesDialog(self.workbook, partner.id))

    @changes_the_project
    def action_contributions(self) -> None:
        partner = self._partner_or_hint()
        if partner is not None:
            self.app.push_screen(ContributionsDialog(self.workbook, partner.id))

    @changes_the_project
    def action_add_partner(self) -> None:
        def added(partner: Partner | None) -> None:
            if partner is not None:
                self._selected_id = partner.id
                self.refresh_view()

        self.app.push_screen(partner_dialog(self.workbook), added)
