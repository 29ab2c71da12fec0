"""What the screens and reports show, derived from a project and nothing else.

Every function here is pure: it reads the model, returns plain data (dataclasses, lists,
dicts) in a fixed order, and never prints, touches a file or knows about Textual. That
keeps one answer to each question ("who covers the affected?", "how healthy was the
partnership at kick-off?") whichever screen, report or test asks it, and a screen
that would compute a figure of its own finds it here instead.

- :mod:`.partners`: who is part of the project, and the questions for choosing them;
- :mod:`.roles`: roles, what partners give, and checks on each role;
- :mod:`.rounds`: assessment rounds, scores, bands and trends;
- :mod:`.actions`: open, done and overdue actions;
- :mod:`.figures`: all of these for one state of a project, each worked out once.

Two conventions hold throughout:

- A partner *engaged* in the project is one that is invited or confirmed. Candidates
  are still being considered and declined partners have said no, so neither answers
  the guidance's questions about who is part of the project.
- Partners listed for people are ordered by name (case-insensitive, then id), so the
  same list reads the same everywhere.
"""

from partnertui.analysis.actions import action_counts, is_overdue
from partnertui.analysis.figures import Figures
from partnertui.analysis.partners import (
    ENGAGED,
    Coverage,
    References,
    by_name,
    considerations,
    engaged_partners,
    missing_skills,
    needed_skills,
    not_yet_invited,
    references_to,
    skills_brought,
    status_counts,
)
from partnertui.analysis.roles import (
    RoleGroup,
    RoleLedger,
    RoleSummary,
    RoleTotals,
    contribution_totals,
    contribution_values,
    overall_totals,
    role_counts,
    role_groups,
    role_warnings,
    totals_from,
    totals_of,
)
from partnertui.analysis.rounds import (
    BAND_SYMBOLS,
    DISAGREEMENT_SPREAD,
    SPARK_BLOCKS,
    SPARK_MISSING,
    Answer,
    Band,
    IngredientStats,
    RoundInfo,
    Rounds,
    RoundStats,
    answers,
    band,
    find_response,
    round_score,
    round_stats,
    rounds,
    sparkline,
    weak_or_disputed,
)

__all__ = [
    "BAND_SYMBOLS",
    "DISAGREEMENT_SPREAD",
    "ENGAGED",
    "SPARK_BLOCKS",
    "SPARK_MISSING",
    "Answer",
    "Band",
    "Coverage",
    "Figures",
    "IngredientStats",
    "References",
    "RoleGroup",
    "RoleLedger",
    "RoleSummary",
    "RoleTotals",
    "RoundInfo",
    "RoundStats",
    "Rounds",
    "action_counts",
    "answers",
    "band",
    "by_name",
    "considerations",
    "contribution_totals",
    "contribution_values",
    "engaged_partners",
    "find_response",
    "is_overdue",
    "missing_skills",
    "needed_skills",
    "not_yet_invited",
    "overall_totals",
    "references_to",
    "role_counts",
    "role_groups",
    "role_warnings",
    "round_score",
    "round_stats",
    "rounds",
    "skills_brought",
    "sparkline",
    "status_counts",
    "totals_from",
    "totals_of",
    "weak_or_disputed",
]
