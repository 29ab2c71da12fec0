"""Ingredients: how healthy the partnership is, round by round, and scoring it.

Three views of the chosen round share the screen. The health view answers "how are we
doing?" from the workbook's figures (analysis.Figures): each ingredient's mean and
band, range, whether partners disagree, change and trend, and the weakest (up to
three below a strength), with one key to start an action on what needs it. The
by-group view puts each group of partners' means side by side
(``widgets.group_table``). The score sheet is
where one respondent's scores are typed with the number keys. Every number shown
comes from analysis, which also says what is hidden because too few answers stand
behind it; this screen only draws.
"""

from __future__ import annotations

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical, VerticalScroll
from textual.widgets import ContentSwitcher, Static

from partnertui import analysis
from partnertui.formatting import count, day
from partnertui.guidance import INGREDIENTS
from partnertui.model import ANONYMOUS, TEAM, Ingredient
from partnertui.tui.display import plain, text
from partnertui.tui.screens.ingredients_guide import EMPTY, GUIDE
from partnertui.tui.screens.ingredients_rounds import RoundKeys
from partnertui.tui.screens.section import changes_the_project
from partnertui.tui.widgets.action_form import action_dialog
from partnertui.tui.widgets.band import (
    DISAGREEMENT,
    change_text,
    disagreement_text,
    hidden_text,
    scale_legend,
    score_text,
)
from partnertui.tui.widgets.dialogs import confirm
from partnertui.tui.widgets.form import FormDialog, FormField
from partnertui.tui.widgets.group_table import GroupPane, GroupTable
from partnertui.tui.widgets.health_text import health_detail, health_summary
from partnertui.tui.widgets.respondent_picker import (
    NEW_ANONYMOUS,
    RespondentPicker,
    group_dialog,
    respondent_name,
)
from partnertui.tui.widgets.score_sheet import LABEL_WIDTH, ScoreSheet
from partnertui.tui.widgets.table import ListTable

ORDER = list(Ingredient)


class HealthList(ListTable):
    """The round's ingredients; Enter chooses whose scores to enter."""

    BINDINGS = [Binding("enter", "select_cursor", "Score")]


