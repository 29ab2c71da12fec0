"""Reading a large project file on another processor while the workbook starts.

Opening a project of a couple of thousand partners spends most of its time in
tomllib, which is pure Python, and the workbook's start spends most of its own in
importing Textual and pydantic: both need a processor, and one process has one at
a time. So the command line starts the reading first, in a forked copy of itself
that reads the bytes and parses them, and goes on to start the workbook; when the
workbook asks for the project, the parsed tables come back over a pipe, ready to
be checked as usual.

Only the usual case is sped up. Anything unusual (a file too small to be worth
it, no fork on this system, bytes that are not UTF-8, broken TOML, a merge
conflict, a value nested too deeply, the child gone) leaves the file to be read
the ordinary way, which words every problem; so what the person sees never
depends on the read-ahead.
"""

from __future__ import annotations

import contextlib
import os
import pickle
from pathlib import Path
from typing import Any, NamedTuple

__all__ = ["MIN_BYTES", "Parsed", "start", "take"]

MIN_BYTES = 256 * 1024
"""Smaller files are parsed in a few milliseconds, less than starting the child costs."""


class Parsed(NamedTuple):
    """A file's tables as tomllib read them, and the bytes' fingerprint."""

    data: dict[str, Any]
    sha256: str
    size: int
    mtime_ns: int


_pending: dict[str, tuple[int, int]] = {}
"""Child process and the read end of its pipe, by the file's real path."""


def start(path: Path, max_bytes: int) -> bool:
    """Start reading ``path`` ahead, if it is worth it here; whether it was started."""
    if not hasattr(os, "fork"):
        return False
    try:
        real = os.path.realpath(path)
        size = os.stat(real).st_size
    except OSError:
        return False
    if not MIN_BYTES <= size <= max_bytes or real in _pending:
        return False
    read_end, write_end = os.pipe()
    try:
        child = os.fork()
    except OSError:
        os.close(read_end)
        os.close(write_end)
        return False
    if child == 0:  # pragma: no cover  (runs in the child, which never returns)
        os.close(read_end)
        _in_the_child(real, max_bytes, write_end)
    os.close(write_end)
    _pending[real] = (child, read_end)
    return True


def _in_the_child(real: str, max_bytes: int, out: int) -> None:  # pragma: no cover
    """Parse the file and send what was found; never return into the parent's code."""
    status = 1
    try:
        import hashlib
        import tomllib

        with open(real, "rb") as f:
            raw = f.read(max_bytes + 1)
            mtime_ns = os.fstat(f.fileno()).st_mtime_ns
        found: Parsed | None = None
        text = raw.decode("utf-8").removeprefix("\ufeff") if len(raw) <= max_bytes else ""
        # A merge conflict is worded by the ordinary reading, from the text.
        # So is a value nested too deeply for tomllib, found before it recurses.
        from partnertui.storage import limits

        hostile = "<<<<<<<" in text or ">>>>>>>" in text or limits.too_deep(text) is not None
        if text and not hostile:
            data = tomllib.loads(text)
            found = Parsed(data, hashlib.sha256(raw).hexdigest(), len(raw), mtime_ns)
        payload = pickle.dumps(found, protocol=pickle.HIGHEST_PROTOCOL)
        view = memoryview(payload)
        while view:
            view = view[os.write(out, view) :]
        status = 0
    except BaseException:  # anything at all: the parent reads the file itself
        pass
    finally:
        os._exit(status)


def take(path: Path) -> Parsed | None:
    """What was read ahead for ``path``, once; ``None`` when nothing usable was."""
    entry = _pending.pop(os.path.realpath(path), None)
    if entry is None:
        return None
    child, read_end = entry
    chunks: list[bytes] = []
    try:
        while chunk := os.read(read_end, 1 << 20):
            chunks.append(chunk)
    except OSError:
        chunks = []
    finally:
        os.close(read_end)
        with contextlib.suppress(ChildProcessError):
            os.waitpid(child, 0)
    try:
        found = pickle.loads(b"".join(chunks)) if chunks else None
    except Exception:  # a child that died halfway
        return None
    return found if isinstance(found, Parsed) else None
