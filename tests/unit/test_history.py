"""The file's history in git, in partnership terms: a real repository built per test.

Each test commits versions of the Riverside example to a fresh repository in
tmp_path, with fixed names and dates (and no personal git configuration), then reads
the history back through :mod:`partnertui.history` and through the real command.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from partnertui import history, history_text, storage
from partnertui.model import Ingredient, Project, Role, Status

EXAMPLE = Path(__file__).resolve().parents[2] / "examples" / "riverside-youth.toml"

pytestmark = pytest.mark.skipif(shutil.which("git") is None, reason="needs git")


def git_env(when: str = "2026-09-01T10:00:00+00:00") -> dict[str, str]:
    """Who commits and when, fixed; no global or system configuration."""
    return {
        **os.environ,
        "GIT_CONFIG_GLOBAL": os.devnull,
        "GIT_CONFIG_NOSYSTEM": "1",
        "GIT_AUTHOR_NAME": "Dana Li",
        "GIT_AUTHOR_EMAIL": "dana@example.org",
        "GIT_COMMITTER_NAME": "Dana Li",
        "GIT_COMMITTER_EMAIL": "dana@example.org",
        "GIT_AUTHOR_DATE": when,
        "GIT_COMMITTER_DATE": when,
    }


def git(repo: Path, *args: str, when: str = "2026-09-01T10:00:00+00:00") -> str:
    done = subprocess.run(
        ["git", *args], cwd=repo, env=git_env(when), capture_output=True, text=True, check=True
    )
    return done.stdout


def commit(repo: Path, file: Path, text: str, message: str, day: int) -> None:
    file.write_text(text, encoding="utf-8")
    git(repo, "add", "--all")
    git(repo, "commit", "-q", "-m", message, when=f"2026-09-{day:02d}T10:00:00+00:00")


def versions() -> list[tuple[str, str]]:
    """(commit message, file text) for five versions of a growing partnership.

    1 four partners, two actions; 2 two partners join, one is confirmed, one changes
    role; 3 the first round, an action done; 4 a broken hand edit; 5 the full example
    (four more partners, a role changed back, a second round, more actions).
    """
    full = storage.load(EXAMPLE)
    first_ids = {
        "riverside-youth-centre",
        "riverside-parents-network",
        "riverside-police-liaison",
        "tri-city-transit",
    }

    def variant(ids: set[str], rounds: set[str], done_first: bool) -> Project:
        p = full.model_copy(deep=True)
        p.partners = [x for x in p.partners if x.id in ids]
        p.assessments = [a for a in p.assessments if a.round in rounds]
        p.actions = [p.actions[0].model_copy(update={"done": done_first}), p.actions[2]]
        return p

    v1 = variant(first_ids, set(), False)
    v1.partner("riverside-parents-network").status = Status.INVITED
    v2_ids = first_ids | {"riverside-youth-council", "al-noor-community-centre"}
    v2 = variant(v2_ids, set(), False)
    v2.partner("riverside-police-liaison").role = Role.COOPERATION
    v3 = variant(v2_ids, {"Kick-off"}, True)
    v3.partner("riverside-police-liaison").role = Role.COOPERATION
    broken = storage.dumps(v3).replace('kind = "group"', 'kind = "grup"', 1)
    return [
        ("Start the plan", storage.dumps(v1)),
        ("Youth council and Al-Noor join", storage.dumps(v2)),
        ("Kick-off round", storage.dumps(v3)),
        ("Hand edit", broken),
        ("Ten weeks round", EXAMPLE.read_text(encoding="utf-8")),
    ]


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    """A repository whose ``plans/riverside.toml`` has the five versions committed."""
    root = tmp_path / "repo"
    (root / "plans").mkdir(parents=True)
    git(root, "init", "-q", "-b", "main")
    file = root / "plans" / "riverside.toml"
    for day, (message, text) in enumerate(versions(), start=1):
        commit(root, file, text, message, day)
    return file


def test_each_version_says_what_changed_in_partnership_terms(repo: Path):
    found = history.read(repo)
    assert found.file == "plans/riverside.toml"
    assert not found.uncommitted and found.older == 0
    subjects = [e.version.subject for e in found.entries]
    assert subjects == [
        "Ten weeks round",
        "Hand edit",
        "Kick-off round",
        "Youth council and Al-Noor join",
        "Start the plan",
    ]
    newest, broken, kick_off, join, start = found.entries
    assert [e.version.date for e in found.entries][::-1] == [
        f"2026-09-0{d} 10:00" for d in range(1, 6)
    ]
    assert all(e.version.author == "Dana Li" for e in found.entries)

    assert [c.text for c in start.changes] == [
        "First version: 4 partners, 0 assessment rounds, 2 actions"
    ]
    assert [c.text for c in join.changes] == [
        "Partner added: Al-Noor Mosque and Community Centre (confirmed, communication)",
        "Partner added: Riverside Youth Council (confirmed, collaboration)",
        "Riverside Parents' Network: invited → confirmed",
        "Riverside Police Service, Community Liaison Unit: role coordination → cooperation",
    ]
    kick_off_texts = [c.text for c in kick_off.changes]
    assert kick_off_texts == [
        "New assessment round “Kick-off” (2026-09-17), 4 responses",
        "Action completed: Name one partner to send a follow-up note after every meeting",
    ]
    means = dict(kick_off.changes[0].means)
    assert means[Ingredient.SHARED_VISION] == 4.0
    assert means[Ingredient.CONFLICT_RESOLUTION] == pytest.approx(8 / 3)

    # The broken version is shown as such, and the next one compares across it.
    assert broken.version.project is None
    (unreadable,) = broken.changes
    assert re.fullmatch(
        r'This version could not be read: "grup" is not a kind of partner; use one of '
        r"individual, group, organization, business, agency, government \(line \d+\)",
        unreadable.text,
    )
    assert newest.compared_with is not None
    assert newest.compared_with.subject == "Kick-off round"
    newest_texts = [c.text for c in newest.changes]
    assert newest_texts[:4] == [
        "Partner added: Main Street Business Improvement Area (invited, cooperation)",
        "Partner added: Marion Clarke (declined, communication)",
        "Partner added: Somali Canadian Parents Association (candidate)",
        "Partner added: Westside District School Board (invited)",
    ]
    assert (
        "Riverside Police Service, Community Liaison Unit: role cooperation → coordination"
        in newest_texts
    )
    assert "New assessment round “Ten weeks” (2026-11-19), 4 responses" in newest_texts
    assert "Action added: Book the June celebration in the youth centre gym (already done)" in (
        newest_texts
    )
    assert history_text.summary(newest.changes) == (
        "4 partners added, role changed, new round, 4 actions added"
    )
    assert history_text.summary(broken.changes) == "could not be read"


def test_trend_is_the_latest_rounds_mean_at_each_readable_version(repo: Path):
    found = history.read(repo)
    assert [e.version.subject for e in found.readable()] == [
        "Start the plan",
        "Youth council and Al-Noor join",
        "Kick-off round",
        "Ten weeks round",
    ]
    trends = found.trends()
    assert trends[Ingredient.SHARED_VISION] == [None, None, 4.0, 4.25]
    assert trends[Ingredient.COMMUNICATION] == [None, None, 3.0, 2.25]
    assert found.entries[0].latest_round == "Ten weeks"
    assert found.entries[2].latest_round == "Kick-off"
    assert found.entries[-1].latest_round is None


def test_text_output(repo: Path):
    out = history_text.as_text(history.read(repo))
    assert out.startswith("History of plans/riverside.toml, newest first (5 versions)\n")
    assert "\n  ! This version could not be read:" in out
    assert "\n  + Partner added: Riverside Youth Council (confirmed, collaboration)\n" in out
    assert "\n  ✔ Action completed: Name one partner" in out
    assert "      Means: Shared vision 4.0, Common goals 3.0," in out
    assert "\n  Shared vision            ··▆▇  4.3 strength\n" in out
    assert "\n  Communication            ··▅▃  2.3 concern\n" in out
    assert all(len(line) <= 80 for line in out.splitlines())


def test_limit_still_compares_the_oldest_shown_with_the_version_before(repo: Path):
    found = history.read(repo, limit=2)
    assert [e.version.subject for e in found.entries] == ["Ten weeks round", "Hand edit"]
    assert found.older == 3
    # "Hand edit" cannot be read; "Ten weeks" compares with "Kick-off", outside the limit.
    assert found.entries[0].compared_with.subject == "Kick-off round"
    assert found.entries[0].changes[0].kind == "partner"


def test_uncommitted_changes_are_noticed(repo: Path):
    repo.write_text(repo.read_text() + "\n")
    assert history.read(repo).uncommitted


def test_history_follows_a_renamed_file(repo: Path):
    root = repo.parents[1]
    git(root, "mv", "plans/riverside.toml", "riverside-2026.toml")
    git(root, "commit", "-q", "-m", "Move it", when="2026-09-06T10:00:00+00:00")
    found = history.read(root / "riverside-2026.toml")
    assert len(found.entries) == 6
    assert [c.text for c in found.entries[0].changes] == ["No change to what the project says"]
    assert found.entries[-1].version.path == "plans/riverside.toml"


def test_outside_git_and_never_committed(tmp_path: Path):
    plain = tmp_path / "plain"
    plain.mkdir()
    shutil.copyfile(EXAMPLE, plain / "riverside.toml")
    with pytest.raises(history.HistoryUnavailable, match="is not in a git repository"):
        history.read(plain / "riverside.toml")
    git(plain, "init", "-q", "-b", "main")
    with pytest.raises(history.HistoryUnavailable, match="has never been committed"):
        history.read(plain / "riverside.toml")


def test_git_missing_is_said_plainly(tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    shutil.copyfile(EXAMPLE, tmp_path / "riverside.toml")
    monkeypatch.setenv("PATH", str(tmp_path / "no-programs-here"))
    with pytest.raises(history.HistoryUnavailable, match="git is not installed"):
        history.read(tmp_path / "riverside.toml")


def test_compare_renames_and_details():
    old = storage.load(EXAMPLE)
    new = old.model_copy(deep=True)
    new.project.name = "Riverside Circle"
    new.project.skills_needed = [*new.project.skills_needed[1:], "grant writing"]
    new.partners[0].name = "Al-Noor Centre"
    new.partners[1].role = None
    new.actions[1].done = True
    new.actions[0].done = False
    del new.actions[5]
    assert [(c.sign, c.text) for c in history.compare(old, new)] == [
        ("~", "Project renamed “Riverside Circle” (was “Riverside Youth Safety Circle”)"),
        ("~", "Al-Noor Mosque and Community Centre renamed Al-Noor Centre"),
        ("~", "Main Street Business Improvement Area: role cooperation → no role"),
        ("+", "Skill needed: grant writing"),
        ("-", "Skill no longer needed: youth outreach"),
        ("~", "Action open again: Name one partner to send a follow-up note after every meeting"),
        ("✔", "Action completed: Agree on three measures of success with the youth council"),
        ("-", "Action removed: Book the June celebration in the youth centre gym"),
    ]
    other = old.model_copy(deep=True)
    other.project.community = "Riverside East"
    assert [c.text for c in history.compare(old, other)] == [
        "Other details changed (not partners, roles, rounds or actions)"
    ]


# -- the command ----------------------------------------------------------------------


def partnertui(*args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "partnertui", *args],
        cwd=cwd,
        capture_output=True,
        text=True,
        stdin=subprocess.DEVNULL,
        timeout=120,
    )


def test_cli_history(repo: Path):
    result = partnertui("history", "plans/riverside.toml", "--limit", "3", cwd=repo.parents[1])
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith("History of plans/riverside.toml, newest first (3 versions)")
    assert "2 older versions not shown (see --limit)." in result.stdout
    assert "Ten weeks round" in result.stdout and "Start the plan" not in result.stdout


def test_cli_history_outside_git_and_usage(tmp_path: Path):
    shutil.copyfile(EXAMPLE, tmp_path / "riverside.toml")
    result = partnertui("history", "riverside.toml", cwd=tmp_path)
    assert (result.returncode, result.stdout) == (1, "")
    assert result.stderr.startswith(
        "partnertui history: riverside.toml is not in a git repository, so there is no "
        "history to show."
    )
    result = partnertui("history", "riverside.toml", "--limit", "0", cwd=tmp_path)
    assert result.returncode == 2
    assert "--limit needs a number of versions, 1 or more" in result.stderr
    help_text = " ".join(partnertui("history", "--help", cwd=tmp_path).stdout.split())
    assert "newest first" in help_text and "1 no history" in help_text


@pytest.mark.parametrize(
    "hostile",
    [
        "issue = " + "[" * 100_000 + "]" * 100_000,
        "issue = " + "{a = " * 1000 + "1" + "}" * 1000,
        "issue = " + "9" * 5000,
    ],
    ids=["deep-lists", "deep-tables", "long-number"],
)
def test_a_hostile_version_is_one_unreadable_version_and_the_rest_reads(tmp_path, hostile):
    root = tmp_path / "repo"
    root.mkdir()
    git(root, "init", "-q", "-b", "main")
    file = root / "plan.toml"
    good = EXAMPLE.read_text(encoding="utf-8")
    bad = good.replace("[project]\n", f"[project]\n{hostile}\n", 1)
    commit(root, file, good, "Start", 1)
    commit(root, file, bad, "Hostile edit", 2)
    commit(root, file, good.replace("Main Street", "High Street"), "Fixed", 3)
    found = history.read(file)
    assert [e.version.subject for e in found.entries] == ["Fixed", "Hostile edit", "Start"]
    [unread] = [e for e in found.entries if e.version.project is None]
    assert unread.version.subject == "Hostile edit"
    text = history_text.as_text(found)
    assert "could not be read" in text
    assert "9" * 30 not in text


# -- branches and merges --------------------------------------------------------------


def rename(file: Path, old: str, new: str) -> None:
    file.write_text(file.read_text().replace(f'name = "{old}"', f'name = "{new}"', 1))


def branch_commit(root: Path, message: str, day: int) -> None:
    git(root, "commit", "-q", "-am", message, when=f"2026-10-{day:02d}T10:00:00+00:00")


@pytest.fixture
def merged(tmp_path: Path) -> Path:
    """Alice renames one partner, Bob another; Bob's work is merged into Alice's, the
    merge itself completes an action, main is fast-forwarded, and one more commit follows."""
    root = tmp_path / "repo"
    root.mkdir()
    git(root, "init", "-q", "-b", "main")
    file = root / "plan.toml"
    commit(root, file, EXAMPLE.read_text(encoding="utf-8"), "init", 1)
    git(root, "checkout", "-q", "-b", "alice")
    rename(file, "Al-Noor Mosque and Community Centre", "Al-Noor Centre")
    branch_commit(root, "alice edits", 2)
    git(root, "checkout", "-q", "-b", "bob", "main")
    rename(file, "Main Street Business Improvement Area", "Main Street BIA")
    branch_commit(root, "bob edits", 3)
    git(root, "checkout", "-q", "alice")
    git(root, "merge", "-q", "--no-commit", "bob", when="2026-10-04T10:00:00+00:00")
    project = storage.load(file)
    project.actions[1].done = True  # what the merge itself changes, beyond bob's work
    storage.save(project, file)
    git(root, "commit", "-q", "-am", "Merge bob into alice", when="2026-10-04T10:00:00+00:00")
    git(root, "checkout", "-q", "main")
    git(root, "merge", "-q", "--ff-only", "alice")
    rename(file, "Marion Clarke", "Marion Clarke-Jones")
    branch_commit(root, "later", 5)
    return file


def test_a_merge_is_a_version_and_each_is_compared_with_its_first_parent(merged: Path):
    found = history.read(merged)
    by_subject = {e.version.subject: [c.text for c in e.changes] for e in found.entries}
    assert list(by_subject) == ["later", "Merge bob into alice", "bob edits", "alice edits", "init"]
    bob_tip = next(e.version.short for e in found.entries if e.version.subject == "bob edits")
    assert by_subject["later"] == ["Marion Clarke renamed Marion Clarke-Jones"]
    assert by_subject["Merge bob into alice"] == [
        f"Merged {bob_tip} “bob edits”",
        "Main Street Business Improvement Area renamed Main Street BIA",
        "Action completed: Agree on three measures of success with the youth council",
    ]
    assert by_subject["alice edits"] == [
        "Al-Noor Mosque and Community Centre renamed Al-Noor Centre"
    ]
    assert by_subject["bob edits"] == [
        "Main Street Business Improvement Area renamed Main Street BIA"
    ]
    assert by_subject["init"][0].startswith("First version: 10 partners")
    merge = found.entries[1]
    assert merge.compared_with is not None and merge.compared_with.subject == "alice edits"
    assert history_text.summary(merge.changes) == "merged, partner renamed, action done"
    out = history_text.as_text(found)
    assert f"  ⇄ Merged {bob_tip} “bob edits”\n" in out


def test_limit_compares_each_shown_version_with_its_own_first_parent(merged: Path):
    found = history.read(merged, limit=3)
    assert [e.version.subject for e in found.entries] == [
        "later",
        "Merge bob into alice",
        "bob edits",
    ]
    assert found.older == 2
    assert found.entries[2].compared_with.subject == "init"
    assert [c.text for c in found.entries[2].changes] == [
        "Main Street Business Improvement Area renamed Main Street BIA"
    ]


def test_a_file_moved_on_one_line_and_edited_on_the_other(tmp_path: Path):
    root = tmp_path / "repo"
    (root / "plans").mkdir(parents=True)
    git(root, "init", "-q", "-b", "main")
    old = root / "plans" / "riverside.toml"
    commit(root, old, EXAMPLE.read_text(encoding="utf-8"), "init", 1)
    git(root, "checkout", "-q", "-b", "side")
    rename(old, "Marion Clarke", "Marion Clarke-Jones")
    branch_commit(root, "side edit", 2)
    git(root, "checkout", "-q", "main")
    git(root, "mv", "plans/riverside.toml", "riverside.toml")
    branch_commit(root, "Move it", 3)
    git(root, "merge", "-q", "--no-edit", "side", when="2026-10-04T10:00:00+00:00")
    found = history.read(root / "riverside.toml")
    assert [(e.version.subject, e.version.path) for e in found.entries] == [
        ("Merge branch 'side'", "riverside.toml"),
        ("Move it", "riverside.toml"),
        ("side edit", "plans/riverside.toml"),
        ("init", "plans/riverside.toml"),
    ]
    assert [c.text for c in found.entries[0].changes][1:] == [
        "Marion Clarke renamed Marion Clarke-Jones"
    ]
    assert [c.text for c in found.entries[2].changes] == [
        "Marion Clarke renamed Marion Clarke-Jones"
    ]


SPRING = """[[assessments]]
round = "Spring"
date = 2027-03-01
respondent = "team"

[assessments.scores]
communication = 4
commitment = 5
conflict_resolution = 3

"""


def test_the_trends_figures_are_the_newest_versions_own(tmp_path: Path):
    """The newest version's latest round scores three ingredients: the others say "not
    scored" beside their trend, never the mean an older version had."""
    root = tmp_path / "repo"
    root.mkdir()
    git(root, "init", "-q", "-b", "main")
    file = root / "plan.toml"
    text = EXAMPLE.read_text(encoding="utf-8")
    commit(root, file, text, "Ten weeks", 1)
    at = text.index("[[actions]]")
    commit(root, file, text[:at] + SPRING + text[at:], "Spring", 2)
    found = history.read(file)
    out = history_text.as_text(found)
    assert "\n  Shared vision            ▇·  not scored\n" in out
    assert "\n  Communication            ▃▆  4.0 strength\n" in out
    assert "the newest version that reads" not in out
    assert found.latest() is found.entries[0]

    commit(root, file, "not TOML at all\n", "Broken", 3)
    out = history_text.as_text(history.read(file))
    spring = history.read(file).entries[1].version.short
    assert f"\n(the means are {spring}'s, the newest version that reads)\n" in out
    assert "\n  Commitment               ▇█  5.0 strength\n" in out
