"""The footer every screen shows: the keys that apply now.

Textual's Footer rebuilds all its keys after the next frame each time the screen
says its keys changed, once for every time it was told. Showing a screen tells it
four times (the screen resumes, a widget takes focus, the section settles), so each
new screen built its keys four times over just after its first frame. This footer
rebuilds once for all it is told before a frame: twice for a new screen.
"""

from __future__ import annotations

from textual.screen import Screen
from textual.widgets import Footer


class KeysFooter(Footer):
    _rebuild_queued = False

    def bindings_changed(self, screen: Screen) -> None:
        # Textual's own, but queueing one rebuild at most.
        self._bindings_ready = True
        if self._rebuild_queued or not screen.app.app_focus:
            return
        if self.is_attached and screen is self.screen:
            self._rebuild_queued = True
            self.call_after_refresh(self._rebuild)

    async def _rebuild(self) -> None:
        self._rebuild_queued = False
        await self.recompose()
