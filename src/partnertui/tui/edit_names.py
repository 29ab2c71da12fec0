"""How an edit is named in the edit history ("Undo: give Tri-City Transit the
Cooperation role"): names on one line and short enough for a message."""

from __future__ import annotations

from partnertui.model import Partner
from partnertui.tui.display import plain, shortened


def named(partner: Partner) -> str:
    """A partner's name as an edit's name shows it: on one line, and not too long."""
    return shortened(plain(partner.name), 60)


def quoted(text: str) -> str:
    return f"“{shortened(plain(text), 60)}”"
