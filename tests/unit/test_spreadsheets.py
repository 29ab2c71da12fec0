"""Partner lists in and tables out, without a process: the plan, the words, the CSV."""

from __future__ import annotations

import csv
import io
import re
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from partnertui import csv_text, storage
from partnertui.model import Contribution, Kind, Partner, Role, Status, new_project
from partnertui.spreadsheets import partner_columns as pc
from partnertui.spreadsheets import partners_in, tables_out

EXAMPLE = Path(__file__).resolve().parents[2] / "examples" / "riverside-youth.toml"


@pytest.fixture
def project():
    return storage.load(EXAMPLE)


def tricky_project():
    """Partners whose text a CSV must carry: accents, commas, quotes, line breaks,
    and cells a spreadsheet would take for formulas."""
    project = new_project("Zoë's café watch")
    project.partners[:] = [
        Partner(
            id="cafe-ole",
            name='Café Olé, "the corner"',
            kind=Kind.BUSINESS,
            contact="+1 555 0100",
            notes='First line\nsecond, with "quotes"\n=SUM(A1:A3)',
            skills=["espresso, latte", "first aid"],
            role=Role.COOPERATION,
            status=Status.CONFIRMED,
            contributions=[Contribution(kind="space", description="=back room", value=-0.0 + 250)],
        ),
        Partner(id="zoe", name="Zoë Ångström", kind=Kind.INDIVIDUAL, youth=True, notes="@home"),
        Partner(id="minus", name="-Dash Group", kind=Kind.GROUP, skills=["=1+1"]),
        Partner(id="one", name="One skill", skills=["reading, writing"]),
    ]
    return project


def plan(text: str, project, **mapping) -> partners_in.Plan:
    meant = pc.Mapping(columns=mapping) if mapping else None
    return partners_in.plan_text(text, "list.csv", project, meant)


# -- columns and values ----------------------------------------------------------------


@pytest.mark.parametrize(
    ("heading", "field"),
    [
        ("Name", "name"),
        ("Organisation", "name"),
        ("ORGANIZATION", "name"),
        ("Partner", "name"),
        ("Type", "kind"),
        ("E-mail", "contact"),
        ("Email", "contact"),
        ("Téléphone", "contact"),
        ("Telephone", "contact"),
        ("Comments", "notes"),
        ("Affected", "affected"),
        ("Stake in solutions", "stake"),
        ("Youth", "youth"),
        ("Id", "id"),
    ],
)
def test_headings_people_use(heading, field):
    assert pc.columns([heading], pc.Mapping())[0].field == field


@pytest.mark.parametrize(
    ("written", "kind"),
    [
        ("Company", Kind.BUSINESS),
        ("police", Kind.AGENCY),
        ("City", Kind.GOVERNMENT),
        ("Charity", Kind.ORGANIZATION),
        ("person", Kind.INDIVIDUAL),
        ("ORGANISATION", Kind.ORGANIZATION),
        ("Youth group", Kind.GROUP),
        ("Businesses", Kind.BUSINESS),
        ("Gouvernement", None),
    ],
)
def test_kinds_in_words(written, kind):
    if kind is None:
        with pytest.raises(pc.NotAValue, match="write one of individual, group"):
            pc.value("kind", written)
    else:
        assert pc.value("kind", written) is kind


def test_flags_skills_and_our_own_apostrophe():
    assert [pc.value("affected", w) for w in ("yes", "X", "TRUE", "no", "0")] == [
        True,
        True,
        True,
        False,
        False,
    ]
    assert pc.value("skills", "a, b;c") == ["a, b", "c"]
    assert pc.value("skills", "a, b") == ["a", "b"]
    assert pc.value("notes", "'=SUM(A1)") == "=SUM(A1)"
    assert pc.value("name", "'Tis") == "'Tis"


# -- the plan --------------------------------------------------------------------------


