"""What can be wrong with a project file, and how we tell a coordinator about it.

Every way a file can fail to load (bytes that are not UTF-8, a git conflict, broken
TOML, an unknown layout version, a field pydantic refuses, a rule across the project)
becomes a :class:`Problem` here: at a line, in plain words, with the obvious fix.
Nothing from tomllib or pydantic reaches the user in its own words.
"""

from __future__ import annotations

import datetime as dt
import re
import tomllib
from typing import Any

from partnertui.guidance import SCALE
from partnertui.integrity import Integrity, format_loc
from partnertui.model import (
    MAX_CONTRIBUTION,
    SCHEMA_VERSION,
    Action,
    Assessment,
    Contribution,
    ContributionKind,
    Ingredient,
    Kind,
    Partner,
    Project,
    ProjectInfo,
    Relationship,
    Role,
    Round,
    Status,
    slugify,
)
from partnertui.storage.errors import Problem, printable
from partnertui.storage.tomlpos import Positions

# -- making user text safe to print ----------------------------------------------


def _quote(text: str, limit: int = 40) -> str:
    if len(text) > limit:
        text = text[: limit - 1] + "…"
    return f'"{printable(text)}"'


def _describe(value: Any) -> str:
    """How a value from the file reads in a sentence: ``"yes"``, ``3``, ``a list``."""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, str):
        return _quote(value)
    if isinstance(value, int):
        return _number(value)
    if isinstance(value, float):
        return str(value)
    if isinstance(value, dt.datetime):
        return f"the date and time {value.isoformat()}"
    if isinstance(value, dt.date):
        return f"the date {value.isoformat()}"
    if isinstance(value, dt.time):
        return f"the time {value.isoformat()}"
    if isinstance(value, list):
        return "a list"
    if isinstance(value, dict):
        return "a table"
    return "this value"


def _number(value: int) -> str:
    """A whole number as a message quotes it: in full up to 20 digits, and past that
    by its length, since a number hundreds of digits long fills the screen (and past
    4,300 digits Python refuses to write it out at all)."""
    if -(10**20) < value < 10**20:
        return str(value)
    try:
        length = f"{len(str(abs(value))):,} digits long"
    except ValueError:  # past Python's limit: told from its size in bits (log10 2)
        length = f"about {int(abs(value).bit_length() * 0.30103) + 1:,} digits long"
    return f"a {'negative ' if value < 0 else ''}number {length}"


def _closest(word: str, choices: list[str]) -> str:
    import difflib

    match = difflib.get_close_matches(word, choices, n=1, cutoff=0.6)
    return f'did you mean "{match[0]}"?' if match else ""


def _problem(
    file: str, where: tuple[int, int | None], path: str, message: str, hint: str = ""
) -> Problem:
    # Paths and messages quote keys and values from the file: make them safe to print.
    return Problem(file, where[0], where[1], printable(path), printable(message), printable(hint))


# -- before TOML: bytes and merge conflicts ----------------------------------------


def undecodable(file: str, data: bytes, error: UnicodeDecodeError) -> Problem:
    """The first byte that is not UTF-8, at its line and column."""
    line_start = data.rfind(b"\n", 0, error.start) + 1
    column = len(data[line_start : error.start].decode("utf-8", errors="replace")) + 1
    return Problem(
        file,
        data.count(b"\n", 0, error.start) + 1,
        column,
        "",
        f"this file is not UTF-8 text: byte 0x{data[error.start]:02x} here cannot be read",
        "save it as UTF-8, the usual setting in editors",
    )


_MARKER = re.compile(r"^(<{7}|\|{7}|={7}|>{7})(?: .*)?\r?$", re.MULTILINE)
_MARKER_MESSAGES = {
    "<": "this file still has a git merge conflict; one side starts here",
    "|": "this file still has a git merge conflict; the common original starts here",
    "=": "this file still has a git merge conflict; the other side starts here",
    ">": "this file still has a git merge conflict; the conflict ends here",
}
_MARKER_HINT = "keep one side or combine the two, then delete the marker lines"


