"""``partnertui import`` as a person runs it: a real process, the file read back after.

Every refusal leaves the project file byte for byte as it was, and says in one
message which file, row or line is the trouble; no traceback ever."""

from __future__ import annotations

import datetime as dt
import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from processes import partnertui

from partnertui import storage
from partnertui.model import Ingredient as I
from partnertui.storage import lock as locks

EXPORTS = Path(__file__).resolve().parents[1] / "fixtures" / "exports"
CODE = "r7k2m9qx4f"

RESPONSE = """\
# partnertui response: send this file back to the project lead
partnertui_response = 1
project = "Riverside Youth Safety Circle"
round = "Six months"
round_code = "{code}"
respondent = "{who}"
respondent_name = "Riverside Youth Centre"
date = 2026-11-02
dont_know = ["communication"]

[scores]
shared_vision = 4
common_goals = 3

[notes]
shared_vision = "We agree on the what, not yet on the how."
"""


def response(
    folder: Path, who: str = "riverside-youth-centre", code: str = CODE, *edits: tuple[str, str]
) -> Path:
    path = folder / f"riverside-youth-safety-circle--six-months--{who}.response.toml"
    text = RESPONSE.format(code=code, who=who)
    for old, new in edits:
        assert old in text
        text = text.replace(old, new)
    path.write_text(text)
    return path


def export(folder: Path, tool: str) -> Path:
    return Path(shutil.copy(EXPORTS / f"{tool}.csv", folder / f"{tool}.csv"))


def refused(project: Path, *args: str | Path, code: int = 1) -> str:
    """Run an import that must be refused; the file must not change. Its message."""
    before = project.read_bytes()
    done = partnertui("import", project, *args, cwd=project.parent)
    assert done.returncode == code, done.stdout + done.stderr
    assert project.read_bytes() == before
    assert done.stderr.startswith("partnertui import: ")
    return done.stderr


def mine(project: Path, round_name: str = "Six months") -> dict:
    return {a.respondent: a for a in storage.load(project).assessments if a.round == round_name}


# -- imports that go in ---------------------------------------------------------------


def test_a_response_file_is_read_back_from_the_project(survey_project: Path):
    folder = survey_project.parent
    done = partnertui("import", survey_project, response(folder), cwd=folder)
    assert done.returncode == 0, done.stderr
    assert 'Round "Six months": 1 response to import' in done.stdout
    assert "Riverside Youth Centre (riverside-youth-centre), answered 2026-11-02" in done.stdout
    assert "scores: shared vision 4 (good), common goals 3 (developing)" in done.stdout
    assert "don't know: communication" in done.stdout
    assert "Imported 1 response into" in done.stdout
    answered = mine(survey_project)["riverside-youth-centre"]
    assert answered.date == dt.date(2026, 11, 2)
    assert answered.scores == {I.SHARED_VISION: 4, I.COMMON_GOALS: 3}
    assert answered.dont_know == [I.COMMUNICATION]
    assert answered.notes == {I.SHARED_VISION: "We agree on the what, not yet on the how."}
    assert not locks.lock_path(survey_project).exists()  # the import's lock is given back
    check = partnertui("check", survey_project, cwd=folder)
    assert check.returncode == 0, check.stdout


@pytest.mark.parametrize(
    "tool", ["microsoft-forms", "google-forms", "surveymonkey", "limesurvey", "kobotoolbox"]
)
def test_each_tools_export(survey_project: Path, tool: str):
    folder = survey_project.parent
    done = partnertui("import", survey_project, export(folder, tool), "--round", "Six months",
                      cwd=folder)  # fmt: skip
    assert done.returncode == 0, done.stderr
    found = mine(survey_project)
    assert set(found) == {
        "riverside-youth-centre",
        "maison-des-jeunes",
        "riverside-parents-network",
    }
    assert found["maison-des-jeunes"].scores[I.SHARED_VISION] == 5
    assert found["riverside-parents-network"].dont_know == [I.COMMUNICATION]


