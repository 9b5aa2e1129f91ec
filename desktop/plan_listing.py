"""The plan on the command line: ``actions DEAL`` as a table grouped like the Plan tab or
as JSON, and the few lines ``show DEAL`` gives it. Plain text without Qt, so the commands
stay quick; the wording comes from :mod:`desktop.domain.plan_reading` like the prints'."""

from __future__ import annotations

from datetime import date
from typing import Any

from desktop.domain.actions import overdue_summary
from desktop.domain.deal import Deal
from desktop.domain.plain import action_to_plain
from desktop.domain.plan_reading import (
    STEP_LABELS,
    for_whom,
    group_name,
    overdue,
    owner_text,
    sections_by_group,
    step_notes,
    upcoming,
)
from desktop.domain.wording import plural

Row = tuple[str, ...]
HEADER: Row = ("DUE", "STATUS", "ACTION", "OWNER", "FOR")
SHOW_NEXT = 5  # next actions listed by ``show``


def actions_json(deal: Deal, today: date, only_overdue: bool = False) -> list[dict[str, Any]]:
    """Each action as the deal file writes it, plus its Plan-tab ``group``, how many days
    it is ``overdue_days`` (0 when not) and its owner's name: in the Plan tab's order."""
    result = []
    for section in sections_by_group(deal.actions, today, only_overdue):
        for action in section.actions:
            plain = action_to_plain(action)
            plain["group"] = group_name(action, today)
            plain["overdue_days"] = action.days_overdue(today)
            plain["owner_name"] = deal.owner_name(action)
            result.append(plain)
    return result


def actions_tables(deal: Deal, today: date, only_overdue: bool = False
                   ) -> list[tuple[str, list[Row]]]:
    """One table per Plan-tab group (its title with the count, then the rows)."""
    tables = []
    for section in sections_by_group(deal.actions, today, only_overdue):
        rows: list[Row] = [HEADER]
        for action in section.actions:
            late = action.days_overdue(today)
            status = plural(late, "day") + " late" if late else action.status.label
            rows.append((action.due.isoformat() if action.due else "—", status, action.text,
                         owner_text(deal, action), for_whom(deal, action)))
        tables.append((f"{section.title} ({len(section.actions)})", rows))
    return tables


def actions_heading(deal: Deal, today: date) -> str:
    """"Northwind fleet telematics: 6 actions, 4 open, 1 overdue (the oldest by 5 days)"."""
    late, oldest = overdue_summary(deal.actions, today)
    open_count = sum(1 for a in deal.actions if a.is_open)
    parts = [plural(len(deal.actions), "action"), f"{open_count} open"]
    if late:
        parts.append(f"{late} overdue (the oldest by {plural(oldest, 'day')})")
    return f"{deal.name}: " + ", ".join(parts)


def show_lines(deal: Deal, today: date) -> list[str]:
    """The plan in brief for ``show``: overdue, the next actions, the compelling event and
    the decision process."""
    lines = [f"Plan: {actions_heading(deal, today).split(': ', 1)[1]}"]
    late = overdue(deal.actions, today)
    for action in late[:SHOW_NEXT]:
        lines.append(f"  overdue {plural(action.days_overdue(today), 'day')}: {action.text}"
                     f" ({owner_text(deal, action)})")
    coming = upcoming(deal.actions, today)[:SHOW_NEXT]
    if not coming:  # nothing in the next two weeks: the soonest open ones, undated last
        coming = sorted((a for a in deal.actions if a.is_open and not a.is_overdue(today)),
                        key=lambda a: (a.due or date.max, a.text.casefold()))[:SHOW_NEXT]
    for action in coming:
        due = action.due.isoformat() if action.due else "no date"
        lines.append(f"  next {due}: {action.text} ({owner_text(deal, action)})")
    event = deal.compelling_event
    if event is not None:
        by = f" (by {event.by.isoformat()})" if event.by else ""
        lines.append(f"Compelling event: {event.text}{by}")
    if deal.process:
        steps = []
        for step in deal.process:
            when = step.planned.isoformat() if step.planned else "no date"
            note = step_notes(step, deal.close_date, today)
            steps.append(f"{step.name} {when} {STEP_LABELS[step.status].lower()}"
                         + (f" ({note})" if note else ""))
        lines.append("Process: " + " → ".join(steps))
    return lines
