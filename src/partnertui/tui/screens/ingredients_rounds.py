"""The Ingredients section's keys for its rounds: stepping between them, starting,
renaming and removing one, writing its questionnaires and importing its answers.

Kept apart from :mod:`.ingredients`, whose screen builds on them, so that module
holds the views and the score sheet.
"""

from __future__ import annotations

from partnertui import analysis
from partnertui.formatting import count
from partnertui.model import ANONYMOUS
from partnertui.tui.display import plain, text
from partnertui.tui.screens.section import SectionScreen, changes_the_project
from partnertui.tui.widgets import response_import
from partnertui.tui.widgets.dialogs import confirm
from partnertui.tui.widgets.questionnaire_form import ask_and_write
from partnertui.tui.widgets.respondent_picker import NEW_ANONYMOUS, respondent_name
from partnertui.tui.widgets.round_form import edit_round_dialog, new_round_dialog


class RoundKeys(SectionScreen):
    """The round keys :class:`~partnertui.tui.screens.ingredients.IngredientsScreen`
    builds on; it says which round and respondent are shown, and shows a score sheet."""

    round_name: str | None
    respondent: str | None

    def _show_sheet(self, respondent: str | None, group: str | None = None) -> None:
        raise NotImplementedError

    def _ask_group(self) -> None:
        raise NotImplementedError

    def action_step_round(self, step: int) -> None:
        names = [r.name for r in self.workbook.figures.rounds]
        if self.round_name not in names:
            return
        position = names.index(self.round_name) + step
        if not 0 <= position < len(names):
            self.notify("This is the earliest round." if step < 0 else "This is the latest round.")
            return
        self.round_name = names[position]
        if self.respondent is not None and self.respondent.startswith(ANONYMOUS):
            self.respondent = None  # one person's answers in two rounds would link them
        self.refresh_view()

    @changes_the_project
    def action_new_round(self) -> None:
        def started(result: tuple[str, str] | None) -> None:
            if result is None:
                return
            self.round_name = result[0]
            if result[1] == NEW_ANONYMOUS:
                self.refresh_view()
                self._ask_group()
            else:
                self._show_sheet(result[1])

        self.app.push_screen(new_round_dialog(self.workbook, self.app.today()), started)

    @changes_the_project
    def action_edit_round(self) -> None:
        info = self._current_round()
        if info is None:
            return
        self.app.push_screen(edit_round_dialog(self.workbook, info), self._show_round)

    @changes_the_project
    def action_remove_round(self) -> None:
        info = self._current_round()
        if info is None:
            return
        project = self.workbook.project
        who = ", ".join(respondent_name(project, r) for r in info.respondents)
        if self.workbook.is_anonymous(info.name):
            who = "anonymous"
        body = text(
            f"Its {count(len(info.respondents), 'response')} ({who}) will be deleted with "
            "their scores and notes. Actions are kept."
        )

        def answer(choice: str | None) -> None:
            if choice == "yes":
                self.edit(self.workbook.remove_round, info.name)

        self.app.push_screen(
            confirm(f"Remove the round “{plain(info.name)}”?", body, "Remove round"), answer
        )

    def _current_round(self) -> analysis.RoundInfo | None:
        if self.round_name is None:
            return None
        return self.workbook.figures.round_info(self.round_name)

    @changes_the_project
    def action_write_questionnaires(self) -> None:
        if self.round_name is not None:
            ask_and_write(self, self.round_name)

    @changes_the_project
    def action_import(self) -> None:
        response_import.start(self, self.round_name, self._show_round)

    def _show_round(self, name: str | None) -> None:
        """Show the round ``name`` (renamed, or where an import's answers went)."""
        if name:
            self.round_name = name
            self.refresh_view()
