"""The score sheet: one respondent's eleven scores, set with the number keys.

While the sheet has focus its digits score the selected ingredient, taking the keys
1–5 from the section switcher; Escape hands focus back, and the digits switch
sections again. Scoring moves to the next ingredient, so a whole response is typed
as eleven digits. The sheet only draws and asks: its screen makes every change
through the Workbook and redraws it.
"""

from __future__ import annotations

from rich.text import Text
from textual.binding import Binding
from textual.message import Message

from partnertui.guidance import INGREDIENTS, SCALE
from partnertui.model import Assessment, Ingredient
from partnertui.tui.display import plain
from partnertui.tui.widgets.band import scale_bar
from partnertui.tui.widgets.table import ListTable

NOTE_WIDTH = 30
LABEL_WIDTH = max(len(g.label) for g in INGREDIENTS.values())
SCORE_WIDTH = len("█████ ") + max(len(f"5 {w}") for w in SCALE.values())
ORDER = list(Ingredient)


class ScoreSheet(ListTable):
    """Eleven rows, one per ingredient, for one response."""

    BINDINGS = [
        *(
            Binding(
                str(n),
                f"score({n})",
                "Score",
                show=n == 1,
                key_display="1–5" if n == 1 else None,
                tooltip=f"Score {n}: {word}",
            )
            for n, word in SCALE.items()
        ),
        *(Binding(str(n), "beyond_scale", show=False) for n in range(6, 10)),
        Binding(
            "0,x,delete",
            "score(None)",
            "Clear",
            show=False,
            tooltip="Clear this score",
            id="scores.clear",
        ),
        # n and D stay out of the footer, which keeps room for saving, quitting and
        # help at 80 columns: the panel under the sheet names n, help and the palette
        # both.
        Binding(
            "n",
            "note",
            "Note",
            show=False,
            tooltip="Write a note on this ingredient",
            id="scores.note",
        ),
        Binding(
            "D",
            "remove_response",
            "Remove response",
            show=False,
            tooltip="Remove this response",
            id="scores.remove_response",
        ),
        Binding("escape", "leave", "Done", tooltip="Finish scoring"),
        # Enter opens the note too, quietly: the panel and the palette name n for it.
        Binding("enter", "select_cursor", show=False),
    ]

    class Scored(Message):
        """The person gave ``ingredient`` a score (``None``: cleared it)."""

        def __init__(self, ingredient: Ingredient, score: int | None) -> None:
            super().__init__()
            self.ingredient = ingredient
            self.score = score

    class NoteWanted(Message):
        def __init__(self, ingredient: Ingredient) -> None:
            super().__init__()
            self.ingredient = ingredient

    class RemoveWanted(Message):
        """The person asked to remove the whole response."""

    class Left(Message):
        """The person finished scoring (Escape)."""

    def on_mount(self) -> None:
        # Fixed widths: a column that grew after a redraw could show a stale, cut line.
        self.add_column("Ingredient", key="ingredient", width=LABEL_WIDTH)
        self.add_column("Score", key="score", width=SCORE_WIDTH)
        self.add_column("Note", key="note", width=NOTE_WIDTH + 2)

    @property
    def ingredient(self) -> Ingredient:
        return ORDER[min(max(self.cursor_row, 0), len(ORDER) - 1)]

    def show(self, response: Assessment | None) -> None:
        """Draw ``response`` (``None``: not started yet), keeping the cursor where it was."""
        row = self.cursor_row
        self.clear()
        for ingredient in ORDER:
            value = response.scores.get(ingredient) if response else None
            note = response.notes.get(ingredient, "") if response else ""
            self.add_row(
                INGREDIENTS[ingredient].label,
                scale_bar(value),
                Text(_short(note), style="italic") if note else Text(""),
                key=ingredient.value,
            )
        self.move_cursor(row=max(row, 0))

    def action_score(self, value: int | None) -> None:
        self.post_message(self.Scored(self.ingredient, value))
        if value is not None and self.cursor_row < len(ORDER) - 1:
            self.move_cursor(row=self.cursor_row + 1)

    def action_beyond_scale(self) -> None:
        self.notify("Scores run from 1 (absent) to 5 (strong); 0 clears a score.")

    def action_note(self) -> None:
        self.post_message(self.NoteWanted(self.ingredient))

    def action_remove_response(self) -> None:
        self.post_message(self.RemoveWanted())

    def action_leave(self) -> None:
        self.post_message(self.Left())


def _short(note: str) -> str:
    line = plain(" ".join(note.split()))
    return "✎ " + (line if len(line) <= NOTE_WIDTH else line[: NOTE_WIDTH - 1] + "…")
