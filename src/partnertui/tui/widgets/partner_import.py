"""Importing partners from a spreadsheet in the workbook: ask for the CSV, show the
plan, apply it as one edit.

The same plan as ``partnertui import-partners`` prints (:mod:`partnertui.spreadsheets.
partners_in`), shown in a dialog before anything changes; a yes makes it one edit
of the workbook (one ctrl+z takes it all back), unsaved until the person saves. A
list that cannot be imported is said in full, with the mapping lines to add, and
changes nothing.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from rich.text import Text

from partnertui.tui.display import plain
from partnertui.tui.edit_errors import FormErrors
from partnertui.tui.widgets.dialogs import ChoiceDialog
from partnertui.tui.widgets.form import FormDialog, FormField

if TYPE_CHECKING:
    from textual.app import App

    from partnertui.spreadsheets.partners_in import Plan
    from partnertui.tui.workbook import Workbook

TITLE = "Import partners from a spreadsheet…"


def csv_path(typed: str, project: Path) -> Path:
    """The CSV a person means by ``typed``: a relative name is looked for in the
    current folder, then beside the project file. ``ValueError`` says why not."""
    typed = typed.strip().strip("\"'")
    if not typed:
        raise ValueError("write the CSV file's name, e.g. contacts.csv")
    path = Path(os.path.expanduser(typed))
    if not path.is_absolute():
        here, beside = Path.cwd() / path, project.parent / path
        path = here if here.exists() or not beside.exists() else beside
    if path.is_dir():
        raise ValueError("this is a folder; add the CSV file's name")
    if not path.is_file():
        raise ValueError(f"there is no file {plain(str(path))}")
    return path


class Refusal(str):
    """What was wrong with a partner list, carried out of the path dialog to be shown."""


def import_dialog(workbook: Workbook) -> FormDialog:
    """Ask for the CSV; dismisses with its :class:`Plan`, or a :class:`Refusal`."""
    from partnertui.spreadsheets import partners_in

    def submit(values: dict) -> Plan | Refusal:
        try:
            path = csv_path(str(values["path"]), workbook.path)
        except ValueError as refused:
            raise FormErrors({"path": str(refused)}) from None
        try:
            return partners_in.plan_file(path, workbook.project)
        except partners_in.PartnersRefused as refused:
            return Refusal(str(refused))

    return FormDialog(
        "Import partners from a spreadsheet (CSV: Excel, LibreOffice, Google Sheets)",
        [FormField("path", "CSV file", placeholder="e.g. contacts.csv")],
        submit,
        save_label="Read it",
    )


def start(
    app: App, workbook: Workbook, edit: Callable[..., bool], done: Callable[[], None]
) -> None:
    """Ask for the CSV, show what it changes, and on a yes apply it through ``edit``
    (the screen's way to run a workbook edit); ``done`` runs after an import."""
    from partnertui.spreadsheets import partners_in

    def read(result: Plan | Refusal | None) -> None:
        if result is None:
            return
        if isinstance(result, Refusal):
            app.push_screen(
                ChoiceDialog("Nothing was imported", Text(result), [("o", "ok", "OK", "primary")])
            )
            return
        plan = result
        words = partners_in.describe(plan, workbook.path.name)
        if not plan.changes:
            app.notify(words, title="Nothing to import")
            return

        def answer(choice: str | None) -> None:
            if choice == "yes" and edit(workbook.import_partners, plan):
                app.notify(f"Done: {plain(plan.edit_name())}. Save with ctrl+s; ctrl+z undoes it.")
                done()

        app.push_screen(
            ChoiceDialog(
                f"{plain(plan.edit_name()).capitalize()}?",
                Text(words),
                [("n", "no", "Cancel", "default"), ("y", "yes", "Import", "primary")],
            ),
            answer,
        )

    app.push_screen(import_dialog(workbook), read)
