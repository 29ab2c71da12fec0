"""How numbers, money, dates and scores are written for people.

One place for these choices keeps every screen and report saying "CAD 1,200" and
"3.7 borderline" the same way. Pure and tiny: text in, text out.
"""

from __future__ import annotations

from datetime import date

MISSING = "—"
"""Shown where a number or date has not been recorded."""

NOT_SCORED = "not scored"

DIRECTION_SYMBOLS = {"up": "↑", "down": "↓", "same": "→"}
"""Thin arrows, distinct from the filled band triangles, all in the PC console font."""


def money(value: float, currency: str) -> str:
    """``CAD 1,200`` or ``CAD 1,200.50``: the currency first, so it is never missed.

    Whole amounts drop the cents, which are noise in planning figures; any other
    amount keeps both decimals so 0.5 never reads as fifty cents short.
    """
    cents = round(value, 2)
    if cents == int(cents):
        return f"{currency} {int(cents):,}"
    return f"{currency} {cents:,.2f}"


SHORT_SCALES = ((1e12, "tn"), (1e9, "bn"), (1e6, "m"))
"""Trillion, billion, million: the words :func:`short_money` shortens by."""


def short_money(value: float, currency: str) -> str:
    """:func:`money`, with amounts of a million or more shortened for a narrow column:
    ``CAD 1.2 m``, ``CAD 3.4 bn``, ``CAD 1.0 tn`` (one decimal, rounded). A contribution
    may be up to a trillion, and in full it would push a table's other columns away;
    wherever an amount is shortened, the full one is shown nearby."""
    if abs(value) < SHORT_SCALES[-1][0]:
        return money(value, currency)
    # The largest word it is at least one of, or the next one up when it rounds to
    # a thousand of it (999,999,999 is 1.0 bn, not 1,000.0 m).
    index = next(n for n, (size, _word) in enumerate(SHORT_SCALES) if abs(value) >= size)
    if index and abs(round(value / SHORT_SCALES[index][0], 1)) >= 1000:
        index -= 1
    size, word = SHORT_SCALES[index]
    return f"{currency} {round(value / size, 1):,.1f} {word}"


def score(mean: float | None) -> str:
    """A mean score with one decimal ("3.7"), rounded as :func:`analysis.round_score` does."""
    if mean is None:
        return MISSING
    from partnertui.analysis.assessments import round_score  # the first screen shows no score

    return f"{round_score(mean):.1f}"


def day(value: date | None) -> str:
    """A date as ISO 8601 ("2026-09-15").

    Partnerships span languages and countries; 09/10/2026 means two different days
    depending on who reads it, while year-month-day means one, and sorts correctly.
    """
    return value.isoformat() if value is not None else MISSING


def plural(noun: str) -> str:
    """English plural of a regular noun: partner → partners, activity → activities."""
    if noun.endswith("y") and noun[-2:-1] not in ("a", "e", "i", "o", "u", ""):
        return noun[:-1] + "ies"
    if noun.endswith(("s", "x", "z", "ch", "sh")):
        return noun + "es"
    return noun + "s"


def count(n: int, noun: str, many: str | None = None) -> str:
    """ "1 partner", "3 partners", "0 partners"; pass ``many`` for irregular nouns."""
    return f"{n:,} {noun if n == 1 else many or plural(noun)}"


def matching(n: int, noun: str) -> str:
    """How many of a filtered list match: "no actions match", "1 match", "3 match"."""
    return f"no {plural(noun)} match" if n == 0 else f"{n:,} match"


def direction_symbol(direction: str | None) -> str:
    """↑ ↓ → for a change since the previous round; empty when there is nothing to compare."""
    return DIRECTION_SYMBOLS.get(direction, "") if direction else ""