def opens_or_closes_conflict(text: str) -> bool:
    """Whether ``text`` has a line that reads as the start or end of a git conflict."""
    return any(m.group(1)[0] in "<>" for m in _MARKER.finditer(text))


def conflict_markers(file: str, text: str) -> list[Problem]:
    """Every git conflict, so a merge gone wrong is named as such.

    A conflict ``partnertui merge`` left around one field (or one deleted-or-edited
    block) is named with its two values (:mod:`.conflicts`); any other, such as
    git's own line merge, is named at each of its marker lines. A line of seven
    ``=`` is also how Markdown underlines a heading, so it only counts between a
    ``<<<<<<<`` and its ``>>>>>>>``.
    """
    from partnertui.storage import conflicts

    found: list[Problem] = []
    inside = False
    lines: list[str] | None = None
    region: dict[str, int] = {}
    pending: list[Problem] = []
    for match in _MARKER.finditer(text):
        sign = match.group(1)[0]
        if sign not in "<>" and not inside:
            continue
        line = text.count("\n", 0, match.start())
        problem = Problem(file, line + 1, 1, "", _MARKER_MESSAGES[sign], _MARKER_HINT)
        if sign == "<":
            found += pending
            pending, region = [problem], {"<": line}
        elif inside:
            pending.append(problem)
            region.setdefault(sign, line)
        else:
            found.append(problem)
        if sign == ">" and inside and "=" in region:
            if lines is None:
                lines = text.split("\n")
            said = conflicts.explain(lines, region["<"], region["="], line, region.get("|"))
            if said is not None:
                message, hint = said
                pending = [Problem(file, region["<"] + 1, 1, "", printable(message), hint)]
            found += pending
            pending = []
        inside = sign in "<|=" and (inside or sign == "<")
    return found + pending


# -- TOML syntax ------------------------------------------------------------------

_QUOTES_HINT = "put text in double quotes; dates look like 2026-09-15; true and false have none"
_TOML_WORDS: tuple[tuple[str, str, str], ...] = (
    (
        "Illegal character '\\n'",
        "this text is missing its closing quote",
        'close it on the same line, or use """ for text over several lines',
    ),
    ("Invalid statement", "this line is not a key = value line or a [table] heading", ""),
    ("Expected '=' after a key", 'a key must be followed by "=" and a value', _QUOTES_HINT),
    ("Invalid value", "this value is not one TOML understands", _QUOTES_HINT),
    ("Unterminated string", "this text is missing its closing quote", ""),
    (
        "Illegal character",
        "this text holds a control character that must be written as an escape",
        "write \\t for a tab, or \\u001b and the like for other control characters",
    ),
    (
        "Found invalid character",
        "this line holds a control character that TOML does not allow here",
        "delete it",
    ),
    (
        "Cannot declare",
        "this [table] heading appears a second time",
        "merge the two tables into one",
    ),
    (
        "Cannot overwrite a value",
        "this key is already set earlier in the same table",
        "keep one of the two",
    ),
    (
        "Cannot mutate immutable namespace",
        "this adds to something already written out in full above",
        "move the line into the earlier table or { … }",
    ),
    (
        "Cannot redefine namespace",
        "this heading reuses a name already used for a plain value",
        "rename one of the two",
    ),
    ("Expected ']' at the end of a table", 'a [table] heading is missing its closing "]"', ""),
    ("Expected ']]' at the end of an array", 'a [[table]] heading is missing its closing "]]"', ""),
    (
        "Invalid initial character for a key",
        "a key cannot start with this character",
        "keys are plain words like name or stake_in_solutions",
    ),
    ("Unclosed array", 'a list is missing its closing "]" or a comma between items', ""),
    ("Duplicate inline table key", "this key appears twice inside the same { … }", "keep one"),
    (
        "Unclosed inline table",
        'a { … } is missing its closing "}" or a comma between items',
        "keep each { … } on one line",
    ),
    (
        "Unescaped '\\'",
        "a backslash in double-quoted text must be written twice (\\\\)",
        "or put the text in 'single quotes'",
    ),
    ("Invalid hex value", "a \\u escape in this text is not a valid character code", ""),
    ("Escaped character is not", "a \\u escape in this text is not a valid character", ""),
    ("Invalid date or datetime", "this is not a real date", "write a date like 2026-09-15"),
    (
        "Expected newline or end of document",
        "something follows the value on the same line",
        "put each key = value on its own line; text needs quotes",
    ),
    ("Expected", "the file ends before this text or list is closed", ""),
)
_TOML_WHERE = re.compile(
    r"^(?P<msg>.*) \(at (?:line (?P<line>\d+), column (?P<col>\d+)|end of document)\)$", re.DOTALL
)


