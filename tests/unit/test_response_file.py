"""Response files: read exactly, and refused in one located message when edited wrong."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from partnertui.model import Ingredient as I
from partnertui.survey import response_file
from partnertui.survey.response_file import ResponseProblem

GOOD = """\
# partnertui response: send this file back to the project lead
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
common_goals = 3

[notes]
shared_vision = "We agree on the what, not yet on the how."
"""


def test_a_good_response_reads_into_answers():
    found = response_file.parse(GOOD, "r.response.toml")
    answers = found.answers
    assert (found.project, found.respondent_name) == (
        "Riverside Youth Safety Partnership",
        "Riverside Youth Centre",
    )
    assert (answers.respondent, answers.round, answers.round_code) == (
        "youth-centre",
        "Six months",
        "r7k2m9qx4f",
    )
    assert answers.date == dt.date(2026, 11, 2)
    assert answers.scores == {I.SHARED_VISION: 4, I.COMMON_GOALS: 3}
    assert answers.dont_know == (I.COMMUNICATION,)
    assert answers.notes == {I.SHARED_VISION: "We agree on the what, not yet on the how."}
    assert answers.source == "r.response.toml"


def test_the_name_says_project_round_and_respondent():
    assert (
        response_file.file_name("Riverside Youth Safety Partnership", "Six months", "youth-centre")
        == "riverside-youth-safety-partnership--six-months--youth-centre.response.toml"
    )


# ruff: noqa: E501  (the cases read best one to a line)
@pytest.mark.parametrize(
    ("old", "new", "message"),
    [
        ("shared_vision = 4", "shared_vision = 7", r"r\.toml:12:17: the score for shared_vision is 7"),
        ("common_goals = 3", 'common_goals = "3"', r"r\.toml:13:16: .*whole numbers"),
        ("common_goals = 3", "common_goal = 3", r'r\.toml:13:1: "common_goal" is not an ingredient'),
        ('round = "Six months"\n', "", r'r\.toml: this response file has no "round" line'),
        ("date = 2026-11-02", 'date = "2 Nov"', r"r\.toml:8:8: the date must be written"),
        ('dont_know = ["communication"]', 'dont_know = ["shared_vision"]',
         r"r\.toml:9:14: shared_vision is both scored"),
        ("[scores]", "[scores", r"r\.toml:11:\d+: not valid TOML"),
        ("partnertui_response = 1", "partnertui_response = 2", r"r\.toml:2:23: .*layout 2"),
        ("partnertui_response = 1\n", "", "not a partnertui response file"),
        ('respondent = "youth-centre"\n', "", "says neither who answered"),
        ("partnertui_response = 1", "colour = 1\npartnertui_response = 1",
         r'r\.toml:2:1: "colour" is not part of a response'),
    ],
)  # fmt: skip
def test_nonsense_is_one_located_message(old: str, new: str, message: str):
    text = GOOD.replace(old, new, 1)
    assert text != GOOD
    with pytest.raises(ResponseProblem, match=message):
        response_file.parse(text, "r.toml")


def test_bytes_that_are_not_text(tmp_path: Path):
    (tmp_path / "r.response.toml").write_bytes(b'partnertui_response = 1\nproject = "\xff"\n')
    with pytest.raises(ResponseProblem, match=r"r\.response\.toml:2:12: this file is not UTF-8"):
        response_file.read(tmp_path / "r.response.toml")
