"""What the screens and reports show, derived from a project and nothing else.

Every function here is pure: it reads the model, returns plain data (records, lists,
dicts) in a fixed order, and never prints, touches a file or knows about Textual. That
keeps one answer to each question ("who covers the affected?", "how healthy was the
partnership at kick-off?") whichever screen, report or test asks it, and a screen
that would compute a figure of its own finds it here instead.

- :mod:`.partners`: who is part of the project, and the questions for choosing them;
- :mod:`.roles`: roles, what partners give, and checks on each role;
- :mod:`.assessments`: assessment rounds, scores, bands and trends, and the minimum of
  answers a figure is shown for;
- :mod:`.groups`: how each group of partners scored a round, the gaps between groups,
  and respondents' comments;
- :mod:`.actions`: open, done and overdue actions;
- :mod:`.figures`: all of these for one state of a project, each worked out once.

Two conventions hold throughout:

- A partner *engaged* in the project is one that is invited or confirmed. Candidates
  are still being considered and declined partners have said no, so neither answers
  the guidance's questions about who is part of the project.
- Partners listed for people are ordered by name (case-insensitive, then id), so the
  same list reads the same everywhere.
"""

from __future__ import annotations

import importlib
from typing import Any

_MODULES = ("partners", "roles", "figures", "actions", "assessments", "groups")
"""Where the names below live, looked in in this order. A module is imported when a
name is first asked for and not found in the ones before it: the workbook's first
screen needs the partners and the roles, not the rounds' arithmetic."""


def __getattr__(name: str) -> Any:
    if name in __all__:
        for module in _MODULES:
            found = getattr(importlib.import_module(f"{__name__}.{module}"), name, None)
            if found is not None:
                globals()[name] = found
                return found
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


__all__ = [
    "BAND_SYMBOLS",
    "DISAGREEMENT_SPREAD",
    "ENGAGED",
    "HIDDEN_WORDS",
    "KIND_GROUPS",
    "SPARK_BLOCKS",
    "SPARK_MISSING",
    "Answer",
    "Band",
    "Comment",
    "Coverage",
    "Dimension",
    "Figures",
    "Gap",
    "GroupResult",
    "GroupResults",
    "GroupView",
    "IngredientStats",
    "PartnerRole",
    "References",
    "RoleGroup",
    "RoleLedger",
    "RoleSummary",
    "RoleTotals",
    "RoundInfo",
    "RoundStats",
    "Rounds",
    "Turnout",
    "action_counts",
    "anonymous_label",
    "answers",
    "band",
    "by_name",
    "comments",
    "considerations",
    "engaged_partners",
    "find_response",
    "group_label",
    "group_view",
    "is_overdue",
    "labelled_groups",
    "minimum_to_show",
    "missing_skills",
    "needed_skills",
    "not_yet_invited",
    "references_to",
    "respondent_label",
    "role_warnings",
    "round_score",
    "round_stats",
    "rounds",
    "skills_brought",
    "sparkline",
    "status_counts",
    "too_few",
    "turnout",
    "weak_or_disputed",
]
