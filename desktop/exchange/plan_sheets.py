"""The plan as spreadsheet rows — the workbook's Plan, Criteria and Process sheets: one row
per action, per decision criterion (our rating, then a column per alternative) and per
process step, with the deal's name first so several deals share one sheet."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date

from desktop.domain.deal import Deal
from desktop.domain.plan_reading import STEP_LABELS, for_whom, group_name, step_notes

Rows = list[list[object]]


def plan_rows(deals: Sequence[Deal], today: date) -> Rows:
    rows: Rows = [["Deal", "Action", "Owner side", "Owner", "Due", "Status", "Changed",
                   "Group", "Days overdue", "For", "Intended change"]]
    for deal in deals:
        names = {p.id: p.name for p in deal.people}
        for action in deal.actions:
            intended = action.intended
            change = "" if intended is None else (
                f"{names.get(intended.person, '?')} {intended.axis.label}: "
                f"{'?' if intended.before is None else intended.before} → {intended.target}")
            rows.append([deal.name, action.text, action.owner_side.label,
                         deal.owner_name(action), action.due or "", action.status.label,
                         action.changed or "", group_name(action, today),
                         action.days_overdue(today) or "", for_whom(deal, action), change])
    return rows


def criteria_rows(deals: Sequence[Deal]) -> Rows:
    """A column per alternative name (across the deals, in order of first appearance)."""
    alternatives = list(dict.fromkeys(a.name for deal in deals for a in deal.alternatives))
    rows: Rows = [["Deal", "Rank", "Criterion", "Weight", "Owner", "Ours", *alternatives,
                   "Evidence"]]
    for deal in deals:
        by_name = {a.name: a.id for a in deal.alternatives}
        for rank, criterion in enumerate(deal.criteria, start=1):
            owner = deal.person(criterion.owner).name if criterion.owner else ""
            theirs = []
            for name in alternatives:
                rating = criterion.theirs.get(by_name.get(name, ""))
                theirs.append("" if rating is None else rating)
            rows.append([deal.name, rank, criterion.text, criterion.weight, owner,
                         "" if criterion.ours is None else criterion.ours, *theirs,
                         criterion.evidence])
    return rows


def process_rows(deals: Sequence[Deal], today: date) -> Rows:
    rows: Rows = [["Deal", "Step", "Name", "Approver", "Planned", "Status", "Note"]]
    for deal in deals:
        for number, step in enumerate(deal.process, start=1):
            approver = deal.person(step.approver).name if step.approver else ""
            rows.append([deal.name, number, step.name, approver, step.planned or "",
                         STEP_LABELS[step.status], step_notes(step, deal.close_date, today)])
    return rows
