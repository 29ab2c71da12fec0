"""Opening the workbook as a person does: an example, a new file, a folder, a broken file."""

from __future__ import annotations

import contextlib
import os
import shutil
import sys
from pathlib import Path

from shell_tools import screen_text, statics_text, toasts

from partnertui import storage
from partnertui.model import Partner
from partnertui.storage import lock as locks
from partnertui.storage import recovery
from partnertui.tui.file_safety.questions import LockHeldDialog, RecoveryDialog
from partnertui.tui.screens.overview import OverviewScreen
from partnertui.tui.screens.picker import PickerScreen
from partnertui.tui.screens.problems import ProblemsScreen
from partnertui.tui.widgets.form import FormDialog
from partnertui.tui.widgets.table import ListTable

EXAMPLES = Path(__file__).resolve().parents[2] / "examples"


async def test_open_example_shows_overview_and_quitting_never_writes(project_file, make_app):
    path = project_file("riverside-youth")
    before, mtime = path.read_bytes(), path.stat().st_mtime_ns
    app = make_app(path)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, OverviewScreen)
        shown = screen_text(app)
        header = shown.splitlines()[0]
        assert "Riverside Youth Safety Circle" in header
        assert "riverside-youth.toml" in header
        assert "●" not in header
        assert "Have we included the people and groups most affected" in shown
        assert "Have we engaged people with an interest or stake" in shown
        assert "⚠ Some skills the project needs are not brought by any invited or" in shown
        assert "Missing: program evaluation, Somali interpretation" in shown
        await pilot.press("2", "j", "1")  # look around without changing anything
        await pilot.press("ctrl+q")
        await pilot.pause()
    assert app.return_value == 0
    assert path.read_bytes() == before
    assert path.stat().st_mtime_ns == mtime


async def test_missing_file_asks_for_a_name_and_creates_a_canonical_file(tmp_path, make_app):
    path = tmp_path / "safe-walk.toml"
    app = make_app(path)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, FormDialog)
        assert "does not exist yet" in screen_text(app)
        await pilot.press(*"Eastgate Safe Walk", "tab", *"Eastgate Residents")
        await pilot.press("enter")  # Enter on the last field creates
        await pilot.pause()
        assert isinstance(app.screen, OverviewScreen)
        project = app.workbook.project
        assert project.project.name == "Eastgate Safe Walk"
        assert project.project.lead_organization == "Eastgate Residents"
        assert project.partners == []
        assert not app.workbook.dirty
        assert "Eastgate Safe Walk" in screen_text(app).splitlines()[0]
    assert path.read_bytes() == storage.dumps(storage.load(path)).encode()
    assert path.read_bytes() == storage.dumps(project).encode()


async def test_a_missing_folder_is_said_at_once_and_nothing_is_asked(tmp_path, make_app):
    path = tmp_path / "nosuch" / "dir" / "x.toml"
    app = make_app(path)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert not isinstance(app.screen, FormDialog)
        shown = statics_text(app.screen, width=500)
        assert f"The folder {path.parent} does not exist" in shown
        assert "no new project can be made there" in shown
        await pilot.press("q")
        await pilot.pause()
    assert app.return_value == 2
    assert not (tmp_path / "nosuch").exists()


async def test_missing_file_refuses_a_blank_name(tmp_path, make_app):
    path = tmp_path / "new.toml"
    app = make_app(path)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert isinstance(app.screen, FormDialog)
        assert "give the project a name" in screen_text(app)
        assert not path.exists()


async def test_escape_on_the_new_project_question_creates_nothing(tmp_path, make_app):
    path = tmp_path / "new.toml"
    app = make_app(path)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await pilot.press("escape")
        await pilot.pause()
    assert app.return_value == 0
    assert not path.exists()
    assert list(tmp_path.iterdir()) == []


def _folder_with_two_projects(tmp_path: Path) -> Path:
    folder = tmp_path / "projects"
    folder.mkdir()
    shutil.copyfile(EXAMPLES / "riverside-youth.toml", folder / "riverside.toml")
    (folder / "old").mkdir()
    shutil.copyfile(EXAMPLES / "millbrook-safer-streets.toml", folder / "old" / "millbrook.toml")
    (folder / "pyproject.toml").write_text('[project]\nname = "not-a-partnertui-file"\n')
    os.utime(folder / "riverside.toml", (1_780_000_000, 1_780_000_000))
    os.utime(folder / "old" / "millbrook.toml", (1_770_000_000, 1_770_000_000))
    return folder


async def test_no_path_lists_the_projects_in_the_folder_and_opens_one(
    tmp_path, make_app, monkeypatch
):
    folder = _folder_with_two_projects(tmp_path)
    monkeypatch.chdir(folder)
    app = make_app(None)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, PickerScreen)
        table = app.screen.query_one(ListTable)
        assert table.row_count == 2  # pyproject.toml is not a project
        shown = screen_text(app)
        assert "Riverside Youth Safety Circle" in shown
        assert "Millbrook Safer Streets" in shown
        rows = [[str(cell) for cell in table.get_row_at(i)] for i in range(2)]
        assert rows[0][1:] == ["10", _local(1_780_000_000)]  # newest first
        assert rows[1][1:] == ["12", _local(1_770_000_000)]
        assert "File: riverside.toml" in shown
        await pilot.press("j")
        assert f"File: {os.path.join('old', 'millbrook.toml')}" in screen_text(app)
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, OverviewScreen)
        assert app.workbook.project.project.name.startswith("Millbrook")
        assert app.workbook.path.resolve() == (folder / "old" / "millbrook.toml").resolve()


