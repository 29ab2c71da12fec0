"""Safe files on a shared server, driven as a person would: changes made on disk by
someone else, two people on one file, unsaved edits after a crash, read-only files,
failed saves and hostile text."""

from __future__ import annotations

import datetime as dt
import errno
import json
import os
import socket
import subprocess
import sys
from pathlib import Path

import pytest
from shell_tools import screen_text, statics_text, toasts
from textual.widgets import Input

from partnertui import storage
from partnertui.model import Action, Assessment, Contribution, Partner, new_project
from partnertui.storage import lock as locks
from partnertui.storage import recovery
from partnertui.tui.file_safety.questions import (
    ChangedOnDiskDialog,
    LockHeldDialog,
    MissingOnDiskDialog,
    RecoveryDialog,
)
from partnertui.tui.screens.overview import OverviewScreen
from partnertui.tui.screens.problems import ProblemsScreen
from partnertui.tui.widgets.dialogs import ChoiceDialog
from partnertui.tui.widgets.form import FormDialog

HARBOUR = "harbour-street-church"


async def add_partner(pilot, name: str = "Harbour Street Church") -> None:
    await pilot.press("2", "a", *name, "ctrl+s")
    await pilot.pause()


def said(app) -> str:
    """Every text on the current screen, each on one line however narrow the terminal."""
    return statics_text(app.screen, width=500)


def change_elsewhere(path: Path) -> bytes:
    """Someone else saves a change to the file; returns the bytes they wrote."""
    path.write_text(path.read_text().replace("Riverside Youth Safety", "Riverside Safety"))
    return path.read_bytes()


def write_lock(path: Path, **fields: object) -> Path:
    owner = {"user": "dana", "host": "other-server", "pid": 4242, "since": "2026-11-24T09:15"}
    owner.update(fields)
    lock = locks.lock_path(path)
    lock.write_text(json.dumps(owner))
    return lock


def dead_pid() -> int:
    process = subprocess.Popen([sys.executable, "-c", "pass"])
    process.wait()
    return process.pid


def forbid_writing(monkeypatch, *paths: Path) -> None:
    """Make ``paths`` unwritable for this user: by chmod, or, as root (who may write
    anything), by telling partnertui so through ``os.access``."""
    if os.geteuid() != 0:
        for path in paths:
            path.chmod(0o555 if path.is_dir() else 0o444)
        return
    real = os.access
    denied = {p.resolve() for p in paths}

    def access(path, mode, *args, **kwargs):
        if mode & os.W_OK and Path(path).resolve() in denied:
            return False
        return real(path, mode, *args, **kwargs)

    monkeypatch.setattr(os, "access", access)


# -- the file changed on disk ----------------------------------------------------------


async def test_saving_over_a_changed_file_asks_and_reload_takes_theirs(project_file, make_app):
    path = project_file("riverside-youth")
    app = make_app(path)
    async with app.run_test(size=(80, 24)) as pilot:
        await add_partner(pilot)
        theirs = change_elsewhere(path)
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert isinstance(app.screen, ChangedOnDiskDialog)
        shown = screen_text(app)
        assert "riverside-youth.toml was changed on disk" in shown
        assert "Project details changed: name" in shown
        assert "Partner added: Harbour Street Church" in shown
        await pilot.press("r")  # reload theirs: asks first, edits would be lost
        await pilot.pause()
        assert "Discard your unsaved edits?" in screen_text(app)
        await pilot.press("y")
        await pilot.pause()
        assert not app.workbook.dirty
        assert app.workbook.project == storage.load(path)
        assert app.workbook.project.partner(HARBOUR) is None
        assert app.workbook.project.project.name == "Riverside Safety Circle"
    assert path.read_bytes() == theirs


async def test_keep_mine_overwrites_after_confirmation(project_file, make_app):
    path = project_file("riverside-youth")
    app = make_app(path)
    async with app.run_test(size=(80, 24)) as pilot:
        await add_partner(pilot)
        change_elsewhere(path)
        await pilot.press("ctrl+s")
        await pilot.pause()
        await pilot.press("k")
        await pilot.pause()
        assert "Replace their changes with yours?" in screen_text(app)
        await pilot.press("y")
        await pilot.pause()
        assert not app.workbook.dirty
        mine = app.workbook.project
        assert any(t.startswith("Saved: Saved to") for t in toasts(app))
    assert path.read_bytes() == storage.dumps(mine).encode()
    assert mine.partner(HARBOUR) is not None
    assert mine.project.name == "Riverside Youth Safety Circle"


