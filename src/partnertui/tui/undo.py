"""Undo and redo: every edit of the project as one step that can be taken back.

An edit replaces whole pieces of the project (a list of partners, the details) and
never changes a piece in place, so a step only has to keep the pieces it replaced
and the ones it put there: undoing puts the old ones back. A partner nobody touched
is shared by every step, which keeps a few hundred steps small at any size.

Each state the project passes through has a number, so "unsaved" is simply "not
the state last saved": undo back to it, and the file is no longer unsaved.
"""

from __future__ import annotations

from collections import deque
from typing import Any, NamedTuple

STEPS_KEPT = 300
"""How many edits can be undone; older ones are forgotten, oldest first."""


class Step(NamedTuple):
    """One edit: what it is called, the pieces it replaced and the pieces it put there."""

    what: str
    """Said after "Undo: " or "Redo: ", e.g. "give Tri-City Transit the Cooperation role"."""
    before: dict[str, Any]
    after: dict[str, Any]
    state_before: int
    state_after: int


class EditHistory:
    """The steps behind the project as it is now, and the ones undone since."""

    def __init__(self) -> None:
        self._done: deque[Step] = deque(maxlen=STEPS_KEPT)
        self._undone: list[Step] = []
        self._states = 0
        self.state = 0
        """The number of the project's state now."""

    def record(self, what: str, before: dict[str, Any], after: dict[str, Any]) -> None:
        """A new edit: it can be undone, and what was undone can no longer be redone."""
        self._states += 1
        self._done.append(Step(what, before, after, self.state, self._states))
        self._undone.clear()
        self.state = self._states

    def undo(self) -> Step | None:
        """The step to take back (its ``before`` pieces go back in place), if any."""
        if not self._done:
            return None
        step = self._done.pop()
        self._undone.append(step)
        self.state = step.state_before
        return step

    def redo(self) -> Step | None:
        """The step to make again (its ``after`` pieces go back in place), if any."""
        if not self._undone:
            return None
        step = self._undone.pop()
        self._done.append(step)
        self.state = step.state_after
        return step

    @property
    def next_undo(self) -> str | None:
        return self._done[-1].what if self._done else None

    @property
    def next_redo(self) -> str | None:
        return self._undone[-1].what if self._undone else None

    def start_afresh(self) -> None:
        """Forget every step: the project was replaced as a whole (a reload, a restore),
        and undoing an edit made to another version of it would make no sense."""
        self._done.clear()
        self._undone.clear()
        self._states += 1
        self.state = self._states
