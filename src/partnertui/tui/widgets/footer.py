"""The footer every screen shows: the keys that apply now.

Textual's Footer rebuilds all its keys after the next frame each time the screen
says its keys changed, once for every time it was told; a new screen tells it four
times. This one rebuilds once for all it is told before a frame, which takes
knowing when Footer queues a rebuild: that lives in :mod:`partnertui.tui.compat`.
"""

from __future__ import annotations

from partnertui.tui.compat import FooterOncePerFrame


class KeysFooter(FooterOncePerFrame):
    """The keys of the screen shown, each with its description; rebuilt at most once
    a frame."""
