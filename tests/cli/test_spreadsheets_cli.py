"""``partnertui import-partners`` and ``partnertui export`` as a person runs them.

Real processes, the project file read back after; every refusal leaves it byte for
byte as it was and says which row or column is the trouble; no traceback ever."""

from __future__ import annotations

import csv
import io
import json
import subprocess
import sys
from pathlib import Path

import pytest
from processes import partnertui

from partnertui import storage
from partnertui.model import Kind, Partner, Status
from partnertui.storage import lock as locks

LIST = (
    "Organisation,Type,E-mail,Phone,Skills,Comments,Status,Affected\n"
    '"Café Olé, ""the corner""",Company,cafe@example.org,555 0100,"coffee; art",'
    '"opens at 7,\nsays ""hello""",candidate,x\n'
    "Zoë Ångström,person,zoe@example.org,,,,invited,no\n"
    "RIVERSIDE YOUTH CENTRE,,,,,,confirmed,\n"
)


@pytest.fixture
def project(examples: Path) -> Path:
    return examples / "riverside-youth.toml"


def refused(project: Path, *args: str | Path, code: int = 1) -> str:
    before = project.read_bytes()
    done = partnertui("import-partners", project, *args, cwd=project.parent)
    assert done.returncode == code, done.stdout + done.stderr
    assert project.read_bytes() == before
    assert done.stderr.startswith("partnertui import-partners: ")
    return done.stderr


def as_sheet(text: str, encoding: str, separator: str = ",") -> bytes:
    """``text`` (a CSV with commas) as a spreadsheet saves it: its encoding, its
    separator, CRLF between rows."""
    out = io.StringIO(newline="")
    csv.writer(out, delimiter=separator).writerows(csv.reader(io.StringIO(text, newline="")))
    return out.getvalue().encode(encoding)


@pytest.mark.parametrize(
    ("encoding", "separator"),
    [("utf-8", ","), ("utf-8-sig", ","), ("utf-16", "\t"), ("cp1252", ";")],
    ids=["utf-8", "utf-8-bom", "excel-unicode-text", "windows-1252-semicolons"],
)
def test_a_partner_list_in_every_encoding(project: Path, encoding: str, separator: str):
    sheet = project.parent / "contacts.csv"
    sheet.write_bytes(as_sheet(LIST, encoding, separator))
    done = partnertui("import-partners", project, sheet, cwd=project.parent)
    assert done.returncode == 0, done.stderr
    assert "contacts.csv: 2 partners to add in" in done.stdout
    assert "1 row already says what the project says (row 4)" in done.stdout  # not a twin
    partners = {p.id: p for p in storage.load(project).partners}
    cafe = partners["cafe-ole-the-corner"]
    assert cafe.name == 'Café Olé, "the corner"'
    assert cafe.kind is Kind.BUSINESS
    assert cafe.contact == "cafe@example.org, 555 0100"
    assert cafe.skills == ["coffee", "art"]
    assert cafe.notes == 'opens at 7,\nsays "hello"'
    assert cafe.affected_by_issue is True
    zoe = partners["zoe-angstrom"]
    assert (zoe.name, zoe.kind, zoe.status) == ("Zoë Ångström", Kind.INDIVIDUAL, Status.INVITED)
    assert not locks.lock_path(project).exists()
    assert partnertui("check", project, cwd=project.parent).returncode == 0


def test_a_row_updates_its_partner_rather_than_adding_a_twin(project: Path):
    before = storage.load(project)
    sheet = project.parent / "update.csv"
    sheet.write_text("Name,Status,Role,Notes\nriverside youth centre,declined,,\n")
    done = partnertui("import-partners", project, sheet, cwd=project.parent)
    assert done.returncode == 0, done.stderr
    assert "update Riverside Youth Centre (riverside-youth-centre), row 2" in done.stdout
    assert "    status: confirmed → declined" in done.stdout
    after = storage.load(project)
    assert len(after.partners) == len(before.partners)
    old, new = before.partner("riverside-youth-centre"), after.partner("riverside-youth-centre")
    assert new.status is Status.DECLINED
    assert new.model_copy(update={"status": old.status}) == old  # blanks left the rest alone


def test_dry_run_prints_the_plan_and_writes_nothing(project: Path):
    sheet = project.parent / "contacts.csv"
    sheet.write_text(LIST, encoding="utf-8")
    before = project.read_bytes()
    done = partnertui("import-partners", project, sheet, "--dry-run", cwd=project.parent)
    assert done.returncode == 0, done.stderr
    assert 'add Café Olé, "the corner" (cafe-ole-the-corner), row 2' in done.stdout
    assert "--dry-run: nothing was written." in done.stdout
    assert project.read_bytes() == before


