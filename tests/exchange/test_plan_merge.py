"""Merging the plan of an incoming copy of a deal (``desktop/domain/plan_merge.py`` through
``MergePlan``): their new records come in with their people mapped to mine, a record both
have that differs is a conflict settled with the deal (mine or theirs), alternatives match
by name, nothing is deleted, and my own export comes back changing nothing — through the
domain, the importer and the command line.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import date
from pathlib import Path

import pytest

from desktop.domain.actions import Action, IntendedChange, OwnerSide
from desktop.domain.deal import Deal
from desktop.domain.decision import Alternative, Criterion, ProcessStep
from desktop.domain.enums import Axis
from desktop.domain.merge import Resolution, plan_merge
from desktop.domain.person import Person
from desktop.exchange import dealfile
from desktop.exchange.formats import dealtri
from desktop.exchange.importing import apply_import, describe, plan_import, read_files
from desktop.exchange.registry import ReadOptions
from desktop.store.library import Library
from tests.helpers.cli import digest, run

LENA = Person(name="Lena Vogt", title="CIO", email="lena@example.com")
TOM = Person(name="Tom Reyes", title="Head of IT")
FLEETIQ = Alternative(name="FleetIQ")
MINE = Deal(
    name="Fleet", people=(LENA, TOM), alternatives=(FLEETIQ,),
    actions=(Action("Send the security pack", for_people=(LENA.id,), due=date(2026, 3, 1)),),
    criteria=(Criterion("Uptime", weight=5, owner=LENA.id, ours=8),),
    process=(ProcessStep("Security review", approver=TOM.id),))


def _theirs_with_a_new_id_for_lena() -> tuple[Deal, Person, Person]:
    """Their copy: Lena typed on their laptop (another id, the same e-mail) and a person I
    do not have."""
    their_lena = Person(name="Lena Vogt", title="CIO", email="LENA@example.com")
    newcomer = Person(name="Ada Newcomer", title="Ward manager")
    theirs = replace(MINE, people=(their_lena, TOM, newcomer), actions=(), criteria=(),
                     process=())
    return theirs, their_lena, newcomer


def test_their_new_action_comes_in_with_their_people_mapped_to_mine() -> None:
    theirs, their_lena, newcomer = _theirs_with_a_new_id_for_lena()
    demo = Action("Ward demo", owner_side=OwnerSide.CUSTOMER, owner=their_lena.id,
                  for_people=(their_lena.id, newcomer.id, TOM.id), due=date(2026, 3, 9),
                  intended=IntendedChange(their_lena.id, Axis.TECHNICAL, 9, 6))
    step = ProcessStep("Procurement", approver=newcomer.id)
    criterion = Criterion("Ward workflow", owner=their_lena.id, theirs={FLEETIQ.id: 6})
    theirs = theirs.with_plan(actions=(demo,), process=(step,), criteria=(criterion,))
    merge = plan_merge(MINE, theirs)
    assert merge.matched_by[their_lena.id] == "e-mail"
    assert merge.plan.added == 3
    assert not merge.plan.conflicts
    merged = merge.result(Resolution.MINE)
    new_id = next(p.id for p in merged.people if p.name == "Ada Newcomer")
    (_mine, came) = merged.actions
    assert came.id == demo.id
    assert came.for_people == (LENA.id, new_id, TOM.id)
    assert came.owner == LENA.id
    assert came.intended == IntendedChange(LENA.id, Axis.TECHNICAL, 9, 6)
    assert merged.process[-1].approver == new_id
    assert merged.criteria[-1].owner == LENA.id
    assert merged.next_action(LENA.id) == MINE.actions[0]  # mine is due sooner


def test_an_action_both_have_that_differs_is_settled_with_the_deal() -> None:
    changed = replace(MINE.actions[0], text="Send the security pack and the DPA",
                      due=date(2026, 3, 4))
    theirs = MINE.with_plan(actions=(changed,),
                            criteria=(replace(MINE.criteria[0], ours=6),))
    merge = plan_merge(MINE, theirs)
    assert merge.has_conflicts
    assert merge.plan.conflicts == (("action", "Send the security pack"),
                                    ("criterion", "Uptime"))
    assert not merge.conflicts  # no person differs
    kept = merge.result(Resolution.MINE, Resolution.MINE)
    assert kept.actions == MINE.actions
    assert kept.criteria == MINE.criteria
    taken = merge.result(Resolution.MINE, Resolution.THEIRS)
    assert taken.actions == (changed,)
    assert taken.criteria[0].ours == 6
    # Keeping both is for people; the plan follows the deal's choice.
    assert merge.result(Resolution.BOTH, Resolution.MINE).actions == MINE.actions


def test_alternatives_match_by_name_and_their_ratings_and_leanings_follow() -> None:
    their_fleetiq = Alternative(name="fleetiq")  # typed again on their laptop
    in_house = Alternative(name="In-house tool")
    their_tom = replace(TOM, leans_to=their_fleetiq.id)
    theirs = replace(MINE, people=(LENA, their_tom), alternatives=(their_fleetiq, in_house),
                     criteria=(replace(MINE.criteria[0], theirs={their_fleetiq.id: 4,
                                                                 in_house.id: 2}),))
    merge = plan_merge(MINE, theirs)
    assert merge.plan.added == 1  # the in-house tool; FleetIQ is mine already
    # The same competitor, spelt differently, and a criterion rated on their side.
    assert merge.plan.conflicts == (("alternative", "FleetIQ"), ("criterion", "Uptime"))
    kept = merge.result(Resolution.THEIRS, Resolution.MINE)
    assert [(a.id, a.name) for a in kept.alternatives] == [
        (FLEETIQ.id, "FleetIQ"), (in_house.id, "In-house tool")]
    assert kept.person(TOM.id).leans_to == FLEETIQ.id  # their leaning, my id
    assert kept.criteria == MINE.criteria
    taken = merge.result(Resolution.THEIRS, Resolution.THEIRS)
    assert [(a.id, a.name) for a in taken.alternatives] == [
        (FLEETIQ.id, "fleetiq"), (in_house.id, "In-house tool")]
    assert dict(taken.criteria[0].theirs) == {FLEETIQ.id: 4, in_house.id: 2}


def test_nothing_is_deleted() -> None:
    theirs = replace(MINE, alternatives=(), actions=(), criteria=(), process=(),
                     compelling_event=None)
    merge = plan_merge(MINE, theirs)
    for resolution in Resolution:
        merged = merge.result(resolution, Resolution.THEIRS if resolution is
                              Resolution.THEIRS else Resolution.MINE)
        for field in ("alternatives", "actions", "criteria", "process"):
            assert getattr(merged, field) == getattr(MINE, field), field


@pytest.mark.parametrize("include_private", [True, False])
def test_my_own_export_changes_nothing(northwind: Deal, include_private: bool,
                                       tmp_path: Path) -> None:
    data = dealfile.dumps([northwind], include_private=include_private).encode()
    (incoming,) = dealtri.read(data, Path("mine.dealtri"), ReadOptions())
    assert plan_merge(northwind, incoming.deal, incoming.provided).changes_nothing
    with Library.open(tmp_path / "lib.sqlite") as library:
        library.add_deal(northwind)
        path = tmp_path / "mine.dealtri"
        path.write_bytes(data)
        before = digest(library.path)
        assert plan_import(library, read_files([path])).changes_nothing
        assert digest(library.path) == before


def test_importing_their_plan_into_the_library(tmp_path: Path, northwind: Deal) -> None:
    """Through the importer: their new action lands, named for my people, in one write."""
    with Library.open(tmp_path / "lib.sqlite") as library:
        library.add_deal(northwind)
        buyer = northwind.people[0]
        came = Action("Lunch with the board", for_people=(buyer.id,), due=date(2027, 1, 8))
        theirs = northwind.with_plan(actions=(*northwind.actions, came))
        path = tmp_path / "theirs.dealtri"
        path.write_text(dealfile.dumps([theirs], include_private=True))
        plan = plan_import(library, read_files([path]))
        assert plan.plan_added == 1
        assert plan.plan_conflicts == 0
        apply_import(library, plan)
        stored = library.get_deal(northwind.id)
    assert stored.actions[-1] == came
    assert stored.actions[:-1] == northwind.actions


# -- the command line ------------------------------------------------------------------------


@pytest.fixture
def shared(tmp_path: Path, northwind: Deal) -> tuple[Path, Path, Action]:
    """A library with Northwind, and their copy in which one of my actions says more."""
    db = tmp_path / "lib.sqlite"
    with Library.open(db) as library:
        library.add_deal(northwind)
    first = northwind.actions[0]
    changed = replace(first, text=first.text + " (with the CFO)")
    extra = Action("Their new action", for_people=(northwind.people[1].id,))
    theirs = northwind.with_plan(actions=(changed, *northwind.actions[1:], extra))
    path = tmp_path / "theirs.dealtri"
    path.write_text(dealfile.dumps([theirs], include_private=True))
    return db, path, changed


def test_the_cli_lists_a_plan_conflict_and_writes_nothing(
        shared: tuple[Path, Path, Action], northwind: Deal) -> None:
    db, path, _changed = shared
    before = digest(db)
    result = run("--db", db, "import", path)
    assert result.returncode == 1
    assert f"conflict: {northwind.name}: the action “{northwind.actions[0].text}” differs" \
        in result.stdout
    assert "1 conflict(s) and nothing was written" in result.stderr
    assert digest(db) == before
    with Library.open(db) as library:
        assert describe(plan_import(library, read_files([path]))) == [
            f"{northwind.name}: the action “{northwind.actions[0].text}” differs"]


@pytest.mark.parametrize("choice", ["mine", "theirs"])
def test_the_cli_settles_a_plan_conflict(shared: tuple[Path, Path, Action],
                                         northwind: Deal, choice: str) -> None:
    db, path, changed = shared
    result = run("--db", db, "import", path, "--on-conflict", choice)
    assert result.returncode == 0, result.stderr
    settled = "kept as yours" if choice == "mine" else "taken from the file"
    assert f"Merged into '{northwind.name}': 1 plan record added and 1 conflict {settled}." \
        in result.stdout
    with Library.open(db) as library:
        stored = library.get_deal(northwind.id)
    assert stored.actions[0] == (changed if choice == "theirs" else northwind.actions[0])
    assert stored.actions[-1].text == "Their new action"
    assert len(stored.actions) == len(northwind.actions) + 1
