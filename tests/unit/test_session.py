"""The open file on its own, without a terminal: its lock, its watch over the disk,
saving (refused on a change nobody has seen), save as, and the recovery copy, every
write going through the one atomic writer."""

from __future__ import annotations

import json
import os
import shutil
from pathlib import Path

import pytest

from partnertui import storage
from partnertui.model import Partner, new_project
from partnertui.storage import atomic, recovery
from partnertui.storage import lock as locks
from partnertui.storage.session import DiskState, OpenFile, TakenOver, holding_lock

EXAMPLES = Path(__file__).resolve().parents[2] / "examples"


@pytest.fixture
def plan(tmp_path: Path) -> Path:
    path = tmp_path / "riverside.toml"
    shutil.copyfile(EXAMPLES / "riverside-youth.toml", path)
    return path


@pytest.fixture
def writes(monkeypatch: pytest.MonkeyPatch) -> list[Path]:
    """Every file the atomic writer puts in place, in order."""
    seen: list[Path] = []
    real = atomic.write

    def spy(target: Path, data: bytes, **options):
        seen.append(Path(target))
        return real(target, data, **options)

    monkeypatch.setattr(atomic, "write", spy)
    return seen


def edited(project):
    copy = project.snapshot()
    copy.partners.append(Partner(id="harbour-street-church", name="Harbour Street Church"))
    copy.partners.sort(key=lambda p: p.id)
    return copy


def test_opening_reads_the_project_and_remembers_its_bytes(plan: Path):
    opened, project = OpenFile.open(plan)
    assert project == storage.load(plan)
    assert opened.saved == project
    assert opened.fingerprint == storage.fingerprint(plan)
    assert not opened.read_only and opened.lock is None


def test_the_lock_is_taken_and_released(plan: Path):
    opened, _ = OpenFile.open(plan)
    opened.take_lock()
    assert locks.read_owner(plan) == opened.lock.owner
    with pytest.raises(locks.LockHeld):
        OpenFile.open(plan)[0].take_lock()
    opened.close()
    assert not locks.lock_path(plan).exists()
    opened.close()  # twice is harmless


def test_a_lock_taken_over_is_noticed_and_left_to_its_new_owner(plan: Path):
    opened, _ = OpenFile.open(plan)
    opened.take_lock()
    assert opened.lock_taken_by() is None
    other, _ = OpenFile.open(plan)
    other.take_lock(take_over=True)
    assert opened.lock_taken_by() == other.lock.owner
    opened.close()
    assert locks.read_owner(plan) == other.lock.owner


def test_a_lock_file_deleted_by_hand_is_made_again(plan: Path):
    opened, _ = OpenFile.open(plan)
    opened.take_lock()
    locks.lock_path(plan).unlink()
    assert opened.lock_taken_by() is None
    assert locks.read_owner(plan) == opened.lock.owner


def test_a_change_on_disk_is_seen_and_a_touch_is_not(plan: Path):
    opened, _ = OpenFile.open(plan)
    assert opened.check_disk()[0] is DiskState.SAME
    os.utime(plan, ns=(10**9, 10**9))
    assert opened.check_disk()[0] is DiskState.SAME
    plan.write_text(plan.read_text().replace("Riverside Youth", "Riverside Young"))
    state, current = opened.check_disk()
    assert state is DiskState.CHANGED and current == storage.fingerprint(plan)
    assert opened.read_current().project.name.startswith("Riverside Young")
    plan.unlink()
    assert opened.check_disk() == (DiskState.MISSING, None)


def test_saving_is_refused_on_a_change_nobody_has_seen(plan: Path, writes: list[Path]):
    opened, project = OpenFile.open(plan)
    plan.write_text(plan.read_text().replace("Riverside Youth", "Riverside Young"))
    theirs = plan.read_bytes()
    with pytest.raises(storage.ChangedOnDisk):
        opened.save(edited(project))
    assert plan.read_bytes() == theirs
    opened.overwrite(edited(project), storage.fingerprint(plan))  # once seen, and chosen
    assert storage.load(plan) == edited(project)
    assert writes == [plan]


def test_saving_writes_the_project_and_remembers_it(plan: Path, writes: list[Path]):
    opened, project = OpenFile.open(plan)
    mine = edited(project)
    opened.save(mine)
    assert storage.load(plan) == mine == opened.saved
    assert opened.fingerprint == storage.fingerprint(plan)
    assert opened.check_disk()[0] is DiskState.SAME
    assert writes == [plan]