def test_refusals_name_the_row_and_leave_the_file(project: Path):
    folder = project.parent
    sheet = folder / "bad.csv"
    sheet.write_text("Organisation,Type,Shoe size\nA,spaceship,9\nB,Company,10\n")
    message = refused(project, sheet)
    assert 'column 3, "Shoe size": not a field it knows' in message
    assert f"Add to {sheet}.map.toml" in message
    assert '"Shoe size" = "FIELD"' in message
    (folder / "bad.csv.map.toml").write_text('ignore = ["Shoe size"]\n')
    message = refused(project, sheet)
    assert 'row 2, kind ("Type"): "spaceship" is not a kind of partner' in message
    assert "Nothing was written." in message
    assert "there is no such file" in refused(project, folder / "nope.csv", code=2)
    (folder / "m.toml").write_text('[columns]\n"Type" = "colour"\n')
    assert 'm.toml:2:1: "colour" is not a partner field' in refused(
        project, sheet, "--map", folder / "m.toml"
    )


def test_a_file_open_in_a_workbook_is_refused_with_who(project: Path):
    sheet = project.parent / "contacts.csv"
    sheet.write_text(LIST, encoding="utf-8")
    holder = subprocess.Popen([sys.executable, "-c", "import time; time.sleep(60)"])
    try:
        owner = locks.Owner.me()
        owner = locks.Owner(owner.user, owner.host, holder.pid, owner.since, "abcd1234")
        locks.lock_path(project).write_text(json.dumps(owner._asdict()))
        message = refused(project, sheet)
        assert f"is open for editing by {owner.user} on {owner.host}" in message
    finally:
        holder.kill()
        holder.wait()


def tricky(project: Path) -> None:
    """Partners whose text a spreadsheet must carry, saved into ``project``."""
    found = storage.load(project)
    found.partners[:] = sorted(
        [
            *found.partners,
            Partner(
                id="cafe-ole",
                name='Café Olé, "the corner"',
                kind=Kind.BUSINESS,
                contact="+1 555 0100",
                notes='First line\nsecond, with "quotes"\n=SUM(A1:A3)',
                skills=["espresso, latte"],
            ),
            Partner(id="zoe", name="Zoë Ångström", kind=Kind.INDIVIDUAL, notes="@home"),
            Partner(id="dash", name="-Dash Group", kind=Kind.GROUP, skills=["=1+1", "b"]),
        ],
        key=lambda p: p.id,
    )
    storage.save(found, project)


@pytest.mark.parametrize(
    ("encoding", "separator"), [("utf-8-sig", ","), ("utf-16", "\t"), ("cp1252", ";")]
)
def test_partners_out_and_in_again_change_nothing(project: Path, encoding: str, separator: str):
    tricky(project)
    folder = project.parent
    before = project.read_bytes()
    done = partnertui("export", project, "--table", "partners", cwd=folder)
    assert done.returncode == 0, done.stderr
    table = folder / "riverside-youth-partners.csv"
    assert f"wrote {table.name}" in done.stdout or f"wrote {table}" in done.stdout
    data = table.read_bytes()
    if encoding != "utf-8-sig":  # saved again from a spreadsheet, in another shape
        table.write_bytes(as_sheet(data.decode("utf-8-sig"), encoding, separator))
    done = partnertui("import-partners", project, table, cwd=folder)
    assert done.returncode == 0, done.stderr
    assert "nothing to change" in done.stdout
    assert project.read_bytes() == before


def read_table(path: Path) -> list[list[str]]:
    data = path.read_bytes()
    assert data.startswith(b"\xef\xbb\xbf")  # so Excel shows the accents
    text = data.decode("utf-8-sig")
    assert text.endswith("\r\n") and text.split("\n", 1)[0].endswith("\r")
    return list(csv.reader(io.StringIO(text, newline="")))


