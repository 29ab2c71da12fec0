"""How scores, bands and changes look on screen: a number, a symbol, a word and a colour.

The band is never told by colour alone (people read terminals in many themes, and
some cannot tell red from green), so every piece here carries its symbol and word as
well; the colour only makes a pattern easier to spot at a glance.
"""

from __future__ import annotations

from rich.text import Text

from partnertui.analysis import BAND_SYMBOLS, Band, IngredientStats, band
from partnertui.formatting import MISSING, NOT_SCORED, direction_symbol, score
from partnertui.guidance import SCALE

BAND_STYLES: dict[Band, str] = {
    Band.STRENGTH: "green",
    Band.BORDERLINE: "yellow",
    Band.CONCERN: "bold red",
}
DIRECTION_STYLES = {"up": "green", "down": "red", "same": "dim"}
DISAGREEMENT = "⚠ differ"
"""Shown where respondents' scores are two or more apart."""
BAR_FULL, BAR_EMPTY = "█", "░"
HIDDEN_CELL = "hidden: too few"
"""Where a table cell is too small for ``analysis.HIDDEN_WORDS``; the sentence itself
is said nearby."""


def score_text(mean: float | None, *, word: bool = True) -> Text:
    """ "3.7 ■ borderline" in the band's colour; "not scored" when there is no mean.

    Without the ``word`` (where a column has no room for it): "3.7 ■", and "—" when
    there is no mean; the symbol still tells the band without the colour.
    """
    if mean is None:
        return Text(NOT_SCORED if word else MISSING, style="dim")
    value = band(mean)
    shown = f"{score(mean)} {BAND_SYMBOLS[value]}" + (f" {value}" if word else "")
    return Text(shown, style=BAND_STYLES[value])


def hidden_text() -> Text:
    """A result kept back because too few answers stand behind it."""
    return Text(HIDDEN_CELL, style="dim italic")


def change_text(stats: IngredientStats) -> Text:
    """ "↑ +0.3", "↓ -0.5" or "→ same" since the previous round; a dash before any."""
    if stats.direction is None or stats.change is None:
        return Text(MISSING, style="dim")
    arrow = direction_symbol(stats.direction)
    if stats.direction == "same":
        return Text(f"{arrow} same", style=DIRECTION_STYLES["same"])
    return Text(f"{arrow} {stats.change:+.1f}", style=DIRECTION_STYLES[stats.direction])


def disagreement_text(flagged: bool) -> Text:
    return Text(DISAGREEMENT, style="bold yellow") if flagged else Text("")


def scale_bar(value: int | None) -> Text:
    """A respondent's own score: "████░ 4 good", so the scale's word is always beside it."""
    if value is None:
        return Text(f"{BAR_EMPTY * 5} {NOT_SCORED}", style="dim")
    bar = Text()
    bar.append(BAR_FULL * value, style="bold")
    bar.append(BAR_EMPTY * (5 - value), style="dim")
    bar.append(f" {value} {SCALE[value]}")
    return bar


def scale_legend() -> str:
    """ "1 absent · 2 weak · 3 developing · 4 good · 5 strong": the whole scale on one line."""
    return " · ".join(f"{n} {word}" for n, word in SCALE.items())
