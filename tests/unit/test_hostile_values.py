"""Hostile values: nesting too deep, numbers too large. Each is one located problem,
never a traceback, and a number is never printed in full."""

from __future__ import annotations

import re
import sys
from pathlib import Path

import pytest

from partnertui import analysis, storage
from partnertui.model import MAX_CONTRIBUTION
from partnertui.storage import limits
from partnertui.storage.errors import ProjectFileError

EXAMPLE = Path(__file__).resolve().parents[2] / "examples" / "riverside-youth.toml"
VALID = EXAMPLE.read_text(encoding="utf-8")
LOCATED = re.compile(r"^[^\n]+:\d+:\d+: ")


def problems(text: str) -> list[storage.Problem]:
    with pytest.raises(ProjectFileError) as raised:
        storage.parse(text, "plan.toml")
    for problem in raised.value.problems:
        assert LOCATED.match(str(problem)), str(problem)
        assert len(str(problem)) < 400, str(problem)
    return raised.value.problems


def with_issue(value: str) -> str:
    return re.sub(r"(?m)^issue = .*$", lambda _: f"issue = {value}", VALID, count=1)


def line_of(text: str, needle: str) -> int:
    return text[: text.index(needle)].count("\n") + 1


# -- nesting --------------------------------------------------------------------------


@pytest.mark.parametrize(
    "value",
    [
        "[" * 1000 + "]" * 1000,
        "[" * 100_000 + "]" * 100_000,
        "[" * 100_000,  # never closed
        "{a = " * 1000 + "1" + "}" * 1000,
        "[[], " * 200 + "]" * 200,  # deep, with a closing bracket at every level
        "[" * 33 + "]" * 33,
    ],
    ids=["1000", "100000", "unclosed", "inline-tables", "interleaved", "just-too-deep"],
)
def test_a_value_nested_too_deeply_is_one_problem_at_the_value(value: str):
    text = with_issue(value)
    [problem] = problems(text)
    assert "nested too deeply" in problem.message
    assert problem.line == line_of(text, "issue = ")
    assert problem.column == len("issue = ") + 1


def test_nesting_up_to_the_limit_is_an_ordinary_problem():
    [problem] = problems(with_issue("[" * limits.MAX_DEPTH + "]" * limits.MAX_DEPTH))
    assert problem.message == "should be text, not a list"


def test_brackets_inside_text_and_comments_do_not_nest():
    text = with_issue('"' + "[" * 500 + '{" # ' + "[" * 500)
    project = storage.parse(text, "plan.toml")
    assert project.project.issue == "[" * 500 + "{"


def test_brackets_hidden_in_text_cannot_smuggle_a_deep_value_past():
    # Each string's "]" makes the quick look think a level closed; the careful one
    # or, failing that, tomllib running out of stack must still say where.
    text = with_issue('["]", ' * 2000 + "1" + "]" * 2000)
    [problem] = problems(text)
    assert "nested too deeply" in problem.message
    assert problem.line == line_of(text, "issue = ")
    assert problem.column == len("issue = ") + 1


def test_a_deep_value_inside_a_deep_call_stack_is_still_a_problem():
    def nested(depth: int) -> list[storage.Problem]:
        return problems(with_issue("[" * 500)) if depth == 0 else nested(depth - 1)

    [problem] = nested(sys.getrecursionlimit() // 2)
    assert "nested too deeply" in problem.message


# -- numbers --------------------------------------------------------------------------


def test_a_400_digit_schema_version_is_named_by_its_length():
    text = VALID.replace("schema_version = 1", "schema_version = 1" + "0" * 399, 1)
    [problem] = problems(text)
    assert (problem.line, problem.column) == (1, len("schema_version = ") + 1)
    assert "a number 400 digits long" in problem.message
    assert "0" * 30 not in str(problem)
    assert "newer" not in str(problem)


@pytest.mark.parametrize(
    ("old", "new", "said"),
    [
        ("youth_oriented = true", "youth_oriented = " + "9" * 400, "should be true or false"),
        ("shared_vision = 4", "shared_vision = " + "9" * 400, "is not a score"),
        ("shared_vision = 4", "shared_vision = -" + "9" * 400, "is not a score"),
        ('name = "Riverside Youth Centre"', "name = " + "9" * 400, "should be text"),
        ("value = 1200.0", "value = " + "9" * 400, "more than a contribution can be worth"),
    ],
)
def test_a_huge_whole_number_in_any_field_is_shortened(old: str, new: str, said: str):
    assert old in VALID
    text = VALID.replace(old, new, 1)
    [problem] = problems(text)
    assert said in problem.message
    assert "digits long" in problem.message
    assert problem.line == line_of(text, new)


def test_a_number_longer_than_python_reads_is_a_problem_at_the_number():
    text = VALID.replace("shared_vision = 4", "shared_vision = " + "9" * 5000, 1)
    [problem] = problems(text)
    assert "too long to read" in problem.message
    assert problem.line == line_of(text, "shared_vision = 9")
    assert problem.column == len("shared_vision = ") + 1


def test_a_long_number_inside_text_is_only_text():
    text = with_issue('"' + "9" * 5000 + '"')
    assert storage.parse(text, "plan.toml").project.issue == "9" * 5000


@pytest.mark.parametrize("value", ["1e308", "1000000000000.01", "1e13"])
def test_a_contribution_over_a_trillion_is_refused(value: str):
    text = VALID.replace("value = 1200.0", f"value = {value}", 1)
    [problem] = problems(text)
    assert problem.message.endswith("is more than a contribution can be worth")
    assert problem.hint == "a value runs from 0 to 1,000,000,000,000"


def test_the_largest_contributions_still_add_up():
    text = VALID.replace("value = 1200.0", f"value = {MAX_CONTRIBUTION}", 1)
    project = storage.parse(text, "plan.toml")
    [rich] = [
        p for p in project.partners if any(c.value == MAX_CONTRIBUTION for c in p.contributions)
    ]
    many = [rich] * 10_000
    project = project.model_copy(update={"partners": many})
    totals = analysis.RoleLedger().summary(project).overall
    assert totals.total >= MAX_CONTRIBUTION * 10_000


# -- every problem has a line and a column ------------------------------------------


def test_a_file_without_schema_version_is_at_1_1():
    [problem] = problems(VALID.replace("schema_version = 1\n", "", 1))
    assert (problem.line, problem.column) == (1, 1)


def test_toml_that_ends_too_soon_is_at_the_end_with_a_column():
    text = VALID + "\nskills = ["
    [problem] = problems(text)
    assert problem.line == text.count("\n") + 1
    assert problem.column is not None
