"""New ids for what an incoming deal shares with another deal of the library.

An id is unique across the whole library (a person, a line, a snapshot, an action, a
criterion, a process step and an alternative each belong to one deal), but a file can carry
ids the library already uses elsewhere: a copy of a deal saved under a new deal id, or the
same version-1 deal imported twice (its next steps' action ids are derived from the people).
Whatever would collide gets a new id here, and every record that named it — a line's ends,
an action's people, owner and intended change, a criterion's owner and ratings, a step's
approver, a person's leaning, a comment's person, action or flag — names the new one, so
the deal stays whole.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import replace
from typing import Protocol, TypeVar

from desktop.domain.actions import Action
from desktop.domain.comments import with_ids_mapped
from desktop.domain.deal import Deal
from desktop.domain.decision import Criterion, ProcessStep
from desktop.domain.ids import new_id


class _Record(Protocol):
    @property
    def id(self) -> str: ...


R = TypeVar("R", bound=_Record)


def fresh_ids(deal: Deal, taken: set[str], keep: frozenset[str]) -> Deal:
    """``deal`` with a new id for each person, line, snapshot and plan record whose id is
    in ``taken`` but not in ``keep`` (the deal's own records, already stored). ``taken``
    grows by every id the result uses."""
    people_ids: dict[str, str] = {}
    people = _renewed(deal.people, taken, keep, people_ids)
    alternative_ids: dict[str, str] = {}
    alternatives = _renewed(deal.alternatives, taken, keep, alternative_ids)
    relations = list(_renewed(deal.relations, taken, keep, {}))
    for index, relation in enumerate(relations):
        if relation.source in people_ids or relation.target in people_ids:
            relations[index] = replace(relation,
                                       source=people_ids.get(relation.source, relation.source),
                                       target=people_ids.get(relation.target, relation.target))
    snapshots = _renewed(deal.snapshots, taken, keep, {})
    action_ids: dict[str, str] = {}
    actions = _renewed(deal.actions, taken, keep, action_ids)
    criteria = _renewed(deal.criteria, taken, keep, {})
    process = _renewed(deal.process, taken, keep, {})
    comments = _renewed(deal.comments, taken, keep, {})
    if people_ids or action_ids:
        everyone = {p.id: people_ids.get(p.id, p.id) for p in deal.people}
        comments = with_ids_mapped(comments, everyone, action_ids)
    if people_ids or alternative_ids:
        people = tuple(replace(p, leans_to=alternative_ids[p.leans_to])
                       if p.leans_to in alternative_ids else p for p in people)
        people = tuple(replace(p, versus=replace(p.versus, alternative=alternative_ids[
            p.versus.alternative])) if p.versus and p.versus.alternative in alternative_ids
            else p for p in people)  # the alternative they scored, renewed with it
        actions = tuple(_action(a, people_ids) for a in actions)
        criteria = tuple(_criterion(c, people_ids, alternative_ids) for c in criteria)
        process = tuple(_step(s, people_ids) for s in process)
    result = (people, tuple(relations), snapshots, alternatives, actions, criteria, process,
              comments)
    if result == (deal.people, deal.relations, deal.snapshots, deal.alternatives,
                  deal.actions, deal.criteria, deal.process, deal.comments):
        return deal
    return replace(deal, people=people, relations=tuple(relations), snapshots=snapshots,
                   alternatives=alternatives, actions=actions, criteria=criteria,
                   process=process, comments=comments)


def with_people_ids(deal: Deal, mapping: Mapping[str, str]) -> Deal:
    """``deal`` with the people of ``mapping``'s keys under its values, and every record
    that names them — lines, actions, criteria, steps, comments — naming the new ids."""
    people = tuple(replace(p, id=mapping[p.id]) if p.id in mapping else p for p in deal.people)
    relations = tuple(
        replace(r, source=mapping.get(r.source, r.source), target=mapping.get(r.target, r.target))
        if r.source in mapping or r.target in mapping else r for r in deal.relations)
    everyone = {p.id: mapping.get(p.id, p.id) for p in deal.people}
    return replace(deal, people=people, relations=relations,
                   actions=tuple(_action(a, mapping) for a in deal.actions),
                   criteria=tuple(_criterion(c, mapping, {}) for c in deal.criteria),
                   process=tuple(_step(s, mapping) for s in deal.process),
                   comments=with_ids_mapped(deal.comments, everyone))


def _renewed(records: Sequence[R], taken: set[str], keep: frozenset[str],
             renamed: dict[str, str]) -> tuple[R, ...]:
    result = []
    for record in records:
        if record.id in taken and record.id not in keep:
            renamed[record.id] = new_id()
            record = replace(record, id=renamed[record.id])  # type: ignore[type-var]
        taken.add(record.id)
        result.append(record)
    return tuple(result)


def _action(action: Action, people: Mapping[str, str]) -> Action:
    intended = action.intended
    if intended is not None and intended.person in people:
        intended = replace(intended, person=people[intended.person])
    changed = replace(action, for_people=tuple(people.get(p, p) for p in action.for_people),
                      owner=people.get(action.owner, action.owner), intended=intended)
    return action if changed == action else changed


def _criterion(criterion: Criterion, people: Mapping[str, str],
               alternatives: Mapping[str, str]) -> Criterion:
    owner = criterion.owner
    changed = replace(criterion, owner=people.get(owner, owner) if owner else owner,
                      theirs={alternatives.get(k, k): v for k, v in criterion.theirs.items()})
    return criterion if changed == criterion else changed


def _step(step: ProcessStep, people: Mapping[str, str]) -> ProcessStep:
    approver = step.approver
    if approver is None or approver not in people:
        return step
    return replace(step, approver=people[approver])
