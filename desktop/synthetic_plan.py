"""A reproducible plan for a synthetic deal: alternatives, leanings, response modes, actions,
criteria, a decision process and a compelling event — so the benchmarks of the plan rules,
the Plan tab and the Decision tab run on a 2,000-person deal shaped like a real one.

A separate step (``with_synthetic_plan(synthetic_deal(...))``) with its own random stream:
``synthetic_deal`` makes exactly the deals it made before, so no existing benchmark's
figures change meaning.
"""

from __future__ import annotations

import random
from dataclasses import replace
from datetime import date, timedelta

from desktop.domain.actions import Action, ActionStatus, IntendedChange, OwnerSide
from desktop.domain.deal import Deal
from desktop.domain.decision import (
    Alternative,
    AlternativeKind,
    CompellingEvent,
    Criterion,
    ProcessStep,
    StepStatus,
)
from desktop.domain.enums import Axis, ResponseMode, Role

TODAY = date(2026, 11, 1)  # the synthetic deals' "today" (their last contacts count back)
VERBS = ("Send", "Review", "Agree", "Present", "Book", "Confirm", "Draft", "Walk through")
THINGS = ("the pricing", "the business case", "the pilot plan", "the security answers",
          "the reference call", "the integration design", "the rollout plan",
          "the contract terms", "the ROI model", "the workshop agenda")
CRITERIA = ("Total cost", "Time to value", "Integration effort", "Security", "Uptime",
            "Support quality", "Scalability", "Ease of use", "Vendor viability", "Reporting")
STEPS = ("Evaluation", "Pilot", "Security review", "Business case", "Legal", "Procurement",
         "Board approval", "Signature")


def with_synthetic_plan(deal: Deal, *, actions: int | None = None, criteria: int = 50,
                        seed: int = 1, today: date = TODAY) -> Deal:
    """``deal`` with a plan: ``actions`` actions (default: one per person; about a fifth
    closed, a few overdue, some undated), ``criteria`` criteria, eight process steps (one
    after the close date, one undated), four alternatives, and about one person in six
    leaning to one of them."""
    rng = random.Random(seed)  # noqa: S311 - reproducible test data, not secrets
    people = deal.people
    if not people:
        return deal
    ids = [p.id for p in people]
    alternatives = (Alternative("Acme Systems"), Alternative("Globex"),
                    Alternative("Do nothing", AlternativeKind.DO_NOTHING),
                    Alternative("Build it themselves", AlternativeKind.BUILD))
    modes = (*ResponseMode, None, None)
    changed = []
    for person in people:
        leans = rng.choice(alternatives).id if rng.random() < 0.16 else None
        mode = rng.choice(modes)
        if Role.ECONOMIC_BUYER in person.roles:  # a deal worth working: the buyer feels a need
            leans, mode = None, ResponseMode.TROUBLE
        changed.append(replace(person, leans_to=leans, mode=mode,
                               coaches_competitor=rng.random() < 0.03))
    plan: list[Action] = []
    for index in range(len(people) if actions is None else actions):
        due = None if rng.random() < 0.1 else today + timedelta(days=rng.randint(-30, 60))
        roll = rng.random()
        status = (ActionStatus.DONE if roll < 0.15 else
                  ActionStatus.DROPPED if roll < 0.2 else ActionStatus.OPEN)
        side = rng.choice(tuple(OwnerSide))
        owner = rng.choice(ids) if side is not OwnerSide.US else "Sam Ortiz"
        intended = None
        if rng.random() < 0.2:
            intended = IntendedChange(rng.choice(ids), rng.choice(tuple(Axis)),
                                      rng.randint(6, 10))
        plan.append(Action(
            text=f"{rng.choice(VERBS)} {rng.choice(THINGS)} ({index + 1})", due=due,
            owner_side=side, owner=owner, status=status,
            changed=None if status is ActionStatus.OPEN else today,
            for_people=tuple(rng.sample(ids, k=min(len(ids), rng.choice((1, 1, 2))))),
            intended=intended))
    buyer = next((p.id for p in people if Role.ECONOMIC_BUYER in p.roles), ids[0])
    judged = []  # the first criterion is the economic buyer's
    for index in range(criteria):
        judged.append(Criterion(
            text=f"{CRITERIA[index % len(CRITERIA)]} {index // len(CRITERIA) + 1}",
            weight=rng.randint(1, 5), owner=buyer if index == 0 else rng.choice(ids),
            ours=None if rng.random() < 0.3 else rng.randint(0, 10),
            theirs={a.id: rng.randint(0, 10) for a in alternatives[:2] if rng.random() < 0.7}))
    close = deal.close_date or today + timedelta(days=65)  # the signature comes after
    process = []
    for index, name in enumerate(STEPS):
        planned = None if name == "Legal" else today + timedelta(days=12 * index - 10)
        stage = StepStatus.DONE if planned is not None and planned < today else \
            StepStatus.PLANNED
        process.append(ProcessStep(name, approver=rng.choice(ids), planned=planned,
                                   status=stage))
    dated = deal if deal.close_date == close else replace(deal, close_date=close)
    return dated.with_plan(
        alternatives=alternatives, people=changed, actions=plan, criteria=judged,
        process=process,
        compelling_event=CompellingEvent("The current platform's support ends",
                                         close + timedelta(days=90)))

