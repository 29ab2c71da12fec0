"""The one atomic writer: all or nothing, flushed before the swap, the old file's mode,
owner and group kept, and the step that failed named."""

from __future__ import annotations

import errno
import os
import stat
from pathlib import Path

import pytest

from partnertui.storage import atomic


def test_a_new_file_gets_the_data_and_the_usual_mode(tmp_path: Path):
    target = tmp_path / "report.html"
    umask = os.umask(0o022)
    try:
        status = atomic.write(target, b"<p>hello</p>")
    finally:
        os.umask(umask)
    assert target.read_bytes() == b"<p>hello</p>"
    assert stat.S_IMODE(status.st_mode) == 0o644
    assert sorted(p.name for p in tmp_path.iterdir()) == ["report.html"]


def test_replacing_keeps_the_old_files_mode(tmp_path: Path):
    target = tmp_path / "plan.toml"
    target.write_bytes(b"old")
    target.chmod(0o640)
    atomic.write(target, b"new")
    assert target.read_bytes() == b"new"
    assert stat.S_IMODE(target.stat().st_mode) == 0o640


def test_a_private_file_is_private_from_its_first_byte(tmp_path: Path, monkeypatch):
    modes: list[int] = []
    real_open = os.open

    def spy(path, flags, mode=0o777, *args, **kwargs):
        if flags & os.O_CREAT:
            modes.append(mode)
        return real_open(path, flags, mode, *args, **kwargs)

    monkeypatch.setattr(os, "open", spy)
    target = tmp_path / ".plan.toml.recovery"
    atomic.write(target, b"secret", mode=0o600)
    assert modes == [0o600]
    assert stat.S_IMODE(target.stat().st_mode) == 0o600


@pytest.mark.skipif(os.geteuid() != 0, reason="only root may give a file to someone else")
def test_replacing_keeps_the_old_files_owner_and_group(tmp_path: Path):
    target = tmp_path / "shared.toml"
    target.write_bytes(b"old")
    os.chown(target, 4321, 4322)
    atomic.write(target, b"new")
    status = target.stat()
    assert (status.st_uid, status.st_gid) == (4321, 4322)


def test_the_data_is_on_disk_before_the_swap(tmp_path: Path, monkeypatch):
    events: list[str] = []
    real_fsync, real_replace = os.fsync, os.replace
    monkeypatch.setattr(os, "fsync", lambda fd: (events.append("fsync"), real_fsync(fd))[1])
    monkeypatch.setattr(
        os, "replace", lambda a, b: (events.append("replace"), real_replace(a, b))[1]
    )
    atomic.write(tmp_path / "plan.toml", b"data")
    assert events[:2] == ["fsync", "replace"]


@pytest.mark.parametrize(
    ("step", "failing"),
    [("create", "open"), ("write", "write"), ("write", "fsync"), ("replace", "replace")],
)
def test_a_failure_leaves_the_old_file_and_names_its_step(
    tmp_path: Path, monkeypatch, step: str, failing: str
):
    target = tmp_path / "plan.toml"
    target.write_bytes(b"old")
    real = getattr(os, failing)

    def fail(*args, **kwargs):
        if failing == "open" and not args[1] & os.O_CREAT:
            return real(*args, **kwargs)
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(os, failing, fail)
    with pytest.raises(atomic.WriteError) as raised:
        atomic.write(target, b"new")
    monkeypatch.undo()
    assert raised.value.step == step
    assert raised.value.errno == errno.ENOSPC
    assert target.read_bytes() == b"old"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["plan.toml"]


def test_a_last_look_before_the_swap_can_call_it_off(tmp_path: Path):
    target = tmp_path / "plan.toml"
    target.write_bytes(b"old")

    def changed_meanwhile() -> None:
        raise RuntimeError("someone saved meanwhile")

    with pytest.raises(RuntimeError, match="meanwhile"):
        atomic.write(target, b"new", before_swap=changed_meanwhile)
    assert target.read_bytes() == b"old"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["plan.toml"]


@pytest.mark.parametrize("mode", [0o600, 0o640])
def test_replacing_a_private_file_never_lets_others_read_the_new_data(
    tmp_path: Path, monkeypatch, mode: int
):
    target = tmp_path / "plan.toml"
    target.write_bytes(b"old")
    target.chmod(mode)
    modes_while_written: list[int] = []
    real_write = os.write

    def spy(fd, data):
        modes_while_written.append(stat.S_IMODE(os.fstat(fd).st_mode))
        return real_write(fd, data)

    monkeypatch.setattr(os, "write", spy)
    umask = os.umask(0o022)
    try:
        atomic.write(target, b"contacts and notes")
    finally:
        os.umask(umask)
    assert modes_while_written == [mode]  # a crash leaves a temporary file no more open
    assert stat.S_IMODE(target.stat().st_mode) == mode


def test_a_kept_mode_is_exact_whatever_the_umask(tmp_path: Path):
    target = tmp_path / "shared.toml"
    target.write_bytes(b"old")
    target.chmod(0o664)
    umask = os.umask(0o077)
    try:
        atomic.write(target, b"new")
    finally:
        os.umask(umask)
    assert stat.S_IMODE(target.stat().st_mode) == 0o664


def test_a_symlink_is_written_through_and_kept(tmp_path: Path):
    dotfiles = tmp_path / "dotfiles"
    dotfiles.mkdir()
    real = dotfiles / "attributes"
    real.write_bytes(b"old")
    real.chmod(0o640)
    link = tmp_path / "attributes"
    link.symlink_to(Path("dotfiles") / "attributes")  # relative, as dotfiles managers make them
    chained = tmp_path / "chained"
    chained.symlink_to(link)
    atomic.write(chained, b"new")
    assert link.is_symlink() and chained.is_symlink()
    assert real.read_bytes() == b"new"
    assert stat.S_IMODE(real.stat().st_mode) == 0o640
    assert sorted(p.name for p in dotfiles.iterdir()) == ["attributes"]


def test_a_symlink_to_a_file_not_made_yet_makes_it(tmp_path: Path):
    link = tmp_path / "report.html"
    link.symlink_to(tmp_path / "shared-report.html")
    atomic.write(link, b"<p>hello</p>")
    assert link.is_symlink()
    assert (tmp_path / "shared-report.html").read_bytes() == b"<p>hello</p>"
