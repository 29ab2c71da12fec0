"""What the columns of a partner list hold, and each cell as a partner's field.

People keep partner lists in spreadsheets with headings of their own ("Organisation",
"E-mail", "Type") and values of their own ("Company", "Police", "x"). The headings
people use most are known here; any other column is named in a small mapping file
beside the CSV (``NAME.csv.map.toml``), or listed as not understood with the lines
that would map it. Nothing here knows the project: :mod:`.partners_in` decides what
a row adds or updates.

Address books export contacts in shapes of their own, which are known here whole
(:func:`contact_app`): Outlook's (Company, First Name, Last Name, E-mail Address,
Business Phone… and eighty more; Outlook.com's and the new Outlook's sixty-one, with
Given Yomi and Surname Yomi) and Google Contacts' (Organization Name, First Name,
E-mail 1 - Value, Phone 1 - Value…, or before 2020 Name, Given Name, Organization 1 -
Name). Their columns of no use to a partner (birthdays, addresses in parts, labels)
are passed over; a person's name in parts is put together (:data:`PERSON`).
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from partnertui import csv_text
from partnertui.csv_text import unprotected
from partnertui.model import ID_PATTERN, Kind, Relationship, Role, Status
from partnertui.storage.problems import printable
from partnertui.survey.matching import fold

IGNORE = "ignore"

FIELDS: dict[str, tuple[str, ...]] = {
    "name": (
        "name",
        "partner",
        "partner name",
        "organisation",
        "organization",
        "organisation name",
        "organization name",
        "org",
        "org name",
        "group name",
        "full name",
        "company",
        "company name",
    ),
    "id": ("id", "partner id", "identifier"),
    "kind": (
        "kind",
        "type",
        "partner type",
        "kind of partner",
        "organisation type",
        "organization type",
        "sector",
        "category",
    ),
    "contact": (
        "contact",
        "contacts",
        "email",
        "e mail",
        "email address",
        "e mail address",
        "mail",
        "phone",
        "telephone",
        "phone number",
        "telephone number",
        "tel",
        "mobile",
        "cell",
        "address",
        "contact person",
        "website",
        "mobile phone",
        "work phone",
        "business phone",
        "home phone",
    ),
    "skills": ("skills", "skill", "skills and talents", "talents", "expertise"),
    "notes": ("notes", "note", "comments", "comment", "remarks", "remark"),
    "status": ("status", "partner status"),
    "relationship": ("relationship", "new or former", "former partner", "history"),
    "role": ("role", "partner role"),
    "affected": (
        "affected",
        "affected by issue",
        "affected by the issue",
        "most affected",
        "affected by issue?",
        "affected_by_issue",
    ),
    "stake": (
        "stake",
        "stake in solutions",
        "stake in the solutions",
        "has a stake",
        "stake_in_solutions",
    ),
    "youth": ("youth", "young", "youth or champion", "youth champion"),
}
"""Each field a partner list can fill, and the headings (folded) that mean it."""

LABELS = {
    "name": "name",
    "id": "id",
    "kind": "kind",
    "contact": "contact",
    "skills": "skills",
    "notes": "notes",
    "status": "status",
    "relationship": "relationship",
    "role": "role",
    "affected": "affected by the issue",
    "stake": "stake in the solutions",
    "youth": "youth",
}
"""Each field as the plan and messages name it."""

PERSON = "person"
"""Not a field of a partner but a person's name, or one part of it, in columns that
combine (Title, First Name, Middle Name, Last Name, Suffix): the partner's name when
the row names no organisation, otherwise the first thing in its contact, as the
project's own contacts read ("Dana Li, dana@riversideyouth.example.org")."""
PERSON_PARTS = {
    "name prefix": 0,
    "first name": 1,
    "given name": 1,
    "middle name": 2,
    "additional name": 2,
    "last name": 3,
    "family name": 3,
    "surname": 3,
    "name suffix": 4,
}
"""The headings of a person's name in parts, and the order the parts are written in
(Google Contacts puts Name Prefix after Last Name in its columns)."""
FULL_NAME = -1
"""The order of a column holding a person's whole name: it is taken alone."""

MODEL_FIELD = {"affected": "affected_by_issue", "stake": "stake_in_solutions"}
"""The model's name of each field whose name here is shorter; the rest are the same."""

