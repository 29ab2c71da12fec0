"""The field a file or folder name is typed in, completing names from the disk.

As the person types, the rest of the first name that fits is shown dimmed after
the cursor (Textual's suggestion); → or End takes it, as in every Textual field.
Tab completes as far as every name that fits agrees, as a shell does, and moves
on to the next field when there is nothing to complete. Which names fit is
:mod:`partnertui.typed_paths`'s, so every path field completes alike.
"""

from __future__ import annotations

from textual.actions import SkipAction
from textual.binding import Binding
from textual.suggester import Suggester

from partnertui.tui.widgets.safe_fields import SafeInput
from partnertui.typed_paths import PathCompletion, common_completion, suggestion


class PathSuggester(Suggester):
    """Suggests the rest of the name being typed, from the folders ``spec`` names."""

    def __init__(self, spec: PathCompletion) -> None:
        # Names are case-sensitive, and the disk changes under the field: no cache.
        super().__init__(use_cache=False, case_sensitive=True)
        self.spec = spec

    async def get_suggestion(self, value: str) -> str | None:
        return suggestion(value, self.spec)


class PathInput(SafeInput):
    """A text field for a file or folder name, with completion of the names."""

    BINDINGS = [
        Binding("end", "end_or_accept", "Take the suggested name", show=False),
        Binding("tab", "complete", "Complete the name (as far as all that fit agree)"),
    ]

    def __init__(self, value: str = "", *, spec: PathCompletion, **options: object) -> None:
        super().__init__(value, suggester=PathSuggester(spec), **options)
        self.spec = spec

    def action_end_or_accept(self) -> None:
        """End takes the suggestion, as → does, when the cursor is at the end already."""
        if self.cursor_at_end:
            self.action_cursor_right()
        else:
            self.action_end()

    def action_complete(self) -> None:
        completed = common_completion(self.value, self.spec) if self.cursor_at_end else None
        if completed is None:
            raise SkipAction()  # Tab then moves to the next field, as everywhere
        self.value = completed
        self.cursor_position = len(completed)
