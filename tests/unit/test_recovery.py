"""Unsaved edits kept beside the file, and the workbook's watch over the file on disk."""

from __future__ import annotations

import os
import shutil
import stat
from pathlib import Path

import pytest

from partnertui import storage
from partnertui.model import Action, Assessment, Partner
from partnertui.storage import lock as locks
from partnertui.storage import recovery
from partnertui.storage.session import DiskState, OpenFile
from partnertui.tui.workbook import EditRefused, Workbook

EXAMPLES = Path(__file__).resolve().parents[2] / "examples"


@pytest.fixture
def plan(tmp_path: Path) -> Path:
    path = tmp_path / "riverside.toml"
    shutil.copyfile(EXAMPLES / "riverside-youth.toml", path)
    return path


def open_workbook(path: Path) -> tuple[Workbook, OpenFile]:
    """A workbook on ``path`` and the open file it is kept in, as the app opens them."""
    file, project = OpenFile.open(path)
    return Workbook(project, file), file


def with_new_partner(plan: Path, name: str = "Harbour Street Church"):
    project = storage.load(plan)
    project.partners.append(Partner(id="harbour-street-church", name=name))
    project.partners.sort(key=lambda p: p.id)
    return project


# -- the recovery file ---------------------------------------------------------------


def test_recovery_is_canonical_private_and_beside_the_file(plan: Path):
    project = with_new_partner(plan)
    written = recovery.write(plan, project)
    assert written == plan.parent / ".riverside.toml.recovery"
    assert written.read_text() == storage.dumps(project)
    assert stat.S_IMODE(written.stat().st_mode) == 0o600
    assert sorted(p.name for p in plan.parent.iterdir()) == [
        ".riverside.toml.recovery",
        "riverside.toml",
    ]  # no temporary file left behind
    recovery.discard(plan)
    assert not written.exists()
    recovery.discard(plan)  # nothing there: nothing to do


def test_find_offers_edits_that_differ_from_the_file(plan: Path):
    current = storage.load(plan)
    edited = with_new_partner(plan)
    recovery.write(plan, edited)
    found = recovery.find(plan, current).offer
    assert found is not None
    assert found.project == edited
    assert not found.saved_after
    assert recovery.recovery_path(plan).exists()  # kept until the person decides


def test_find_drops_a_recovery_file_equal_to_the_file(plan: Path):
    current = storage.load(plan)
    recovery.write(plan, current)
    assert recovery.find(plan, current).offer is None
    assert not recovery.recovery_path(plan).exists()


def test_find_says_when_the_file_was_saved_after_the_edits(plan: Path):
    written = recovery.write(plan, with_new_partner(plan))
    os.utime(written, ns=(1_000_000_000, 1_000_000_000))
    assert recovery.find(plan, storage.load(plan)).offer.saved_after


@pytest.mark.parametrize("content", [b"schema_version = 1\n[project\n", b"\xff\xfe\x00junk"])
def test_an_unreadable_recovery_file_is_kept_aside_and_reported(plan: Path, content: bytes):
    recovery.recovery_path(plan).write_bytes(content)
    found = recovery.find(plan, storage.load(plan))
    assert found.offer is None
    [broken] = found.broken
    kept = plan.parent / ".riverside.toml.recovery.broken"
    assert broken.kept == kept
    assert kept.read_bytes() == content
    assert not recovery.recovery_path(plan).exists()
    assert "cannot be read" in str(broken) and str(kept) in str(broken)


def test_each_session_keeps_its_edits_in_a_file_of_its_own(plan: Path):
    mine, theirs = locks.Owner.me(), locks.Owner.me()
    first = recovery.write(plan, with_new_partner(plan, "Harbour Street Church"), mine)
    second = recovery.write(plan, with_new_partner(plan, "Lighthouse Mission"), theirs)
    assert first != second
    assert first.name == f".riverside.toml.{mine.session}.recovery"
    assert recovery.files(plan) == sorted([first, second])
    assert "Harbour" in first.read_text() and "Lighthouse" in second.read_text()
    text = first.read_text()
    assert text.startswith('# Unsaved edits of "riverside.toml", kept by partnertui for ')
    assert text.split("\n", 2)[2] == storage.dumps(with_new_partner(plan))
    recovery.discard(plan, mine.session)
    assert recovery.files(plan) == [second]


def test_copies_of_sessions_still_running_here_are_left_to_them(plan: Path):
    alive = locks.Owner.me()  # this very process: still running, another session
    recovery.write(plan, with_new_partner(plan), alive)
    assert recovery.find(plan, storage.load(plan), session="other").offer is None
    assert recovery.files(plan) != []  # untouched
    ended = alive._replace(pid=dead_pid(), session=locks.new_session())
    recovery.write(plan, with_new_partner(plan, "Lighthouse Mission"), ended)
    found = recovery.find(plan, storage.load(plan), session="other").offer
    assert found is not None and found.owner == ended
    assert found.project.partner("harbour-street-church").name == "Lighthouse Mission"


