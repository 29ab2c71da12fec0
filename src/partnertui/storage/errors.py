"""The errors reading a project file raises, and the problems they carry.

They live apart from :mod:`.problems`, which words every problem and is large:
a file that opens cleanly (the usual case, and the one the workbook's first screen
waits for) needs these classes but none of that wording.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Problem:
    """One thing wrong with a file, where it is, and how to fix it."""

    file: str
    line: int | None
    column: int | None
    path: str
    """The field path, like ``partners[2].kind``; empty for whole-file problems."""
    message: str
    hint: str = ""

    def __str__(self) -> str:
        where = self.file
        if self.line is not None:
            where += f":{self.line}"
            if self.column is not None:
                where += f":{self.column}"
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
