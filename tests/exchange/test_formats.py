"""Other tools' formats, read back by the readers that matter: networkx for GraphML and
GEXF, openpyxl for the workbooks, csv for Gephi and Kumu; GraphML and GEXF imported."""

from __future__ import annotations

import csv
import io
import xml.etree.ElementTree as ET
from dataclasses import replace
from pathlib import Path

import networkx as nx
import openpyxl
import pytest

from desktop.domain.deal import Deal
from desktop.domain.enums import Axis, RelationKind
from desktop.domain.scores import Score
from desktop.exchange import registry
from desktop.exchange.exporting import export_deals
from desktop.exchange.importing import apply_import, plan_import, read_files
from desktop.palette import SUPPORT_COLOURS
from desktop.store.library import Library
from tests.helpers.cli import digest
from tests.helpers.paths import DATA

GRAPHS = DATA / "graph"


@pytest.fixture
def helix(library: Library, demos: list[Deal]) -> Deal:
    deal = max(demos, key=lambda d: len(d.people))
    library.add_deal(deal)
    return deal


def test_graphml_reads_back_in_networkx_with_every_node_edge_and_attribute(
        tmp_path: Path, library: Library, helix: Deal) -> None:
    out = tmp_path / "helix.graphml"
    export_deals(library, [helix.id], out)
    graph = nx.read_graphml(out)
    assert set(graph.nodes) == {p.id for p in helix.people}
    assert graph.number_of_edges() == len(helix.relations)
    for person in helix.people:
        data = graph.nodes[person.id]
        assert data["label"] == person.name
        assert data["title"] == person.title
        assert data["support"] == int(person.support)
        assert data["x"] == pytest.approx(person.position.x)
        value = person.scores[Axis.BUSINESS].value
        assert data["business"] == ("" if value is None else str(value))
    kinds = {(d["kind"], d["strength"]) for _, _, d in graph.edges(data=True)}
    assert kinds == {(r.kind.value, r.strength) for r in helix.relations}


def test_graphml_carries_yed_markup(tmp_path: Path, library: Library, helix: Deal) -> None:
    out = tmp_path / "helix.graphml"
    export_deals(library, [helix.id], out)
    root = ET.parse(out).getroot()
    y = "{http://www.yworks.com/xml/graphml}"
    shapes = root.findall(f".//{y}ShapeNode")
    assert len(shapes) == len(helix.people)
    # The label is the name, then the title on a second line (as a seller types it in yEd).
    by_label = {s.find(f"{y}NodeLabel").text: s for s in shapes}  # type: ignore[union-attr]
    for person in helix.people:
        shape = by_label["\n".join(t for t in (person.name, person.title) if t)]
        assert shape.find(f"{y}Fill").get("color") == SUPPORT_COLOURS[person.support]  # type: ignore[union-attr]
        geometry = shape.find(f"{y}Geometry")
        assert geometry is not None
        centre = float(geometry.get("x", "")) + float(geometry.get("width", "")) / 2
        assert centre == pytest.approx(person.position.x, abs=0.1)
    assert len(root.findall(f".//{y}PolyLineEdge")) == len(helix.relations)


def test_gexf_reads_back_in_networkx(tmp_path: Path, library: Library, helix: Deal) -> None:
    out = tmp_path / "helix.gexf"
    export_deals(library, [helix.id], out)
    graph = nx.read_gexf(out, version="1.3")
    assert set(graph.nodes) == {p.id for p in helix.people}
    assert graph.number_of_edges() == len(helix.relations)
    person = helix.people[0]
    data = graph.nodes[person.id]
    assert data["label"] == person.name
    assert data["title"] == person.title
    assert data["viz"]["position"]["x"] == pytest.approx(person.position.x)
    assert data["viz"]["position"]["y"] == pytest.approx(-person.position.y)
    colour = SUPPORT_COLOURS[person.support].lstrip("#")
    assert (data["viz"]["color"]["r"], data["viz"]["color"]["g"]) == (
        int(colour[0:2], 16), int(colour[2:4], 16))
    assert data["viz"]["size"] > 0
    for _u, _v, edge in graph.edges(data=True):
        assert edge["kind"] in {k.value for k in RelationKind}


@pytest.mark.parametrize("suffix", [".graphml", ".gexf"])
def test_graph_files_import_with_people_lines_and_positions(
        tmp_path: Path, library: Library, helix: Deal, suffix: str) -> None:
    out = tmp_path / f"helix{suffix}"
    export_deals(library, [helix.id], out)
    with Library.open(tmp_path / "other.sqlite") as other:
        plan = plan_import(other, read_files([out]))
        apply_import(other, plan)
        (summary,) = other.list_deals()
        deal = other.get_deal(summary.id)
    assert {p.name for p in deal.people} == {p.name for p in helix.people}
    assert {(r.kind, r.strength) for r in deal.relations} == {
        (r.kind, r.strength) for r in helix.relations}
    by_name = {p.name: p for p in deal.people}
    for person in helix.people:
        assert by_name[person.name].position.x == pytest.approx(person.position.x, abs=0.1)
        assert by_name[person.name].position.y == pytest.approx(person.position.y, abs=0.1)
        assert by_name[person.name].support is person.support


