"""Hypothesis strategies for random but valid deals."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, date, datetime

from hypothesis import strategies as st

from desktop.domain.actions import Action, ActionStatus, IntendedChange, OwnerSide
from desktop.domain.comments import Comment, CommentTarget
from desktop.domain.deal import Deal
from desktop.domain.decision import (
    Alternative,
    AlternativeKind,
    CompellingEvent,
    Criterion,
    ProcessStep,
    StepStatus,
)
from desktop.domain.enums import (
    Axis,
    Confidence,
    Coverage,
    Influence,
    RelationKind,
    ResponseMode,
    Role,
    Support,
)
from desktop.domain.person import Person
from desktop.domain.position import Position
from desktop.domain.relation import Relation
from desktop.domain.scores import Score, Triangle
from desktop.domain.versus import Versus

names = st.text(alphabet=st.characters(categories=("L", "N", "Zs", "P")), min_size=1,
                max_size=30).filter(lambda s: s.strip() != "").map(lambda s: " ".join(s.split()))
notes = st.text(alphabet=st.characters(categories=("L", "N", "Zs", "P")), max_size=40).map(
    lambda s: " ".join(s.split()))
score_values = st.one_of(st.none(), st.integers(0, 10))
scores = st.builds(Score, value=score_values, evidence=notes,
                   confidence=st.sampled_from(Confidence), private=st.booleans())
triangles = st.builds(Triangle, business=scores, technical=scores, personal=scores)
dates = st.one_of(st.none(), st.dates(min_value=date(2000, 1, 1), max_value=date(2100, 1, 1)))
stamps = st.datetimes(min_value=datetime(2000, 1, 1), max_value=datetime(2100, 1, 1),
                      timezones=st.just(UTC)).map(lambda d: d.replace(microsecond=0))


@st.composite
def people(draw: st.DrawFn) -> Person:
    return Person(
        name=draw(names),
        title=draw(notes),
        roles=tuple(draw(st.sets(st.sampled_from(Role), max_size=3))),
        support=draw(st.sampled_from(Support)),
        influence=draw(st.sampled_from(Influence)),
        coverage=draw(st.sampled_from(Coverage)),
        mode=draw(st.one_of(st.none(), st.sampled_from(ResponseMode))),
        last_contact=draw(dates),
        organisation=draw(notes),
        coaches_competitor=draw(st.booleans()),
        position=Position(draw(st.integers(-5000, 5000)), draw(st.integers(-5000, 5000))),
        scores=draw(triangles),
    )


@st.composite
def deals(draw: st.DrawFn, max_people: int = 8) -> Deal:
    members = draw(st.lists(people(), max_size=max_people))
    relations: list[Relation] = []
    seen: set[tuple[str, str, RelationKind]] = set()
    if len(members) >= 2:
        for _ in range(draw(st.integers(0, 2 * len(members)))):
            a, b = draw(st.lists(st.sampled_from(members), min_size=2, max_size=2, unique=True))
            relation = Relation(a.id, b.id, draw(st.sampled_from(RelationKind)),
                                strength=draw(st.integers(1, 3)))
            if relation.identity not in seen:
                seen.add(relation.identity)
                relations.append(relation)
    alternatives = []
    for name in draw(st.lists(names, max_size=3, unique_by=str.casefold)):
        alternatives.append(Alternative(name=name, kind=draw(st.sampled_from(AlternativeKind))))
    if alternatives:
        members = [replace(p, leans_to=draw(st.one_of(st.none(), st.sampled_from(
            [a.id for a in alternatives]))), versus=draw(st.one_of(st.none(), st.builds(
                Versus, st.sampled_from([a.id for a in alternatives]), score_values,
                score_values, score_values)))) for p in members]
    ids = [p.id for p in members]
    some_person = st.one_of(st.none(), st.sampled_from(ids)) if ids else st.none()
    actions = []
    for _ in range(draw(st.integers(0, 4))):
        target = draw(some_person)
        actions.append(Action(
            text=draw(names), due=draw(dates), owner_side=draw(st.sampled_from(OwnerSide)),
            owner=draw(st.one_of(notes, some_person.map(lambda p: p or ""))),
            status=draw(st.sampled_from(ActionStatus)), changed=draw(dates),
            for_people=tuple(draw(st.lists(st.sampled_from(ids), max_size=2))) if ids else (),
            internal=draw(st.booleans()),
            intended=None if target is None else IntendedChange(
                target, draw(st.sampled_from(Axis)), draw(st.integers(0, 10)),
                draw(score_values))))
    criteria = [Criterion(text=draw(names), weight=draw(st.integers(1, 5)),
                          owner=draw(some_person), ours=draw(score_values),
                          theirs={a.id: draw(score_values) for a in alternatives
                                  if draw(st.booleans())},
                          evidence=draw(notes))
                for _ in range(draw(st.integers(0, 3)))]
    process = [ProcessStep(name=draw(names), approver=draw(some_person), planned=draw(dates),
                           status=draw(st.sampled_from(StepStatus)))
               for _ in range(draw(st.integers(0, 3)))]
    event = draw(st.one_of(st.none(), st.builds(CompellingEvent, text=names, by=dates)))
    targets = [(CommentTarget.FLAG, "no-champion:"),
               *((CommentTarget.PERSON, i) for i in ids),
               *((CommentTarget.ACTION, a.id) for a in actions),
               *((CommentTarget.FLAG, "weak-champion:" + ",".join(sorted(ids[:2]))),)]
    comments = [Comment(*draw(st.sampled_from(targets)), author=draw(names), at=draw(stamps),
                        text=draw(names))
                for _ in range(draw(st.integers(0, 3)))]
    return Deal(
        name=draw(names),
        account=draw(notes),
        stage=draw(st.sampled_from(["", "Qualify", "Proposal"])),
        amount=draw(st.one_of(st.none(), st.integers(0, 10**9).map(float))),
        currency=draw(st.sampled_from(["", "EUR", "USD"])),
        close_date=draw(dates),
        objective=draw(notes),
        people=tuple(members),
        relations=tuple(relations),
        alternatives=tuple(alternatives),
        actions=tuple(actions),
        criteria=tuple(criteria),
        process=tuple(process),
        comments=tuple(comments),
        compelling_event=event,
        created_at=draw(stamps),
        updated_at=draw(stamps),
    )