def test_new_partners_and_updates_not_twins(project):
    text = (
        "Organisation,E-mail,Phone,Type,Status,Skills\n"
        "RIVERSIDE YOUTH CENTRE,new@ryc.org,555 0199,,confirmed,\n"
        '"Café Olé, ""the corner""",cafe@x.org,,Company,,"coffee, art"\n'
    )
    found = plan(text, project)
    assert [a.partner.name for a in found.added] == ['Café Olé, "the corner"']
    added = found.added[0].partner
    assert (added.id, added.kind, added.skills) == (
        "cafe-ole-the-corner",
        Kind.BUSINESS,
        ["coffee", "art"],
    )
    assert added.contact == "cafe@x.org"
    [updated] = found.updated
    assert updated.before.id == "riverside-youth-centre"
    assert updated.fields == ["contact"]  # found by name: the name's case is left alone
    assert updated.after.name == "Riverside Youth Centre"
    assert updated.after.contact == "new@ryc.org, 555 0199"
    assert updated.after.role == updated.before.role  # blanks and absent columns leave it
    words = partners_in.describe(found, "p.toml")
    assert "list.csv: 1 partner to add and 1 partner to update in p.toml" in words
    assert 'contact: "Dana Li, dana@riversideyouth.example.org" → "new@ryc.org, 555 0199"' in words
    after = found.partners(project)
    assert len(after) == len(project.partners) + 1
    assert [p.id for p in after] == sorted(p.id for p in after)
    assert found.edit_name() == "import 1 partner and update 1 partner from list.csv"


def test_by_id_the_name_may_change(project):
    found = plan("Id,Name\nmarion-clarke,Marion Clarke-Obi\n", project)
    assert found.updated[0].fields == ["name"]
    assert 'name: "Marion Clarke" → "Marion Clarke-Obi"' in partners_in.describe(found, "p")


@pytest.mark.parametrize(
    ("text", "said"),
    [
        ("Name,Type\nX,spaceship\n", 'row 2, kind ("Type"): "spaceship" is not a kind'),
        ("Name,Youth\nX,maybe\n", 'row 2, youth ("Youth"): "maybe" is not yes or no; write'),
        ("Name,Zap\nX,1\n", 'column 2, "Zap": not a field it knows'),
        ("Zap\nX\n", "no column holds the partners' names"),
        ("Name,Notes\n,lonely\n", "row 2: it has no name, and a new partner needs one"),
        ("Name\nNew one\nNEW ONE\n", "row 3: the same partner as row 2"),
        ("Name,E-mail,Email\nX,a,b\n", ""),  # several contact columns combine
        ("Name,Organisation\nX,Y\n", '"Name" and "Organisation" all look like the name'),
        ("Id,Name\nBad Id,X\n", '"Bad Id" is not an id: an id is lowercase letters and digits'),
        ("Id,Name\nteam,X\n", "kept for consensus scores"),
        ("Id,Name\nnew-id,Marion Clarke\n", 'the project has "Marion Clarke" with the id'),
    ],
)
def test_what_is_not_understood_is_said_by_row(project, text, said):
    if not said:
        assert plan(text, project).added[0].partner.contact == "a, b"
        return
    with pytest.raises(partners_in.PartnersRefused) as refused:
        plan(text, project)
    assert said in str(refused.value)
    assert str(refused.value).endswith("Nothing was written.")


def test_unknown_columns_get_the_lines_to_add(project, tmp_path):
    with pytest.raises(partners_in.PartnersRefused) as refused:
        partners_in.plan_text("Org Name,Zap\nX,1\n", "c.csv", project, None, tmp_path / "m.toml")
    message = str(refused.value)
    assert f"Add to {tmp_path / 'm.toml'}" in message
    assert '"Zap" = "FIELD"   # or "ignore"' in message
    assert plan("Org Name,Zap\nX,1\n", project, zap="ignore").added[0].partner.name == "X"


def test_the_mapping_file(project, tmp_path):
    csv_file = tmp_path / "c.csv"
    csv_file.write_text("Partner org,Junk,Telefon\nX,1,555\n")
    pc.beside(csv_file).write_text(
        'ignore = ["junk"]\n[columns]\n"Partner org" = "Name"\nTelefon = "phone"\n'
    )
    [added] = partners_in.plan_file(csv_file, project).added
    assert (added.partner.name, added.partner.contact) == ("X", "555")
    bad = tmp_path / "bad.toml"
    bad.write_text('[columns]\n"Junk" = "shoe size"\n')
    with pytest.raises(
        partners_in.PartnersRefused, match=r"bad.toml:2:1: \"shoe size\" is not a partner field"
    ):
        partners_in.plan_file(csv_file, project, bad)


def test_a_file_with_headings_and_no_rows_says_so(project):
    found = plan("Name,Notes\n", project)
    assert partners_in.describe(found, "p.toml") == (
        "list.csv: nothing to change; the file has no rows under its headings."
    )


def test_nothing_to_change(project):
    found = plan(csv_text.encode(*_table(project)).decode("utf-8-sig"), project)
    assert found.changes == 0
    assert "nothing to change" in partners_in.describe(found, "p.toml")


def _table(project):
    table = tables_out.partners(project)
    return table.headings, table.rows


# -- tables out ------------------------------------------------------------------------


