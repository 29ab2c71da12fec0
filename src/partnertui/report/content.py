"""What the report says: the project, its partners by role, the questions for choosing
partners, the latest assessment round and the open actions, from the project's figures."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from datetime import date

from partnertui import analysis
from partnertui.formatting import count, day, direction_symbol, money, score
from partnertui.guidance import (
    CONTRIBUTION_LABELS,
    INGREDIENTS,
    KIND_LABELS,
    ROLES,
    STATUS_LABELS,
)
from partnertui.model import TEAM, Ingredient, Partner, Project, Role, Status
from partnertui.report.document import Chart, Document, Span, bold, clean

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
    doc.table(
        ("Role", "Partners", "Financial", "In kind", "Total"),
        rows,
        numeric=(1, 2, 3, 4),
        unbroken=(2, 3, 4),
    )
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
    how = "anonymously " if project.is_anonymous_round(latest.name) else ""
    doc.para(
        "Latest round: ",
        bold(_one_line(latest.name)),
        f", from {day(latest.date)}, answered {how}by {who}.",
    )
    rates = [
        f"{_one_line(info.name)} answered {t.answered_count} of {len(t.invited)}"
        for info in infos
        if (t := figures.turnout(info.name)).recorded
    ]
    if rates:  # only where questionnaires went out: a count of who was asked
        doc.para(bold("Questionnaires: "), "; ".join(rates) + ".")
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
    if stats.hidden:
        doc.para(
            bold("Not shown: "),
            f"{_one_line(latest.name)} has too few answers: {_hidden_words(project, latest.name)}.",
        )
    else:
        _latest_scores(doc, project, figures, stats)
    _trends(doc, infos, stats)


def _hidden_words(project: Project, round_name: str) -> str:
    least = analysis.minimum_to_show(project, round_name)
    return f"{analysis.HIDDEN_WORDS} (results are shown from {count(least, 'answer')})"


def _latest_scores(
    doc: Document, project: Project, figures: analysis.Figures, stats: analysis.RoundStats
) -> None:
    rows = []
    for ingredient, s in stats.ingredients.items():
        shown_band = (
            f"{analysis.BAND_SYMBOLS[s.band]} {s.band}"
            if s.band is not None
            else "too few answers"
            if s.hidden
            else "not scored"
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
    headings: tuple[str, ...] = ("Ingredient", "Mean", "Band", "Scores", "Views differ", "Change")
    if any(s.dont_know for s in stats.ingredients.values()):
        # Answers, not blanks: counted beside the mean, never in it.
        headings += ("Don't know",)
        rows = [
            (*row, str(s.dont_know) if s.dont_know else "")
            for row, s in zip(rows, stats.ingredients.values(), strict=True)
        ]
    doc.table(headings, rows, numeric=(1,))
    if any(s.hidden for s in stats.ingredients.values()):
        doc.para(
            bold("Too few answers: "),
            f"where an ingredient says so, there are {_hidden_words(project, stats.round)}.",
        )
    if stats.overall is not None:
        overall = f"{score(stats.overall)} {analysis.band(stats.overall)}"
        if stats.scored == len(Ingredient):
            overall += " (the mean of the ingredient means)"
        else:  # a mean of a few says less than one of all eleven
            overall += (
                f", from {stats.scored} of {len(Ingredient)} ingredients (the mean of their means)"
            )
        doc.para(bold("Overall: "), overall + ".")
    if stats.weakest:
        weakest = ", ".join(
            f"{INGREDIENTS[i].label} ({score(stats.ingredients[i].mean)})" for i in stats.weakest
        )
        doc.para(bold("Weakest: "), weakest + ".")
    elif stats.lowest is not None:  # every ingredient scored is a strength
        mean = score(stats.ingredients[stats.lowest].mean)
        doc.para(
            bold("No weak ingredients: "),
            "every ingredient scored is a strength; the lowest is "
            f"{INGREDIENTS[stats.lowest].label} ({mean}).",
        )
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
    _groups(doc, figures.group_view(stats.round))
    _comments(doc, project, figures, stats)


def _groups(doc: Document, view: analysis.GroupView) -> None:
    """The widest gaps between groups, in words: where partners' experience differs."""
    if not view.gaps:
        return
    doc.heading(3, "Where groups of partners see it differently")
    doc.bullets([((gap.sentence + ".",), ()) for gap in view.gaps[:GAPS_SHOWN]])


GAPS_SHOWN = 3


def _comments(
    doc: Document, project: Project, figures: analysis.Figures, stats: analysis.RoundStats
) -> None:
    """What respondents wrote on the weakest ingredients: the why behind a low score."""
    said = [(i, figures.comments(stats.round, i)) for i in stats.weakest]
    said = [(i, c) for i, c in said if c]
    if not said:
        return
    doc.heading(3, "What partners said about the weakest ingredients")
    for ingredient, comments in said:
        doc.para(bold(INGREDIENTS[ingredient].label))
        doc.bullets([((bold(_one_line(c.who) + ": "), _one_line(c.text)), ()) for c in comments])


def _trends(doc: Document, infos: list[analysis.RoundInfo], stats: analysis.RoundStats) -> None:
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
        doc.table(("State", "Action", "Ingredient", "Owner", "Due"), rows, unbroken=(0, 4))
    else:
        doc.para("Every action is done.")
