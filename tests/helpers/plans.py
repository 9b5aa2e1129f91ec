"""A deal with a known plan, dated against a fixed day: overdue, this week, later, undated,
done and dropped actions, an intended score change, a decision process with a step after the
close date, a compelling event — and private tokens planted where no customer may see them."""

from __future__ import annotations

import uuid
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
from desktop.domain.enums import Axis

TODAY = date(2026, 12, 3)  # a Thursday
PRIVATE_NOTE = "PRIVATE-NOTE-ZEBRA"
PRIVATE_EVIDENCE = "PRIVATE-EVIDENCE-OKAPI"
CRITERION_EVIDENCE = "CRITERION-EVIDENCE-LYNX"


def ident(name: str) -> str:
    """A stable UUID for a named record of the plan (tests find records by it)."""
    return str(uuid.uuid5(uuid.NAMESPACE_URL, f"deal-triangle-test/{name}"))


def days(n: int) -> date:
    return TODAY + timedelta(days=n)


def planned(deal: Deal) -> Deal:
    """``deal`` (the demo's Northwind) with the plan above; its first three people are the
    ones the plan names."""
    first, second, third = deal.people[:3]
    evidence = replace(first.scores.personal, evidence=f"Wants {PRIVATE_EVIDENCE}",
                       private=True, value=6)
    technical = replace(second.scores.technical, value=7)
    people = [replace(first, notes=f"Note {PRIVATE_NOTE}",
                      scores=replace(first.scores, personal=evidence)),
              replace(second, scores=replace(second.scores, technical=technical))]
    alternatives = list(deal.alternatives)
    if not any(a.kind is AlternativeKind.COMPETITOR for a in alternatives):
        alternatives.append(Alternative("Fleetwise", id=ident("alt-fleetwise")))
    if not any(a.kind is AlternativeKind.DO_NOTHING for a in alternatives):
        alternatives.append(Alternative("Do nothing", AlternativeKind.DO_NOTHING,
                                        id=ident("alt-nothing")))
    rival = next(a for a in alternatives if a.kind is AlternativeKind.COMPETITOR)
    nothing = next(a for a in alternatives if a.kind is AlternativeKind.DO_NOTHING)
    actions = [
        Action("Send the security questionnaire answers", days(-5), OwnerSide.US,
               "Sam Ortiz", for_people=(second.id,), id=ident("act-late")),
        Action("Book the ward-team demo", days(1), OwnerSide.CUSTOMER, second.id,
               for_people=(second.id, third.id),
               intended=IntendedChange(second.id, Axis.TECHNICAL, 9, before=7),
               id=ident("act-demo")),
        Action("Reference call with another fleet", days(10), OwnerSide.PARTNER,
               "Acme Consulting", for_people=(first.id,), id=ident("act-reference")),
        Action("Agree the pilot's success measures", None, OwnerSide.CUSTOMER, first.id,
               for_people=(first.id,), id=ident("act-undated")),
        Action("Share the pricing outline", days(-20), OwnerSide.US, "Sam Ortiz",
               status=ActionStatus.DONE, changed=days(-12), id=ident("act-done")),
        Action("Workshop with the drivers' union", days(-8), OwnerSide.US, "Sam Ortiz",
               status=ActionStatus.DROPPED, changed=days(-9), id=ident("act-dropped")),
    ]
    process = [
        ProcessStep("Technical evaluation", second.id, days(7), StepStatus.UNDER_WAY,
                    id=ident("step-eval")),
        ProcessStep("Security review", None, days(21), id=ident("step-security")),
        ProcessStep("Board approval", first.id, days(75), id=ident("step-board")),
    ]
    criteria = [Criterion("Total cost over five years", 5, first.id, 7,
                          {rival.id: 8, nothing.id: 9}, f"CFO said {CRITERION_EVIDENCE}",
                          id=ident("crit-cost"))]
    closing = replace(deal, close_date=days(60))
    return closing.with_plan(
        alternatives=alternatives, actions=actions, criteria=criteria, process=process,
        compelling_event=CompellingEvent("The old fleet contract ends", days(90)),
        people=people)
