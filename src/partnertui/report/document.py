"""The blocks a report is made of, and the one way user text is made safe for them.

A report is built once as a :class:`Document` (headings, paragraphs, lists, tables,
a chart) and written out in each format from that, so the formats say the same.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

Span = tuple[str, bool]
"""A run of text and whether it is bold."""


def _spans(*parts: str | Span) -> tuple[Span, ...]:
    return tuple((p, False) if isinstance(p, str) else p for p in parts)


def bold(value: str) -> Span:
    return (value, True)


@dataclass(frozen=True)
class Heading:
    level: int
    text: str


@dataclass(frozen=True)
class Paragraph:
    spans: tuple[Span, ...]


@dataclass(frozen=True)
class Bullets:
    items: tuple[tuple[tuple[Span, ...], tuple[tuple[Span, ...], ...]], ...]
    """Each item's text and its sub-items."""


@dataclass(frozen=True)
class Table:
    header: tuple[str, ...]
    rows: tuple[tuple[tuple[Span, ...], ...], ...]
    numeric: frozenset[int] = frozenset()
    """Columns holding numbers, aligned right."""
    unbroken: frozenset[int] = frozenset()
    """Columns whose cells must stay on one line, dates and amounts: a browser breaks a
    narrow column at a hyphen or a space, and "2026-" over "11-15" reads as nothing."""


@dataclass(frozen=True)
class Chart:
    """Ingredient means across rounds; drawn in HTML, where the table beside it says the same."""

    rounds: tuple[str, ...]
    means: tuple[tuple[str, tuple[float | None, ...]], ...]


Block = Heading | Paragraph | Bullets | Table | Chart


@dataclass
class Document:
    """A report's title and its blocks in reading order, ready to write in any format."""

    title: str
    blocks: list[Block] = field(default_factory=list)

    def heading(self, level: int, text: str) -> None:
        self.blocks.append(Heading(level, text))

    def para(self, *parts: str | Span) -> None:
        self.blocks.append(Paragraph(_spans(*parts)))

    def bullets(
        self, items: Iterable[tuple[Sequence[str | Span], Sequence[Sequence[str | Span]]]]
    ) -> None:
        self.blocks.append(
            Bullets(tuple((_spans(*text), tuple(_spans(*s) for s in subs)) for text, subs in items))
        )

    def table(
        self,
        header: Sequence[str],
        rows: Iterable[Sequence[str | Span | Sequence[str | Span]]],
        numeric: Iterable[int] = (),
        unbroken: Iterable[int] = (),
    ) -> None:
        def cell(value: str | Span | Sequence[str | Span]) -> tuple[Span, ...]:
            if isinstance(value, str):
                return _spans(value)
            if isinstance(value, tuple) and len(value) == 2 and isinstance(value[1], bool):
                return _spans(value)  # one bold span
            return _spans(*value)

        self.blocks.append(
            Table(
                tuple(header),
                tuple(tuple(cell(c) for c in row) for row in rows),
                frozenset(numeric),
                frozenset(unbroken),
            )
        )


_BIDI = frozenset("\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069")


def clean(value: str) -> str:
    """``value`` without control characters: tabs become spaces, the rest are dropped.

    Line breaks stay, for the caller to fold. Bidirectional overrides go too, since
    they can make text read in a different order than it was written.
    """
    if value.isprintable():
        return value
    out = []
    for ch in value:
        if ch == "\n":
            out.append(ch)
        elif ch == "\t":
            out.append(" ")
        elif ch in _BIDI or unicodedata.category(ch) in ("Cc", "Cs", "Cn", "Co"):
            continue
        else:
            out.append(ch)
    return "".join(out)
