"""The one way partnertui writes a file: all of it, or none of it.

Project files, recovery copies, reports and the settings file are all written
here. A temporary file is made beside the target (so the final rename never
crosses disks), given the target's mode, owner and group (where this process may)
before any data goes in, written in full, flushed to the disk, and only then
renamed over the target. Whoever reads the file meanwhile sees the old bytes or the
new ones, never half; a failure (a full disk) leaves the old file as it was and no
temporary file behind, and a crash at worst a hidden one nobody else may read
unless they may read the target.
"""

from __future__ import annotations

import contextlib
import os
import stat
from collections.abc import Callable
from pathlib import Path

__all__ = ["TEMP_SUFFIX", "WriteError", "filled_temp", "sync_folder", "temp_name", "write"]

TEMP_SUFFIX = ".tmp"


class WriteError(OSError):
    """A write that did not happen, with the step it failed at, so the message can say
    whether the folder refused a new file (``"create"``), the data did not fit or
    reach the disk (``"write"``), or the old file could not be replaced
    (``"replace"``). ``errno`` and ``strerror`` are the system's."""

    def __init__(self, error: OSError, step: str) -> None:
        super().__init__(error.errno, error.strerror, error.filename)
        self.step = step


def temp_name(target: Path) -> Path:
    """A fresh hidden name beside ``target`` that is plainly ours if a crash leaves it."""
    return target.with_name(f".{target.name[:100]}.partnertui-{os.urandom(4).hex()}{TEMP_SUFFIX}")


def write(
    target: Path,
    data: bytes,
    *,
    mode: int | None = None,
    before_swap: Callable[[], None] | None = None,
) -> os.stat_result | None:
    """Put ``data`` at ``target`` in one step; the new file's status (``None`` in the
    rare case that it was written but cannot be looked at afterwards).

    ``mode``: the new file's permissions, whatever the umask; by default the old
    file's, or, for a new file, what the person's umask gives any file they make.
    The old file's owner and group are kept where this process is allowed to set
    them (a file shared through its group stays shared). ``before_swap`` runs after
    the data is on disk, just before the rename, and may raise to call the write
    off (a last check that the old file was not changed meanwhile). Any failure
    raises :class:`WriteError` (or what ``before_swap`` raised), with the old file
    untouched and no temporary file left.

    A symbolic link is written through: the file it leads to is replaced, and the
    link (a dotfiles folder's, a shared folder's) keeps leading to it.
    """
    target = Path(os.path.realpath(target))
    try:
        old: os.stat_result | None = os.stat(target)
    except FileNotFoundError:
        old = None
    except OSError as error:
        raise WriteError(error, "create") from None
    if mode is None and old is not None:
        mode = stat.S_IMODE(old.st_mode)
    temp: Path | None = filled_temp(target, data, mode=mode, owner=old)
    try:
        if before_swap is not None:
            before_swap()
        try:
            os.replace(temp, target)
        except OSError as error:
            raise WriteError(error, "replace") from None
        temp = None
    finally:
        if temp is not None:
            with contextlib.suppress(OSError):
                os.unlink(temp)
    sync_folder(target.parent)
    try:
        return os.stat(target)
    except OSError:
        return None


def filled_temp(
    target: Path,
    data: bytes,
    *,
    mode: int | None = None,
    owner: os.stat_result | None = None,
    durable: bool = True,
) -> Path:
    """A new temporary file beside ``target`` holding all of ``data``, on the disk, for
    the caller to put in place (or to remove, if that fails).

    ``mode``: its permissions, whatever the umask (``None``: what the umask gives any
    new file); ``owner``: a file whose owner and group it takes, as far as this
    process may. Both are settled before the first byte goes in: the data is never
    readable by anyone the finished file would not let read it, not even in a
    temporary file a crash leaves behind. ``durable``: flushed to the disk before it
    is returned (a file that need not outlive a crash, a lock, is spared the wait).
    Raises :class:`WriteError` (``"create"`` or ``"write"``), with no temporary file
    left.
    """
    step = "create"
    try:
        temp, fd = _open_temp(target, 0o666 if mode is None else mode)
    except OSError as error:
        raise WriteError(error, step) from None
    try:
        try:
            if owner is not None:
                _keep_owner(temp, owner)
            if mode is not None:
                os.chmod(temp, mode)  # the bits the umask took off the new file
            step = "write"
            _write_all(fd, data)
            if durable:
                os.fsync(fd)
        finally:
            os.close(fd)
    except OSError as error:
        with contextlib.suppress(OSError):
            os.unlink(temp)
        raise WriteError(error, step) from None
    return temp


def _open_temp(target: Path, mode: int) -> tuple[Path, int]:
    """A new, empty temporary file made with ``mode`` less the umask: never more open
    than ``mode``, even for the moment before its owner and mode are settled."""
    flags = os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_BINARY", 0)
    while True:
        temp = temp_name(target)
        try:
            return temp, os.open(temp, flags, mode)
        except FileExistsError:
            continue


def _write_all(fd: int, data: bytes) -> None:
    view = memoryview(data)
    while view:
        view = view[os.write(fd, view) :]


def _keep_owner(temp: Path, old: os.stat_result) -> None:
    """Give the new file the old one's owner and group, as far as we may.

    Only root may give a file away; anyone may set a group they belong to. Where
    neither is allowed, the file is the writer's, as any file they save would be.
    """
    if not hasattr(os, "chown"):
        return
    mine = os.stat(temp)
    if (mine.st_uid, mine.st_gid) == (old.st_uid, old.st_gid):
        return
    for uid, gid in ((old.st_uid, old.st_gid), (-1, old.st_gid)):
        try:
            os.chown(temp, uid, gid)
        except OSError:
            continue
        return


def sync_folder(folder: Path) -> None:
    """Make a rename in ``folder`` durable; best effort, as not every system allows it."""
    try:
        fd = os.open(folder, os.O_RDONLY)
    except OSError:
        return
    try:
        with contextlib.suppress(OSError):
            os.fsync(fd)
    finally:
        os.close(fd)
