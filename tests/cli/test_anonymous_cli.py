"""An anonymous round from the command line, start to finish: ``survey --anonymous``
writes one page, answers come back as response files and a survey tool's export,
``import`` takes every name off, and ``--status`` only counts. Real processes; the
written file is parsed to prove no partner is left in the round."""

from __future__ import annotations

import html
import tomllib
from pathlib import Path

import pytest
from processes import partnertui

from partnertui import storage
from partnertui.model import Partner

EXAMPLES = Path(__file__).resolve().parents[2] / "examples"
ESC = "\x1b"


def response(folder: Path, name: str, code: str, who: str, scores: str = "shared_vision = 4"):
    """A response file; ``who`` is its token and group lines, or a signed respondent."""
    path = folder / f"{name}.response.toml"
    path.write_text(
        "# partnertui response: send this file back to the project lead\n"
        "partnertui_response = 1\n"
        'project = "Riverside Youth Safety Circle"\n'
        'round = "Spring"\n'
        f'round_code = "{code}"\n'
        f"{who}\n"
        'dont_know = ["communication"]\n\n'
        f"[scores]\n{scores}\n\n"
        '[notes]\nshared_vision = "We [b]agree[/b] <script>"\n',
        encoding="utf-8",
    )
    return path


@pytest.fixture
def plan(examples: Path) -> Path:
    return examples / "riverside-youth.toml"


def _started(plan: Path) -> str:
    result = partnertui("survey", plan.name, "--round", "Spring", "--anonymous", cwd=plan.parent)
    assert result.returncode == 0, result.stderr
    (record,) = storage.load(plan).rounds
    assert record.anonymous and record.code
    return record.code


def test_survey_writes_one_page_for_everyone_with_nobody_in_it(plan: Path):
    project = storage.load(plan)
    invited = [p for p in project.partners if p.status in ("invited", "confirmed")]
    result = partnertui("survey", plan.name, "--round", "Spring", "--anonymous", cwd=plan.parent)
    assert result.returncode == 0, result.stderr
    folder = plan.parent / "riverside-youth-spring-questionnaires"
    (page,) = folder.iterdir()
    assert page.name == "riverside-youth-safety-circle--spring.html"
    assert f"{len(invited)} partners were invited, and the same page goes to each" in result.stdout
    text = page.read_text(encoding="utf-8")
    for partner in invited:
        for shown in (partner.id, partner.name, html.escape(partner.name)):
            assert shown not in text, shown
            assert shown not in result.stdout, shown
    (record,) = storage.load(plan).rounds
    assert record.anonymous and sorted(record.invited) == sorted(p.id for p in invited)
    assert "anonymous = true" in plan.read_text(encoding="utf-8")


def test_a_signed_round_is_not_made_anonymous_and_partner_is_refused(plan: Path):
    before = plan.read_bytes()
    result = partnertui("survey", plan.name, "--round", "Kick-off", "--anonymous", cwd=plan.parent)
    assert result.returncode == 1
    assert (
        'round "Kick-off" already has signed answers; start a new round to ask anonymously'
        in result.stderr
    )
    assert plan.read_bytes() == before
    _started(plan)
    after = plan.read_bytes()
    result = partnertui(
        "survey", plan.name, "--round", "Spring", "--partner", "main-street-bia", cwd=plan.parent
    )
    assert result.returncode == 2
    assert "--partner cannot be used for an anonymous round" in result.stderr
    assert plan.read_bytes() == after


