"""Saving: canonical bytes, all or nothing, permissions kept, other people's edits kept."""

from __future__ import annotations

import errno
import os
import stat
from pathlib import Path

import pytest

from partnertui import storage
from partnertui.model import Partner, new_project
from partnertui.storage import ChangedOnDisk, SaveError


@pytest.fixture
def plan(examples: Path) -> Path:
    return examples / "riverside-youth.toml"


def leftovers(folder: Path) -> list[str]:
    """Files in ``folder`` that look like our temp files."""
    return sorted(p.name for p in folder.iterdir() if ".partnertui-" in p.name)


def test_save_writes_canonical_bytes_and_returns_their_fingerprint(tmp_path: Path):
    path = tmp_path / "plan.toml"
    project = new_project("Riverside", "Riverside Community Association")
    written = storage.save(project, path)
    assert path.read_bytes() == storage.dumps(project).encode()
    assert written == storage.fingerprint(path)
    assert storage.load(path) == project
    assert leftovers(tmp_path) == []


def test_saving_an_opened_file_unchanged_gives_the_same_bytes(plan: Path):
    before = plan.read_bytes()
    project, loaded = storage.read(plan)
    storage.save(project, plan, expected=loaded)
    assert plan.read_bytes() == before


def test_save_keeps_the_file_mode(plan: Path):
    os.chmod(plan, 0o640)
    project, loaded = storage.read(plan)
    project.project.community = "Riverside East"
    storage.save(project, plan, expected=loaded)
    assert stat.S_IMODE(plan.stat().st_mode) == 0o640
    assert storage.load(plan).project.community == "Riverside East"


def test_new_file_gets_the_usual_mode_for_new_files(tmp_path: Path):
    old_umask = os.umask(0o027)
    try:
        storage.save(new_project("Riverside"), tmp_path / "plan.toml")
    finally:
        os.umask(old_umask)
    assert stat.S_IMODE((tmp_path / "plan.toml").stat().st_mode) == 0o640


def test_create_refuses_an_existing_file(plan: Path):
    before = plan.read_bytes()
    with pytest.raises(SaveError) as raised:
        storage.save(new_project("Other"), plan, create=True)
    assert str(raised.value) == f"{plan} already exists; partnertui will not overwrite it."
    assert raised.value.path == str(plan)
    assert plan.read_bytes() == before
    assert leftovers(plan.parent) == []


def test_create_makes_a_new_file(tmp_path: Path):
    path = tmp_path / "new.toml"
    storage.save(new_project("Fresh start"), path, create=True)
    assert storage.load(path).project.name == "Fresh start"


def test_save_through_a_symlink_keeps_the_link(plan: Path):
    link = plan.parent / "link.toml"
    link.symlink_to(plan.name)
    project = storage.load(link)
    project.project.community = "Linked"
    storage.save(project, link)
    assert link.is_symlink()
    assert storage.load(plan).project.community == "Linked"


def test_a_project_that_would_not_load_again_is_never_written(plan: Path):
    before = plan.read_bytes()
    project = storage.load(plan)
    # Screens edit the model in place, where pydantic does not re-check; save must.
    project.partners.append(project.partners[0].model_copy())
    with pytest.raises(SaveError) as raised:
        storage.save(project, plan)
    message = str(raised.value)
    assert message.startswith(f"{plan} was not saved: the project has problems")
    assert f'two partners have the id "{project.partners[0].id}"' in message
    assert plan.read_bytes() == before
    assert leftovers(plan.parent) == []


# -- someone else changed the file ---------------------------------------------------------


def test_file_changed_since_it_was_read_is_not_overwritten(plan: Path):
    project, loaded = storage.read(plan)
    theirs = plan.read_text().replace("Riverside Youth Safety Circle", "Their new name")
    plan.write_text(theirs)
    project.project.community = "Ours"
    with pytest.raises(ChangedOnDisk) as raised:
        storage.save(project, plan, expected=loaded)
    assert raised.value.current == storage.fingerprint(plan)
    assert "changed by someone or something else since it was opened" in str(raised.value)
    assert "nothing was written" in str(raised.value)
    assert plan.read_text() == theirs
    assert leftovers(plan.parent) == []


