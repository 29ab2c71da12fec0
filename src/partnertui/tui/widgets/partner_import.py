"""Importing partners from a spreadsheet in the workbook: ask for the CSV, show the
plan, apply it as one edit.

The same plan as ``partnertui import-partners`` prints (:mod:`partnertui.spreadsheets.
partners_in`), shown in a dialog before anything changes; a yes makes it one edit
of the workbook (one ctrl+z takes it all back), unsaved until the person saves. A
list that cannot be imported is said in full, with the mapping lines to add, and
changes nothing.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from partnertui.tui.display import plain
from partnertui.tui.edit_errors import FormErrors
from partnertui.tui.widgets.form import FormDialog, FormField
from partnertui.tui.widgets.import_steps import Refusal, ask_and_apply, show_refusal
from partnertui.typed_paths import PathCompletion, existing_file

if TYPE_CHECKING:
    from textual.app import App

    from partnertui.spreadsheets.partners_in import Plan
    from partnertui.tui.workbook import Workbook

TITLE = "Import partners from a spreadsheet…"


def import_folders(project: Path) -> tuple[Path, ...]:
    """Where a relative name of a file to import is looked for: the current folder,
    then beside the project file (where a project's spreadsheets usually are)."""
    return (Path.cwd(), project.parent)


def csv_path(typed: str, project: Path) -> Path:
    """The CSV a person means by ``typed`` (see :func:`import_folders`). ``ValueError``
    says why not."""
    typed = typed.strip().strip("\"'")
    if not typed:
        raise ValueError("write the CSV file's name, e.g. contacts.csv")
    return existing_file(typed, import_folders(project))


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

    where = PathCompletion(import_folders(workbook.path), suffixes=(".csv", ".txt"))
    return FormDialog(
        "Import partners from a spreadsheet (CSV: Excel, LibreOffice, Google Sheets)",
        [FormField("path", "CSV file", "path", placeholder="e.g. contacts.csv", completion=where)],
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
            show_refusal(app, result)
            return
        plan = result
        words = partners_in.describe(plan, workbook.path.name)
        if not plan.changes:
            app.notify(words, title="Nothing to import", markup=False)
            return
        ask_and_apply(
            app,
            f"{plain(plan.edit_name()).capitalize()}?",
            words,
            plan.edit_name(),
            lambda: edit(workbook.import_partners, plan),
            done,
        )

    app.push_screen(import_dialog(workbook), read)
