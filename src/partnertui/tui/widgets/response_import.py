"""Importing partners' answers in the workbook: ask for the files, show the plan,
apply it as one edit.

The files are what ``partnertui import`` takes: response files from the
questionnaires, each naming its own round, and survey tools' CSV exports, whose
rows go into the round the Ingredients section shows, each read with the mapping
file beside it as the command reads it without ``--map``. They are read and
planned as the command does (:mod:`partnertui.survey.inbox`,
:mod:`partnertui.survey.importing`); the plan is shown in the command's words
before anything changes, a partner who has answered already is replaced only when
the person says so, and a yes is one edit of the workbook, unsaved until saved:
the workbook holds the file and its lock, so the import never writes behind it.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from partnertui import storage
from partnertui.formatting import count
from partnertui.storage.problems import printable
from partnertui.survey import importing, inbox
from partnertui.tui.display import plain
from partnertui.tui.edit_errors import FormErrors
from partnertui.tui.widgets.form import FormDialog, FormField
from partnertui.tui.widgets.import_steps import Refusal, ask_and_apply, show_refusal
from partnertui.tui.widgets.partner_import import import_folders
from partnertui.typed_paths import PathCompletion, named_files

if TYPE_CHECKING:
    from partnertui.tui.screens.section import SectionScreen
    from partnertui.tui.workbook import Workbook

EXAMPLE = "e.g. responses/*.toml or six-months.csv"


@dataclass(frozen=True)
class Planned:
    """The files read and what they change, carried out of the path dialog."""

    plan: importing.Plan
    read: inbox.Inbox


def import_dialog(workbook: Workbook, round_name: str, today: dt.date) -> FormDialog:
    """Ask for the files; dismisses with what they change (:class:`Planned`), or a
    :class:`Refusal` saying everything that keeps them out."""
    folders = import_folders(workbook.path)

    def submit(values: dict) -> Planned | Refusal:
        typed = str(values["files"]).strip()
        if not typed:
            raise FormErrors({"files": f"write the names of the files to import, {EXAMPLE}"})
        try:
            files = named_files(typed, folders)
        except ValueError as refused:
            raise FormErrors({"files": plain(str(refused))}) from None
        if any(storage.same_file(file, workbook.path) for file in files):
            raise FormErrors({"files": "that is this project's own file; name the answers' files"})
        project = workbook.project
        try:
            read = inbox.read(files, project, None, today, round_name)
            plan = importing.make_plan(
                workbook.path,
                project,
                read.responses,
                read.rows,
                round_name=round_name if read.rows else None,
                replace=True,  # asked about once the plan is shown
                today=today,
                responses_in_round=False,
            )
        except importing.ImportRefused as refused:
            return Refusal(str(refused))
        return Planned(plan, read)

    where = PathCompletion(folders, suffixes=(".toml", ".csv", ".txt"))
    return FormDialog(
        f"Import answers: response files (.toml) go into the round they name, a survey "
        f"tool's CSV into “{plain(round_name)}”, the round shown",
        [FormField("files", "Files", "path", placeholder=EXAMPLE, completion=where)],
        submit,
        save_label="Read them",
    )


def question(plan: importing.Plan) -> tuple[str, str]:
    """What to ask before importing, and what replacing answers means, in words."""
    replacing = [c for c in plan.changes if c.replaces is not None]
    asked = plain(plan.edit_name())
    if not replacing:
        return f"{asked[0].upper()}{asked[1:]}?", ""
    lines = [
        (
            f"An anonymous answer to round “{printable(str(c.answers.round))}” was imported "
            "already: the new one takes its place."
            if c.anonymous
            else f"{printable(c.who)} has answered round “{printable(str(c.answers.round))}” "
            f"already, on {c.replaces.date}: the new answers take the place of those."
        )
        for c in replacing
        if c.replaces is not None
    ]
    given = count(len(replacing), "answer")
    return f"{asked[0].upper()}{asked[1:]}, replacing {given} given before?", "\n".join(lines)


def _one_round(plan: importing.Plan) -> str | None:
    rounds = {str(change.answers.round) for change in plan.changes}
    return rounds.pop() if len(rounds) == 1 else None


def start(screen: SectionScreen, round_name: str | None, show: Callable[[str], None]) -> None:
    """Ask for the files over ``screen``, show what they change, and on a yes make it
    one edit; then ``show`` the round the answers went into (when they all went into
    one other than ``round_name``: response files name their own), so that who has
    answered is seen at once. Without a round there is nothing to import into."""
    app, workbook = screen.app, screen.workbook
    if round_name is None:
        app.notify(
            "There is no assessment round yet: press r in Ingredients to start one, "
            "then import its answers.",
            title="Nothing to import into",
        )
        return

    def read(result: Planned | Refusal | None) -> None:
        if result is None:
            return
        if isinstance(result, Refusal):
            show_refusal(app, result)
            return
        plan = result.plan
        asked, replacing = question(plan)
        words = "\n".join([importing.describe(plan), *result.read.said()])
        if replacing:
            words = f"{replacing}\n\n{words}"
        ask_and_apply(
            app,
            asked,
            words,
            plan.edit_name(),
            lambda: screen.edit(workbook.import_responses, plan),
            lambda: show(_one_round(plan) or round_name),
            yes="Import and replace" if replacing else "Import",
            replacing=bool(replacing),
        )

    app.push_screen(import_dialog(workbook, round_name, app.today()), read)
