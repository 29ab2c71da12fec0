"""Putting partners' answers into the project: first a plan, then one safe write.

Answers come from response files and CSV exports (read elsewhere, into
:class:`~partnertui.survey.answers.Answers`). :func:`make_plan` checks all of them
against the project before anything happens: the round each belongs to, that each
respondent is a partner, that nobody answers twice, that nobody who already
answered is overwritten unless asked. Either every answer fits, or the import is
refused with one message that says where (:class:`ImportRefused`). The plan says in
words what will change (:func:`describe`), and :func:`apply` writes it through
storage, as the workbook saves: holding the file's lock while it writes, refusing
when someone has the file open, never overwriting a change made meanwhile.

Answers to an anonymous round lose whatever would tie them to a partner on the way
in (:mod:`partnertui.survey.anonymity`), and the plan says so in counts, naming no
one.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from pathlib import Path

from partnertui import storage
from partnertui.formatting import count
from partnertui.guidance import INGREDIENTS, SCALE
from partnertui.model import ANONYMOUS, TEAM, Assessment, Project, Round, group_choices
from partnertui.storage import lock as locks
from partnertui.storage.problems import printable
from partnertui.storage.session import holding_lock
from partnertui.survey import anonymity
from partnertui.survey.answers import Answers
from partnertui.survey.response_file import Response


class ImportRefused(Exception):
    """Input the import will not take; the message says which file, row or line."""


@dataclass(frozen=True)
class Change:
    """One respondent's answers, as they will be written."""

    answers: Answers
    """With its round and date settled."""
    who: str
    """The respondent in words: "Riverside Youth Centre (riverside-youth-centre)"."""
    replaces: Assessment | None = None
    not_invited: bool = False
    anonymous: bool = False
    """It goes into an anonymous round: it names nobody."""
    named: bool = False
    """An anonymous answer that arrived with a partner's name, taken off."""
    keyed: bool = True
    """An anonymous answer whose respondent comes from its token or response id, so
    importing it again is noticed; a random one would be taken for another answer."""


@dataclass
class Plan:
    """Everything an import will change in one project file."""

    path: Path
    changes: list[Change] = field(default_factory=list)
    started: list[Round] = field(default_factory=list)
    """Rounds the project did not have, started by this import."""
    unchanged: list[Answers] = field(default_factory=list)
    """Answers the project holds already, the same: imported before, passed over."""
    start: dt.date | None = None
    """The project's start: an answer dated before it is flagged in the plan, as a
    date read the wrong way round (05/11 for the 11th of May) most often shows."""

    def edit_name(self) -> str:
        """What the import is called as one step of the workbook's edit history:
        "import 5 responses to the round “Spring 2026”"."""
        rounds = [
            f"“{printable(_short(name))}”"
            for name in dict.fromkeys(str(c.answers.round) for c in self.changes)
        ]
        if len(rounds) == 1:
            where = f"the round {rounds[0]}"
        elif len(rounds) == 2:
            where = f"the rounds {rounds[0]} and {rounds[1]}"
        else:
            where = f"{len(rounds)} rounds"
        return f"import {count(len(self.changes), 'response')} to {where}"


# -- rounds -----------------------------------------------------------------------------


def round_names(project: Project) -> list[str]:
    """The project's rounds: those with a record, then those known only by responses."""
    names = [r.name for r in project.rounds]
    for assessment in project.assessments:
        if assessment.round not in names:
            names.append(assessment.round)
    return names


def _settle_response_round(project: Project, response: Response) -> str:
    """The round a response file goes into, or why it belongs to no round here."""
    answers = response.answers
    assert answers.round is not None
    named = next((r for r in project.rounds if r.name == answers.round), None)
    if named is not None and named.code and named.code == answers.round_code:
        return named.name
    if named is None and answers.round not in round_names(project):
        reason = "this project has no such round"
    elif named is None or not named.code:
        reason = "this project sent out no questionnaire for that round"
    else:
        reason = "its round code is not this round's"
    raise ImportRefused(
        f'{printable(answers.source)}: this response is for round "{printable(answers.round)}" '
        f'of project "{printable(response.project)}", not of this project ({reason})'
    )


# -- the plan ---------------------------------------------------------------------------