_HEADINGS = {fold(h): name for name, headings in FIELDS.items() for h in headings}

KIND_WORDS: dict[Kind, tuple[str, ...]] = {
    Kind.INDIVIDUAL: (
        "individual",
        "person",
        "people",
        "resident",
        "citizen",
        "volunteer",
        "parent",
        "private individual",
        "student",
        "individuals",
    ),
    Kind.GROUP: (
        "group",
        "community group",
        "association",
        "club",
        "network",
        "committee",
        "neighbourhood group",
        "neighborhood group",
        "residents association",
        "faith group",
        "church",
        "collective",
        "coalition",
        "grassroots",
    ),
    Kind.ORGANIZATION: (
        "organization",
        "organisation",
        "org",
        "charity",
        "non profit",
        "nonprofit",
        "not for profit",
        "ngo",
        "foundation",
        "society",
        "community organization",
        "community organisation",
        "npo",
        "voluntary organisation",
        "voluntary organization",
    ),
    Kind.BUSINESS: (
        "business",
        "company",
        "firm",
        "shop",
        "store",
        "corporation",
        "retailer",
        "employer",
        "private sector",
        "enterprise",
        "corporate",
        "commercial",
        "restaurant",
        "cafe",
        "bank",
        "ltd",
        "inc",
    ),
    Kind.AGENCY: (
        "agency",
        "police",
        "police service",
        "service",
        "public agency",
        "school",
        "school board",
        "health",
        "hospital",
        "health authority",
        "social services",
        "library",
        "fire service",
        "probation",
        "university",
        "college",
        "public health",
        "housing authority",
    ),
    Kind.GOVERNMENT: (
        "government",
        "city",
        "municipality",
        "municipal",
        "council",
        "city council",
        "town",
        "county",
        "province",
        "provincial",
        "state",
        "federal",
        "ministry",
        "govt",
        "gov t",
        "local government",
        "region",
        "regional government",
        "mayor",
    ),
}
_KINDS = {fold(w): kind for kind, words in KIND_WORDS.items() for w in words}
_STATUSES = {
    **{s.value: s for s in Status},
    **{
        "possible": Status.CANDIDATE,
        "prospect": Status.CANDIDATE,
        "potential": Status.CANDIDATE,
        "asked": Status.INVITED,
        "contacted": Status.INVITED,
        "confirmed partner": Status.CONFIRMED,
        "agreed": Status.CONFIRMED,
        "signed": Status.CONFIRMED,
        "active": Status.CONFIRMED,
        "refused": Status.DECLINED,
        "said no": Status.DECLINED,
        "declined to join": Status.DECLINED,
    },
}
_RELATIONSHIPS = {
    **{r.value: r for r in Relationship},
    **{
        "new partner": Relationship.NEW,
        "former partner": Relationship.FORMER,
        "returning": Relationship.FORMER,
        "past": Relationship.FORMER,
        "previous": Relationship.FORMER,
        "earlier project": Relationship.FORMER,
        "yes": Relationship.FORMER,
        "no": Relationship.NEW,
    },
}
_ROLES = {r.value: r for r in Role}
_YES = {"yes", "y", "true", "x", "1", "oui", "si", "ja", "t"}
_NO = {"no", "n", "false", "0", "non", "nein", "f"}


class NotAValue(ValueError):
    """A cell or row that does not hold what it should; the message says why. From
    :func:`value`, it ends a sentence that begins with the cell ('"perhaps" is ' and
    "not yes or no; write yes or no (or x for yes)"); from a row's checks, it is a
    sentence of its own."""


@dataclass(frozen=True)
class Column:
    """One column of a partner list: the field it fills, or none."""

    index: int
    heading: str
    field: str | None
    """A key of :data:`FIELDS`, ``None`` for a column ignored or not understood."""
    ignored: bool = False
    why: str = ""
    """Why a column was not understood, when there is more to say than its heading."""

    @property
    def name(self) -> str:
        return f'"{printable(self.heading)}"' if self.heading else f"column {self.index + 1}"

    @property
    def unknown(self) -> bool:
        return self.field is None and not self.ignored


@dataclass
class Mapping:
    """A partner list's mapping file as read; empty when there is none."""

    file: str = ""
    columns: dict[str, str] = field(default_factory=dict)
    """A heading as written, folded, and the field (or ``ignore``) it holds."""


