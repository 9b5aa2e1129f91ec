"""The demo deals' past: two snapshots each — a discovery review two weeks after the deal
was opened and a QBR two weeks before its last change — so the Review tab, the ``review``
command and the triangle's history have something real to show on first start.

The earlier states are derived from the deal as shipped (a newcomer not met yet, a champion
who was only a supporter, scores lower or unknown, actions still open or due earlier,
process steps not started), with ids and times fixed by the deal's, so adding the demo twice
adds nothing and every run shows the same review.
"""

from __future__ import annotations

import uuid
from dataclasses import replace
from datetime import UTC, datetime, timedelta

from desktop.domain.actions import Action, ActionStatus
from desktop.domain.deal import Deal, Snapshot
from desktop.domain.decision import StepStatus
from desktop.domain.enums import Axis, Influence, Support
from desktop.domain.person import Person
from desktop.domain.scores import Score

COOLED = 2  # the most influential supporters were this many people a step cooler before
_INFLUENCE_RANK = {Influence.HIGH: 2, Influence.MEDIUM: 1, Influence.LOW: 0}
_WEAKER = {Support.MENTOR: Support.SUPPORTER, Support.SUPPORTER: Support.NEUTRAL,
           Support.NEUTRAL: Support.OPPONENT}


def with_history(deal: Deal) -> Deal:
    """``deal`` with its two demo snapshots (none when it has snapshots already)."""
    if deal.snapshots or deal.created_at is None or deal.updated_at is None:
        return deal
    qbr = _earlier(deal, people_gone=1, slip_days=7)
    discovery = _earlier(qbr, people_gone=2, slip_days=14, unknown_personal=True)
    return replace(deal, snapshots=(
        _snapshot(deal, "Discovery review", deal.created_at + timedelta(days=14), discovery),
        _snapshot(deal, "QBR", deal.updated_at - timedelta(days=14), qbr),
    ))


def _snapshot(deal: Deal, name: str, at: datetime, state: Deal) -> Snapshot:
    taken = at.replace(hour=9, minute=0, second=0, microsecond=0, tzinfo=at.tzinfo or UTC)
    return Snapshot(name, taken, replace(state, updated_at=taken),
                    id=str(uuid.uuid5(uuid.NAMESPACE_URL, f"demo-snapshot/{deal.id}/{name}")))


def _earlier(deal: Deal, *, people_gone: int, slip_days: int,
             unknown_personal: bool = False) -> Deal:
    """The deal as it was a few weeks before: the last people met not met yet, the most
    influential supporters a step cooler with lower business scores, the done actions
    still open and the open ones due earlier (they slipped since), steps not started."""
    unplanned = [p for p in reversed(deal.people) if not _decides(deal, p.id)]
    gone = {p.id for p in unplanned[:people_gone]}
    warm = [p for p in deal.people if p.support in (Support.SUPPORTER, Support.MENTOR)]
    warm.sort(key=lambda p: -_INFLUENCE_RANK[p.influence])
    cooled = {p.id for p in warm[:COOLED]}
    people = [_cooler(p, unknown_personal) if p.id in cooled else p
              for p in deal.people if p.id not in gone]
    actions = tuple(
        replace(a, status=ActionStatus.OPEN, changed=None) if a.status is ActionStatus.DONE
        else replace(a, due=a.due - timedelta(days=slip_days))
        if a.due is not None and a.is_open and number % 3 == 0 else a
        for number, a in enumerate(deal.actions) if not _names_any(a, gone))
    process = tuple(replace(s, status=StepStatus.PLANNED)
                    if s.status is StepStatus.DONE and number % 2 else s
                    for number, s in enumerate(deal.process))
    relations = tuple(r for r in deal.relations if r.source not in gone
                      and r.target not in gone)
    # Comments are read from today's deal by a review: the older states carry none.
    return replace(deal, people=tuple(people), relations=relations, actions=actions,
                   process=process, comments=(), snapshots=())


def _cooler(person: Person, unknown_personal: bool) -> Person:
    business = person.scores.business
    scores = person.scores
    if business.value is not None:
        scores = scores.with_score(Axis.BUSINESS, replace(
            business, value=max(0, business.value - 2),
            evidence="Positive in the first meeting, nothing concrete yet."))
    if unknown_personal:
        scores = scores.with_score(Axis.PERSONAL, Score(private=True))
    return replace(person, support=_WEAKER[person.support], scores=scores)


def _decides(deal: Deal, person_id: str) -> bool:
    """Whether the person owns a criterion or approves a step (kept in every older state:
    those records were there from the start)."""
    return any(c.owner == person_id for c in deal.criteria) or any(
        s.approver == person_id for s in deal.process)


def _names_any(action: Action, people: set[str]) -> bool:
    """Whether the action is about one of ``people`` (so it came after they were met)."""
    return action.owner in people or bool(people & set(action.for_people)) or (
        action.intended is not None and action.intended.person in people)
