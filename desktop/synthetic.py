"""Synthetic deals of any size, reproducible from a seed: for benchmarks, screenshots and
tests of big maps (a real 2,000-person deal is rare, but a seller's org-wide map is not).

Every person reports to someone earlier (one tree), and gets further lines — influence,
dotted line, conflict — to random others, so a deal of *n* people has about
``relations_per_person · n`` lines, like a real map: mostly hierarchy, some politics.
"""

from __future__ import annotations

import random
from datetime import date, timedelta

from desktop.domain.deal import Deal
from desktop.domain.enums import Axis, Coverage, Influence, RelationKind, Role, Support
from desktop.domain.person import Person
from desktop.domain.position import Position
from desktop.domain.relation import Relation
from desktop.domain.scores import Score, Triangle

FIRST = ("Ada", "Ben", "Chloé", "Dev", "Elif", "Femi", "Grace", "Hugo", "Ines", "Jon", "Kara",
         "Luis", "Maya", "Nils", "Omar", "Pia", "Quinn", "Rosa", "Sven", "Tara", "Uma", "Viktor",
         "Wen", "Xavier", "Yara", "Zoltan")
LAST = ("Abbott", "Berg", "Costa", "Dahl", "Ekwueme", "Fischer", "García", "Horvat", "Ito",
        "Jensen", "Kowalski", "Lindqvist", "Moreau", "Nakamura", "O'Neill", "Petrov", "Quist",
        "Rahman", "Silva", "Tanaka", "Ueda", "Varga", "Weber", "Yilmaz", "Zhou")
TITLES = ("VP Operations", "Head of IT", "Finance Director", "Solution Architect",
          "Procurement Lead", "Team Lead", "Data Engineer", "Legal Counsel", "Product Owner",
          "Security Officer", "Regional Manager", "Analyst")


def synthetic_deal(people: int, *, relations_per_person: int = 3, seed: int = 1,
                   name: str = "") -> Deal:
    rng = random.Random(seed)  # noqa: S311 - reproducible test data, not secrets
    today = date(2026, 11, 1)
    crowd: list[Person] = []
    columns = max(1, int(people ** 0.5))
    for i in range(people):
        roles: list[Role] = []
        if i == 0:
            roles = [Role.ECONOMIC_BUYER, Role.DECISION_MAKER]
        elif i == min(3, people - 1):
            roles = [Role.COACH]
        elif rng.random() < 0.5:
            roles = rng.sample([r for r in Role if r is not Role.ECONOMIC_BUYER],
                               k=rng.choice((1, 1, 2)))
        crowd.append(Person(
            name=f"{rng.choice(FIRST)} {rng.choice(LAST)} {i + 1}",
            title=rng.choice(TITLES),
            roles=tuple(roles),
            support=rng.choice(list(Support)),
            influence=Influence.HIGH if i < max(1, people // 20) else rng.choice(
                (Influence.LOW, Influence.MEDIUM, Influence.MEDIUM)),
            coverage=rng.choice(list(Coverage)),
            last_contact=today - timedelta(days=rng.randrange(90)),
            position=Position(260.0 * (i % columns), 140.0 * (i // columns)),
            scores=Triangle(**{axis.value: Score(None if rng.random() < 0.2
                                                 else rng.randrange(11))
                               for axis in Axis}),
        ))
    relations: list[Relation] = []
    seen: set[tuple[str, str]] = set()
    for i in range(1, people):
        boss = crowd[rng.randrange(max(1, i // 3), i) if i > 3 else rng.randrange(i)]
        relations.append(Relation(crowd[i].id, boss.id, RelationKind.REPORTS_TO))
        seen.add((crowd[i].id, boss.id))
    kinds = (RelationKind.INFLUENCE, RelationKind.INFLUENCE, RelationKind.DOTTED_LINE,
             RelationKind.CONFLICT)
    extra = max(0, relations_per_person * people - len(relations))
    attempts = 0
    budget = extra * 10
    while extra and people > 1 and attempts < budget:
        attempts += 1
        a, b = rng.sample(crowd, 2)
        if (a.id, b.id) in seen or (b.id, a.id) in seen:
            continue
        seen.add((a.id, b.id))
        kind = rng.choice(kinds)
        relations.append(Relation(a.id, b.id, kind,
                                  strength=rng.randint(1, 3) if kind.has_strength else 1))
        extra -= 1
    return Deal(name=name or f"Synthetic deal, {people} people", account="Synthetic Corp",
                people=tuple(crowd), relations=tuple(relations))


def arranged(deal: Deal, *, org_chart: bool = False) -> Deal:
    """``deal`` with its cards placed by the app's own auto-layout (influence, or org chart
    from the reports-to lines): how a big map looks after "Arrange", for benchmarks,
    screenshots and tests."""
    from dataclasses import replace

    from desktop.layout.auto_layout import influence_layout
    from desktop.layout.org_chart import org_chart_layout

    nodes = [p.id for p in deal.people]
    if org_chart:
        spread = org_chart_layout(nodes, [(r.source, r.target) for r in deal.relations
                                          if r.kind is RelationKind.REPORTS_TO])
    else:
        spread = influence_layout(nodes, [(r.source, r.target) for r in deal.relations])
    return replace(deal, people=tuple(replace(p, position=Position(*spread[p.id]))
                                      for p in deal.people))
