"""What a person tells the import about columns and names it could not understand.

A survey written elsewhere numbers its questions ("Q7") or names people as they
signed ("Jo Smith"); no rule can tell which ingredient or partner that is. A small
TOML file beside the CSV (``NAME.csv.map.toml``, or ``--map FILE``) says it once:

    ignore = ["Q12"]

    [columns]
    "Q7" = "leadership"
    "Q7 why" = "leadership comment"

    [respondents]
    "Jo Smith" = "youth-centre"

and, above the tables, ``dates = "day-first"`` when the export writes 05/11/2026 for
the 5th of November and no date in it has a day over 12 to show it. The import reads
it here, checks every line, and when something is still not understood writes the
very lines to add (:func:`lines_to_add`).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from partnertui import csv_text
from partnertui.model import Ingredient
from partnertui.survey.matching import Meaning, fold, ingredient_named

IGNORE = "ignore"
RESPONDENT = "respondent"
DATE = "date"
SPECIAL = (IGNORE, RESPONDENT, DATE)
"""What a column may be mapped to besides an ingredient (or its comment)."""
DATES = "dates"
DATE_ORDERS = ("day-first", "month-first")
"""How ``dates = …`` (and ``import --dates``) says dates like 05/11/2026 are written."""


@dataclass(frozen=True)
class Target:
    """What a mapped column holds: an ingredient's score or note, or one of SPECIAL."""

    special: str = ""
    ingredient: Ingredient | None = None
    meaning: Meaning = Meaning.SCORE


@dataclass
class Mapping:
    """A mapping file as read; empty when there is none."""

    file: str = ""
    columns: dict[str, Target] = field(default_factory=dict)
    respondents: dict[str, str] = field(default_factory=dict)
    dates: str = ""
    """"day-first" or "month-first": how dates like 05/11/2026 are read; empty to
    let the export say (:func:`partnertui.survey.csv_answers.date_order`)."""

    def column(self, heading: str) -> Target | None:
        """What the mapping says ``heading`` holds: written as the export writes it,
        or differing only in case, accents and punctuation."""
        found = self.columns.get(heading.strip())
        if found is None:
            found = self._folded_columns().get(fold(heading))
        return found

    def respondent(self, written: str) -> str | None:
        """The partner the mapping says ``written`` is (an id or a name), if it says."""
        found = self.respondents.get(written.strip())
        if found is None:
            found = {fold(k): v for k, v in self.respondents.items()}.get(fold(written))
        return found

    def _folded_columns(self) -> dict[str, Target]:
        return {fold(k): v for k, v in self.columns.items()}


def beside(csv_path: Path) -> Path:
    """Where the mapping of ``csv_path`` is found without ``--map``."""
    return csv_path.with_name(csv_path.name + ".map.toml")


def read(path: Path) -> Mapping:
    """The mapping in ``path``; :class:`MappingProblem` naming its line when it is wrong."""
    data, wrong = csv_text.read_mapping_file(path)
    file = str(path)

    mapping = Mapping(file)
    for key in data:
        if key not in ("columns", "respondents", IGNORE, DATES):
            raise wrong(
                (key,), f'"{key}" is not part of a mapping (columns, respondents, ignore, dates)'
            )
    dates = data.get(DATES, "")
    if dates not in ("", *DATE_ORDERS):
        raise wrong((DATES,), f'dates is "{DATE_ORDERS[0]}" or "{DATE_ORDERS[1]}"')
    mapping.dates = dates
    ignored = list(data.get(IGNORE, []))
    columns = data.get("columns", {})
    if not isinstance(columns, dict):
        raise wrong(("columns",), 'columns must be a table of "heading" = "ingredient"')
    ignored += columns.pop(IGNORE, []) if isinstance(columns.get(IGNORE), list) else []
    for heading in ignored:
        if not isinstance(heading, str):
            raise wrong((IGNORE,), "ignore must be a list of column headings in quotes")
        mapping.columns[heading.strip()] = Target(IGNORE)
    for heading, meant in columns.items():
        if not isinstance(meant, str):
            raise wrong(("columns", heading), f'write what "{heading}" holds in quotes')
        mapping.columns[heading.strip()] = _target(
            meant, lambda m, h=heading: wrong(("columns", h), m)
        )
    respondents = data.get("respondents", {})
    if not isinstance(respondents, dict):
        raise wrong(("respondents",), 'respondents must be a table of "name" = "partner-id"')
    for written, partner in respondents.items():
        if not isinstance(partner, str) or not partner.strip():
            raise wrong(("respondents", written), f'write the partner id for "{written}" in quotes')
        mapping.respondents[written.strip()] = partner.strip()
    return mapping


def _target(meant: str, wrong) -> Target:
    word = fold(meant)
    if word in SPECIAL:
        return Target(word)
    found = ingredient_named(meant)
    if found is None:
        keys = ", ".join(i.value for i in Ingredient)
        raise wrong(
            f'"{meant}" is not an ingredient; write one of {keys} (add "comment" for its '
            f'note), or "{RESPONDENT}", "{DATE}" or "{IGNORE}"'
        )
    return Target(ingredient=found[0], meaning=found[1])


def lines_to_add(columns: list[str], respondents: list[tuple[str, str, str]], file: Path) -> str:
    """The lines to write in ``file`` for ``columns`` and ``respondents`` (each a name,
    a partner id guessed for it and what the guess rests on, empty when there is
    none), ready to edit. A guess is said to be one: taken on trust, it would put a
    stranger's answers under a partner's name."""
    from partnertui.storage.problems import printable

    out = [f"Add to {printable(str(file))} (create it if needed), then import again:", ""]
    if columns:
        out.append("[columns]")
        for heading in columns:
            out.append(
                f'{_quoted(heading)} = "INGREDIENT"   # or "INGREDIENT comment", or "ignore"'
            )
        out.append("")
    if respondents:
        out.append("[respondents]")
        for written, guess, why in respondents:
            line = f'{_quoted(written)} = "{guess or "PARTNER-ID"}"'
            out.append(f"{line}   # guessed from {why}: check before using" if guess else line)
        out.append("")
    if columns:
        keys = ", ".join(i.value for i in Ingredient)
        out.append(f"INGREDIENT is one of: {keys}.")
    return "\n".join(out).rstrip("\n")


def _quoted(text: str) -> str:
    """``text`` as a TOML key in double quotes, escaped so the line reads back."""
    import tomli_w

    return tomli_w.dumps({"k": text}).split(" = ", 1)[1].strip()