def test_what_was_saved_stays_as_it_was_while_editing_goes_on(plan: Path):
    opened, project = OpenFile.open(plan)
    opened.save(project)
    project.partners.clear()
    assert opened.saved.partners


def test_a_read_only_file_is_never_written(plan: Path, monkeypatch: pytest.MonkeyPatch):
    real = os.access
    monkeypatch.setattr(os, "access", lambda p, mode: False if Path(p) == plan else real(p, mode))
    opened, project = OpenFile.open(plan)
    assert opened.read_only
    before = plan.read_bytes()
    with pytest.raises(storage.SaveError, match="read-only"):
        opened.save(edited(project))
    opened.write_recovery(edited(project))
    assert plan.read_bytes() == before
    assert recovery.files(plan) == []


def test_save_as_works_on_the_copy_and_moves_the_lock(plan: Path, tmp_path: Path):
    opened, project = OpenFile.open(plan)
    opened.take_lock()
    opened.write_recovery(edited(project))
    copy = tmp_path / "copy.toml"
    opened.save_as(edited(project), copy)
    assert opened.path == copy
    assert storage.load(copy) == edited(project)
    assert locks.read_owner(copy) == opened.lock.owner
    assert not locks.lock_path(plan).exists()
    assert recovery.files(plan) == []
    with pytest.raises(storage.SaveError, match="already exists"):
        opened.save_as(project, plan)
    opened.close()