async def test_keep_mine_after_a_take_over_stops_and_says_who_holds_the_file(
    project_file, make_app
):
    path = project_file("riverside-youth")
    app = make_app(path)
    async with app.run_test(size=(80, 24)) as pilot:
        await add_partner(pilot)
        write_lock(path, user="sam")  # another session took the file over...
        theirs = change_elsewhere(path)  # ...and saved its own work
        app.safety.check_disk()  # (or ctrl+s): the change on disk is asked about
        await pilot.pause()
        assert isinstance(app.screen, ChangedOnDiskDialog)
        await pilot.press("k", "y")  # keep mine: stopped, and told who holds the file
        await pilot.pause()
        assert "Someone else holds riverside-youth.toml now" in said(app)
        assert "sam on other-server" in said(app)
        assert path.read_bytes() == theirs
        assert app.workbook.dirty
        await pilot.press("s", "y")  # save here anyway, as agreed with them
        await pilot.pause()
        assert not app.workbook.dirty
        mine = app.workbook.project
    assert path.read_bytes() == storage.dumps(mine).encode()
    assert mine.partner(HARBOUR) is not None
    assert locks.read_owner(path).user == "sam"  # theirs is left alone


async def test_save_mine_elsewhere_leaves_theirs_and_works_on_the_copy(
    project_file, make_app, tmp_path
):
    path = project_file("riverside-youth")
    app = make_app(path)
    copy = tmp_path / "mine.toml"
    async with app.run_test(size=(80, 24)) as pilot:
        await add_partner(pilot)
        theirs = change_elsewhere(path)
        await pilot.press("ctrl+s")
        await pilot.pause()
        await pilot.press("e")
        await pilot.pause()
        assert isinstance(app.screen, FormDialog)
        app.screen.query_one("#field-path", Input).value = str(copy)
        await pilot.press("ctrl+s")
        await pilot.pause()
        mine = app.workbook.project
        assert app.workbook.path == copy and not app.workbook.dirty
        assert "mine.toml" in screen_text(app).splitlines()[0]
        assert locks.read_owner(copy) == app.safety.file.lock.owner
        assert not locks.lock_path(path).exists()
    assert path.read_bytes() == theirs
    assert copy.read_bytes() == storage.dumps(mine).encode()
    assert mine.partner(HARBOUR) is not None
    assert not locks.lock_path(copy).exists()  # let go on quitting


async def test_save_as_refuses_an_existing_file_until_confirmed(project_file, make_app):
    path = project_file("riverside-youth")
    other = project_file("millbrook-safer-streets")
    before = other.read_bytes()
    app = make_app(path)
    async with app.run_test(size=(80, 24)) as pilot:
        await add_partner(pilot)
        await pilot.press("ctrl+o")
        await pilot.pause()
        app.screen.query_one("#field-path", Input).value = str(other)
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert isinstance(app.screen, FormDialog)
        assert "already exists. Press ctrl+s again to replace it" in said(app)
        assert other.read_bytes() == before
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert app.workbook.path == other
    assert storage.load(other).partner(HARBOUR) is not None


async def test_save_as_is_in_the_palette_and_in_help(project_file, make_app):
    app = make_app(project_file("riverside-youth"))
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("ctrl+p")
        await pilot.pause()
        await pilot.press(*"save as")
        await pilot.pause(0.3)  # the palette searches in the background
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, FormDialog)
        assert "Save as: a copy you can edit" in said(app)
        await pilot.press("escape", "f1")
        await pilot.pause()
        assert "Save as… a copy you can edit" in said(app)


async def test_the_periodic_check_asks_at_once_when_there_are_edits(project_file, make_app):
    path = project_file("riverside-youth")
    app = make_app(path)
    async with app.run_test(size=(80, 24)) as pilot:
        await add_partner(pilot)
        theirs = change_elsewhere(path)
        app.safety.check_disk()
        await pilot.pause()
        assert isinstance(app.screen, ChangedOnDiskDialog)
        assert "Your unsaved edits:" in screen_text(app)
        await pilot.press("c")  # not now: asked once, the edits stay
        await pilot.pause()
        app.safety.check_disk()
        await pilot.pause()
        assert not isinstance(app.screen, ChoiceDialog)
        assert app.workbook.dirty
        await pilot.press("ctrl+s")  # but a save still asks
        await pilot.pause()
        assert isinstance(app.screen, ChangedOnDiskDialog)
    assert path.read_bytes() == theirs


