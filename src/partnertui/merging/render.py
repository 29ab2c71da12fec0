"""The merged file's text: canonical, with each conflict between git's markers.

A conflict is shown around just the field it is about, the line or lines of that
key inside its table, so the person resolving it sees the two values side by side
and nothing else; a partner, response or action deleted on one side and edited on
the other is shown as its whole block, with the deleting side empty. Everything
outside the markers is exactly what ``storage`` writes, so once the person keeps
one side the file is canonical again (or one ``partnertui fmt`` away from it).
"""

from __future__ import annotations

from dataclasses import dataclass

from partnertui.storage.tomlpos import Positions

Path = tuple[str | int, ...]


@dataclass(frozen=True)
class Markers:
    """How conflict markers are written: the sides' names (git's labels) and size."""

    ours: str = "ours"
    theirs: str = "theirs"
    size: int = 7

    def around(self, ours: list[str], theirs: list[str]) -> list[str]:
        return [
            f"{'<' * self.size} {self.ours}".rstrip(),
            *ours,
            "=" * self.size,
            *theirs,
            f"{'>' * self.size} {self.theirs}".rstrip(),
        ]


def whole_block(text: str, *, ours_has_it: bool, markers: Markers) -> str:
    """A block one side deleted and the other edited: the block on its side only."""
    lines = text.split("\n")
    return "\n".join(markers.around(lines, []) if ours_has_it else markers.around([], lines))


def field_conflicts(
    ours_text: str, theirs_text: str, conflicted: set[Path], markers: Markers
) -> str:
    """One block whose two versions differ in the ``conflicted`` keys only.

    ``conflicted`` holds each key's path as the block's text gives it, such as
    ``("partners", 0, "name")``. Each key's lines are found by reading the block's
    text (:class:`Positions`), never by pattern, so text that looks like a key
    inside a multi-line note cannot mislead it.
    """
    ours = _chunks(ours_text)
    theirs = _chunks(theirs_text)
    theirs_by_path = {path: (lines, gap) for path, lines, gap in theirs}
    ours_paths = {path for path, _, _ in ours}
    out: list[str] = []
    j = 0
    for path, lines, gap in ours:
        # Keys theirs has and ours lacks go where theirs has them: before this one.
        while j < len(theirs) and theirs[j][0] != path and theirs[j][0] not in ours_paths:
            _emit(out, theirs[j][0], None, theirs[j][1], theirs[j][2], conflicted, markers)
            j += 1
        if j < len(theirs) and theirs[j][0] == path:
            j += 1
        other = theirs_by_path.get(path)
        _emit(out, path, lines, other[0] if other else None, gap, conflicted, markers)
    for path, lines, gap in theirs[j:]:
        if path not in ours_paths:
            _emit(out, path, None, lines, gap, conflicted, markers)
    return "\n".join(out)


def _emit(
    out: list[str],
    path: Path,
    ours: list[str] | None,
    theirs: list[str] | None,
    gap: list[str],
    conflicted: set[Path],
    markers: Markers,
) -> None:
    if path in conflicted:
        out += markers.around(ours or [], theirs or [])
    else:
        # A table heading only one side needs (scores one side has no more) is kept:
        # an empty table reads as no scores at all.
        out += ours if ours is not None else theirs or []
    out += gap


def _chunks(text: str) -> list[tuple[Path, list[str], list[str]]]:
    """Each key's (or table heading's) path, its lines, and the blank lines after it.

    A key's lines run to the next key or heading; the blank lines before that are
    the gap between them (a value never ends in a blank line: a multi-line text
    ends with its closing quotes).
    """
    positions = Positions(text)
    starts = {line: path for path, (line, column) in positions.keys.items() if column == 1}
    lines = text.split("\n")
    found: list[tuple[Path, list[str], list[str]]] = []
    for number, line in enumerate(lines, start=1):
        if number in starts or not found:
            found.append((starts.get(number, ()), [], []))
        found[-1][1].append(line)
    for _, body, gap in found:
        while len(body) > 1 and body[-1] == "":
            gap.insert(0, body.pop())
    return found
