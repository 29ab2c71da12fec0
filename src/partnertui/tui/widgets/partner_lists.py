"""A partner's responsibilities and contributions, each edited as a list in a dialog.

Both are short lists belonging to one partner, so they open over the screen that
asked for them instead of taking a screen of their own: a adds, Enter edits, d
removes, Escape closes. The list is redrawn from the workbook after every change and
holds nothing of its own, so it can never disagree with the file.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, ClassVar

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Static

from partnertui.formatting import MISSING, money
from partnertui.guidance import CONTRIBUTION_LABELS, ROLES
from partnertui.model import ContributionKind, Partner
from partnertui.tui.display import plain, shortened, text
from partnertui.tui.widgets.dialogs import confirm
from partnertui.tui.widgets.form import FormDialog, FormField
from partnertui.tui.widgets.table import EditList, ListTable
from partnertui.tui.workbook import EditRefused

if TYPE_CHECKING:
    from partnertui.tui.app import PartnerApp
    from partnertui.tui.workbook import Workbook


DESCRIPTION_WIDTH = 46
"""Enough of a description to tell contributions apart at 80 columns; Enter shows it all."""


class PartnerItemsDialog(ModalScreen[None]):
    """One list of one partner's; subclasses say what the items are and how to edit them."""

    NOUN: ClassVar[str] = ""
    HEADING: ClassVar[str] = ""
    COLUMNS: ClassVar[tuple[str, ...]] = ()
    EMPTY: ClassVar[str] = ""

    BINDINGS = [
        # The app's own keys stop at a modal screen; saving stays one key away.
        Binding("ctrl+s", "app.save", "Save", tooltip="Save the project file"),
    ]

    DEFAULT_CSS = """
    PartnerItemsDialog { align: center middle; }
    PartnerItemsDialog > #dialog {
        width: 84; max-width: 100%; height: auto; max-height: 100%;
        border: thick $primary; background: $surface; padding: 0 1;
    }
    PartnerItemsDialog #title { text-style: bold; max-height: 2; }
    PartnerItemsDialog #about { color: $text-muted; margin-bottom: 1; max-height: 3; }
    PartnerItemsDialog ListTable { height: auto; max-height: 12; }
    PartnerItemsDialog #empty { height: auto; padding: 0 1; }
    PartnerItemsDialog #sum { height: auto; margin-top: 1; }
    PartnerItemsDialog #hint { color: $text-muted; height: 1; margin-top: 1; }
    """

    app: PartnerApp  # type: ignore[assignment]

    def __init__(self, workbook: Workbook, partner_id: str) -> None:
        super().__init__()
        self.workbook = workbook
        self.partner_id = partner_id

    def compose(self) -> ComposeResult:
        with Vertical(id="dialog"):
            yield Static(id="title", markup=False)
            yield Static(id="about", markup=False)
            yield EditList(id="items")
            yield Static(id="empty", markup=False)
            yield Static(id="sum", markup=False)
            yield Static(
                "a add · Enter edit · d remove · Esc close · ctrl+s saves the file",
                id="hint",
                markup=False,
            )

    def on_mount(self) -> None:
        table = self.query_one(ListTable)
        for label in self.COLUMNS:
            table.add_column(label, key=label)
        self.app.project_changed.subscribe(self, lambda _version: self.redraw())
        self.redraw()
        table.focus()

    # -- what subclasses provide -----------------------------------------------------

    def items(self, partner: Partner) -> list[Any]:
        raise NotImplementedError

    def cells(self, item: Any) -> tuple[Text, ...]:
        raise NotImplementedError

    def form(self, partner: Partner, index: int | None) -> FormDialog:
        raise NotImplementedError

    def remove_item(self, index: int) -> None:
        raise NotImplementedError

    def summary(self, partner: Partner) -> Text:
        return Text()

    # -- drawing ---------------------------------------------------------------------

    @property
    def partner(self) -> Partner | None:
        return self.workbook.project.partner(self.partner_id)

    def redraw(self, select: int | None = None) -> None:
        partner = self.partner
        table = self.query_one(ListTable)
        empty = self.query_one("#empty", Static)
        if partner is None:  # deleted underneath us: say so rather than vanish
            table.display = False
            empty.display = True
            empty.update("This partner is no longer in the project. Press Esc to close.")
            self.query_one("#sum", Static).display = False
            return
        row = table.cursor_row if select is None else select
        table.clear()
        items = self.items(partner)
        for index, item in enumerate(items):
            table.add_row(*self.cells(item), key=str(index))
        if items:
            table.move_cursor(row=min(max(row, 0), len(items) - 1))
        table.display = bool(items)
        empty.display = not items
        empty.update(self.EMPTY)
        title = Text(f"{self.HEADING} of ")
        title.append(text(shortened(partner.name)))
        self.query_one("#title", Static).update(title)
        role = ROLES[partner.role] if partner.role else None
        about = f"{role.label}: {role.summary}" if role else "No role yet."
        self.query_one("#about", Static).update(about)
        summary = self.summary(partner)
        box = self.query_one("#sum", Static)
        box.display = bool(summary.plain)
        box.update(summary)

    def selected(self) -> int | None:
        partner = self.partner
        table = self.query_one(ListTable)
        if partner is None or not self.items(partner) or table.row_count == 0:
            return None
        return table.cursor_row

    # -- editing ---------------------------------------------------------------------

    def action_add(self) -> None:
        partner = self.partner
        if partner is None:
            return

        def added(result: object) -> None:
            if result is not None and (now := self.partner) is not None:
                self.redraw(select=len(self.items(now)) - 1)

        self.app.push_screen(self.form(partner, None), added)

    @on(ListTable.RowSelected)
    def _row_chosen(self, event: ListTable.RowSelected) -> None:
        event.stop()
        self.action_edit()

    def action_edit(self) -> None:
        partner, index = self.partner, self.selected()
        if partner is None or index is None:
            self.notify(f"There is no {self.NOUN} to edit yet. Press a to add one.")
            return
        self.app.push_screen(self.form(partner, index))

    def action_remove(self) -> None:
        partner, index = self.partner, self.selected()
        if partner is None or index is None:
            return
        shown = self.cells(self.items(partner)[index])
        body = Text(f"This {self.NOUN} of “")
        body.append(text(partner.name))
        body.append("” will be removed:\n\n  ")
        body.append(Text(" · ").join(cell for cell in shown if cell.plain))

        def answer(choice: str | None) -> None:
            if choice != "yes":
                return
            try:
                self.remove_item(index)
            except EditRefused as refused:
                self.notify(str(refused), severity="warning")

        self.app.push_screen(confirm(f"Remove this {self.NOUN}?", body, "Remove"), answer)

    def action_close(self) -> None:
        self.dismiss(None)


