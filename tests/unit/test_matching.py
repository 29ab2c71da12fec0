"""Headings, scores and names matched as people write them."""

from __future__ import annotations

import pytest

from partnertui.model import Ingredient as I
from partnertui.model import Partner
from partnertui.survey.matching import Meaning, NotAScore, Partners, ingredient_in, score_in


@pytest.mark.parametrize(
    ("heading", "ingredient", "meaning"),
    [
        ("Shared vision", I.SHARED_VISION, Meaning.SCORE),
        ("1. SHARED VISION", I.SHARED_VISION, Meaning.SCORE),
        ("Q3 Common goals", I.COMMON_GOALS, Meaning.SCORE),
        ("3) Leadership", I.LEADERSHIP, Meaning.SCORE),
        ("Shared vision: we can all describe why we are here", I.SHARED_VISION, Meaning.SCORE),
        ("group_x/shared_vision", I.SHARED_VISION, Meaning.SCORE),
        ("Rôle de la flexibilité / Flexibility", I.FLEXIBILITY, Meaning.SCORE),
        ("Shared vision — comment", I.SHARED_VISION, Meaning.NOTE),
        ("shared_vision_comment", I.SHARED_VISION, Meaning.NOTE),
        ("Leadership - why?", I.LEADERSHIP, Meaning.NOTE),
        ("shared_vision[comment]", I.SHARED_VISION, Meaning.NOTE),
        ("Rate each [Shared decision-making]", I.SHARED_DECISION_MAKING, Meaning.SCORE),
        ("Constructive means of resolving conflict", I.CONFLICT_RESOLUTION, Meaning.SCORE),
        ("How strong is our desire to work together?", I.DESIRE_TO_WORK_TOGETHER, Meaning.SCORE),
    ],
)
def test_headings(heading: str, ingredient: I, meaning: Meaning):
    found = ingredient_in(heading)
    assert found is not None and (found.ingredient, found.meaning) == (ingredient, meaning)


@pytest.mark.parametrize("heading", ["Q1[SQ001]", "Leadership and communication", "Anything else?"])
def test_headings_that_name_none_or_two(heading: str):
    assert ingredient_in(heading) is None


@pytest.mark.parametrize(
    ("cell", "score", "dont_know"),
    [
        ("4", 4, False),
        (" 4 - Strong", 4, False),
        ("4.0", 4, False),
        ("Good", 4, False),
        ("STRONG", 5, False),
        ("absent", 1, False),
        ("Don't know", None, True),
        ("don’t know", None, True),
        ("N/A", None, True),
        ("not sure", None, True),
        ("", None, False),
    ],
)
def test_scores(cell: str, score: int | None, dont_know: bool):
    found = score_in(cell)
    assert (found.score, found.dont_know) == (score, dont_know)


@pytest.mark.parametrize("cell", ["7", "0", "4.5", "maybe", "good or strong"])
def test_not_scores(cell: str):
    with pytest.raises(NotAScore):
        score_in(cell)


def test_partners_by_id_name_and_email():
    partners = Partners(
        [
            Partner(id="youth-centre", name="Riverside Youth Centre", contact="Dana, dana@y.org"),
            Partner(id="maison", name="Maison des Jeunes Côte-des-Neiges"),
            Partner(id="twin-a", name="Twins"),
            Partner(id="twin-b", name="twins"),
        ]
    )
    assert partners.find("youth-centre").id == "youth-centre"
    assert partners.find("riverside youth CENTRE").id == "youth-centre"
    assert partners.find("DANA@Y.ORG").id == "youth-centre"
    assert partners.find("maison des jeunes cote-des-neiges").id == "maison"
    assert partners.find("Twins") is None  # two partners go by it: neither is guessed
    assert partners.find("nobody@else.org") is None


def test_a_guess_says_what_it_rests_on():
    partners = Partners(
        [
            Partner(id="youth-centre", name="Riverside Youth Centre", contact="dana@ryc.org"),
            Partner(id="parents", name="Parents' Network", contact="p@shared.org"),
            Partner(id="council", name="Youth Council", contact="c@shared.org"),
        ]
    )
    assert partners.guess("na@ryc.org") == ("youth-centre", "the e-mail's domain")
    assert partners.guess("someone@shared.org") == ("", "")  # two partners there
    assert partners.guess("riversid youth center") == ("youth-centre", "the name")
    assert partners.guess("Jo Smith") == ("", "")
