"""Text fields that show user text harmlessly while keeping it exactly as it is.

A value read from a project file may hold escape sequences or other control
characters. Textual's ``Input`` and ``TextArea`` would pass some of them (ESC, DEL)
straight to the terminal, where they could change colours, the window title or
worse. These fields draw each such character as one visible symbol instead; the
value itself is never changed, so editing one field of a partner leaves the other
fields byte for byte as they were.
"""

from __future__ import annotations

from rich.text import Text
from textual.widgets import Input, TextArea

from partnertui.tui.display import visible


class SafeInput(Input):
    """An ``Input`` that draws control characters as visible symbols."""

    @property
    def _value(self) -> Text:
        # Input draws its value through this property (Textual 8); the value stays raw.
        if self.password:
            return super()._value
        shown = Text(visible(self.value), no_wrap=True, overflow="ignore", end="")
        return self.highlighter(shown) if self.highlighter is not None else shown


class SafeTextArea(TextArea):
    """A ``TextArea`` that draws control characters as visible symbols."""

    def get_line(self, line_index: int) -> Text:
        return Text(visible(self.document.get_line(line_index)), end="", no_wrap=True)
