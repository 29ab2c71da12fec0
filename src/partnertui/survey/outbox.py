"""Writing a round's questionnaires from a project file, and asking who has answered.

The command line's half of sending a round out. The project file is read, changed
and saved through storage, under the file's lock, so a workbook that has the file
open for editing is never saved over: then nothing is written and the person is
told who has it. The round is recorded (its code, who was invited) before any
questionnaire is written, so no questionnaire ever carries a code the file lacks.

An anonymous round gets one page for everyone, and who has answered is only ever a
count: its answers name nobody, so there is nobody to list as waiting.
"""

from __future__ import annotations

import datetime as dt
import difflib
import re
from dataclasses import dataclass
from pathlib import Path

from partnertui import storage
from partnertui.analysis.assessments import Turnout, turnout
from partnertui.model import Partner, Project
from partnertui.storage import atomic
from partnertui.storage import lock as locks
from partnertui.storage.problems import printable
from partnertui.storage.session import holding_lock
from partnertui.survey import questionnaire
from partnertui.survey.rounds import (
    Sending,
    SignedRound,
    anonymous_questionnaire_name,
    default_folder,
    questionnaire_name,
    send,
)
from partnertui.survey.rounds import default_respondents as invited_or_confirmed


class SurveyError(Exception):
    """Nothing (more) was written; the message says why in plain words.

    ``status`` is the command line's exit status for it: 1 the project refuses (its
    file is open elsewhere), 2 the request or a file cannot be used.
    """

    def __init__(self, message: str, status: int = 2) -> None:
        super().__init__(message)
        self.status = status


@dataclass(frozen=True)
class Sent:
    """What writing a round's questionnaires did."""

    sending: Sending
    saved: bool
    """The project file was saved (the round was new, or got a code or invitations)."""
    folder: Path
    written: list[tuple[Path, Partner | None]]
    """Each page and the partner it is for; an anonymous round's one page is for
    nobody in particular (``None``)."""


def respondents(project: Project, partner_ids: list[str] | None) -> list[Partner]:
    """The partners named, or by default every partner invited or confirmed."""
    if not partner_ids:
        chosen = invited_or_confirmed(project)
        if not chosen:
            raise SurveyError(
                "no partner is invited or confirmed yet, so nobody would get a "
                "questionnaire; name them with --partner ID"
            )
        return chosen
    ids = [p.id for p in project.partners]
    found = []
    for wanted in dict.fromkeys(partner_ids):
        partner = project.partner(wanted)
        if partner is None:
            close = difflib.get_close_matches(wanted, ids, n=1)
            hint = f'; did you mean "{close[0]}"?' if close else ""
            raise SurveyError(f'there is no partner with the id "{wanted}"{hint}')
        found.append(partner)
    return found


def write_questionnaires(
    project: Project, sending: Sending, partners: list[Partner], folder: Path
) -> list[tuple[Path, Partner | None]]:
    """Write one questionnaire per partner into ``folder`` (made when missing); for
    an anonymous round, the one page they all get."""
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except FileExistsError:
        raise SurveyError(f"{folder} is a file, not a folder; nothing was written") from None
    except OSError as error:
        raise SurveyError(
            f"the folder {folder} cannot be made ({error.strerror or error})"
        ) from None
    written: list[tuple[Path, Partner | None]] = []
    record = sending.record
    pages: list[tuple[str, Partner | None]] = (
        [(anonymous_questionnaire_name(project, record.name), None)]
        if record.anonymous
        else [(questionnaire_name(p.id), p) for p in partners]
    )
    for name, partner in pages:
        target = folder / name
        _refuse_another_rounds(project, target, record.code, written)
        page = questionnaire.build(project, record, partner)
        try:
            atomic.write(target, page.encode("utf-8"))
        except OSError as error:
            raise SurveyError(
                f"{target} could not be written ({error.strerror or error})"
                + (f"; {len(written)} written before it" if written else "")
            ) from None
        written.append((target, partner))
    return written


_ROUND_CODE = re.compile(r'"round_code":"([a-z0-9]+)"')


def _refuse_another_rounds(
    project: Project, target: Path, code: str | None, written: list[tuple[Path, Partner | None]]
) -> None:
    """Refuse to write over ``target`` when it is a questionnaire of another round (its
    code differs): partners may have it still to answer, and a round's folder is
    never another's to clear. Its own round's page is written again, as asked."""
    try:
        with open(target, encoding="utf-8", errors="replace") as page:
            found = _ROUND_CODE.search(page.read(1 << 20))
    except OSError:
        return  # none there; or the write says why it cannot be written there
    if found is None or found.group(1) == code:
        return
    other = next((r.name for r in project.rounds if r.code == found.group(1)), None)
    whose = f'round "{printable(other)}"' if other else "another round"
    raise SurveyError(
        f"{printable(str(target))} is a questionnaire for {whose}, so it was not written "
        "over" + (f"; {len(written)} written before it" if written else "") + ". Write this "
        "round's questionnaires into another folder."
    )