class IngredientsScreen(RoundKeys):
    """The partnership's health on the eleven ingredients, and the score sheet."""

    SECTION = "ingredients"
    GUIDE = GUIDE

    BINDINGS = [
        Binding(
            "s",
            "score",
            "Score",
            show=False,
            tooltip="Score: choose the team or a partner",
            id="ingredients.score",
        ),
        Binding(
            "t",
            "start_action",
            "Start action",
            tooltip="Start an action for this ingredient",
            id="ingredients.start_action",
        ),
        Binding(
            "r",
            "new_round",
            "New round",
            tooltip="Start a new assessment round",
            id="ingredients.new_round",
        ),
        Binding(
            "w",
            "write_questionnaires",
            "Questionnaires",
            # The footer keeps room for saving, quitting and help at 80 columns, with
            # the keys of the round's daily work (Enter, t, r); help, the palette and
            # the guide say this one.
            show=False,
            tooltip="Write questionnaires for this round, for partners to answer",
            id="ingredients.write_questionnaires",
        ),
        Binding(
            "b",
            "by_group",
            "By group",
            show=False,  # as w: the footer keeps room for saving, quitting and help
            tooltip="Show or hide each group of partners' scores side by side",
            id="ingredients.by_group",
        ),
        Binding(
            "c",
            "next_dimension",
            "Grouping",
            show=False,  # the by-group view says it, and the footer is full there
            tooltip="Group partners another way (kind, role, youth, most affected)",
            id="ingredients.next_dimension",
        ),
        Binding(
            "i",
            "import",
            "Import",
            show=False,  # the footer is full at 80 columns; help, the palette and the guide say it
            tooltip="Import responses… (response files or a survey tool's CSV)",
            id="ingredients.import",
        ),
        Binding(
            "left_square_bracket",
            "step_round(-1)",
            "Earlier",
            key_display="[",
            show=False,
            tooltip="Show the earlier round",
            id="ingredients.earlier",
        ),
        Binding(
            "right_square_bracket",
            "step_round(1)",
            "Later",
            key_display="]",
            show=False,
            tooltip="Show the later round",
            id="ingredients.later",
        ),
        Binding(
            "e",
            "edit_round",
            "Edit round",
            show=False,
            tooltip="Rename or re-date round",
            id="ingredients.edit_round",
        ),
        Binding(
            "d,delete",
            "remove_round",
            "Remove round",
            show=False,
            tooltip="Remove this round and all its responses",
            id="ingredients.remove_round",
        ),
    ]

    DEFAULT_CSS = """
    IngredientsScreen #round { height: 1; padding: 0 1; background: $boost; }
    IngredientsScreen #views { height: 1fr; }
    IngredientsScreen ListTable { height: auto; max-height: 100%; }
    IngredientsScreen #summary { height: auto; padding: 0 1; }
    IngredientsScreen .detail { height: 1fr; min-height: 2; padding: 0 1;
        border-top: solid $primary-darken-2; }
    IngredientsScreen #sheet-head { height: auto; padding: 0 1; }
    IngredientsScreen #empty { padding: 1 2; }
    """

    ROUND_EDITS = frozenset({"new_round", "edit_round", "remove_round", "write_questionnaires"})
    """Round-level edits, switched off while scoring so the sheet's footer stays short."""
    NEED_A_ROUND = ROUND_EDITS - {"new_round"} | {
        "score",
        "start_action",
        "step_round",
        "by_group",
        "import",
    }
    """Hidden until there is a round to act on."""

    def __init__(self) -> None:
        super().__init__()
        self.round_name: str | None = None
        self.respondent: str | None = None
        """Whose scores the sheet shows; ``None`` while the health view is shown."""
        self.new_group: str | None = None
        """The group given for a new anonymous answer, kept by its first score."""
        self.by_group = False
        """Whether the by-group view is shown in place of the health view."""
        self.dimension: str | None = None
        """The by-group view's grouping (a ``Dimension.key``); ``None``: the first."""

    def compose_body(self) -> ComposeResult:
        yield Static(id="round", markup=False)
        with ContentSwitcher(initial="health", id="views"):
            with Vertical(id="health"):
                yield HealthList(id="health-table")
                yield Static(id="summary", markup=False)
                yield Static(id="detail", classes="detail", markup=False)
            yield GroupPane(id="groups")
            with Vertical(id="sheet"):
                yield Static(id="sheet-head", markup=False)
                yield ScoreSheet(id="score-sheet")
                yield Static(id="sheet-detail", classes="detail", markup=False)
            with VerticalScroll(id="empty"):
                yield Static(EMPTY, markup=False)

    def on_mount(self) -> None:
        super().on_mount()
        self._focus_view()

    def on_screen_resume(self) -> None:
        super().on_screen_resume()
        self.refresh_bindings()  # edits made under a dialog may have changed what applies

    # -- drawing -------------------------------------------------------------------

    def refresh_view(self) -> None:
        project = self.workbook.project
        figures = self.workbook.figures
        infos = figures.rounds
        names = [r.name for r in infos]
        if self.round_name not in names:
            self.round_name = names[-1] if names else None
        if self.respondent is not None and self.respondent != TEAM:
            # A partner answers only a signed round, an anonymous answer only its own.
            anonymous = self.workbook.is_anonymous(self.round_name or "")
            if not (
                (project.partner(self.respondent) and not anonymous)
                or (self.respondent.startswith(ANONYMOUS) and anonymous)
            ):
                self.respondent = None
        switcher = self.query_one(ContentSwitcher)
        before = switcher.current
        if self.round_name is None:
            self.respondent = None
            self.query_one("#round", Static).update(
                Text("Assessment rounds: none yet", style="bold")
            )
            switcher.current = "empty"
        else:
            info = infos[names.index(self.round_name)]
            self._draw_round_line(info, names.index(info.name), len(infos))
            self._draw_health(figures.round_stats(info.name))
            if self.respondent is not None:
                self._draw_sheet()
                switcher.current = "sheet"
            elif self.by_group:
                view = figures.group_view(info.name)
                self.dimension = self.query_one(GroupPane).show(view, self.dimension)
                switcher.current = "groups"
            else:
                switcher.current = "health"
        if switcher.current != before:
            self._focus_view()
            self.refresh_bindings()

    def _draw_round_line(self, info: analysis.RoundInfo, position: int, total: int) -> None:
        line = Text()
        line.append(f"Round {position + 1} of {total}: ", style="bold")
        line.append_text(text(info.name, "bold"))
        line.append(f" · {day(info.date)} · {count(len(info.respondents), 'response')}")
        if self.workbook.is_anonymous(info.name):
            line.append(" · anonymous")
        # Words beside the keys: "[ ]" alone reads as an empty checkbox.
        steps = ["[ earlier"] if position > 0 else []
        steps += ["] later"] if position < total - 1 else []
        if steps:
            line.append("   " + " · ".join(steps), style="dim")
        self.query_one("#round", Static).update(line)

    def _draw_health(self, stats: analysis.RoundStats) -> None:
        table = self.query_one("#health-table", ListTable)
        row = table.cursor_row
        rounds = len(next(iter(stats.ingredients.values())).trend)
        # Fixed widths, the trend's as wide as the rounds: a column that grew after a
        # redraw could show a stale, cut line.
        table.clear(columns=True)
        table.add_column("Ingredient", key="ingredient", width=LABEL_WIDTH)
        table.add_column("Mean and band", key="score", width=len("3.5 ■ borderline"))
        table.add_column("Range (n)", key="range", width=len("Range (n)"))
        table.add_column("Views", key="views", width=len(DISAGREEMENT))
        table.add_column("Change", key="change", width=len("↓ -0.7"))
        table.add_column("Trend", key="trend", width=max(len("Trend"), rounds))
        for ingredient, s in stats.ingredients.items():
            table.add_row(
                INGREDIENTS[ingredient].label,
                hidden_text() if s.hidden else score_text(s.mean),
                f"{s.low}–{s.high} ({s.count})" if s.count and not s.hidden else "—",
                disagreement_text(s.disagreement),
                change_text(s),
                analysis.sparkline(s.trend),
                key=ingredient.value,
            )
        table.move_cursor(row=max(row, 0))
        summary = self.query_one("#summary", Static)
        # Break lines between ingredients to fit the panel, never within one.
        width = summary.content_region.width or 78
        summary.update(health_summary(self.workbook, stats, width))
        self._describe_health()

    def _describe_health(self) -> None:
        if self.round_name is not None:
            detail = health_detail(self.workbook, self.round_name, self.health_ingredient)
            self.query_one("#detail", Static).update(detail)

    def _draw_sheet(self) -> None:
        if self.round_name is None or self.respondent is None:
            return
        project = self.workbook.project
        response = analysis.find_response(project, self.round_name, self.respondent)
        head = Text()
        head.append("Scoring for ", style="bold")
        head.append(self._who(), style="bold reverse")
        if response is None and self.respondent.startswith(ANONYMOUS):
            head.append(" · the first score starts it", "italic")
        elif response is None:
            head.append(" · not answered yet: the first score starts their response", "italic")
        else:
            head.append(f" · {len(response.scores)} of {len(ORDER)} scored")
        head.append("\n" + scale_legend() + "  (0 clears)", style="dim")
        self.query_one("#sheet-head", Static).update(head)
        self.query_one(ScoreSheet).show(response)
        self._describe_sheet()

    def _describe_sheet(self) -> None:
        if self.round_name is None or self.respondent is None:
            return
        sheet = self.query_one(ScoreSheet)
        guide = INGREDIENTS[sheet.ingredient]
        response = analysis.find_response(self.workbook.project, self.round_name, self.respondent)
        line = Text()
        line.append(f"{guide.label} — strong looks like: ", style="bold")
        line.append(guide.strong)
        note = response.notes.get(sheet.ingredient, "") if response else ""
        if note:
            line.append("\n✎ ", "italic")
            line.append_text(text(note, "italic", keep_newlines=True))
            line.append("\nPress n to change it.", style="dim")
        else:
            line.append("\nNo note. Press n to add one.", style="dim")
        self.query_one("#sheet-detail", Static).update(line)

    @property
    def health_ingredient(self) -> Ingredient:
        row = self.query_one("#health-table", ListTable).cursor_row
        return ORDER[min(max(row, 0), len(ORDER) - 1)]

    @property
    def current_ingredient(self) -> Ingredient:
        if self.respondent is not None:
            return self.query_one(ScoreSheet).ingredient
        return self.health_ingredient

    def _who(self) -> str:
        """Whose scores the sheet shows, in words: a new anonymous answer has no
        number until its first score."""
        respondent = self.respondent or TEAM
        project = self.workbook.project
        if not respondent.startswith(ANONYMOUS) or (
            self.round_name and analysis.find_response(project, self.round_name, respondent)
        ):
            return respondent_name(project, respondent)
        return "a new anonymous answer" + (f" ({plain(self.new_group)})" if self.new_group else "")

    def _focus_view(self) -> None:
        current = self.query_one(ContentSwitcher).current
        if current == "sheet":
            self.query_one(ScoreSheet).focus()
        elif current == "health":
            self.query_one("#health-table", ListTable).focus()
        elif current == "groups":
            self.query_one(GroupTable).focus()
        else:
            self.query_one("#empty").focus()

    def _show_sheet(self, respondent: str | None, group: str | None = None) -> None:
        """Show ``respondent``'s score sheet. Another respondent's starts at the first
        ingredient, so scores typed in from a paper form, top to bottom, land on theirs."""
        chosen = respondent != self.respondent
        self.respondent, self.new_group = respondent, group
        self.refresh_view()
        if chosen and respondent is not None:
            self.query_one(ScoreSheet).move_cursor(row=0)

    @on(ListTable.RowHighlighted, "#health-table")
    def _health_moved(self) -> None:
        self._describe_health()

    @on(ListTable.RowHighlighted, "#score-sheet")
    def _sheet_moved(self) -> None:
        self._describe_sheet()

    @on(ListTable.RowSelected, "#group-table")
    @on(ListTable.RowSelected, "#health-table")
    def _health_chosen(self, event: ListTable.RowSelected) -> None:
        event.stop()
        self.action_score()

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if self.round_name is None:
            return action not in self.NEED_A_ROUND | {"next_dimension"}
        if action == "next_dimension":
            dimensions = self.workbook.figures.group_view(self.round_name).dimensions
            return self.by_group and self.respondent is None and len(dimensions) > 1
        if action == "by_group":
            return self.respondent is None
        return self.respondent is None or action not in self.ROUND_EDITS

    def action_by_group(self) -> None:
        self.by_group = not self.by_group
        self.refresh_view()

    def action_next_dimension(self) -> None:
        if self.round_name is None:
            return
        keys = [d.key for d in self.workbook.figures.group_view(self.round_name).dimensions]
        position = keys.index(self.dimension) if self.dimension in keys else 0
        self.dimension = keys[(position + 1) % len(keys)]
        self.refresh_view()

    # -- scoring -------------------------------------------------------------------

    @changes_the_project
    def action_score(self) -> None:
        if self.round_name is None:
            return

        def chosen(respondent: str | None) -> None:
            if respondent == NEW_ANONYMOUS:
                self._ask_group()
            elif respondent is not None:
                self._show_sheet(respondent)

        anonymous = self.workbook.is_anonymous(self.round_name)
        self.app.push_screen(
            RespondentPicker(
                self.workbook.figures, self.round_name, self.respondent, anonymous=anonymous
            ),
            chosen,
        )

    def _ask_group(self) -> None:
        """Ask a new anonymous answer's group, then open its (empty) score sheet."""

        def given(values: dict | None) -> None:
            if values is not None:
                self._show_sheet(self.workbook.new_anonymous_respondent(), values["group"])

        self.app.push_screen(group_dialog(self.workbook.project), given)

    @on(ScoreSheet.Scored)
    def _scored(self, event: ScoreSheet.Scored) -> None:
        if self.round_name and self.respondent:
            self.edit(
                self.workbook.set_score,
                self.round_name,
                self.respondent,
                event.ingredient,
                event.score,
                group=self.new_group,
            )

    @on(ScoreSheet.NoteWanted)
    def _note_wanted(self, event: ScoreSheet.NoteWanted) -> None:
        self._open_note(event.ingredient)

    @on(ListTable.RowSelected, "#score-sheet")
    def _sheet_chosen(self, event: ListTable.RowSelected) -> None:
        event.stop()
        self._open_note(self.query_one(ScoreSheet).ingredient)

    def _open_note(self, ingredient: Ingredient) -> None:
        round_name, respondent = self.round_name, self.respondent
        if round_name is None or respondent is None:
            return
        project = self.workbook.project
        response = analysis.find_response(project, round_name, respondent)
        note = response.notes.get(ingredient, "") if response else ""
        kind = "multiline" if "\n" in note else "text"
        label, who, group = INGREDIENTS[ingredient].label, self._who(), self.new_group
        self.app.push_screen(
            FormDialog(
                f"Note on {label.lower()} from {who} (leave blank to remove it)",
                [FormField("note", "Note", kind, note, placeholder="why this score?")],
                lambda values: self.workbook.set_note(
                    round_name, respondent, ingredient, values["note"], group=group
                ),
            )
        )

    @on(ScoreSheet.RemoveWanted)
    def _remove_response(self) -> None:
        round_name, respondent = self.round_name, self.respondent
        if round_name is None or respondent is None:
            return
        project = self.workbook.project
        response = analysis.find_response(project, round_name, respondent)
        if response is None:
            self.notify("This respondent has not answered the round yet; nothing to remove.")
            return
        who = respondent_name(project, respondent)
        info = self._current_round()
        # An anonymous round is its record, which stays when its last answer goes.
        last = info is not None and info.respondents == [respondent]
        last = last and not self.workbook.is_anonymous(round_name)
        body = text(
            f"{who}'s {count(len(response.scores), 'score')} and "
            f"{count(len(response.notes), 'note')} in “{round_name}” will be deleted."
            + (" It is the round's only response, so the round goes too." if last else "")
        )

        def answer(choice: str | None) -> None:
            if choice == "yes" and self.edit(self.workbook.remove_response, round_name, respondent):
                self._show_sheet(None)

        self.app.push_screen(confirm(f"Remove {who}'s response?", body, "Remove response"), answer)

    @on(ScoreSheet.Left)
    def _left_sheet(self) -> None:
        self._show_sheet(None)

    # -- actions -------------------------------------------------------------------

    @changes_the_project
    def action_start_action(self) -> None:
        ingredient = self.current_ingredient

        def added(index: int | None) -> None:
            if index is not None:
                self.notify(
                    f"Action added for {INGREDIENTS[ingredient].label.lower()}. "
                    "Press 5 to see every action.",
                    title="Action added",
                    markup=False,
                )

        self.app.push_screen(action_dialog(self.workbook, ingredient=ingredient), added)
