"""What the customer needs to move forward, as dated work: an action of a deal's plan.

The founding question — "what does this person need to move forward?" — was one free-text
"next step" per person, with no date, owner or status. An action has them all, the people
it is for, and optionally the change it intends ("demo for the ward teams → Chen Wei
technical 7 → 9"), so that a plan can be judged by what it is meant to move. Qt-free and
SQL-free like the rest of the domain; the Plan tab, the brief and the mutual action plan
read the grouping below (overdue / this week / later / done).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field, replace
from datetime import date, timedelta
from enum import StrEnum

from desktop.domain.enums import Axis
from desktop.domain.errors import ValidationError
from desktop.domain.ids import check_id, new_id
from desktop.domain.scores import check_score_value
from desktop.domain.text import MEDIUM_TEXT, SHORT_TEXT, clean_text


class OwnerSide(StrEnum):
    """Whose work it is: ours, the customer's, or a partner's."""

    US = "us"
    CUSTOMER = "customer"
    PARTNER = "partner"

    @property
    def label(self) -> str:
        return {"us": "Us", "customer": "Customer", "partner": "Partner"}[self.value]


class ActionStatus(StrEnum):
    OPEN = "open"
    DONE = "done"
    DROPPED = "dropped"

    @property
    def label(self) -> str:
        return self.value.capitalize()


class PlanGroup(StrEnum):
    """Where an action sits in the Plan tab and on paper, in this order."""

    OVERDUE = "overdue"
    THIS_WEEK = "this-week"
    LATER = "later"
    UNDATED = "undated"
    CLOSED = "closed"  # done or dropped

    @property
    def label(self) -> str:
        return {"overdue": "Overdue", "this-week": "This week", "later": "Later",
                "undated": "No date yet", "closed": "Done or dropped"}[self.value]


@dataclass(frozen=True, slots=True)
class IntendedChange:
    """The change an action is meant to bring: one person's score on one axis, to a target
    (``before`` is the score when the action was planned; unknown is ``None``)."""

    person: str
    axis: Axis
    target: int
    before: int | None = None

    def __post_init__(self) -> None:
        object.__setattr__(self, "person", check_id(self.person, "intended.person"))
        if not isinstance(self.axis, Axis):
            raise ValidationError("intended.axis", f"{self.axis!r} is not an axis")
        check_score_value(self.target, "intended.target")
        if self.target is None:
            raise ValidationError("intended.target", "an intended change needs a target score")
        check_score_value(self.before, "intended.before")


@dataclass(frozen=True, slots=True)
class Action:
    """One step of the deal's plan. ``owner`` is a person of the deal (their id) when the
    customer or a partner owns it, else a name on our side; ``for_people`` are the people
    it is meant to move. ``changed`` is the day the status last changed. An ``internal``
    action ("find out who Lucas listens to") is the seller's own homework: the mutual action
    plan handed to the champion leaves it out."""

    text: str
    due: date | None = None
    owner_side: OwnerSide = OwnerSide.US
    owner: str = ""
    status: ActionStatus = ActionStatus.OPEN
    changed: date | None = None
    for_people: tuple[str, ...] = ()
    intended: IntendedChange | None = None
    internal: bool = False  # ours alone: never on the mutual action plan the customer sees
    id: str = field(default_factory=new_id)

    def __post_init__(self) -> None:
        object.__setattr__(self, "id", check_id(self.id, "id"))
        object.__setattr__(self, "text", clean_text(self.text, "text", limit=MEDIUM_TEXT))
        if not self.text:
            raise ValidationError("text", "must not be empty")
        if not isinstance(self.owner_side, OwnerSide):
            raise ValidationError("owner_side", f"{self.owner_side!r} is not us, customer "
                                                "or partner")
        if not isinstance(self.status, ActionStatus):
            raise ValidationError("status", f"{self.status!r} is not open, done or dropped")
        object.__setattr__(self, "owner", clean_text(self.owner, "owner", limit=SHORT_TEXT))
        for name in ("due", "changed"):
            value = getattr(self, name)
            if value is not None and not isinstance(value, date):
                raise ValidationError(name, f"{value!r} is not a date")
        people = tuple(check_id(p, f"for_people[{i}]") for i, p in enumerate(self.for_people))
        object.__setattr__(self, "for_people", tuple(dict.fromkeys(people)))
        if self.intended is not None and not isinstance(self.intended, IntendedChange):
            raise ValidationError("intended", "expected an intended change")
        if not isinstance(self.internal, bool):
            raise ValidationError("internal", f"{self.internal!r} is not true or false")

    @property
    def is_open(self) -> bool:
        return self.status is ActionStatus.OPEN

    def is_overdue(self, today: date) -> bool:
        """Open and due before today (due today is not late yet)."""
        return self.is_open and self.due is not None and self.due < today

    def days_overdue(self, today: date) -> int:
        return (today - self.due).days if self.due is not None and self.is_overdue(today) \
            else 0

    def concerns(self, person_id: str) -> bool:
        """Is this action for, owned by, or meant to move this person?"""
        return (person_id in self.for_people or self.owner == person_id
                or (self.intended is not None and self.intended.person == person_id))

    def done(self, on: date) -> Action:
        return _with_status(self, ActionStatus.DONE, on)

    def dropped(self, on: date) -> Action:
        return _with_status(self, ActionStatus.DROPPED, on)

    def reopened(self, on: date) -> Action:
        return _with_status(self, ActionStatus.OPEN, on)


def _with_status(action: Action, status: ActionStatus, on: date) -> Action:
    return action if action.status is status else replace(action, status=status, changed=on)


def group_of(action: Action, today: date) -> PlanGroup:
    """Overdue; this week (due today up to the coming Sunday); later; no date; closed."""
    if not action.is_open:
        return PlanGroup.CLOSED
    if action.due is None:
        return PlanGroup.UNDATED
    if action.due < today:
        return PlanGroup.OVERDUE
    end_of_week = today + timedelta(days=6 - today.weekday())
    return PlanGroup.THIS_WEEK if action.due <= end_of_week else PlanGroup.LATER


def plan_order(actions: Iterable[Action], today: date) -> list[tuple[PlanGroup, list[Action]]]:
    """The plan as the seller reads it: groups in order, each sorted by due date (the most
    overdue first), then by text; closed actions newest change first. Empty groups are
    left out."""
    groups: dict[PlanGroup, list[Action]] = {group: [] for group in PlanGroup}
    for action in actions:
        groups[group_of(action, today)].append(action)
    for group, members in groups.items():
        if group is PlanGroup.CLOSED:
            members.sort(key=lambda a: (-(a.changed or date.min).toordinal(), a.text.casefold()))
        else:
            members.sort(key=lambda a: (a.due or date.max, a.text.casefold(), a.id))
    return [(group, members) for group, members in groups.items() if members]


def open_actions_for(actions: Sequence[Action], person_id: str) -> list[Action]:
    """A person's open actions, soonest first: what the inspector lists, and what replaces
    the old single "next step"."""
    return sorted((a for a in actions if a.is_open and a.concerns(person_id)),
                  key=lambda a: (a.due or date.max, a.text.casefold()))


def overdue_summary(actions: Iterable[Action], today: date) -> tuple[int, int]:
    """How many open actions are overdue, and by how many days the oldest is."""
    late = [a.days_overdue(today) for a in actions if a.is_overdue(today)]
    return len(late), max(late, default=0)
