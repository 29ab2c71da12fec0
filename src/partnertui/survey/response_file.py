"""The response file: what a partner's questionnaire sends back, one per respondent.

The questionnaire page writes it; the import reads it here. It is TOML, so that a
coordinator can open it and see what was said, and it names the project, the round
and the round's code, so that a response to another project's questionnaire, or to
another round, is refused rather than filed in the wrong place. A file edited into
something else is refused in one plain message at its line and column.

    partnertui_response = 1
    project = "Riverside Youth Safety Partnership"
    round = "Six months"
    round_code = "r7k2m9qx4f"
    respondent = "youth-centre"
    respondent_name = "Riverside Youth Centre"
    date = 2026-11-02
    dont_know = ["communication"]

    [scores]
    shared_vision = 4

    [notes]
    shared_vision = "We agree on the what, not yet on the how."

A questionnaire for an anonymous round writes no ``respondent`` and no
``respondent_name`` (nor a date, which could tell who answered): it writes
``response``, a token of random hex digits drawn in the browser, and optionally
``group``, the group the respondent chose. A file with both a token and a name is
refused: it is neither one kind nor the other.
"""

from __future__ import annotations

import datetime as dt
import tomllib
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from partnertui.model import Ingredient, slugify
from partnertui.survey.answers import Answers

VERSION = 1
"""The response layout this partnertui reads and the questionnaire writes."""
SUFFIX = ".response.toml"
MAX_RESPONSE_BYTES = 1024 * 1024
"""Eleven scores and notes come nowhere near it; anything larger is not a response."""

_KEYS = (
    "partnertui_response",
    "project",
    "round",
    "round_code",
    "respondent",
    "respondent_name",
    "response",
    "group",
    "date",
    "dont_know",
    "scores",
    "notes",
)


class ResponseProblem(ValueError):
    """A response file that cannot be read; the message names the file and line."""


@dataclass(frozen=True)
class Response:
    """A response file as read: its answers, and the project it says it is for."""

    answers: Answers
    project: str
    respondent_name: str

    @property
    def anonymous(self) -> bool:
        """Written by an anonymous round's questionnaire: a token, no name."""
        return self.answers.response_id is not None


def file_name(project: str, round_name: str, respondent: str) -> str:
    """What a response file is called: ``<project>--<round>--<respondent>.response.toml``."""
    return f"{slugify(project)}--{slugify(round_name)}--{respondent}{SUFFIX}"


def is_response_file(path: Path) -> bool:
    """Whether ``path`` is named as a response file is (rather than a CSV export)."""
    return path.name.lower().endswith(SUFFIX) or path.suffix.lower() == ".toml"


def read(path: Path) -> Response:
    """The response in ``path``; :class:`ResponseProblem` when it is not a good one."""
    file = str(path)
    try:
        with open(path, "rb") as f:
            data = f.read(MAX_RESPONSE_BYTES + 1)
    except OSError as error:
        raise ResponseProblem(f"{file}: cannot be read ({error.strerror or error})") from None
    if len(data) > MAX_RESPONSE_BYTES:
        raise ResponseProblem(f"{file}: this is far too large to be a response file")
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        from partnertui.storage import problems

        raise ResponseProblem(str(problems.undecodable(file, data, error))) from None
    return parse(text, file)