def toml_syntax(file: str, text: str, error: tomllib.TOMLDecodeError) -> Problem:
    """A TOML syntax error at tomllib's line and column, in plain words."""
    found = _TOML_WHERE.match(str(error))
    raw = found.group("msg") if found else str(error)
    line = getattr(error, "lineno", None) or (found and found.group("line"))
    column = getattr(error, "colno", None) or (found and found.group("col"))
    if line:
        where = (int(line), int(column) if column else 1)
    else:  # "at end of document": just after the last thing written in the file
        where = _position(text, len(text.rstrip("\n")))
        if raw.startswith(("Invalid value", "Unclosed")):
            return _problem(
                file,
                where,
                "",
                "not valid TOML: the file ends before the last value is finished",
                'look for a missing "]", "}" or quote near the end',
            )
    for start, message, hint in _TOML_WORDS:
        if raw.startswith(start):
            return _problem(file, where, "", f"not valid TOML: {message}", hint)
    return _problem(file, where, "", f"not valid TOML: {raw}")


# -- what tomllib cannot take: too deep, too long ------------------------------------


def _position(text: str, offset: int) -> tuple[int, int]:
    """The 1-based line and column of ``offset`` in ``text``."""
    return text.count("\n", 0, offset) + 1, offset - text.rfind("\n", 0, offset)


def too_deep(file: str, text: str, offset: int | None) -> Problem:
    """A value nested too deeply to read, where it starts (``offset``; at the file's
    start when it could not be told)."""
    from partnertui.storage.limits import MAX_DEPTH

    where = _position(text, offset) if offset is not None else (1, 1)
    return _problem(
        file,
        where,
        "",
        f"this value is nested too deeply: more than {MAX_DEPTH} lists or {{ … }} "
        "tables inside one another",
        "no project needs more than two; look for brackets opened and never closed",
    )


def too_long(file: str, text: str, offset: int | None) -> Problem:
    """A number too long to read (``offset``; at the file's start when not found)."""
    where = _position(text, offset) if offset is not None else (1, 1)
    return _problem(
        file,
        where,
        "",
        "this number is thousands of digits long, too long to read",
        "no value in a project file needs more than a few digits",
    )


# -- layout version -------------------------------------------------------------


def schema_version(file: str, text: str, data: dict[str, Any]) -> Problem | None:
    """Why this file's ``schema_version`` rules out reading it, if it does."""
    if "schema_version" not in data:
        return Problem(
            file,
            1,
            1,
            "",
            "this file has no schema_version, so partnertui cannot tell which layout it uses",
            f"if it is a partnertui project file, add schema_version = {SCHEMA_VERSION} "
            "as its first line",
        )
    version = data["schema_version"]
    if version == SCHEMA_VERSION and type(version) is int:
        return None
    if type(version) is not int:
        message = f"should be a whole number, not {_describe(version)}"
    elif not -(10**20) < version < 10**20:
        message = (
            f"{_number(version)} is not a layout version partnertui knows; "
            f"this one reads version {SCHEMA_VERSION}"
        )
    elif version > SCHEMA_VERSION:
        message = (
            f"this file uses layout version {version}, made by a newer partnertui; "
            f"this one reads version {SCHEMA_VERSION}"
        )
    else:
        message = (
            f"layout version {version} is not one partnertui knows; "
            f"this one reads version {SCHEMA_VERSION}"
        )
    if type(version) is not int:
        hint = f"write schema_version = {SCHEMA_VERSION}"
    elif SCHEMA_VERSION < version < 10**20:
        hint = "update partnertui to open it"
    else:
        hint = ""
    where = Positions(text).find(("schema_version",))
    return _problem(file, where, "schema_version", message, hint)


