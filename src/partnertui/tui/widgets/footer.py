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
        if self._rebuild_queued:
            return  # a rebuild already waits for the next frame, and will see this too
        # Textual's Footer queues a rebuild in just this case.
        queues = screen.app.app_focus and self.is_attached and screen is self.screen
        super().bindings_changed(screen)
        self._rebuild_queued = bool(queues)

    async def recompose(self) -> None:
        self._rebuild_queued = False
        await super().recompose()
