"""Partner lists in the shapes address books and spreadsheets really save them.

Outlook's contacts export (every column Microsoft lists for it, Windows-1252, every
text quoted, empty cells bare, "0/0/00" birthdays), Google Contacts' today's export
(UTF-8 with a byte order mark, " ::: " between several values, "* myContacts"
labels) and its "Google CSV" before 2020 (Name, Given Name, Organization 1 - Name),
LibreOffice's ";" and Excel's European "CSV": written byte for byte in
tests/fixtures/contacts/.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from partnertui import storage
from partnertui.model import Kind
from partnertui.spreadsheets import partners_in

CONTACTS = Path(__file__).resolve().parents[1] / "fixtures" / "contacts"
EXAMPLE = Path(__file__).resolve().parents[2] / "examples" / "riverside-youth.toml"


@pytest.fixture
def project():
    return storage.load(EXAMPLE)


def plan(name: str, project) -> partners_in.Plan:
    return partners_in.plan_file(CONTACTS / name, project)


def added(found: partners_in.Plan) -> dict[str, tuple]:
    return {a.partner.name: (a.partner.kind, a.partner.contact) for a in found.added}


def updated(found: partners_in.Plan) -> dict[str, tuple[list[str], str]]:
    return {u.after.id: (u.fields, u.after.contact) for u in found.updated}


def test_outlook_contacts(project):
    """Company names the partner and the person goes first in its contact (Title,
    First, Middle, Last Name put together); a person with no company is the partner,
    an individual; phones, e-mail addresses and the web page are its contact."""
    found = plan("outlook.csv", project)
    assert added(found) == {
        "Élise M. Fortin": (Kind.INDIVIDUAL, "(905) 555-0177, elise.fortin@example.net"),
        "Côte Café": (
            Kind.ORGANIZATION,
            "905-555-0123, bonjour@cotecafe.example.com, https://cotecafe.example.com/",
        ),
    }
    assert updated(found) == {
        "riverside-youth-centre": (
            ["contact"],
            "Dana Li, 905-555-0144, dana@riversideyouth.example.org",
        ),
        "riverside-police-liaison": (
            ["contact"],
            "Cst. Marc Tremblay, 905-555-0190, marc.tremblay@rps.example.org",
        ),
    }
    elise = next(a.partner for a in found.added if a.partner.id == "elise-m-fortin")
    assert elise.notes == "Runs the Thursday safe-walk;\nknows every shop owner"


def test_a_column_outlook_does_not_write_is_still_asked_about(project, tmp_path: Path):
    text = (CONTACTS / "outlook.csv").read_bytes().decode("cp1252")
    heading, rest = text.split("\r\n", 1)
    sheet = tmp_path / "outlook.csv"
    sheet.write_bytes((heading + ',"Shoe size"\r\n' + rest).encode("cp1252"))
    with pytest.raises(partners_in.PartnersRefused, match=r'column 93, "Shoe size"'):
        partners_in.plan_file(sheet, project)


def test_outlook_com_contacts(project):
    """Outlook.com's and the new Outlook's export (its sixty-one columns from First Name
    to Notes, with Given Yomi, Surname Yomi, Nickname, IMAddress, Schools and a Personal
    Web Page; UTF-8 with a byte order mark, CRLF, cells quoted only when they must be)
    is read as the classic one: the company is the partner, the person (Title, First,
    Middle, Last Name, Suffix) first in its contact; the Nickname and the rest passed
    over."""
    found = plan("outlook-com.csv", project)
    assert added(found) == {
        "Élise M. Fortin": (Kind.INDIVIDUAL, "elise.fortin@example.net, (905) 555-0177"),
        "Côte Café": (
            Kind.ORGANIZATION,
            "bonjour@cotecafe.example.com, 905-555-0123, https://cotecafe.example.com/",
        ),
    }
    assert updated(found) == {
        "riverside-youth-centre": (
            ["contact"],
            "Dana Li, dana@riversideyouth.example.org, 905-555-0144",
        ),
        "riverside-police-liaison": (
            ["contact"],
            "Cst. Marc Tremblay, marc.tremblay@rps.example.org, 905-555-0190",
        ),
    }
    elise = next(a.partner for a in found.added if a.partner.id == "elise-m-fortin")
    assert elise.notes == "Runs the Thursday safe-walk;\nknows every shop owner"


def test_a_list_with_a_title_column_is_not_taken_for_outlooks(project):
    """Outlook's Title is an honorific; in a list someone made it is often a job, so
    only Outlook's own columns (a display name, the Yomi names) make a list Outlook's."""
    text = "First Name,Last Name,Title,Company,E-mail Address\nRuth,Okafor,Director,X,r@x.org\n"
    with pytest.raises(partners_in.PartnersRefused, match=r'column 3, "Title": not a field'):
        partners_in.plan_text(text, "list.csv", project)


def test_google_contacts(project):
    """Organization Name names the partner; "E-mail 1 - Value" and "Phone 1 - Value"
    are its contact, several values in one cell (" ::: ") each kept; the labels
    ("* myContacts ::: Partners") and the address in parts are passed over."""
    found = plan("google-contacts.csv", project)
    assert added(found) == {
        "Élise Fortin": (Kind.INDIVIDUAL, "(905) 555-0177"),
        "Côte Café": (
            Kind.ORGANIZATION,
            "bonjour@cotecafe.example.com, https://cotecafe.example.com/",
        ),
    }
    assert updated(found) == {
        "riverside-youth-centre": (
            ["contact"],
            "Dana Li, dana@riversideyouth.example.org, +1 905-555-0144, +1 905-555-0145",
        )
    }
    assert found.unchanged == [3]  # Priya Nair, parents@…: what the project says already
    elise = next(a.partner for a in found.added if a.partner.id == "elise-fortin")
    assert elise.notes == "Runs the Thursday safe-walk;\nknows every shop owner"


def test_google_contacts_before_2020(project):
    """The "Google CSV" export: "Name" is the person's whole name (Given and Family
    Name are not added to it again), "Organization 1 - Name" the partner."""
    found = plan("google-contacts-legacy.csv", project)
    assert added(found) == {"Élise Fortin": (Kind.INDIVIDUAL, "(905) 555-0177")}
    assert updated(found) == {
        "riverside-youth-centre": (
            ["contact"],
            "Dana Li, dana@riversideyouth.example.org, 905-555-0144",
        )
    }


def test_libreoffice_semicolons_and_a_trailing_empty_column(project):
    found = plan("libreoffice-semicolons.csv", project)
    cafe = found.added[0].partner
    assert (cafe.name, cafe.kind, cafe.contact) == (
        "Côte Café",
        Kind.BUSINESS,
        "bonjour@cotecafe.example.com, 905-555-0123",
    )
    assert cafe.notes == "Opens early for the\nsafe-walk volunteers"
    assert updated(found) == {"riverside-youth-centre": (["contact"], "905-555-0144")}


def test_excel_european_csv(project):
    found = plan("excel-european.csv", project)
    assert [(a.partner.name, a.partner.kind, a.partner.skills) for a in found.added] == [
        ("Côte Café", Kind.BUSINESS, ["espresso", "first aid"]),
        ("Association des Résidents", Kind.GROUP, []),
    ]


def test_first_and_last_names_in_any_list(project):
    text = "First name,Last name,Email\nRuth,Okafor,ruth@example.org\n"
    found = partners_in.plan_text(text, "list.csv", project)
    assert added(found) == {"Ruth Okafor": (Kind.INDIVIDUAL, "ruth@example.org")}
