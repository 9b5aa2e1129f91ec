"""The edits a seller makes to a deal's plan — add, change, complete, drop, reopen, delete an
action — each as the deal after it (``Deal.with_plan``), so the window turns any of them
into one undo step (``EditPlan``: the deal before and the deal after) and the Plan tab and
the inspector cannot disagree on what "complete" means. Qt-free.
"""

from __future__ import annotations

from datetime import date

from desktop.domain.actions import Action, ActionStatus
from desktop.domain.deal import Deal
from desktop.domain.plan_references import forget_actions


def with_action_added(deal: Deal, action: Action) -> Deal:
    """``deal`` with ``action`` at the end of its plan."""
    return deal.with_plan(actions=(*deal.actions, action))


def with_action_replaced(deal: Deal, action: Action) -> Deal:
    """``deal`` with a new value of one of its actions (same id, same place)."""
    return deal.with_plan(actions=tuple(action if a.id == action.id else a
                                        for a in deal.actions))


def with_action_removed(deal: Deal, action_id: str) -> Deal:
    """``deal`` without the action and the comments on it."""
    return deal.with_plan(actions=tuple(a for a in deal.actions if a.id != action_id),
                          **forget_actions(deal, {action_id}))


def with_status(deal: Deal, action_id: str, status: ActionStatus, today: date) -> Deal:
    """The action done, dropped or open again, with ``today`` as the day it changed (the
    deal unchanged when it already had that status)."""
    action = find_action(deal, action_id)
    if action is None or action.status is status:
        return deal
    changed = {ActionStatus.DONE: action.done, ActionStatus.DROPPED: action.dropped,
               ActionStatus.OPEN: action.reopened}[status](today)
    return with_action_replaced(deal, changed)


def find_action(deal: Deal, action_id: str) -> Action | None:
    return next((a for a in deal.actions if a.id == action_id), None)


def status_verb(status: ActionStatus) -> str:
    """The undo step's verb for a change of status: "Complete", "Drop", "Reopen"."""
    return {ActionStatus.DONE: "Complete", ActionStatus.DROPPED: "Drop",
            ActionStatus.OPEN: "Reopen"}[status]

