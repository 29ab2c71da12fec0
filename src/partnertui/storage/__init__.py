"""The one place that reads and writes project files.

Reading is strict and explains itself: every problem in a file comes back at once,
each at its line, in words a coordinator understands (:mod:`.problems`). Writing is
canonical (:mod:`.canonical`) and safe: a temp file beside the original, flushed to
disk, then swapped in with ``os.replace``, so a crash or a full disk never leaves a
half-written file, and a file someone else changed since we read it is never
silently overwritten.
"""

from __future__ import annotations

import contextlib
import errno
import gc
import hashlib
import os
import stat
from collections.abc import Iterator
from pathlib import Path
from types import ModuleType
from typing import TYPE_CHECKING, NamedTuple

from partnertui.storage import atomic, limits, read_ahead
from partnertui.storage.errors import Problem, ProjectFileError, UnreadableFile, printable

if TYPE_CHECKING:
    from partnertui.model import Project

# The model, and pydantic with it, is imported where a project is first built: the
# command line reads a large file ahead (read_ahead) before pydantic is loaded.

__all__ = [
    "MAX_FILE_BYTES",
    "ChangedOnDisk",
    "Fingerprint",
    "Problem",
    "ProjectFileError",
    "SaveError",
    "UnreadableFile",
    "dumps",
    "fingerprint",
    "load",
    "parse",
    "read",
    "read_bytes",
    "same_file",
    "save",
    "save_text",
]

MAX_FILE_BYTES = 32 * 1024 * 1024
"""Larger files are refused: no real project comes near it, and a stray log file would."""

StrPath = str | os.PathLike[str]


class Fingerprint(NamedTuple):
    """What a file held when we read or wrote it, to notice when someone else changes it."""

    sha256: str
    size: int
    mtime_ns: int


class SaveError(Exception):
    """A save that did not happen; the message says why, in plain words."""

    def __init__(self, path: StrPath, message: str) -> None:
        self.path = str(path)
        super().__init__(message)


class ChangedOnDisk(SaveError):
    """The file on disk is no longer what we read, so saving would lose someone's work."""

    def __init__(self, path: StrPath, current: Fingerprint | None) -> None:
        self.current = current
        path = printable(str(path))  # a name is shown, never obeyed by the terminal
        if current is None:
            message = f"{path} was deleted or moved since it was opened; nothing was written."
        else:
            message = (
                f"{path} was changed by someone or something else since it was opened; "
                "nothing was written, so those changes are not lost."
            )
        super().__init__(path, message)


# -- reading --------------------------------------------------------------------


def parse(text: str, file: str = "<text>") -> Project:
    """The project in ``text``, or :class:`ProjectFileError` with every problem found.

    The checks run in the order a person would fix them: a merge conflict or broken
    TOML first (nothing else can be read), then the layout version (a newer file is
    never half-read), then each field, then the rules across the project.
    """
    text = text.removeprefix("\ufeff")  # some Windows editors add a byte order mark
    # Every git conflict opens with <<<<<<< or closes with >>>>>>>; without either
    # there is nothing for the careful search to find.
    if "<<<<<<<" in text or ">>>>>>>" in text:
        conflicts = _explain().conflict_markers(file, text)
        if conflicts:
            raise ProjectFileError(file, conflicts)
    deep = limits.too_deep(text)
    if deep is not None:
        raise ProjectFileError(file, [_explain().too_deep(file, text, deep)])
    try:
        return _parse_tables(text, file)
    except RecursionError:
        # The look for depth passes over brackets inside text; one hidden among them
        # that still goes too deep for a reader ends up here, said the same way.
        where = limits.too_deep(text, careful=True)
        raise ProjectFileError(file, [_explain().too_deep(file, text, where)]) from None


def _parse_tables(text: str, file: str) -> Project:
    import tomllib

    from pydantic import ValidationError

    from partnertui.integrity import integrity_problems
    from partnertui.model import SCHEMA_VERSION, Project

    with _collector_paused():
        try:
            data = tomllib.loads(text)
        except tomllib.TOMLDecodeError as error:
            raise ProjectFileError(file, [_explain().toml_syntax(file, text, error)]) from None
        except ValueError:  # what tomllib does not catch: a number Python will not make
            where = limits.too_long(text)
            raise ProjectFileError(file, [_explain().too_long(file, text, where)]) from None
        version = data.get("schema_version")  # the usual case is told apart here
        if type(version) is not int or version != SCHEMA_VERSION:
            problem = _explain().schema_version(file, text, data)
            if problem:
                raise ProjectFileError(file, [problem])
        try:
            project = Project.model_validate(data, context={"skip_integrity": True})
        except ValidationError as error:
            found = _explain().validation(file, text, error.errors(include_url=False))
            raise ProjectFileError(file, found) from None
    broken = integrity_problems(project)
    if broken:
        raise ProjectFileError(file, _explain().integrity(file, text, broken))
    return project