def read_back(data: bytes) -> list[list[str]]:
    assert data.startswith(b"\xef\xbb\xbf")
    text = data.decode("utf-8-sig")
    assert "\r\n" in text
    return list(csv.reader(io.StringIO(text, newline="")))


def test_the_partners_table_round_trips_tricky_text():
    project = tricky_project()
    data = csv_text.encode(*_table(project))
    rows = read_back(data)
    assert rows[0][:3] == ["Name", "Role", "Status"]
    by_id = {r[-1]: r for r in rows[1:]}
    assert by_id["cafe-ole"][4] == "'+1 555 0100"  # formula-looking text is protected
    assert by_id["cafe-ole"][10].endswith("\n'=SUM(A1:A3)") is False  # only the cell's start
    assert by_id["zoe"][10] == "'@home"
    assert by_id["minus"][0] == "'-Dash Group"
    assert by_id["minus"][5] == "'=1+1"
    # Read back by the import: every field as it was, nothing to change.
    for encoding, sep in (("utf-8-sig", ","), ("utf-8", ","), ("utf-16", "\t"), ("cp1252", ";")):
        text = data.decode("utf-8-sig")
        if sep != ",":
            out = io.StringIO(newline="")
            csv.writer(out, delimiter=sep).writerows(csv.reader(io.StringIO(text, newline="")))
            text = out.getvalue()
        decoded = csv_text.decode(text.encode(encoding), "x.csv")
        assert plan(decoded, project).changes == 0, encoding


def test_numbers_stay_numbers_and_dates_are_iso(project):
    data = csv_text.encode(*_contributions(project))
    lines = data.decode("utf-8-sig").split("\r\n")
    assert lines[0] == "Partner,Partner id,Kind,Description,Value,Currency"
    assert any(line.endswith(",450,CAD") for line in lines)  # unquoted, no ".0"
    project = tricky_project()
    cells = read_back(csv_text.encode(*_contributions(project)))[1]
    assert cells == ['Café Olé, "the corner"', "cafe-ole", "space", "'=back room", "250", "CAD"]
    assert csv_text.safe_cell(-3) == -3 and csv_text.safe_cell(-2.5) == -2.5


def _contributions(project):
    table = tables_out.contributions(project)
    return table.headings, table.rows


def test_the_scores_table_has_each_rounds_means(project):
    from partnertui.analysis.assessments import Rounds

    table = tables_out.scores(project)
    rows = read_back(csv_text.encode(table.headings, table.rows))
    assert rows[0][:4] == ["Round", "Date", "Respondent", "Respondent id"]
    assert rows[0][-1] == "Don't know" and len(rows[0]) == 4 + 11 + 1
    means = [r for r in rows if r[2] == "mean"]
    rounds = Rounds(project)
    assert [m[0] for m in means] == rounds.order
    kickoff = rounds.stats("Kick-off")
    first = next(m for m in means if m[0] == "Kick-off")
    assert first[1] == "2026-09-17"
    expected = [s.mean for s in kickoff.ingredients.values()]
    assert [float(c) if c else None for c in first[4:15]] == expected
    team = next(r for r in rows if r[3] == "team")
    assert team[2] == "Team (consensus)" and team[1] == "2026-09-17"


# -- quotes left open ------------------------------------------------------------------


OPENS = "list.csv:{}: a quote opens a cell here and is "
LATER = "closed only 2 lines later, so what looks like further rows"


@pytest.mark.parametrize(
    ("text", "said"),
    [
        ('Name,Notes\nA,"unclosed\nB,\n', "never closed, so the line after it would be part of"),
        ('Name,Notes\nA,"unclosed\nB,\nC,"fine"\n', f'{LATER} ("B,")'),
        ('Name,Contact,Notes\nA,x,"oops\nB,y,z\nC,12",w\n', f'{LATER} ("B,y,z")'),
        ('Name,Notes\nA,fine\nB,"last line\n', "never closed;"),
    ],
    ids=["to-the-end", "closed-mid-cell", "rows-inside", "on-the-last-line"],
)
def test_a_quote_left_open_is_refused_at_its_line(project, text: str, said: str):
    """A quote that swallows the rows after it would make them part of one partner's
    notes: refused at the line the quote opens, for both imports alike."""
    said = OPENS.format(3 if "last line" in text else 2) + said
    with pytest.raises(partners_in.PartnersRefused) as refused:
        plan(text, project)
    assert said in str(refused.value)
    with pytest.raises(csv_text.CsvProblem, match=re.escape(said)):
        csv_text.records(text, "list.csv")