# -- fields: pydantic's findings in our words ---------------------------------------

_TABLES: dict[tuple[str, ...], type] = {
    (): Project,
    ("project",): ProjectInfo,
    ("partners",): Partner,
    ("partners", "contributions"): Contribution,
    ("rounds",): Round,
    ("assessments",): Assessment,
    ("actions",): Action,
}
"""Which model a path's table is, from the path's names alone (indexes left out)."""

_SUBJECTS: dict[type, str] = {
    Project: "the file",
    ProjectInfo: "the [project] table",
    Partner: "every partner",
    Contribution: "every contribution",
    Round: "every round",
    Assessment: "every assessment",
    Action: "every action",
}
_EXAMPLES: dict[str, str] = {
    "id": 'id = "riverside-youth-centre"',
    "name": 'name = "Riverside Youth Centre"',
    "kind": 'kind = "space"',
    "round": 'round = "Kick-off"',
    "date": "date = 2026-09-15",
    "respondent": 'respondent = "team"',
    "text": 'text = "Monthly partner call"',
}
_TABLE_HINTS: dict[type, str] = {
    ProjectInfo: "write a [project] heading with the project's details below it",
    Partner: "start each partner with a [[partners]] heading",
    Round: "start each round with a [[rounds]] heading",
    Assessment: "start each assessment with an [[assessments]] heading",
    Action: "start each action with an [[actions]] heading",
    Contribution: 'write each contribution as { kind = "space", value = 100.0 }',
}
_CHOICES: dict[tuple[type, str], tuple[str, type]] = {
    (Partner, "kind"): ("kind of partner", Kind),
    (Partner, "relationship"): ("relationship", Relationship),
    (Partner, "status"): ("status", Status),
    (Partner, "role"): ("role", Role),
    (Contribution, "kind"): ("kind of contribution", ContributionKind),
    (Action, "ingredient"): ("ingredient", Ingredient),
}
_SCALE_HINT = f"scores run from 1 ({SCALE[1]}) to 5 ({SCALE[5]})"
_LISTS_OF_TABLES = {"partners", "rounds", "assessments", "actions"}


def _table_of(loc: tuple[str | int, ...]) -> type | None:
    return _TABLES.get(tuple(part for part in loc if isinstance(part, str)))