def _from_tables(data: dict) -> Project | None:
    """The project in tables tomllib read, when it holds one without a single problem;
    ``None`` otherwise, for the ordinary reading to word what is wrong."""
    from pydantic import ValidationError

    from partnertui.integrity import integrity_problems
    from partnertui.model import SCHEMA_VERSION, Project

    if type(data.get("schema_version")) is not int or data["schema_version"] != SCHEMA_VERSION:
        return None
    with _collector_paused():
        try:
            project = Project.model_validate(data, context={"skip_integrity": True})
        except (ValidationError, RecursionError):
            return None
    return None if integrity_problems(project) else project


def _explain() -> ModuleType:
    """The module that words problems (:mod:`.problems`), imported when there is one:
    it is large, and a file that opens cleanly, as most do, never needs it."""
    from partnertui.storage import problems

    return problems


@contextlib.contextmanager
def _collector_paused() -> Iterator[None]:
    """Reading a project makes a great many small objects that all live on, and
    Python's cycle collector, woken again and again as they pile up, looks through
    all of them each time: with 10,000 partners that was a quarter of the load, and
    it made loading grow faster than the file. Nothing made while reading is
    garbage until it is done, so the collector waits until then."""
    paused = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if paused:
            gc.enable()


def read(path: StrPath) -> tuple[Project, Fingerprint]:
    """The project at ``path`` and the fingerprint of the exact bytes it came from."""
    file = str(path)
    ahead = read_ahead.take(Path(path))
    if ahead is not None:
        project = _from_tables(ahead.data)
        if project is not None:
            return project, Fingerprint(ahead.sha256, ahead.size, ahead.mtime_ns)
    data, print_ = read_bytes(path)
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as error:
        raise ProjectFileError(file, [_explain().undecodable(file, data, error)]) from None
    return parse(text, file), print_


def load(path: StrPath) -> Project:
    """The project at ``path``; see :func:`read` for the fingerprint too."""
    return read(path)[0]


def fingerprint(path: StrPath) -> Fingerprint | None:
    """The fingerprint of the file at ``path`` now; ``None`` when there is none.

    Other failures to read (permissions, a folder) raise :class:`OSError`.
    """
    try:
        with open(path, "rb") as f:
            data = f.read()
            return _fingerprint(data, os.fstat(f.fileno()))
    except FileNotFoundError:
        return None


def same_file(path: StrPath, other: StrPath) -> bool:
    """Whether two names lead to one file, however each is written (``./``, ``../``, a
    symbolic or hard link): what a command writes must never be the project it read,
    nor what it reads the project twice. False when either is not there."""
    try:
        return os.path.samefile(path, other)
    except (OSError, ValueError):
        return False


def _fingerprint(data: bytes, status: os.stat_result) -> Fingerprint:
    return Fingerprint(hashlib.sha256(data).hexdigest(), len(data), status.st_mtime_ns)


def read_bytes(path: StrPath) -> tuple[bytes, Fingerprint]:
    """The bytes of the file at ``path``, read as a project is (a regular file within
    the size limit), and their fingerprint; for a file that may not read as a project
    yet, such as one a merge left with conflict markers. Raises
    :class:`UnreadableFile`, in plain words, when it cannot be read."""
    file = str(path)

    def unreadable(message: str, hint: str = "") -> UnreadableFile:
        return UnreadableFile(file, [Problem(file, None, None, "", message, hint)])

    try:
        status = os.stat(path)
        if stat.S_ISDIR(status.st_mode):
            raise unreadable("this is a folder, not a project file")
        if not stat.S_ISREG(status.st_mode):
            raise unreadable("this is not a regular file")
        if status.st_size > MAX_FILE_BYTES:
            raise unreadable(_too_large(status.st_size))
        with open(path, "rb") as f:
            data = f.read(MAX_FILE_BYTES + 1)
            status = os.fstat(f.fileno())
    except FileNotFoundError:
        raise unreadable("there is no such file", "check the name and the folder") from None
    except PermissionError:
        raise unreadable(
            "partnertui is not allowed to read this file", "check the file's permissions"
        ) from None
    except OSError as error:
        raise unreadable(f"this file cannot be read ({error.strerror or error})") from None
    if len(data) > MAX_FILE_BYTES:
        raise unreadable(_too_large(len(data)))
    return data, _fingerprint(data, status)


def _too_large(size: int) -> str:
    """Said of a file over the limit; its size never rounds down to the limit itself."""
    return (
        f"this file is {_size(size)}, too large: partnertui opens project files of up to "
        f"{MAX_FILE_BYTES // 2**20} MB"
    )


def _size(size: int) -> str:
    if size >= 2**30:
        return f"{size / 2**30:.1f} GB"
    if size - MAX_FILE_BYTES < 2**20 // 20:  # would read as the limit itself
        return f"{size:,} bytes"
    return f"{size / 2**20:.1f} MB"


# -- writing --------------------------------------------------------------------


def dumps(project: Project) -> str:
    """The canonical text of ``project``: see :func:`.canonical.dumps`.

    The writer is imported on the first save, not at start: opening a project does
    not need it, and the workbook's first screen comes up sooner without it.
    """
    from partnertui.storage.canonical import dumps as canonical

    return canonical(project)