def _local(timestamp: int) -> str:
    import datetime as dt

    return dt.datetime.fromtimestamp(timestamp).strftime("%Y-%m-%d %H:%M")


async def test_no_path_n_creates_a_new_project_file(tmp_path, make_app, monkeypatch):
    folder = _folder_with_two_projects(tmp_path)
    monkeypatch.chdir(folder)
    app = make_app(None)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await pilot.press("n")
        await pilot.pause()
        assert isinstance(app.screen, FormDialog)
        await pilot.press(*"laneways", "tab", *"Laneway Lighting", "tab", *"Eastgate RA")
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert isinstance(app.screen, OverviewScreen)
        assert app.workbook.project.project.name == "Laneway Lighting"
    created = folder / "laneways.toml"
    project = storage.load(created)
    assert project.project.name == "Laneway Lighting"
    assert project.project.lead_organization == "Eastgate RA"
    assert created.read_bytes() == storage.dumps(project).encode()


async def test_no_projects_in_the_folder_says_how_to_start(tmp_path, make_app, monkeypatch):
    monkeypatch.chdir(tmp_path)
    app = make_app(None)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert "There are no partnertui project files in this folder yet" in screen_text(app)
        await pilot.press("q")
        await pilot.pause()
    assert app.return_value == 0


BROKEN_STATUS = 'status = "confirmed"'


def _break(path: Path) -> tuple[str, list[int]]:
    """Two mistakes a person makes by hand; returns the good text and their lines."""
    good = path.read_text()
    bad = good.replace(BROKEN_STATUS, 'status = "maybe"', 1).replace(
        "start = 2026-09-01", 'start = "next autumn"', 1
    )
    lines = [
        n
        for n, line in enumerate(bad.splitlines(), start=1)
        if line in ('status = "maybe"', 'start = "next autumn"')
    ]
    path.write_text(bad)
    return good, lines


async def test_invalid_file_lists_each_problem_with_its_line(project_file, make_app):
    path = project_file("riverside-youth")
    _good, lines = _break(path)
    broken = path.read_bytes()
    app = make_app(path)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, ProblemsScreen)
        shown = screen_text(app)
        assert "has 2 problems to fix before it can be opened" in shown
        for line in lines:
            assert f"line {line}" in shown
        assert app.workbook is None
        await pilot.press("q")
        await pilot.pause()
    assert app.return_value == 1
    assert path.read_bytes() == broken


async def test_e_runs_the_editor_then_opens_the_fixed_file(
    project_file, make_app, monkeypatch, tmp_path
):
    path = project_file("riverside-youth")
    good, _lines = _break(path)
    (tmp_path / "fixed.toml").write_text(good)
    fixer = tmp_path / "fix.py"  # an "editor" that puts the fixed text in place
    fixer.write_text(
        "import pathlib, sys\n"
        f"fixed = pathlib.Path({str(tmp_path / 'fixed.toml')!r}).read_text()\n"
        "pathlib.Path(sys.argv[-1]).write_text(fixed)\n"
    )
    monkeypatch.delenv("VISUAL", raising=False)
    monkeypatch.setenv("EDITOR", f"{sys.executable} {fixer}")
    app = make_app(path)
    async with app.run_test(size=(80, 24)) as pilot:
        # A headless driver cannot hand the terminal over, so App.suspend raises
        # SuspendNotSupported; stand in for the terminal hand-over itself.
        monkeypatch.setattr(app, "suspend", contextlib.nullcontext)
        await pilot.pause()
        assert isinstance(app.screen, ProblemsScreen)
        await pilot.press("e")
        await pilot.pause()
        assert isinstance(app.screen, OverviewScreen)
        assert app.workbook.project.project.name == "Riverside Youth Safety Circle"
        assert not app.workbook.dirty
    assert path.read_text() == good


async def test_e_without_a_terminal_to_hand_over_says_so(project_file, make_app):
    path = project_file("riverside-youth")
    _break(path)
    app = make_app(path)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await pilot.press("e")
        await pilot.pause()
        assert isinstance(app.screen, ProblemsScreen)
        assert any("Opening an editor is not possible" in toast for toast in toasts(app))


async def test_r_reads_the_file_again(project_file, make_app):
    path = project_file("riverside-youth")
    good, _lines = _break(path)
    app = make_app(path)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        path.write_text(good.replace(BROKEN_STATUS, 'status = "maybe"', 1))
        await pilot.press("r")
        await pilot.pause()
        assert isinstance(app.screen, ProblemsScreen)
        assert "has 1 problem to fix" in screen_text(app)
        path.write_text(good)
        await pilot.press("r")
        await pilot.pause()
        assert isinstance(app.screen, OverviewScreen)
        assert len(app.workbook.project.partners) == 10


