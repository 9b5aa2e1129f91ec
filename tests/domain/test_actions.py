"""Actions of a deal's plan (issue 16, the domain first): validation, overdue, the grouping
the Plan tab and the printed plan read, and a person's open actions."""

from __future__ import annotations

from datetime import date

import pytest

from desktop.domain.actions import (
    Action,
    ActionStatus,
    IntendedChange,
    OwnerSide,
    PlanGroup,
    group_of,
    open_actions_for,
    overdue_summary,
    plan_order,
)
from desktop.domain.enums import Axis
from desktop.domain.errors import ValidationError
from desktop.domain.ids import new_id

TODAY = date(2026, 12, 3)  # a Thursday
CHEN = new_id()
KEVIN = new_id()


def test_an_action_cleans_its_text_and_keeps_its_people_once() -> None:
    action = Action(" Demo for the\nward teams ", due=date(2026, 12, 10),
                    owner_side=OwnerSide.US, owner="Anna", for_people=(CHEN, CHEN, KEVIN),
                    intended=IntendedChange(CHEN, Axis.TECHNICAL, 9, before=7))
    assert action.text == "Demo for the ward teams"
    assert action.for_people == (CHEN, KEVIN)
    assert action.is_open
    assert action.concerns(CHEN)
    assert action.concerns(KEVIN)
    assert not action.concerns(new_id())


@pytest.mark.parametrize(("fields", "place"), [
    ({"text": ""}, "text"),
    ({"text": "x" * 2_001}, "text"),
    ({"text": "ok", "status": "finished"}, "status"),
    ({"text": "ok", "owner_side": "them"}, "owner_side"),
    ({"text": "ok", "due": "2026-02-30"}, "due"),
    ({"text": "ok", "for_people": ("nobody",)}, "for_people[0]"),
])
def test_a_bad_action_names_the_field(fields: dict[str, object], place: str) -> None:
    with pytest.raises(ValidationError) as refused:
        Action(**fields)  # type: ignore[arg-type]
    assert refused.value.path == place


@pytest.mark.parametrize(("target", "before"), [(11, None), (None, 3), (True, 2), (7, -1),
                                                (7.0, 3)])
def test_an_intended_change_is_a_score(target: object, before: object) -> None:
    with pytest.raises(ValidationError):
        IntendedChange(CHEN, Axis.PERSONAL, target, before)  # type: ignore[arg-type]


def test_overdue_is_open_and_due_before_today() -> None:
    late = Action("Send the reference call notes", due=date(2026, 11, 28))
    assert late.is_overdue(TODAY)
    assert late.days_overdue(TODAY) == 5
    assert not Action("Due today", due=TODAY).is_overdue(TODAY)
    assert not late.done(TODAY).is_overdue(TODAY)
    assert not Action("No date").is_overdue(TODAY)


def test_status_changes_carry_their_day() -> None:
    action = Action("Security questionnaire", due=date(2026, 12, 1))
    finished = action.done(TODAY)
    assert finished.status is ActionStatus.DONE
    assert finished.changed == TODAY
    assert finished.done(date(2026, 12, 9)) is finished  # already done: the same day kept
    assert finished.reopened(date(2026, 12, 4)).status is ActionStatus.OPEN
    assert action.dropped(TODAY).status is ActionStatus.DROPPED


def test_the_plan_is_grouped_overdue_this_week_later_undated_closed() -> None:
    actions = [
        Action("Later b", due=date(2026, 12, 20)),
        Action("Overdue newer", due=date(2026, 12, 2)),
        Action("Sunday", due=date(2026, 12, 6)),
        Action("Monday next", due=date(2026, 12, 7)),
        Action("Overdue older", due=date(2026, 11, 20)),
        Action("Undated"),
        Action("Done long ago", status=ActionStatus.DONE, changed=date(2026, 11, 1)),
        Action("Done yesterday", status=ActionStatus.DONE, changed=date(2026, 12, 2)),
        Action("Today", due=TODAY),
    ]
    shown = [(group, [a.text for a in members]) for group, members in plan_order(actions, TODAY)]
    assert shown == [
        (PlanGroup.OVERDUE, ["Overdue older", "Overdue newer"]),
        (PlanGroup.THIS_WEEK, ["Today", "Sunday"]),
        (PlanGroup.LATER, ["Monday next", "Later b"]),
        (PlanGroup.UNDATED, ["Undated"]),
        (PlanGroup.CLOSED, ["Done yesterday", "Done long ago"]),
    ]
    assert group_of(Action("x", due=date(2026, 12, 6)), date(2026, 12, 7)) is PlanGroup.OVERDUE
    assert overdue_summary(actions, TODAY) == (2, 13)


def test_a_persons_open_actions_soonest_first() -> None:
    actions = [
        Action("Later", due=date(2026, 12, 20), for_people=(CHEN,)),
        Action("Owned by Chen", due=date(2026, 12, 5), owner_side=OwnerSide.CUSTOMER,
               owner=CHEN),
        Action("Moves Chen", intended=IntendedChange(CHEN, Axis.PERSONAL, 8)),
        Action("Done", for_people=(CHEN,), status=ActionStatus.DONE),
        Action("Kevin's", for_people=(KEVIN,)),
    ]
    assert [a.text for a in open_actions_for(actions, CHEN)] == [
        "Owned by Chen", "Later", "Moves Chen"]