def save(
    project: Project,
    path: StrPath,
    *,
    expected: Fingerprint | None = None,
    create: bool = False,
    give_action_ids: bool = True,
) -> Fingerprint:
    """Write ``project`` canonically to ``path``, all or nothing; its new fingerprint.

    ``expected``: what the file held when it was opened; if it holds anything else
    now (or was deleted), :class:`ChangedOnDisk` is raised and nothing is written.
    ``create``: the file must not exist yet (for a new project); never overwrite.
    Any failure raises :class:`SaveError` and leaves the old file byte for byte.
    ``give_action_ids``: every action without an id is given one first, in
    ``project`` itself, so the next save writes the same id and a merge can tell the
    action apart; ``fmt``, which only lays a file out, says ``False``.
    """
    if give_action_ids:
        from partnertui.model import with_action_ids

        actions = with_action_ids(project.actions)
        if actions is not project.actions:
            project.actions[:] = actions
    text = dumps(project)
    _refuse_if_it_would_not_open(project, text, path)
    return _write(path, text.encode("utf-8"), expected=expected, create=create)


def save_text(path: StrPath, text: str, *, expected: Fingerprint) -> Fingerprint:
    """Write ``text`` to ``path`` as :func:`save` writes a project: all or nothing, and
    never over a change made since ``expected`` was read. For text that need not read
    as a project yet (a merge's result, with conflicts left to resolve by hand), so it
    is written as it is, unchecked."""
    return _write(path, text.encode("utf-8"), expected=expected, create=False)


def _write(
    path: StrPath, data: bytes, *, expected: Fingerprint | None, create: bool
) -> Fingerprint:
    name = printable(str(path))  # as messages show it
    existed = os.path.exists(path)  # through a symlink: the file it leads to
    if create and existed:
        raise SaveError(path, f"{name} already exists; partnertui will not overwrite it.")

    def last_look() -> None:
        # Someone may have saved while we wrote: looked at again just before the swap.
        if expected is not None:
            _check_unchanged(path, name, expected)
        if create and os.path.exists(path):
            raise SaveError(path, f"{name} already exists; partnertui will not overwrite it.")

    try:
        if expected is not None:
            _check_unchanged(path, name, expected)
        status = atomic.write(Path(path), data, before_swap=last_look)
    except OSError as error:
        raise SaveError(path, _plain_failure(error, name, existed=existed)) from None
    # Written and synced; only the timestamp is unknown when the file cannot be looked at.
    mtime_ns = status.st_mtime_ns if status is not None else 0
    return Fingerprint(hashlib.sha256(data).hexdigest(), len(data), mtime_ns)


def _refuse_if_it_would_not_open(project: Project, text: str, path: StrPath) -> None:
    """Raise :class:`SaveError` if the file written from ``project`` would not open again.

    Reading the text back in full would say so for certain, but it costs more than a
    second at 2,000 partners, and on every save. It is not needed: each value got
    here through the model (the Workbook validates every edit, piece by piece), and
    the canonical writer is exact for every valid value (the round-trip tests show
    it). What an edit to valid pieces can still break are the rules across the
    project, such as a duplicate id or a reference to a deleted partner, and those
    are checked here in a few milliseconds. Only when one is broken is the text read
    back, to say where.
    """
    from partnertui.integrity import integrity_problems

    if not integrity_problems(project):
        return
    name = printable(str(path))
    try:
        parse(text, str(path))
    except ProjectFileError as error:
        raise SaveError(
            path,
            f"{name} was not saved: the project has problems that would stop it from "
            f"opening again.\n{error}",
        ) from None


def _check_unchanged(path: StrPath, name: str, expected: Fingerprint) -> None:
    # The bytes are what matter: a file touched but not changed loses nothing.
    current = fingerprint(path)
    if current is None or current.sha256 != expected.sha256:
        raise ChangedOnDisk(name, current)


def _plain_failure(error: OSError, name: str, *, existed: bool) -> str:
    unchanged = f"{name} is unchanged" if existed else f"{name} was not created"
    folder = printable(os.path.dirname(os.path.abspath(name)))
    reasons = {
        errno.ENOSPC: "The disk is full",
        getattr(errno, "EDQUOT", -1): "Your disk quota is used up",
        errno.EACCES: f"partnertui is not allowed to write in {folder}",
        errno.EPERM: f"partnertui is not allowed to write in {folder}",
        errno.EROFS: f"The disk holding {folder} is read-only",
        errno.ENOENT: f"The folder {folder} does not exist",
        errno.EIO: "The disk reported an error while writing",
    }
    if error.errno == errno.EPERM and getattr(error, "step", "") == "replace":
        # The folder let us make the new file; the old one refuses to be replaced.
        reasons[errno.EPERM] = (
            f"partnertui is not allowed to replace {os.path.basename(name)}: the file is "
            "protected (marked as unchangeable, or in a shared folder where only its "
            "owner may replace it)"
        )
    reason = reasons.get(error.errno, f"Saving failed ({error.strerror or error})")
    return f"{reason}; nothing was written and {unchanged}."
