"""The plan's printed sections, shared by the brief and the mutual action plan: a list of
actions (overdue ones in red, what did not fit counted) and the decision process with the
compelling event (a step planned after the close date marked and red)."""

from __future__ import annotations

from datetime import date

from desktop.domain.actions import Action
from desktop.domain.deal import Deal
from desktop.domain.decision import steps_after
from desktop.domain.plan_reading import day_text, for_whom, owner_text, step_rows
from desktop.domain.wording import plural
from desktop.palette import MUTED_INK, OVERDUE
from desktop.render.printing.sections import Section, text_lines
from desktop.render.printing.table import Column, Table


def actions_section(deal: Deal, title: str, actions: list[Action], most: int, width: float,
                    today: date, empty: str, *, late: bool = False) -> Section:
    """At most ``most`` of ``actions`` (text, owner, for whom, due; ``late`` adds how many
    days late), overdue rows red; ``empty`` says there are none."""
    section = Section(title)
    if not actions:
        section.lines = text_lines(empty, width)
        return section
    shown = actions[:most]
    columns = [Column("Action", 4.6), Column("Owner", 2.6), Column("For", 2.2),
               Column("Due", 1.9)]
    rows = [[a.text, owner_text(deal, a), for_whom(deal, a), day_text(a.due)] for a in shown]
    if late:
        columns.append(Column("Late", 1.1, right=True))
        for row, action in zip(rows, shown, strict=True):
            row.append(plural(action.days_overdue(today), "day"))
    section.table = Table(columns, rows, width,
                          colours=[OVERDUE if a.is_overdue(today) else "" for a in shown])
    if len(actions) > most:
        section.after = text_lines(f"… and {len(actions) - most} more: see the Plan tab or "
                                   "print the mutual action plan.", width, 8,
                                   colour=MUTED_INK)
    return section


def process_section(deal: Deal, width: float, today: date, most: int | None = None, *,
                    for_customer: bool = False) -> Section:
    """The compelling event, then the decision process's steps in order; a step planned
    after the close date is marked, and printed red. ``for_customer``: worded for the
    customer's own reading (the mutual action plan: "why now", the target date, no red)."""
    section = Section("Decision process")
    event = deal.compelling_event
    close_word = "target date" if for_customer else "close date"
    if event is not None:
        by = f" — by {day_text(event.by)}" if event.by else ""
        label = "Why now" if for_customer else "Compelling event"
        section.lines = text_lines(f"{label}: {event.text}{by}", width, 9)
    elif not for_customer:
        section.lines = text_lines("No compelling event written yet: what happens if "
                                   "they do nothing?", width, 9, italic=True)
    steps = list(deal.process)
    shown = steps if most is None else steps[:most]
    if not shown:
        section.lines += text_lines("No process steps written yet.", width, 9)
        return section
    if deal.close_date is not None:
        label = "Target decision date" if for_customer else "Close date"
        section.lines += text_lines(f"{label}: {day_text(deal.close_date)}", width, 8,
                                    colour=MUTED_INK)
    rows = step_rows(deal, shown, today, close_word)
    late = {step.id for step in steps_after(shown, deal.close_date)}
    section.table = Table(
        [Column("#", 0.35, right=True), Column("Step", 3.6), Column("Approver", 2.2),
         Column("Planned", 1.9), Column("Status", 1.1), Column("Note", 2.2)],
        [cells for _step, cells in rows], width,
        # Red is our warning; on the customer's page the note says it plainly enough.
        colours=[OVERDUE if step.id in late and not for_customer else ""
                 for step, _cells in rows])
    if len(steps) > len(shown):
        section.after = text_lines(f"… and {len(steps) - len(shown)} more steps: see the "
                                   "Decision tab.", width, 8, colour=MUTED_INK)
    return section
