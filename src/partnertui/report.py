"""The partnership report: one project, as a funder or a partners' meeting reads it.

The report is built once as a short list of blocks (headings, paragraphs, lists,
tables, a chart) from what :mod:`partnertui.analysis` derives, and then written out
as Markdown or as one self-contained HTML page. Building the content once is what
keeps the two formats saying the same thing.

Everything a person typed into the project file is data, never markup: Markdown
escapes every character that would turn into formatting, HTML escapes everything,
and control characters are dropped from both. The HTML fetches nothing: its style
and its chart (inline SVG) are in the page, so it prints and mails as one file.

``today`` is a parameter, never the clock, so a report is reproducible: the same
file and the same day give the same bytes.
"""

from __future__ import annotations

import html
import os
import re
import unicodedata
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from partnertui import analysis
from partnertui.formatting import count, day, direction_symbol, money, score
from partnertui.guidance import (
    CONTRIBUTION_LABELS,
    INGREDIENTS,
    KIND_LABELS,
    ROLES,
    STATUS_LABELS,
)
from partnertui.model import TEAM, Partner, Project, Role, Status
from partnertui.storage import atomic

FORMATS = ("markdown", "html")
SUFFIXES = {".md": "markdown", ".markdown": "markdown", ".html": "html", ".htm": "html"}
"""File name endings the format can be told from."""

# -- the blocks a report is made of -----------------------------------------------

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
            )
        )


# -- what the report says -----------------------------------------------------------

ROLE_ORDER: tuple[Role | None, ...] = (*reversed(Role), None)
"""Most involved first, as a funder asks "who shares the lead?" before "who helps?"."""
NO_ROLE = "No role yet"
YES, WARN = "✔", "⚠"


def _one_line(value: str) -> str:
    return " ".join(clean(value).split())


def _paragraphs(value: str) -> list[str]:
    """Blank lines separate paragraphs; single line breaks were only wrapping."""
    text = clean(value).replace("\r\n", "\n")
    return [" ".join(block.split()) for block in text.split("\n\n") if block.strip()]


def _names(partners: Iterable[Partner]) -> str:
    # Names may hold commas ("Police Service, Liaison Unit"), so they are kept apart by ";".
    return "; ".join(_one_line(p.name) for p in partners)


def _role_label(role: Role | None) -> str:
    return ROLES[role].label if role is not None else NO_ROLE


def build(project: Project, today: date, figures: analysis.Figures | None = None) -> Document:
    """The report's content, whichever format it is written in.

    ``figures``: the project's figures where they were worked out already (the
    workbook has them); otherwise they are worked out here.
    """
    figures = figures if figures is not None else analysis.Figures(project)
    doc = Document(_one_line(project.project.name))
    doc.heading(1, doc.title)
    doc.para(f"Partnership report, prepared {day(today)}.")
    _summary(doc, project, figures)
    _roles(doc, project, figures)
    _choosing(doc, project, figures)
    _health(doc, project, figures)
    _actions(doc, project, today)
    return doc


def _summary(doc: Document, project: Project, figures: analysis.Figures) -> None:
    info = project.project
    doc.heading(2, "The project")
    if info.issue:
        doc.para(bold("The issue: "), _one_line(info.issue))
    for paragraph in _paragraphs(info.description):
        doc.para(paragraph)
    facts: list[tuple[Sequence[str | Span], Sequence[Sequence[str | Span]]]] = []
    if info.lead_organization:
        facts.append(((bold("Lead organization: "), _one_line(info.lead_organization)), ()))
    if info.community:
        facts.append(((bold("Community: "), _one_line(info.community)), ()))
    if info.start or info.end:
        facts.append(((bold("Runs: "), f"{day(info.start)} to {day(info.end)}"), ()))
    facts.append(((bold("Youth project: "), "yes" if info.youth_oriented else "no"), ()))
    statuses = figures.status_counts
    by_status = ", ".join(f"{n} {STATUS_LABELS[s].lower()}" for s, n in statuses.items() if n)
    partners = count(len(project.partners), "partner")
    facts.append(
        ((bold("Partners: "), f"{partners}" + (f" ({by_status})" if by_status else "")), ())
    )
    totals = figures.roles.overall
    facts.append(
        (
            (
                bold("Contributions: "),
                f"{money(totals.total, info.currency)} in all: "
                f"{money(totals.financial, info.currency)} financial, "
                f"{money(totals.in_kind, info.currency)} in kind",
            ),
            (),
        )
    )
    doc.bullets(facts)


