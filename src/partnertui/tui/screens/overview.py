"""Overview: the project's details and what a lead should notice about its partners.

It answers the guidance's questions about choosing partners from the project as it
stands, and says in words (not colour alone) where an answer is missing.
"""

from __future__ import annotations

from rich.console import Group
from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll

from partnertui import analysis
from partnertui.formatting import day
from partnertui.guidance import ENGAGED_ONLY, NOT_YET_INVITED, ROLES, STATUS_LABELS
from partnertui.model import Project
from partnertui.tui.display import paragraphs, plain, text
from partnertui.tui.screens.section import SectionScreen, changes_the_project
from partnertui.tui.widgets.labelled import Labelled
from partnertui.tui.widgets.panel import Panel

OK = "✔"
WARN = "⚠"
UNSET = "○"
"""A question with nothing to check yet: neither a pass nor a warning."""


def _names(partners: list, limit: int = 8) -> str:
    names = [plain(p.name) for p in partners[:limit]]
    more = len(partners) - limit
    return ", ".join(names) + (f" and {more} more" if more > 0 else "")


def details(project: Project) -> Labelled:
    info = project.project
    grid = Labelled(label_style="bold")

    def row(label: str, value: str, empty: str = "not set — press e to add") -> None:
        grid.add_row(label, text(value, keep_newlines=True) if value else Text(empty, "dim italic"))

    row("Name", info.name)
    row("Issue", info.issue)
    row("Lead", info.lead_organization)
    row("Community", info.community)
    if info.start or info.end:
        runs = f"{day(info.start) if info.start else '?'} to {day(info.end) if info.end else '?'}"
    else:
        runs = ""
    row("Runs", runs)
    row("Youth project", "yes" if info.youth_oriented else "no")
    row("Skills needed", ", ".join(info.skills_needed), "none listed — press e to add")
    row("Currency", info.currency)
    grid.add_row(
        "Description",
        paragraphs(info.description)
        if info.description
        else Text("not set — press e to add", "dim italic"),
    )
    return grid


def partners_at_a_glance(project: Project, figures: analysis.Figures) -> Group:
    if not project.partners:
        return Group(
            Text("No partners yet.", style="bold"),
            Text(
                "Press a to add the first one. Think of former partners as well as new "
                "ones, and invite everyone with an interest in the issue."
            ),
        )
    counts = figures.status_counts
    status = Text("By status: ", style="bold")
    status.append(" · ".join(f"{n} {STATUS_LABELS[s].lower()}" for s, n in counts.items() if n))
    roster = Labelled(label_style="bold")
    for role, group in figures.roles.groups.items():
        members = list(group.partners)
        label = ROLES[role].label if role else "No role yet"
        marker = f"{WARN} " if role is None and members else ""
        roster.add_row(f"{marker}{label} ({len(members)})", Text(_names(members) or "—"))
    return Group(status, Text("By role:", style="bold"), roster)


def choosing_partners(figures: analysis.Figures) -> Labelled:
    grid = Labelled()
    for coverage in figures.considerations:
        if coverage.unset:
            grid.add_row(Text(UNSET, "bold"), Text(f"{coverage.unset} (press e)."))
            grid.add_row("", Text(coverage.question, "dim"))
        elif coverage.ok:
            grid.add_row(Text(OK, "bold green"), Text(coverage.question))
            if coverage.partners:
                grid.add_row("", Text(_names(coverage.partners), "dim"))
        else:
            grid.add_row(Text(WARN, "bold yellow"), Text(coverage.warning, "bold yellow"))
            grid.add_row("", Text(coverage.question, "dim"))
            if coverage.missing:
                grid.add_row("", text("Missing: " + ", ".join(coverage.missing)))
    waiting = figures.not_yet_invited
    if waiting:
        grid.add_row(
            Text(WARN, "yellow"),
            Text(NOT_YET_INVITED, "yellow"),
        )
        grid.add_row("", Text(_names(waiting)))
    grid.add_row("", Text(ENGAGED_ONLY, "dim italic"))
    return grid


class OverviewScreen(SectionScreen):
    """The project at a glance."""

    SECTION = "overview"
    GUIDE = (
        "The overview shows the project's details and how well its partners answer the "
        "three questions to ask when choosing partners: are those most affected "
        "included, are those with a stake in the solutions engaged, and do partners "
        "bring the skills the project needs (for youth projects: are youth and their "
        "champions involved). ⚠ marks a question no invited or confirmed partner "
        "answers yet, ○ one with nothing to check yet (list the skills the project "
        "needs). Press e to edit the details, a to add a partner."
    )

    BINDINGS = [
        Binding(
            "e",
            "edit_details",
            "Edit details",
            tooltip="Edit project details",
            id="overview.edit_details",
        ),
        Binding(
            "a", "add_partner", "Add partner", tooltip="Add partner", id="overview.add_partner"
        ),
        Binding("j", "scroll('down')", "Scroll down", show=False, id="list.down"),
        Binding("k", "scroll('up')", "Scroll up", show=False, id="list.up"),
        Binding("g", "scroll('home')", "Top", show=False, id="list.first"),
        Binding("G", "scroll('end')", "Bottom", show=False, id="list.last"),
    ]

    DEFAULT_CSS = """
    /* The scrollbar's room is kept even when the panels fit, so they are laid out
       at one width only, not again when the scrollbar appears. */
    OverviewScreen #body { padding: 0 1; scrollbar-gutter: stable; }
    OverviewScreen Panel {
        border: round $primary-darken-1; border-title-style: bold; padding: 0 1;
        height: auto; margin-bottom: 0;
    }
    """

    def compose_body(self) -> ComposeResult:
        # The questions come first: at 80x24 they are what a lead sees without scrolling.
        with VerticalScroll(id="body"):
            yield Panel(id="choosing")
            yield Panel(id="glance")
            yield Panel(id="details")

    def on_mount(self) -> None:
        super().on_mount()
        self.query_one("#details").border_title = "Project"
        self.query_one("#glance").border_title = "Partners"
        self.query_one("#choosing").border_title = "Choosing partners"
        self.query_one("#body").focus()

    def refresh_view(self) -> None:
        project, version = self.workbook.project, self.workbook.version
        figures = self.workbook.figures
        self.query_one("#details", Panel).show(version, lambda: details(project))
        self.query_one("#glance", Panel).show(
            version, lambda: partners_at_a_glance(project, figures)
        )
        self.query_one("#choosing", Panel).show(version, lambda: choosing_partners(figures))

    def action_scroll(self, where: str) -> None:
        body = self.query_one("#body", VerticalScroll)
        {
            "down": body.scroll_down,
            "up": body.scroll_up,
            "home": body.scroll_home,
            "end": body.scroll_end,
        }[where]()

    # The forms are imported when first opened: the overview is the first screen, and
    # it comes up sooner without the form widgets.

    @changes_the_project
    def action_edit_details(self) -> None:
        from partnertui.tui.widgets.partner_form import details_dialog

        self.app.push_screen(details_dialog(self.workbook))

    @changes_the_project
    def action_add_partner(self) -> None:
        from partnertui.tui.widgets.partner_form import partner_dialog

        self.app.push_screen(partner_dialog(self.workbook))
