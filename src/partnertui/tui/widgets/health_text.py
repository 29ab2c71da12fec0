"""What the Ingredients section's health view says in words.

The round's summary: who has answered, the overall score (and of how many ingredients
when not all were scored), the weakest ingredients (those below a strength; when there
are none, the lowest), what was hidden, and the biggest gap between groups. And the
ingredient under the cursor: its meaning, whether it is worth an action, who scored
what, who could not judge it, and each respondent's comment on it: by partner name in
a signed round, as "Anonymous (group)" in an anonymous one, or just "Anonymous" where
too few answered in the group to say it (``analysis.labelled_groups``). Where too few
answers stand behind the ingredient, the scores are kept back and the panel says why in
full (the table only has room for "hidden"). The words come from ``Figures``; nothing
is worked out here.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from rich.text import Text

from partnertui import analysis
from partnertui.formatting import count, score
from partnertui.guidance import INGREDIENTS
from partnertui.model import Ingredient
from partnertui.tui.display import plain
from partnertui.tui.widgets.band import BAND_STYLES, score_text
from partnertui.tui.widgets.group_table import biggest_gap_line
from partnertui.tui.widgets.questionnaire_form import turnout_text
from partnertui.tui.widgets.respondent_picker import respondent_name

if TYPE_CHECKING:
    from partnertui.tui.workbook import Workbook

NAME_WIDTH = 24
WEAKEST = "Weakest: "


def short(name: str) -> str:
    return name if len(name) <= NAME_WIDTH else name[: NAME_WIDTH - 1] + "…"


def health_summary(workbook: Workbook, stats: analysis.RoundStats, width: int) -> Text:
    """The lines under the health table, fitted to ``width`` cells."""
    line = turnout_text(workbook, stats.round)
    if stats.hidden:
        line.append("Hidden: ", style="bold")
        line.append(analysis.HIDDEN_WORDS + ".", style="italic")
        return line
    if stats.overall is None:
        return line + Text(
            "Nothing is scored in this round yet. Press Enter or s to choose the team "
            "or a partner, then score each ingredient with 1–5.",
            style="italic",
        )
    overall = Text()
    overall.append("Overall ", style="bold")
    overall.append_text(score_text(stats.overall))
    if stats.scored < len(Ingredient):  # a mean of a few says less than one of all eleven
        overall.append(f" ({stats.scored} of {len(Ingredient)} scored)")
    if stats.disputed:
        views = f"⚠ views differ on {count(len(stats.disputed), 'ingredient')}"
        fits = overall.cell_len + 5 + len(views) <= width
        overall.append(("  ·  " if fits else "\n") + views, "yellow")
    line.append_text(overall)
    if stats.weakest:
        _weakest(line, stats, width)
    elif stats.lowest is not None:  # every scored ingredient is a strength
        line.append("\nNo weak ingredients: ", style="bold")
        line.append(f"the lowest is {INGREDIENTS[stats.lowest].label} ")
        line.append_text(score_text(stats.ingredients[stats.lowest].mean))
    unsure = [(i, s.dont_know) for i, s in stats.ingredients.items() if s.dont_know]
    if unsure:
        line.append("\nDon't know (not in the means): ", style="bold")
        line.append(", ".join(f"{INGREDIENTS[i].label} {n}" for i, n in unsure))
    hidden = [INGREDIENTS[i].label for i, s in stats.ingredients.items() if s.hidden]
    if hidden:
        line.append("\nHidden (too few answers): ", style="bold")
        line.append(", ".join(hidden))
    return line + biggest_gap_line(workbook.figures.group_view(stats.round))


def _weakest(line: Text, stats: analysis.RoundStats, width: int) -> None:
    """ "Weakest: Communication 2.3, …": the ingredients below a strength, lowest first."""
    line.append("\n" + WEAKEST, style="bold")
    # Break between ingredients, never between a name and its score.
    width -= len(WEAKEST)
    used = 0
    for n, ingredient in enumerate(stats.weakest):
        s = stats.ingredients[ingredient]
        item = f"{INGREDIENTS[ingredient].label} {score(s.mean)}"
        if n:
            line.append(",")
            if used + 2 + len(item) > width:
                line.append("\n" + " " * len(WEAKEST))
                used = 0
            else:
                line.append(" ")
                used += 2
        line.append(INGREDIENTS[ingredient].label)
        line.append(f" {score(s.mean)}", style=BAND_STYLES[s.band] if s.band else "")
        used += len(item)


def health_detail(workbook: Workbook, round_name: str, ingredient: Ingredient) -> Text:
    """The panel under the health table for ``ingredient`` in ``round_name``."""
    figures = workbook.figures
    stats = figures.round_stats(round_name)
    s = stats.ingredients[ingredient]
    guide = INGREDIENTS[ingredient]
    line = Text()
    line.append(f"{guide.label}: ", style="bold")
    line.append(guide.strong)
    if ingredient in analysis.weak_or_disputed(stats):
        reasons = [str(s.band)] if s.band != analysis.Band.STRENGTH else []
        reasons += ["views differ"] if s.disagreement else []
        line.append(f"\n→ Worth working on ({', '.join(reasons)}): ", "bold")
        line.append("press t to start an action for it.", "bold")
    said = figures.answers(round_name, ingredient)
    # An anonymous answer's score is never shown beside its group: a group too small
    # to show would be read off it.
    anonymous = workbook.is_anonymous(round_name)
    if s.hidden:
        line.append("\nHidden: ", style="bold")
        line.append(analysis.HIDDEN_WORDS + ".", style="italic")
        if s.dont_know:
            line.append(f"\n{s.dont_know} don't know", style="bold")
    else:
        _scores(line, workbook, said, anonymous)
    for comment in figures.comments(round_name, ingredient):
        who = plain(comment.who)
        line.append(f"\n✎ {who if anonymous else short(who)}: ", "italic")
        line.append(plain(" ".join(comment.text.split())), "italic")
    return line


def _scores(line: Text, workbook: Workbook, said: list[analysis.Answer], anonymous: bool) -> None:
    """Each answer's score, and who could not judge it: by name in a signed round,
    the scores alone (in file order, which is random) in an anonymous one."""
    project = workbook.project
    scored = [a for a in said if a.score is not None]
    unsure = [short(respondent_name(project, a.respondent)) for a in said if a.dont_know]
    if scored and anonymous:
        line.append("\nScores (anonymous): ", style="bold")
        line.append(" · ".join(str(a.score) for a in scored))
    elif scored:
        line.append("\nScores: ", style="bold")
        line.append(
            " · ".join(f"{short(respondent_name(project, a.respondent))} {a.score}" for a in scored)
        )
    else:
        line.append("\nNobody has scored it in this round yet.", style="dim")
    if unsure:
        line.append(f"\n{len(unsure)} don't know", style="bold")
        line.append("" if anonymous else f" (not in the mean): {'; '.join(unsure)}")
