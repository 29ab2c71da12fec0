"""The by-group view of a round: each ingredient's mean for each group of partners.

A partnership can look healthy on average while the community groups in it score
shared decision-making far below the agencies do. This table puts the groups side
by side for one way of grouping (a dimension: kind, role, youth, most affected, or
an anonymous round's own groups), and the lines under it say the largest gaps in
words. Every number comes from ``Figures.group_view``; a group with too few answers
is shown as hidden, never as a mean.
"""

from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.widgets import Static

from partnertui import analysis
from partnertui.formatting import MISSING
from partnertui.guidance import INGREDIENTS
from partnertui.tui.display import plain, text
from partnertui.tui.widgets.band import score_text
from partnertui.tui.widgets.score_sheet import LABEL_WIDTH
from partnertui.tui.widgets.table import PADDING, ListTable

HIDDEN_CELL = "hidden"
SHOWN_GAPS = 3


def _column_label(label: str, width: int) -> str:
    label = plain(label)
    return label if len(label) <= width else label[: width - 1] + "…"


def group_cell(result: analysis.GroupResult | None) -> Text:
    """A group's mean with its band symbol, "hidden", or a dash where nobody scored."""
    if result is None or (result.count == 0 and not result.hidden):
        return Text(MISSING, style="dim")
    if result.hidden or result.mean is None:
        return Text(HIDDEN_CELL, style="dim italic")
    return score_text(result.mean, word=False)


class GroupTable(ListTable):
    """Ingredients down the side, the chosen dimension's groups across; Enter chooses
    whose scores to enter, as on the health table."""

    BINDINGS = [Binding("enter", "select_cursor", "Score")]

    def show(self, dimension: analysis.Dimension) -> None:
        """Draw ``dimension``, keeping the cursor where it was; the groups share the
        width the ingredients leave (their names in full are in the line above)."""
        row = self.cursor_row
        self.clear(columns=True)
        self.add_column("Ingredient", key="ingredient", width=LABEL_WIDTH)
        room = (self.size.width or 80) - LABEL_WIDTH - 2 * PADDING
        width = max(room // max(len(dimension.groups), 1) - 2 * PADDING, len(HIDDEN_CELL))
        for group in dimension.groups:
            label = _column_label(group.short or group.label, width)
            self.add_column(label, key=group.key, width=max(len(label), len(HIDDEN_CELL)))
        for ingredient, guide in INGREDIENTS.items():
            self.add_row(
                guide.label,
                *(group_cell(group.results.get(ingredient)) for group in dimension.groups),
                key=ingredient.value,
            )
        self.move_cursor(row=max(row, 0))


class GroupPane(Vertical):
    """The by-group view: which grouping, the table, the gaps in words."""

    DEFAULT_CSS = """
    GroupPane > Static { height: auto; padding: 0 1; }
    GroupPane > GroupTable { height: auto; max-height: 100%; }
    """

    def compose(self) -> ComposeResult:
        yield Static(id="group-head", markup=False)
        yield GroupTable(id="group-table")
        yield Static(id="group-gaps", markup=False)

    def show(self, view: analysis.GroupView, key: str | None) -> str | None:
        """Draw the dimension ``key`` of ``view`` (its first when ``key`` is not one);
        the key drawn, ``None`` when the round gives no grouping at all."""
        keys = [d.key for d in view.dimensions]
        head, gaps = self.query_one("#group-head", Static), self.query_one("#group-gaps", Static)
        if not keys:
            head.update(Text("Nobody in this round can be put in a group yet.", style="italic"))
            gaps.update("")
            return None
        dimension = view.dimensions[keys.index(key) if key in keys else 0]
        head.update(dimension_line(view, dimension))
        self.query_one(GroupTable).show(dimension)
        gaps.update(gaps_text(view, dimension))
        return dimension.key


def dimension_line(view: analysis.GroupView, dimension: analysis.Dimension) -> Text:
    """Which grouping is shown, what the groups are called in full, how to change it and
    how to leave (the footer has no room for c and b at 80 columns)."""
    line = Text()
    label = plain(dimension.label)
    line.append(label[:1].upper() + label[1:], style="bold")
    if dimension.groups:
        line.append(" — ")
        line.append_text(text(", ".join(g.label for g in dimension.groups)))
    keys = (["c regroups"] if len(view.dimensions) > 1 else []) + ["b goes back"]
    line.append("   " + " · ".join(keys), style="dim")
    return line


def gaps_text(view: analysis.GroupView, dimension: analysis.Dimension) -> Text:
    """The largest gaps between groups in this dimension, in words, and what hidden means."""
    gaps = [g for g in view.gaps if g.dimension == dimension.key]
    out = Text()
    if not dimension.groups:
        out.append("Nobody in this round can be put in a group of this kind.", style="dim")
    elif gaps:
        out.append("Largest gaps:", style="bold")
        for gap in gaps[:SHOWN_GAPS]:
            out.append("\n• ")
            out.append_text(text(gap.sentence))
    else:
        out.append("No gap between groups to show in this round.", style="dim")
    if any(r.hidden for g in dimension.groups for r in g.results.values()):
        out.append(f"\n{HIDDEN_CELL}: ", style="italic")
        out.append(analysis.HIDDEN_WORDS, style="italic")
    return out


def biggest_gap_line(view: analysis.GroupView) -> Text:
    """The one largest gap of any grouping, for the health view; empty when there is none."""
    if not view.gaps:
        return Text()
    line = Text("\nBiggest gap: ", style="bold")
    line.append_text(text(view.gaps[0].brief))
    return line
