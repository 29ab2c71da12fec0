"""The steps every import in the workbook takes after its files are read.

Partners from a spreadsheet and partners' answers are imported alike: what cannot
be imported is said in full and changes nothing; otherwise the plan, in the same
words the command line prints, is shown before anything changes, and a yes makes it
one edit of the workbook, unsaved until saved, that one ctrl+z takes back.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from rich.text import Text

from partnertui.tui.display import plain
from partnertui.tui.widgets.dialogs import ChoiceDialog

if TYPE_CHECKING:
    from textual.app import App


class Refusal(str):
    """What was wrong with an import's files, carried out of the path dialog to be shown."""


def show_refusal(app: App, refusal: Refusal) -> None:
    """Say, whole, why nothing was imported."""
    app.push_screen(
        ChoiceDialog("Nothing was imported", Text(refusal), [("o", "ok", "OK", "primary")])
    )


def ask_and_apply(
    app: App,
    question: str,
    words: str,
    name: str,
    apply: Callable[[], bool],
    done: Callable[[], None],
    *,
    yes: str = "Import",
    replacing: bool = False,
) -> None:
    """Show the plan (``words``) under ``question``; on a yes, ``apply`` it (true when
    the edit was made), say it was made as ``name``, then run ``done``. Cancel comes
    first, so Enter never imports; an import that replaces answers says so in red."""

    def answer(choice: str | None) -> None:
        if choice == "yes" and apply():
            app.notify(f"Done: {plain(name)}. Save with ctrl+s; ctrl+z undoes it.", markup=False)
            done()

    app.push_screen(
        ChoiceDialog(
            question,
            Text(words),
            [
                ("n", "no", "Cancel", "default"),
                ("y", "yes", yes, "error" if replacing else "primary"),
            ],
        ),
        answer,
    )