def _contribution(partner: Partner, currency: str) -> list[str]:
    out = []
    for c in partner.contributions:
        words = CONTRIBUTION_LABELS[c.kind]
        if c.description:
            words += f": {_one_line(c.description)}"
        if c.value is not None:
            words += f" ({money(c.value, currency)})"
        out.append(words)
    return out


def _roles(doc: Document, project: Project, figures: analysis.Figures) -> None:
    currency = project.project.currency
    groups = {role: list(group.partners) for role, group in figures.roles.groups.items()}
    totals = {role: group.totals for role, group in figures.roles.groups.items()}
    doc.heading(2, "Partners by role")
    if not project.partners:
        doc.para("No partners are recorded yet.")
        return
    for role in ROLE_ORDER:
        partners = groups[role]
        if not partners:
            continue
        doc.heading(3, f"{_role_label(role)} ({len(partners)})")
        if role is not None:
            doc.para(ROLES[role].summary)
        else:
            doc.para("These partners have not been given a role yet.")
        items = []
        for p in partners:
            facts = [KIND_LABELS[p.kind].lower(), STATUS_LABELS[p.status].lower()]
            if p.relationship == "former":
                facts.append("former partner")
            subs: list[list[str | Span]] = []
            if p.responsibilities:
                subs.append(
                    [
                        bold("Responsibilities: "),
                        "; ".join(_one_line(r) for r in p.responsibilities),
                    ]
                )
            if p.contributions:
                subs.append([bold("Gives: "), "; ".join(_contribution(p, currency))])
            items.append(((bold(_one_line(p.name)), f" ({', '.join(facts)})"), subs))
        doc.bullets(items)
    doc.heading(3, "Contributions by role")
    rows = []
    for role in ROLE_ORDER:
        t = totals[role]
        if t.partners:
            rows.append(
                (
                    _role_label(role),
                    str(t.partners),
                    money(t.financial, currency),
                    money(t.in_kind, currency),
                    money(t.total, currency),
                )
            )
    overall = figures.roles.overall
    rows.append(
        tuple(
            bold(v)
            for v in (
                "All partners",
                str(overall.partners),
                money(overall.financial, currency),
                money(overall.in_kind, currency),
                money(overall.total, currency),
            )
        )
    )
    doc.table(("Role", "Partners", "Financial", "In kind", "Total"), rows, numeric=(1, 2, 3, 4))
    doc.para(
        "Financial means money; everything else (space, equipment, volunteer time, advice "
        "and the like) is given in kind. Contributions recorded without a value are listed "
        "above but not counted."
    )


def _choosing(doc: Document, project: Project, figures: analysis.Figures) -> None:
    doc.heading(2, "Choosing partners")
    doc.para("Only invited and confirmed partners count here; candidates are not yet asked.")
    items = []
    for c in figures.considerations:
        if c.ok:
            answer = f"Yes: {_names(c.partners)}." if c.partners else "Yes."
            if c.key == "skills" and not project.project.skills_needed:
                answer = "The project lists no skills it needs yet."
            items.append(((f"{YES} ", bold(c.question), " ", answer), ()))
        else:
            subs = [[f"Partners who answer it: {_names(c.partners)}."]] if c.partners else []
            items.append(((f"{WARN} ", bold(c.question), " ", f"{c.warning}."), subs))
    doc.bullets(items)
    doc.heading(3, "Skills still missing")
    missing = analysis.missing_skills(project)
    if missing:
        candidates = [p for p in project.partners if p.status == Status.CANDIDATE]
        items = []
        for skill in missing:
            offer = [
                p
                for p in analysis.by_name(candidates)
                if skill.casefold() in {s.casefold() for s in p.skills}
            ]
            note = f" (the candidate {_names(offer)} brings it)" if offer else ""
            items.append(((_one_line(skill), note), ()))
        doc.bullets(items)
    elif project.project.skills_needed:
        doc.para("None: every skill the project needs is brought by a partner.")
    else:
        doc.para("The project lists no skills it needs yet.")


def _change(stats: analysis.IngredientStats) -> str:
    if stats.change is None or stats.direction is None:
        return "—"
    if stats.direction == "same":
        return f"{direction_symbol('same')} same"
    return f"{direction_symbol(stats.direction)} {stats.change:+.1f}"


