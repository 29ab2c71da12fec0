"""Every figure shown for one state of a project, each worked out once, when first asked.

A screen redraws on every change of the project, and the Ingredients section asks
about the same round at every move of its cursor; the report asks again when it
is previewed. :class:`Figures` holds what was worked out for one state of the
project, so each is worked out once per change and every screen and the report
read the same numbers. The workbook makes a new one after each change, passing the
old one on so the roles can be brought up to date rather than added up afresh.
"""

from __future__ import annotations

from functools import cached_property
from typing import TYPE_CHECKING

from partnertui.analysis.partners import (
    Coverage,
    considerations,
    needed_skills,
    not_yet_invited,
    status_counts,
)
from partnertui.analysis.roles import RoleLedger, RoleSummary
from partnertui.model import Ingredient, Partner, Project, Status

if TYPE_CHECKING:
    from partnertui.analysis.assessments import Answer, RoundInfo, Rounds, RoundStats, Turnout
    from partnertui.analysis.groups import Comment, GroupView


class Figures:
    """The figures of ``project`` as it is now; it must not change while this is used."""

    def __init__(self, project: Project, previous: Figures | None = None) -> None:
        self.project = project
        self._ledger = previous._ledger if previous is not None else RoleLedger()
        self._group_views: dict[str, GroupView] = {}
        self._comments: dict[tuple[str, Ingredient], list[Comment]] = {}
        self._turnouts: dict[str, Turnout] = {}

    @cached_property
    def roles(self) -> RoleSummary:
        return self._ledger.summary(self.project)

    @cached_property
    def _rounds(self) -> Rounds:
        from partnertui.analysis.assessments import Rounds  # not needed for the first screen

        return Rounds(self.project)

    @property
    def rounds(self) -> list[RoundInfo]:
        return self._rounds.infos

    def round_info(self, round_name: str) -> RoundInfo | None:
        return self._rounds.info(round_name)

    def round_stats(self, round_name: str) -> RoundStats:
        return self._rounds.stats(round_name)

    def answers(self, round_name: str, ingredient: Ingredient) -> list[Answer]:
        return self._rounds.answers(round_name, ingredient)

    def group_view(self, round_name: str) -> GroupView:
        found = self._group_views.get(round_name)
        if found is None:
            from partnertui.analysis.groups import group_view

            found = self._group_views[round_name] = group_view(self.project, round_name)
        return found

    def comments(self, round_name: str, ingredient: Ingredient) -> list[Comment]:
        found = self._comments.get((round_name, ingredient))
        if found is None:
            from partnertui.analysis.groups import comments

            found = comments(self.project, round_name, ingredient)
            self._comments[round_name, ingredient] = found
        return found

    def turnout(self, round_name: str) -> Turnout:
        found = self._turnouts.get(round_name)
        if found is None:
            from partnertui.analysis.assessments import turnout

            found = self._turnouts[round_name] = turnout(self.project, round_name)
        return found

    @cached_property
    def considerations(self) -> list[Coverage]:
        return considerations(self.project)

    @cached_property
    def not_yet_invited(self) -> list[Partner]:
        return not_yet_invited(self.project)

    @cached_property
    def status_counts(self) -> dict[Status, int]:
        return status_counts(self.project)

    @cached_property
    def needed_skills(self) -> frozenset[str]:
        return needed_skills(self.project)
