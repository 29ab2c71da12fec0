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
from partnertui.storage.session import DiskState
from partnertui.tui.workbook import EditRefused, Workbook

EXAMPLES = Path(__file__).resolve().parents[2] / "examples"


@pytest.fixture
def plan(tmp_path: Path) -> Path:
    path = tmp_path / "riverside.toml"
    shutil.copyfile(EXAMPLES / "riverside-youth.toml", path)
    return path


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
    found = recovery.find(plan, current)
    assert found is not None
    assert found.project == edited
    assert not found.saved_after
    assert recovery.recovery_path(plan).exists()  # kept until the person decides


def test_find_drops_a_recovery_file_equal_to_the_file(plan: Path):
    current = storage.load(plan)
    recovery.write(plan, current)
    assert recovery.find(plan, current) is None
    assert not recovery.recovery_path(plan).exists()


def test_find_says_when_the_file_was_saved_after_the_edits(plan: Path):
    written = recovery.write(plan, with_new_partner(plan))
    os.utime(written, ns=(1_000_000_000, 1_000_000_000))
    assert recovery.find(plan, storage.load(plan)).saved_after


@pytest.mark.parametrize("content", [b"schema_version = 1\n[project\n", b"\xff\xfe\x00junk"])
def test_an_unreadable_recovery_file_is_kept_aside_and_reported(plan: Path, content: bytes):
    recovery.recovery_path(plan).write_bytes(content)
    with pytest.raises(recovery.BrokenRecovery) as raised:
        recovery.find(plan, storage.load(plan))
    kept = plan.parent / ".riverside.toml.recovery.broken"
    assert raised.value.kept == kept
    assert kept.read_bytes() == content
    assert not recovery.recovery_path(plan).exists()
    assert "cannot be read" in str(raised.value) and str(kept) in str(raised.value)


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
    workbook = Workbook.open(plan)
    assert workbook.file.check_disk()[0] is DiskState.SAME
    os.utime(plan, ns=(1_000_000_000, 1_000_000_000))  # touched, same bytes
    assert workbook.file.check_disk()[0] is DiskState.SAME
    plan.write_text(plan.read_text().replace("Riverside Youth", "Riverside Young"))
    state, current = workbook.file.check_disk()
    assert state is DiskState.CHANGED and current == storage.fingerprint(plan)
    plan.unlink()
    assert workbook.file.check_disk() == (DiskState.MISSING, None)


def test_reload_takes_the_file_as_it_is_and_drops_the_edits(plan: Path):
    workbook = Workbook.open(plan)
    workbook.add_partner({"name": "Harbour Street Church"})
    workbook.write_recovery()
    plan.write_text(plan.read_text().replace("Riverside Youth Safety", "Riverside Safety"))
    workbook.reload()
    assert not workbook.dirty
    assert workbook.project == storage.load(plan)
    assert workbook.file.check_disk()[0] is DiskState.SAME
    assert not recovery.recovery_path(plan).exists()


def test_save_as_moves_the_workbook_and_its_lock(plan: Path, tmp_path: Path):
    workbook = Workbook.open(plan)
    workbook.file.take_lock()
    workbook.add_partner({"name": "Harbour Street Church"})
    workbook.write_recovery()
    target = tmp_path / "copy.toml"
    workbook.save_as(target)
    assert workbook.path == target and not workbook.dirty
    assert target.read_text() == storage.dumps(workbook.project)
    assert locks.read_owner(target) == workbook.file.lock.owner
    assert not locks.lock_path(plan).exists()
    assert not recovery.recovery_path(plan).exists()
    with pytest.raises(storage.SaveError, match="already exists"):
        workbook.save_as(plan)  # an existing file only when the person confirmed it
    workbook.file.close()
    assert not locks.lock_path(target).exists()


def test_a_read_only_workbook_refuses_edits_and_saving(plan: Path, monkeypatch):
    real = os.access
    monkeypatch.setattr(os, "access", lambda p, mode: False if Path(p) == plan else real(p, mode))
    workbook = Workbook.open(plan)
    assert workbook.read_only
    assert workbook.file.read_only_why == "you are not allowed to change riverside.toml"
    with pytest.raises(EditRefused, match="read-only"):
        workbook.add_partner({"name": "Harbour Street Church"})
    with pytest.raises(storage.SaveError, match="read-only"):
        workbook.save()


def test_a_folder_that_cannot_be_written_opens_read_only(plan: Path, monkeypatch):
    real = os.access
    folder = plan.parent.resolve()
    monkeypatch.setattr(os, "access", lambda p, mode: False if Path(p) == folder else real(p, mode))
    workbook = Workbook.open(plan)
    assert workbook.read_only
    assert workbook.file.read_only_why == (
        f"you are not allowed to save files in the folder {folder}"
    )