def _health(doc: Document, project: Project, figures: analysis.Figures) -> None:
    doc.heading(2, "How the partnership is working")
    infos = figures.rounds
    if not infos:
        doc.para(
            "No assessment round yet. Partners score the eleven ingredients of a healthy "
            "partnership from 1 (absent) to 5 (strong), together or each on their own."
        )
        return
    latest = infos[-1]
    stats = figures.round_stats(latest.name)
    partners = [r for r in latest.respondents if r != TEAM]
    who = count(len(partners), "partner")
    if TEAM in latest.respondents:
        who += " and the team's agreed scores"
    doc.para(
        "Latest round: ",
        bold(_one_line(latest.name)),
        f", from {day(latest.date)}, answered by {who}.",
    )
    if len(infos) > 1:
        doc.para(
            "Change is measured against the round before, ",
            bold(_one_line(infos[-2].name)),
            f" ({day(infos[-2].date)}).",
        )
    doc.para(
        "Scores run from 1 (absent) to 5 (strong). A mean of 4.0 or more is a strength, "
        "3.0 to 3.9 borderline, below 3.0 a concern. Scores 2 or more apart mean "
        "partners see it differently, which is worth talking about."
    )
    rows = []
    for ingredient, s in stats.ingredients.items():
        shown_band = (
            f"{analysis.BAND_SYMBOLS[s.band]} {s.band}" if s.band is not None else "not scored"
        )
        spread = (
            f"{s.low}–{s.high}"
            if s.low is not None and s.low != s.high
            else (str(s.low) if s.low is not None else "—")
        )
        rows.append(
            (
                INGREDIENTS[ingredient].label,
                score(s.mean),
                shown_band,
                spread,
                f"{WARN} yes" if s.disagreement else "",
                _change(s),
            )
        )
    doc.table(
        ("Ingredient", "Mean", "Band", "Scores", "Views differ", "Change"), rows, numeric=(1,)
    )
    if stats.overall is not None:
        doc.para(
            bold("Overall: "),
            f"{score(stats.overall)} {analysis.band(stats.overall)} "
            "(the mean of the ingredient means).",
        )
    if stats.weakest:
        weakest = ", ".join(
            f"{INGREDIENTS[i].label} ({score(stats.ingredients[i].mean)})" for i in stats.weakest
        )
        doc.para(bold("Weakest: "), weakest + ".")
    disputed = stats.disputed
    if disputed:
        doc.para(
            bold("Partners see differently: "),
            ", ".join(
                f"{INGREDIENTS[i].label} ({stats.ingredients[i].low} to "
                f"{stats.ingredients[i].high})"
                for i in disputed
            )
            + ".",
        )
    doc.heading(3, "Scores across rounds")
    names = tuple(_one_line(r.name) for r in infos)
    doc.table(
        ("Ingredient", *names),
        (
            (INGREDIENTS[i].label, *(score(v) for v in s.trend))
            for i, s in stats.ingredients.items()
        ),
        numeric=range(1, len(names) + 1),
    )
    doc.blocks.append(
        Chart(
            names,
            tuple((INGREDIENTS[i].label, tuple(s.trend)) for i, s in stats.ingredients.items()),
        )
    )


def _actions(doc: Document, project: Project, today: date) -> None:
    doc.heading(2, "Actions to strengthen the partnership")
    if not project.actions:
        doc.para("No actions are recorded yet.")
        return
    open_, done, overdue = analysis.action_counts(project, today)
    summary = f"{count(len(project.actions), 'action')}: {open_} open"
    if overdue:
        summary += f" ({WARN} {overdue} overdue on {day(today)})"
    doc.para(summary + f", {done} done.")
    rows = []
    for action in project.actions:
        if action.done:
            continue
        owner = project.partner(action.owner) if action.owner else None
        rows.append(
            (
                bold(f"{WARN} overdue") if analysis.is_overdue(action, today) else "open",
                _one_line(action.text),
                INGREDIENTS[action.ingredient].label if action.ingredient else "—",
                _one_line(owner.name) if owner else "—",
                day(action.due),
            )
        )
    if rows:
        doc.table(("State", "Action", "Ingredient", "Owner", "Due"), rows)
    else:
        doc.para("Every action is done.")


# -- making user text safe ----------------------------------------------------------

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


# -- Markdown -----------------------------------------------------------------------


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


# -- HTML ---------------------------------------------------------------------------

