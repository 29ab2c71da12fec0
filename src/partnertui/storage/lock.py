"""Who has a project file open: a small lock file beside it.

Two people editing one file on a shared server would each save over the other's
work. Opening a file for editing therefore creates ``.NAME.toml.lock`` next to it,
atomically (``O_CREAT | O_EXCL``), saying who, on which host, in which process and
since when. A second person is told who has the file and chooses what to do; a
lock left by a process that no longer runs on this host is stale and can be taken
over safely. A lock is only ever removed by the session that still owns it.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import getpass
import json
import os
import socket
from dataclasses import asdict, dataclass
from pathlib import Path

__all__ = ["Lock", "LockHeld", "Owner", "acquire", "lock_path", "read_owner"]


def lock_path(project: Path) -> Path:
    """Where the lock of ``project`` lives: ``.NAME.toml.lock`` in the same folder."""
    return project.with_name(f".{project.name}.lock")


@dataclass(frozen=True)
class Owner:
    """Who holds a lock, as written in the lock file."""

    user: str
    host: str
    pid: int
    since: str
    """When the file was opened, as an ISO 8601 time with its UTC offset."""
    session: str = ""
    """Tells apart two sessions of one process (a save as, a reopen): random, per lock."""

    @classmethod
    def me(cls) -> Owner:
        return cls(
            user=_user(),
            host=socket.gethostname(),
            pid=os.getpid(),
            since=dt.datetime.now().astimezone().isoformat(timespec="seconds"),
            session=os.urandom(4).hex(),
        )

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


class LockHeld(Exception):
    """Someone else has the file open; ``owner`` says who (``None``: the lock is unreadable)."""

    def __init__(self, path: Path, owner: Owner | None) -> None:
        self.path = path
        self.owner = owner
        who = owner.describe() if owner else "someone (the lock file cannot be read)"
        super().__init__(f"{path.name} is open for editing by {who}.")


@dataclass
class Lock:
    """A lock this session holds on one project file."""

    project: Path
    owner: Owner

    @property
    def path(self) -> Path:
        return lock_path(self.project)

    def is_ours(self) -> bool:
        """True while the lock file on disk still names this session."""
        return read_owner(self.project) == self.owner

    def release(self) -> None:
        """Remove the lock file if it is still ours; someone who took it over keeps theirs."""
        if self.is_ours():
            with contextlib.suppress(FileNotFoundError):
                os.unlink(self.path)


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
    except (OSError, ValueError, KeyError, TypeError):
        return None


def acquire(project: Path, *, take_over: bool = False) -> Lock:
    """Lock ``project`` for this session.

    Raises :class:`LockHeld` when another session holds it, unless ``take_over``
    (the person confirmed it, or the lock is stale): then the old lock is replaced.
    Other failures to create the lock (a folder we cannot write) raise ``OSError``.
    """
    owner = Owner.me()
    path = lock_path(project)
    data = (json.dumps(asdict(owner), indent=2) + "\n").encode("utf-8")
    if take_over:
        with contextlib.suppress(FileNotFoundError):
            os.unlink(path)
    try:
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o644)
    except FileExistsError:
        # Someone else created it in between (or it was there and not taken over).
        raise LockHeld(project, read_owner(project)) from None
    try:
        os.write(fd, data)
    finally:
        os.close(fd)
    return Lock(project, owner)


def _user() -> str:
    try:
        return getpass.getuser()
    except (KeyError, OSError):  # no name for this user id (e.g. in a container)
        return f"user {os.getuid()}" if hasattr(os, "getuid") else "someone"
