"""The History screen as a person uses it: versions from git, what changed, the trends.

Each test builds a small git repository in tmp_path with fixed names and dates (and
no personal git configuration), so commit ids and the snapshot never drift. The
versions are made by editing the example's text, not by saving it, so they do not
depend on how partnertui lays files out.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
from pathlib import Path

import pytest
from shell_tools import screen_text, statics_text

from partnertui.tui.screens.history import CommitDetails, HistoryScreen

EXAMPLES = Path(__file__).resolve().parents[2] / "examples"

pytestmark = pytest.mark.skipif(shutil.which("git") is None, reason="needs git")


def git(repo: Path, *args: str, day: int = 1) -> None:
    when = f"2026-10-{day:02d}T09:30:00+00:00"
    env = {
        **os.environ,
        "GIT_CONFIG_GLOBAL": os.devnull,
        "GIT_CONFIG_NOSYSTEM": "1",
        "GIT_AUTHOR_NAME": "Priya Nair",
        "GIT_AUTHOR_EMAIL": "priya@example.org",
        "GIT_COMMITTER_NAME": "Priya Nair",
        "GIT_COMMITTER_EMAIL": "priya@example.org",
        "GIT_AUTHOR_DATE": when,
        "GIT_COMMITTER_DATE": when,
    }
    subprocess.run(["git", *args], cwd=repo, env=env, check=True, capture_output=True)


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    """``riverside-youth.toml`` committed three times: a start, a broken edit, the full plan.

    The start has only the kick-off round and the business area as a candidate; the
    last version adds the ten-week round and invites it.
    """
    root = tmp_path / "repo"
    root.mkdir()
    git(root, "init", "-q", "-b", "main")
    full = (EXAMPLES / "riverside-youth.toml").read_text(encoding="utf-8")
    cut_from = full.index('[[assessments]]\nround = "Ten weeks"')
    start = full[:cut_from] + full[full.index("[[actions]]") :]
    start = start.replace('status = "invited"', 'status = "candidate"', 1)
    file = root / "riverside-youth.toml"
    for day, (message, text) in enumerate(
        [
            ("Start the plan", start),
            ("Quick edit", start + "\nthis line is not TOML\n"),
            ("Ten weeks round", full),
        ],
        start=1,
    ):
        file.write_text(text, encoding="utf-8")
        git(root, "add", "--all")
        git(root, "commit", "-q", "-m", message, day=day)
    return file


async def open_history(app, pilot) -> HistoryScreen:
    await pilot.press("6")
    await pilot.pause()
    await app.workers.wait_for_complete()
    await pilot.pause()
    assert isinstance(app.screen, HistoryScreen)
    return app.screen


async def test_versions_changes_trends_and_details(repo: Path, make_app):
    app = make_app(repo)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_history(app, pilot)
        shown = screen_text(app)
        assert "riverside-youth.toml · 3 versions, newest first" in shown
        rows = [line for line in shown.splitlines() if re.match(r" [0-9a-f]{7}  ", line)]
        assert [re.split(r"\s{2,}", line.strip())[1:] for line in rows] == [
            ["2026-10-03", "Priya Nair", "status changed, new round"],
            ["2026-10-02", "Priya Nair", "could not be read"],
            ["2026-10-01", "Priya Nair", "first version"],
        ]
        assert screen.found is not None
        assert [e.version.subject for e in screen.found.entries] == [
            "Ten weeks round",
            "Quick edit",
            "Start the plan",
        ]
        # The newest version is selected: its changes beside the trends.
        panes = " ".join(statics_text(screen).split())
        assert "~ Main Street Business Improvement Area: candidate → invited" in panes
        assert "+ New assessment round “Ten weeks” (2026-11-19), 4 responses" in panes
        newest = screen.found.entries[0].version.short
        assert f"Means at {newest} · trend of 2 versions" in panes
        assert "Communication ▅▃ 2.3 ▼" in panes
        assert "Shared vision ▆▇ 4.3 ▲" in panes

        await pilot.press("j")
        await pilot.pause()
        assert screen.selected().version.subject == "Quick edit"
        assert "! This version could not be read: not valid TOML" in " ".join(
            statics_text(screen).split()
        )

        await pilot.press("G", "enter")
        await pilot.pause()
        details = app.screen
        assert isinstance(details, CommitDetails)
        assert details.entry.version.subject == "Start the plan"
        text = " ".join(statics_text(details).split())
        assert "+ First version: 10 partners, 1 assessment round, 6 actions" in text
        assert "Latest round then: Kick-off" in text
        assert "Communication 3.0 ■ borderline" in text
        await pilot.press("escape")
        await pilot.pause()
        assert app.screen is screen


async def test_refresh_notes_uncommitted_changes_and_unsaved_edits(repo: Path, make_app):
    app = make_app(repo)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_history(app, pilot)
        assert "not committed" not in screen_text(app)
        app.workbook.update_details({"community": "Riverside East"})
        await pilot.pause()
        assert "· unsaved edits" in screen_text(app)
        await pilot.press("ctrl+s")  # saving changes the file on disk: read git again
        await pilot.pause()
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert "⚠ changes not committed" in screen_text(app)
        assert "unsaved edits" not in screen_text(app)
        git(repo.parent, "commit", "-q", "-am", "New community", day=4)
        await pilot.press("r")
        await pilot.pause()
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert screen.found is not None and len(screen.found.entries) == 4
        assert "not committed" not in screen_text(app)
        assert "other details" in screen_text(app)


async def test_outside_git_says_so_plainly(project_file, make_app):
    app = make_app(project_file("riverside-youth"))
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_history(app, pilot)
        assert screen.found is None
        shown = " ".join(screen_text(app).split())
        assert "riverside-youth.toml is not in a git repository, so there is no history" in shown
        await pilot.press("enter")  # nothing to open; nothing breaks
        await pilot.pause()
        assert app.screen is screen


def test_history_snapshot(snap_compare, repo: Path, make_app):
    async def run_before(pilot) -> None:
        await pilot.press("6")
        await pilot.pause()
        await pilot.app.workers.wait_for_complete()
        await pilot.pause()

    app = make_app(repo)
    assert snap_compare(app, terminal_size=(80, 24), run_before=run_before)


async def test_a_merge_is_listed_with_what_it_merged(tmp_path: Path, make_app):
    """Two branches rename a partner each and meet in a merge: the merge is a version of
    its own, and each branch's commit shows only its own rename."""
    root = tmp_path / "repo"
    root.mkdir()
    git(root, "init", "-q", "-b", "main")
    file = root / "riverside-youth.toml"
    text = (EXAMPLES / "riverside-youth.toml").read_text(encoding="utf-8")
    file.write_text(text, encoding="utf-8")
    git(root, "add", "--all")
    git(root, "commit", "-q", "-m", "Start the plan")
    for day, (branch, old, new) in enumerate(
        [("alice", "Marion Clarke", "Marion Clarke-Jones"), ("bob", "Main Street", "High Street")],
        start=2,
    ):
        git(root, "checkout", "-q", "-b", branch, "main")
        file.write_text(text.replace(f'name = "{old}', f'name = "{new}', 1), encoding="utf-8")
        git(root, "commit", "-q", "-am", f"{branch} renames", day=day)
    git(root, "checkout", "-q", "alice")
    git(root, "merge", "-q", "--no-edit", "bob", day=4)
    app = make_app(file)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_history(app, pilot)
        rows = [line for line in screen_text(app).splitlines() if re.match(r" [0-9a-f]{7}  ", line)]
        assert [re.split(r"\s{2,}", line.strip())[-1] for line in rows] == [
            "merged, partner renamed",
            "partner renamed",
            "partner renamed",
            "first version",
        ]
        panes = " ".join(statics_text(screen).split())
        assert "⇄ Merged" in panes and "“bob renames”" in panes
        assert "~ Main Street Business Improvement Area renamed High Street" in panes
        assert "Marion Clarke renamed" not in panes
        await pilot.press("j")
        await pilot.pause()
        assert screen.selected().version.subject in {"alice renames", "bob renames"}
        panes = " ".join(statics_text(screen).split())
        assert panes.count(" renamed ") == 1


