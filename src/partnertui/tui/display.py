"""Making user text safe to put on a terminal.

Text from a project file may hold anything, including escape sequences that would
move the cursor or change colours if sent raw. Every piece of user text passes
through :func:`plain` on its way to a widget, and widgets never parse it as markup.
"""

from __future__ import annotations

import unicodedata

from rich.text import Text

_NAMED = {"\t": "→", "\n": "↵", "\r": "␍", "\x1b": "␛", "\x7f": "␡"}
# Bidirectional overrides can make text display in a different order than it reads.
_BIDI = frozenset("\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069")


def plain(text: str, *, keep_newlines: bool = False) -> str:
    """``text`` with every control character shown as a visible symbol instead."""
    if text.isprintable() and "\x1b" not in text:
        return text
    out = []
    for ch in text:
        if keep_newlines and ch == "\n":
            out.append(ch)
        elif ch in _NAMED:
            out.append(_NAMED[ch])
        elif ch in _BIDI or unicodedata.category(ch) in ("Cc", "Cs", "Cn"):
            out.append(f"⟨{ord(ch):02X}⟩" if ord(ch) < 0x100 else f"⟨U+{ord(ch):04X}⟩")
        else:
            out.append(ch)
    return "".join(out)


def shortened(text: str, limit: int = 160) -> str:
    """``text`` cut to ``limit`` characters with "…": for a dialog's question or title,
    which must leave room for the dialog's answers whatever a name holds (the name is
    shown in full in the dialog's body or fields)."""
    return text if len(text) <= limit else text[: limit - 1] + "…"


def visible(text: str) -> str:
    """``text`` with each control character shown as one visible symbol (␛, ␇, ␍…).

    For fields being edited: one character for one keeps the cursor where it
    belongs, while the value itself stays exactly what the file holds.
    """
    if text.isprintable() and "\x1b" not in text:
        return text
    return "".join(_visible_char(ch) for ch in text)


def _visible_char(ch: str) -> str:
    code = ord(ch)
    if code < 0x20:
        return chr(0x2400 + code)  # the Unicode "control pictures"
    if code == 0x7F:
        return "␡"
    if ch in _BIDI or unicodedata.category(ch) in ("Cc", "Cs", "Cn"):
        return "\ufffd"
    return ch


def text(value: str, style: str = "", *, keep_newlines: bool = False) -> Text:
    """A Rich ``Text`` of user text: never markup, never raw control codes."""
    return Text(plain(value, keep_newlines=keep_newlines), style=style)


def paragraphs(value: str) -> Text:
    """Multi-line user text as flowing paragraphs: blank lines separate, single breaks
    join, so text wrapped by hand in the file re-wraps to the terminal's width."""
    blocks = [" ".join(block.split("\n")) for block in value.replace("\r\n", "\n").split("\n\n")]
    return Text(plain("\n\n".join(b.strip() for b in blocks), keep_newlines=True))
