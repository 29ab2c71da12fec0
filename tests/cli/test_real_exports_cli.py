"""The real shapes of survey exports and address books through the real commands.

tests/unit/test_real_exports.py and test_real_partner_lists.py read each shape; here
a few go through ``partnertui import`` and ``import-partners`` as a person runs them,
``--dry-run`` first (nothing written), then for real, the project read back after.
"""

from __future__ import annotations

import datetime as dt
import shutil
from pathlib import Path

import pytest
from processes import partnertui

from partnertui import storage
from partnertui.model import Ingredient as I
from partnertui.model import Kind

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures"


def copied(folder: Path, kind: str, name: str) -> Path:
    return Path(shutil.copy(FIXTURES / kind / name, folder / name))


@pytest.mark.parametrize(
    "name",
    ["limesurvey-full-text.csv", "kobotoolbox-labels.csv", "microsoft-forms-excel-fr.csv"],
)
def test_a_real_export_dry_run_then_imported(survey_project: Path, name: str):
    folder = survey_project.parent
    export = copied(folder, "exports", name)
    before = survey_project.read_bytes()
    dry = partnertui("import", survey_project, export, "--round", "Six months", "--dry-run",
                     cwd=folder)  # fmt: skip
    assert dry.returncode == 0, dry.stderr
    assert 'Round "Six months": 3 responses to import' in dry.stdout
    assert "Riverside Youth Centre (riverside-youth-centre), answered 2026-11-02" in dry.stdout
    assert survey_project.read_bytes() == before
    done = partnertui("import", survey_project, export, "--round", "Six months", cwd=folder)
    assert done.returncode == 0, done.stderr
    found = {
        a.respondent: a for a in storage.load(survey_project).assessments if a.round == "Six months"
    }
    assert {r: a.date for r, a in found.items()} == {
        "riverside-youth-centre": dt.date(2026, 11, 2),
        "maison-des-jeunes": dt.date(2026, 11, 3),
        "riverside-parents-network": dt.date(2026, 11, 4),
    }
    assert found["maison-des-jeunes"].scores == {
        I.SHARED_VISION: 5,
        I.COMMON_GOALS: 4,
        I.COMMUNICATION: 2,
    }
    assert (
        found["maison-des-jeunes"]
        .notes[I.COMMUNICATION]
        .startswith('Emails arrive late; "urgent" ones too')
    )
    assert found["riverside-youth-centre"].dont_know == [I.COMMUNICATION]


def test_outlook_contacts_dry_run_then_imported(examples: Path):
    project = examples / "riverside-youth.toml"
    sheet = copied(examples, "contacts", "outlook.csv")
    before = project.read_bytes()
    dry = partnertui("import-partners", project, sheet, "--dry-run", cwd=examples)
    assert dry.returncode == 0, dry.stderr
    assert "outlook.csv: 2 partners to add and 2 partners to update in" in dry.stdout
    assert "add Élise M. Fortin (elise-m-fortin), row 4" in dry.stdout
    assert project.read_bytes() == before
    done = partnertui("import-partners", project, sheet, cwd=examples)
    assert done.returncode == 0, done.stderr
    partners = {p.id: p for p in storage.load(project).partners}
    assert partners["elise-m-fortin"].kind is Kind.INDIVIDUAL
    assert partners["cote-cafe"].contact.startswith("905-555-0123, bonjour@cotecafe.example.com")
    assert partners["riverside-youth-centre"].contact == (
        "Dana Li, 905-555-0144, dana@riversideyouth.example.org"
    )
    assert partnertui("check", project, cwd=examples).returncode == 0


def test_outlook_com_contacts_imported(examples: Path):
    project = examples / "riverside-youth.toml"
    sheet = copied(examples, "contacts", "outlook-com.csv")
    done = partnertui("import-partners", project, sheet, cwd=examples)
    assert done.returncode == 0, done.stderr
    assert "outlook-com.csv: 2 partners to add and 2 partners to update in" in done.stdout
    assert "not a field it knows" not in done.stdout + done.stderr
    partners = {p.id: p for p in storage.load(project).partners}
    assert partners["elise-m-fortin"].kind is Kind.INDIVIDUAL
    assert partners["riverside-police-liaison"].contact == (
        "Cst. Marc Tremblay, marc.tremblay@rps.example.org, 905-555-0190"
    )


