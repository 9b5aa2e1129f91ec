"""The plan as a reader sees it outside the window: who owns an action and whom it is for,
in words; what is overdue, what is due in the next two weeks, and the weeks of a mutual
plan. One home for these readings, so the brief, the mutual action plan, the ``actions``
command and the calendar export say the same thing the same way. Qt-free.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date, timedelta

from desktop.domain.actions import Action, ActionStatus, PlanGroup, group_of, plan_order
from desktop.domain.deal import Deal
from desktop.domain.decision import ProcessStep, StepStatus

UPCOMING_DAYS = 14  # the brief's "next 14 days"

STEP_LABELS = {StepStatus.PLANNED: "Planned", StepStatus.UNDER_WAY: "Under way",
               StepStatus.DONE: "Done", StepStatus.SKIPPED: "Skipped"}


def owner_text(deal: Deal, action: Action) -> str:
    """"Customer: Chen Wei", "Us: Sam Ortiz", or the side alone when nobody is named."""
    name = deal.owner_name(action)
    return f"{action.owner_side.label}: {name}" if name else action.owner_side.label


def for_whom(deal: Deal, action: Action) -> str:
    """The names of the people an action is for, in the action's order."""
    return ", ".join(deal.person(p).name for p in action.for_people if deal.has_person(p))


def day_text(day: date | None) -> str:
    """A date as a reader in any country takes it the same way: "Tue 8 Dec 2026"."""
    return "" if day is None else f"{day:%a} {day.day} {day:%b %Y}"


def overdue(actions: Iterable[Action], today: date) -> list[Action]:
    """Open actions due before today, the most overdue first."""
    late = [a for a in actions if a.is_overdue(today)]
    return sorted(late, key=lambda a: (a.due or date.max, a.text.casefold(), a.id))


def upcoming(actions: Iterable[Action], today: date,
             days: int = UPCOMING_DAYS) -> list[Action]:
    """Open actions due from today to ``days`` days ahead, soonest first."""
    end = today + timedelta(days=days)
    soon = [a for a in actions if a.is_open and a.due is not None and today <= a.due <= end]
    return sorted(soon, key=lambda a: (a.due or date.max, a.text.casefold(), a.id))


@dataclass(frozen=True, slots=True)
class PlanSection:
    """One heading of a printed or listed plan and its actions; ``late``: printed in red."""

    title: str
    actions: tuple[Action, ...]
    late: bool = False


def sections_by_week(actions: Iterable[Action], today: date) -> list[PlanSection]:
    """The mutual plan's order: what is past due, then each week (from its Monday) with
    something due, then what has no date yet, then what is done. Dropped actions are left
    out: a plan handed to the customer lists the work, not what was abandoned."""
    late: list[Action] = []
    weeks: dict[date, list[Action]] = {}
    undated: list[Action] = []
    done: list[Action] = []
    for action in actions:
        if action.status is ActionStatus.DONE:
            done.append(action)
        elif not action.is_open:
            continue
        elif action.due is None:
            undated.append(action)
        elif action.due < today:
            late.append(action)
        else:
            monday = action.due - timedelta(days=action.due.weekday())
            weeks.setdefault(monday, []).append(action)
    result: list[PlanSection] = []
    if late:
        result.append(PlanSection("Past due", tuple(_by_due(late)), late=True))
    for monday in sorted(weeks):
        title = "This week" if monday <= today else f"Week of {day_text(monday)}"
        result.append(PlanSection(title, tuple(_by_due(weeks[monday]))))
    if undated:
        result.append(PlanSection("No date yet", tuple(_by_due(undated))))
    if done:
        done.sort(key=lambda a: (a.changed or a.due or date.min, a.text.casefold()))
        result.append(PlanSection("Done", tuple(done)))
    return result


def sections_by_group(actions: Iterable[Action], today: date,
                      only_overdue: bool = False) -> list[PlanSection]:
    """The Plan tab's groups (overdue, this week, later, no date, done or dropped)."""
    return [PlanSection(group.label, tuple(members), late=group is PlanGroup.OVERDUE)
            for group, members in plan_order(actions, today)
            if not only_overdue or group is PlanGroup.OVERDUE]


def step_notes(step: ProcessStep, close: date | None, today: date,
               close_word: str = "close date") -> str:
    """What a reader should notice about a step: planned after the close date, or late."""
    notes = []
    if step.remaining and step.planned is not None and close is not None \
            and step.planned > close:
        notes.append(f"after the {close_word}")
    if step.remaining and step.planned is not None and step.planned < today:
        notes.append("date passed")
    if step.remaining and step.planned is None:
        notes.append("no date yet")
    return "; ".join(notes)


def step_rows(deal: Deal, steps: Sequence[ProcessStep], today: date,
              close_word: str = "close date") -> list[tuple[ProcessStep, list[str]]]:
    """Each step as printed: number, name, approver, planned date, status, remark
    (``close_word``: what the close date is called for this reader)."""
    rows = []
    for number, step in enumerate(steps, start=1):
        approver = (deal.person(step.approver).name
                    if step.approver and deal.has_person(step.approver) else "")
        rows.append((step, [str(number), step.name, approver, day_text(step.planned),
                            STEP_LABELS[step.status],
                            step_notes(step, deal.close_date, today, close_word)]))
    return rows


def _by_due(actions: list[Action]) -> list[Action]:
    return sorted(actions, key=lambda a: (a.due or date.max, a.text.casefold(), a.id))


def group_name(action: Action, today: date) -> str:
    """The Plan tab's group of an action, as the JSON of ``actions`` names it."""
    return group_of(action, today).value
