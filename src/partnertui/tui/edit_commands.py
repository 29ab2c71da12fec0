"""Undo and redo in the command palette, named for what they will do.

Textual's own palette commands read their titles as markup; these carry the names
of partners, rounds and actions, which are data, so they are shown as plain text.
"""

from __future__ import annotations

from textual.command import DiscoveryHit, Hit, Hits, Provider
from textual.content import Content


class EditHistoryCommands(Provider):
    """ "Undo: give Tri-City Transit the Cooperation role", and its "Redo: …"."""

    def _commands(self) -> list[tuple[str, str, str]]:
        from partnertui.tui.screens.section import SectionScreen

        workbook = getattr(self.app, "workbook", None)
        if workbook is None or not isinstance(self.screen, SectionScreen):
            return []
        found = []
        if workbook.history.next_undo is not None:
            found.append((f"Undo: {workbook.history.next_undo}", "undo", "ctrl+z"))
        if workbook.history.next_redo is not None:
            found.append((f"Redo: {workbook.history.next_redo}", "redo", "ctrl+y"))
        return found

    async def discover(self) -> Hits:
        for title, action, key in self._commands():
            yield DiscoveryHit(Content(title), self._runs(action), text=title, help=f"Key: {key}")

    async def search(self, query: str) -> Hits:
        matcher = self.matcher(query)
        for title, action, key in self._commands():
            score = matcher.match(title)
            if score > 0:
                yield Hit(score, Content(title), self._runs(action), text=title, help=f"Key: {key}")

    def _runs(self, action: str):
        def run() -> None:
            self.app.step_back_or_forth(undo=action == "undo")

        return run