def test_a_note_of_several_lines_is_not_a_quote_left_open(project):
    text = (
        'Name,Contact,Notes\nA,x,"met at the fair, liked it, will call\nok"\nB,y,"two\n\nlines"\n'
    )
    assert [a.partner.notes for a in plan(text, project).added] == [
        "met at the fair, liked it, will call\nok",
        "two\n\nlines",
    ]


def test_an_added_partner_shows_every_field_it_gets(project):
    text = (
        "Name,Type,E-mail,Skills,Notes,Status,Relationship,Role,Affected,Stake,Youth\n"
        "New Hall,group,hall@example.org,first aid; cooking,Keys with Sam,invited,former,"
        "communication,yes,no,x\n"
    )
    words = partners_in.describe(plan(text, project), "p.toml")
    assert words.split("\n")[2:] == [
        "  add New Hall (new-hall), row 2",
        "    group · invited · former partner · role: communication",
        "    affected by the issue: yes · stake in the solutions: no · youth: yes",
        '    contact: "hall@example.org"',
        "    skills: first aid, cooking",
        '    notes: "Keys with Sam"',
    ]


# -- formula-safe cells, there and back --------------------------------------------------

CELL_TEXT = st.text(
    alphabet=st.characters(blacklist_categories=("Cs",), blacklist_characters="\x00"),
    max_size=20,
)
"""Any text, with the formula starts, apostrophes and spaces a round trip must carry
made likely."""
TRICKY = st.lists(st.sampled_from(["'", "=", "+", "-", "@", " ", "\t", "\r", "\n", "x"]))


@given(st.one_of(CELL_TEXT, TRICKY.map("".join)))
@settings(max_examples=500, deadline=None)
def test_unprotected_takes_off_exactly_what_safe_cell_put_on(text: str):
    assert csv_text.unprotected(csv_text.safe_cell(text)) == text


LINE = st.text(
    alphabet=st.characters(
        blacklist_categories=("Cs", "Cc", "Zl", "Zp"), blacklist_characters=";:,"
    ),
    max_size=12,
)
"""Text for a partner's fields, without what the columns themselves give a meaning
(";" and "," between skills, " ::: " between Google's contacts, line breaks)."""
START = st.lists(st.sampled_from(["'", "=", "+", "-", "@", " ", "\t", "x"])).map("".join)
"""How a field may start: a carriage return is left out, as a note's become line
breaks (Excel's line ends) whatever their place."""


@given(
    name=st.tuples(START, LINE).map("x".join),
    contact=st.tuples(START, LINE).map("".join),
    notes=st.tuples(START, LINE).map("".join),
    skill=st.tuples(START, LINE).map("".join),
)
@settings(max_examples=150, deadline=None)
def test_export_then_import_partners_gives_every_field_back(name, contact, notes, skill):
    """What export writes, import-partners reads back as it was: into the project
    it came from, nothing to change; into an empty one, the same fields."""
    partner = Partner.model_validate(
        {"id": "p", "name": name, "contact": contact, "notes": notes, "skills": [skill]}
    )
    project = new_project("There and back")
    project.partners[:] = [partner]
    text = csv_text.decode(csv_text.encode(*_table(project)), "x.csv")
    assert plan(text, project).changes == 0
    [added] = plan(text, new_project("Empty")).added
    expected = partner.model_dump(include={"name", "contact", "skills", "notes"})
    got = added.partner.model_dump(include={"name", "contact", "skills", "notes"})
    # Reading a CSV trims each cell: a note's spaces at its ends are no formula's.
    assert got | {"notes": got["notes"].strip()} == expected | {"notes": notes.strip()}
    if _starts_like_a_formula(notes):  # the spaces before it stay
        assert got["notes"] == notes.rstrip()


def _starts_like_a_formula(text: str) -> bool:
    return text.lstrip("'").lstrip().startswith(("=", "+", "-", "@"))


def test_an_apostrophe_of_the_values_own_and_spaces_before_a_formula_come_back(project):
    """The tester's cells: a contact that really is '=SUM(1), a note " =1+1"."""
    partner = project.partners[0].model_copy(update={"contact": "'=SUM(1)", "notes": " =1+1"})
    project.partners[0] = partner
    data = csv_text.encode(*_table(project))
    row = read_back(data)[1]
    assert (row[4], row[10]) == ("''=SUM(1)", "' =1+1")
    found = plan(data.decode("utf-8-sig"), project)
    assert found.changes == 0
    fresh = partners_in.plan_text(data.decode("utf-8-sig"), "x.csv", new_project("Empty"))
    back = next(a.partner for a in fresh.added if a.partner.name == partner.name)
    assert (back.contact, back.notes) == ("'=SUM(1)", " =1+1")