def parse(text: str, file: str) -> Response:
    """The response in ``text``; see :func:`read`."""
    from partnertui.storage import problems
    from partnertui.storage.tomlpos import Positions

    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as error:
        where = problems.toml_syntax(file, text, error)
        raise ResponseProblem(
            f"{where} (this response file was changed after it was written)"
        ) from None
    positions = Positions(text)

    def wrong(path: tuple[str, ...], message: str, *, key: bool = False) -> ResponseProblem:
        line, column = positions.find(path, key=key)
        return ResponseProblem(f"{file}:{line}:{column}: {problems.printable(message)}")

    version = data.get("partnertui_response")
    if version is None:
        raise ResponseProblem(
            f"{file}: this is not a partnertui response file (it has no partnertui_response "
            "line); a project file is opened with partnertui, not imported"
        )
    if type(version) is not int or version != VERSION:
        raise wrong(
            ("partnertui_response",),
            f"this response file has layout {version!r}; this partnertui reads layout {VERSION}, "
            "so update partnertui to import it",
        )
    for key in data:
        if key not in _KEYS:
            raise wrong((key,), f'"{key}" is not part of a response file', key=True)
    project = _text(data, "project", wrong, file, required=True)
    round_name = _text(data, "round", wrong, file, required=True)
    code = _text(data, "round_code", wrong, file, required=True)
    respondent = _text(data, "respondent", wrong, file)
    token, group = _anonymous(data, wrong, file)
    if token is None and not respondent:
        raise ResponseProblem(
            f"{file}: this response says neither who answered (respondent) nor which "
            "anonymous response it is (response); it may have been cut short"
        )
    day = data.get("date")
    if "date" in data and (type(day) is not dt.date):
        raise wrong(("date",), "the date must be written like 2026-11-02, without quotes")
    scores = _ingredient_table(data, "scores", wrong)
    for key, value in scores.items():
        if type(value) is not int or not 1 <= value <= 5:
            raise wrong(
                ("scores", key.value),
                f"the score for {key.value} is {value!r}; scores are whole numbers from 1 to 5",
            )
    notes = _ingredient_table(data, "notes", wrong)
    for key, value in notes.items():
        if not isinstance(value, str):
            raise wrong(("notes", key.value), f"the note for {key.value} must be text in quotes")
    dont_know = data.get("dont_know", [])
    if not isinstance(dont_know, list):
        raise wrong(("dont_know",), 'dont_know must be a list such as ["leadership"]')
    unsure: list[Ingredient] = []
    for n, key in enumerate(dont_know):
        ingredient = _ingredient(key)
        if ingredient is None:
            raise wrong(("dont_know", n), f"{key!r} in dont_know is not an ingredient key")
        if ingredient in scores:
            raise wrong(
                ("dont_know", n),
                f'{ingredient.value} is both scored and "don\'t know"; keep one of them',
            )
        unsure.append(ingredient)
    answers = Answers(
        respondent=respondent,
        round=round_name,
        date=day,
        scores={k: v for k, v in scores.items()},
        dont_know=tuple(i for i in Ingredient if i in unsure),
        notes={k: v.strip() for k, v in notes.items() if v.strip()},
        source=file,
        round_code=code,
        group=group,
        response_id=token,
    )
    return Response(answers, project, _text(data, "respondent_name", wrong, file))


def _anonymous(data: dict[str, Any], wrong, file: str) -> tuple[str | None, str | None]:
    """An anonymous response's token and group; ``(None, None)`` for a signed one."""
    from partnertui.survey.anonymity import TOKEN_PATTERN

    if "response" not in data:
        if "group" in data:
            raise wrong(
                ("group",),
                "only an anonymous response gives a group; a signed answer counts in its "
                "partner's group",
                key=True,
            )
        return None, None
    token = data["response"]
    if not isinstance(token, str) or not TOKEN_PATTERN.match(token):
        raise wrong(
            ("response",),
            "response must be the questionnaire's token: 16 to 64 of the digits 0-9 and "
            "letters a-f, in quotes",
        )
    for key in ("respondent", "respondent_name"):
        if key in data:
            raise wrong(
                (key,),
                f"this is an anonymous response (it has a response token), so it cannot "
                f"have a {key} line; remove one or the other",
                key=True,
            )
    group = _text(data, "group", wrong, file) or None
    return token, group


def _text(data: dict[str, Any], key: str, wrong, file: str, *, required: bool = False) -> str:
    value = data.get(key)
    if value is None:
        if required:
            raise ResponseProblem(
                f'{file}: this response file has no "{key}" line; it may have been cut short'
            )
        return ""
    if not isinstance(value, str) or (required and not value.strip()):
        raise wrong((key,), f"{key} must be text in quotes")
    return value.strip()


def _ingredient(key: object) -> Ingredient | None:
    try:
        return Ingredient(key)
    except ValueError:
        return None


def _ingredient_table(data: dict[str, Any], table: str, wrong) -> dict[Ingredient, Any]:
    values = data.get(table, {})
    if not isinstance(values, dict):
        raise wrong((table,), f"{table} must be a table, written [{table}]")
    out: dict[Ingredient, Any] = {}
    for key, value in values.items():
        ingredient = _ingredient(key)
        if ingredient is None:
            keys = ", ".join(i.value for i in Ingredient)
            raise wrong((table, key), f'"{key}" is not an ingredient key ({keys})', key=True)
        out[ingredient] = value
    return out