class ResponsibilitiesDialog(PartnerItemsDialog):
    """What the partner has agreed to do, one line each."""

    NOUN = "responsibility"
    HEADING = "Responsibilities"
    COLUMNS = ("Responsibility",)
    EMPTY = (
        "No responsibilities recorded yet. Press a to add one: a short line saying "
        "what this partner will do, such as “recruits safe-walk volunteers”."
    )

    BINDINGS = [
        Binding("a", "add", "Add", tooltip="Add responsibility", id="responsibilities.add"),
        Binding(
            "e",
            "edit",
            "Edit",
            tooltip="Edit responsibility",
            show=False,
            id="responsibilities.edit",
        ),
        Binding(
            "d,delete",
            "remove",
            "Remove",
            tooltip="Remove responsibility",
            id="responsibilities.remove",
        ),
        Binding("escape", "close", "Close", tooltip="Close responsibilities"),
    ]

    def items(self, partner: Partner) -> list[str]:
        return partner.responsibilities

    def cells(self, item: Any) -> tuple[Text, ...]:
        return (text(str(item)),)

    def form(self, partner: Partner, index: int | None) -> FormDialog:
        current = partner.responsibilities[index] if index is not None else ""
        field = FormField(
            "text", "Responsibility", value=current, placeholder="e.g. runs the evening drop-in"
        )
        if index is None:
            return FormDialog(
                f"Add a responsibility for {plain(partner.name)}",
                [field],
                lambda values: self.workbook.add_responsibility(partner.id, values["text"]),
                save_label="Add",
            )
        return FormDialog(
            f"Edit a responsibility of {plain(partner.name)}",
            [field],
            lambda values: self.workbook.update_responsibility(partner.id, index, values["text"]),
        )

    def remove_item(self, index: int) -> None:
        self.workbook.remove_responsibility(self.partner_id, index)


class ContributionsDialog(PartnerItemsDialog):
    """What the partner gives the project, each with its kind and value."""

    NOUN = "contribution"
    HEADING = "Contributions"
    COLUMNS = ("Kind", "Value", "Description")
    EMPTY = (
        "No contributions recorded yet. Press a to add one: advice, supplies, space, "
        "equipment, volunteer time, money — whatever this partner gives, with its value "
        "if you know it."
    )

    BINDINGS = [
        Binding("a", "add", "Add", tooltip="Add contribution", id="contributions.add"),
        Binding(
            "e", "edit", "Edit", tooltip="Edit contribution", show=False, id="contributions.edit"
        ),
        Binding(
            "d,delete", "remove", "Remove", tooltip="Remove contribution", id="contributions.remove"
        ),
        Binding("escape", "close", "Close", tooltip="Close contributions"),
    ]

    @property
    def currency(self) -> str:
        return self.workbook.project.project.currency

    def items(self, partner: Partner) -> list[Any]:
        return partner.contributions

    def cells(self, item: Any) -> tuple[Text, ...]:
        value = MISSING if item.value is None else money(item.value, self.currency)
        description = plain(item.description)
        if len(description) > DESCRIPTION_WIDTH:
            description = description[: DESCRIPTION_WIDTH - 1] + "…"
        return (
            Text(CONTRIBUTION_LABELS[item.kind]),
            Text(value, justify="right"),
            Text(description),
        )

    def summary(self, partner: Partner) -> Text:
        if not partner.contributions:
            return Text()
        totals = self.workbook.figures.roles.of(partner).totals
        return Text(
            f"Financial {money(totals.financial, self.currency)} · "
            f"in kind {money(totals.in_kind, self.currency)} · "
            f"total {money(totals.total, self.currency)}"
        )

    def form(self, partner: Partner, index: int | None) -> FormDialog:
        current = partner.contributions[index] if index is not None else None
        fields = [
            FormField(
                "kind",
                "Kind",
                "choice",
                current.kind if current else ContributionKind.IN_KIND,
                [(label, kind) for kind, label in CONTRIBUTION_LABELS.items()],
            ),
            FormField(
                "description",
                "Description",
                value=current.description if current else "",
                placeholder="e.g. Gym, Tuesday evenings",
            ),
            FormField(
                "value",
                f"Value ({self.currency})",
                "money",
                current.value if current else None,
                placeholder="e.g. 1200; blank if not known",
            ),
        ]
        if index is None:
            return FormDialog(
                f"Add a contribution from {plain(partner.name)}",
                fields,
                lambda values: self.workbook.add_contribution(partner.id, values),
                save_label="Add",
            )
        return FormDialog(
            f"Edit a contribution from {plain(partner.name)}",
            fields,
            lambda values: self.workbook.update_contribution(partner.id, index, values),
        )

    def remove_item(self, index: int) -> None:
        self.workbook.remove_contribution(self.partner_id, index)