async def test_the_periodic_check_loads_a_change_when_nothing_is_unsaved(project_file, make_app):
    path = project_file("riverside-youth")
    app = make_app(path)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        theirs = change_elsewhere(path)
        app.safety.check_disk()
        await pilot.pause()
        assert app.workbook.project.project.name == "Riverside Safety Circle"
        assert "Riverside Safety Circle" in screen_text(app).splitlines()[0]
        assert any("was changed on disk; you now see it as it is" in t for t in toasts(app))
    assert path.read_bytes() == theirs


async def test_a_file_deleted_underneath_can_be_saved_there_again(project_file, make_app):
    path = project_file("riverside-youth")
    app = make_app(path)
    async with app.run_test(size=(80, 24)) as pilot:
        await add_partner(pilot)
        path.unlink()
        app.safety.check_disk()
        await pilot.pause()
        assert isinstance(app.screen, MissingOnDiskDialog)
        assert "was deleted or moved" in screen_text(app)
        await pilot.press("s")
        await pilot.pause()
        assert not app.workbook.dirty
        mine = app.workbook.project
    assert path.read_bytes() == storage.dumps(mine).encode()
    assert mine.partner(HARBOUR) is not None


async def test_a_file_renamed_underneath_is_asked_about_on_save(project_file, make_app, tmp_path):
    path = project_file("riverside-youth")
    app = make_app(path)
    async with app.run_test(size=(80, 24)) as pilot:
        await add_partner(pilot)
        path.rename(tmp_path / "renamed.toml")
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert isinstance(app.screen, MissingOnDiskDialog)
        await pilot.press("e")
        await pilot.pause()
        app.screen.query_one("#field-path", Input).value = str(tmp_path / "elsewhere.toml")
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert app.workbook.path == tmp_path / "elsewhere.toml"
    assert not path.exists()
    assert storage.load(tmp_path / "elsewhere.toml").partner(HARBOUR) is not None


# -- two people, one file ---------------------------------------------------------------


async def test_opening_takes_a_lock_and_quitting_lets_go(project_file, make_app):
    path = project_file("riverside-youth")
    app = make_app(path)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        owner = locks.read_owner(path)
        assert owner is not None and owner.pid == os.getpid()
        await pilot.press("ctrl+q")
        await pilot.pause()
    assert not locks.lock_path(path).exists()


async def test_an_exception_still_lets_go_of_the_lock_and_keeps_the_edits(project_file, make_app):
    path = project_file("riverside-youth")
    app = make_app(path)

    def boom() -> None:
        raise RuntimeError("a bug")

    with pytest.raises(RuntimeError, match="a bug"):
        async with app.run_test(size=(80, 24)) as pilot:
            await add_partner(pilot)
            assert locks.lock_path(path).exists()
            app.call_later(boom)
            await pilot.pause()
    assert not locks.lock_path(path).exists()
    [copy] = recovery.files(path)  # this session's
    kept = storage.load(copy)
    assert kept.partner(HARBOUR) is not None


async def test_a_second_opener_sees_who_has_it_and_may_open_read_only(project_file, make_app):
    path = project_file("riverside-youth")
    lock = write_lock(path)
    theirs = lock.read_bytes()
    app = make_app(path)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, LockHeldDialog)
        shown = said(app)
        assert "riverside-youth.toml is already open" in shown
        assert "dana on other-server (process 4242) since 2026-11-24 09:15" in shown
        await pilot.press("r")
        await pilot.pause()
        assert isinstance(app.screen, OverviewScreen)
        assert app.workbook.read_only
        assert "read-only" in screen_text(app).splitlines()[0]
        assert any("dana has it open for editing" in t for t in toasts(app))
        await pilot.press("ctrl+q")
        await pilot.pause()
    assert lock.read_bytes() == theirs  # never removed: it is not ours


async def test_any_lock_can_be_taken_over_after_confirmation(project_file, make_app):
    path = project_file("riverside-youth")
    write_lock(path)
    app = make_app(path)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("t")
        await pilot.pause()
        assert "Take the file over?" in screen_text(app)
        await pilot.press("y")
        await pilot.pause()
        assert isinstance(app.screen, OverviewScreen)
        assert not app.workbook.read_only
        assert locks.read_owner(path).pid == os.getpid()
    assert not locks.lock_path(path).exists()


