"""The plan as readers outside the window see it: overdue (most overdue first), the next 14
days (today and the 14th day included), the mutual plan's weeks, owners and people in words,
and what a process step's remark says."""

from __future__ import annotations

from datetime import timedelta

from desktop.domain.actions import Action, ActionStatus, OwnerSide
from desktop.domain.decision import ProcessStep, StepStatus
from desktop.domain.plan_reading import (
    day_text,
    for_whom,
    overdue,
    owner_text,
    sections_by_group,
    sections_by_week,
    step_notes,
    upcoming,
)
from tests.helpers.plans import TODAY, days


def test_overdue_is_open_and_before_today_most_overdue_first() -> None:
    old = Action("old", days(-9))
    recent = Action("recent", days(-1))
    today = Action("today", TODAY)
    done = Action("done late", days(-20), status=ActionStatus.DONE)
    assert overdue([recent, today, done, old], TODAY) == [old, recent]


def test_the_next_14_days_include_today_and_the_14th_day() -> None:
    first = Action("today", TODAY)
    last = Action("last day", days(14))
    beyond = Action("beyond", days(15))
    undated = Action("undated")
    late = Action("late", days(-1))
    dropped = Action("dropped", days(2), status=ActionStatus.DROPPED)
    assert upcoming([beyond, last, undated, late, dropped, first], TODAY) == [first, last]


def test_the_mutual_plans_weeks() -> None:
    actions = [Action("late", days(-3)), Action("thursday", TODAY),
               Action("sunday", days(3)), Action("next monday", days(4)),
               Action("in a month", days(30)), Action("undated"),
               Action("done", days(-10), status=ActionStatus.DONE, changed=days(-8)),
               Action("dropped", days(5), status=ActionStatus.DROPPED)]
    sections = sections_by_week(actions, TODAY)
    titles = [(s.title, [a.text for a in s.actions], s.late) for s in sections]
    assert titles == [
        ("Past due", ["late"], True),
        ("This week", ["thursday", "sunday"], False),
        ("Week of Mon 7 Dec 2026", ["next monday"], False),
        ("Week of Mon 28 Dec 2026", ["in a month"], False),  # Sat 2 Jan
        ("No date yet", ["undated"], False),
        ("Done", ["done"], False),
    ]
    assert sections_by_week([], TODAY) == []


def test_the_plan_tabs_groups_and_only_the_overdue() -> None:
    actions = [Action("late", days(-3)), Action("later", days(30)), Action("undated")]
    assert [s.title for s in sections_by_group(actions, TODAY)] == [
        "Overdue", "Later", "No date yet"]
    assert [s.title for s in sections_by_group(actions, TODAY, only_overdue=True)] == [
        "Overdue"]


def test_owner_and_people_in_words() -> None:
    from desktop.demo import demo_deals

    deal = next(d for d in demo_deals() if d.name.startswith("Northwind"))
    a, b = deal.people[:2]
    theirs = Action("x", owner_side=OwnerSide.CUSTOMER, owner=a.id, for_people=(a.id, b.id))
    ours = Action("y", owner_side=OwnerSide.US, owner="Sam Ortiz")
    nobody = Action("z", owner_side=OwnerSide.PARTNER)
    assert owner_text(deal, theirs) == f"Customer: {a.name}"
    assert owner_text(deal, ours) == "Us: Sam Ortiz"
    assert owner_text(deal, nobody) == "Partner"
    assert for_whom(deal, theirs) == f"{a.name}, {b.name}"


def test_a_steps_remark() -> None:
    close = days(30)
    after = ProcessStep("Board", planned=days(40))
    assert step_notes(after, close, TODAY) == "after the close date"
    assert step_notes(after, close, TODAY, "target date") == "after the target date"
    assert step_notes(ProcessStep("Legal"), close, TODAY) == "no date yet"
    assert step_notes(ProcessStep("Eval", planned=days(-2)), close, TODAY) == "date passed"
    done = ProcessStep("Eval", planned=days(40), status=StepStatus.DONE)
    assert step_notes(done, close, TODAY) == ""
    assert day_text(TODAY + timedelta(days=1)) == "Fri 4 Dec 2026"
    assert day_text(None) == ""
