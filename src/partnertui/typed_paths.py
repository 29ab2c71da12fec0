"""File names as a person types them into the workbook: completed, then found.

A path field (a CSV to import, where to save a copy) is where people make the most
mistakes and type the most, so it completes the name being typed from what is on
disk, as a shell does, and then says in plain words when a name finds no file.
Both halves look in the same folders (:class:`PathCompletion`), so what is offered
is what will be found. Nothing here knows of Textual; the field that uses it is
:mod:`partnertui.tui.widgets.path_field`.
"""

from __future__ import annotations

import glob
import os
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

MAX_SCANNED = 20_000
"""Entries looked at in one folder for one key press: a completion in a huge folder
(a network share, a download folder never emptied) must not hold the keyboard up."""
QUOTES = "\"'"
WILDCARDS = "*?["


@dataclass(frozen=True)
class PathCompletion:
    """Where a path field's names are looked for, and what the field asks for."""

    folders: tuple[Path, ...] = ()
    """Where a relative name is looked for, in this order; none means the current
    folder as it is when the person types."""
    suffixes: tuple[str, ...] = ()
    """The kinds of file asked for (``.csv``): offered before other files."""
    folders_only: bool = False
    """The field asks for a folder: files are not offered."""

    def bases(self) -> list[Path]:
        return list(dict.fromkeys(self.folders)) or [Path.cwd()]


# -- completing the name being typed -----------------------------------------------


def suggestion(typed: str, spec: PathCompletion) -> str | None:
    """``typed`` with the name being typed finished by the first name on disk that
    fits (a folder with "/" after it); ``None`` when nothing fits or nothing is left
    to add. Only the last name is completed: the others are already typed."""
    if last_word(typed) is None:
        return None  # before a name is begun, any name would be a guess
    tail, names = _completions(typed, spec)
    if not names or names[0] == tail:
        return None
    return typed + names[0][len(tail) :]


def common_completion(typed: str, spec: PathCompletion) -> str | None:
    """``typed`` completed as far as every name that fits agrees (Tab in a shell),
    a new name begun when nothing or a space was typed last; ``None`` when that adds
    nothing."""
    tail, names = _completions(typed, spec)
    common = os.path.commonprefix(names)  # noqa: RUF071 -- names in one folder, by letter
    if len(common) <= len(tail):
        return None
    return typed + common[len(tail) :]


def _completions(typed: str, spec: PathCompletion) -> tuple[str, list[str]]:
    """The last part of the name being typed, and the names that could finish it."""
    word = last_word(typed) or ""
    cut = max(word.rfind("/"), word.rfind(os.sep)) + 1
    head, tail = word[:cut], word[cut:]
    if not head and tail == "~":
        return tail, ["~/"]
    folder = Path(os.path.expanduser(head or "."))
    folders = [folder] if folder.is_absolute() else [base / folder for base in spec.bases()]
    found: dict[str, bool] = {}
    for place in folders:
        for name, is_folder in _entries(place, tail):
            found.setdefault(name, is_folder)
    wanted = tuple(s.lower() for s in spec.suffixes)
    names = [
        (
            not (is_folder or not wanted or name.lower().endswith(wanted)),
            name + "/" if is_folder else name,
        )
        for name, is_folder in found.items()
        if is_folder or not spec.folders_only
    ]
    return tail, [name for _, name in sorted(names)]


def _entries(folder: Path, start: str) -> list[tuple[str, bool]]:
    """The names in ``folder`` starting with ``start`` and whether each is a folder;
    hidden ones only when ``start`` is; none when the folder cannot be read."""
    found = []
    try:
        with os.scandir(folder) as entries:
            for n, entry in enumerate(entries):
                if n >= MAX_SCANNED:
                    break
                name = entry.name
                if not name.startswith(start) or (name[:1] == "." != start[:1]):
                    continue
                try:
                    is_folder = entry.is_dir()
                except OSError:
                    is_folder = False
                found.append((name, is_folder))
    except (OSError, ValueError):  # missing, not a folder, no permission, a NUL typed
        return []
    return found