def make_plan(
    path: Path,
    project: Project,
    responses: list[Response],
    rows: list[Answers],
    *,
    round_name: str | None,
    replace: bool,
    today: dt.date,
    responses_in_round: bool = True,
) -> Plan:
    """What importing ``responses`` (from response files) and ``rows`` (from CSV
    exports, into ``round_name``) into ``project`` will change; raises
    :class:`ImportRefused` naming every answer that does not fit.

    On the command line ``--round`` names the round of every answer given, and a
    response file for another round is taken for a mistake (``responses_in_round``);
    the workbook's round is where a CSV's rows go, and a response file goes into
    the round it names."""
    plan = Plan(path, start=project.project.start)
    settled: list[Answers] = []
    for response in responses:
        answers = response.answers
        name = _settle_response_round(project, response)
        if responses_in_round and round_name is not None and name != round_name:
            raise ImportRefused(
                f'{printable(answers.source)} answers round "{printable(name)}", but --round '
                f'says "{printable(round_name)}"; leave --round out for response files'
            )
        if response.anonymous and not project.is_anonymous_round(name):
            raise ImportRefused(
                f"{printable(answers.source)} is an anonymous response, but round "
                f'"{printable(name)}" is not anonymous, so it cannot take an answer without '
                "a name; nothing was written"
            )
        settled.append(_with(answers, round=name, date=answers.date or today))
    if rows:
        assert round_name is not None, "the command settles the round of CSV rows"
        settled += [_with(a, round=round_name) for a in rows]
        if round_name not in round_names(project):
            first = min(a.date or today for a in rows)
            plan.started.append(Round(name=round_name, date=first))
    made = _anonymized(project, settled)
    settled = [answers for answers, _ in made]
    _refuse_unknown_partners(project, settled)
    _refuse_twice(settled)
    existing = {(a.round, a.respondent): a for a in project.assessments}
    changed = []
    for answers, stripped in made:
        old = existing.get((answers.round, answers.respondent))
        if _held(old, answers, stripped is not None):
            plan.unchanged.append(answers)
        else:
            changed.append((answers, stripped))
    made = changed
    already = [a for a, _ in made if (a.round, a.respondent) in existing]
    if already and not replace:
        lines = [
            f'  {printable(a.respondent)} already answered round "{printable(str(a.round))}" '
            f"on {existing[(a.round, a.respondent)].date}, otherwise than "
            f"{printable(a.source)} says"
            for a in already
        ]
        passed = f" ({count(len(plan.unchanged), 'answer')} already imported, unchanged)"
        raise ImportRefused(
            "these respondents have answered already, and differently; nothing was written"
            + (passed if plan.unchanged else "")
            + ":\n"
            + "\n".join(lines)
            + "\nAdd --replace to put the new answers in place of the old ones."
        )
    records = {r.name: r for r in project.rounds}
    for answers, stripped in made:
        record = records.get(str(answers.round))
        replaces = existing.get((str(answers.round), answers.respondent))
        if stripped is not None:
            plan.changes.append(
                Change(
                    answers,
                    "an anonymous answer",
                    replaces=replaces,
                    anonymous=True,
                    named=stripped.named,
                    keyed=stripped.keyed,
                )
            )
            continue
        partner = project.partner(answers.respondent)
        who = TEAM if partner is None else f"{partner.name} ({partner.id})"
        plan.changes.append(
            Change(
                answers,
                who,
                replaces=replaces,
                not_invited=bool(record and record.invited)
                and answers.respondent not in record.invited,
            )
        )
    return plan


def _held(old: Assessment | None, answers: Answers, anonymous: bool) -> bool:
    """Whether the project holds ``answers`` already: the same scores, don't knows,
    notes (and group, in an anonymous round). Importing a folder of responses again
    as new ones arrive passes over those imported before; its date is left out, as an
    export without dates dates its rows the day they are read."""
    if old is None:
        return False
    new = _assessment(_with(answers, date=old.date), anonymous)
    return new == old


def _anonymized(
    project: Project, settled: list[Answers]
) -> list[tuple[Answers, anonymity.Stripped | None]]:
    """Each of ``settled``, made anonymous when its round is, with what was taken off
    it (``None`` for an answer left as it came: a signed round's, or the team's). A
    group that is not one of the project's is refused."""
    records = {r.name: r for r in project.rounds if r.anonymous}
    taken = {a.respondent for a in project.assessments if a.round in records}
    out: list[tuple[Answers, anonymity.Stripped | None]] = []
    wrong = []
    for answers in settled:
        record = records.get(str(answers.round))
        if record is None:
            out.append((answers, None))
            continue
        if answers.group is not None:
            try:
                answers = _with(
                    answers, group=anonymity.group_named(project.project, answers.group)
                )
            except anonymity.NotAGroup:
                wrong.append(
                    f'  {printable(answers.source)}: the group "{printable(answers.group)}"'
                )
                continue
        made = anonymity.take_off(project, record, answers, taken)
        out.append((made.answers, None if made.answers.respondent == TEAM else made))
    if wrong:
        choices = ", ".join(printable(g) for g in group_choices(project.project))
        raise ImportRefused(
            "these answers give a group the project does not have; nothing was written:\n"
            + "\n".join(wrong)
            + f"\nThe project's groups are: {choices}. Correct the group, or add it to "
            "groups in [project]."
        )
    return out