def test_an_unreadable_copy_never_replaces_one_set_aside_before(plan: Path):
    for content in (b"one [broken", b"two [broken"):
        recovery.recovery_path(plan).write_bytes(content)
        recovery.find(plan, storage.load(plan))
    first = plan.parent / ".riverside.toml.recovery.broken"
    assert first.read_bytes() == b"one [broken"
    assert (plan.parent / ".riverside.toml.recovery.broken-2").read_bytes() == b"two [broken"


def dead_pid() -> int:
    import subprocess
    import sys

    process = subprocess.Popen([sys.executable, "-c", "pass"])
    process.wait()
    return process.pid


# -- what differs, in the workbook's words -------------------------------------------


def test_differences_name_partners_details_rounds_and_actions(plan: Path):
    before = storage.load(plan)
    after = before.model_copy(deep=True)
    after.project = after.project.model_copy(update={"name": "Riverside Safe Evenings"})
    after.partners.append(Partner(id="harbour-street-church", name="Harbour Street Church"))
    removed = after.partners.pop(0)
    after.partners[0] = after.partners[0].model_copy(update={"notes": "call first"})
    after.assessments.append(
        Assessment(round="Kick-off", date=after.assessments[0].date, respondent=removed.id)
    )
    after.actions.append(Action(text="Thank the volunteers"))
    after.actions[0] = after.actions[0].model_copy(update={"done": not after.actions[0].done})
    lines = recovery.differences(before, after)
    assert lines[0] == "Project details changed: name"
    assert "Partner added: Harbour Street Church" in lines
    assert f"Partner removed: {removed.name}" in lines
    assert f"Partner changed: {after.partners[0].name} (notes)" in lines
    assert any(line.startswith("Assessment round Kick-off: ") for line in lines)
    assert "Action added: Thank the volunteers" in lines
    assert f"Action changed: {after.actions[0].text}" in lines


def test_differences_are_capped(plan: Path):
    before = storage.load(plan)
    after = before.model_copy(deep=True)
    after.actions += [Action(text=f"Action {n}") for n in range(30)]
    lines = recovery.differences(before, after, limit=5)
    assert len(lines) == 5
    assert lines[-1] == "… and 26 more changes"
    assert recovery.differences(before, before) == []


# -- the workbook's watch over the file ------------------------------------------------


def test_check_disk_sees_changes_removal_and_ignores_a_touch(plan: Path):
    file, _project = OpenFile.open(plan)
    assert file.check_disk()[0] is DiskState.SAME
    os.utime(plan, ns=(1_000_000_000, 1_000_000_000))  # touched, same bytes
    assert file.check_disk()[0] is DiskState.SAME
    plan.write_text(plan.read_text().replace("Riverside Youth", "Riverside Young"))
    state, current = file.check_disk()
    assert state is DiskState.CHANGED and current == storage.fingerprint(plan)
    plan.unlink()
    assert file.check_disk() == (DiskState.MISSING, None)


def test_reload_takes_the_file_as_it_is_and_drops_the_edits(plan: Path):
    workbook, file = open_workbook(plan)
    workbook.add_partner({"name": "Harbour Street Church"})
    file.write_recovery(workbook.project)
    plan.write_text(plan.read_text().replace("Riverside Youth Safety", "Riverside Safety"))
    workbook.replace_project(file.reload(), saved=True)
    assert not workbook.dirty
    assert workbook.project == storage.load(plan)
    assert file.check_disk()[0] is DiskState.SAME
    assert recovery.files(plan) == []


def test_save_as_moves_the_workbook_and_its_lock(plan: Path, tmp_path: Path):
    workbook, file = open_workbook(plan)
    file.take_lock()
    workbook.add_partner({"name": "Harbour Street Church"})
    file.write_recovery(workbook.project)
    target = tmp_path / "copy.toml"
    file.save_as(workbook.project, target)
    workbook.mark_saved()
    assert workbook.path == target and not workbook.dirty
    assert target.read_text() == storage.dumps(workbook.project)
    assert locks.read_owner(target) == file.lock.owner
    assert not locks.lock_path(plan).exists()
    assert recovery.files(plan) == []
    with pytest.raises(storage.SaveError, match="already exists"):
        file.save_as(workbook.project, plan)  # an existing file only when the person confirmed it
    file.close()
    assert not locks.lock_path(target).exists()


def test_a_read_only_workbook_refuses_edits_and_saving(plan: Path, monkeypatch):
    real = os.access
    monkeypatch.setattr(os, "access", lambda p, mode: False if Path(p) == plan else real(p, mode))
    workbook, file = open_workbook(plan)
    assert workbook.read_only
    assert file.read_only_why == "you are not allowed to change riverside.toml"
    with pytest.raises(EditRefused, match="read-only"):
        workbook.add_partner({"name": "Harbour Street Church"})
    with pytest.raises(storage.SaveError, match="read-only"):
        file.save(workbook.project)


def test_a_folder_that_cannot_be_written_opens_read_only(plan: Path, monkeypatch):
    real = os.access
    folder = plan.parent.resolve()
    monkeypatch.setattr(os, "access", lambda p, mode: False if Path(p) == folder else real(p, mode))
    workbook, file = open_workbook(plan)
    assert workbook.read_only
    assert file.read_only_why == (f"you are not allowed to save files in the folder {folder}")
