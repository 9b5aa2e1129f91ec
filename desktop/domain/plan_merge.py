"""Merging the plan of an incoming copy of a deal: actions, criteria, process steps and
alternatives, by id, with the rules people follow (``desktop/domain/merge.py``).

Nothing is deleted. A record only they have is added, its references mapped to my people
(a person they have and I do not comes in with the merge, so the reference holds; one that
maps to nobody is dropped from the record, as removing a person does). A record both have,
differing, is a conflict settled like the deal's own fields: mine or theirs.

Alternatives are matched by id, then by name (case ignored): "FleetIQ" typed on two laptops
is one competitor, and a version-1 file's competitors get the ids the migration gave them.
"""

from __future__ import annotations

import functools
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, replace
from typing import Any, Protocol, TypeVar

from desktop.domain.actions import Action
from desktop.domain.deal import Deal
from desktop.domain.decision import Criterion, ProcessStep


class _Record(Protocol):
    @property
    def id(self) -> str: ...


R = TypeVar("R", bound=_Record)


@dataclass(frozen=True, slots=True)
class PlanDifferences:
    """What merging their plan would change: records only they have, records both have
    that differ (as ``(kind, description)``), and whether the compelling event differs."""

    added: int
    conflicts: tuple[tuple[str, str], ...]


NO_PLAN_DIFFERENCES = PlanDifferences(0, ())


def align_alternatives(mine: Deal, theirs: Deal) -> Deal:
    """``theirs`` with each alternative that matches one of mine by name given my id (in
    their people's leanings and criteria ratings too), so that ids compare."""
    by_name = {a.name.casefold(): a.id for a in mine.alternatives}
    mine_ids = {a.id for a in mine.alternatives}
    mapping = {a.id: by_name[a.name.casefold()] for a in theirs.alternatives
               if a.id not in mine_ids and a.name.casefold() in by_name}
    if not mapping:
        return theirs
    alternatives = tuple(replace(a, id=mapping.get(a.id, a.id)) for a in theirs.alternatives)
    people = [replace(p, leans_to=mapping[p.leans_to]) for p in theirs.people
              if p.leans_to in mapping]
    criteria = tuple(replace(c, theirs={mapping.get(k, k): v for k, v in c.theirs.items()})
                     for c in theirs.criteria)
    return theirs.with_plan(alternatives=alternatives, criteria=criteria, people=people)


def differences(mine: Deal, theirs: Deal, people: Mapping[str, str]) -> PlanDifferences:
    """Their plan against mine (``theirs`` aligned; ``people`` maps their person ids to
    mine), before anybody decides."""
    added = 0
    conflicts: list[tuple[str, str]] = []
    for kind, field, label in _LISTS:
        ours = {r.id: r for r in getattr(mine, field)}
        for record in getattr(theirs, field):
            found = ours.get(record.id)
            if found is None:
                added += 1
            elif found != _map_record(field, record, people):
                conflicts.append((kind, str(getattr(found, label))))
    return PlanDifferences(added, tuple(conflicts))


def merged_plan(mine: Deal, theirs: Deal, people: Mapping[str, str], *,
                take_theirs: bool) -> dict[str, Any]:
    """The plan fields of the merged deal. ``people`` maps their person ids to the ids in
    the result; ``take_theirs`` settles records both have and that differ."""
    result: dict[str, Any] = {}
    for field in ("alternatives", "actions", "criteria", "process"):
        result[field] = _union(getattr(mine, field), getattr(theirs, field),
                               functools.partial(_map_record, field, people=people),
                               take_theirs)
    return result


def _person(person_id: str | None, people: Mapping[str, str]) -> str | None:
    return None if person_id is None else people.get(person_id)


def _mapped_action(action: Action, people: Mapping[str, str]) -> Action:
    intended = action.intended
    if intended is not None:
        target = _person(intended.person, people)
        intended = None if target is None else replace(intended, person=target)
    return replace(action, owner=people.get(action.owner, action.owner), intended=intended,
                   for_people=tuple(p for p in (people.get(q) for q in action.for_people)
                                    if p is not None))


def _mapped_criterion(criterion: Criterion, people: Mapping[str, str]) -> Criterion:
    return replace(criterion, owner=_person(criterion.owner, people))


def _mapped_step(step: ProcessStep, people: Mapping[str, str]) -> ProcessStep:
    return replace(step, approver=_person(step.approver, people))


def _map_record(field: str, record: Any, people: Mapping[str, str]) -> Any:
    """Their record with its people given the ids they have in the result."""
    if field == "actions":
        return _mapped_action(record, people)
    if field == "criteria":
        return _mapped_criterion(record, people)
    if field == "process":
        return _mapped_step(record, people)
    return record


def _union(mine: Sequence[R], theirs: Sequence[R], mapped: Callable[[R], R],
           take_theirs: bool) -> tuple[R, ...]:
    position = {r.id: i for i, r in enumerate(mine)}
    result = list(mine)
    for record in theirs:
        fitted = mapped(record)
        if record.id not in position:
            result.append(fitted)
        elif take_theirs:
            result[position[record.id]] = fitted
    return tuple(result)


_LISTS = (  # (what one is called, the deal's field, the attribute that names one)
    ("alternative", "alternatives", "name"),
    ("action", "actions", "text"),
    ("criterion", "criteria", "text"),
    ("process step", "process", "name"),
)