async def test_cancel_on_a_held_lock_opens_nothing(project_file, make_app):
    path = project_file("riverside-youth")
    lock = write_lock(path)
    app = make_app(path)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("c")
        await pilot.pause()
    assert app.return_value == 0
    assert lock.exists() and locks.read_owner(path).user == "dana"


async def test_a_stale_lock_is_taken_over_with_a_message(project_file, make_app):
    path = project_file("riverside-youth")
    write_lock(path, host=socket.gethostname(), pid=dead_pid())
    app = make_app(path)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, OverviewScreen)
        assert locks.read_owner(path).pid == os.getpid()
        assert any(t.startswith("Lock taken over:") and "dana" in t for t in toasts(app))


async def test_someone_taking_the_file_over_is_told(project_file, make_app):
    path = project_file("riverside-youth")
    app = make_app(path)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        write_lock(path, user="sam")
        app.safety.check_disk()
        await pilot.pause()
        assert any(t.startswith("Someone took the file over:") for t in toasts(app))
    assert locks.read_owner(path).user == "sam"  # theirs is left alone


# -- unsaved edits kept for later -------------------------------------------------------


async def test_edits_reach_the_recovery_file_and_saving_removes_it(project_file, make_app):
    path = project_file("riverside-youth")
    app = make_app(path)
    async with app.run_test(size=(80, 24)) as pilot:
        await add_partner(pilot)
        assert recovery.files(path) == []  # a moment later, not at once
        await pilot.pause(2.3)
        [kept] = recovery.files(path)
        assert kept == recovery.recovery_path(path, app.safety.file.session)
        assert storage.load(kept) == app.workbook.project
        assert path.read_bytes() != kept.read_bytes()
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert not kept.exists()


async def test_discarding_on_quit_removes_the_recovery_file(project_file, make_app):
    path = project_file("riverside-youth")
    before = path.read_bytes()
    app = make_app(path)
    async with app.run_test(size=(80, 24)) as pilot:
        await add_partner(pilot)
        app.safety.file.write_recovery(app.workbook.project)
        await pilot.press("ctrl+q", "d")
        await pilot.pause()
        assert "Discard your unsaved edits for good?" in screen_text(app)  # one key is not enough
        assert recovery.files(path) != []
        await pilot.press("y")
        await pilot.pause()
    assert recovery.files(path) == []
    assert path.read_bytes() == before


async def test_the_next_open_offers_to_restore_and_restores_exactly(project_file, make_app):
    path = project_file("riverside-youth")
    edited = storage.load(path)
    edited.partners.append(Partner(id=HARBOUR, name="Harbour Street Church"))
    edited.partners.sort(key=lambda p: p.id)
    recovery.write(path, edited)
    app = make_app(path)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, RecoveryDialog)
        assert "Partner added: Harbour Street Church" in screen_text(app)
        await pilot.press("r")
        await pilot.pause()
        assert app.workbook.dirty
        assert app.workbook.project == edited
        assert "●" in screen_text(app).splitlines()[0]
        assert not recovery.recovery_path(path).exists()


async def test_discarding_the_offer_deletes_the_recovery_file(project_file, make_app):
    path = project_file("riverside-youth")
    before = path.read_bytes()
    edited = storage.load(path)
    edited.actions.append(Action(text="Thank the volunteers"))
    recovery.write(path, edited)
    app = make_app(path)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("d")
        await pilot.pause()
        assert "Discard these unsaved edits for good?" in screen_text(app)
        await pilot.press("y")
        await pilot.pause()
        assert not app.workbook.dirty
        assert app.workbook.project == storage.load(path)
    assert not recovery.recovery_path(path).exists()
    assert path.read_bytes() == before


async def test_a_broken_recovery_file_is_reported_and_kept_aside(project_file, make_app):
    path = project_file("riverside-youth")
    recovery.recovery_path(path).write_text("this is [not toml")
    app = make_app(path)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, OverviewScreen)
        assert any(t.startswith("Unsaved edits unreadable:") for t in toasts(app))
    assert path.with_name(".riverside-youth.toml.recovery.broken").exists()
    assert not recovery.recovery_path(path).exists()


# -- read-only files and folders ---------------------------------------------------------


