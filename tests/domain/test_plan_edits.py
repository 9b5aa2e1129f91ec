"""The plan's edits as deals after them, and an action's date and intent in words."""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from desktop.domain.action_wording import due_words, intended_words, overdue_words
from desktop.domain.actions import Action, ActionStatus, IntendedChange
from desktop.domain.deal import Deal
from desktop.domain.enums import Axis
from desktop.domain.errors import ValidationError
from desktop.domain.person import Person
from desktop.domain.plan_edits import (
    find_action,
    status_verb,
    with_action_added,
    with_action_removed,
    with_action_replaced,
    with_status,
)

TODAY = date(2026, 12, 3)
CHEN = Person(name="Chen Wei")
DEMO = Action("Demo for the ward teams", TODAY + timedelta(days=6), for_people=(CHEN.id,))


def deal() -> Deal:
    return Deal(name="Helix", people=(CHEN,), actions=(DEMO,))


def test_add_replace_remove_keep_the_order_and_check_the_references() -> None:
    late = Action("Send the answers", TODAY - timedelta(days=2))
    added = with_action_added(deal(), late)
    assert [a.id for a in added.actions] == [DEMO.id, late.id]
    moved = with_action_replaced(added, Action("Demo, moved", DEMO.due, id=DEMO.id))
    assert [a.text for a in moved.actions] == ["Demo, moved", "Send the answers"]
    assert [a.id for a in with_action_removed(moved, DEMO.id).actions] == [late.id]
    with pytest.raises(ValidationError):  # an action for nobody in the deal is refused
        with_action_added(deal(), Action("Lunch", for_people=(Person(name="X").id,)))


def test_a_status_change_is_dated_and_the_same_status_changes_nothing() -> None:
    done = with_status(deal(), DEMO.id, ActionStatus.DONE, TODAY)
    action = find_action(done, DEMO.id)
    assert action is not None
    assert (action.status, action.changed) == (ActionStatus.DONE, TODAY)
    assert done.open_actions_for(CHEN.id) == ()
    assert with_status(done, DEMO.id, ActionStatus.DONE, TODAY) is done
    reopened = with_status(done, DEMO.id, ActionStatus.OPEN, TODAY + timedelta(days=1))
    assert reopened.next_action(CHEN.id) is not None
    assert [status_verb(s) for s in ActionStatus] == ["Reopen", "Complete", "Drop"]


def test_dates_and_intents_in_words() -> None:
    late = Action("Send the answers", TODAY - timedelta(days=1))
    assert overdue_words(late, TODAY) == "overdue 1 day"
    assert due_words(Action("x", TODAY - timedelta(days=12)), TODAY) == \
        "2026-11-21 · overdue 12 days"
    assert due_words(Action("x", TODAY), TODAY) == "2026-12-03 · today"  # not late yet
    assert due_words(Action("x"), TODAY) == ""
    assert due_words(late.done(TODAY), TODAY) == "2026-12-02"  # done: no longer late
    intended = IntendedChange(CHEN.id, Axis.TECHNICAL, 9, before=7)
    assert intended_words(deal(), intended) == "Chen Wei technical 7 → 9"
    assert intended_words(deal(), IntendedChange(CHEN.id, Axis.PERSONAL, 8)) == \
        "Chen Wei personal ? → 8"
    assert intended_words(deal(), None) == ""
