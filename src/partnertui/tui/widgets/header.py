"""The header every screen shows: the project's name, its file, whether it is saved."""

from __future__ import annotations

from textual.widgets import Header


class TitledHeader(Header):
    def __init__(self) -> None:
        super().__init__(icon="◆")
