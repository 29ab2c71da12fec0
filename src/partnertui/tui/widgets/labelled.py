"""Rows of a label and a value, the value wrapped beside its label.

This is what a two-column Rich grid (``Table.grid(padding=(0, 1))``, labels kept on
one line, values folded) shows, drawn in one pass. A Rich table measures every cell
before it draws any, and the Overview's three panels of them took some 10 ms of
the workbook's first screen; these rows take a fraction of that.
"""

from __future__ import annotations

from rich.console import Console, ConsoleOptions, RenderableType, RenderResult
from rich.measure import Measurement
from rich.segment import Segment
from rich.text import Text

Row = tuple[str | Text, RenderableType]


class Labelled:
    def __init__(self, rows: list[Row] | None = None, *, label_style: str = "") -> None:
        self.rows: list[Row] = rows or []
        self.label_style = label_style

    def add_row(self, label: str | Text, value: RenderableType) -> None:
        self.rows.append((label, value))

    def _labels(self) -> list[Text]:
        return [
            Text(label, style=self.label_style, no_wrap=True) if isinstance(label, str) else label
            for label, _ in self.rows
        ]

    def __rich_console__(self, console: Console, options: ConsoleOptions) -> RenderResult:
        labels = self._labels()
        label_width = max((label.cell_len for label in labels), default=0)
        column = console.get_style(self.label_style)
        blank = Segment(" " * (label_width + 1), column)
        gap = Segment(" ", column)
        value_options = options.update(
            width=max(1, options.max_width - label_width - 1), overflow="fold"
        )
        newline = Segment.line()
        for label, (_, value) in zip(labels, self.rows, strict=True):
            if isinstance(value, str):
                value = Text(value)
            lines = console.render_lines(value, value_options, pad=False) or [[]]
            # Text.render leaves out the text's own style, which Rich's renderers add,
            # also to the blanks that fill the label's column.
            own = column + console.get_style(label.style)
            yield from Segment.apply_style(label.render(console), own)
            yield Segment(" " * (label_width - label.cell_len), own)
            yield gap
            yield from lines[0]
            yield newline
            for line in lines[1:]:
                yield blank
                yield from line
                yield newline

    def __rich_measure__(self, console: Console, options: ConsoleOptions) -> Measurement:
        labels = self._labels()
        label_width = max((label.cell_len for label in labels), default=0)
        values = [Measurement.get(console, options, value) for _, value in self.rows]
        widest = max((m.maximum for m in values), default=0)
        least = max((m.minimum for m in values), default=1)
        return Measurement(label_width + 1 + least, label_width + 1 + widest).clamp(
            max_width=options.max_width
        )
