"""How numbers read to people: money, scores, dates, counts and arrows."""

from __future__ import annotations

from datetime import date

import pytest

from partnertui import analysis, formatting
from partnertui.tui.widgets.band import score_text


@pytest.mark.parametrize(
    ("value", "shown"),
    [
        (0.0, "CAD 0"),
        (1200.0, "CAD 1,200"),
        (1234567.0, "CAD 1,234,567"),
        (1200.5, "CAD 1,200.50"),
        (0.3, "CAD 0.30"),
        (99.999, "CAD 100"),  # rounds to whole cents first
        (18550.0, "CAD 18,550"),
    ],
)
def test_money(value, shown):
    assert formatting.money(value, "CAD") == shown


def test_money_uses_the_projects_currency():
    assert formatting.money(2500.0, "EUR") == "EUR 2,500"


@pytest.mark.parametrize(
    ("mean", "shown"),
    [(3.0, "3.0"), (11 / 3, "3.7"), (3.25, "3.3"), (2.25, "2.3"), (3.95, "4.0"), (5, "5.0")],
)
def test_score_has_one_decimal_rounded_half_up(mean, shown):
    assert formatting.score(mean) == shown


def test_score_of_nothing():
    assert formatting.score(None) == formatting.MISSING
    assert score_text(None).plain == "not scored"


@pytest.mark.parametrize(
    ("mean", "shown"),
    [
        (11 / 3, "3.7 borderline"),
        (2.94, "2.9 concern"),
        (2.95, "3.0 borderline"),
        (3.95, "4.0 strength"),
        (4.75, "4.8 strength"),
    ],
)
def test_score_with_band_agrees_with_the_number(mean, shown):
    number, word = shown.split()
    assert score_text(mean).plain == f"{number} {analysis.BAND_SYMBOLS[word]} {word}"


def test_band_word_always_matches_the_shown_number():
    # Every mean reachable with up to 20 respondents: the word never contradicts the digits.
    for n in range(1, 21):
        for total in range(n, 5 * n + 1):
            mean = total / n
            shown = float(formatting.score(mean))
            expected = "strength" if shown >= 4 else "borderline" if shown >= 3 else "concern"
            assert analysis.band(mean) == expected, (total, n)


def test_day_is_iso():
    assert formatting.day(date(2026, 9, 5)) == "2026-09-05"
    assert formatting.day(None) == formatting.MISSING


@pytest.mark.parametrize(
    ("n", "noun", "shown"),
    [
        (0, "partner", "0 partners"),
        (1, "partner", "1 partner"),
        (3, "partner", "3 partners"),
        (2, "activity", "2 activities"),
        (2, "day", "2 days"),
        (2, "match", "2 matches"),
        (1200, "respondent", "1,200 respondents"),
    ],
)
def test_count(n, noun, shown):
    assert formatting.count(n, noun) == shown


def test_count_with_an_irregular_plural():
    assert formatting.count(2, "person", "people") == "2 people"
    assert formatting.count(1, "person", "people") == "1 person"


@pytest.mark.parametrize(
    ("direction", "symbol"),
    [("up", "↑"), ("down", "↓"), ("same", "→"), (None, "")],
)
def test_direction_symbol(direction, symbol):
    assert formatting.direction_symbol(direction) == symbol


def test_matching_says_none_in_words():
    assert formatting.matching(0, "action") == "no actions match"
    assert formatting.matching(1, "action") == "1 match"
    assert formatting.matching(1200, "partner") == "1,200 match"


@pytest.mark.parametrize(
    ("value", "shown"),
    [
        (999_999.99, "CAD 999,999.99"),  # under a million: in full
        (1_000_000.0, "CAD 1.0 m"),
        (1_250_000.0, "CAD 1.2 m"),
        (987_654_321.0, "CAD 987.7 m"),
        (999_999_999.0, "CAD 1.0 bn"),  # rounded up into the next word
        (1_234_567_890.0, "CAD 1.2 bn"),
        (999_999_999_999.99, "CAD 1.0 tn"),
        (1e12 * 10_000, "CAD 10,000.0 tn"),
    ],
)
def test_short_money_shortens_millions_and_more(value, shown):
    assert formatting.short_money(value, "CAD") == shown
