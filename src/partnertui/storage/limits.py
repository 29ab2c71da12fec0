"""What a file may hold that the readers behind us cannot be trusted with.

tomllib is recursive: a value of some hundreds of lists or ``{ … }`` tables inside
one another exhausts Python's stack. And it reads a number of any length into an
``int``, which Python then refuses to make (past 4,300 digits) or to print. A
hand-edited or hostile file must get a located problem for either, never a
traceback.

So the text is looked over for depth before tomllib sees it (:func:`too_deep`),
cheaply enough to do on every read, and the number tomllib could not read is
found when it fails (:func:`too_long`). No real project comes near either limit:
the deepest value in a project file is a contribution, two levels down
(``contributions = [ { … } ]``), and the longest number a contribution's value.

This module uses only the standard library: the read-ahead child calls it before
pydantic or the model are loaded.
"""

from __future__ import annotations

import re
import sys

MAX_DEPTH = 32
"""Lists and inline tables inside one another, at most: far below what tomllib, the
problem finder and pydantic can take on any stack they run on."""

_OTHER_BYTES = bytes(b for b in range(256) if b not in b"[]{}")
_AS_PARENTHESES = bytes.maketrans(b"[]{}", b"()()")

# Strings and comments are passed over whole, so brackets and digits inside them do
# not count. An unclosed string runs to the end of its line (or, for ''' and """, of
# the file), as far as tomllib reads before failing on it.
_TOKENS = re.compile(
    r'"""(?:[^"\\]|\\.|"(?!""))*(?:"""|\Z)'
    r"|'''(?:[^']|'(?!''))*(?:'''|\Z)"
    r'|"(?:[^"\\\n]|\\.)*"?'
    r"|'[^'\n]*'?"
    r"|#[^\n]*"
    r"|(?P<open>[\[{])"
    r"|(?P<close>[\]}])"
    r"|(?P<digits>[0-9_]+)",
    re.DOTALL,
)


def too_deep(text: str, *, careful: bool = False) -> int | None:
    """Where the first value nested more than :data:`MAX_DEPTH` deep starts (the
    offset in ``text`` of its outermost bracket); ``None`` when there is none.

    First a quick look at the brackets alone, as bytes: with pairs up to
    :data:`MAX_DEPTH` high taken out, nothing deeper is left in a real file. Only a
    file where something is left (deep nesting, or many brackets inside text) is
    read token by token, to tell brackets in text from brackets that nest;
    ``careful=True`` reads it so without the quick look, to find what a reader
    has already found too deep.
    """
    if not careful and _shallow_at_a_glance(text):
        return None
    depth = outermost = 0
    for match in _TOKENS.finditer(text):
        if match.group("open"):
            depth += 1
            if depth == 1:
                outermost = match.start()
            elif depth > MAX_DEPTH:
                return outermost
        elif match.group("close"):
            depth = max(depth - 1, 0)
    return None


def _shallow_at_a_glance(text: str) -> bool:
    """Whether the brackets alone, brackets in text and comments included, nest no
    more than :data:`MAX_DEPTH` deep."""
    brackets = text.encode("utf-8", "surrogatepass").translate(_AS_PARENTHESES, _OTHER_BYTES)
    for _ in range(MAX_DEPTH):
        fewer = brackets.replace(b"()", b"")
        if len(fewer) == len(brackets):
            break
        brackets = fewer
    # What is left: closes without an opening, opens never closed, and pairs higher
    # than MAX_DEPTH. A pair, or more unclosed opens than MAX_DEPTH, is too deep.
    first_open = brackets.find(b"(")
    return first_open < 0 or (
        brackets.rfind(b")") < first_open and len(brackets) - first_open <= MAX_DEPTH
    )


def too_long(text: str) -> int | None:
    """Where the first number starts that is longer than Python reads into an
    ``int`` (4,300 digits, unless set otherwise); ``None`` when there is none."""
    limit = sys.get_int_max_str_digits() or None
    if limit is None:
        return None
    for match in _TOKENS.finditer(text):
        digits = match.group("digits")
        if digits and len(digits) - digits.count("_") > limit:
            return match.start()
    return None