def beside(csv_path: Path) -> Path:
    """Where the mapping of ``csv_path`` is found without ``--map``."""
    return csv_path.with_name(csv_path.name + ".map.toml")


def field_named(word: str) -> str | None:
    """The field ``word`` names in a mapping file ("name", "e-mail", "Affected"), if any."""
    folded = fold(word)
    if folded in FIELDS or folded == PERSON:
        return folded
    if folded in PERSON_PARTS:
        return PERSON
    return _HEADINGS.get(folded) or {fold(v): k for k, v in MODEL_FIELD.items()}.get(folded)


def read_mapping(path: Path) -> Mapping:
    """The mapping in ``path``; :class:`MappingProblem` naming its line when it is wrong."""
    data, wrong = csv_text.read_mapping_file(path)
    file = str(path)

    mapping = Mapping(file)
    for key in data:
        if key not in ("columns", IGNORE):
            raise wrong((key,), f'"{key}" is not part of a mapping of partners (columns, ignore)')
    columns: Any = data.get("columns", {})
    if not isinstance(columns, dict):
        raise wrong(("columns",), 'columns must be a table of "heading" = "field"')
    ignored: Any = data.get(IGNORE, [])
    where = (IGNORE,)
    if isinstance(columns.get(IGNORE), list):
        ignored, where = [*ignored, *columns.pop(IGNORE)], ("columns", IGNORE)
    if not isinstance(ignored, list) or not all(isinstance(h, str) for h in ignored):
        raise wrong(where, "ignore must be a list of column headings in quotes")
    for heading in ignored:
        mapping.columns[fold(heading)] = IGNORE
    for heading, meant in columns.items():
        if not isinstance(meant, str):
            raise wrong(("columns", heading), f'write what "{heading}" holds in quotes')
        target = IGNORE if fold(meant) == IGNORE else field_named(meant)
        if target is None:
            raise wrong(
                ("columns", heading),
                f'"{meant}" is not a partner field; write one of {", ".join(FIELDS)}, '
                f'"{PERSON}" or "{IGNORE}"',
            )
        mapping.columns[fold(heading)] = target
    return mapping


def columns(headings: list[str], mapping: Mapping) -> list[Column]:
    """What every column holds, the mapping first, then its heading. Two columns
    filling one field (other than contact, where several combine) are both not
    understood: which one is meant is for the mapping to say."""
    found = []
    app = contact_app([fold(h) for h in headings])
    for index, heading in enumerate(headings):
        folded = fold(heading)
        meant = mapping.columns.get(folded) if heading else None
        if meant is None and heading and app is not None:
            meant = app(folded)
        if meant is None and folded in PERSON_PARTS:
            meant = PERSON
        if meant == IGNORE:
            found.append(Column(index, heading, None, ignored=True))
        elif meant is not None:
            found.append(Column(index, heading, meant))
        elif not heading:
            found.append(Column(index, heading, None, why="it has no heading"))
        else:
            found.append(Column(index, heading, _HEADINGS.get(folded)))
    out = list(found)
    for name in FIELDS:
        if name == "contact":  # several combine, as PERSON's parts do
            continue
        same = [c for c in found if c.field == name]
        if len(same) > 1:
            both = " and ".join(c.name for c in same)
            for c in same:
                out[c.index] = Column(
                    c.index, c.heading, None, why=f"{both} all look like the {LABELS[name]}"
                )
    return out


def person_order(column: Column) -> int:
    """Where a :data:`PERSON` column's text goes in the name it helps write."""
    order = {**PERSON_PARTS, "title": 0, "suffix": 4}  # Outlook's honorific and suffix
    return order.get(fold(column.heading), FULL_NAME if _is_full(column) else 0)


def _is_full(column: Column) -> bool:
    return fold(column.heading) in ("name", "full name", "display name")


# -- address books -----------------------------------------------------------------


def _folded(headings: str) -> frozenset[str]:
    """The headings an app writes, listed as it writes them, between commas."""
    return frozenset(fold(h) for h in headings.split(","))


