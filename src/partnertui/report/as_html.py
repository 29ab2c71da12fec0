"""The report as one self-contained, printable HTML page: its style and chart inside."""

from __future__ import annotations

import html
from collections.abc import Sequence
from datetime import date

from partnertui import analysis
from partnertui.formatting import score
from partnertui.model import Project
from partnertui.report.content import build
from partnertui.report.document import Bullets, Chart, Heading, Paragraph, Span, Table, clean

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
td.unbroken { white-space: nowrap; }
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
                        f"<td{_cell_class(i, block)}>{_html_spans(c)}</td>"
                        for i, c in enumerate(row)
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


def _cell_class(column: int, table: Table) -> str:
    """A body cell's classes: ``num`` aligns a number, ``unbroken`` keeps it on one line."""
    names = [
        n
        for n, on in (("num", column in table.numeric), ("unbroken", column in table.unbroken))
        if on
    ]
    return f' class="{" ".join(names)}"' if names else ""
