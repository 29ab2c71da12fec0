"""``partnertui survey`` through a real process: questionnaires out, the round recorded."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
from processes import partnertui

from partnertui import storage
from partnertui.storage import lock as locks


@pytest.fixture
def plan(examples: Path) -> Path:
    return examples / "riverside-youth.toml"


def test_writes_one_questionnaire_per_invited_partner_and_records_the_round(plan: Path):
    project = storage.load(plan)
    expected = sorted(p.id for p in project.partners if p.status in ("invited", "confirmed"))
    result = partnertui("survey", plan.name, "--round", "Six months", cwd=plan.parent)
    assert result.returncode == 0, result.stderr
    folder = plan.parent / "riverside-youth-six-months-questionnaires"
    assert sorted(p.stem for p in folder.glob("*.html")) == expected
    assert 'started the round "Six months"' in result.stdout
    assert f"wrote {len(expected)} questionnaires" in result.stdout
    saved = storage.load(plan)
    (record,) = saved.rounds
    assert record.name == "Six months"
    assert re.fullmatch(r"[a-z0-9]{10}", record.code or "")
    assert sorted(record.invited) == expected
    assert f"code {record.code}" in result.stdout
    assert record.code in (folder / f"{expected[0]}.html").read_text(encoding="utf-8")
    # Again: the same code, nothing to record, the pages written again.
    again = partnertui("survey", plan.name, "--round", "Six months", cwd=plan.parent)
    assert again.returncode == 0, again.stderr
    assert "started" not in again.stdout and "recorded" not in again.stdout
    assert storage.load(plan).rounds == saved.rounds


def test_chosen_partners_into_a_chosen_folder(plan: Path, tmp_path: Path):
    out = tmp_path / "out" / "here"
    result = partnertui(
        "survey", str(plan), "--round", "Kick-off", "-o", str(out),
        "--partner", "tri-city-transit", "--partner", "main-street-bia", cwd=tmp_path,
    )  # fmt: skip
    assert result.returncode == 0, result.stderr
    assert sorted(p.name for p in out.iterdir()) == [
        "main-street-bia.html",
        "tri-city-transit.html",
    ]
    assert "started" not in result.stdout  # Kick-off has responses already
    (record,) = storage.load(plan).rounds
    assert record.invited == ["tri-city-transit", "main-street-bia"]


def test_an_unknown_partner_is_refused_with_a_suggestion(plan: Path):
    before = plan.read_bytes()
    result = partnertui(
        "survey", plan.name, "--round", "X", "--partner", "tri-city-transt", cwd=plan.parent
    )
    assert result.returncode == 2
    assert 'did you mean "tri-city-transit"' in result.stderr
    assert plan.read_bytes() == before


def test_status_says_who_has_answered_and_who_is_waiting(plan: Path):
    partnertui("survey", plan.name, "--round", "Kick-off", cwd=plan.parent)
    before = plan.read_bytes()
    listing = sorted(plan.parent.iterdir())
    result = partnertui("survey", plan.name, "--round", "Kick-off", "--status", cwd=plan.parent)
    assert result.returncode == 0, result.stderr
    project = storage.load(plan)
    turnout_line, *rest = result.stdout.splitlines()
    (record,) = project.rounds
    answered = {a.respondent for a in project.assessments if a.round == "Kick-off"} - {"team"}
    assert turnout_line == f"answered: {len(answered)} of {len(record.invited)}"
    waiting = sorted(project.partner(i).name for i in set(record.invited) - answered)
    assert rest[0] == "still waiting:"
    assert sorted(line.strip() for line in rest[1:]) == waiting
    assert plan.read_bytes() == before and sorted(plan.parent.iterdir()) == listing


def test_status_of_a_round_the_project_lacks(plan: Path):
    result = partnertui("survey", plan.name, "--round", "Nope", "--status", cwd=plan.parent)
    assert result.returncode == 1
    assert 'no round called "Nope"' in result.stderr


def test_a_file_open_in_a_workbook_is_left_alone(plan: Path):
    # A live session: this test's own process holds the lock, as a workbook would.
    held = locks.acquire(plan)
    try:
        before = plan.read_bytes()
        result = partnertui("survey", plan.name, "--round", "Six months", cwd=plan.parent)
    finally:
        held.release()
    assert result.returncode == 1
    assert "is open in the workbook by" in result.stderr
    assert f"(process {os.getpid()})" in result.stderr
    assert plan.read_bytes() == before
    assert not (plan.parent / "riverside-youth-six-months-questionnaires").exists()


def test_a_lock_left_by_an_ended_session_does_not_stop_it(plan: Path):
    import json
    import socket

    dead = subprocess.run([sys.executable, "-c", "import os; print(os.getpid())"],
                          capture_output=True, text=True, check=True)  # fmt: skip
    owner = {"user": "gone", "host": socket.gethostname(), "pid": int(dead.stdout),
             "since": "2026-11-01T09:00:00+00:00", "session": "old"}  # fmt: skip
    locks.lock_path(plan).write_text(json.dumps(owner))
    result = partnertui("survey", plan.name, "--round", "Six months", cwd=plan.parent)
    assert result.returncode == 0, result.stderr
    assert not locks.lock_path(plan).exists()


def test_names_are_printed_safely(plan: Path):
    text = plan.read_text(encoding="utf-8")
    text = text.replace('name = "Tri-City Transit"', 'name = "Tri-City \\u001b[31mTransit"', 1)
    plan.write_text(text, encoding="utf-8")
    result = partnertui(
        "survey", plan.name, "--round", "Six \\u001b months", "--partner", "tri-city-transit",
        cwd=plan.parent,
    )  # fmt: skip
    assert result.returncode == 0, result.stderr
    assert "\x1b" not in result.stdout
    assert "Tri-City \\u001b[31mTransit" in result.stdout
    assert "tri-city-transit.html" in result.stdout


def test_a_missing_file_is_said_so(examples: Path):
    result = partnertui("survey", "nowhere.toml", "--round", "X", cwd=examples)
    assert result.returncode == 2
    assert "nowhere.toml:1:1: there is no such file" in result.stdout
    assert not list(examples.glob("nowhere*"))


def test_a_missing_project_is_named_and_no_lock_is_left(tmp_path: Path):
    result = partnertui("survey", "plan.toml", "--round", "Six months", cwd=tmp_path)
    assert result.returncode == 2
    assert "plan.toml:1:1: there is no such file" in result.stdout
    assert list(tmp_path.iterdir()) == []
    elsewhere = partnertui("survey", "nowhere/plan.toml", "--round", "X", cwd=tmp_path)
    assert elsewhere.returncode == 2
    assert "nowhere/plan.toml:1:1: there is no such file" in elsewhere.stdout


def _code(page: Path) -> str:
    found = re.search(r'"round_code":"([a-z0-9]+)"', page.read_text(encoding="utf-8"))
    assert found is not None
    return found.group(1)


def test_rounds_whose_names_slug_alike_get_folders_of_their_own(plan: Path):
    """春 and 秋 have no ASCII letters: each round's folder and pages are its own, and
    the first round's questionnaires are still there, unchanged, after the second's."""
    folders = []
    for name in ("春", "秋"):
        done = partnertui("survey", plan.name, "--round", name, cwd=plan.parent)
        assert done.returncode == 0, done.stderr
        [folder] = re.findall(r"wrote \d+ questionnaires in (\S+):", done.stdout)
        folders.append(plan.parent / folder)
    spring, autumn = folders
    assert spring != autumn
    assert re.fullmatch(r"riverside-youth-round-[0-9a-f]{8}-questionnaires", spring.name)
    codes = {r.name: r.code for r in storage.load(plan).rounds}
    page = "riverside-youth-centre.html"
    assert (_code(spring / page), _code(autumn / page)) == (codes["春"], codes["秋"])
    # Another round's folder named with -o: its pages are not written over.
    before = (spring / page).read_bytes()
    done = partnertui("survey", plan.name, "--round", "秋", "-o", spring.name, cwd=plan.parent)
    assert done.returncode == 2
    assert 'is a questionnaire for round "春", so it was not written over' in done.stderr
    assert (spring / page).read_bytes() == before


def test_anonymous_rounds_in_cyrillic_get_pages_of_their_own(plan: Path):
    names = []
    for name in ("Весна", "Осень"):
        done = partnertui("survey", plan.name, "--round", name, "--anonymous", cwd=plan.parent)
        assert done.returncode == 0, done.stderr
        names += re.findall(r"riverside-youth-safety-circle--\S+\.html", done.stdout)
    assert len(set(names)) == 2
    assert all(
        re.fullmatch(r"riverside-youth-safety-circle--round-[0-9a-f]{8}\.html", n) for n in names
    )


def test_a_round_named_in_other_case_is_the_projects_round(plan: Path):
    """ "ten weeks" is the example's "Ten weeks": its questionnaires go out for it,
    saying so, and no second round is started beside it."""
    done = partnertui("survey", plan.name, "--round", " ten weeks", cwd=plan.parent)
    assert done.returncode == 0, done.stderr
    assert 'the project calls the round "ten weeks" "Ten weeks"' in done.stdout
    assert "started" not in done.stdout
    project = storage.load(plan)
    assert [r.name for r in project.rounds] == ["Ten weeks"]
    assert (plan.parent / "riverside-youth-ten-weeks-questionnaires").is_dir()
    status = partnertui("survey", plan.name, "--round", "TEN WEEKS", "--status", cwd=plan.parent)
    assert status.returncode == 0, status.stderr
    assert status.stdout.startswith("answered: ")
