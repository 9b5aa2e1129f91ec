"""Gephi's node and edge tables and Kumu's elements and connections read back: the tools'
own layouts, and our exports coming home into the deal they left (by its id, nothing new)."""

from __future__ import annotations

import shutil
from pathlib import Path

import openpyxl
import pytest

from desktop.domain.deal import Deal
from desktop.domain.enums import Axis, RelationKind
from desktop.exchange import registry
from desktop.exchange.exporting import export_deals
from desktop.exchange.importing import plan_import, read_files
from desktop.problems import ImportProblem
from desktop.store.library import Library
from tests.helpers.paths import DATA


@pytest.mark.parametrize("fmt", ["gephi", "kumu"])
def test_either_table_of_our_export_comes_back_into_its_deal(
        tmp_path: Path, library: Library, northwind: Deal, fmt: str) -> None:
    library.add_deal(northwind)
    written = export_deals(library, [northwind.id], tmp_path / "map.csv", fmt)
    assert len(written) == 2
    for path in written:
        (incoming,) = read_files([path])
        deal = incoming.deal
        assert (deal.id, deal.name) == (northwind.id, northwind.name)
        assert {p.id: p.name for p in deal.people} == {p.id: p.name for p in northwind.people}
        assert {r.identity for r in deal.relations} == {r.identity for r in northwind.relations}
        mine = {p.id: p for p in northwind.people}
        for person in deal.people:
            original = mine[person.id]
            assert (person.title, person.department, person.email, person.support,
                    person.influence, person.coverage, person.roles) == (
                original.title, original.department, original.email, original.support,
                original.influence, original.coverage, original.roles)
            assert [person.scores[a].value for a in Axis] == [
                original.scores[a].value for a in Axis]
        assert plan_import(library, [incoming]).changes_nothing


def test_gephis_own_table_export_reads_with_its_lines(tmp_path: Path) -> None:
    for name in ("contacts-nodes.csv", "contacts-edges.csv"):
        shutil.copy(DATA / "gephi" / name, tmp_path / name)
    path = tmp_path / "contacts-edges.csv"
    assert registry.for_input(path, path.read_bytes()).name == "gephi"
    (incoming,) = read_files([path])
    deal = incoming.deal
    assert deal.name == "contacts"  # the pair's name, without "-edges"
    names = {p.id: p.name for p in deal.people}
    assert sorted(names.values()) == ["Ines Alvarez", "Kofi Mensah", "Sara Lindqvist"]
    lines = {(names[r.source], names[r.target], r.kind, r.strength) for r in deal.relations}
    assert lines == {("Kofi Mensah", "Ines Alvarez", RelationKind.INFLUENCE, 1),
                     ("Sara Lindqvist", "Ines Alvarez", RelationKind.INFLUENCE, 3)}
    # The node table alone (its partner not beside it): the people, no lines.
    alone = tmp_path / "alone"
    alone.mkdir()
    shutil.copy(DATA / "gephi" / "contacts-nodes.csv", alone / "contacts-nodes.csv")
    (people_only,) = read_files([alone / "contacts-nodes.csv"])
    assert len(people_only.deal.people) == 3
    assert people_only.deal.relations == ()


def test_a_kumu_sheet_made_by_hand_reads_by_label(tmp_path: Path) -> None:
    """Kumu's guide: Label, Type, Description, Tags; connections From, To by label — one
    to an element the elements sheet does not have (Kumu makes it; so do we)."""
    for name in ("map-elements.csv", "map-connections.csv"):
        shutil.copy(DATA / "kumu" / name, tmp_path / name)
    path = tmp_path / "map-elements.csv"
    assert registry.for_input(path, path.read_bytes()).name == "kumu"
    (incoming,) = read_files([path])
    people = {p.name: p for p in incoming.deal.people}
    # "Kumu" is typed Company: not a person, and the line to it goes with it.
    assert set(people) == {"Jeff Mohr", "Anna Berg", "Ben Ode"}
    # Kumu's Description is free text: the notes (ours, with a Deal ID, holds the title).
    assert people["Anna Berg"].notes == "CFO"
    assert people["Anna Berg"].title == ""
    assert people["Jeff Mohr"].roles == ()  # Tags that are not our roles are not roles
    names = {p.id: p.name for p in incoming.deal.people}
    kinds = {(names[r.source], names[r.target]): r.kind for r in incoming.deal.relations}
    assert kinds == {("Anna Berg", "Jeff Mohr"): RelationKind.REPORTS_TO,
                     ("Anna Berg", "Ben Ode"): RelationKind.CONFLICT}


def test_a_people_csv_is_not_taken_for_a_node_table() -> None:
    head = b"Id,AccountId,LastName,FirstName,ReportsToId\r\n"
    assert registry.for_input(Path("x.csv"), head).name == "csv"
    assert registry.for_input(Path("x.csv"), b"ID,Label,Type\n").name == "kumu"
    assert registry.for_input(Path("x.csv"), b"Id,Label,timeset\n").name == "gephi"


def test_a_kumu_workbook_ours_or_by_hand_reads_without_asking_for_columns(
        tmp_path: Path, library: Library, northwind: Deal) -> None:
    library.add_deal(northwind)
    (ours,) = export_deals(library, [northwind.id], tmp_path / "kumu.xlsx", "kumu-xlsx")
    for fmt in (None, "kumu-xlsx"):  # found by its two sheets, or named
        (incoming,) = read_files([ours], fmt)
        assert (incoming.deal.id, incoming.deal.name) == (northwind.id, northwind.name)
        assert {r.identity for r in incoming.deal.relations} == {
            r.identity for r in northwind.relations}
        assert plan_import(library, [incoming]).changes_nothing
    book = openpyxl.Workbook()
    elements = book.active
    assert elements is not None
    elements.title = "Elements"
    for row in (["Label", "Type", "Description"], ["Jeff Mohr", "Person", "Founder"],
                ["Anna Berg", "Person", "CFO"]):
        elements.append(row)
    connections = book.create_sheet("Connections")
    connections.append(["From", "To", "Type", "Strength"])
    connections.append(["Anna Berg", "Jeff Mohr", "Reports to", 1])
    by_hand = tmp_path / "map.xlsx"
    book.save(by_hand)
    (incoming,) = read_files([by_hand])
    names = {p.id: p.name for p in incoming.deal.people}
    assert sorted(names.values()) == ["Anna Berg", "Jeff Mohr"]
    assert [(names[r.source], names[r.target], r.kind) for r in incoming.deal.relations] == [
        ("Anna Berg", "Jeff Mohr", RelationKind.REPORTS_TO)]


def test_both_files_of_a_pair_picked_are_one_deal(tmp_path: Path, library: Library) -> None:
    """Picking both files of the pair (the natural thing to do) makes one deal, not two,
    and a problem in the edge table names that file."""
    for name in ("contacts-nodes.csv", "contacts-edges.csv"):
        shutil.copy(DATA / "gephi" / name, tmp_path / name)
    both = read_files([tmp_path / "contacts-nodes.csv", tmp_path / "contacts-edges.csv"])
    assert both[0].deal == both[1].deal
    plan = plan_import(library, both)
    assert [len(d.people) for d in plan.new_deals] == [3]
    edges = tmp_path / "contacts-edges.csv"
    edges.write_text(edges.read_text() + "n1,n9,Directed,2,,,1.0\r\n")
    with pytest.raises(ImportProblem, match=r"contacts-edges.csv, line 4: the edge points at"):
        read_files([tmp_path / "contacts-nodes.csv"])
