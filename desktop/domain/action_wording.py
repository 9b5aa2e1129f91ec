"""An action's date and intent in words, the same in the Plan tab, the people table and the
inspector: "overdue 3 days" (red wherever it is shown), "due today", "Chen Wei technical
7 → 9". Qt-free; the printed plan words its own headings (plan_reading)."""

from __future__ import annotations

from datetime import date

from desktop.domain.actions import Action, IntendedChange
from desktop.domain.deal import Deal
from desktop.domain.wording import plural, score_text


def overdue_words(action: Action, today: date) -> str:
    """"overdue 1 day", "overdue 12 days"; empty when the action is not overdue."""
    late = action.days_overdue(today)
    return f"overdue {plural(late, 'day')}" if late else ""


def due_words(action: Action, today: date) -> str:
    """The due date as a cell says it: "2026-12-10", "2026-12-01 · overdue 2 days",
    "2026-12-03 · today"; empty when there is no date. The ISO date first: a column of
    them lines up and reads the same in every country."""
    if action.due is None:
        return ""
    late = overdue_words(action, today)
    if late:
        return f"{action.due.isoformat()} · {late}"
    if action.is_open and action.due == today:
        return f"{action.due.isoformat()} · today"
    return action.due.isoformat()


def intended_words(deal: Deal, intended: IntendedChange | None) -> str:
    """"Chen Wei technical 7 → 9" ("?" for a score not known when it was planned)."""
    if intended is None:
        return ""
    who = deal.person(intended.person).name if deal.has_person(intended.person) else "?"
    return (f"{who} {intended.axis.value} {score_text(intended.before)} → "
            f"{intended.target}")
