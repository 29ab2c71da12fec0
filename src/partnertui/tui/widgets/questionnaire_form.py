"""Writing a round's questionnaires from the workbook: ask for the folder, write them.

Each invited or confirmed partner gets one page (see ``survey.questionnaire``). The
pages are written first; only then is the round's record (its code, who was
invited) kept, as a workbook edit that the next save writes, like every other
change made here. Nothing is recorded when a page cannot be written, so a code
never reaches the file without its questionnaires, nor the reverse once saved.
"""

from __future__ import annotations

import datetime as dt
import os
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from rich.text import Text

from partnertui.formatting import count
from partnertui.survey import outbox, rounds
from partnertui.tui.display import plain, text
from partnertui.tui.file_safety.questions import shown_path
from partnertui.tui.widgets.form import FormDialog, FormField
from partnertui.tui.widgets.respondent_picker import respondent_name
from partnertui.tui.workbook import EditRefused, FormErrors, Workbook
from partnertui.typed_paths import PathCompletion

if TYPE_CHECKING:
    from partnertui.tui.screens.section import SectionScreen


@dataclass(frozen=True)
class Written:
    """What the dialog did, for the screen to tell the person."""

    folder: Path
    pages: int
    recorded: bool
    """The round's record changed: an unsaved edit now."""


def folder_for(typed: str) -> Path:
    """The folder a person means: ``~`` expanded, a relative name in the current folder."""
    typed = typed.strip()
    if not typed:
        raise FormErrors({"folder": "write the folder to put them in, e.g. questionnaires"})
    folder = Path(os.path.expanduser(typed))
    return folder if folder.is_absolute() else Path.cwd() / folder


def questionnaire_dialog(workbook: Workbook, round_name: str, today: dt.date) -> FormDialog:
    """Ask where to write ``round_name``'s questionnaires, then write them there."""
    partners = rounds.default_respondents(workbook.project)

    def submit(values: dict) -> Written:
        folder = folder_for(str(values["folder"]))
        project = workbook.project
        chosen = rounds.default_respondents(project)
        if not chosen:
            raise EditRefused(
                "No partner is invited or confirmed yet, so nobody would get one. "
                "Set a partner's status in the Partners section (2)."
            )
        sending = rounds.send(project, round_name, [p.id for p in chosen], today)
        try:
            written = outbox.write_questionnaires(project, sending, chosen, folder)
        except outbox.SurveyError as error:
            raise FormErrors({"folder": plain(str(error))}) from None
        workbook.record_round(sending)
        return Written(folder, len(written), sending.changed)

    who = count(len(partners), "invited or confirmed partner")
    return FormDialog(
        f"Write questionnaires for “{round_name}”: one web page for each of the {who}, "
        "to answer in a browser and send back",
        [
            FormField(
                "folder",
                "Folder",
                "path",
                shown_path(rounds.default_folder(workbook.path, round_name, workbook.project)),
                completion=PathCompletion(folders_only=True),
            )
        ],
        submit,
        save_label="Write",
    )


def written_message(result: Written) -> str:
    """What to tell the person: where the pages are, and to save the round's record."""
    message = f"Wrote {count(result.pages, 'questionnaire')} in {plain(shown_path(result.folder))}."
    if result.recorded:
        message += (
            " The round's record (its code and who was invited) is an unsaved change: "
            "save (ctrl+s) so that the answers can be matched to it."
        )
    return message


def ask_and_write(screen: SectionScreen, round_name: str) -> None:
    """Open the dialog over ``screen`` and tell the person what was written."""

    def done(result: Written | None) -> None:
        if result is not None:
            screen.notify(written_message(result), title="Questionnaires", markup=False)

    screen.app.push_screen(
        questionnaire_dialog(screen.workbook, round_name, screen.app.today()), done
    )


def turnout_text(workbook: Workbook, round_name: str) -> Text:
    """ "Answered: 5 of 8 · still waiting: …" and a line break, for a round whose
    questionnaires went out; empty for one without (nobody is waiting on it). An
    anonymous round's is a count alone: who answered is not kept."""
    turnout = workbook.figures.turnout(round_name)
    line = Text()
    if turnout.anonymous:
        line.append(f"Answered: {turnout.answered_count}", "bold")
        if turnout.recorded:
            line.append(f" of {len(turnout.invited)}", "bold")
        line.append(" · anonymous: no names are kept\n")
        return line
    if not turnout.recorded:
        return line
    line.append(f"Answered: {len(turnout.answered)} of {len(turnout.invited)}", "bold")
    if turnout.waiting:
        names = [respondent_name(workbook.project, who) for who in turnout.waiting]
        line.append(" · still waiting: ")
        line.append_text(text("; ".join(names)))
    line.append("\n")
    return line
