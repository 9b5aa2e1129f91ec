"""Merging the plan of an incoming copy of a deal: actions, criteria, process steps and
alternatives, by id, with the rules people follow (``desktop/domain/merge.py``).

Nothing is deleted. A record only they have is added, its references mapped to my people
(a person they have and I do not comes in with the merge, so the reference holds; one that
maps to nobody is dropped from the record, as removing a person does). A record both have,
differing, is a conflict settled like the deal's own fields: mine or theirs.

Alternatives are matched by id, then by name (case ignored): "FleetIQ" typed on two laptops
is one competitor, and a version-1 file's competitors get the ids the migration gave them.
Actions are matched by id, then by their words and people: a people table that carries each
person's next step (our CSV) brings back the step the deal has, not a copy of it.

Comments are never a conflict: both sides' are kept, by id, and a comment both have with
different words keeps the later (``desktop/domain/comments.py``); one on a person who does
not come in is left out.
"""

from __future__ import annotations

import functools
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, replace
from typing import Any, Protocol, TypeVar

from desktop.domain.actions import Action, OwnerSide
from desktop.domain.comments import CommentTarget, merged_comments, with_ids_mapped
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


def align_actions(mine: Deal, theirs: Deal, people: Mapping[str, str]) -> Deal:
    """``theirs`` with each bare action of theirs — a next step read from a people table:
    words, people and perhaps a due date, nothing else — that one of my open actions already
    is (the same words, concerning the same people; ``people`` maps their person ids to
    mine) replaced by mine with their due date, so that it compares with mine (a moved date
    is a conflict) instead of coming in twice. Several bare copies of one action of mine
    (one per person it is for) become that one action. Mine is written in their person
    ids, so it is aligned only when they have everyone it names."""
    mine_ids = {a.id for a in mine.actions}
    open_by_text: dict[str, list[Action]] = {}
    for action in mine.actions:
        if action.is_open:
            open_by_text.setdefault(_words(action.text), []).append(action)
    theirs_of = {m: t for t, m in people.items()}
    mine_people = {p.id for p in mine.people}
    actions: list[Action] = []
    used: set[str] = set()
    renamed: dict[str, str] = {}  # their action id → the id of mine it is
    for action in theirs.actions:
        copy = None
        if action.id not in mine_ids and _bare(action):
            targets = [people.get(p) for p in action.for_people]
            match = next((m for m in open_by_text.get(_words(action.text), ())
                          if all(t is not None and m.concerns(t) for t in targets)), None)
            if match is not None:
                copy = _in_their_ids(match, theirs_of, mine_people)
        if copy is None:
            actions.append(action)
            continue
        renamed[action.id] = copy.id
        if copy.id not in used:
            used.add(copy.id)
            actions.append(replace(copy, due=action.due or copy.due))
    if len(actions) == len(theirs.actions) and all(
            a is b for a, b in zip(actions, theirs.actions, strict=True)):
        return theirs
    comments = tuple(replace(c, target=renamed[c.target])
                     if c.target_kind is CommentTarget.ACTION and c.target in renamed else c
                     for c in theirs.comments)
    return theirs.with_plan(actions=tuple(actions), comments=comments)


def _in_their_ids(action: Action, theirs_of: Mapping[str, str],
                  mine_people: set[str]) -> Action | None:
    """My action naming my people by their ids; None when it names someone they lack."""
    named = [*action.for_people, *([action.intended.person] if action.intended else []),
             *([action.owner] if action.owner in mine_people else [])]
    if any(p not in theirs_of for p in named):
        return None
    intended = action.intended
    if intended is not None:
        intended = replace(intended, person=theirs_of[intended.person])
    return replace(action, for_people=tuple(theirs_of[p] for p in action.for_people),
                   owner=theirs_of.get(action.owner, action.owner), intended=intended)


def _words(text: str) -> str:
    return " ".join(text.casefold().split())


def _bare(action: Action) -> bool:
    """An action as a people table carries one: open, ours, for someone, nothing more."""
    return bool(action.for_people) and action.is_open and not action.owner \
        and action.owner_side is OwnerSide.US and action.intended is None \
        and action.changed is None and not action.internal


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
    known = {c.id for c in mine.comments}
    added += sum(1 for c in with_ids_mapped(theirs.comments, people) if c.id not in known)
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
    result["comments"] = merged_comments(mine.comments, with_ids_mapped(theirs.comments, people))
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