@pytest.mark.parametrize("what", ["file", "folder"])
async def test_an_unwritable_file_or_folder_opens_read_only(
    project_file, make_app, monkeypatch, tmp_path, what
):
    path = project_file("riverside-youth")
    before = path.read_bytes()
    elsewhere = tmp_path / "writable"
    elsewhere.mkdir()
    forbid_writing(monkeypatch, path if what == "file" else path.parent)
    app = make_app(path)
    try:
        async with app.run_test(size=(80, 24)) as pilot:
            await pilot.pause()
            assert app.workbook.read_only
            assert "read-only" in screen_text(app).splitlines()[0]
            assert any(t.startswith("Read-only:") for t in toasts(app))
            assert not locks.lock_path(path).exists()
            await add_partner(pilot)  # no form opens: it is said at once why not
            assert not isinstance(app.screen, FormDialog)
            assert any("open read-only" in t and "ctrl+o" in t for t in toasts(app))
            await pilot.press("escape", "d")
            await pilot.pause()
            assert app.workbook.project.partner(HARBOUR) is None
            await pilot.press("ctrl+s")
            await pilot.pause()
            assert any(t.startswith("Not saved:") and "ctrl+o" in t for t in toasts(app))
            await pilot.press("ctrl+o")
            await pilot.pause()
            app.screen.query_one("#field-path", Input).value = str(elsewhere / "copy.toml")
            await pilot.press("ctrl+s")
            await pilot.pause()
            assert not app.workbook.read_only
            assert app.workbook.path == elsewhere / "copy.toml"
            assert locks.read_owner(elsewhere / "copy.toml") is not None
            await add_partner(pilot)
            assert app.workbook.project.partner(HARBOUR) is not None
    finally:
        path.chmod(0o644)
        path.parent.chmod(0o755)
    assert path.read_bytes() == before
    assert (elsewhere / "copy.toml").read_bytes() == before


EDIT_KEYS = {
    "1": ["e", "a"],  # the details, a partner
    "2": ["a", "e", "enter", "d", "i"],  # add, edit, delete, import partners
    "3": ["r", "v", "a", "enter"],  # responsibilities, contributions, a partner
    "4": ["s", "enter", "t", "r", "e", "d", "w", "i"],  # scores, an action, rounds
    "5": ["a", "e", "enter", "d"],  # actions
}


async def test_on_a_read_only_file_edit_keys_say_so_at_once_and_open_no_form(
    project_file, make_app, tmp_path
):
    path = project_file("riverside-youth")
    write_lock(path)
    app = make_app(path)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("r")  # open read-only: dana has it
        await pilot.pause()
        assert app.workbook.read_only
        for section, keys in EDIT_KEYS.items():
            await pilot.press(section)
            await pilot.pause()
            for key in keys:
                app.clear_notifications()  # (toasts also leave by themselves, in time)
                await pilot.press(key)
                await pilot.pause()
                assert app.screen.is_current and not app.screen.is_modal, (section, key)
                assert toasts(app) == [
                    "Read-only: riverside-youth.toml is open read-only because dana has it "
                    "open for editing. Use Save as (ctrl+o) to keep a copy you can edit."
                ], (section, key)
        await pilot.press("2", "ctrl+o")  # the way out works from there
        await pilot.pause()
        app.screen.query_one("#field-path", Input).value = str(tmp_path / "mine.toml")
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert not app.workbook.read_only
        await add_partner(pilot)
        assert app.workbook.project.partner(HARBOUR) is not None


# -- saves that fail ---------------------------------------------------------------------


@pytest.mark.parametrize(
    ("failure", "words"),
    [
        (OSError(errno.ENOSPC, "No space left on device"), "The disk is full"),
        (PermissionError(errno.EACCES, "Permission denied"), "not allowed to write"),
    ],
)
async def test_a_failed_save_keeps_the_file_and_the_edits(
    project_file, make_app, monkeypatch, failure, words
):
    path = project_file("riverside-youth")
    before = path.read_bytes()
    app = make_app(path)
    async with app.run_test(size=(80, 24)) as pilot:
        await add_partner(pilot)

        def fail(*args, **kwargs):
            raise failure

        monkeypatch.setattr(os, "replace", fail)
        await pilot.press("ctrl+s")
        await pilot.pause()
        monkeypatch.undo()
        assert app.workbook.dirty
        assert app.workbook.project.partner(HARBOUR) is not None
        assert "●" in screen_text(app).splitlines()[0]
        message = next(t for t in toasts(app) if t.startswith("Not saved:"))
        assert words in message and "nothing was written" in message
    assert path.read_bytes() == before
    assert [p.name for p in path.parent.iterdir() if p.name.endswith(".tmp")] == []


# -- hostile input -------------------------------------------------------------------------