def test_google_contacts_imported(examples: Path):
    project = examples / "riverside-youth.toml"
    sheet = copied(examples, "contacts", "google-contacts.csv")
    done = partnertui("import-partners", project, sheet, cwd=examples)
    assert done.returncode == 0, done.stderr
    partners = {p.id: p for p in storage.load(project).partners}
    assert (partners["elise-fortin"].name, partners["elise-fortin"].contact) == (
        "Élise Fortin",
        "(905) 555-0177",
    )
    assert partners["cote-cafe"].kind is Kind.ORGANIZATION


def test_dates_no_day_proves_are_said_and_can_be_read_the_other_way(survey_project: Path):
    """UK Excel's "CSV UTF-8" writes 02/11/2026 for the 2nd of November. Read by the
    rule, the month first, the plan says so, how to have the day first, and that the
    answers (and the round they start) come before the project's start."""
    folder = survey_project.parent
    export = copied(folder, "exports", "microsoft-forms-excel-uk.csv").name
    dry = partnertui("import", survey_project, export, "--round", "Autumn", "--dry-run",
                     cwd=folder)  # fmt: skip
    assert dry.returncode == 0, dry.stderr
    said = dry.stdout
    assert "Riverside Youth Centre (riverside-youth-centre), answered 2026-02-11" in said
    assert 'round "Autumn" is new: this import starts it, dated 2026-02-11' in said
    assert said.count("dated before the project's start (2026-09-01)") == 4  # 3 and the round
    assert (
        "dates in microsoft-forms-excel-uk.csv read as month/day, as survey tools write them "
        "in their usual, American, settings: 02/11/2026 14:03 (row 2) → 2026-02-11"
    ) in said
    assert (
        "no day in them is over 12, so they could be day/month (02/11/2026 14:03 → 2026-11-02)"
        ': if they are, write dates = "day-first" at the top of '
        "microsoft-forms-excel-uk.csv.map.toml (or give import --dates day-first)"
    ) in said
    done = partnertui("import", survey_project, export, "--round", "Autumn", "--dates",
                      "day-first", cwd=folder)  # fmt: skip
    assert done.returncode == 0, done.stderr
    assert "read as day/month, as --dates says: 02/11/2026 14:03 (row 2) → 2026-11-02" in (
        done.stdout
    )
    assert "before the project's start" not in done.stdout
    project = storage.load(survey_project)
    assert next(r for r in project.rounds if r.name == "Autumn").date == dt.date(2026, 11, 2)
    (folder / "microsoft-forms-excel-uk.csv.map.toml").write_text('dates = "day-first"\n')
    mapped = partnertui("import", survey_project, export, "--round", "Later", "--dry-run",
                        cwd=folder)  # fmt: skip
    assert "answered 2026-11-02" in mapped.stdout
    assert "read as day/month, as " in mapped.stdout and "map.toml says" in mapped.stdout


def test_a_day_over_twelve_settles_the_order_and_is_said(survey_project: Path):
    folder = survey_project.parent
    (folder / "uk.csv").write_bytes(
        b"\xef\xbb\xbfTimestamp,Partner,Shared vision\r\n05/11/2026 14:01,marion-clarke,4\r\n"
        b"13/11/2026 09:00,Riverside Youth Centre,3\r\n"
    )
    dry = partnertui("import", survey_project, "uk.csv", "--round", "Autumn", "--dry-run",
                     cwd=folder)  # fmt: skip
    assert dry.returncode == 0, dry.stderr
    assert "uk.csv read as day/month: 13/11/2026 09:00 (row 3) can only be 2026-11-13" in dry.stdout
    assert "answered 2026-11-05" in dry.stdout
    assert "could be" not in dry.stdout


def test_surveymonkey_other_asks_only_about_the_typed_name(survey_project: Path):
    folder = survey_project.parent
    export = copied(folder, "exports", "surveymonkey-other.csv")
    before = survey_project.read_bytes()
    done = partnertui("import", survey_project, export, "--round", "Six months", cwd=folder)
    assert done.returncode == 1
    assert 'row 6: "Eastgate Library" is not a partner of the project' in done.stderr
    assert '"Eastgate Library" = ' in done.stderr
    assert '"Other (please specify)" =' not in done.stderr
    assert survey_project.read_bytes() == before
