"""Who has a project file open: a small lock file beside it.

Two people editing one file on a shared server would each save over the other's
work. Opening a file for editing therefore creates ``.NAME.toml.lock`` next to it,
saying who, on which host, in which process and since when. A second person is
told who has the file and chooses what to do; a lock left by a process that no
longer runs on this host is stale and can be taken over safely. A lock is only
ever removed by the session that still owns it.

A lock appears whole or not at all: it is written in full to a temporary file by
the atomic writer, then given its name with a hard link, which fails when a lock is
there already, so of two sessions opening the file at once exactly one gets it. A
take-over renames the new lock over the old one, so the file is never without one.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import errno
import getpass
import json
import os
import socket
import time
from pathlib import Path
from typing import NamedTuple

from partnertui.storage import atomic

__all__ = [
    "Lock",
    "LockHeld",
    "Owner",
    "acquire",
    "holder",
    "lock_path",
    "new_session",
    "read_owner",
]


def lock_path(project: Path) -> Path:
    """Where the lock of ``project`` lives: ``.NAME.toml.lock`` in the same folder."""
    return project.with_name(f".{project.name}.lock")


class Owner(NamedTuple):
    """Who holds a lock, as written in the lock file."""

    user: str
    host: str
    pid: int
    since: str
    """When the file was opened, as an ISO 8601 time with its UTC offset."""
    session: str = ""
    """Tells apart two sessions of one process (a save as, a reopen): random, per lock."""

    @classmethod
    def me(cls, session: str = "") -> Owner:
        return cls(
            user=_user(),
            host=socket.gethostname(),
            pid=os.getpid(),
            since=dt.datetime.now().astimezone().isoformat(timespec="seconds"),
            session=session or new_session(),
        )

    def is_alive_elsewhere(self, session: str) -> bool:
        """True when this owner is another session whose process still runs here."""
        if self.session == session or self.host != socket.gethostname() or self.pid <= 0:
            return False
        return not self.is_stale()

    def is_stale(self) -> bool:
        """True when the owning process is known to be gone: it ran on this host and
        no process with its id runs now. A lock from another host is never stale,
        because its process cannot be checked from here."""
        if self.host != socket.gethostname() or self.pid <= 0:
            return False
        try:
            os.kill(self.pid, 0)
        except ProcessLookupError:
            return True
        except OSError:  # PermissionError: it runs, as another user
            return False
        return False

    def describe(self) -> str:
        """The owner in words: "dana on server1 (process 4242) since 2026-11-24 09:15"."""
        since = self.since
        with contextlib.suppress(ValueError):
            since = dt.datetime.fromisoformat(self.since).strftime("%Y-%m-%d %H:%M")
        return f"{self.user} on {self.host} (process {self.pid}) since {since}"


UNREADABLE_GRACE_SECONDS = 10.0
"""A lock file that cannot be read may be one being written just now (on a disk
without hard links, or by an older partnertui, a lock is written in place); older
than this, it was left half-written by a session that failed and is stale."""

LOCK_MODE = 0o644
"""Whatever the umask: everyone who may open the project must be able to read who
has it, or they would take a live lock they cannot read for a stale one."""

_NO_HARD_LINKS = {errno.EPERM, errno.ENOTSUP, errno.EOPNOTSUPP, errno.ENOSYS}
"""What ``link`` says on a disk that has no hard links (FAT, some network shares)."""


class LockHeld(Exception):
    """Someone else has the file open; ``owner`` says who (``None``: the lock is unreadable)."""

    def __init__(self, path: Path, owner: Owner | None, *, age: float = 0.0) -> None:
        self.path = path
        self.owner = owner
        self.age = age
        """How long ago the lock file was last written, in seconds."""
        super().__init__(f"{path.name} is open for editing by {self.who}.")

    @property
    def who(self) -> str:
        """Who holds it, in words: "dana on server1 (process 4242) since …"."""
        return self.owner.describe() if self.owner else "someone (the lock file cannot be read)"

    @property
    def stale(self) -> bool:
        """The session that left the lock has ended: its process is gone from this host,
        or it left a lock nobody can read, long enough ago not to be one being written."""
        if self.owner is None:
            return self.age > UNREADABLE_GRACE_SECONDS
        return self.owner.is_stale()


class Lock(NamedTuple):
    """A lock this session holds on one project file."""

    project: Path
    owner: Owner

    @property
    def path(self) -> Path:
        return lock_path(self.project)

    def is_ours(self) -> bool:
        """True while the lock file on disk still names this session."""
        return read_owner(self.project) == self.owner

    def release(self) -> bool:
        """Remove the lock file if it is still ours; someone who took it over keeps theirs.

        Never raises: this runs on the way out. False when a lock of ours could not be
        removed (the folder became unwritable); the next opener finds it stale.
        """
        if not self.is_ours():
            return True
        try:
            os.unlink(self.path)
        except FileNotFoundError:
            pass
        except OSError:
            return False
        return True


def read_owner(project: Path) -> Owner | None:
    """The owner named in ``project``'s lock file; ``None`` when there is no readable lock."""
    try:
        data = json.loads(lock_path(project).read_text(encoding="utf-8"))
        return Owner(
            user=str(data["user"]),
            host=str(data["host"]),
            pid=int(data["pid"]),
            since=str(data["since"]),
            session=str(data.get("session", "")),
        )
    except (OSError, ValueError, KeyError, TypeError, RecursionError):
        return None