def _with(answers: Answers, **changes: object) -> Answers:
    from dataclasses import replace

    return replace(answers, **changes)


def _refuse_unknown_partners(project: Project, settled: list[Answers]) -> None:
    ids = {p.id for p in project.partners} | {TEAM}
    unknown = [a for a in settled if a.respondent not in ids and not _anonymous_one(project, a)]
    if unknown:
        import difflib

        lines = []
        for a in unknown:
            close = difflib.get_close_matches(a.respondent, sorted(ids), n=1)
            hint = f' (did you mean "{close[0]}"?)' if close else ""
            lines.append(
                f'  {printable(a.source)}: "{printable(a.respondent)}" is not a partner of this '
                f"project{hint}"
            )
        raise ImportRefused(
            "these answers come from no partner of the project; nothing was written:\n"
            + "\n".join(lines)
        )


def _anonymous_one(project: Project, answers: Answers) -> bool:
    """An answer made anonymous for its anonymous round (checked by the file's rules)."""
    return answers.respondent.startswith(ANONYMOUS) and project.is_anonymous_round(answers.round)


def _refuse_twice(settled: list[Answers]) -> None:
    first: dict[tuple[str | None, str], Answers] = {}
    lines = []
    for answers in settled:
        key = (answers.round, answers.respondent)
        if key in first:
            lines.append(
                f'  {printable(answers.respondent)} answers round "{printable(str(answers.round))}'
                f'" twice: in {printable(first[key].source)} and in {printable(answers.source)}'
            )
        else:
            first[key] = answers
    if lines:
        raise ImportRefused(
            "a respondent answers twice in this import; nothing was written:\n"
            + "\n".join(lines)
            + "\nRemove the answer that is not meant (or import them one at a time with --replace)."
        )


# -- the plan in words -------------------------------------------------------------------


def describe(plan: Plan) -> str:
    """What the import will change, as a person checks it before it is written."""
    out: list[str] = []
    started = {r.name for r in plan.started}
    answered = [c.answers for c in plan.changes] + plan.unchanged
    rounds = list(dict.fromkeys(str(a.round) for a in answered))
    for name in rounds:
        changes = [c for c in plan.changes if c.answers.round == name]
        hidden = [c for c in changes if c.anonymous]
        shown = [c for c in changes if not c.anonymous]
        same = sum(a.round == name for a in plan.unchanged)
        if hidden:
            out += _anonymous_lines(name, hidden, plan.path)
        if shown or not hidden:
            responses = count(len(shown), "response")
            out.append(
                f'Round "{printable(name)}": {responses} to import into {printable(str(plan.path))}'
            )
        if same:
            out.append(f"  {same} already imported, unchanged: passed over")
        if name in started:
            begun = next(r for r in plan.started if r.name == name).date
            out.append(
                f'  round "{printable(name)}" is new: this import starts it, dated {begun} '
                "(its first answer)"
            )
            out += _early(begun, plan.start)
        for change in shown:
            out += ["", *_change_lines(change, plan.start)]
        out.append("")
    return "\n".join(out).rstrip("\n")


def _anonymous_lines(name: str, changes: list[Change], path: Path) -> list[str]:
    """An anonymous round's answers in counts: how many, by group, what they hold.
    One by one, with where each came from, they could be matched to their senders."""
    groups: dict[str, int] = {}
    for change in changes:
        group = change.answers.group or "no group"
        groups[group] = groups.get(group, 0) + 1
    by_group = ", ".join(f"{printable(g)} {n}" for g, n in sorted(groups.items()))
    lines = [
        f'Round "{printable(name)}" (anonymous): {count(len(changes), "anonymous answer")} '
        f"({by_group}) to import into {printable(str(path))}"
    ]
    answers = [c.answers for c in changes]
    held = [count(sum(len(a.scores) for a in answers), "score")]
    held.append(f"{sum(len(a.dont_know) for a in answers)} don't know")
    held.append(count(sum(len(a.notes) for a in answers), "comment"))
    lines.append(f"  in them: {', '.join(held)}")
    named = sum(c.named for c in changes)
    if named:
        came = "1 answer came" if named == 1 else f"{named} answers came"
        lines.append(f"  names taken off: {came} with a name (the partner's group was kept)")
    replaced = sum(c.replaces is not None for c in changes)
    if replaced:
        lines.append(f"  replaces {count(replaced, 'answer')} imported before")
    unkeyed = sum(not c.keyed for c in changes)
    if unkeyed:
        carry = "1 answer carries" if unkeyed == 1 else f"{unkeyed} answers carry"
        their = "its" if unkeyed == 1 else "their"
        lines.append(
            f"  {carry} no response id or token of {their} own: importing the same "
            f"{'one' if unkeyed == 1 else 'ones'} again would count "
            f"{'it' if unkeyed == 1 else 'them'} twice"
        )
    lines.append(f"  every answer is dated {changes[0].answers.date}, the round's date")
    return lines


