"""People a file brings without places get places: a new deal from a CSV is arranged (an
org chart when it has managers), people merged into an arranged deal go to free places and
nobody the seller placed moves. Without this the map and its print were one pile of cards."""

from __future__ import annotations

from dataclasses import replace
from itertools import combinations
from pathlib import Path

from desktop.domain.deal import Deal
from desktop.domain.ids import new_id
from desktop.domain.person import Person
from desktop.domain.position import Position
from desktop.exchange.importing import apply_import, plan_import, read_files
from desktop.exchange.placing import arrange_new_deal, place_beside
from desktop.store.library import Library
from tests.helpers.paths import DATA

CARD = (200.0, 74.0)


def overlapping(people: tuple[Person, ...] | list[Person]) -> list[tuple[str, str]]:
    return [(a.name, b.name) for a, b in combinations(people, 2)
            if abs(a.position.x - b.position.x) < CARD[0]
            and abs(a.position.y - b.position.y) < CARD[1]]


def test_a_csv_becomes_a_deal_whose_cards_do_not_overlap(library: Library) -> None:
    plan = plan_import(library, read_files([DATA / "csv" / "salesforce_contacts.csv"]))
    (deal,) = plan.new_deals
    assert len(deal.people) >= 3
    assert overlapping(deal.people) == []
    apply_import(library, plan)
    stored = library.get_deal(deal.id)
    assert overlapping(stored.people) == []
    by_name = {p.name: p.position for p in stored.people}
    # an org chart: the VP sits above the people who report to him
    assert by_name["Hugo Nakamura"].y < by_name["Nils Silva"].y
    assert by_name["Hugo Nakamura"].y < by_name["Ben Garcia"].y


def test_people_merged_into_an_arranged_deal_go_to_free_places(library: Library,
                                                               small_demo: Deal) -> None:
    library.write_deals(add=[small_demo])
    before = {p.id: p.position for p in library.get_deal(small_demo.id).people}
    plan = plan_import(library, read_files([DATA / "csv" / "google_contacts.csv"]),
                       into=small_demo.id)
    apply_import(library, plan)
    after = library.get_deal(small_demo.id)
    assert len(after.people) > len(before)
    assert {p.id: p.position for p in after.people if p.id in before} == before
    assert overlapping(after.people) == []
    lowest_before = max(position.y for position in before.values())
    assert all(p.position.y > lowest_before for p in after.people if p.id not in before)


def test_a_deal_file_keeps_its_places(small_demo: Deal) -> None:
    assert arrange_new_deal(small_demo) == small_demo


def test_many_newcomers_go_in_a_grid_below(small_demo: Deal) -> None:
    crowd = [Person(id=new_id(), name=f"Person {i}") for i in range(200)]
    placed = place_beside(small_demo, crowd)
    assert overlapping(list(placed)) == []
    lowest = max(p.position.y for p in small_demo.people)
    assert all(p.position.y > lowest for p in placed)


def test_newcomers_with_a_place_keep_it(small_demo: Deal) -> None:
    somewhere = Person(id=new_id(), name="Placed", position=Position(1234.0, -50.0))
    nowhere = Person(id=new_id(), name="Unplaced")
    placed = {p.id: p.position for p in place_beside(small_demo, [somewhere, nowhere])}
    assert placed[somewhere.id] == Position(1234.0, -50.0)
    assert placed[nowhere.id] != Position()


def test_a_graph_without_positions_is_spread_out(tmp_path: Path, library: Library) -> None:
    graph = tmp_path / "team.graphml"
    nodes = "".join(f'<node id="n{i}"><data key="name">Person {i}</data></node>' for i in range(12))
    edges = "".join(f'<edge source="n{i}" target="n{(i + 1) % 12}"/>' for i in range(12))
    graph.write_text(
        '<?xml version="1.0"?><graphml xmlns="http://graphml.graphdrawing.org/xmlns">'
        '<key id="name" for="node" attr.name="name" attr.type="string"/>'
        f'<graph edgedefault="directed">{nodes}{edges}</graph></graphml>', encoding="utf-8")
    (deal,) = plan_import(library, read_files([graph])).new_deals
    assert len(deal.people) == 12
    assert overlapping(deal.people) == []


def test_a_yed_drawing_is_spread_so_that_our_bigger_cards_do_not_overlap() -> None:
    """yEd's boxes are smaller than our cards: its org chart, placed as drawn, put Sofia
    Lange's card over Tobias Wolf's (the fresh-eyes check). The drawing is scaled — its
    shape kept: who is above whom, left of whom — until no two cards overlap."""
    from desktop.exchange.importing import read_files
    from desktop.exchange.placing import CARD_ROOM
    from tests.helpers.paths import DATA

    (incoming,) = read_files([DATA / "yed" / "org_chart.graphml"])
    people = {p.name: p.position for p in incoming.deal.people}
    width, height = CARD_ROOM
    spots = list(people.values())
    for i, a in enumerate(spots):
        for b in spots[i + 1:]:
            assert abs(a.x - b.x) >= width or abs(a.y - b.y) >= height, (a, b)
    assert people["Martin Weber"].y < people["Anna Schmidt"].y < people["Lea Brandt"].y
    assert people["Lea Brandt"].x < people["Tobias Wolf"].x < people["Sofia Lange"].x


def test_our_own_places_are_kept_as_they_are(northwind: Deal) -> None:
    from desktop.exchange.formats.graphml import graphml_bytes, read
    from desktop.exchange.registry import ReadOptions

    crowded = replace(northwind, people=tuple(p.at(Position(10.0 * i, 5.0 * i))
                                              for i, p in enumerate(northwind.people)))
    (incoming,) = read(graphml_bytes(crowded), Path("ours.graphml"), ReadOptions())
    assert [p.position for p in incoming.deal.people] == [p.position for p in crowded.people]