def test_eight_answers_come_in_without_a_partner_and_status_only_counts(plan: Path):
    code = _started(plan)
    folder = plan.parent / "answers"
    folder.mkdir()
    files = [
        response(folder, f"a{n}", code, f'response = "{n:02d}aa55bb66cc77dd88"\n{group}')
        for n, group in enumerate(
            ['group = "agency"', 'group = "organization"', "", 'group = "Group"', ""]
        )
    ]
    files.append(
        response(
            folder, "signed", code, 'respondent = "riverside-police-liaison"\ndate = 2026-11-05'
        )
    )
    export = folder / "forms.csv"
    export.write_text(
        "ID,Completion time,Email,Your organisation,Shared vision,Leadership\n"
        "41,11/2/26 14:03,dana@riversideyouth.example.org,Riverside Youth Centre,4,2\n"
        "42,11/3/26 9:20,,Main Street Business Improvement Area,5,Don't know\n",
        encoding="utf-8",
    )
    result = partnertui("import", plan.name, *files, export, "--round", "Spring", cwd=plan.parent)
    assert result.returncode == 0, result.stderr
    out = result.stdout
    assert "8 anonymous answers (agency 2, business 1, group 1, no group 2, organization 2)" in out
    assert "names taken off: 3 answers came with a name (the partner's group was kept)" in out
    data = tomllib.loads(plan.read_text(encoding="utf-8"))
    (record,) = data["rounds"]
    spring = [a for a in data["assessments"] if a["round"] == "Spring"]
    project = storage.load(plan)
    ids = {p.id for p in project.partners}
    assert len(spring) == 8
    for answer in spring:
        assert answer["respondent"].startswith("anonymous-")
        assert answer["respondent"] not in ids
        assert not any(i in str(answer) for i in ids), answer
        assert answer["date"] == record["date"]
    names = [p.name for p in project.partners] + list(ids)
    for shown in names:
        assert shown not in out, shown

    status = partnertui("survey", plan.name, "--round", "Spring", "--status", cwd=plan.parent)
    assert status.returncode == 0, status.stderr
    assert status.stdout.splitlines()[0] == f"answered: 8 of {len(record['invited'])}"
    for shown in names:
        assert shown not in status.stdout, shown

    # The same response file again is recognised and passed over; changed, it is
    # refused, and --replace puts it in place.
    before = plan.read_bytes()
    same = partnertui("import", plan.name, files[0], cwd=plan.parent)
    assert same.returncode == 0, same.stderr
    assert "1 already imported, unchanged" in same.stdout
    assert plan.read_bytes() == before
    files[0].write_text(files[0].read_text().replace("shared_vision = 4", "shared_vision = 3"))
    again = partnertui("import", plan.name, files[0], cwd=plan.parent)
    assert again.returncode == 1
    assert "have answered already" in again.stderr
    assert plan.read_bytes() == before
    replaced = partnertui("import", plan.name, files[0], "--replace", cwd=plan.parent)
    assert replaced.returncode == 0, replaced.stderr
    assert "replaces 1 answer imported before" in replaced.stdout
    after = [a for a in storage.load(plan).assessments if a.round == "Spring"]
    assert len(after) == 8


def test_a_group_the_project_does_not_have_is_refused_with_the_choices(plan: Path):
    code = _started(plan)
    before = plan.read_bytes()
    odd = response(plan.parent, "odd", code, f'response = "{"ab" * 10}"\ngroup = "[b]x[/b]\\u001b"')
    result = partnertui("import", plan.name, odd, cwd=plan.parent)
    assert result.returncode == 1
    assert 'the group "[b]x[/b]\\u001b"' in result.stderr
    assert "individual, group, organization, business, agency, government" in result.stderr
    assert ESC not in result.stderr
    assert plan.read_bytes() == before


def test_an_anonymous_response_into_a_signed_round_is_refused(plan: Path):
    result = partnertui("survey", plan.name, "--round", "Spring", cwd=plan.parent)
    assert result.returncode == 0, result.stderr
    (record,) = storage.load(plan).rounds
    before = plan.read_bytes()
    stray = response(plan.parent, "stray", record.code or "", f'response = "{"cd" * 10}"')
    result = partnertui("import", plan.name, stray, cwd=plan.parent)
    assert result.returncode == 1
    assert 'round "Spring" is not anonymous' in result.stderr
    assert plan.read_bytes() == before


def test_hostile_names_show_literally(plan: Path):
    hostile = f"[b]x[/b] <script> {ESC}[31m"
    project = storage.load(plan)
    project = project.model_copy(
        update={
            "project": project.project.model_copy(update={"name": f"Circle {hostile}"}),
            "partners": [
                *project.partners,
                Partner(id="hostile", name=f"Zorblat {hostile}", status="invited"),
            ],
        }
    )
    storage.save(project, plan)
    round_name = f"Spring {hostile}"
    result = partnertui("survey", plan.name, "--round", round_name, "--anonymous", cwd=plan.parent)
    assert result.returncode == 0, result.stderr
    shown = "[b]x[/b] <script> \\u001b[31m"
    assert f'started the round "Spring {shown}"' in result.stdout
    assert ESC not in result.stdout and "Zorblat" not in result.stdout
    (page,) = plan.parent.glob("*-questionnaires/*.html")
    text = page.read_text(encoding="utf-8")
    assert "Zorblat" not in text and "hostile" not in text and ESC not in text
    assert "&lt;script&gt;" in text and "[b]x[/b]" in text
    status = partnertui("survey", plan.name, "--round", round_name, "--status", cwd=plan.parent)
    assert status.stdout.startswith("answered: 0 of 9\n"), status.stdout
    assert ESC not in status.stdout and "Zorblat" not in status.stdout
