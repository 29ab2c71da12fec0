"""The open project file: what was read, who holds it, what is kept for after a crash.

The workbook edits a project; this object looks after the file it came from. It
remembers the exact bytes it last read or wrote (a :class:`~partnertui.storage.Fingerprint`)
and the project they hold, so that a change someone else makes on disk is noticed
before a save could overwrite it, and can be described. It takes and gives back the
lock that tells others the file is open for editing, writes and finds the
recovery copy of unsaved edits, and knows why a file cannot be saved in place.

Nothing here asks anyone anything: it reports what it finds (a held lock, a
change on disk, edits left by a session that ended) and the workbook's
file-safety flow decides what to ask the person.
"""

from __future__ import annotations

import contextlib
import enum
import os
from collections.abc import Iterator
from pathlib import Path

from partnertui import storage
from partnertui.model import Project
from partnertui.storage import lock as locks
from partnertui.storage import recovery
from partnertui.storage.errors import printable

__all__ = ["DiskState", "OpenFile", "TakenOver", "holding_lock", "read_only_reason"]


class DiskState(enum.Enum):
    """How the file on disk compares with what was last read or written."""

    SAME = "same"
    CHANGED = "changed"
    MISSING = "missing"


def read_only_reason(path: Path) -> str:
    """Why ``path`` cannot be saved in place, in plain words; empty when it can.

    Saving replaces the file with a new one written beside it, so the folder must
    be writable as well as the file.
    """
    real = Path(os.path.realpath(path))
    if not os.access(real, os.W_OK):
        return f"you are not allowed to change {path.name}"
    if not os.access(real.parent, os.W_OK | os.X_OK):
        return f"you are not allowed to save files in the folder {real.parent}"
    return ""


@contextlib.contextmanager
def holding_lock(path: Path) -> Iterator[locks.Lock]:
    """Hold ``path``'s lock while a command (survey, import, resolve) reads, changes
    and saves it, as a workbook holds it while the file is open, so that neither
    saves over the other.

    A lock left by a session that has ended is taken over. Raises
    :class:`~partnertui.storage.lock.LockHeld` when a session that may still run has
    the file, and :class:`storage.SaveError`, in plain words, when no lock can be
    made there (a folder this user cannot write): then the command writes nothing,
    rather than change the file unseen by a workbook that opens it meanwhile. The
    lock is let go on the way out, whatever happened.
    """
    try:
        try:
            lock = locks.acquire(path)
        except locks.LockHeld as held:
            if not held.stale:
                raise
            lock = locks.acquire(path, take_over=True)
    except OSError as error:
        raise storage.SaveError(
            path,
            f"{printable(str(path))} cannot be locked for writing "
            f"({error.strerror or error}); nothing was written.",
        ) from None
    try:
        yield lock
    finally:
        lock.release()


class TakenOver(storage.SaveError):
    """Someone took the file over from this session; saving now could overwrite what
    they do next, so the person is asked first. ``owner``: who has it now."""

    def __init__(self, path: Path, owner: locks.Owner | None) -> None:
        self.owner = owner
        who = owner.describe() if owner else "someone else"
        super().__init__(path, f"{who} took {path.name} over; nothing was written.")


