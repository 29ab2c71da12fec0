"""The lock beside an open project file: who has it, stale locks, letting go."""

from __future__ import annotations

import json
import os
import socket
import subprocess
import sys
from pathlib import Path

import pytest

from partnertui.storage import lock as locks


@pytest.fixture
def plan(tmp_path: Path) -> Path:
    path = tmp_path / "plan.toml"
    path.write_text("schema_version = 1\n")
    return path


def write_lock(plan: Path, **fields: object) -> Path:
    owner = {"user": "dana", "host": socket.gethostname(), "pid": os.getpid(), "since": "x"}
    owner.update(fields)
    path = locks.lock_path(plan)
    path.write_text(json.dumps(owner))
    return path


def dead_pid() -> int:
    process = subprocess.Popen([sys.executable, "-c", "pass"])
    process.wait()
    return process.pid


def test_the_lock_sits_beside_the_file_as_a_hidden_file(plan: Path):
    assert locks.lock_path(plan) == plan.parent / ".plan.toml.lock"


def test_acquire_writes_who_where_which_process_and_since_when(plan: Path):
    held = locks.acquire(plan)
    data = json.loads(locks.lock_path(plan).read_text())
    assert data["pid"] == os.getpid()
    assert data["host"] == socket.gethostname()
    assert data["user"]
    assert data["since"][:4].isdigit() and "T" in data["since"]
    assert locks.read_owner(plan) == held.owner
    assert held.is_ours()


def test_a_second_acquire_is_told_who_has_it(plan: Path):
    locks.acquire(plan)
    with pytest.raises(locks.LockHeld) as raised:
        locks.acquire(plan)
    assert raised.value.owner is not None and raised.value.owner.pid == os.getpid()
    assert "open for editing by" in str(raised.value)


def test_release_removes_only_a_lock_that_is_still_ours(plan: Path):
    held = locks.acquire(plan)
    held.release()
    assert not locks.lock_path(plan).exists()

    held = locks.acquire(plan)
    theirs = write_lock(plan, user="sam", pid=12345)  # sam took it over meanwhile
    held.release()
    assert theirs.exists() and json.loads(theirs.read_text())["user"] == "sam"


def test_take_over_replaces_someone_elses_lock(plan: Path):
    write_lock(plan, user="sam", pid=1)
    held = locks.acquire(plan, take_over=True)
    assert locks.read_owner(plan) == held.owner
    assert held.owner.pid == os.getpid()


def test_a_lock_of_a_finished_process_on_this_host_is_stale(plan: Path):
    write_lock(plan, pid=dead_pid())
    owner = locks.read_owner(plan)
    assert owner is not None and owner.is_stale()


def test_a_lock_of_a_running_process_or_another_host_is_not_stale(plan: Path):
    write_lock(plan, pid=os.getpid())
    assert not locks.read_owner(plan).is_stale()
    write_lock(plan, pid=dead_pid(), host="some-other-server")
    assert not locks.read_owner(plan).is_stale()


def test_an_unreadable_lock_still_holds_the_file(plan: Path):
    locks.lock_path(plan).write_text("not json")
    with pytest.raises(locks.LockHeld) as raised:
        locks.acquire(plan)
    assert raised.value.owner is None
    assert "cannot be read" in str(raised.value)


def test_describe_says_it_in_words():
    owner = locks.Owner("dana", "server1", 4242, "2026-11-24T09:15:00+00:00")
    assert owner.describe() == "dana on server1 (process 4242) since 2026-11-24 09:15"


def test_a_lock_that_cannot_be_written_in_full_is_not_left_behind(plan: Path, monkeypatch):
    import errno

    def full(fd, data):
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(os, "write", full)
    with pytest.raises(OSError):
        locks.acquire(plan)
    monkeypatch.undo()
    assert not locks.lock_path(plan).exists()
    assert locks.acquire(plan).is_ours()  # nothing stops the next open


@pytest.mark.parametrize("content", ["", "not json", '{"user": "dana"'])
def test_an_unreadable_lock_is_stale_once_it_is_not_being_written(plan: Path, content: str):
    lock = locks.lock_path(plan)
    lock.write_text(content)
    with pytest.raises(locks.LockHeld) as fresh:
        locks.acquire(plan)
    assert not fresh.value.stale  # it may be being written just now
    old = os.stat(lock).st_mtime - 60
    os.utime(lock, (old, old))
    with pytest.raises(locks.LockHeld) as left:
        locks.acquire(plan)
    assert left.value.owner is None and left.value.stale


def test_letting_go_never_raises_even_when_the_folder_refuses(plan: Path, monkeypatch):
    held = locks.acquire(plan)

    def refused(path):
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr(os, "unlink", refused)
    assert held.release() is False
    monkeypatch.undo()
    assert held.release() is True


def test_a_lock_appears_whole_or_not_at_all(plan: Path, monkeypatch):
    seen_while_written: list[bool] = []
    real_write = os.write

    def spy(fd, data):
        seen_while_written.append(locks.lock_path(plan).exists())
        return real_write(fd, data)

    monkeypatch.setattr(os, "write", spy)
    held = locks.acquire(plan)
    monkeypatch.undo()
    assert seen_while_written and not any(seen_while_written)
    assert locks.read_owner(plan) == held.owner
    assert sorted(p.name for p in plan.parent.iterdir()) == [".plan.toml.lock", "plan.toml"]


def test_taking_over_never_leaves_the_file_without_a_lock(plan: Path, monkeypatch):
    write_lock(plan, user="sam", pid=dead_pid())
    removed: list[str] = []
    real_unlink = os.unlink

    def spy(path, *args, **kwargs):
        removed.append(os.path.basename(path))
        return real_unlink(path, *args, **kwargs)

    monkeypatch.setattr(os, "unlink", spy)
    held = locks.acquire(plan, take_over=True)
    monkeypatch.undo()
    assert ".plan.toml.lock" not in removed
    assert locks.read_owner(plan) == held.owner
    assert sorted(p.name for p in plan.parent.iterdir()) == [".plan.toml.lock", "plan.toml"]


def test_a_lock_is_readable_by_others_whatever_the_umask(plan: Path):
    umask = os.umask(0o077)
    try:
        locks.acquire(plan)
    finally:
        os.umask(umask)
    assert locks.lock_path(plan).stat().st_mode & 0o777 == 0o644


def test_on_a_disk_without_hard_links_the_lock_is_still_exclusive(plan: Path, monkeypatch):
    import errno

    def no_links(source, target):
        raise OSError(errno.EPERM, "Operation not permitted")

    monkeypatch.setattr(os, "link", no_links)
    held = locks.acquire(plan)
    assert locks.read_owner(plan) == held.owner
    with pytest.raises(locks.LockHeld):
        locks.acquire(plan)
    assert sorted(p.name for p in plan.parent.iterdir()) == [".plan.toml.lock", "plan.toml"]


def test_holder_says_who_has_the_file_and_passes_over_stale_locks(plan: Path):
    assert locks.holder(plan) is None
    held = locks.acquire(plan)
    live = locks.holder(plan)
    assert live is not None and live.owner == held.owner and "open for editing by" in str(live)
    write_lock(plan, pid=dead_pid())
    assert locks.holder(plan) is None
    lock = locks.lock_path(plan)
    lock.write_text("")
    fresh = locks.holder(plan)
    assert fresh is not None and fresh.owner is None and "cannot be read" in fresh.who
    old = os.stat(lock).st_mtime - 60
    os.utime(lock, (old, old))
    assert locks.holder(plan) is None
