"""The Ingredients section's own words: its guide in help, and its empty state.

Kept apart from the screen so the screen module holds what it does, not what it says.
"""

from __future__ import annotations

from rich.console import Group
from rich.table import Table
from rich.text import Text

from partnertui.guidance import INGREDIENTS

INGREDIENT_LIST = "\n".join(f" • {g.label}: {g.strong}" for g in INGREDIENTS.values())


def ingredient_table() -> Table:
    """The eleven ingredients beside what strong looks like, wrapped in their column."""
    grid = Table.grid(padding=(0, 2))
    grid.add_column(style="bold", no_wrap=True)
    grid.add_column()
    for guide in INGREDIENTS.values():
        grid.add_row(guide.label, guide.strong)
    return grid


EMPTY = Group(
    Text("No assessment rounds yet.", style="bold"),
    Text(),
    Text(
        "Press r to start the first one: give it a name (“Kick-off”) and a date, choose "
        "who scores first (the team together, or one partner), then score each "
        "ingredient from 1 (absent) to 5 (strong). Assess at kick-off and again every "
        "few months, to see what improved, what slipped and where partners disagree."
    ),
    Text(),
    Text("The eleven ingredients, and what strong looks like:", style="bold"),
    ingredient_table(),
)


GUIDE = (
    "How healthy is the partnership? A round is one assessment (at kick-off, then "
    "every few months); in each the team can agree a consensus score and every "
    "partner can give its own. For the round named at the top the table shows each "
    "ingredient's mean with its band (▲ strength 4.0 and up, ■ borderline 3.0–3.9, "
    "▼ concern below 3.0), the lowest–highest score and how many scored it, "
    "⚠ differ where scores are two or more apart, the change since the previous "
    "round (↑ ↓ →) and a trend across all rounds.\n\n"
    "[ and ] change the round; r starts a new round; Enter or s chooses whose "
    "scores to enter. On the score sheet 1–5 score the selected ingredient "
    "(1 absent, 2 weak, 3 developing, 4 good, 5 strong), 0 or x clears it, n or "
    "Enter writes a note, D removes the whole response, and Escape finishes so "
    "that the number keys switch sections again. t starts an action for the "
    "selected ingredient; "
    "e renames or re-dates the round and d removes it.\n\n"
    "Partners can also answer for themselves: w writes a questionnaire for each "
    "invited or confirmed partner, a web page they open in any browser (or print) "
    "that makes a small response file to e-mail back. The round then says how many "
    "have answered and who is still waiting. i imports what comes back: response "
    "files, each into the round it names, or a survey tool's CSV export into the "
    "round shown. What it changes is shown first, and ctrl+z takes it back. "
    'A "don\'t know" is counted beside the mean and never in it.\n\n'
    "People answer more freely when nobody can tell whose answer it is: tick "
    "Anonymous when you start a round, and its answers record no name, only the "
    "group the person gives (if any); who has answered is then only a count. A "
    "mean of very few answers gives them away, so a round, an ingredient or a "
    "group with fewer answers than the project's minimum (3 unless set in the "
    "project's details) says so in place of its figures. b shows each group of "
    "partners' means side by side (by kind, role, youth, most affected, or an "
    "anonymous round's groups; c changes the grouping) with the largest gaps in "
    "words.\n\n"
    "The eleven ingredients, and what strong looks like:\n" + INGREDIENT_LIST
)
