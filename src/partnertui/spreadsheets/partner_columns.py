"""What the columns of a partner list hold, and each cell as a partner's field.

People keep partner lists in spreadsheets with headings of their own ("Organisation",
"E-mail", "Type") and values of their own ("Company", "Police", "x"). The headings
people use most are known here; any other column is named in a small mapping file
beside the CSV (``NAME.csv.map.toml``), or listed as not understood with the lines
that would map it. Nothing here knows the project: :mod:`.partners_in` decides what
a row adds or updates.
"""

from __future__ import annotations

import re
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
    """A cell that does not hold what its column should; the message says why."""


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
    if folded in FIELDS:
        return folded
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
                f'or "{IGNORE}"',
            )
        mapping.columns[fold(heading)] = target
    return mapping


def columns(headings: list[str], mapping: Mapping) -> list[Column]:
    """What every column holds, the mapping first, then its heading. Two columns
    filling one field (other than contact, where several combine) are both not
    understood: which one is meant is for the mapping to say."""
    found = []
    for index, heading in enumerate(headings):
        folded = fold(heading)
        meant = mapping.columns.get(folded) if heading else None
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
        if name == "contact":
            continue
        same = [c for c in found if c.field == name]
        if len(same) > 1:
            both = " and ".join(c.name for c in same)
            for c in same:
                out[c.index] = Column(
                    c.index, c.heading, None, why=f"{both} all look like the {LABELS[name]}"
                )
    return out


def lines_to_add(headings: list[str], file: Path) -> str:
    """The mapping lines that would say what ``headings`` hold, ready to edit."""
    from partnertui.survey.mapping import _quoted

    out = [f"Add to {printable(str(file))} (create it if needed), then import again:", ""]
    out.append("[columns]")
    for heading in headings:
        out.append(f'{_quoted(heading)} = "FIELD"   # or "{IGNORE}"')
    out += ["", f"FIELD is one of: {', '.join(FIELDS)}."]
    return "\n".join(out)


# -- cells to values ---------------------------------------------------------------


def value(name: str, text: str) -> Any:
    """The model's value for field ``name`` written as ``text`` (not blank);
    :class:`NotAValue` saying why when it is not one."""
    text = unprotected(text)
    if name in ("name", "contact"):
        return text
    if name == "notes":
        return text.replace("\r\n", "\n").replace("\r", "\n")
    if name == "id":
        if not re.fullmatch(ID_PATTERN, text):
            raise NotAValue(
                "an id is lowercase letters and digits joined by hyphens, like riverside-youth"
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
    raise NotAValue("write yes or no (or x for yes)")


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