def _field_words(
    error: dict[str, Any], loc: tuple[str | int, ...], ingredient_key: bool
) -> tuple[str, str]:
    """The message and hint for one pydantic error at ``loc``, without the location.

    ``ingredient_key``: the fault is a key of scores or notes, not its value.
    """
    kind, value = error["type"], error["input"]
    name = next((part for part in reversed(loc) if isinstance(part, str)), "")
    table = _table_of(loc[:-1])
    said = _describe(value)

    if kind == "extra_forbidden":
        allowed = list(table.model_fields) if table else []
        where = "" if loc[:-1] else " at the top of the file"
        hint = _closest(str(name), allowed) or f"the keys allowed here are {', '.join(allowed)}"
        return f"unknown key {_quote(str(name))}{where}", hint
    if kind == "missing":
        subject = _SUBJECTS.get(table, "this table")
        if name == "project":
            return "the file needs a [project] table", _TABLE_HINTS[ProjectInfo]
        article = "an" if name[0] in "aeiou" else "a"
        example = _EXAMPLES.get(name)
        return (
            f'{subject} needs {article} "{name}"',
            f"add a line like {example}" if example else "",
        )
    if kind == "enum":
        noun, choices = (
            ("ingredient", Ingredient)
            if ingredient_key or name == "dont_know"
            else _CHOICES.get((table, name), (name.replace("_", " "), ()))
        )
        allowed = [str(choice) for choice in choices] or [error["ctx"]["expected"]]
        hint = _closest(value, allowed) if isinstance(value, str) else ""
        return f"{said} is not {_a(noun)}; use one of {', '.join(allowed)}", hint
    if kind == "bool_type":
        return f"should be true or false, not {said}", "write true or false, without quotes"
    if kind == "date_type":
        if isinstance(value, dt.datetime):
            return f"should be a date without a time of day, not {said}", (
                "write just the date, like 2026-09-15"
            )
        return f"should be a date, not {said}", "write a date like 2026-09-15, without quotes"
    if kind == "string_type":
        return f"should be text, not {said}", 'put text in double quotes, like "Riverside"'
    if kind == "int_type":
        if "scores" in loc:
            return f"a score should be a whole number, not {said}", _SCALE_HINT
        return f"should be a whole number, not {said}", ""
    if kind in ("float_type", "finite_number"):
        return f"should be an amount, not {said}", (
            "write a number like 1200 or 1200.50, without quotes or a currency sign"
        )
    if kind in ("greater_than_equal", "less_than_equal"):
        if "scores" in loc:
            return f"{said} is not a score", _SCALE_HINT
        if name == "minimum_to_show":
            return f"{said} is not a number of answers results can be shown for", (
                "write a whole number from 1 to 1000; 3 keeps one person's answers "
                "from being read off a mean"
            )
        if kind == "less_than_equal":
            return f"{said} is more than a contribution can be worth", (
                f"a value runs from 0 to {MAX_CONTRIBUTION:,}"
            )
        return f"{said} is below zero; a contribution cannot be worth less than nothing", ""
    if kind == "string_pattern_mismatch":
        if name == "currency":
            return f"{said} is not a currency code", (
                "use a three-letter code in capitals, like CAD, USD or EUR"
            )
        if name == "code":
            return f"{said} is not a round code", (
                "a round's code is 8 to 32 lowercase letters and digits; "
                "leave it out and `partnertui survey` writes one"
            )
        if loc[:1] == ("actions",):
            return f"{said} is not a valid action id", (
                'an action\'s id is lowercase letters and digits, like "3fa9c2d1"; '
                "delete the line and partnertui gives the action a new one when it saves"
            )
        suggestion = slugify(value)
        return f"{said} is not a valid id", (
            f'ids are lowercase letters and digits joined by hyphens, like "{suggestion}"'
        )
    if kind == "list_type":
        if name in _LISTS_OF_TABLES and len(loc) == 1:
            return f"should be a list of [[{name}]] tables, not {said}", (
                f"start each entry with a [[{name}]] heading"
            )
        if name == "contributions":
            return f"should be a list, not {said}", _TABLE_HINTS[Contribution]
        return f"should be a list, not {said}", (
            'write a list in square brackets, like ["youth outreach", "translation"]'
        )
    if kind == "dict_type":
        example = "shared_vision = 4" if name == "scores" else 'shared_vision = "…"'
        return f"should be a table, not {said}", (
            f"write an [assessments.{name}] heading with one line per ingredient, like {example}"
        )
    if kind == "model_type":
        return f"should be a table, not {said}", _TABLE_HINTS.get(_table_of(loc), "")
    if kind == "value_error":
        return error["msg"].removeprefix("Value error, "), ""
    return error["msg"], ""


def _a(noun: str) -> str:
    return f"an {noun}" if noun[0] in "aeiou" else f"a {noun}"


def validation(file: str, text: str, errors: list[dict[str, Any]]) -> list[Problem]:
    """pydantic's errors as Problems, each at the line of the key or value at fault."""
    positions = Positions(text)
    problems = []
    for error in errors:
        loc = tuple(error["loc"])
        ingredient_key = loc[-1:] == ("[key]",)
        if ingredient_key:
            loc = loc[:-1]
        kind = error["type"]
        # An unknown or missing key belongs to the table that holds (or lacks) it.
        path = loc[:-1] if kind in ("extra_forbidden", "missing") else loc
        message, hint = _field_words(error, loc, ingredient_key)
        where = positions.find(loc, key=ingredient_key or kind == "extra_forbidden")
        problems.append(_problem(file, where, format_loc(path), message, hint))
    return sorted(problems, key=lambda p: (p.line or 0, p.column or 0))


def integrity(file: str, text: str, broken: list[Integrity]) -> list[Problem]:
    """The model's cross-field findings, each at the line of the field it names."""
    positions = Positions(text)
    return [
        _problem(file, positions.find(item.loc), item.where, item.message, item.hint)
        for item in broken
    ]
