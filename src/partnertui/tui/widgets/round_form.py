"""The forms that start an assessment round and rename, re-date or re-sign one.

A round is anonymous or signed from its start: the form says what anonymous
means in one line, and the edit form lets it change only while the round has no
answers (a signed round's names stay in the file's earlier versions in git).
"""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

from partnertui import analysis
from partnertui.model import TEAM
from partnertui.tui.display import plain
from partnertui.tui.edit_errors import FormErrors
from partnertui.tui.widgets.form import FormDialog, FormField
from partnertui.tui.widgets.respondent_picker import NEW_ANONYMOUS

if TYPE_CHECKING:
    from partnertui.analysis import RoundInfo
    from partnertui.tui.workbook import Workbook

ANONYMOUS_MEANS = "answers record no name, only an optional group"


def new_round_dialog(workbook: Workbook, today: dt.date) -> FormDialog:
    """Start a round; dismisses with (its name, who scores first), the second
    :data:`NEW_ANONYMOUS` for an anonymous round's first answer."""
    project = workbook.project
    respondents = [
        ("Team (a consensus score)", TEAM),
        ("A new anonymous answer", NEW_ANONYMOUS),
        *((plain(p.name), p.id) for p in analysis.by_name(project.partners)),
    ]
    fields = [
        FormField("name", "Round name", placeholder="e.g. Kick-off, Six months"),
        FormField("date", "Date", "date", today),
        FormField("anonymous", "Anonymous", "flag", False, explanation=ANONYMOUS_MEANS),
        FormField("respondent", "Who scores first", "choice", TEAM, respondents),
    ]

    def submit(values: dict) -> tuple[str, str]:
        respondent = values["respondent"]
        if values["anonymous"]:
            if respondent not in (TEAM, NEW_ANONYMOUS):
                raise FormErrors(
                    {
                        "respondent": "an anonymous round names nobody: choose the team "
                        "or a new anonymous answer"
                    }
                )
            record = workbook.add_anonymous_round(values["name"], values["date"])
            return record.name, respondent
        if respondent == NEW_ANONYMOUS:
            raise FormErrors(
                {
                    "respondent": "anonymous answers are for an anonymous round: tick "
                    "Anonymous, or choose the team or a partner"
                }
            )
        response = workbook.add_round(values["name"], values["date"], respondent)
        return response.round, response.respondent

    return FormDialog("Start an assessment round", fields, submit, save_label="Start")


def edit_round_dialog(workbook: Workbook, info: RoundInfo) -> FormDialog:
    """Rename, re-date, or (while it has no answers) re-sign a round; dismisses with
    its name."""
    fields = [
        FormField("name", "Round name", value=info.name),
        FormField("date", "Date", "date", info.date),
        FormField(
            "anonymous",
            "Anonymous",
            "flag",
            workbook.is_anonymous(info.name),
            explanation="no name, only an optional group; fixed once answered"
            if info.respondents
            else ANONYMOUS_MEANS,
        ),
    ]

    def submit(values: dict) -> str:
        workbook.update_round(info.name, values["name"], values["date"], values["anonymous"])
        return values["name"].strip()

    return FormDialog(
        "Rename or re-date the round (every response to it moves with it)", fields, submit
    )
