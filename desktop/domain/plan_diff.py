"""What changed in a deal's plan between two states ("since the QBR snapshot"): actions new,
done, dropped, slipped or newly overdue; criteria added, removed, re-weighted or re-rated;
process steps added, removed, moved or further along.

Records are matched by id. A snapshot stored before version 2 is read with ids derived from
what it had (``desktop.domain.version1``: a person's old next step becomes the action the
library's migration made of it, with the same id), so an old snapshot compared with today
reports what the seller changed, not the upgrade. Qt-free; ``diff.DealDiff`` shows it.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date, timedelta

from desktop.domain.actions import Action, ActionStatus
from desktop.domain.credit import NOBODY, Credit
from desktop.domain.deal import Deal
from desktop.domain.decision import Criterion, ProcessStep, StepStatus
from desktop.domain.flag_types import day_text
from desktop.domain.wording import score_text

STEP_WORDS = {StepStatus.PLANNED: "planned", StepStatus.UNDER_WAY: "under way",
              StepStatus.DONE: "done", StepStatus.SKIPPED: "skipped"}


def overdue_since(action: Action) -> date | None:
    """The first day an open action counts as overdue: the day after it was due."""
    return None if action.due is None or not action.is_open else action.due + timedelta(days=1)


def action_changes(before: Deal, after: Deal, *, today: date,
                   since: date | None = None, credit: Credit = NOBODY) -> tuple[str, ...]:
    """One sentence per change of an action, in the plan's order (removed ones last).

    "Overdue since" is said of an open action late today that was not late yet on ``since``
    (the snapshot's day; None: every late one) — what went wrong since the review."""
    old = {a.id: a for a in before.actions}
    out: list[str] = []
    for action in after.actions:
        quoted = f"“{action.text}”"
        late = None  # the day it became overdue, when that happened since the review
        if action.is_overdue(today) and (since is None or not action.is_overdue(since)):
            late = overdue_since(action)
        was = old.get(action.id)
        if was is None:
            due = f", due {day_text(action.due)}" if action.due else ", no date"
            out.append(f"New action: {quoted}{due}"
                       + (f", overdue since {day_text(late)}" if late else "")
                       + credit.record("actions", action.id))
            continue
        if was.status is not action.status:
            out.append(_status_change(was.status, action.status, quoted)
                       + credit.value(f"actions/{action.id}/status"))
        if was.due != action.due:
            out.append(_due_change(was.due, action.due, quoted)
                       + credit.value(f"actions/{action.id}/due"))
        if late:
            out.append(f"Overdue since {day_text(late)}: {quoted}")
    new_ids = {a.id for a in after.actions}
    out += [f"Action removed: “{a.text}”" for a in before.actions if a.id not in new_ids]
    return tuple(out)


def _status_change(was: ActionStatus, now: ActionStatus, quoted: str) -> str:
    if now is ActionStatus.DONE:
        return f"Action done: {quoted}"
    if now is ActionStatus.DROPPED:
        return f"Action dropped: {quoted}"
    return f"Action reopened: {quoted} (was {was.label.lower()})"


def _due_change(was: date | None, now: date | None, quoted: str) -> str:
    if was is None:
        return f"Action dated: {quoted}, due {day_text(now)}" if now else ""
    if now is None:
        return f"Action date removed: {quoted}, was due {day_text(was)}"
    days = (now - was).days
    if days > 0:
        return (f"Action slipped: {quoted}, due {day_text(was)} → {day_text(now)} "
                f"({days} day{'' if days == 1 else 's'} later)")
    return f"Action brought forward: {quoted}, due {day_text(was)} → {day_text(now)}"


def criterion_changes(before: Deal, after: Deal) -> tuple[str, ...]:
    """Criteria added, removed, re-weighted, re-rated (ours or an alternative's) or given to
    another owner."""
    old = {c.id: c for c in before.criteria}
    names = {**_names(before), **_names(after)}
    alternatives = {**{a.id: a.name for a in before.alternatives},
                    **{a.id: a.name for a in after.alternatives}}
    out: list[str] = []
    for criterion in after.criteria:
        was = old.get(criterion.id)
        if was is None:
            out.append(f"New criterion: {criterion.text} (weight {criterion.weight})")
            continue
        if was.weight != criterion.weight:
            out.append(f"Criterion re-weighted: {criterion.text}, weight {was.weight} → "
                       f"{criterion.weight}")
        ratings = _rating_changes(was, criterion, alternatives)
        if ratings:
            out.append(f"Criterion re-rated: {criterion.text}, {', '.join(ratings)}")
        if was.owner != criterion.owner:
            out.append(f"Criterion owner: {criterion.text}, {_who(was.owner, names)} → "
                       f"{_who(criterion.owner, names)}")
    new_ids = {c.id for c in after.criteria}
    out += [f"Criterion removed: {c.text}" for c in before.criteria if c.id not in new_ids]
    return tuple(out)


def _rating_changes(was: Criterion, now: Criterion,
                    alternatives: Mapping[str, str]) -> list[str]:
    found = []
    if was.ours != now.ours:
        found.append(f"ours {score_text(was.ours)} → {score_text(now.ours)}")
    for alternative in dict.fromkeys([*was.theirs, *now.theirs]):
        old, new = was.theirs.get(alternative), now.theirs.get(alternative)
        if old != new:
            name = alternatives.get(alternative, "another option")
            found.append(f"{name} {score_text(old)} → {score_text(new)}")
    return found


def step_changes(before: Deal, after: Deal) -> tuple[str, ...]:
    """Process steps added, removed, further along (or back), or moved in time."""
    old = {s.id: s for s in before.process}
    out: list[str] = []
    for step in after.process:
        was = old.get(step.id)
        if was is None:
            out.append(f"New process step: {step.name}, "
                       + (f"planned {day_text(step.planned)}" if step.planned else "no date"))
            continue
        if was.status is not step.status:
            out.append(f"Process step {STEP_WORDS[was.status]} → {STEP_WORDS[step.status]}: "
                       f"{step.name}")
        if was.planned != step.planned:
            out.append(_step_moved(was, step))
    new_ids = {s.id for s in after.process}
    out += [f"Process step removed: {s.name}" for s in before.process if s.id not in new_ids]
    return tuple(out)


def _step_moved(was: ProcessStep, now: ProcessStep) -> str:
    old = day_text(was.planned) if was.planned else "no date"
    new = day_text(now.planned) if now.planned else "no date"
    text = f"Process step moved: {now.name}, {old} → {new}"
    if was.planned is not None and now.planned is not None:
        days = (now.planned - was.planned).days
        text += f" ({abs(days)} day{'' if abs(days) == 1 else 's'} " \
                f"{'later' if days > 0 else 'earlier'})"
    return text


def plan_deal_changes(before: Deal, after: Deal) -> tuple[str, ...]:
    """The compelling event and the alternatives, worded like the deal's own fields."""
    out: list[str] = []
    if before.compelling_event != after.compelling_event:
        out.append(f"compelling event {_event(before)} → {_event(after)}")
    old = {a.id: a for a in before.alternatives}
    new = {a.id: a for a in after.alternatives}
    out += [f"new alternative {a.name} ({a.kind.label.lower()})"
            for key, a in new.items() if key not in old]
    out += [f"alternative removed {a.name}" for key, a in old.items() if key not in new]
    out += [f"alternative renamed {old[key].name} → {a.name}"
            for key, a in new.items() if key in old and old[key].name != a.name]
    return tuple(out)


def _event(deal: Deal) -> str:
    event = deal.compelling_event
    if event is None:
        return "—"
    return event.text + (f" (by {day_text(event.by)})" if event.by else "")


def _names(deal: Deal) -> dict[str, str]:
    return {p.id: p.name for p in deal.people}


def _who(person_id: str | None, names: Mapping[str, str]) -> str:
    return "—" if person_id is None else names.get(person_id, "someone removed")
