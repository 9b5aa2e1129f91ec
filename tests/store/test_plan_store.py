"""The plan in the library: removing people rewrites the records that named them, in the
same transaction (an action's people shrink, its owner becomes the person's name, the
intended change goes; a criterion's owner and a step's approver become nobody), and
``update_plan`` refuses a record naming a person of another deal, writing nothing."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from datetime import date
from pathlib import Path

import pytest

from desktop.domain.actions import Action, IntendedChange, OwnerSide
from desktop.domain.deal import Deal
from desktop.domain.decision import Alternative, Criterion, ProcessStep
from desktop.domain.enums import Axis
from desktop.domain.person import Person
from desktop.store.errors import StoreError
from desktop.store.library import Library
from tests.helpers.cli import digest

CHEN = Person(name="Chen Wei", title="Head of Nursing")
ANA = Person(name="Ana Ruiz", title="CFO")
BO = Person(name="Bo Lind", title="IT")
RIVAL = Alternative(name="MedBridge")
DEMO = Action("Ward demo", owner_side=OwnerSide.CUSTOMER, owner=CHEN.id,
              for_people=(CHEN.id, ANA.id), due=date(2026, 3, 9),
              intended=IntendedChange(CHEN.id, Axis.TECHNICAL, 9, 6))
CASE = Action("Business case", for_people=(ANA.id,), owner="Sam (our side)")
UPTIME = Criterion("Uptime", weight=5, owner=CHEN.id, ours=8, theirs={RIVAL.id: 6})
SECURITY = ProcessStep("Security review", approver=CHEN.id, planned=date(2026, 4, 1))
DEAL = Deal(name="Ward rollout", people=(CHEN, replace(ANA, leans_to=RIVAL.id), BO),
            alternatives=(RIVAL,), actions=(DEMO, CASE), criteria=(UPTIME,),
            process=(SECURITY,))


@pytest.fixture
def stored(library: Library) -> Library:
    library.add_deal(DEAL)
    return library


def test_removing_a_person_rewrites_the_records_that_named_them(stored: Library) -> None:
    changes = stored.remove_people([CHEN.id])
    assert changes.plans == {DEAL.id}
    assert changes.touches_plan(DEAL.id)
    deal = stored.get_deal(DEAL.id)
    demo, case = deal.actions
    assert demo == replace(DEMO, for_people=(ANA.id,), owner="Chen Wei", intended=None)
    assert case == CASE
    assert deal.criteria == (replace(UPTIME, owner=None),)
    assert deal.process == (replace(SECURITY, approver=None),)
    assert deal.alternatives == DEAL.alternatives
    assert deal.person(ANA.id).leans_to == RIVAL.id


def test_removing_everyone_an_action_is_for_keeps_the_action(stored: Library) -> None:
    stored.remove_people([CHEN.id, ANA.id])
    demo, case = stored.get_deal(DEAL.id).actions
    assert demo.for_people == ()
    assert demo.text == DEMO.text
    assert case.for_people == ()
    assert case.owner == "Sam (our side)"  # a name on our side, not a person: kept


def test_removing_someone_the_plan_does_not_name_leaves_it(stored: Library) -> None:
    changes = stored.remove_people([BO.id])
    assert changes.plans == frozenset()
    deal = stored.get_deal(DEAL.id)
    for field in ("actions", "criteria", "process", "alternatives"):
        assert getattr(deal, field) == getattr(DEAL, field)


# -- update_plan refuses another deal's people ----------------------------------------------

OTHER_PERSON = Person(name="Olu Bello", title="Head of Legal")
OTHER = Deal(name="Legal tooling", people=(OTHER_PERSON,))

# A deal value that lists the other deal's person too (so it is a valid value) and names
# them in one record: what a bug, or a plan copied between deals, would hand the store.
NAMING_ANOTHER: dict[str, Callable[[Deal], Deal]] = {
    "an action for them": lambda d: d.with_plan(actions=(
        *d.actions, Action("Call legal", for_people=(OTHER_PERSON.id,)))),
    "an intended change of theirs": lambda d: d.with_plan(actions=(
        replace(DEMO, intended=IntendedChange(OTHER_PERSON.id, Axis.BUSINESS, 7)), CASE)),
    "a criterion they own": lambda d: d.with_plan(criteria=(
        replace(UPTIME, owner=OTHER_PERSON.id),)),
    "a step they approve": lambda d: d.with_plan(process=(
        replace(SECURITY, approver=OTHER_PERSON.id),)),
}


@pytest.mark.parametrize("case", NAMING_ANOTHER)
def test_update_plan_refuses_a_person_of_another_deal(stored: Library, case: str) -> None:
    stored.add_deal(OTHER)
    mine = stored.get_deal(DEAL.id)
    smuggled = NAMING_ANOTHER[case](replace(mine, people=(*mine.people, OTHER_PERSON)))
    stored.close()
    before = digest(stored.path)
    with Library.open(stored.path) as library:
        with pytest.raises(StoreError, match=f"The person {OTHER_PERSON.id} is not in this "
                                             "deal"):
            library.update_plan(smuggled)
        assert library.get_deal(DEAL.id) == mine
    assert digest(stored.path) == before


def test_update_plan_refuses_a_record_id_another_deal_uses(stored: Library,
                                                           tmp_path: Path) -> None:
    copied = Action("Copied", id=DEMO.id)
    other = replace(OTHER, actions=(Action("Theirs"),))
    stored.add_deal(other)
    before = stored.get_deal(other.id)
    with pytest.raises(StoreError, match="already in the library"):
        stored.update_plan(before.with_plan(actions=(copied,)))
    assert stored.get_deal(other.id) == before
    assert stored.get_deal(DEAL.id).actions == DEAL.actions