class OpenFile:
    """One project file as this session has it open."""

    def __init__(
        self,
        path: Path,
        saved: Project,
        fingerprint: storage.Fingerprint | None,
        *,
        read_only_why: str = "",
    ) -> None:
        self.path = path
        self.read_only = bool(read_only_why)
        self.read_only_why = read_only_why
        """Why the file is open read-only, in words that finish "… because …"."""
        self.lock: locks.Lock | None = None
        """This session's lock on the file, while it has the file open for editing."""
        self.session = locks.new_session()
        """Tells this session's lock and recovery copy from every other session's."""
        self.saved = saved
        """The project as the file held it when last read or written here."""
        self.fingerprint = fingerprint
        self._seen: tuple[int, int, int] | None = None
        self._remember(saved, fingerprint)

    # -- opening -------------------------------------------------------------------

    @classmethod
    def open(cls, path: Path) -> tuple[OpenFile, Project]:
        """The file at ``path`` and the project in it.

        Raises :class:`storage.ProjectFileError` with located problems when it does
        not read. A file or folder this user cannot write opens read-only.
        """
        project, fingerprint = storage.read(path)
        return cls(path, project, fingerprint, read_only_why=read_only_reason(path)), project

    @staticmethod
    def exists(path: Path) -> bool:
        """Whether there is anything at ``path`` to open (a file to offer to create, if not)."""
        return os.path.exists(path)

    @staticmethod
    def cannot_create(path: Path) -> str:
        """Why no project file can be made at ``path`` (which does not exist), in plain
        words; empty when one may be (whether this user may write there, only trying
        tells)."""
        folder = path.parent
        if not folder.exists():
            why = f"the folder {folder} does not exist"
        elif not folder.is_dir():
            why = f"{folder} is a file, not a folder"
        else:
            return ""
        return f"{why}, so there is no {path.name} to open and no new project can be made there"

    @classmethod
    def create(cls, path: Path, project: Project) -> OpenFile:
        """A new project file at ``path``; raises :class:`storage.SaveError` if one is there."""
        return cls(path, project, storage.save(project, path, create=True))

    def open_read_only(self, why: str) -> None:
        """Look at the file without editing it (someone else has it open for editing)."""
        self.read_only, self.read_only_why = True, why

    # -- the lock ------------------------------------------------------------------

    def take_lock(self, *, take_over: bool = False) -> None:
        """Mark the file as open for editing by this session.

        Raises :class:`~partnertui.storage.lock.LockHeld` when another session has
        it (unless ``take_over``), and ``OSError`` when no lock can be made there.
        """
        self.lock = locks.acquire(self.path, take_over=take_over, session=self.session)

    def lock_taken_by(self) -> locks.Owner | None:
        """Who took the file over from this session, if someone did.

        A lock file that simply went away (someone deleted it) is made again, so
        that others are still warned; ``None`` then, as when the lock is still ours.
        """
        if self.lock is None or self.lock.is_ours():
            return None
        owner = locks.read_owner(self.path)
        if owner is None:
            self.lock = None
            try:
                self.take_lock()
            except (OSError, locks.LockHeld):
                return locks.read_owner(self.path)
        return owner

    def close(self) -> None:
        """Let go of the file's lock, if this session still holds it; never raises."""
        if self.lock is not None:
            self.lock.release()
            self.lock = None

    # -- the file on disk ----------------------------------------------------------

    def _remember(self, project: Project, fingerprint: storage.Fingerprint | None) -> None:
        self.saved = project.snapshot()
        self.fingerprint = fingerprint
        self._seen = None
        if fingerprint is not None:
            try:
                status = os.stat(self.path)
            except OSError:
                return
            if (status.st_size, status.st_mtime_ns) == (fingerprint.size, fingerprint.mtime_ns):
                self._seen = (status.st_ino, status.st_size, status.st_mtime_ns)

    def check_disk(self) -> tuple[DiskState, storage.Fingerprint | None]:
        """Whether someone else changed or removed the file, and what it holds now.

        Cheap enough to run every few seconds: the file is only read and hashed when
        its size or modification time moved. A file only touched is still the same.
        """
        try:
            status = os.stat(self.path)
        except FileNotFoundError:
            return DiskState.MISSING, None
        except OSError:
            return DiskState.SAME, None  # cannot tell now; a save still checks the bytes
        key = (status.st_ino, status.st_size, status.st_mtime_ns)
        if key == self._seen:
            return DiskState.SAME, self.fingerprint
        try:
            current = storage.fingerprint(self.path)
        except OSError:
            return DiskState.SAME, None
        if current is None:
            return DiskState.MISSING, None
        if self.fingerprint is not None and current.sha256 == self.fingerprint.sha256:
            self._seen = key
            return DiskState.SAME, current
        return DiskState.CHANGED, current

    def read_current(self) -> Project:
        """The project as the file holds it now, without taking it up; raises
        :class:`storage.ProjectFileError` when it does not read."""
        return storage.read(self.path)[0]

    def reload(self) -> Project:
        """The file as it is now, taken up as what was last read; this session's
        recovery copy goes. Raises :class:`storage.ProjectFileError` (and changes
        nothing) when it does not read."""
        project, fingerprint = storage.read(self.path)
        self._remember(project, fingerprint)
        self.discard_recovery()
        return project

    # -- saving --------------------------------------------------------------------

    def _refuse_if_read_only(self) -> None:
        if self.read_only:
            raise storage.SaveError(
                self.path,
                f"{self.path} is open read-only ({self.read_only_why}); "
                "use “Save as” to keep a copy you can edit.",
            )

    def save(self, project: Project, *, despite_take_over: bool = False) -> None:
        """Write ``project`` to the file; raises :class:`storage.SaveError` in plain
        words, :class:`storage.ChangedOnDisk` when the file is no longer what was read,
        and :class:`TakenOver` when someone took the file over from this session
        (unless the person, told so, chose to save anyway)."""
        self._refuse_if_read_only()
        self._refuse_if_taken_over(despite_take_over)
        self._saved(project, storage.save(project, self.path, expected=self.fingerprint))

    def _refuse_if_taken_over(self, despite_take_over: bool) -> None:
        if not despite_take_over and self.lock is not None and not self.lock.is_ours():
            raise TakenOver(self.path, locks.read_owner(self.path))

    def overwrite(
        self,
        project: Project,
        current: storage.Fingerprint | None,
        *,
        despite_take_over: bool = False,
    ) -> None:
        """Save over a file someone else changed, now that the person has seen it.

        ``current`` is the file as the person was shown it (``None``: it was gone);
        if it changed again since, :class:`storage.ChangedOnDisk` is raised once more.
        Like :meth:`save`, it raises :class:`TakenOver` when someone took the file
        over from this session: the change on disk is then most likely their saved
        work, and they still hold the file.
        """
        self._refuse_if_read_only()
        self._refuse_if_taken_over(despite_take_over)
        if current is None:
            written = storage.save(project, self.path, create=True)
        else:
            written = storage.save(project, self.path, expected=current)
        self._saved(project, written)

    def save_as(self, project: Project, target: Path, *, replace: bool = False) -> None:
        """Save ``project`` to ``target`` and work on that file from now on.

        The new file is locked for this session before it is written; the old one's
        lock is let go. ``replace``: the person confirmed that an existing ``target``
        may be overwritten. Raises :class:`storage.SaveError` in plain words.
        """
        try:
            new_lock: locks.Lock | None = locks.acquire(target, session=self.session)
        except locks.LockHeld as held:
            raise storage.SaveError(
                target, f"{held} Choose another place, so that neither of you loses work."
            ) from None
        except OSError:
            new_lock = None  # the save itself will say why the folder cannot be written
        try:
            written = storage.save(project, target, create=not replace)
        except BaseException:
            if new_lock is not None:
                new_lock.release()
            raise
        self.discard_recovery()
        self.close()
        self.path, self.lock = target, new_lock
        self.read_only, self.read_only_why = False, ""
        self._saved(project, written)

    def save_as_target(self, typed: str) -> tuple[Path, bool]:
        """The file a person means by ``typed`` for "Save as", and whether it exists.

        A relative name is taken in the current folder and ``.toml`` is added when
        missing. Raises ``ValueError`` with the reason, in plain words, for a name
        that cannot be a copy: blank, a folder, or the very file that is open.
        """
        from partnertui.typed_paths import new_file  # not needed to open a file

        target = new_file(typed, Path.cwd())
        exists = target.exists()
        if exists and storage.same_file(target, self.path):
            raise ValueError("this is the file that is open; choose another name")
        return target, exists

    def suggested_copy(self) -> Path:
        """A free file name for a copy of this file, in a folder this user can write."""
        folder = self.path.parent.resolve()
        for candidate in (folder, Path.cwd(), Path.home()):
            if os.access(candidate, os.W_OK | os.X_OK):
                folder = candidate
                break
        stem = self.path.stem
        for n in range(1, 1000):
            name = f"{stem}-copy.toml" if n == 1 else f"{stem}-copy-{n}.toml"
            if not (folder / name).exists():
                return folder / name
        return folder / f"{stem}-copy.toml"

    def _saved(self, project: Project, fingerprint: storage.Fingerprint) -> None:
        self._remember(project, fingerprint)
        self.discard_recovery()

    # -- unsaved edits kept for after a crash --------------------------------------

    def write_recovery(self, project: Project) -> None:
        """Keep unsaved edits in this session's recovery copy; raises ``OSError`` when
        that fails. A read-only viewer keeps none: the file is not theirs to change."""
        if not self.read_only:
            owner = self.lock.owner if self.lock is not None else locks.Owner.me(self.session)
            recovery.write(self.path, project, owner)

    def discard_recovery(self) -> None:
        """Remove this session's recovery copy; never another session's. Never raises:
        it runs on the way out too (a copy that cannot be removed is found stale)."""
        if not self.read_only:
            with contextlib.suppress(OSError):
                recovery.discard(self.path, self.session)

    def find_recovery(self, current: Project) -> recovery.Findings:
        """Unsaved edits sessions that ended left, differing from ``current``, and
        copies that could not be read (set aside). Raises ``OSError`` when the folder
        cannot be read."""
        return recovery.find(self.path, current, session=self.session)

    def discard_found_recovery(self, found: recovery.Recovered) -> None:
        """Remove a copy an ended session left, once the person said so (or restored it:
        its edits are this session's unsaved edits then)."""
        with contextlib.suppress(FileNotFoundError):
            os.unlink(found.path)
