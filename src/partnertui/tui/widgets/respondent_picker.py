"""Choose whose scores to enter in a round: the team's consensus, or one partner's.

Each choice says whether that respondent has answered the round yet and how much of
it, so the person collecting responses can see who is still missing.
"""

from __future__ import annotations

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import OptionList, Static
from textual.widgets.option_list import Option

from partnertui.analysis import ENGAGED, by_name, find_response
from partnertui.guidance import STATUS_LABELS
from partnertui.model import TEAM, Ingredient, Project
from partnertui.tui.display import plain, text

TEAM_LABEL = "Team (consensus)"


def respondent_name(project: Project, respondent: str) -> str:
    """How a respondent is shown: the team, or the partner's name (its id if it has gone)."""
    if respondent == TEAM:
        return "Team"
    partner = project.partner(respondent)
    return plain(partner.name if partner else respondent)


class RespondentList(OptionList):
    """An option list that also moves with j/k/g/G, like every list in the workbook."""

    BINDINGS = [
        Binding("j", "cursor_down", "Down", show=False, id="list.down"),
        Binding("k", "cursor_up", "Up", show=False, id="list.up"),
        Binding("g", "first", "First", show=False, id="list.first"),
        Binding("G", "last", "Last", show=False, id="list.last"),
    ]


class RespondentPicker(ModalScreen[str | None]):
    """Dismisses with the chosen respondent (``"team"`` or a partner id), or ``None``."""

    BINDINGS = [Binding("escape", "dismiss(None)", "Cancel")]

    DEFAULT_CSS = """
    RespondentPicker { align: center middle; }
    RespondentPicker > #dialog {
        width: 76; max-width: 100%; height: auto; max-height: 100%;
        border: thick $primary; background: $surface; padding: 0 1;
    }
    RespondentPicker #question { text-style: bold; max-height: 2; }
    RespondentPicker #hint { color: $text-muted; margin-bottom: 1; }
    RespondentPicker OptionList { height: auto; max-height: 16; }
    """

    def __init__(self, project: Project, round_name: str, current: str | None = None) -> None:
        super().__init__()
        self.project = project
        self.round_name = round_name
        self.current = current

    def compose(self) -> ComposeResult:
        with Vertical(id="dialog"):
            yield Static(
                text(f"Whose scores? Round “{self.round_name}”"), id="question", markup=False
            )
            yield Static(
                "Enter chooses · Esc cancels · someone not yet answered starts with their "
                "first score",
                id="hint",
                markup=False,
            )
            yield RespondentList(*self._options())

    def _options(self) -> list[Option]:
        options = [Option(self._line(TEAM_LABEL, TEAM, ""), id=TEAM)]
        for partner in by_name(self.project.partners):
            status = "" if partner.status in ENGAGED else STATUS_LABELS[partner.status].lower()
            options.append(Option(self._line(partner.name, partner.id, status), id=partner.id))
        return options

    def _line(self, name: str, respondent: str, status: str) -> Text:
        line = text(name)
        response = find_response(self.project, self.round_name, respondent)
        if response is None:
            line.append("  · not yet answered", style="dim")
        else:
            line.append(
                f"  ✔ answered ({len(response.scores)} of {len(Ingredient)} scored)", style="green"
            )
        if status:
            line.append(f"  ({status})", style="dim italic")
        return line

    def on_mount(self) -> None:
        options = self.query_one(OptionList)
        ids = [TEAM, *(p.id for p in by_name(self.project.partners))]
        options.highlighted = ids.index(self.current) if self.current in ids else 0
        options.focus()

    @on(OptionList.OptionSelected)
    def _chosen(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        self.dismiss(event.option.id)