def test_file_deleted_since_it_was_read(plan: Path):
    project, loaded = storage.read(plan)
    plan.unlink()
    with pytest.raises(ChangedOnDisk) as raised:
        storage.save(project, plan, expected=loaded)
    assert raised.value.current is None
    assert (
        str(raised.value)
        == f"{plan} was deleted or moved since it was opened; nothing was written."
    )
    assert not plan.exists()
    assert leftovers(plan.parent) == []


def test_file_touched_but_not_changed_saves(plan: Path):
    project, loaded = storage.read(plan)
    os.utime(plan, ns=(loaded.mtime_ns + 10**9, loaded.mtime_ns + 10**9))
    project.project.community = "Touched"
    storage.save(project, plan, expected=loaded)
    assert storage.load(plan).project.community == "Touched"


def test_change_made_while_saving_is_caught_just_before_the_swap(
    plan: Path, monkeypatch: pytest.MonkeyPatch
):
    project, loaded = storage.read(plan)
    theirs = plan.read_bytes() + b"# their comment\n"
    real_fsync = os.fsync

    def someone_saves_meanwhile(fd: int) -> None:
        real_fsync(fd)
        plan.write_bytes(theirs)

    monkeypatch.setattr(os, "fsync", someone_saves_meanwhile)
    with pytest.raises(ChangedOnDisk):
        storage.save(project, plan, expected=loaded)
    assert plan.read_bytes() == theirs
    assert leftovers(plan.parent) == []


def test_consecutive_saves_chain_their_fingerprints(plan: Path):
    project, loaded = storage.read(plan)
    project.project.community = "First"
    after_first = storage.save(project, plan, expected=loaded)
    project.project.community = "Second"
    storage.save(project, plan, expected=after_first)
    assert storage.load(plan).project.community == "Second"


# -- failures leave the old file alone ---------------------------------------------------------


def failing(code: int):
    def fail(*args, **kwargs):
        raise OSError(code, os.strerror(code))

    return fail


def changed_project(plan: Path):
    project, loaded = storage.read(plan)
    project.partners.append(Partner(id="zz-new-partner", name="New partner"))
    return project, loaded


@pytest.mark.parametrize(
    ("step", "code", "reason"),
    [
        ("write", errno.ENOSPC, "The disk is full"),
        ("write", errno.EDQUOT, "Your disk quota is used up"),
        ("fsync", errno.EIO, "The disk reported an error while writing"),
        ("chmod", errno.EPERM, "partnertui is not allowed to write in"),
        ("replace", errno.EACCES, "partnertui is not allowed to write in"),
        ("replace", errno.EROFS, "is read-only"),
        ("replace", errno.EXDEV, "Saving failed (Invalid cross-device link)"),
    ],
)
def test_failure_at_any_step_leaves_the_old_file_intact(
    plan: Path, monkeypatch: pytest.MonkeyPatch, step: str, code: int, reason: str
):
    before = plan.read_bytes()
    mode = stat.S_IMODE(plan.stat().st_mode)
    project, loaded = changed_project(plan)
    monkeypatch.setattr(os, step, failing(code))
    with pytest.raises(SaveError) as raised:
        storage.save(project, plan, expected=loaded)
    monkeypatch.undo()
    message = str(raised.value)
    assert reason in message
    assert message.endswith(f"; nothing was written and {plan} is unchanged.")
    assert "Traceback" not in message and "Errno" not in message
    assert plan.read_bytes() == before
    assert stat.S_IMODE(plan.stat().st_mode) == mode
    assert leftovers(plan.parent) == []


def test_a_protected_file_in_a_writable_folder_says_the_file_refuses(
    plan: Path, monkeypatch: pytest.MonkeyPatch
):
    project, loaded = changed_project(plan)
    monkeypatch.setattr(os, "replace", failing(errno.EPERM))  # what an immutable file does
    with pytest.raises(SaveError) as raised:
        storage.save(project, plan, expected=loaded)
    message = str(raised.value)
    assert message.startswith(f"partnertui is not allowed to replace {plan.name}: the file")
    assert "write in" not in message
    assert message.endswith(f"nothing was written and {plan} is unchanged.")