def holder(project: Path) -> LockHeld | None:
    """Who has ``project`` open for editing, as :func:`acquire` would be told it;
    ``None`` when there is no lock, or only a stale one that may be taken over."""
    path = lock_path(project)
    try:
        written = os.stat(path).st_mtime
    except OSError:
        return None
    held = LockHeld(project, read_owner(project), age=max(0.0, time.time() - written))
    return None if held.stale else held


def acquire(project: Path, *, take_over: bool = False, session: str = "") -> Lock:
    """Lock ``project`` for this session (``session``: its token; a new one by default).

    Raises :class:`LockHeld` when another session holds it, unless ``take_over``
    (the person confirmed it, or the lock is stale): then the old lock is replaced.
    Other failures to create the lock (a folder we cannot write, a full disk) raise
    ``OSError`` and leave no lock file behind.
    """
    owner = Owner.me(session)
    path = lock_path(project)
    data = (json.dumps(owner._asdict(), indent=2) + "\n").encode("utf-8")
    # A lock need not outlive a crash (no session survives one to hold it), so it is
    # not flushed to the disk: opening a file does not wait for the disk.
    temp = atomic.filled_temp(path, data, mode=LOCK_MODE, durable=False)
    try:
        if take_over:
            os.replace(temp, path)
        else:
            _link(temp, path, data)
    except FileExistsError:
        # Someone else created it in between (or it was there and not taken over).
        raise LockHeld(project, read_owner(project), age=_age(path)) from None
    finally:
        with contextlib.suppress(OSError):  # gone already when it was renamed
            os.unlink(temp)
    return Lock(project, owner)


def _link(temp: Path, path: Path, data: bytes) -> None:
    """Give the finished lock ``temp`` the name ``path``, only if no lock has it;
    ``FileExistsError`` otherwise."""
    try:
        os.link(temp, path)
    except FileExistsError:
        raise
    except OSError as error:
        if error.errno not in _NO_HARD_LINKS:
            raise
        _create_in_place(path, data)


def _create_in_place(path: Path, data: bytes) -> None:
    """Where there are no hard links: made exclusively and written in place, so a
    reader may briefly see it unfinished (see :data:`UNREADABLE_GRACE_SECONDS`)."""
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, LOCK_MODE)
    try:
        try:
            os.chmod(path, LOCK_MODE)
            view = memoryview(data)
            while view:
                view = view[os.write(fd, view) :]
        finally:
            os.close(fd)
    except OSError:
        # An empty or half-written lock would stop everyone; it is ours to remove.
        with contextlib.suppress(OSError):
            os.unlink(path)
        raise


def new_session() -> str:
    """A token that tells one session's lock and recovery copy from another's."""
    return os.urandom(4).hex()


def _age(path: Path) -> float:
    try:
        return max(0.0, time.time() - os.stat(path).st_mtime)
    except OSError:
        return 0.0


def _user() -> str:
    try:
        return getpass.getuser()
    except (KeyError, OSError):  # no name for this user id (e.g. in a container)
        return f"user {os.getuid()}" if hasattr(os, "getuid") else "someone"