# -- the names typed ----------------------------------------------------------------


def last_word(typed: str) -> str | None:
    """The name being typed at the end of ``typed`` (without its opening quote), or
    ``None`` when the person has not started one (nothing typed, or a space last)."""
    return _split(typed)[1]


def words(typed: str) -> list[str]:
    """The names in ``typed``, split at spaces; a name in quotes ("…" or '…') may hold
    spaces. ``ValueError`` when a quote is left open."""
    done, current, open_quote = _split(typed)
    if open_quote:
        raise ValueError("a quote is not closed; put one at the end of the name")
    return [word for word in [*done, current] if word]


def _split(typed: str) -> tuple[list[str], str | None, bool]:
    """The names finished, the one being typed, and whether a quote is still open.
    A quote opens only at the start of a name, so that "O'Brien.csv" is one name."""
    done: list[str] = []
    word: list[str] | None = None
    quote = ""
    for char in typed:
        if quote and char == quote:
            quote = ""
        elif quote or not (char.isspace() or (word is None and char in QUOTES)):
            word = [*(word or []), char]
        elif char in QUOTES:
            quote, word = char, []
        elif word is not None:
            done.append("".join(word))
            word = None
    return done, None if word is None else "".join(word), bool(quote)


def existing_file(typed: str, folders: Sequence[Path]) -> Path:
    """The file a person means by ``typed``: ``~`` is their home folder, and a
    relative name is looked for in ``folders`` in order. ``ValueError`` says why
    there is no such file, in words."""
    try:
        path = Path(os.path.expanduser(typed))
        if not path.is_absolute():
            tried = [folder / path for folder in folders]
            path = next((p for p in tried if p.exists()), tried[0])
        folder, file = path.is_dir(), path.is_file()
    except OSError as error:
        raise ValueError(f"{typed} cannot be reached ({error.strerror or error})") from None
    if folder:
        raise ValueError("this is a folder; add the file's name")
    if not file:
        raise ValueError(f"there is no file {path}")
    return path


def new_file(typed: str, folder: Path) -> Path:
    """The project file a person means to make by ``typed``: ``~`` expanded, a relative
    name in ``folder``, ``.toml`` added when missing. ``ValueError`` says, in plain
    words, why a blank name or a folder cannot be one."""
    typed = typed.strip()
    if not typed:
        raise ValueError("write a file name, e.g. my-project.toml")
    target = Path(os.path.expanduser(typed))
    if not target.is_absolute():
        target = folder / target
    if target.suffix != ".toml":
        target = target.with_name(target.name + ".toml")
    if target.is_dir():
        raise ValueError("this is a folder; add a file name")
    return target


def named_files(typed: str, folders: Sequence[Path]) -> list[Path]:
    """Every file ``typed`` names: one name, several separated by spaces (in quotes
    when a name holds spaces), or patterns such as ``responses/*.toml``. A whole
    line that names one file is that file, spaces and all. ``ValueError`` names the
    first name that finds no file, and why."""
    text = typed.strip()
    whole = text[1:-1] if len(text) > 1 and text[0] == text[-1] and text[0] in QUOTES else text
    try:
        return [existing_file(whole, folders)]
    except ValueError:
        pass
    found: list[Path] = []
    for name in words(text):
        if any(mark in name for mark in WILDCARDS):
            matched = _matching(name, folders)
            if not matched:
                raise ValueError(f"no file matches {name}")
            found += matched
            continue
        try:
            found.append(existing_file(name, folders))
        except ValueError as why:
            raise ValueError(f"{name}: {why}") from None
    return list(dict.fromkeys(found))


def _matching(pattern: str, folders: Sequence[Path]) -> list[Path]:
    """The files ``pattern`` matches, in the first of ``folders`` where it matches any."""
    expanded = os.path.expanduser(pattern)
    places = [Path("/")] if os.path.isabs(expanded) else list(folders)
    for place in places:
        try:
            names = sorted(glob.glob(expanded, root_dir=place))
        except (OSError, ValueError):
            continue
        files = [place / name for name in names if os.path.isfile(place / name)]
        if files:
            return files
    return []
