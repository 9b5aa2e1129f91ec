"""What the plan does when a person or an alternative it names goes away.

The plan's records point at people (an action's people, owner and intended change; a
criterion's owner; a step's approver) and at alternatives (a person's leaning, a criterion's
ratings). A deal never holds a reference to nobody, so removing a person or an alternative
rewrites the records that named them — in the same transaction, so that undo, which puts the
old records back, restores exactly what was there.

An action owned by a removed person keeps the person's *name* as its owner: "Chen Wei to
book the ward visit" still says who promised it. Comments on a removed person go with them
(a comment on nobody is refused), as do comments on a removed action.
"""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import replace
from typing import Any

from desktop.domain.comments import CommentTarget, without_targets
from desktop.domain.deal import Deal
from desktop.domain.decision import Alternative, AlternativeKind


def forget_people(deal: Deal, person_ids: Collection[str]) -> dict[str, Any]:
    """The plan fields of ``deal`` that change when ``person_ids`` leave it (for
    ``Deal.with_plan`` once they are gone); empty when the plan names none of them."""
    gone = set(person_ids)
    if not gone:
        return {}
    changes: dict[str, Any] = {}
    actions = []
    for action in deal.actions:
        fixed = action
        if gone & set(action.for_people):
            fixed = replace(fixed, for_people=tuple(p for p in action.for_people
                                                    if p not in gone))
        if action.owner in gone:
            fixed = replace(fixed, owner=deal.person(action.owner).name)
        if action.intended is not None and action.intended.person in gone:
            fixed = replace(fixed, intended=None)
        actions.append(fixed)
    if any(a is not b for a, b in zip(actions, deal.actions, strict=True)):
        changes["actions"] = tuple(actions)
    criteria = tuple(replace(c, owner=None) if c.owner in gone else c for c in deal.criteria)
    if criteria != deal.criteria:
        changes["criteria"] = criteria
    process = tuple(replace(s, approver=None) if s.approver in gone else s
                    for s in deal.process)
    if process != deal.process:
        changes["process"] = process
    comments = without_targets(deal.comments, CommentTarget.PERSON, gone)
    if len(comments) != len(deal.comments):
        changes["comments"] = comments
    return changes


def forget_actions(deal: Deal, action_ids: Collection[str]) -> dict[str, Any]:
    """The plan fields that change when actions are removed: their comments go too."""
    comments = without_targets(deal.comments, CommentTarget.ACTION, action_ids)
    return {"comments": comments} if len(comments) != len(deal.comments) else {}


def forget_alternatives(deal: Deal, alternative_ids: Collection[str]) -> dict[str, Any]:
    """The fields (people and criteria) that change when alternatives are removed: nobody
    leans to them any more, nobody's scores of them stay, and no criterion rates them."""
    gone = set(alternative_ids)
    changes: dict[str, Any] = {}
    people = [replace(p, leans_to=None if p.leans_to in gone else p.leans_to,
                      versus=None if p.versus is not None and p.versus.alternative in gone
                      else p.versus)
              for p in deal.people
              if p.leans_to in gone or (p.versus is not None and p.versus.alternative in gone)]
    if people:
        changes["people"] = tuple(people)
    criteria = tuple(
        replace(c, theirs={k: v for k, v in c.theirs.items() if k not in gone})
        if gone & set(c.theirs) else c for c in deal.criteria)
    if criteria != deal.criteria:
        changes["criteria"] = criteria
    return changes


def with_competitor_names(deal: Deal, names: Collection[str]) -> Deal:
    """``deal`` whose competitor alternatives are ``names`` (in that order, blank and repeated
    names left out): a kept name keeps its id, so leanings and ratings stay; a dropped one is
    forgotten; doing nothing and building it themselves are kept where they were."""
    by_name = {a.name.casefold(): a for a in deal.alternatives
               if a.kind is AlternativeKind.COMPETITOR}
    wanted: list[Alternative] = []
    seen: set[str] = set()
    for raw in names:
        name = " ".join(str(raw).split())
        if not name or name.casefold() in seen:
            continue
        seen.add(name.casefold())
        kept = by_name.get(name.casefold())
        wanted.append(replace(kept, name=name) if kept else Alternative(name=name))
    others = [a for a in deal.alternatives if a.kind is not AlternativeKind.COMPETITOR]
    alternatives = tuple(wanted) + tuple(others)
    if alternatives == deal.alternatives:
        return deal
    gone = {a.id for a in deal.alternatives} - {a.id for a in alternatives}
    return deal.with_plan(alternatives=alternatives, **forget_alternatives(deal, gone))
