"""The report as Markdown (CommonMark with GitHub's tables), every user character literal."""

from __future__ import annotations

import re
from collections.abc import Sequence
from datetime import date

from partnertui import analysis
from partnertui.model import Project
from partnertui.report.content import build
from partnertui.report.document import Bullets, Heading, Paragraph, Span, Table, clean

_MD_SPECIAL = re.compile(r"([\\`*_\[\]<>#|~&])")
_MD_LINE_START = re.compile(r"^(\s*)(?:([-+=>])|(\d{1,9})([.)]))")


def md_escape(value: str, *, line_start: bool = True) -> str:
    """``value`` as literal Markdown text: no character in it can start formatting.

    ``line_start``: the text begins a line, where "- ", "1. " or "=" would make a
    list or a heading.
    """
    escaped = _MD_SPECIAL.sub(r"\\\1", clean(value).replace("\n", " "))
    if not line_start:
        return escaped
    return _MD_LINE_START.sub(_escape_marker, escaped, count=1)


def _escape_marker(match: re.Match[str]) -> str:
    space, sign, digits, dot = match.groups()
    return f"{space}\\{sign}" if sign else f"{space}{digits}\\{dot}"


def _md_spans(spans: Sequence[Span], *, line_start: bool = True) -> str:
    out: list[str] = []
    for text, strong in spans:
        if not text:
            continue
        core = text.strip()
        if strong and core:
            # Emphasis markers must touch the text they wrap, so spaces go outside.
            lead = text[: len(text) - len(text.lstrip())]
            trail = text[len(text.rstrip()) :]
            out.append(f"{lead}**{md_escape(core, line_start=line_start and not out)}**{trail}")
        else:
            out.append(md_escape(text, line_start=line_start and not out))
    return "".join(out)


def markdown(project: Project, today: date, figures: analysis.Figures | None = None) -> str:
    """The report as Markdown (CommonMark with GitHub's tables)."""
    lines: list[str] = []
    for block in build(project, today, figures).blocks:
        if isinstance(block, Heading):
            lines += ["#" * block.level + " " + md_escape(block.text), ""]
        elif isinstance(block, Paragraph):
            lines += [_md_spans(block.spans), ""]
        elif isinstance(block, Bullets):
            for text, subs in block.items:
                lines.append("- " + _md_spans(text))
                lines += ["  - " + _md_spans(sub) for sub in subs]
            lines.append("")
        elif isinstance(block, Table):
            lines.append("| " + " | ".join(md_escape(h) for h in block.header) + " |")
            lines.append(
                "|"
                + "|".join(
                    "---:" if i in block.numeric else "---" for i in range(len(block.header))
                )
                + "|"
            )
            for row in block.rows:
                lines.append("| " + " | ".join(_md_spans(c, line_start=False) for c in row) + " |")
            lines.append("")
    return "\n".join(lines).rstrip("\n") + "\n"