def test_save_as_names_what_it_can_and_cannot_take(plan: Path, tmp_path: Path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    opened, _ = OpenFile.open(plan)
    assert opened.save_as_target("mine") == (tmp_path / "mine.toml", False)
    assert opened.save_as_target(str(plan.with_name("other.toml"))) == (
        tmp_path / "other.toml",
        False,
    )
    (tmp_path / "plans.toml").mkdir()
    for typed, why in (("", "write a file name"), ("plans.toml", "a folder")):
        with pytest.raises(ValueError, match=why):
            opened.save_as_target(typed)
    with pytest.raises(ValueError, match="the file that is open"):
        opened.save_as_target(str(plan))
    assert opened.suggested_copy() == tmp_path / "riverside-copy.toml"


def test_save_as_onto_an_existing_file_once_the_open_one_is_deleted(plan: Path, tmp_path: Path):
    """The "file gone" question offers Save elsewhere: naming a file that is there must
    ask before replacing it, not fail because the open file is no longer there."""
    opened, _ = OpenFile.open(plan)
    other = tmp_path / "other.toml"
    shutil.copyfile(plan, other)
    plan.unlink()
    assert opened.save_as_target(str(other)) == (other, True)


def test_recovery_is_written_found_and_restored(plan: Path, writes: list[Path]):
    opened, project = OpenFile.open(plan)
    opened.take_lock()
    mine = edited(project)
    opened.write_recovery(mine)
    assert writes == [recovery.recovery_path(plan, opened.session)]
    opened.close()  # a crash: the edits stay beside the file
    # (in a real crash the process is gone; here the copy says whose session it was)
    text = writes[0].read_text().replace(f'"pid": {os.getpid()}', '"pid": 999999999')
    writes[0].write_text(text)

    again, current = OpenFile.open(plan)
    again.take_lock()
    found = again.find_recovery(current).offer
    assert found is not None and found.project == mine
    again.discard_found_recovery(found)
    assert again.find_recovery(current).offer is None
    again.close()


def test_saving_or_reloading_removes_this_sessions_recovery_copy(plan: Path):
    opened, project = OpenFile.open(plan)
    opened.write_recovery(edited(project))
    opened.save(edited(project))
    assert recovery.files(plan) == []
    opened.write_recovery(project)
    assert opened.reload() == edited(project)
    assert recovery.files(plan) == []


def test_a_save_after_a_take_over_stops_and_says_who(plan: Path):
    opened, project = OpenFile.open(plan)
    opened.take_lock()
    other, _ = OpenFile.open(plan)
    other.take_lock(take_over=True)
    before = plan.read_bytes()
    with pytest.raises(TakenOver) as raised:
        opened.save(edited(project))
    assert raised.value.owner == other.lock.owner
    assert plan.read_bytes() == before
    opened.save(edited(project), despite_take_over=True)  # the person chose to
    assert storage.load(plan) == edited(project)
    assert locks.read_owner(plan) == other.lock.owner  # still theirs


def test_keeping_mine_over_a_change_after_a_take_over_stops_and_says_who(plan: Path):
    opened, project = OpenFile.open(plan)
    opened.take_lock()
    other, theirs = OpenFile.open(plan)
    other.take_lock(take_over=True)
    other.save(edited(theirs))  # their saved work: the change this session is shown
    state, current = opened.check_disk()
    assert state is DiskState.CHANGED
    for gone_or_changed in (current, None):
        with pytest.raises(TakenOver) as raised:
            opened.overwrite(project, gone_or_changed)
        assert raised.value.owner == other.lock.owner
    assert storage.load(plan) == edited(theirs)
    opened.overwrite(project, current, despite_take_over=True)  # the person chose to
    assert storage.load(plan) == project
    assert locks.read_owner(plan) == other.lock.owner  # still theirs


def test_two_sessions_on_one_file_keep_separate_recovery_copies(plan: Path):
    first, project = OpenFile.open(plan)
    first.take_lock()
    second, _ = OpenFile.open(plan)
    second.take_lock(take_over=True)
    first.write_recovery(edited(project))
    second.write_recovery(project.snapshot())
    assert len(recovery.files(plan)) == 2
    second.discard_recovery()
    [left] = recovery.files(plan)
    assert storage.load(left) == edited(project)


def test_a_new_file_is_created_and_never_over_another(tmp_path: Path, writes: list[Path]):
    path = tmp_path / "new.toml"
    opened = OpenFile.create(path, new_project("Fresh"))
    assert storage.load(path) == new_project("Fresh") == opened.saved
    with pytest.raises(storage.SaveError, match="already exists"):
        OpenFile.create(path, new_project("Other"))
    assert storage.load(path).project.name == "Fresh"
    assert writes == [path]


def test_a_command_holds_the_lock_while_it_writes_and_lets_it_go(plan: Path):
    with holding_lock(plan) as held:
        assert locks.read_owner(plan) == held.owner
        with pytest.raises(locks.LockHeld):  # a workbook opening it now is told
            locks.acquire(plan)
    assert not locks.lock_path(plan).exists()
    with pytest.raises(RuntimeError), holding_lock(plan):
        raise RuntimeError("the save failed")
    assert not locks.lock_path(plan).exists()


def test_a_command_takes_over_a_stale_lock_and_refuses_a_live_one(plan: Path):
    import subprocess
    import sys

    gone = subprocess.Popen([sys.executable, "-c", "pass"])
    gone.wait()
    stale = locks.Owner("sam", locks.Owner.me().host, gone.pid, "2026-11-01T09:00:00+00:00")
    locks.lock_path(plan).write_text(json.dumps(stale._asdict()))
    with holding_lock(plan) as held:
        assert held.is_ours()
    workbook = locks.acquire(plan)
    with pytest.raises(locks.LockHeld) as raised, holding_lock(plan):
        pytest.fail("written while a workbook has the file")
    assert raised.value.owner == workbook.owner
    assert locks.read_owner(plan) == workbook.owner


def no_lock_can_be_made(monkeypatch: pytest.MonkeyPatch) -> None:
    def refused(project, **options):
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr(locks, "acquire", refused)


def test_where_no_lock_can_be_made_a_command_writes_nothing(plan: Path, monkeypatch):
    no_lock_can_be_made(monkeypatch)
    with pytest.raises(storage.SaveError) as raised, holding_lock(plan):
        pytest.fail("written without a lock")
    assert str(raised.value) == (
        f"{plan} cannot be locked for writing (Permission denied); nothing was written."
    )


def test_survey_and_import_both_refuse_where_no_lock_can_be_made(plan: Path, monkeypatch):
    import datetime as dt

    from partnertui.survey import importing, outbox

    before = plan.read_bytes()
    project, read = storage.read(plan)
    no_lock_can_be_made(monkeypatch)
    with pytest.raises(importing.ImportRefused, match="cannot be locked for writing"):
        importing.write_locked(plan, project, read)
    out = plan.parent / "questionnaires"
    with pytest.raises(outbox.SurveyError, match="cannot be locked for writing") as raised:
        # Kick-off is recorded already: before, the pages were written with no lock.
        outbox.send_round(
            plan, "Kick-off", partner_ids=None, folder=out, today=dt.date(2026, 11, 24)
        )
    assert raised.value.status == 2 and "No questionnaire was written" in str(raised.value)
    assert not out.exists()
    assert plan.read_bytes() == before
