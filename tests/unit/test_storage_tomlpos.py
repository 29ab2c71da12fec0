"""Finding where a key or value is written, so every problem can name its line."""

from __future__ import annotations

import datetime as dt

import tomli_w
from hypothesis import given, settings
from hypothesis import strategies as st

from partnertui.storage.tomlpos import Positions

DOCUMENT = '''\
# a comment [not.a.table]
schema_version = 1   # trailing comment

[ project ]
name = "x"
description = """
[partners]
name = "not a key"
\\""" still text """
literal = \'\'\'
id = 'nor this'\'\'\'
"quoted.key" = 'single'
dotted.inner . deep = 3

[[partners]]
id = "a"
contributions = [
    { kind = "space", value = 1.0 },   # first
    # a comment between items
    { kind = "advice", nested = { deeper = [1, [2, 3]] } },
]

[[partners]]
id = "b"

[[assessments]]
round = "r"

[assessments.scores]
shared_vision = 4

[[assessments]]
round = "s"

[assessments.scores]
common_goals = 2
'''


def at(text: str, position: tuple[int, int]) -> str:
    line, column = position
    return text.splitlines()[line - 1][column - 1 :]


def test_values_and_keys_are_found():
    positions = Positions(DOCUMENT)
    assert at(DOCUMENT, positions.find(("schema_version",))) == "1   # trailing comment"
    assert at(DOCUMENT, positions.find(("schema_version",), key=True)).startswith("schema_version")
    assert at(DOCUMENT, positions.find(("project", "name"))) == '"x"'
    assert at(DOCUMENT, positions.find(("project", "literal"))) == "'''"
    assert at(DOCUMENT, positions.find(("project", "quoted.key"), key=True)).startswith('"quoted')
    assert at(DOCUMENT, positions.find(("project", "dotted", "inner", "deep"))) == "3"
    assert at(DOCUMENT, positions.find(("project", "dotted", "inner", "deep"), key=True)) == (
        "deep = 3"
    )


def test_multi_line_strings_are_skipped_whole():
    positions = Positions(DOCUMENT)
    project_keys = {path[1] for path in positions.keys if path[0] == "project" and len(path) == 2}
    assert project_keys == {"name", "description", "literal", "quoted.key", "dotted"}
    assert at(DOCUMENT, positions.find(("partners", 0))) == "[[partners]]"
    assert positions.find(("partners", 0))[0] == DOCUMENT.splitlines().index("[[partners]]") + 1


def test_arrays_of_tables_are_counted():
    positions = Positions(DOCUMENT)
    assert at(DOCUMENT, positions.find(("partners", 1, "id"))) == '"b"'
    assert at(DOCUMENT, positions.find(("assessments", 1, "scores", "common_goals"))) == "2"
    assert at(DOCUMENT, positions.find(("assessments", 0, "scores", "shared_vision"))) == "4"


def test_inline_tables_inside_arrays_are_counted():
    positions = Positions(DOCUMENT)
    second = ("partners", 0, "contributions", 1)
    assert at(DOCUMENT, positions.find(second)).startswith('{ kind = "advice"')
    assert at(DOCUMENT, positions.find((*second, "kind"))).startswith('"advice", nested')
    assert at(DOCUMENT, positions.find((*second, "nested", "deeper", 1, 0))).startswith("2, 3]")


def test_missing_paths_fall_back_to_the_enclosing_table():
    positions = Positions(DOCUMENT)
    header = positions.find(("partners", 1))
    assert at(DOCUMENT, header) == "[[partners]]"
    assert positions.find(("partners", 1, "name")) == header
    assert positions.find(("nothing", "here")) == (1, 1)


def test_windows_line_ends():
    text = DOCUMENT.replace("\n", "\r\n")
    assert Positions(text).find(("partners", 1, "id")) == Positions(DOCUMENT).find(
        ("partners", 1, "id")
    )


# -- any document tomli-w can write ---------------------------------------------------------

KEYS = st.one_of(st.from_regex(r"[a-z_][a-z0-9_-]{0,6}", fullmatch=True), st.text(max_size=5))
SCALARS = st.one_of(
    st.booleans(),
    st.integers(-(2**63), 2**63 - 1),
    st.floats(allow_nan=False, allow_infinity=False),
    st.text(st.characters(exclude_categories=("Cs",)), max_size=12),
    st.dates(),
    st.sampled_from(["a\nb", "x = 1\n[t]", "'''", '"""', "#"]),
)
VALUES = st.recursive(
    SCALARS,
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(KEYS, inner, max_size=3),
    max_leaves=12,
)


def leaves(value, path=()):
    if isinstance(value, dict):
        for key, item in value.items():
            yield from leaves(item, (*path, key))
    elif isinstance(value, list):
        for index, item in enumerate(value):
            yield from leaves(item, (*path, index))
    else:
        yield path, value


def written(value, multiline: bool) -> str:
    return tomli_w.dumps({"v": value}, multiline_strings=multiline)[4:-1]


@settings(max_examples=150, deadline=None)
@given(st.dictionaries(KEYS, VALUES, max_size=4), st.booleans())
def test_every_value_is_found_where_it_is_written(data: dict, multiline: bool):
    text = tomli_w.dumps(data, multiline_strings=multiline)
    positions = Positions(text)
    starts = [0] + [i + 1 for i, char in enumerate(text) if char == "\n"]
    for path, value in leaves(data):
        if not path:
            continue
        line, column = positions.find(path)
        offset = starts[line - 1] + column - 1
        assert text.startswith(written(value, multiline), offset), (path, value, text)


def test_dates_and_numbers_are_found():
    data = {"t": {"d": dt.date(2026, 9, 1), "f": -1.5e-7, "i": [1, 2]}}
    text = tomli_w.dumps(data)
    positions = Positions(text)
    assert at(text, positions.find(("t", "d"))) == "2026-09-01"
    assert at(text, positions.find(("t", "f"))) == "-1.5e-07"
