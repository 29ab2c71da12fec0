"""Choose whose scores to enter in a round: the team's consensus, or one partner's.

Each choice says whether that respondent has answered the round yet and how much of
it, so the person collecting responses can see who is still missing. In an
anonymous round there is nobody to name: the choices are the team, a new anonymous
answer, and the answers already given, numbered, with their groups where enough
answered in them to say so (``analysis.labelled_groups``). Who has answered and how
much comes from the round's figures.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import OptionList, Static
from textual.widgets.option_list import Option

from partnertui import analysis
from partnertui.analysis import ENGAGED, by_name
from partnertui.guidance import STATUS_LABELS
from partnertui.model import ANONYMOUS, TEAM, Ingredient, Project, group_choices
from partnertui.tui.display import plain, text
from partnertui.tui.widgets.form import FormDialog, FormField

if TYPE_CHECKING:
    from partnertui.analysis import Figures

TEAM_LABEL = "Team (consensus)"
NEW_ANONYMOUS = "new-anonymous-answer"
"""What the picker gives for "New anonymous answer": no respondent exists for it yet."""
NEW_ANONYMOUS_LABEL = "New anonymous answer"


def respondent_name(project: Project, respondent: str) -> str:
    """How a respondent is shown: the team, the partner's name (its id if it has gone),
    or an anonymous answer's number and group, never anything that could name them."""
    if respondent == TEAM:
        return "Team"
    if respondent.startswith(ANONYMOUS):  # its id is its own, so it finds its round
        given = next((a.round for a in project.assessments if a.respondent == respondent), "")
        return plain(analysis.respondent_label(project, given, respondent))
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
    """Dismisses with the chosen respondent (``"team"``, a partner id, an anonymous
    respondent or :data:`NEW_ANONYMOUS`), or ``None``."""

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

    def __init__(
        self,
        figures: Figures,
        round_name: str,
        current: str | None = None,
        *,
        anonymous: bool = False,
    ) -> None:
        super().__init__()
        self.project = figures.project
        self.round_name = round_name
        self.current = current
        self.anonymous = anonymous
        info = figures.round_info(round_name)
        self.respondents = info.respondents if info is not None else []
        """Who has answered the round, as the round's figures say: the team first."""
        self.scored = info.scored if info is not None else {}
        """How many ingredients each of them scored."""

    def compose(self) -> ComposeResult:
        with Vertical(id="dialog"):
            yield Static(
                text(f"Whose scores? Round “{self.round_name}”"), id="question", markup=False
            )
            yield Static(
                "Enter chooses · Esc cancels · "
                + (
                    "an anonymous round names nobody: each answer is a new anonymous one"
                    if self.anonymous
                    else "someone not yet answered starts with their first score"
                ),
                id="hint",
                markup=False,
            )
            yield RespondentList(*self._options())

    def _ids(self) -> list[str]:
        """Every choice in the order shown: in an anonymous round, the answers given in
        the order they are numbered."""
        if self.anonymous:
            given = [r for r in self.respondents if r.startswith(ANONYMOUS)]
            return [TEAM, NEW_ANONYMOUS, *given]
        return [TEAM, *(p.id for p in by_name(self.project.partners))]

    def _options(self) -> list[Option]:
        options = []
        for who in self._ids():
            if who == TEAM:
                options.append(Option(self._line(TEAM_LABEL, TEAM, ""), id=TEAM))
            elif who == NEW_ANONYMOUS:
                line = Text(NEW_ANONYMOUS_LABEL)
                line.append("  · asks for the group, then the first score starts it", "dim")
                options.append(Option(line, id=NEW_ANONYMOUS))
            elif self.anonymous:
                name = respondent_name(self.project, who)
                options.append(Option(self._line(name, who, ""), id=who))
            else:
                partner = self.project.partner(who)
                assert partner is not None
                status = "" if partner.status in ENGAGED else STATUS_LABELS[partner.status]
                options.append(Option(self._line(partner.name, who, status.lower()), id=who))
        return options

    def _line(self, name: str, respondent: str, status: str) -> Text:
        line = text(name)
        scored = self.scored.get(respondent)
        if scored is None:
            line.append("  · not yet answered", style="dim")
        else:
            line.append(f"  ✔ answered ({scored} of {len(Ingredient)} scored)", style="green")
        if status:
            line.append(f"  ({status})", style="dim italic")
        return line

    def on_mount(self) -> None:
        options = self.query_one(OptionList)
        ids = self._ids()
        if self.anonymous:  # answers come in one after another, each a new one
            options.highlighted = ids.index(NEW_ANONYMOUS)
        else:
            options.highlighted = ids.index(self.current) if self.current in ids else 0
        options.focus()

    @on(OptionList.OptionSelected)
    def _chosen(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        self.dismiss(event.option.id)


def group_dialog(project: Project) -> FormDialog:
    """Ask a new anonymous answer's group, which may be left unsaid; dismisses with
    ``{"group": group or None}``."""
    choices = [("Not said", None), *((plain(g), g) for g in group_choices(project.project))]
    return FormDialog(
        "A new anonymous answer: which group does the person say they belong to?",
        [
            FormField(
                "group",
                "Group",
                "choice",
                None,
                choices,
                explanation="only the group is kept with the answer, never a name",
            )
        ],
        lambda values: values,
        save_label="Start",
    )