def test_dry_run_shows_and_writes_nothing(survey_project: Path):
    folder = survey_project.parent
    before = survey_project.read_bytes()
    done = partnertui("import", survey_project, export(folder, "google-forms"), "--round",
                      "Six months", "--dry-run", cwd=folder)  # fmt: skip
    assert done.returncode == 0, done.stderr
    assert "Maison des Jeunes Côte-des-Neiges (maison-des-jeunes)" in done.stdout
    assert 'note on communication: "Emails arrive late; \\"urgent\\" ones too"' not in done.stdout
    assert 'note on communication: "Emails arrive late; "urgent" ones too"' in done.stdout
    assert "--dry-run: nothing was written." in done.stdout
    assert survey_project.read_bytes() == before


def test_a_new_round_is_started_and_said(survey_project: Path):
    folder = survey_project.parent
    done = partnertui("import", survey_project, export(folder, "limesurvey"), "--round",
                      "One year", cwd=folder)  # fmt: skip
    assert done.returncode == 0, done.stderr
    assert 'round "One year" is new: this import starts it' in done.stdout
    project = storage.load(survey_project)
    started = next(r for r in project.rounds if r.name == "One year")
    assert started.date == dt.date(2026, 11, 2)  # the first answer's day
    assert len(mine(survey_project, "One year")) == 3


TWO = ("shared_vision = 4", "shared_vision = 2")


def test_replace_says_what_it_replaces(survey_project: Path):
    folder = survey_project.parent
    assert partnertui("import", survey_project, response(folder), cwd=folder).returncode == 0
    message = refused(survey_project, response(folder, "riverside-youth-centre", CODE, TWO))
    assert 'riverside-youth-centre already answered round "Six months" on 2026-11-02' in message
    assert "--replace" in message
    again = response(folder, "riverside-youth-centre", CODE, TWO)
    done = partnertui("import", survey_project, again, "--replace", cwd=folder)
    assert done.returncode == 0, done.stderr
    assert "replaces the answers of 2026-11-02 (2 scores, 1 don't know, 1 note)" in done.stdout
    assert mine(survey_project)["riverside-youth-centre"].scores[I.SHARED_VISION] == 2


def test_a_mapping_beside_the_csv_is_used(survey_project: Path):
    folder = survey_project.parent
    csv = folder / "plain.csv"
    csv.write_text("Name,Q7,Q7 why,Q12\nJo Smith,4,Steady,x\n", encoding="utf-8")
    message = refused(survey_project, csv, "--round", "Six months")
    assert 'column 2, "Q7": not a question it knows' in message
    assert 'column 4, "Q12": not a question it knows' in message
    assert 'row 2: "Jo Smith" is not a partner of the project' in message
    assert f"Add to {csv}.map.toml" in message
    assert '"Jo Smith" = "PARTNER-ID"' in message
    (folder / "plain.csv.map.toml").write_text(
        'ignore = ["Q12"]\n[columns]\n"Q7" = "leadership"\n"Q7 why" = "leadership comment"\n'
        '[respondents]\n"Jo Smith" = "marion-clarke"\n'
    )
    done = partnertui("import", survey_project, csv, "--round", "Six months", cwd=folder)
    assert done.returncode == 0, done.stderr
    assert mine(survey_project)["marion-clarke"].notes == {I.LEADERSHIP: "Steady"}


# -- refusals ---------------------------------------------------------------------------


def test_a_response_for_another_project_or_round(survey_project: Path):
    folder = survey_project.parent
    message = refused(survey_project, response(folder, code="zzzz9999zzzz"))
    assert (
        'this response is for round "Six months" of project "Riverside Youth Safety Circle"'
        in message
    )
    assert "not of this project" in message
    other = response(folder, "marion-clarke", CODE, ('round = "Six months"', 'round = "Kick-off"'))
    assert 'round "Kick-off"' in refused(survey_project, other)


def test_a_response_edited_into_nonsense(survey_project: Path):
    folder = survey_project.parent
    bad = response(
        folder, "riverside-youth-centre", CODE, ("shared_vision = 4", "shared_vision = 7")
    )
    message = refused(survey_project, bad)
    assert f"{bad}:12:17: the score for shared_vision is 7" in message
    broken = response(folder, who="marion-clarke")
    broken.write_text(broken.read_text().replace("[scores]", "[scores"))
    assert f"{broken}:11:" in refused(survey_project, broken)