def _early(day: dt.date | None, start: dt.date | None) -> list[str]:
    """A warning for a date before the project's start, which is most often a date
    read the wrong way round; nothing when it is not."""
    if day is None or start is None or day >= start:
        return []
    return [f"    dated before the project's start ({start}): check how its date was read"]


def _change_lines(change: Change, start: dt.date | None) -> list[str]:
    answers = change.answers
    lines = [
        f"  {printable(change.who)}, answered {answers.date}, from {printable(answers.source)}",
        *_early(answers.date, start),
    ]
    if change.not_invited:
        lines.append("    (not on the list of partners invited to this round)")
    if answers.scores:
        scores = ", ".join(
            f"{INGREDIENTS[i].label.lower()} {s} ({SCALE[s]})" for i, s in answers.scores.items()
        )
        lines.append(f"    scores: {scores}")
    else:
        lines.append("    scores: none")
    if answers.dont_know:
        lines.append(
            "    don't know: " + ", ".join(INGREDIENTS[i].label.lower() for i in answers.dont_know)
        )
    for ingredient, note in answers.notes.items():
        shown = printable(note if len(note) <= 70 else note[:69] + "…")
        lines.append(f'    note on {INGREDIENTS[ingredient].label.lower()}: "{shown}"')
    old = change.replaces
    if old is not None:
        parts = [count(len(old.scores), "score")]
        if old.dont_know:
            parts.append(f"{len(old.dont_know)} don't know")
        if old.notes:
            parts.append(count(len(old.notes), "note"))
        lines.append(f"    replaces the answers of {old.date} ({', '.join(parts)})")
    return lines


def _short(name: str) -> str:
    """A round's name short enough for an edit's name on one line."""
    return name if len(name) <= 60 else name[:59] + "…"


# -- writing -----------------------------------------------------------------------------


def updated(project: Project, plan: Plan) -> Project:
    """``project`` with the plan's answers in it (and its new rounds)."""
    replaced = {(c.answers.round, c.answers.respondent) for c in plan.changes}
    kept = [a for a in project.assessments if (a.round, a.respondent) not in replaced]
    added = [_assessment(c.answers, c.anonymous) for c in plan.changes]
    return project.model_copy(
        update={"assessments": kept + added, "rounds": [*project.rounds, *plan.started]}
    )


def _assessment(answers: Answers, anonymous: bool) -> Assessment:
    """``answers`` as the ``[[assessments]]`` block they are written as."""
    return Assessment(
        round=str(answers.round),
        date=answers.date,
        respondent=answers.respondent,
        group=answers.group if anonymous else None,
        dont_know=list(answers.dont_know),
        scores=dict(answers.scores),
        notes=dict(answers.notes),
    )


def apply(plan: Plan, project: Project, expected: storage.Fingerprint) -> None:
    """Write the plan into its file, holding the lock while writing (see
    :func:`write_locked`). Raises :class:`ImportRefused` in plain words."""
    write_locked(plan.path, updated(project, plan), expected)


def write_locked(path: Path, project: Project, expected: storage.Fingerprint) -> None:
    """Save ``project`` to ``path`` holding the file's lock, as every import writes
    (see :func:`~partnertui.storage.session.holding_lock`).

    ``expected`` is the fingerprint of the bytes the import read: if the file holds
    anything else now (someone saved), nothing is written. The bytes are compared
    rather than the file read again: reading and checking 2,000 partners twice was
    half the import. Raises :class:`ImportRefused` in plain words.
    """
    try:
        with holding_lock(path):
            storage.save(project, path, expected=expected)
    except locks.LockHeld as held:
        raise ImportRefused(_open_elsewhere(path, held)) from None
    except storage.ChangedOnDisk:
        raise ImportRefused(
            f"{printable(str(path))} changed while the import was being prepared; nothing "
            "was written. Run the import again."
        ) from None
    except storage.SaveError as error:
        raise ImportRefused(printable(str(error))) from None


def _open_elsewhere(path: Path, held: locks.LockHeld) -> str:
    return (
        f"{printable(str(path))} is open for editing by {printable(held.who)}; nothing was "
        "written. Ask them to save and close it (or close it yourself), then import again."
    )


def refuse_if_open(path: Path) -> None:
    """Refuse at once, before any work, when someone has ``path`` open for editing."""
    held = locks.holder(path)
    if held is not None:
        raise ImportRefused(_open_elsewhere(path, held))
