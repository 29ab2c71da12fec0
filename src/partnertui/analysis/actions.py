"""Actions: which are open, done and overdue."""

from __future__ import annotations

from datetime import date

from partnertui.model import Action, Project


def is_overdue(action: Action, today: date) -> bool:
    """Not done and its due date has passed (an action due today is not yet late)."""
    return not action.done and action.due is not None and action.due < today


def action_counts(project: Project, today: date) -> tuple[int, int, int]:
    """``(open, done, overdue)``; overdue actions are open ones, counted in both."""
    done = sum(a.done for a in project.actions)
    overdue = sum(is_overdue(a, today) for a in project.actions)
    return len(project.actions) - done, done, overdue
