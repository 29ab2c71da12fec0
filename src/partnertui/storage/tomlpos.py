"""Where each key and value of a TOML document sits, so problems can name a line.

tomllib gives us plain dicts with no positions, and pydantic reports a problem at a
path such as ``("partners", 3, "contributions", 1, "value")``. This module scans the
text once more and records, for every path, the line and column of its key and of
its value, so a coordinator is sent to the exact spot. It only ever scans text that
tomllib has already accepted, so it can stay small: it never has to report syntax.
"""

from __future__ import annotations

import re
from bisect import bisect_right

Path = tuple[str | int, ...]
Position = tuple[int, int]
"""1-based line and column, counted in characters as tomllib counts them."""

_SKIP = re.compile(r"(?:[ \t\r\n]|#[^\n]*)*")
_BLANKS = re.compile(r"[ \t]*")
_BARE_KEY = re.compile(r"[A-Za-z0-9_-]+")
_BASIC = re.compile(r'"(?:[^"\\\n]|\\.)*"')
_LITERAL = re.compile(r"'[^'\n]*'")
_ML_BASIC = re.compile(r'"""(?:[^"\\]|\\.|"(?!""))*"""(?:""?)?', re.DOTALL)
_ML_LITERAL = re.compile(r"'''(?:[^']|'(?!''))*'''(?:''?)?")
_SCALAR = re.compile(r"[^,\]}#\n]*")
_REST_OF_LINE = re.compile(r"[^\n]*")


class Positions:
    """The key and value positions of every path in one TOML document."""

    def __init__(self, text: str) -> None:
        self._text = text
        self._line_starts = [0] + [m.end() for m in re.finditer("\n", text)]
        self.keys: dict[Path, Position] = {}
        self.values: dict[Path, Position] = {}
        self._array_tables: dict[Path, int] = {}
        self._scan()

    def find(self, path: Path, *, key: bool = False) -> Position:
        """Where ``path`` is written, or the nearest enclosing table that is.

        ``key=True`` prefers the key (for an unknown key); otherwise the value (for a
        wrong value). A path that is not in the file at all (a missing field) falls
        back to the table that should hold it, and the whole document to line 1.
        """
        first, second = (self.keys, self.values) if key else (self.values, self.keys)
        while path:
            found = first.get(path) or second.get(path)
            if found:
                return found
            path = path[:-1]
        return (1, 1)

    # -- scanning ---------------------------------------------------------------

    def _position(self, offset: int) -> Position:
        line = bisect_right(self._line_starts, offset)
        return line, offset - self._line_starts[line - 1] + 1

    def _note(self, table: dict[Path, Position], path: Path, offset: int) -> None:
        # The first mention wins: that is where a table or key was introduced.
        if path not in table:
            table[path] = self._position(offset)

    def _skip(self, pos: int) -> int:
        return _SKIP.match(self._text, pos).end()

    def _scan(self) -> None:
        text, pos, table = self._text, self._skip(0), ()
        while pos < len(text):
            start = pos
            if text.startswith("[[", pos):
                parts, _, pos = self._key(pos + 2)
                resolved = (*self._resolve(parts[:-1]), parts[-1])
                index = self._array_tables.get(resolved, -1) + 1
                self._array_tables[resolved] = index
                table = (*resolved, index)
                self._note(self.keys, table, start)
                self._note(self.values, table, start)
            elif text[pos] == "[":
                parts, _, pos = self._key(pos + 1)
                table = self._resolve(parts)
                self._note(self.keys, table, start)
                self._note(self.values, table, start)
            else:
                pos = self._key_value(pos, table)
            if text[start] == "[":
                pos = _REST_OF_LINE.match(text, pos).end()  # past "]" or "]]" and any comment
            pos = self._skip(pos)

    def _resolve(self, parts: list[str]) -> Path:
        """A header's path, with the current index inserted after each array of tables."""
        path: Path = ()
        for part in parts:
            path = (*path, part)
            if path in self._array_tables:
                path = (*path, self._array_tables[path])
        return path

    def _key(self, pos: int) -> tuple[list[str], list[int], int]:
        """Read a dotted key: its parts, where each starts, and the position after it."""
        parts: list[str] = []
        offsets: list[int] = []
        text = self._text
        while True:
            pos = _BLANKS.match(text, pos).end()
            offsets.append(pos)
            for pattern in (_BARE_KEY, _BASIC, _LITERAL):
                match = pattern.match(text, pos)
                if match:
                    break
            raw = match.group()
            parts.append(_unquote(raw) if raw[0] in "\"'" else raw)
            pos = _BLANKS.match(text, match.end()).end()
            if not text.startswith(".", pos):
                return parts, offsets, pos
            pos += 1

    def _key_value(self, pos: int, table: Path) -> int:
        parts, offsets, pos = self._key(pos)
        for i, offset in enumerate(offsets):
            self._note(self.keys, (*table, *parts[: i + 1]), offset)
        pos = _BLANKS.match(self._text, pos + 1).end()  # past "="
        return self._value(pos, (*table, *parts))

    def _value(self, pos: int, path: Path) -> int:
        """Note where the value at ``path`` starts; return the position after it."""
        text = self._text
        self._note(self.values, path, pos)
        char = text[pos]
        if char == "[":
            pos, index = self._skip(pos + 1), 0
            while text[pos] != "]":
                pos = self._skip(self._value(pos, (*path, index)))
                if text[pos] == ",":
                    pos, index = self._skip(pos + 1), index + 1
            return pos + 1
        if char == "{":
            pos = self._skip(pos + 1)
            while text[pos] != "}":
                pos = self._skip(self._key_value(pos, path))
                if text[pos] == ",":
                    pos = self._skip(pos + 1)
            return pos + 1
        if text.startswith('"""', pos):
            pattern = _ML_BASIC
        elif text.startswith("'''", pos):
            pattern = _ML_LITERAL
        elif char == '"':
            pattern = _BASIC
        elif char == "'":
            pattern = _LITERAL
        else:
            pattern = _SCALAR
        return pattern.match(text, pos).end()


def _unquote(raw: str) -> str:
    """The text of a quoted key, escapes and all (rare enough to let tomllib do it)."""
    import tomllib

    return tomllib.loads(f"k = {raw}")["k"]
