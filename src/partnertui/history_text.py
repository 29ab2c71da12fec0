"""A project's history in words, for the terminal and the workbook's History section:
the versions newest first, each change on its line with the round means that may be
shown, then each ingredient's trend across the versions."""

from __future__ import annotations

from collections.abc import Sequence

from partnertui import analysis
from partnertui.formatting import NOT_SCORED, count, score
from partnertui.guidance import INGREDIENTS
from partnertui.history import Change, History
from partnertui.model import Ingredient
from partnertui.storage.errors import printable


def means_text(means: Sequence[tuple[Ingredient, float | None]]) -> str:
    """``Shared vision 4.3, Common goals 3.5, …``: the scored ingredients' means."""
    return ", ".join(f"{INGREDIENTS[i].label} {score(m)}" for i, m in means if m is not None)


def hidden_text(change: Change) -> str:
    """Which means are not shown, and why, in words; empty when all are shown."""
    if not change.hidden:
        return ""
    if len(change.hidden) == len(Ingredient):
        which = "Not shown"
    else:
        which = "Not shown for " + ", ".join(INGREDIENTS[i].label for i in change.hidden)
    return f"{which}: {analysis.HIDDEN_WORDS}"


def as_text(history: History, width: int = 80) -> str:
    """The history as the ``history`` command prints it: versions, then the trends."""
    import textwrap

    versions = count(len(history.entries), "version")
    lines = [f"History of {printable(history.file)}, newest first ({versions})"]
    if history.older:
        lines.append(f"{count(history.older, 'older version')} not shown (see --limit).")
    if history.uncommitted:
        lines.append("Note: the file has changes that are not committed yet.")
    for entry in history.entries:
        v = entry.version
        lines += ["", f"{v.short}  {v.date}  {printable(v.author)}", f"    {printable(v.subject)}"]
        for change in entry.changes:
            lines += textwrap.wrap(
                printable(change.text),
                width,
                initial_indent=f"  {change.sign} ",
                subsequent_indent="    ",
            )
            if change.means and means_text(change.means):
                lines += textwrap.wrap(
                    "Means: " + means_text(change.means),
                    width,
                    initial_indent="      ",
                    subsequent_indent="      ",
                )
            if hidden_text(change):
                lines += textwrap.wrap(
                    hidden_text(change), width, initial_indent="      ", subsequent_indent="      "
                )
    trends = history.trends()
    latest = history.latest()
    if latest is not None and any(e.means for e in history.readable()):
        lines += [
            "",
            "The latest round's mean of each ingredient at each version, oldest first:",
        ]
        if latest is not history.entries[0]:
            lines.append(f"(the means are {latest.version.short}'s, the newest version that reads)")
        for ingredient, values in trends.items():
            now = latest.means.get(ingredient)
            if now is not None:
                shown = f"{score(now)} {analysis.band(now)}"
            else:
                shown = "not shown: too few answers" if ingredient in latest.hidden else NOT_SCORED
            lines.append(
                f"  {INGREDIENTS[ingredient].label:<24} {analysis.sparkline(values)}  {shown}"
            )
    return "\n".join(lines) + "\n"


_SUMMARY: dict[tuple[str, str], tuple[str, str]] = {
    ("first", "+"): ("first version", "first version"),
    ("merge", "⇄"): ("merged", "merged"),
    ("partner", "+"): ("partner added", "partners added"),
    ("partner", "-"): ("partner removed", "partners removed"),
    ("partner", "~"): ("partner renamed", "partners renamed"),
    ("role", "~"): ("role changed", "roles changed"),
    ("status", "~"): ("status changed", "statuses changed"),
    ("round", "+"): ("new round", "new rounds"),
    ("round", "~"): ("round updated", "rounds updated"),
    ("round", "-"): ("round removed", "rounds removed"),
    ("action", "+"): ("action added", "actions added"),
    ("action", "✔"): ("action done", "actions done"),
    ("action", "~"): ("action open again", "actions open again"),
    ("action", "-"): ("action removed", "actions removed"),
    ("project", "~"): ("project renamed", "project renamed"),
    ("project", "+"): ("skill needed", "skills needed"),
    ("project", "-"): ("skill dropped", "skills dropped"),
    ("other", "~"): ("other details", "other details"),
    ("unreadable", "!"): ("could not be read", "could not be read"),
}


def summary(changes: Sequence[Change]) -> str:
    """What changed in one version, in a few words: ``2 roles changed, new round``."""
    counts: dict[tuple[str, str], int] = {}
    for change in changes:
        counts[(change.kind, change.sign)] = counts.get((change.kind, change.sign), 0) + 1
    parts = []
    for key, n in counts.items():
        one, many = _SUMMARY.get(key, ("change", "changes"))
        parts.append(one if n == 1 else f"{n} {many}")
    return ", ".join(parts)
