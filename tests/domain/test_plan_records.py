"""The plan on the deal: references checked where they enter, kept whole when people or
alternatives go, and version-1 fields read as plan records with stable ids."""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest

from desktop.domain import version1
from desktop.domain.actions import Action, ActionStatus, IntendedChange, OwnerSide
from desktop.domain.deal import Deal
from desktop.domain.decision import (
    Alternative,
    AlternativeKind,
    CompellingEvent,
    Criterion,
    ProcessStep,
)
from desktop.domain.enums import Axis
from desktop.domain.errors import ValidationError
from desktop.domain.person import Person
from desktop.domain.plain import deal_from_plain, deal_to_plain
from desktop.domain.plan_references import (
    forget_alternatives,
    forget_people,
    with_competitor_names,
)


def _deal() -> Deal:
    chen, jonas = Person("Chen Wei"), Person("Jonas Berg")
    rival = Alternative("MedBridge")
    nothing = Alternative("Do nothing", AlternativeKind.DO_NOTHING)
    chen = Person("Chen Wei", id=chen.id, leans_to=rival.id)
    return Deal(
        name="Helix", people=(chen, jonas), alternatives=(rival, nothing),
        actions=(
            Action("Demo for the ward teams", due=date(2026, 12, 9), for_people=(chen.id,),
                   intended=IntendedChange(chen.id, Axis.TECHNICAL, 9, 7)),
            Action("Book the ward visit", owner_side=OwnerSide.CUSTOMER, owner=chen.id,
                   for_people=(chen.id, jonas.id)),
            Action("Board case", due=date(2026, 12, 1), for_people=(jonas.id,),
                   status=ActionStatus.DONE, changed=date(2026, 11, 30)),
        ),
        criteria=(Criterion("Nursing hours saved", weight=5, owner=jonas.id, ours=8,
                            theirs={rival.id: 6, nothing.id: 0}),),
        process=(ProcessStep("Clinical evaluation", approver=jonas.id),),
        compelling_event=CompellingEvent("The 2027 standard applies", date(2027, 7, 1)),
    )


def test_a_record_pointing_to_nobody_is_refused_with_its_path() -> None:
    deal = _deal()
    stranger = Person("Nobody here").id
    cases: dict[str, dict[str, Any]] = {
        "actions[0].for_people[0]": {"actions": (Action("x", for_people=(stranger,)),)},
        "actions[0].intended.person": {"actions": (Action("x", intended=IntendedChange(
            stranger, Axis.BUSINESS, 5)),)},
        "criteria[0].owner": {"criteria": (Criterion("c", owner=stranger),)},
        "criteria[0].theirs": {"criteria": (Criterion("c", theirs={stranger: 3}),)},
        "process[0].approver": {"process": (ProcessStep("s", approver=stranger),)},
    }
    for path, change in cases.items():
        with pytest.raises(ValidationError) as caught:
            deal.with_plan(**change)
        assert caught.value.path == path


def test_ids_unique_and_alternative_names_unique_ignoring_case() -> None:
    deal = _deal()
    with pytest.raises(ValidationError, match="appears twice"):
        deal.with_plan(actions=(deal.actions[0], deal.actions[0]))
    with pytest.raises(ValidationError, match="listed twice"):
        deal.with_plan(alternatives=(*deal.alternatives, Alternative("medbridge")),
                       criteria=())


def test_a_leaning_to_no_alternative_of_the_deal_is_refused() -> None:
    deal = _deal()
    with pytest.raises(ValidationError) as caught:
        deal.with_plan(alternatives=deal.alternatives[1:], criteria=())
    assert caught.value.path == "people[0].leans_to"


def test_next_action_is_the_soonest_open_one_the_person_is_named_in() -> None:
    deal = _deal()
    chen, jonas = deal.people
    assert deal.next_action(chen.id) is deal.actions[0]  # dated before undated
    assert deal.next_action(jonas.id) is deal.actions[1]  # the done one is not next
    assert deal.owner_name(deal.actions[1]) == "Chen Wei"
    assert deal.competitors == ("MedBridge",)


def test_forgetting_a_person_keeps_the_promise_and_its_owner_by_name() -> None:
    deal = _deal()
    chen, jonas = deal.people
    changes = forget_people(deal, {chen.id})
    after = Deal(name=deal.name, id=deal.id, people=(jonas,),
                 alternatives=deal.alternatives, criteria=deal.criteria,
                 process=deal.process, actions=changes["actions"])
    demo, visit, _board = after.actions
    assert demo.for_people == ()
    assert demo.intended is None
    assert visit.owner == "Chen Wei"
    assert visit.for_people == (jonas.id,)
    assert "criteria" not in changes
    assert "process" not in changes
    assert forget_people(deal, {Person("x").id}) == {}


def test_forgetting_an_alternative_clears_leanings_and_ratings() -> None:
    deal = _deal()
    rival = deal.alternatives[0]
    changes = forget_alternatives(deal, {rival.id})
    after = deal.with_plan(alternatives=deal.alternatives[1:], **changes)
    assert after.people[0].leans_to is None
    assert rival.id not in after.criteria[0].theirs
    assert len(after.criteria[0].theirs) == 1


def test_competitor_names_keep_ids_and_other_alternatives() -> None:
    deal = _deal()
    rival = deal.alternatives[0]
    renamed = with_competitor_names(deal, ["medbridge ", "FleetIQ", "fleetiq", " "])
    names = [(a.name, a.kind) for a in renamed.alternatives]
    assert names == [("medbridge", AlternativeKind.COMPETITOR),
                     ("FleetIQ", AlternativeKind.COMPETITOR),
                     ("Do nothing", AlternativeKind.DO_NOTHING)]
    assert renamed.alternatives[0].id == rival.id
    assert renamed.people[0].leans_to == rival.id
    dropped = with_competitor_names(deal, [])
    assert dropped.people[0].leans_to is None
    assert with_competitor_names(deal, ["MedBridge"]) is deal


def test_version_1_fields_become_plan_records_with_derived_ids() -> None:
    person = Person("Priya Raman")
    plain = deal_to_plain(Deal(name="Northwind", people=(person,)), version=1)
    plain["competitors"] = ["FleetIQ", "fleetiq", " ", "In-house tool"]
    plain["people"][0]["next_step"] = "A reference call\nwith another fleet operator"
    deal = deal_from_plain(plain)
    assert [a.name for a in deal.alternatives] == ["FleetIQ", "In-house tool"]
    assert deal.alternatives[0].id == version1.competitor_id(deal.id, "fleetiq")
    (action,) = deal.actions
    assert action.text == "A reference call with another fleet operator"
    assert action.id == version1.next_step_action_id(person.id)
    assert action.for_people == (person.id,)
    assert action.owner_side is OwnerSide.US
    # Written as version 1 again, the next step comes back as it went.
    again = deal_to_plain(deal, version=1)
    assert again["people"][0]["next_step"] == action.text
    assert again["competitors"] == ["FleetIQ", "In-house tool"]
    assert "actions" not in again
    assert "organisation" not in again["people"][0]


def test_version_2_round_trip_keeps_the_whole_plan() -> None:
    deal = _deal()
    assert deal_from_plain(deal_to_plain(deal, include_private=True)) == deal
