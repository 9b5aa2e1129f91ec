"""The plan as an iCalendar file (``.ics``), for the seller's calendar or task list.

Each action is one VTODO — a to-do is what an action is, and a to-do may have no date,
which an event may not: dated actions carry DUE (a whole day), undated ones none. STATUS
is NEEDS-ACTION, COMPLETED or CANCELLED; the UID is the action's id ``@deal-triangle``, so
importing the file again updates the same to-dos instead of adding copies. SUMMARY is the
action's text; DESCRIPTION says who owns it, whom it is for and the deal. Nothing of the
seller's judgement goes in (no scores, no intended change, no private notes): a calendar
is easily shared. Written with the ``icalendar`` library, which also reads it back in the
tests.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import UTC, datetime
from pathlib import Path

from desktop.domain.actions import Action, ActionStatus
from desktop.domain.deal import Deal
from desktop.domain.plan_reading import for_whom, owner_text
from desktop.exchange.registry import Format
from desktop.exchange.safe_write import write_bytes

PRODUCT = "-//Deal Triangle//Plan//EN"
UID_DOMAIN = "deal-triangle"
STATUSES = {ActionStatus.OPEN: "NEEDS-ACTION", ActionStatus.DONE: "COMPLETED",
            ActionStatus.DROPPED: "CANCELLED"}


def uid_of(action: Action) -> str:
    return f"{action.id}@{UID_DOMAIN}"


def calendar_bytes(deals: Sequence[Deal], now: datetime | None = None) -> bytes:
    """One calendar with every action of ``deals`` as a to-do; ``now`` stamps them."""
    from icalendar import Calendar, Todo  # loaded when a calendar is written

    stamp = (now or datetime.now(UTC)).replace(microsecond=0)
    calendar = Calendar()
    calendar.add("prodid", PRODUCT)
    calendar.add("version", "2.0")
    name = deals[0].name if len(deals) == 1 else "Deal Triangle plans"
    calendar.add("x-wr-calname", f"{name} — plan")
    for deal in deals:
        for action in deal.actions:
            todo = Todo()
            todo.add("uid", uid_of(action))
            todo.add("dtstamp", stamp)
            todo.add("summary", action.text)
            todo.add("status", STATUSES[action.status])
            if action.due is not None:
                todo.add("due", action.due)  # a date: the whole day
            if action.status is ActionStatus.DONE:
                todo.add("percent-complete", 100)
            todo.add("description", description(deal, action))
            todo.add("categories", [deal.name])
            calendar.add_component(todo)
    return bytes(calendar.to_ical())


def description(deal: Deal, action: Action) -> str:
    lines = [f"Owner: {owner_text(deal, action)}"]
    people = for_whom(deal, action)
    if people:
        lines.append(f"For: {people}")
    lines.append(f"Deal: {deal.name}" + (f" ({deal.account})" if deal.account else ""))
    return "\n".join(lines)


def write(deals: Sequence[Deal], path: Path, include_private: bool) -> list[Path]:
    del include_private  # the plan's to-dos carry nothing private either way
    write_bytes(path, calendar_bytes(deals))
    return [path]


FORMAT = Format("ics", "iCalendar plan (ICS)", (".ics",), write=write)
