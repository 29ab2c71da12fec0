"""The header every screen shows: the project's name, its file, whether it is saved.

Textual's Header fills in its title only after it is mounted, in a later frame, so
the first screen came up with a blank header, and the project's name followed with
the next frame, after the start-up work queued behind it (70–90 ms at start). This
header is built with its title, so the first frame already shows it; afterwards
Textual's own watchers keep it up to date.
"""

from __future__ import annotations

from textual.app import ComposeResult
from textual.widgets import Header
from textual.widgets._header import HeaderTitle  # not exported; the tests would show a rename


class TitledHeader(Header):
    def __init__(self) -> None:
        super().__init__(icon="◆")

    def compose(self) -> ComposeResult:
        for widget in super().compose():
            if isinstance(widget, HeaderTitle):
                widget.update(self.format_title())
            yield widget