def test_the_same_graph_file_twice_changes_nothing(tmp_path: Path, library: Library) -> None:
    path = GRAPHS / "yed_sample.graphml"
    apply_import(library, plan_import(library, read_files([path])))
    before = digest(library.path)
    assert plan_import(library, read_files([path])).changes_nothing
    assert digest(library.path) == before


def test_a_yed_drawing_imports_its_labels_and_places() -> None:
    (incoming,) = read_files([GRAPHS / "yed_sample.graphml"])
    deal = incoming.deal
    by_name = {p.name: p for p in deal.people}
    assert set(by_name) == {"Ines Alvarez", "Kofi Mensah", "Sara Lindqvist"}
    assert by_name["Ines Alvarez"].position.x == pytest.approx(370.0)  # the node's centre
    assert by_name["Ines Alvarez"].position.y == pytest.approx(55.0)
    assert len(deal.relations) == 2


def test_gephi_tables(tmp_path: Path, library: Library, helix: Deal) -> None:
    written = export_deals(library, [helix.id], tmp_path / "helix.csv", "gephi")
    assert [p.name for p in written] == ["helix-nodes.csv", "helix-edges.csv"]
    nodes = list(csv.reader(io.StringIO(written[0].read_text(encoding="utf-8-sig"))))
    edges = list(csv.reader(io.StringIO(written[1].read_text(encoding="utf-8-sig"))))
    assert nodes[0][:2] == ["Id", "Label"]
    assert edges[0][:6] == ["Source", "Target", "Type", "Weight", "Source Label",
                            "Target Label"]
    assert len(nodes) == len(helix.people) + 1
    assert len(edges) == len(helix.relations) + 1
    ids = {row[0] for row in nodes[1:]}
    assert all(row[0] in ids and row[1] in ids for row in edges[1:])
    assert {row[2] for row in edges[1:]} <= {"Directed", "Undirected"}


def test_kumu_tables_and_workbook(tmp_path: Path, library: Library, helix: Deal) -> None:
    elements_path, connections_path = export_deals(library, [helix.id],
                                                   tmp_path / "helix.csv", "kumu")
    elements = list(csv.reader(io.StringIO(elements_path.read_text(encoding="utf-8-sig"))))
    connections = list(csv.reader(io.StringIO(
        connections_path.read_text(encoding="utf-8-sig"))))
    assert elements[0][:5] == ["ID", "Label", "Type", "Description", "Tags"]
    assert connections[0][:5] == ["ID", "From", "To", "Type", "Strength"]
    ids = {row[0] for row in elements[1:]}
    assert len(ids) == len(helix.people)  # Kumu matches by the ID column: names may repeat
    assert [row[1] for row in elements[1:]] == [p.name for p in helix.people]
    assert all(row[1] in ids and row[2] in ids for row in connections[1:])
    (book_path,) = export_deals(library, [helix.id], tmp_path / "kumu.xlsx", "kumu-xlsx")
    book = openpyxl.load_workbook(book_path)
    assert book.sheetnames == ["Elements", "Connections"]
    assert book["Connections"].max_row == len(helix.relations) + 1


def test_xlsx_workbook(tmp_path: Path, library: Library, helix: Deal) -> None:
    sneaky = replace(helix.people[0], title="=1+1").with_score(
        Axis.PERSONAL, Score(6, "his bonus depends on it", private=True))
    library.update_people([sneaky])
    out = tmp_path / "deals.xlsx"
    export_deals(library, [helix.id], out)
    book = openpyxl.load_workbook(out)
    assert book.sheetnames == ["People", "Relations", "Scores", "Plan", "Criteria", "Process"]
    people = book["People"]
    assert [c.value for c in people[1]][:3] == ["Deal", "Name", "Title"]
    assert people.max_row == len(helix.people) + 1
    title = people.cell(row=2, column=3)
    assert title.value == "=1+1"
    assert title.data_type == "s"  # text, not a formula
    scores = [[c.value for c in row] for row in book["Scores"].iter_rows(min_row=2)]
    assert not any(row[4] == "his bonus depends on it" for row in scores)
    export_deals(library, [helix.id], out, include_private=True)
    scores = [[c.value for c in row] for row in openpyxl.load_workbook(out)["Scores"]
              .iter_rows(min_row=2)]
    assert any(row[4] == "his bonus depends on it" for row in scores)


def test_graph_formats_hold_one_deal(tmp_path: Path, library: Library,
                                     demos: list[Deal]) -> None:
    library.add_deals(demos)
    with pytest.raises(ValueError, match="one deal"):
        export_deals(library, [d.id for d in demos], tmp_path / "two.graphml")


def test_the_registry_knows_every_format() -> None:
    names = {f.name for f in registry.all_formats()}
    assert names == {"dealtri", "csv", "gephi", "kumu", "kumu-xlsx", "graphml", "gexf", "xlsx",
                     "ics", "vcard"}
    assert {f.name for f in registry.readers()} == names - {"ics"}  # a calendar goes out
    assert registry.for_output(Path("x.csv")).name == "csv"
    assert registry.for_output(Path("x.xlsx")).name == "xlsx"