HOSTILE = "\x1b[31mred\x1b]0;title\x07 tab\there\rback\x08\x7f end"
CONTROLS = ("\x1b", "\x07", "\r", "\x08", "\x7f")


def hostile_project():
    project = new_project(HOSTILE, HOSTILE)
    info = {
        "issue": HOSTILE,
        "description": HOSTILE + "\nsecond line",
        "community": HOSTILE,
        "skills_needed": [HOSTILE],
    }
    project.project = project.project.model_copy(update=info)
    partner = Partner(
        id="p",
        name=HOSTILE,
        contact=HOSTILE,
        skills=[HOSTILE],
        responsibilities=[HOSTILE],
        contributions=[Contribution(kind="space", description=HOSTILE, value=1.0)],
        notes=HOSTILE,
        role="collaboration",
    )
    project.partners = [partner]
    project.assessments = [
        Assessment(
            round=HOSTILE,
            date=dt.date(2026, 9, 1),
            respondent="p",
            scores={"shared_vision": 3},
            notes={"shared_vision": HOSTILE},
        )
    ]
    project.actions = [Action(text=HOSTILE, owner="p", ingredient="communication")]
    return project


async def test_control_characters_in_every_text_field_round_trip_and_show_harmlessly(
    tmp_path, make_app
):
    path = tmp_path / "hostile.toml"
    project = hostile_project()
    storage.save(project, path)
    written = path.read_bytes()
    assert b"\x1b" not in written and b"\x07" not in written  # escaped in the file
    app = make_app(path)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert app.workbook.project == project
        for keys in (["1"], ["2"], ["2", "enter"], ["escape", "3"], ["4"], ["5"], ["6"]):
            await pilot.press(*keys)
            await pilot.pause()
            for shown in (screen_text(app), statics_text(app.screen)):
                assert not any(c in shown for c in CONTROLS), keys
        await pilot.press("escape", "2", "a")
        await pilot.pause()
        app.screen.query_one("#field-name", Input).value = HOSTILE + " two"
        await pilot.press("ctrl+s")
        await pilot.pause()
        added = [p for p in app.workbook.project.partners if p.name == HOSTILE + " two"]
        assert len(added) == 1
        assert not any(c in screen_text(app) for c in CONTROLS)
        await pilot.press("ctrl+s")
        await pilot.pause()
        saved = app.workbook.project
    assert storage.load(path) == saved
    assert storage.load(path).partner(added[0].id).name == HOSTILE + " two"
    assert storage.load(path).partner("p") == project.partner("p")


async def test_the_header_shows_escape_sequences_as_symbols(tmp_path, make_app):
    path = tmp_path / "hostile.toml"
    storage.save(hostile_project(), path)
    app = make_app(path)
    async with app.run_test(size=(120, 24)) as pilot:
        await pilot.pause()
        assert "␛[31mred␛]0;title⟨07⟩ tab→here␍back⟨08⟩␡" in screen_text(app).splitlines()[0]


# -- what `partnertui check` refuses, the app refuses alike --------------------------------


async def test_a_file_too_large_is_refused_with_a_message(tmp_path, make_app):
    path = tmp_path / "huge.toml"
    with path.open("wb") as f:
        f.truncate(storage.MAX_FILE_BYTES + 1)  # sparse: instant, takes no disk
    app = make_app(path)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, ProblemsScreen)
        assert "partnertui opens project files of up to 32 MB" in said(app)
        assert "is 33,554,433 bytes, too large" in said(app)  # not "is 32 MB"
    assert not locks.lock_path(path).exists()
    docs = (Path(__file__).resolve().parents[2] / "docs" / "file-format.md").read_text()
    assert f"up to {storage.MAX_FILE_BYTES // 2**20} MB" in docs


async def test_the_app_shows_the_same_problems_as_check(project_file, make_app, capsys):
    from partnertui.cli import main

    path = project_file("riverside-youth")
    path.write_text(
        path.read_text()
        .replace('status = "confirmed"', 'status = "maybe"', 1)
        .replace("start = 2026-09-01", 'start = "next autumn"', 1)
    )
    assert main(["check", str(path)]) == 1
    printed = capsys.readouterr().out
    with pytest.raises(storage.ProjectFileError) as raised:
        storage.read(path)
    app = make_app(path)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        shown = statics_text(app.screen, width=200)
        for problem in raised.value.problems:
            assert str(problem) in printed
            assert problem.message in shown
            assert f"line {problem.line}" in shown