def send_round(
    path: Path,
    round_name: str,
    *,
    partner_ids: list[str] | None,
    folder: Path | None,
    today: dt.date,
    anonymous: bool = False,
) -> Sent:
    """Record the round in the project file and write its questionnaires into
    ``folder``, or the round's own folder beside the file (:func:`default_folder`);
    with ``anonymous``, start it anonymous (refused for a signed round).

    Raises :class:`storage.UnreadableFile` or :class:`storage.ProjectFileError` when the
    file does not read, and :class:`SurveyError` for everything else that stops it.
    """
    if not round_name.strip():
        raise SurveyError("the round needs a name (--round cannot be blank)")
    project, read = storage.read(path)
    try:
        with holding_lock(path):  # the save below is refused if the file changed since
            name = project.round_named(round_name) or round_name.strip()
            if partner_ids and (anonymous or project.is_anonymous_round(name)):
                raise SurveyError(
                    "--partner cannot be used for an anonymous round: everyone gets the same "
                    "page, with no name on it, so every invited or confirmed partner is asked"
                )
            partners = respondents(project, partner_ids)
            try:
                sending = send(
                    project, round_name, [p.id for p in partners], today, anonymous=anonymous
                )
            except SignedRound as error:
                raise SurveyError(str(error), status=1) from None
            if sending.changed:
                project = project.model_copy(update={"rounds": sending.rounds})
                storage.save(project, path, expected=read)
            target = (
                folder if folder is not None else default_folder(path, sending.record.name, project)
            )
            written = write_questionnaires(project, sending, partners, target)
    except locks.LockHeld as held:
        raise SurveyError(
            f"{path.name} is open in the workbook by {held.who}, so it was not changed and no "
            "questionnaire was written. Write them from that workbook (the Ingredients "
            "section, key w), or close it there and try again.",
            status=1,
        ) from None
    except storage.SaveError as error:
        raise SurveyError(f"{error} No questionnaire was written.", status=2) from None
    return Sent(sending, sending.changed, target, written)


def round_turnout(path: Path, round_name: str) -> tuple[Project, Turnout]:
    """Who has answered ``round_name`` in the project at ``path``; reads, never writes."""
    project = storage.load(path)
    name = project.round_named(round_name)
    if name is None:
        raise SurveyError(f'the project has no round called "{round_name}"', status=1)
    return project, turnout(project, name)


def describe_sent(sent: Sent, path: Path) -> list[str]:
    """What :func:`send_round` did, in lines for the person who ran it.

    Names and paths are shown with control characters as escapes: a partner's name
    is the project's text, not the terminal's instructions.
    """
    record = sent.sending.record
    shown = printable(record.name)
    lines = []
    if sent.sending.asked:
        lines.append(
            f'the project calls the round "{printable(sent.sending.asked)}" "{shown}": its '
            "questionnaires are written for it"
        )
    if sent.sending.started:
        lines.append(f'started the round "{shown}": the project had no round by that name')
    if sent.saved:
        invited = len(record.invited)
        lines.append(
            f'recorded the round "{shown}" in {printable(str(path))} (code {record.code}, '
            f"{invited} partner{'' if invited == 1 else 's'} invited)"
        )
    if record.anonymous:
        (page, _), *_ = sent.written
        invited = len(record.invited)
        return [
            *lines,
            f"wrote one questionnaire for everyone in {printable(str(sent.folder))}: "
            f"{printable(page.name)}",
            f"The round is anonymous: {invited} partner{' was' if invited == 1 else 's were'} "
            "invited, and the same page goes to each of them. It carries no name, and "
            "the answers come back without one.",
        ]
    many = len(sent.written)
    lines.append(
        f"wrote {many} questionnaire{'' if many == 1 else 's'} in {printable(str(sent.folder))}:"
    )
    lines += [f"  {printable(t.name)}  for {printable(p.name)}" for t, p in sent.written if p]
    lines.append(
        "Send each partner their own file. Each one answers in a web browser and sends "
        "back a small response file."
    )
    return lines


def describe_turnout(project: Project, turnout: Turnout) -> list[str]:
    """Who has answered, and the names of those still waiting, one a line; for an
    anonymous round, only how many."""
    if turnout.anonymous:
        return [
            f"answered: {turnout.answered_count} of {len(turnout.invited)}",
            "(an anonymous round: only how many have answered is known, not who)",
        ]
    lines = [f"answered: {len(turnout.answered)} of {len(turnout.invited)}"]
    if not turnout.recorded:
        lines.append("(no questionnaires were written for this round: counting those who answered)")
    if turnout.waiting:
        lines.append("still waiting:")
        for who in turnout.waiting:
            partner = project.partner(who)
            lines.append(f"  {printable(partner.name if partner else who)}")
    return lines
