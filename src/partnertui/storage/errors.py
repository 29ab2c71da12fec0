"""The errors reading a project file raises, and the problems they carry.

They live apart from :mod:`.problems`, which words every problem and is large:
a file that opens cleanly (the usual case, and the one the workbook's first screen
waits for) needs these classes but none of that wording.
"""

from __future__ import annotations

import re
from typing import NamedTuple

_UNPRINTABLE = re.compile("[\x00-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")
_NAMED_ESCAPES = {"\n": "\\n", "\r": "\\r", "\t": "\\t"}


def printable(text: str) -> str:
    """``text`` with control characters written as escapes.

    Messages quote file names and what people wrote in the file; an escape sequence
    in a partner's notes or a file's name must show as ``\\x1b``, not retitle or
    repaint the terminal, and a line break in a name must not break the
    ``FILE:LINE:COLUMN`` line editors read.
    """
    return _UNPRINTABLE.sub(
        lambda m: _NAMED_ESCAPES.get(m.group(), f"\\u{ord(m.group()):04x}"), text
    )


class Problem(NamedTuple):
    """One thing wrong with a file, where it is, and how to fix it."""

    file: str
    line: int | None
    column: int | None
    path: str
    """The field path, like ``partners[2].kind``; empty for whole-file problems."""
    message: str
    hint: str = ""

    def __str__(self) -> str:
        # Always FILE:LINE:COLUMN, so editors and CI can read every line the same
        # way; a problem with the whole file (missing, unreadable) is at its start.
        where = f"{printable(self.file)}:{self.line or 1}:{self.column or 1}"
        text = f"{where}: {self.path}: {self.message}" if self.path else f"{where}: {self.message}"
        return f"{text} ({self.hint})" if self.hint else text


class ProjectFileError(Exception):
    """A file that cannot be opened as a project, with every problem found in it."""

    def __init__(self, path: str, problems: list[Problem]) -> None:
        self.path = path
        self.problems = problems
        super().__init__("\n".join(str(p) for p in problems))


class UnreadableFile(ProjectFileError):
    """The file could not be read at all: missing, not allowed, a folder, too large."""