STYLE = """
:root { color-scheme: light; }
body { font-family: system-ui, -apple-system, "Segoe UI", Roboto, sans-serif;
  max-width: 52rem; margin: 2rem auto; padding: 0 1rem; line-height: 1.45; color: #1b1b1b; }
h1 { font-size: 1.8rem; margin-bottom: 0.2rem; }
h2 { font-size: 1.35rem; border-bottom: 2px solid #2c5d8a; padding-bottom: 0.2rem;
  margin-top: 2rem; break-after: avoid; }
h3 { font-size: 1.1rem; margin-top: 1.4rem; break-after: avoid; }
ul { padding-left: 1.3rem; }
li { margin: 0.2rem 0; }
table { border-collapse: collapse; margin: 0.6rem 0 1rem; width: 100%; break-inside: avoid; }
th, td { border: 1px solid #b8c2cc; padding: 0.25rem 0.5rem; text-align: left;
  vertical-align: top; }
th { background: #e8eef4; }
td.num, th.num { text-align: right; font-variant-numeric: tabular-nums; }
figure { margin: 1rem 0; break-inside: avoid; }
figcaption { font-size: 0.9rem; color: #444; }
svg { max-width: 100%; height: auto; }
@media print {
  body { margin: 0; max-width: none; font-size: 10.5pt; }
  h2 { break-before: auto; }
  a { color: inherit; text-decoration: none; }
}
""".strip()

CHART_COLOURS = ("#9ecae1", "#6baed6", "#4292c6", "#2171b5", "#08519c", "#08306b")
"""Blues from light to dark: older rounds paler, readable in greyscale print too."""


def _html_text(value: str) -> str:
    return html.escape(clean(value).replace("\n", " "), quote=True)


def _html_spans(spans: Sequence[Span]) -> str:
    return "".join(
        f"<strong>{_html_text(text)}</strong>" if strong else _html_text(text)
        for text, strong in spans
        if text
    )