async def _back_on_the_second_file_and_the_first_opens(app, pilot) -> None:
    """The list is back, on the second file (the one chosen); the first opens as usual."""
    assert isinstance(app.screen, PickerScreen)
    assert app.is_running
    assert app.screen.query_one(ListTable).cursor_row == 1
    await pilot.press("k", "enter")
    await pilot.pause()
    assert isinstance(app.screen, OverviewScreen)
    assert app.workbook.project.project.name == "Riverside Youth Safety Circle"
    await pilot.press("ctrl+q")
    await pilot.pause()


async def test_escape_on_a_broken_file_from_the_list_goes_back_to_the_list(
    tmp_path, make_app, monkeypatch
):
    folder = _folder_with_two_projects(tmp_path)
    broken = folder / "old" / "millbrook.toml"
    broken.write_text(broken.read_text().replace(BROKEN_STATUS, 'status = "maybe"', 1))
    os.utime(broken, (1_770_000_000, 1_770_000_000))  # still listed second
    before = broken.read_bytes()
    monkeypatch.chdir(folder)
    app = make_app(None)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await pilot.press("j", "enter")
        await pilot.pause()
        assert isinstance(app.screen, ProblemsScreen)
        await pilot.press("escape")
        await pilot.pause()
        await _back_on_the_second_file_and_the_first_opens(app, pilot)
    assert app.return_value == 0
    assert broken.read_bytes() == before


async def test_the_list_names_each_file_beside_its_project(tmp_path, make_app, monkeypatch):
    folder = _folder_with_two_projects(tmp_path)
    shutil.copyfile(folder / "riverside.toml", folder / "riverside-backup.toml")  # a copy
    (folder / "half-done.toml").write_text('schema_version = 1\n[project]\nname = "x\n')
    for n, name in enumerate(["riverside-backup.toml", "half-done.toml"]):
        os.utime(folder / name, (1_760_000_000 - n, 1_760_000_000 - n))
    monkeypatch.chdir(folder)
    app = make_app(None)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        lines = screen_text(app).splitlines()
        rows = [line for line in lines if "toml" in line and "File:" not in line]
        # Beside a long name a long file name is cut in its middle; the line under
        # the list names the chosen row's file in full.
        assert [" ".join(row.split()[:-2]) for row in rows] == [
            "Riverside Youth Safety Circle riverside.toml 10",
            "Millbrook Safer Streets old/mi…brook.toml 12",
            "Riverside Youth Safety Circle rivers…ackup.toml 10",
            "⚠ cannot be read half-done.toml –",
        ]
        await pilot.press("j", "j")
        assert "File: riverside-backup.toml" in screen_text(app)
        assert all(len(line.rstrip()) <= 80 for line in lines)


async def test_cancel_on_a_held_file_from_the_list_goes_back_to_the_list(
    tmp_path, make_app, monkeypatch
):
    folder = _folder_with_two_projects(tmp_path)
    held = folder / "old" / "millbrook.toml"
    lock = locks.lock_path(held)
    lock.write_text('{"user": "dana", "host": "other-server", "pid": 4242, "since": "x"}')
    theirs = lock.read_bytes()
    monkeypatch.chdir(folder)
    app = make_app(None)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await pilot.press("j", "enter")
        await pilot.pause()
        assert isinstance(app.screen, LockHeldDialog)
        await pilot.press("c")
        await pilot.pause()
        assert lock.read_bytes() == theirs  # never touched: it is dana's
        await _back_on_the_second_file_and_the_first_opens(app, pilot)
    assert app.return_value == 0
    assert lock.read_bytes() == theirs


async def test_deciding_later_about_kept_edits_from_the_list_goes_back_to_the_list(
    tmp_path, make_app, monkeypatch
):
    folder = _folder_with_two_projects(tmp_path)
    path = folder / "riverside.toml"
    edited = storage.load(path)
    edited.partners.append(Partner(id="p-harbour", name="Harbour Street Church"))
    recovery.write(path, edited)
    kept = recovery.recovery_path(path).read_bytes()
    monkeypatch.chdir(folder)
    app = make_app(None)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, RecoveryDialog)
        assert "Back, decide later" in screen_text(app)
        await pilot.press("c")
        await pilot.pause()
        assert isinstance(app.screen, PickerScreen)
        assert app.screen.query_one(ListTable).cursor_row == 0
        assert not locks.lock_path(path).exists()  # given back: the file is not open
        assert recovery.recovery_path(path).read_bytes() == kept  # still there for later
        await pilot.press("enter")  # asked again, and restored this time
        await pilot.pause()
        assert isinstance(app.screen, RecoveryDialog)
        await pilot.press("r")
        await pilot.pause()
        assert isinstance(app.screen, OverviewScreen)
        assert any(p.name == "Harbour Street Church" for p in app.workbook.project.partners)