def test_duplicate_rows_name_both(survey_project: Path):
    folder = survey_project.parent
    csv = folder / "twice.csv"
    csv.write_text("Partner,Leadership\nmarion-clarke,4\nMarion Clarke,5\n")
    message = refused(survey_project, csv, "--round", "Six months")
    assert f"twice: in {csv} row 2 and in {csv} row 3" in message


def test_unknown_partner_and_score_of_seven_name_the_row(survey_project: Path):
    folder = survey_project.parent
    csv = folder / "bad.csv"
    csv.write_text("Partner,Leadership\nNobody Inc.,4\nmarion-clarke,7\n")
    message = refused(survey_project, csv, "--round", "Six months")
    assert 'row 2: "Nobody Inc." is not a partner of the project' in message
    assert 'bad.csv row 3, leadership ("Leadership"): "7": 7 is not on the scale' in message
    assert message.rstrip().endswith("Nothing was written.")


def test_unknown_partner_in_a_response_file(survey_project: Path):
    folder = survey_project.parent
    message = refused(survey_project, response(folder, who="youth-centr"))
    assert '"youth-centr" is not a partner of this project' in message


def test_rows_need_a_round(survey_project: Path, examples: Path):
    folder = survey_project.parent
    message = refused(survey_project, export(folder, "google-forms"), code=2)
    assert 'add --round "NAME", one of "Six months", "Kick-off", "Ten weeks"' in message


def only_six_months(project: Path) -> None:
    """Leave the project one round: "Six months", with no answers yet."""
    found = storage.load(project)
    storage.save(found.model_copy(update={"assessments": []}), project)


def test_one_round_and_no_terminal_to_ask_on(survey_project: Path):
    only_six_months(survey_project)
    message = refused(survey_project, export(survey_project.parent, "google-forms"), code=2)
    assert 'add --round "NAME", one of "Six months"' in message


def test_a_file_open_in_a_workbook_is_refused_with_who(survey_project: Path):
    folder = survey_project.parent
    holder = subprocess.Popen([sys.executable, "-c", "import time; time.sleep(60)"])
    try:
        owner = locks.Owner.me()
        owner = locks.Owner(owner.user, owner.host, holder.pid, owner.since, "abcd1234")
        locks.lock_path(survey_project).write_text(json.dumps(owner._asdict()))
        message = refused(survey_project, response(folder))
        assert (
            f"is open for editing by {owner.user} on {owner.host} (process {holder.pid})" in message
        )
    finally:
        holder.kill()
        holder.wait()
    # Once that session has ended its lock is stale, and the import goes ahead.
    done = partnertui("import", survey_project, response(folder), cwd=folder)
    assert done.returncode == 0, done.stderr


def test_usage_and_missing_files(survey_project: Path):
    folder = survey_project.parent
    assert "there is no such file" in refused(survey_project, folder / "nope.csv", code=2)
    done = partnertui("import", survey_project, cwd=folder)
    assert done.returncode == 2


def test_user_text_is_printed_safely(survey_project: Path):
    folder = survey_project.parent
    csv = folder / "evil.csv"
    csv.write_text("Partner,Leadership\n\x1b[31mred,4\n")
    message = refused(survey_project, csv, "--round", "Six months")
    assert "\x1b" not in message and "\\u001b[31mred" in message


@pytest.mark.skipif(not hasattr(os, "openpty"), reason="asks on a terminal")
def test_one_round_is_asked_about_on_a_terminal(survey_project: Path):
    import pty

    folder = survey_project.parent
    only_six_months(survey_project)
    csv = export(folder, "kobotoolbox")
    main, child = pty.openpty()
    process = subprocess.Popen(
        [sys.executable, "-m", "partnertui", "import", str(survey_project), str(csv)],
        stdin=child, stdout=child, stderr=child, cwd=folder,
    )  # fmt: skip
    os.close(child)
    seen = b""
    while b"[y/N]" not in seen:
        seen += os.read(main, 1024)
    assert b'Import into round "Six months"? [y/N]' in seen
    os.write(main, b"y\n")
    assert process.wait(timeout=60) == 0
    os.close(main)
    assert len(mine(survey_project)) == 3