def test_disk_full_reads_plainly(plan: Path, monkeypatch: pytest.MonkeyPatch):
    project, loaded = changed_project(plan)
    monkeypatch.setattr(os, "write", failing(errno.ENOSPC))
    with pytest.raises(SaveError) as raised:
        storage.save(project, plan, expected=loaded)
    assert str(raised.value) == f"The disk is full; nothing was written and {plan} is unchanged."


def test_failure_to_create_the_temp_file(plan: Path, monkeypatch: pytest.MonkeyPatch):
    before = plan.read_bytes()
    project, loaded = changed_project(plan)
    real_open = os.open

    def no_new_files(path, flags, *args, **kwargs):
        if flags & os.O_CREAT:
            raise PermissionError(errno.EACCES, "Permission denied")
        return real_open(path, flags, *args, **kwargs)

    monkeypatch.setattr(os, "open", no_new_files)
    with pytest.raises(SaveError) as raised:
        storage.save(project, plan, expected=loaded)
    assert str(raised.value) == (
        f"partnertui is not allowed to write in {plan.parent}; "
        f"nothing was written and {plan} is unchanged."
    )
    assert plan.read_bytes() == before


def test_failure_creating_a_new_file_says_it_was_not_created(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
):
    path = tmp_path / "new.toml"
    monkeypatch.setattr(os, "replace", failing(errno.ENOSPC))
    with pytest.raises(SaveError) as raised:
        storage.save(new_project("Fresh"), path, create=True)
    assert str(raised.value) == f"The disk is full; nothing was written and {path} was not created."
    assert list(tmp_path.iterdir()) == []


def test_saving_into_a_missing_folder(tmp_path: Path):
    path = tmp_path / "no-such-folder" / "plan.toml"
    with pytest.raises(SaveError) as raised:
        storage.save(new_project("Fresh"), path)
    assert str(raised.value).startswith(f"The folder {path.parent} does not exist")


def test_short_writes_are_completed(tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    real_write = os.write
    monkeypatch.setattr(os, "write", lambda fd, data: real_write(fd, bytes(data[:7])))
    path = tmp_path / "plan.toml"
    project = new_project("A project whose text takes many short writes")
    storage.save(project, path)
    assert path.read_bytes() == storage.dumps(project).encode()


def test_temp_file_sits_beside_the_target_hidden_and_named_for_us(
    plan: Path, monkeypatch: pytest.MonkeyPatch
):
    seen: list[Path] = []
    real_replace = os.replace

    def spy(source, target):
        seen.append(Path(source))
        real_replace(source, target)

    monkeypatch.setattr(os, "replace", spy)
    project, loaded = storage.read(plan)
    storage.save(project, plan, expected=loaded)
    [temp] = seen
    assert temp.parent == plan.parent
    assert temp.name.startswith(f".{plan.name}.partnertui-")
    assert temp.name.endswith(".tmp")
    assert not temp.exists()


def test_save_flushes_the_file_to_disk_before_the_swap(plan: Path, monkeypatch: pytest.MonkeyPatch):
    events: list[str] = []
    real_fsync, real_replace = os.fsync, os.replace
    monkeypatch.setattr(os, "fsync", lambda fd: (events.append("fsync"), real_fsync(fd))[1])
    monkeypatch.setattr(
        os, "replace", lambda a, b: (events.append("replace"), real_replace(a, b))[1]
    )
    project, loaded = storage.read(plan)
    storage.save(project, plan, expected=loaded)
    assert events[:2] == ["fsync", "replace"]


def test_text_that_is_not_a_project_yet_is_saved_the_same_safe_way(plan: Path):
    data, read = storage.read_bytes(plan)
    assert read == storage.fingerprint(plan)
    merged = data.decode() + "<<<<<<< ours\nname = 1\n=======\nname = 2\n>>>>>>> theirs\n"
    written = storage.save_text(plan, merged, expected=read)
    assert plan.read_text() == merged and written == storage.fingerprint(plan)
    plan.write_text("edited by hand meanwhile\n")
    with pytest.raises(ChangedOnDisk):
        storage.save_text(plan, merged, expected=written)
    assert plan.read_text() == "edited by hand meanwhile\n"
    assert leftovers(plan.parent) == []
    with pytest.raises(storage.UnreadableFile, match="there is no such file"):
        storage.read_bytes(plan.parent / "nothere.toml")