def test_each_table_reads_back(project: Path):
    tricky(project)
    folder = project.parent
    for table in ("partners", "contributions", "scores"):
        target = folder / f"{table}.csv"
        done = partnertui("export", project, "--table", table, "-o", target, cwd=folder)
        assert done.returncode == 0, done.stderr
    partners = read_table(folder / "partners.csv")
    assert partners[0] == [
        "Name", "Role", "Status", "Kind", "Contact", "Skills", "Affected", "Stake", "Youth",
        "Relationship", "Notes", "Id",
    ]  # fmt: skip
    by_id = {row[-1]: row for row in partners[1:]}
    assert by_id["cafe-ole"][4] == "'+1 555 0100"
    assert by_id["dash"][0] == "'-Dash Group" and by_id["dash"][5] == "'=1+1; b"
    assert by_id["zoe"][10] == "'@home"
    raw = (folder / "contributions.csv").read_bytes().decode("utf-8-sig")
    assert ",450,CAD\r\n" in raw  # a number, unquoted
    contributions = read_table(folder / "contributions.csv")
    assert contributions[0] == ["Partner", "Partner id", "Kind", "Description", "Value", "Currency"]
    scores = read_table(folder / "scores.csv")
    means = [row for row in scores if row[2] == "mean"]
    assert [row[0] for row in means] == ["Kick-off", "Ten weeks"]
    assert means[0][1] == "2026-09-17"
    assert ",mean,,4,3,4,2.5," in (folder / "scores.csv").read_bytes().decode("utf-8-sig")


def test_export_to_standard_output_has_no_byte_order_mark(project: Path):
    done = subprocess.run(
        [sys.executable, "-m", "partnertui", "export", project, "--table", "scores", "-o", "-"],
        capture_output=True,
        timeout=120,
    )
    assert done.returncode == 0
    assert done.stdout.startswith(b"Round,Date,Respondent")


def test_export_refusals(project: Path):
    folder = project.parent
    before = project.read_bytes()
    done = partnertui("export", project, "--table", "partners", "-o", project, cwd=folder)
    assert done.returncode == 2 and "is the project file" in done.stderr
    done = partnertui("export", project, "--table", "people", cwd=folder)
    assert done.returncode == 2
    done = partnertui(
        "export", project, "--table", "scores", "-o", folder / "no" / "x.csv", cwd=folder
    )
    assert done.returncode == 2 and "does not exist" in done.stderr
    assert project.read_bytes() == before


def test_export_through_a_symlink_writes_the_file_it_leads_to(project: Path):
    folder = project.parent
    shared = folder / "shared"
    shared.mkdir()
    (shared / "partners.csv").write_text("last month\n", encoding="utf-8")
    (folder / "partners.csv").symlink_to(shared / "partners.csv")
    done = partnertui("export", project, "--table", "partners", "-o", "partners.csv", cwd=folder)
    assert done.returncode == 0, done.stderr
    assert (folder / "partners.csv").is_symlink()
    assert read_table(shared / "partners.csv")[0][0] == "Name"


def test_a_quote_left_open_does_not_swallow_the_rows_after_it(project: Path):
    """The tester's file: B was read into A's notes and "1 partner to add" said."""
    sheet = project.parent / "u.csv"
    sheet.write_bytes(b'Name,Notes\nA,"unclosed\nB,\n')
    message = refused(project, sheet)
    assert "u.csv:2: a quote opens a cell here and is never closed" in message
    assert "to add" not in message
    assert message.rstrip().endswith("Nothing was written.")


def test_an_apostrophe_of_a_values_own_comes_back_through_export_and_import(project: Path):
    """A contact that really is '=SUM(1) and a note " =1+1": exported so that a
    spreadsheet runs neither, and imported again unchanged."""
    found = storage.load(project)
    first = found.partners[0]
    found.partners[0] = first.model_copy(update={"contact": "'=SUM(1)", "notes": " =1+1"})
    storage.save(found, project)
    folder = project.parent
    before = project.read_bytes()
    assert partnertui("export", project, "--table", "partners", cwd=folder).returncode == 0
    table = folder / "riverside-youth-partners.csv"
    row = next(r for r in read_table(table) if r[-1] == first.id)
    assert (row[4], row[10]) == ("''=SUM(1)", "' =1+1")
    done = partnertui("import-partners", project, table, cwd=folder)
    assert done.returncode == 0, done.stderr
    assert "nothing to change" in done.stdout
    assert project.read_bytes() == before


def test_what_is_wrong_in_a_cell_reads_as_a_sentence(project: Path):
    sheet = project.parent / "w.csv"
    sheet.write_text("Name,Youth,Id\nA,perhaps,\nB,,Bad ID\n", encoding="utf-8")
    message = refused(project, sheet)
    assert 'row 2, youth ("Youth"): "perhaps" is not yes or no; write yes or no' in message
    assert 'row 3, id ("Id"): "Bad ID" is not an id: an id is lowercase letters' in message
    sheet.write_text("Name,Notes\n", encoding="utf-8")
    done = partnertui("import-partners", project, sheet, cwd=project.parent)
    assert done.returncode == 0, done.stderr
    assert "w.csv: nothing to change; the file has no rows under its headings." in done.stdout