def test_a_quote_left_open_does_not_swallow_the_rows_after_it(survey_project: Path):
    folder = survey_project.parent
    sheet = folder / "u.csv"
    sheet.write_bytes(
        b'Partner,Leadership,Leadership comment\nmarion-clarke,4,"unclosed\n'
        b"riverside-youth-centre,3,\n"
    )
    message = refused(survey_project, sheet, "--round", "Six months")
    assert "u.csv:2: a quote opens a cell here and is never closed" in message
    assert "Nothing was written." in message


def test_a_round_named_in_other_case_is_the_projects_round(survey_project: Path):
    folder = survey_project.parent
    sheet = folder / "late.csv"
    sheet.write_text("Partner,Leadership\nriverside-youth-centre,4\n", encoding="utf-8")
    done = partnertui("import", survey_project, sheet, "--round", " six MONTHS ", cwd=folder)
    assert done.returncode == 0, done.stderr
    assert 'The project calls the round "six MONTHS" "Six months": the answers go into it.' in (
        done.stdout
    )
    assert "is new" not in done.stdout
    project = storage.load(survey_project)
    assert [r.name for r in project.rounds] == ["Six months"]
    assert mine(survey_project)["riverside-youth-centre"].scores == {I.LEADERSHIP: 4}


def test_a_folder_imported_again_takes_only_the_new_responses(survey_project: Path):
    """Responses arrive over days into one folder; importing all of it again passes
    over those imported before, unchanged, and takes the new ones."""
    folder = survey_project.parent
    first = [response(folder, who) for who in ("riverside-youth-centre", "maison-des-jeunes")]
    assert partnertui("import", survey_project, *first, cwd=folder).returncode == 0
    before = survey_project.read_bytes()
    same = partnertui("import", survey_project, *first, cwd=folder)
    assert same.returncode == 0, same.stderr
    assert "2 already imported, unchanged: passed over" in same.stdout
    assert "Nothing new to import" in same.stdout
    assert survey_project.read_bytes() == before
    everything = [*first, response(folder, "riverside-parents-network")]
    done = partnertui("import", survey_project, *everything, cwd=folder)
    assert done.returncode == 0, done.stderr
    assert 'Round "Six months": 1 response to import' in done.stdout
    assert "2 already imported, unchanged: passed over" in done.stdout
    assert "Imported 1 response into" in done.stdout
    assert set(mine(survey_project)) == {
        "riverside-youth-centre",
        "maison-des-jeunes",
        "riverside-parents-network",
    }
    # One of them changed since: only it is refused, and --replace takes it.
    response(folder, "maison-des-jeunes", CODE, TWO)
    message = refused(survey_project, *everything)
    assert 'maison-des-jeunes already answered round "Six months" on 2026-11-02' in message
    assert "riverside-youth-centre" not in message
    assert "(2 answers already imported, unchanged)" in message
    done = partnertui("import", survey_project, *everything, "--replace", cwd=folder)
    assert done.returncode == 0, done.stderr
    assert "Imported 1 response into" in done.stdout
    assert mine(survey_project)["maison-des-jeunes"].scores[I.SHARED_VISION] == 2


def test_suggested_respondents_are_worded_as_guesses(survey_project: Path):
    folder = survey_project.parent
    sheet = folder / "guess.csv"
    sheet.write_text(
        "Timestamp,Email,Shared vision\n11/02/2026 10:00,na@riversideyouth.example.org,4\n"
        "11/02/2026 10:00,Riversid Youth Center,3\n11/02/2026 10:00,Jo Smith,3\n",
        encoding="utf-8",
    )
    message = refused(survey_project, sheet, "--round", "Six months")
    assert (
        '"na@riversideyouth.example.org" = "riverside-youth-centre"   '
        "# guessed from the e-mail's domain: check before using"
    ) in message
    assert (
        '"Riversid Youth Center" = "riverside-youth-centre"   # guessed from the name: '
        "check before using"
    ) in message
    assert '"Jo Smith" = "PARTNER-ID"\n' in message