def _chart_svg(chart: Chart) -> str:
    """Grouped horizontal bars, one per round for each ingredient, with the value written."""
    label_w, bar_w, bar_h, gap = 190, 380, 9, 8
    rounds = len(chart.rounds)
    legend_h = 18 * ((rounds + 2) // 3) + 8
    axis_h = 18
    group_h = rounds * bar_h + gap
    width = label_w + bar_w + 60
    height = legend_h + axis_h + group_h * len(chart.means) + 4
    colours = [CHART_COLOURS[-1]] if rounds == 1 else _colours(rounds)

    def x(value: float) -> float:
        return label_w + bar_w * value / 5

    out = [
        f'<svg viewBox="0 0 {width} {height}" width="{width}" height="{height}" '
        'role="img" aria-labelledby="chart-title" font-family="sans-serif" font-size="11">',
        '<title id="chart-title">Ingredient means in each round, on the 1 to 5 scale</title>',
    ]
    for n, name in enumerate(chart.rounds):
        lx = label_w + (n % 3) * 140
        ly = 4 + 18 * (n // 3)
        out.append(
            f'<rect x="{lx}" y="{ly}" width="12" height="10" fill="{colours[n]}"/>'
            f'<text x="{lx + 16}" y="{ly + 9}">{_html_text(_clip(name, 20))}</text>'
        )
    top = legend_h + axis_h
    out.append(
        f'<line x1="{label_w}" y1="{top - 4}" x2="{label_w}" y2="{height - 2}" stroke="#555"/>'
    )
    for tick in range(1, 6):
        tx = x(tick)
        dash = ' stroke-dasharray="3 3"' if tick in (3, 4) else ""
        out.append(
            f'<line x1="{tx:.1f}" y1="{top - 4}" x2="{tx:.1f}" y2="{height - 2}" '
            f'stroke="#b8c2cc"{dash}/>'
            f'<text x="{tx:.1f}" y="{top - 7}" text-anchor="middle">{tick}</text>'
        )
    for g, (label, values) in enumerate(chart.means):
        gy = top + g * group_h
        out.append(
            f'<text x="{label_w - 8}" y="{gy + rounds * bar_h / 2 + 4:.1f}" '
            f'text-anchor="end">{_html_text(label)}</text>'
        )
        for n, value in enumerate(values):
            by = gy + n * bar_h
            if value is None:
                out.append(
                    f'<text x="{label_w + 4}" y="{by + bar_h - 1}" font-size="8" '
                    f'fill="#555">not scored</text>'
                )
                continue
            end = x(value)
            out.append(
                f'<rect x="{label_w}" y="{by}" width="{end - label_w:.1f}" '
                f'height="{bar_h - 1}" fill="{colours[n]}"/>'
                f'<text x="{end + 4:.1f}" y="{by + bar_h - 1}" font-size="8">{score(value)}</text>'
            )
    out.append("</svg>")
    return "\n".join(out)


def _colours(rounds: int) -> list[str]:
    """``rounds`` shades spread across the palette, the newest round the darkest."""
    last = len(CHART_COLOURS) - 1
    return [CHART_COLOURS[round(n * last / (rounds - 1))] for n in range(rounds)]


def _clip(value: str, width: int) -> str:
    return value if len(value) <= width else value[: width - 1] + "…"


def to_html(project: Project, today: date, figures: analysis.Figures | None = None) -> str:
    """The report as one self-contained, printable HTML page."""
    doc = build(project, today, figures)
    body: list[str] = []
    for block in doc.blocks:
        if isinstance(block, Heading):
            body.append(f"<h{block.level}>{_html_text(block.text)}</h{block.level}>")
        elif isinstance(block, Paragraph):
            body.append(f"<p>{_html_spans(block.spans)}</p>")
        elif isinstance(block, Bullets):
            body.append("<ul>")
            for text, subs in block.items:
                inner = "".join(f"<li>{_html_spans(s)}</li>" for s in subs)
                body.append(
                    f"<li>{_html_spans(text)}" + (f"<ul>{inner}</ul>" if inner else "") + "</li>"
                )
            body.append("</ul>")
        elif isinstance(block, Table):
            body.append("<table>")
            body.append(
                "<thead><tr>"
                + "".join(
                    f'<th{_num(i, block)} scope="col">{_html_text(h)}</th>'
                    for i, h in enumerate(block.header)
                )
                + "</tr></thead>"
            )
            body.append("<tbody>")
            for row in block.rows:
                body.append(
                    "<tr>"
                    + "".join(
                        f"<td{_num(i, block)}>{_html_spans(c)}</td>" for i, c in enumerate(row)
                    )
                    + "</tr>"
                )
            body.append("</tbody></table>")
        elif isinstance(block, Chart):
            body.append("<figure>")
            body.append(_chart_svg(block))
            body.append(
                "<figcaption>Each bar is an ingredient's mean in one round; dashed lines "
                "mark 3 (borderline) and 4 (strength).</figcaption>"
            )
            body.append("</figure>")
    return (
        "<!DOCTYPE html>\n"
        '<html lang="en">\n<head>\n<meta charset="utf-8">\n'
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        '<meta name="generator" content="partnertui">\n'
        f"<title>{_html_text(doc.title)} — partnership report</title>\n"
        f"<style>\n{STYLE}\n</style>\n</head>\n<body>\n<main>\n"
        + "\n".join(body)
        + "\n</main>\n</body>\n</html>\n"
    )


def _num(column: int, table: Table) -> str:
    return ' class="num"' if column in table.numeric else ""


# -- choosing a format and writing a file ---------------------------------------------


def render(
    project: Project, today: date, format: str, figures: analysis.Figures | None = None
) -> str:
    """The report in ``format`` ("markdown" or "html")."""
    if format == "html":
        return to_html(project, today, figures)
    if format == "markdown":
        return markdown(project, today, figures)
    raise ValueError(f"unknown report format {format!r}")


def format_for(path: str | os.PathLike[str]) -> str | None:
    """The format a file name asks for by its ending; ``None`` when it says nothing."""
    return SUFFIXES.get(Path(path).suffix.lower())


class ReportWriteError(Exception):
    """A report that could not be written, in plain words."""


def write(text: str, path: str | os.PathLike[str]) -> Path:
    """Write ``text`` to ``path`` all at once: readers see the old file or the new one."""
    target = Path(path)
    folder = target.parent
    if not folder.is_dir():
        raise ReportWriteError(f"The folder {folder} does not exist; nothing was written.")
    if target.is_dir():
        raise ReportWriteError(f"{target} is a folder; give a file name ending in .html or .md.")
    try:
        atomic.write(target, text.encode("utf-8"))
    except PermissionError:
        raise ReportWriteError(
            f"partnertui is not allowed to write {target}; nothing was written."
        ) from None
    except OSError as error:
        raise ReportWriteError(
            f"{target} could not be written ({error.strerror or error}); nothing was written."
        ) from None
    return target