async def test_the_means_beside_the_trends_are_the_selected_versions(tmp_path: Path, make_app):
    """The newer version's latest round scores three ingredients: beside the trends,
    the others show a dash, as Enter on that version says "not scored", and the older
    version's means show only when that version is selected."""
    root = tmp_path / "repo"
    root.mkdir()
    git(root, "init", "-q", "-b", "main")
    file = root / "riverside-youth.toml"
    text = (EXAMPLES / "riverside-youth.toml").read_text(encoding="utf-8")
    at = text.index("[[actions]]")
    spring = (
        '[[assessments]]\nround = "Spring"\ndate = 2027-03-01\nrespondent = "team"\n\n'
        "[assessments.scores]\ncommunication = 4\ncommitment = 5\nconflict_resolution = 3\n\n"
    )
    for day, (message, version) in enumerate(
        [("Ten weeks", text), ("Spring", text[:at] + spring + text[at:])], start=1
    ):
        file.write_text(version, encoding="utf-8")
        git(root, "add", "--all")
        git(root, "commit", "-q", "-m", message, day=day)
    app = make_app(file)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_history(app, pilot)
        newer, older = (e.version.short for e in screen.found.entries)
        panes = " ".join(statics_text(screen).split())
        assert f"Means at {newer} · trend of 2 versions" in panes
        assert "Shared vision ▇· — " in panes
        assert "Communication ▃▆ 4.0 ▲" in panes
        await pilot.press("enter")
        await pilot.pause()
        details = " ".join(statics_text(app.screen).split())
        assert "Shared vision not scored" in details
        await pilot.press("escape", "j")
        await pilot.pause()
        panes = " ".join(statics_text(screen).split())
        assert f"Means at {older} · trend of 2 versions" in panes
        assert "Shared vision ▇· 4.3 ▲" in panes
        assert "Communication ▃▆ 2.3 ▼" in panes
