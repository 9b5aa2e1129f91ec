"""Every store operation on a real file: its effect, its change set, its single transaction."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings

from desktop.domain.deal import Deal
from desktop.domain.enums import Axis, RelationKind, Support
from desktop.domain.person import Person
from desktop.domain.position import Position
from desktop.domain.relation import Relation
from desktop.domain.scores import Score
from desktop.store.errors import AmbiguousReference, Conflict, NotFound
from desktop.store.library import Library
from tests.helpers.strategies import deals


def test_add_and_get_a_whole_deal(library: Library, small_demo: Deal) -> None:
    changes = library.add_deal(small_demo)
    assert changes.deals_added == changes.contents == {small_demo.id}
    assert library.get_deal(small_demo.id) == small_demo


def test_add_deals_is_all_or_nothing(library: Library, demos: list[Deal]) -> None:
    library.add_deal(demos[1])
    with pytest.raises(Conflict):
        library.add_deals([demos[0], demos[1]])  # the second already exists
    assert [d.id for d in library.list_deals()] == [demos[1].id]


@settings(max_examples=25, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(deal=deals())
def test_any_valid_deal_round_trips_through_the_library(tmp_path: Path, deal: Deal) -> None:
    path = tmp_path / f"{deal.id}.sqlite"
    with Library.open(path) as library:
        library.add_deal(deal)
        assert library.get_deal(deal.id) == deal


def test_update_and_rename_deal(library: Library, small_demo: Deal) -> None:
    library.add_deal(small_demo)
    changes = library.update_deal(replace(small_demo, stage="Negotiate", amount=1.5e6))
    assert changes.deals == {small_demo.id}
    stored = library.get_deal(small_demo.id)
    assert (stored.stage, stored.amount) == ("Negotiate", 1.5e6)
    assert stored.people == small_demo.people
    library.update_deal(replace(stored, name="Renamed"))
    assert library.get_deal(small_demo.id).name == "Renamed"


def test_delete_deal_cascades_and_reports(library: Library, small_demo: Deal) -> None:
    library.add_deal(small_demo)
    library.take_snapshot(small_demo.id, "Review")
    changes = library.delete_deal(small_demo.id)
    assert changes.deals_removed == {small_demo.id}
    assert changes.people_removed == {p.id for p in small_demo.people}
    assert len(changes.snapshots_removed) == len(small_demo.snapshots) + 1
    for table in ("people", "scores", "relations", "snapshots"):
        assert library.db[table].count == 0
    with pytest.raises(NotFound):
        library.delete_deal(small_demo.id)


def test_person_lifecycle(library: Library) -> None:
    deal = Deal(name="D")
    library.add_deal(deal)
    ann = Person(name="Ann")
    assert library.add_people(deal.id, [ann]).people_added == {ann.id}
    edited = replace(ann, title="CFO", support=Support.MENTOR).with_score(
        Axis.BUSINESS, Score(7, "said so"))
    library.update_people([edited])
    assert library.get_person(ann.id) == edited
    library.update_people([edited.with_score(Axis.PERSONAL,
                                             Score(None, "no idea yet", private=True))])
    assert library.get_person(ann.id).scores.personal == Score(None, "no idea yet",
                                                               private=True)
    moved = library.move_people({ann.id: Position(120, -40)})
    assert moved.positions_only
    assert library.get_person(ann.id).position == Position(120, -40)


def test_remove_person_takes_their_relations_and_undo_restores_them(
    library: Library, small_demo: Deal
) -> None:
    library.add_deal(small_demo)
    victim = small_demo.people[0]
    touching = small_demo.relations_of(victim.id)
    assert touching
    ordinals = library.ordinals(small_demo.id)
    changes = library.remove_people([victim.id])
    assert changes.people_removed == {victim.id}
    assert changes.relations_removed == {r.id for r in touching}
    assert all(not r.touches(victim.id) for r in library.get_deal(small_demo.id).relations)
    library.add_people(small_demo.id, [victim], touching, ordinals=ordinals)
    restored = library.get_deal(small_demo.id)
    assert restored.people == small_demo.people
    assert restored.relations == small_demo.relations  # in their old order, too


def test_relations_are_checked(library: Library) -> None:
    a, b = Person(name="A"), Person(name="B")
    outsider = Person(name="O")
    deal = Deal(name="D", people=(a, b))
    library.add_deal(deal)
    library.add_deal(Deal(name="Other", people=(outsider,)))
    line = Relation(a.id, b.id, RelationKind.CONFLICT)
    assert library.add_relation(deal.id, line).relations_added == {line.id}
    with pytest.raises(Conflict, match="already drawn"):
        library.add_relation(deal.id, Relation(b.id, a.id, RelationKind.CONFLICT))
    with pytest.raises(NotFound, match="not in this deal"):
        library.add_relation(deal.id, Relation(a.id, outsider.id, RelationKind.INFLUENCE))
    library.update_relation(replace(line, kind=RelationKind.INFLUENCE, strength=3))
    assert library.get_deal(deal.id).relations[0].strength == 3
    assert library.remove_relation(line.id).relations_removed == {line.id}
    assert library.get_deal(deal.id).relations == ()


def test_a_failed_operation_leaves_nothing_behind(library: Library) -> None:
    deal = Deal(name="D")
    library.add_deal(deal)
    a = Person(name="A")
    bad = Relation(a.id, Person(name="ghost").id, RelationKind.INFLUENCE)
    with pytest.raises(NotFound):
        library.add_people(deal.id, [a], [bad])
    assert library.get_deal(deal.id).people == ()  # A was inserted, then rolled back


def test_multi_person_edit_is_one_operation(library: Library, small_demo: Deal) -> None:
    library.add_deal(small_demo)
    edited = [replace(p, support=Support.SUPPORTER) for p in small_demo.people[:3]]
    changes = library.update_people(edited)
    assert changes.people == {p.id for p in edited}
    stored = library.get_deal(small_demo.id)
    assert all(p.support is Support.SUPPORTER for p in stored.people[:3])


def test_operations_on_missing_things(library: Library) -> None:
    with pytest.raises(NotFound):
        library.update_people([Person(name="Nobody")])
    with pytest.raises(NotFound):
        library.remove_relation("00000000-0000-4000-8000-000000000000")
    with pytest.raises(NotFound):
        library.get_deal("00000000-0000-4000-8000-000000000000")


def test_snapshots_freeze_the_deal(library: Library, small_demo: Deal) -> None:
    library.add_deal(small_demo)
    snapshot, changes = library.take_snapshot(small_demo.id, "QBR November")
    assert changes.snapshots == {snapshot.id}
    library.remove_people([small_demo.people[0].id])
    frozen = library.get_snapshot(snapshot.id)
    assert frozen.deal.people == small_demo.people  # private notes included: it stays local
    # The demo deal comes with snapshots of its own (taken before this one).
    assert [s.name for s in library.list_snapshots(small_demo.id)] == [
        *(s.name for s in small_demo.snapshots), "QBR November"]
    assert library.get_deal(small_demo.id).snapshots == (*small_demo.snapshots, frozen)
    library.delete_snapshot(snapshot.id)
    library.add_snapshot(small_demo.id, frozen)
    assert library.get_snapshot(snapshot.id) == frozen


def test_find_deal_by_id_prefix_and_name(library: Library) -> None:
    one = Deal(id="aaaa1111-0000-4000-8000-000000000000", name="Acme renewal")
    two = Deal(id="aaaa2222-0000-4000-8000-000000000000", name="Acme expansion")
    twin = Deal(id="bbbb0000-0000-4000-8000-000000000000", name="Acme expansion")
    library.add_deals([one, two, twin])
    assert library.find_deal(one.id) == one.id
    assert library.find_deal(one.id.upper()) == one.id
    assert library.find_deal("aaaa1") == one.id
    assert library.find_deal("Acme renewal") == one.id
    assert library.find_deal("acme RENEWAL") == one.id
    with pytest.raises(AmbiguousReference, match="fits 2 deals"):
        library.find_deal("aaaa")
    with pytest.raises(AmbiguousReference, match="2 deals are named"):
        library.find_deal("Acme expansion")
    with pytest.raises(NotFound):
        library.find_deal("Globex")
    with pytest.raises(NotFound):
        library.find_deal("aa")  # too short to be a prefix


def test_list_deals_counts_people(library: Library, demos: list[Deal]) -> None:
    library.add_deals(demos)
    listed = {d.id: d.people for d in library.list_deals()}
    assert listed == {d.id: len(d.people) for d in demos}


def test_every_edit_is_durable_at_once(library_path: Path) -> None:
    """An edit is committed when the call returns: a second connection sees it at once."""
    deal = Deal(name="D", people=(Person(name="A"),))
    with Library.open(library_path) as writer, Library.open(library_path) as reader:
        writer.add_deal(deal)
        writer.update_people([deal.people[0].with_score(Axis.BUSINESS, Score(9))])
        assert reader.get_person(deal.people[0].id).scores.business.value == 9


def test_bulk_person_values_match_the_named_row(demos: list[Deal]) -> None:
    from desktop.store import rows

    for person in demos[0].people:
        named = rows.stance_row(person, demos[0].id)
        values = dict(zip(rows.STANCE_COLUMNS, rows.stance_values(person, demos[0].id, 3),
                          strict=True))
        assert {k: v for k, v in values.items() if k != "ordinal"} == named
        identity = rows.identity_row(person)
        assert dict(zip(rows.IDENTITY_COLUMNS, rows.identity_values(person, None),
                        strict=True)) == {**identity, "id": person.id, "account_id": None}
