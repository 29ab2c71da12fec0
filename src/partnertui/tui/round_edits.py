"""The Workbook's edits of assessment rounds, responses, scores and notes.

Kept apart from the rest of the Workbook only for size; they land through the same
``_changed`` as every other edit, one step of the edit history each.
"""

from __future__ import annotations

import datetime as dt
import re
from typing import TYPE_CHECKING, Any

from partnertui.guidance import INGREDIENTS
from partnertui.model import (
    ANONYMOUS,
    ANONYMOUS_PATTERN,
    TEAM,
    Assessment,
    Ingredient,
    Project,
    Round,
    group_choices,
    new_anonymous_respondent,
    round_key,
)
from partnertui.tui.display import plain
from partnertui.tui.edit_errors import EditRefused, FormErrors
from partnertui.tui.edit_names import named, quoted

if TYPE_CHECKING:
    from partnertui.analysis import Figures
    from partnertui.analysis.assessments import RoundInfo
    from partnertui.survey.importing import Plan as ResponseImport
    from partnertui.survey.rounds import Sending


class RoundEdits:
    """Rounds and the answers in them; mixed into :class:`~partnertui.tui.workbook.Workbook`."""

    # The Workbook's own, used here: project, figures, _changed, _check_writable.
    project: Project
    figures: Figures

    # -- assessment rounds and scores ------------------------------------------------
    #
    # A round exists in the file through its responses (``[[assessments]]`` entries),
    # and through its own record once questionnaires go out for it. A round started
    # here is made together with its first response: an empty one
    # for the respondent chosen with the round. An empty response is valid and saves
    # as its round, date and respondent alone, so a round started but not yet scored
    # survives saving and reopening. Responses for other respondents are started by
    # their first score or note, dated as the round.
    #
    # An anonymous round starts as its own ``[[rounds]]`` record and no response: each
    # of its answers is a new anonymous respondent, started by its first score like
    # any other, carrying only the group the person gave and the round's date.

    def add_round(self, name: str, date: dt.date | None, respondent: str = TEAM) -> Assessment:
        """Start a round named ``name`` on ``date`` with ``respondent``'s empty response."""
        self._check_writable()
        errors = (
            {}
            if self._is_respondent(respondent)
            else {"respondent": "choose the team or one of the partners"}
        )
        name = self._new_round_name(name, date, errors)
        response = Assessment(round=name, date=date, respondent=respondent)
        self._changed(
            f"start the round {quoted(name)}",
            assessments=_in_file_order([*self.project.assessments, response]),
        )
        return response

    def add_anonymous_round(self, name: str, date: dt.date | None) -> Round:
        """Start an anonymous round: its record alone, until its first answer."""
        self._check_writable()
        name = self._new_round_name(name, date, {})
        assert date is not None  # checked with the name
        record = Round(name=name, date=date, anonymous=True)
        self._changed(
            f"start the anonymous round {quoted(name)}", rounds=[*self.project.rounds, record]
        )
        return record

    def _new_round_name(self, name: str, date: dt.date | None, errors: dict[str, str]) -> str:
        """``name`` trimmed, or ``FormErrors`` with ``errors`` and any about the name or date."""
        name = name.strip()
        if not name:
            errors["name"] = "give the round a name, e.g. “Kick-off” or “Six months”"
        elif (known := self.project.round_named(name)) is not None:
            errors["name"] = f"there is already a round called “{plain(known)}”"
        if date is None:
            errors["date"] = "write a date like 2026-09-15"
        if errors:
            raise FormErrors(errors)
        return name

    def is_anonymous(self, round_name: str) -> bool:
        """Whether ``round_name``'s answers name nobody (its record says so)."""
        return self.project.is_anonymous_round(round_name)

    def update_round(
        self, round_name: str, name: str, date: dt.date | None, anonymous: bool | None = None
    ) -> None:
        """Rename a round and, when ``date`` differs from its date, date all its responses so.

        ``anonymous`` may change only while the round has no answers: a signed
        round's names stay in the file's earlier versions in git, and an anonymous
        round's answers name nobody to sign them with.
        """
        self._check_writable()
        info = self._round(round_name)
        was_anonymous = self.is_anonymous(round_name)
        anonymous = was_anonymous if anonymous is None else anonymous
        name = name.strip()
        errors: dict[str, str] = {}
        if not name:
            errors["name"] = "a round needs a name"
        elif round_key(name) != round_key(round_name) and (known := self.project.round_named(name)):
            errors["name"] = f"there is already a round called “{plain(known)}”"
        if date is None:
            errors["date"] = "write a date like 2026-09-15"
        if anonymous != was_anonymous and info.respondents:
            errors["anonymous"] = (
                "its answers name nobody, so they cannot be signed: start a new round"
                if was_anonymous
                else "it has signed answers, and their names stay in the file's earlier "
                "versions: start a new anonymous round instead"
            )
        if errors:
            raise FormErrors(errors)
        assert date is not None  # checked above
        if name == round_name and date == info.date and anonymous == was_anonymous:
            return
        assessments = [
            a.model_copy(update={"round": name, "date": a.date if date == info.date else date})
            if a.round == round_name
            else a
            for a in self.project.assessments
        ]
        records = [
            r.model_copy(update={"name": name, "date": date, "anonymous": anonymous})
            if r.name == round_name
            else r
            for r in self.project.rounds
        ]
        if anonymous and not was_anonymous and round_name not in {r.name for r in records}:
            records.append(Round(name=name, date=date, anonymous=True))
        if name != round_name:
            what = f"rename the round {quoted(round_name)}"
        elif date != info.date:
            what = f"change the date of the round {quoted(round_name)}"
        else:
            what = f"make the round {quoted(round_name)} {'anonymous' if anonymous else 'signed'}"
        self._changed(what, assessments=_in_file_order(assessments), rounds=records)

    def record_round(self, sending: Sending) -> None:
        """Keep a round's record as its questionnaires went out (see ``survey.rounds``).

        An edit like any other, saved with the next save: the questionnaires carry its
        code, so the screen that writes them says to save.
        """
        self._check_writable()
        if sending.rounds != self.project.rounds:
            what = f"record the round {quoted(sending.record.name)} and who was asked"
            self._changed(what, rounds=sending.rounds)

    def import_responses(self, plan: ResponseImport) -> None:
        """Put the answers an import's plan says into their rounds, as one edit: one
        ctrl+z takes the whole import back. The plan is checked against the project
        as it is now, so a plan made before another edit cannot undo that edit."""
        from partnertui.survey import importing

        self._check_writable()
        current = {(a.round, a.respondent): a for a in self.project.assessments}
        if any(
            current.get((str(c.answers.round), c.answers.respondent)) is not c.replaces
            for c in plan.changes
        ) or any(self.project.round_named(r.name) is not None for r in plan.started):
            raise EditRefused("The answers changed since the files were read; import again.")
        if plan.changes:
            updated = importing.updated(self.project, plan)
            self._changed(
                plan.edit_name(),
                assessments=_in_file_order(updated.assessments),
                rounds=updated.rounds,
            )

    def new_anonymous_respondent(self) -> str:
        """A respondent for a new anonymous answer, unlike every one in the file.

        Not an edit: the answer starts with its first score or note (with the group
        passed to them), as a partner's does.
        """
        return new_anonymous_respondent({a.respondent for a in self.project.assessments})

    def set_score(
        self,
        round_name: str,
        respondent: str,
        ingredient: Ingredient | str,
        score: int | None,
        *,
        group: str | None = None,
    ) -> None:
        """Score one ingredient 1–5 for one respondent, or clear it with ``None``.

        ``group`` is the group of a new anonymous answer that this score starts.
        """
        self._check_writable()
        key = self._ingredient(ingredient)
        if score is not None and (
            not isinstance(score, int) or isinstance(score, bool) or not 1 <= score <= 5
        ):
            raise EditRefused("Scores run from 1 (absent) to 5 (strong).")
        self._edit_response(round_name, respondent, "scores", key, score, group)

    def set_note(
        self,
        round_name: str,
        respondent: str,
        ingredient: Ingredient | str,
        note: str,
        *,
        group: str | None = None,
    ) -> None:
        """Keep a respondent's note on one ingredient; a blank note removes it."""
        self._check_writable()
        key = self._ingredient(ingredient)
        self._edit_response(round_name, respondent, "notes", key, note, group)

    def remove_response(self, round_name: str, respondent: str) -> None:
        """Delete one respondent's scores and notes in a round (the round goes with its last)."""
        self._check_writable()
        index = self._response_index(round_name, respondent)
        if index is None:
            raise EditRefused("That response is not in the project any more.")
        assessments = [a for i, a in enumerate(self.project.assessments) if i != index]
        if self.project.assessments[index].is_anonymous:
            what = f"remove an anonymous answer to {quoted(round_name)}"
        else:
            what = f"remove {self._who(respondent)}'s answers to {quoted(round_name)}"
        self._changed(what, assessments=assessments)

    def remove_round(self, round_name: str) -> None:
        """Delete a round with every response to it."""
        self._check_writable()
        self._round(round_name)
        assessments = [a for a in self.project.assessments if a.round != round_name]
        records = [r for r in self.project.rounds if r.name != round_name]
        self._changed(
            f"delete the round {quoted(round_name)}", assessments=assessments, rounds=records
        )

    def _edit_response(
        self,
        round_name: str,
        respondent: str,
        table: str,
        key: Ingredient,
        value: object,
        group: str | None = None,
    ) -> None:
        """Set or clear (``None`` or blank) one score or note, starting the response if needed."""
        if isinstance(value, str):
            value = value.strip()
        index = self._response_index(round_name, respondent)
        if index is None:
            if value is None or value == "":
                return
            current = self._new_response(round_name, respondent, group)
        else:
            current = self.project.assessments[index]
        entries = dict(getattr(current, table))
        changes: dict[str, Any] = {table: entries}
        if value is None or value == "":
            entries.pop(key, None)
        else:
            entries[key] = value
            if table == "scores":  # a score replaces a "don't know"
                changes["dont_know"] = [k for k in current.dont_know if k != key]
        updated = Assessment.model_validate({**current.model_dump(), **changes})
        if updated == current:
            return
        if index is None:
            assessments = _in_file_order([*self.project.assessments, updated])
        else:
            assessments = list(self.project.assessments)
            assessments[index] = updated
        self._changed(
            self._response_edit(round_name, respondent, table, key, value), assessments=assessments
        )

    def _new_response(self, round_name: str, respondent: str, group: str | None) -> Assessment:
        """The empty response a first score or note starts, dated as its round.

        In an anonymous round only the team or a new anonymous respondent may answer,
        with a group of the project's or none; in a signed round, the team or a partner.
        So no partner's id ever reaches an anonymous round's answers.
        """
        info = self._round(round_name)
        if self.is_anonymous(round_name):
            if respondent != TEAM and not re.match(ANONYMOUS_PATTERN, respondent):
                raise EditRefused("An anonymous round's answers name nobody.")
            if group is not None and group not in group_choices(self.project.project):
                raise EditRefused(f"“{plain(group)}” is not one of the project's groups.")
            if respondent == TEAM:
                group = None
        elif not self._is_respondent(respondent):
            raise EditRefused(f"“{plain(respondent)}” is not a partner any more.")
        else:
            group = None
        return Assessment(round=round_name, date=info.date, respondent=respondent, group=group)

    def _response_edit(
        self, round_name: str, respondent: str, table: str, key: Ingredient, value: object
    ) -> str:
        """What a score or note edit is called in the edit history."""
        who, label, where = self._who(respondent), INGREDIENTS[key].label, quoted(round_name)
        if who == ANONYMOUS_ANSWER:
            if table == "scores":
                return f"{'clear' if value is None else 'score'} {who} in {where}"
            return f"{'remove a note from' if value == '' else 'note'} {who} in {where}"
        if table == "scores":
            if value is None:
                return f"clear {who}'s score for {label} in {where}"
            return f"score {label} {value} for {who} in {where}"
        if value == "":
            return f"remove {who}'s note on {label} in {where}"
        return f"note {who}'s view of {label} in {where}"

    def _who(self, respondent: str) -> str:
        if respondent.startswith(ANONYMOUS):
            return ANONYMOUS_ANSWER
        partner = self.project.partner(respondent)
        return "the team" if partner is None else named(partner)

    def _round(self, round_name: str) -> RoundInfo:
        info = self.figures.round_info(round_name)
        if info is None:
            raise EditRefused(f"There is no round called “{plain(round_name)}” any more.")
        return info

    def _response_index(self, round_name: str, respondent: str) -> int | None:
        for i, a in enumerate(self.project.assessments):
            if a.round == round_name and a.respondent == respondent:
                return i
        return None

    def _is_respondent(self, respondent: str) -> bool:
        return respondent == TEAM or self.project.partner(respondent) is not None

    @staticmethod
    def _ingredient(value: Ingredient | str) -> Ingredient:
        try:
            return Ingredient(value)
        except ValueError:
            message = f"“{plain(str(value))}” is not one of the eleven ingredients."
            raise EditRefused(message) from None


ANONYMOUS_ANSWER = "an anonymous answer"
"""How an anonymous answer's edits are called: its respondent is nobody to name."""


def _in_file_order(assessments: list[Assessment]) -> list[Assessment]:
    """Responses in the order the file keeps them: by date, round, then respondent."""
    return sorted(assessments, key=lambda a: (a.date, a.round, a.respondent))
