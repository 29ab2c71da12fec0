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
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from pathlib import Path

from partnertui import storage
from partnertui.guidance import INGREDIENTS, SCALE
from partnertui.model import TEAM, Assessment, Project, Round
from partnertui.storage import lock as locks
from partnertui.storage.problems import printable
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


@dataclass
class Plan:
    """Everything an import will change in one project file."""

    path: Path
    changes: list[Change] = field(default_factory=list)
    started: list[Round] = field(default_factory=list)
    """Rounds the project did not have, started by this import."""

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
        return f"import {_count(len(self.changes), 'response')} to {where}"


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
    plan = Plan(path)
    settled: list[Answers] = []
    for response in responses:
        answers = response.answers
        name = _settle_response_round(project, response)
        if responses_in_round and round_name is not None and name != round_name:
            raise ImportRefused(
                f'{printable(answers.source)} answers round "{printable(name)}", but --round '
                f'says "{printable(round_name)}"; leave --round out for response files'
            )
        settled.append(_with(answers, round=name, date=answers.date or today))
    if rows:
        assert round_name is not None, "the command settles the round of CSV rows"
        settled += [_with(a, round=round_name) for a in rows]
        if round_name not in round_names(project):
            first = min(a.date or today for a in rows)
            plan.started.append(Round(name=round_name, date=first))
    _refuse_unknown_partners(project, settled)
    _refuse_twice(settled)
    existing = {(a.round, a.respondent): a for a in project.assessments}
    already = [a for a in settled if (a.round, a.respondent) in existing]
    if already and not replace:
        lines = [
            f'  {printable(a.respondent)} already answered round "{printable(str(a.round))}" '
            f"on {existing[(a.round, a.respondent)].date} (import from {printable(a.source)})"
            for a in already
        ]
        raise ImportRefused(
            "these respondents have answered already; nothing was written:\n"
            + "\n".join(lines)
            + "\nAdd --replace to put the new answers in place of the old ones."
        )
    records = {r.name: r for r in project.rounds}
    for answers in settled:
        record = records.get(str(answers.round))
        partner = project.partner(answers.respondent)
        who = TEAM if partner is None else f"{partner.name} ({partner.id})"
        plan.changes.append(
            Change(
                answers,
                who,
                replaces=existing.get((str(answers.round), answers.respondent)),
                not_invited=bool(record and record.invited)
                and answers.respondent not in record.invited,
            )
        )
    return plan


def _with(answers: Answers, **changes: object) -> Answers:
    from dataclasses import replace

    return replace(answers, **changes)


def _refuse_unknown_partners(project: Project, settled: list[Answers]) -> None:
    ids = {p.id for p in project.partners} | {TEAM}
    unknown = [a for a in settled if a.respondent not in ids]
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
    rounds = list(dict.fromkeys(str(c.answers.round) for c in plan.changes))
    for name in rounds:
        changes = [c for c in plan.changes if c.answers.round == name]
        count = _count(len(changes), "response")
        out.append(f'Round "{printable(name)}": {count} to import into {printable(str(plan.path))}')
        if name in started:
            out.append(f'  round "{printable(name)}" is new: this import starts it')
        for change in changes:
            out += ["", *_change_lines(change)]
        out.append("")
    return "\n".join(out).rstrip("\n")


def _change_lines(change: Change) -> list[str]:
    answers = change.answers
    lines = [
        f"  {printable(change.who)}, answered {answers.date}, from {printable(answers.source)}"
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
        parts = [_count(len(old.scores), "score")]
        if old.dont_know:
            parts.append(f"{len(old.dont_know)} don't know")
        if old.notes:
            parts.append(_count(len(old.notes), "note"))
        lines.append(f"    replaces the answers of {old.date} ({', '.join(parts)})")
    return lines


def _count(n: int, noun: str) -> str:
    return f"{n} {noun}" + ("" if n == 1 else "s")


def _short(name: str) -> str:
    """A round's name short enough for an edit's name on one line."""
    return name if len(name) <= 60 else name[:59] + "…"


# -- writing -----------------------------------------------------------------------------


def updated(project: Project, plan: Plan) -> Project:
    """``project`` with the plan's answers in it (and its new rounds)."""
    replaced = {(c.answers.round, c.answers.respondent) for c in plan.changes}
    kept = [a for a in project.assessments if (a.round, a.respondent) not in replaced]
    added = [
        Assessment(
            round=str(c.answers.round),
            date=c.answers.date,
            respondent=c.answers.respondent,
            dont_know=list(c.answers.dont_know),
            scores=dict(c.answers.scores),
            notes=dict(c.answers.notes),
        )
        for c in plan.changes
    ]
    return project.model_copy(
        update={"assessments": kept + added, "rounds": [*project.rounds, *plan.started]}
    )


def who_has_it(path: Path) -> str:
    """Who has ``path`` open for editing in a live session, in words; empty when nobody
    (or only a session that has ended, whose lock is stale)."""
    if not locks.lock_path(path).exists():
        return ""
    owner = locks.read_owner(path)
    if owner is None:
        import time

        try:
            age = time.time() - locks.lock_path(path).stat().st_mtime
        except OSError:
            return ""
        held = locks.LockHeld(path, None, age=age)
        return "" if held.stale else "someone (its lock file cannot be read)"
    return "" if owner.is_stale() else owner.describe()


def apply(plan: Plan, project: Project, expected: storage.Fingerprint) -> None:
    """Write the plan into its file, holding the lock while writing (see
    :func:`write_locked`). Raises :class:`ImportRefused` in plain words."""
    write_locked(plan.path, updated(project, plan), expected)


def write_locked(path: Path, project: Project, expected: storage.Fingerprint) -> None:
    """Save ``project`` to ``path`` holding the file's lock, as every import writes.

    ``expected`` is the fingerprint of the bytes the import read: if the file holds
    anything else now (someone saved), nothing is written. The bytes are compared
    rather than the file read again: reading and checking 2,000 partners twice was
    half the import. Raises :class:`ImportRefused` in plain words.
    """
    try:
        lock = locks.acquire(path)
    except locks.LockHeld as held:
        if not held.stale:
            raise ImportRefused(_open_elsewhere(path, held.owner)) from None
        lock = locks.acquire(path, take_over=True)
    except OSError as error:
        raise ImportRefused(
            f"{printable(str(path))} cannot be locked for the import ({error.strerror or error}); "
            "nothing was written"
        ) from None
    try:
        try:
            storage.save(project, path, expected=expected)
        except storage.ChangedOnDisk:
            raise ImportRefused(
                f"{printable(str(path))} changed while the import was being prepared; nothing "
                "was written. Run the import again."
            ) from None
        except storage.SaveError as error:
            raise ImportRefused(printable(str(error))) from None
    finally:
        lock.release()


def _open_elsewhere(path: Path, owner: locks.Owner | None) -> str:
    who = owner.describe() if owner else "someone (its lock file cannot be read)"
    return (
        f"{printable(str(path))} is open for editing by {printable(who)}; nothing was written. "
        "Ask them to save and close it (or close it yourself), then import again."
    )


def refuse_if_open(path: Path) -> None:
    """Refuse at once, before any work, when someone has ``path`` open for editing."""
    who = who_has_it(path)
    if who:
        owner = locks.read_owner(path)
        raise ImportRefused(_open_elsewhere(path, owner))