_OUTLOOK = _folded(
    "Title,First Name,Middle Name,Last Name,Suffix,Company,Department,Job Title,"
    "Business Street,Business Street 2,Business Street 3,Business City,Business State,"
    "Business Postal Code,Business Country/Region,Home Street,Home Street 2,"
    "Home Street 3,Home City,Home State,Home Postal Code,Home Country/Region,"
    "Other Street,Other Street 2,Other Street 3,Other City,Other State,"
    "Other Postal Code,Other Country/Region,Assistant's Phone,Business Fax,"
    "Business Phone,Business Phone 2,Callback,Car Phone,Company Main Phone,Home Fax,"
    "Home Phone,Home Phone 2,ISDN,Mobile Phone,Other Fax,Other Phone,Pager,"
    "Primary Phone,Radio Phone,TTY/TDD Phone,Telex,Account,Anniversary,"
    "Assistant's Name,Billing Information,Birthday,Business Address PO Box,Categories,"
    "Children,Directory Server,E-mail Address,E-mail Type,E-mail Display Name,"
    "E-mail 2 Address,E-mail 2 Type,E-mail 2 Display Name,E-mail 3 Address,"
    "E-mail 3 Type,E-mail 3 Display Name,Gender,Government ID Number,Hobby,"
    "Home Address PO Box,Initials,Internet Free Busy,Keywords,Language,Location,"
    "Manager's Name,Mileage,Notes,Office Location,Organizational ID Number,"
    "Other Address PO Box,Priority,Private,Profession,Referred By,Sensitivity,Spouse,"
    "User 1,User 2,User 3,User 4,Web Page"
)
"""Every column of Outlook's "Comma Separated Values" export of contacts, as Microsoft
lists them for importing ("Create or edit .csv files to import into Outlook")."""
_OUTLOOK_COM = _folded(
    "First Name,Middle Name,Last Name,Title,Suffix,Nickname,Given Yomi,Surname Yomi,"
    "E-mail Address,E-mail 2 Address,E-mail 3 Address,Home Phone,Home Phone 2,"
    "Business Phone,Business Phone 2,Mobile Phone,Car Phone,Other Phone,Primary Phone,"
    "Pager,Business Fax,Home Fax,Other Fax,Company Main Phone,Callback,Radio Phone,Telex,"
    "TTY/TDD Phone,IMAddress,Job Title,Department,Company,Office Location,Manager's Name,"
    "Assistant's Name,Assistant's Phone,Company Yomi,Business Street,Business City,"
    "Business State,Business Postal Code,Business Country/Region,Home Street,Home City,"
    "Home State,Home Postal Code,Home Country/Region,Other Street,Other City,Other State,"
    "Other Postal Code,Other Country/Region,Personal Web Page,Spouse,Schools,Hobby,"
    "Location,Web Page,Birthday,Anniversary,Notes"
)
"""Every column of the contacts export of Outlook.com and the new Outlook for Windows,
in the order they write them: the same names as the classic export's where they
share a column, with the Yomi (phonetic) names, Nickname, IMAddress, Schools and a
Personal Web Page of their own, and no "E-mail Display Name"."""
_OUTLOOK_MARKS = {"e mail display name", "given yomi", "surname yomi", "company yomi"}
"""Beside "E-mail Address", the columns that only Outlook's exports write: classic
Outlook's display name, Outlook.com's phonetic names. A list someone made with a
"Title" column is not taken for Outlook's, whose Title is an honorific (Dr., Cst.)."""
_OUTLOOK_FIELDS = {
    "title": PERSON,  # Mr., Dr., Cst.: Outlook's honorific, not a job
    "suffix": PERSON,
    "company": "name",
    "notes": "notes",
    "web page": "contact",
}
_OUTLOOK_CONTACT = re.compile(
    r"^(?:e mail(?: \d)? address|(?:business|mobile|home|primary|company main|other) phone"
    r"(?: \d)?)$"
)
_GOOGLE = _folded(
    "Name,Given Name,Additional Name,Family Name,Yomi Name,Given Name Yomi,"
    "Additional Name Yomi,Family Name Yomi,Name Prefix,Name Suffix,Initials,Nickname,"
    "Short Name,Maiden Name,Birthday,Gender,Location,Billing Information,"
    "Directory Server,Mileage,Occupation,Hobby,Sensitivity,Priority,Subject,Notes,"
    "Language,Photo,Group Membership,First Name,Middle Name,Last Name,"
    "Phonetic First Name,Phonetic Middle Name,Phonetic Last Name,File As,"
    "Organization Name,Organization Title,Organization Department,Labels"
)
"""Google Contacts' own columns besides its numbered ones: the "Google CSV" export's
(Name … Group Membership, before 2020) and today's (First Name … Labels)."""
_GOOGLE_NUMBERED = re.compile(
    r"^(?:e mail|phone|address|organization|website|relation|event|custom field|im"
    r"|external id|calendar link|jot|location) \d+ [a-z ]+$"
)
_GOOGLE_FIELDS = {
    "name": PERSON,  # the person's whole name; "Organization 1 - Name" is the partner
    "organization name": "name",
    "organization 1 name": "name",
    "notes": "notes",
}
_GOOGLE_CONTACT = re.compile(r"^(?:e mail|phone|website) \d+ value$")


