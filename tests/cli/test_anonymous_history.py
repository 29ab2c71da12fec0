"""An anonymous round over its life in git: every committed version, the report and
the history name nobody, and the minimum to show holds in the report and in history
(hidden at two answers, shown at three). Real processes and a real repository."""

from __future__ import annotations

import os
import shutil
import subprocess
import tomllib
from pathlib import Path

import processes
import pytest

from partnertui import storage

EXAMPLES = Path(__file__).resolve().parents[2] / "examples"
HIDDEN = "not enough answers to show this without revealing who gave them"

pytestmark = pytest.mark.skipif(shutil.which("git") is None, reason="needs git")


ENV = {
    **os.environ,
    "GIT_AUTHOR_NAME": "Lead",
    "GIT_AUTHOR_EMAIL": "lead@example.org",
    "GIT_COMMITTER_NAME": "Lead",
    "GIT_COMMITTER_EMAIL": "lead@example.org",
    "GIT_CONFIG_GLOBAL": os.devnull,
    "GIT_CONFIG_NOSYSTEM": "1",
}


def run(*args: str, cwd: Path) -> str:
    done = subprocess.run(list(args), cwd=cwd, capture_output=True, text=True, env=ENV, timeout=60)
    assert done.returncode == 0, done.stderr
    return done.stdout


def partnertui(*args: str, cwd: Path) -> str:
    done = processes.partnertui(*args, cwd=cwd, env=ENV)
    assert done.returncode == 0, done.stderr
    return done.stdout


def answer(folder: Path, code: str, token: str, group: str, score: int, note: str) -> Path:
    path = folder / f"answer-{token[:8]}.response.toml"
    path.write_text(
        "partnertui_response = 1\n"
        'project = "Riverside Youth Safety Circle"\n'
        'round = "Spring"\n'
        f'round_code = "{code}"\n'
        f'response = "{token}"\n'
        f'group = "{group}"\n\n'
        f"[scores]\nshared_decision_making = {score}\n\n"
        f'[notes]\nshared_decision_making = "{note}"\n',
        encoding="utf-8",
    )
    return path


def test_an_anonymous_round_names_nobody_in_any_version_and_hides_too_few(tmp_path: Path):
    repo = tmp_path / "plans"
    repo.mkdir()
    shutil.copyfile(EXAMPLES / "riverside-youth.toml", repo / "plan.toml")
    run("git", "init", "-q", cwd=repo)
    run("git", "add", "plan.toml", cwd=repo)
    run("git", "commit", "-q", "-m", "the plan", cwd=repo)
    partnertui("survey", "plan.toml", "--round", "Spring", "--anonymous", "-o", "out", cwd=repo)
    run("git", "add", "plan.toml", cwd=repo)
    run("git", "commit", "-q", "-m", "asked anonymously", cwd=repo)
    code = storage.load(repo / "plan.toml").rounds[0].code
    assert code

    inbox = tmp_path / "inbox"
    inbox.mkdir()
    first = [
        answer(inbox, code, "a1" * 10, "group", 1, "Parents were told, not asked."),
        answer(inbox, code, "b2" * 10, "organization", 2, "The youth council heard last."),
    ]
    partnertui("import", "plan.toml", *map(str, first), cwd=repo)
    run("git", "commit", "-q", "-am", "two answers", cwd=repo)
    report = partnertui("report", "plan.toml", "--today", "2027-04-01", cwd=repo)
    assert HIDDEN in report
    assert "Shared decision-making (1.5" not in report
    history = " ".join(partnertui("history", "plan.toml", cwd=repo).split())
    assert f"Not shown for Shared decision-making: {HIDDEN}" in history

    third = answer(inbox, code, "c3" * 10, "group", 3, "Better since the June meeting.")
    partnertui("import", "plan.toml", str(third), cwd=repo)
    run("git", "commit", "-q", "-am", "three answers", cwd=repo)
    report = partnertui("report", "plan.toml", "--today", "2027-04-01", cwd=repo)
    assert HIDDEN not in report
    assert "| Shared decision-making | 2.0 |" in report
    # Two of the three answered as community groups: too few to say the group.
    assert "**Anonymous:** Parents were told, not asked." in report
    assert "community groups" not in report[report.index("What partners said") :]
    newest = " ".join(partnertui("history", "plan.toml", cwd=repo).split("\n\n")[1].split())
    assert "Shared decision-making 2.0" in newest and HIDDEN not in newest

    project = storage.load(repo / "plan.toml")
    ids = {p.id for p in project.partners}
    names = {p.name for p in project.partners}
    revisions = run("git", "rev-list", "HEAD", cwd=repo).split()
    assert len(revisions) == 4
    for revision in revisions:
        text = run("git", "show", f"{revision}:plan.toml", cwd=repo)
        for block in tomllib.loads(text).get("assessments", []):
            if block["round"] == "Spring":
                assert block["respondent"].startswith("anonymous-")
                assert block["respondent"] not in ids
                assert block["date"] == project.rounds[0].date
    spring = report[report.index("What partners said") : report.index("Scores across rounds")]
    assert not [name for name in names if name in spring]
    assert not [pid for pid in ids if pid in spring]
