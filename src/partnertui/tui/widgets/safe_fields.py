"""Text fields that show user text harmlessly while keeping it exactly as it is.

A value read from a project file may hold escape sequences or other control
characters. Textual's ``Input`` and ``TextArea`` would pass some of them (ESC, DEL)
straight to the terminal, where they could change colours, the window title or
worse. These fields draw each such character as one visible symbol instead; the
value itself is never changed, so editing one field of a partner leaves the other
fields byte for byte as they were.
"""

from __future__ import annotations

from rich.highlighter import Highlighter
from rich.text import Text
from textual.widgets import Input, TextArea

from partnertui.tui.display import visible


class ControlsVisible(Highlighter):
    """Draws each control character of a field's text as one visible symbol.

    An ``Input`` passes the text it draws through its highlighter; one symbol for
    one character keeps the cursor where it belongs.
    """

    def __call__(self, text: str | Text) -> Text:
        shown = Text(text) if isinstance(text, str) else text.copy()
        shown.plain = visible(shown.plain)
        return shown

    def highlight(self, text: Text) -> None:
        text.plain = visible(text.plain)


class SafeInput(Input):
    """An ``Input`` that draws control characters as visible symbols."""

    def __init__(self, value: str = "", **options: object) -> None:
        super().__init__(value, highlighter=ControlsVisible(), **options)  # type: ignore[arg-type]


class SafeTextArea(TextArea):
    """A ``TextArea`` that draws control characters as visible symbols."""

    def get_line(self, line_index: int) -> Text:
        return Text(visible(self.document.get_line(line_index)), end="", no_wrap=True)