def contact_app(folded: list[str]) -> Callable[[str], str | None] | None:
    """What each column of an address book's export holds, when ``folded`` (the
    headings, folded) are Outlook's or Google Contacts'; ``None`` for any other list.

    A column the app writes that no partner field needs is ``ignore``: these exports
    carry eighty columns, and each is known, so none needs a mapping.
    """
    present = set(folded)
    if "e mail address" in present and present & _OUTLOOK_MARKS:
        own, fields, contact = _OUTLOOK | _OUTLOOK_COM, _OUTLOOK_FIELDS, _OUTLOOK_CONTACT
    elif any(_GOOGLE_NUMBERED.match(h) for h in folded) and present & _GOOGLE:
        own, fields, contact = _GOOGLE, _GOOGLE_FIELDS, _GOOGLE_CONTACT
    else:
        return None

    def holds(heading: str) -> str | None:
        if heading in fields:
            return fields[heading]
        if contact.match(heading):
            return "contact"
        if heading in PERSON_PARTS:
            return PERSON
        if heading in own or (own is _GOOGLE and _GOOGLE_NUMBERED.match(heading)):
            return IGNORE
        return None

    return holds


def lines_to_add(headings: list[str], file: Path) -> str:
    """The mapping lines that would say what ``headings`` hold, ready to edit."""
    from partnertui.survey.mapping import _quoted

    out = [f"Add to {printable(str(file))} (create it if needed), then import again:", ""]
    out.append("[columns]")
    for heading in headings:
        out.append(f'{_quoted(heading)} = "FIELD"   # or "{IGNORE}"')
    out += ["", f"FIELD is one of: {', '.join(FIELDS)}, {PERSON}."]
    return "\n".join(out)


# -- cells to values ---------------------------------------------------------------


def value(name: str, text: str) -> Any:
    """The model's value for field ``name`` written as ``text`` (not blank);
    :class:`NotAValue` saying why when it is not one."""
    text = unprotected(text)
    if name == "contact":
        return text.replace(" ::: ", ", ")  # Google Contacts' several values in one cell
    if name in ("name", PERSON):
        return text
    if name == "notes":
        return text.replace("\r\n", "\n").replace("\r", "\n")
    if name == "id":
        if not re.fullmatch(ID_PATTERN, text):
            raise NotAValue(
                "not an id: an id is lowercase letters and digits joined by hyphens, like "
                "riverside-youth"
            )
        return text
    if name == "skills":
        parts = text.split(";") if ";" in text else text.split(",")
        return [p.strip() for p in parts if p.strip()]
    if name == "kind":
        return _word(text, _KINDS, "a kind of partner partnertui knows", [k.value for k in Kind])
    if name == "status":
        return _word(text, _STATUSES, "a status", [s.value for s in Status])
    if name == "relationship":
        return _word(text, _RELATIONSHIPS, "a relationship", [r.value for r in Relationship])
    if name == "role":
        return _word(text, _ROLES, "a role", [r.value for r in Role])
    folded = fold(text)
    if folded in _YES:
        return True
    if folded in _NO:
        return False
    raise NotAValue("not yes or no; write yes or no (or x for yes)")


def _word(text: str, words: dict[str, Any], what: str, choices: list[str]) -> Any:
    folded = fold(text)
    found = words.get(folded)
    if found is None and folded.endswith("s"):
        found = words.get(folded[:-1]) or words.get(folded[:-2])  # firms, businesses
    if found is None:
        # "Youth group", "City police": the last word people write names the kind.
        found = next((words[w] for w in reversed(folded.split()) if w in words), None)
    if found is None:
        raise NotAValue(f"not {what}; write one of {', '.join(choices)}")
    return found
