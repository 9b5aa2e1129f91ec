"""Our own GraphML and GEXF come back as they left: every person field a graph carries, every
line with its direction, the deal's id and name; imported into the library that has the deal
they merge into it and change nothing (they made a second deal with everybody twice)."""

from __future__ import annotations

import xml.etree.ElementTree as ET
from dataclasses import replace
from pathlib import Path

import networkx as nx
import pytest

from desktop.domain.deal import Deal
from desktop.domain.enums import Axis, RelationKind
from desktop.domain.person import Person
from desktop.domain.position import Position
from desktop.domain.scores import Score
from desktop.exchange.exporting import export_deals
from desktop.exchange.formats import gexf, graphml
from desktop.exchange.importing import apply_import, plan_import, read_files
from desktop.exchange.registry import ReadOptions
from desktop.store.library import Library
from tests.helpers.cli import digest

CARRIED = ("name", "title", "department", "organisation", "email", "phone", "roles",
           "support", "influence", "coverage")


@pytest.fixture(scope="module")
def deal(demos: list[Deal]) -> Deal:
    """The biggest demo deal, with what the demos leave empty filled in for somebody: an
    organisation, a phone, a card at the very top-left (0, 0), one just above it."""
    helix = max(demos, key=lambda d: len(d.people))
    first, second, *rest = helix.people
    first = replace(first, organisation="Ortho Partners GmbH", phone="+49 30 1234567",
                    position=Position(0.0, 0.0))
    second = replace(second, position=Position(-0.04, -0.02))
    return replace(helix, people=(first, second, *rest))


def read(data: bytes, name: str) -> Deal:
    reader = graphml.read if name.endswith(".graphml") else gexf.read
    (incoming,) = reader(data, Path(name), ReadOptions())
    return incoming.deal


def written(deal: Deal, suffix: str) -> bytes:
    return graphml.graphml_bytes(deal) if suffix == ".graphml" else gexf.gexf_bytes(deal)


@pytest.mark.parametrize("suffix", [".graphml", ".gexf"])
def test_the_deal_comes_back_with_its_id_name_people_and_lines(deal: Deal, suffix: str) -> None:
    back = read(written(deal, suffix), f"anything{suffix}")
    assert (back.id, back.name) == (deal.id, deal.name)
    assert [p.id for p in back.people] == [p.id for p in deal.people]
    for mine, theirs in zip(deal.people, back.people, strict=True):
        assert {f: getattr(theirs, f) for f in CARRIED} == {f: getattr(mine, f) for f in CARRIED}
        assert theirs.scores.values() == mine.scores.values()
        places = 1e-9 if suffix == ".graphml" else 0.051  # GEXF positions: one decimal
        assert theirs.position.x == pytest.approx(mine.position.x, abs=places)
        assert theirs.position.y == pytest.approx(mine.position.y, abs=places)
    assert {(r.source, r.target, r.kind, r.strength, r.note) for r in back.relations} == {
        (r.source, r.target, r.kind, r.strength, r.note) for r in deal.relations}


def test_graphml_positions_are_exact(deal: Deal) -> None:
    back = read(written(deal, ".graphml"), "x.graphml")
    assert [p.position for p in back.people] == [p.position for p in deal.people]


@pytest.mark.parametrize("suffix", [".graphml", ".gexf"])
def test_our_export_into_the_library_that_has_the_deal_changes_nothing(
        library: Library, deal: Deal, tmp_path: Path, suffix: str) -> None:
    library.add_deal(deal)
    out = tmp_path / f"renamed by the seller{suffix}"
    export_deals(library, [deal.id], out)
    before = digest(library.path)
    plan = plan_import(library, read_files([out]))
    assert not plan.new_deals
    assert plan.changes_nothing
    apply_import(library, plan)
    assert [s.id for s in library.list_deals()] == [deal.id]
    assert digest(library.path) == before


@pytest.mark.parametrize("suffix", [".graphml", ".gexf"])
def test_an_edited_export_merges_into_its_deal(library: Library, deal: Deal, tmp_path: Path,
                                               suffix: str) -> None:
    """A colleague changed a title and a score in the file: one conflict on exactly those,
    no second deal, nobody twice."""
    library.add_deal(deal)
    person = deal.people[2]
    edited = person.with_score(Axis.BUSINESS, Score(9 if person.scores.business.value != 9
                                                    else 8))
    edited = replace(edited, title="Chief Medical Officer")
    out = tmp_path / f"edited{suffix}"
    out.write_bytes(written(replace(deal, people=tuple(
        edited if p.id == person.id else p for p in deal.people)), suffix))
    plan = plan_import(library, read_files([out]))
    assert not plan.new_deals
    ((_, conflict),) = plan.conflicts
    assert conflict.mine.id == person.id
    assert set(conflict.fields) == {"title", "scores"}


@pytest.mark.parametrize("suffix", [".graphml", ".gexf"])
def test_our_export_into_an_empty_library_is_the_deal(tmp_path: Path, deal: Deal,
                                                      suffix: str) -> None:
    out = tmp_path / f"x{suffix}"
    out.write_bytes(written(deal, suffix))
    with Library.open(tmp_path / "other.sqlite") as other:
        apply_import(other, plan_import(other, read_files([out])))
        (summary,) = other.list_deals()
        assert (summary.id, summary.name) == (deal.id, deal.name)


def test_a_graph_without_our_ids_is_named_after_the_file(deal: Deal) -> None:
    data = written(deal, ".graphml").replace(deal.id.encode(), b"G")
    data = data.replace(f"<data key=\"g_deal\">{deal.name}</data>".encode(), b"")
    back = read(data, "Team map.graphml")
    assert back.name == "Team map"
    assert back.id != deal.id
    data = written(deal, ".gexf").replace(deal.id.encode(), b"somebody's keyword")
    assert read(data, "x.gexf").id != deal.id


def test_networkx_reads_the_deal_name_and_the_new_attributes(deal: Deal, tmp_path: Path) -> None:
    out = tmp_path / "x.graphml"
    out.write_bytes(written(deal, ".graphml"))
    graph = nx.read_graphml(out)
    assert graph.graph["deal"] == deal.name
    person = deal.people[0]
    assert graph.nodes[person.id]["organisation"] == "Ortho Partners GmbH"
    assert graph.nodes[person.id]["phone"] == "+49 30 1234567"
    out = tmp_path / "x.gexf"
    out.write_bytes(written(deal, ".gexf"))
    assert set(nx.read_gexf(out, version="1.3").nodes) == {p.id for p in deal.people}


def test_gexf_never_writes_minus_zero(deal: Deal) -> None:
    text = written(deal, ".gexf").decode()
    assert '"-0.0"' not in text
    root = ET.fromstring(text)
    viz = "{http://gexf.net/1.3/viz}"
    first = root.find(f".//{{http://gexf.net/1.3}}node[@id='{deal.people[0].id}']")
    assert first is not None
    position = first.find(f"{viz}position")
    assert position is not None
    assert (position.get("x"), position.get("y")) == ("0.0", "0.0")
    assert '"-0.0"' not in written(deal, ".graphml").decode()


def test_the_yed_markup_alone_keeps_who_reports_to_whom(deal: Deal) -> None:
    """Our arrowheads follow yEd's org-chart convention (at the report): a copy whose lines
    lost our keys — redrawn in yEd — reads back the same reports-to, dotted-line and influence
    lines (a conflict line needs its key: colours mean nothing)."""
    drawn = replace(deal, relations=tuple(r for r in deal.relations
                                          if r.kind is not RelationKind.CONFLICT))
    root = ET.fromstring(written(drawn, ".graphml"))
    ns = "{http://graphml.graphdrawing.org/xmlns}"
    for edge in root.iter(f"{ns}edge"):
        for data in [d for d in edge if d.get("key", "").startswith("e_")]:
            edge.remove(data)
    back = read(ET.tostring(root), "x.graphml")
    assert {r.kind for r in drawn.relations} >= {RelationKind.REPORTS_TO,
                                                  RelationKind.INFLUENCE}
    assert {(r.source, r.target, r.kind) for r in back.relations} == {
        (r.source, r.target, r.kind) for r in drawn.relations}


def test_a_person_with_nothing_but_a_name_comes_back(deal: Deal) -> None:
    bare = Deal(name=deal.name, id=deal.id, people=(Person(name="Only A. Name"),))
    (person,) = read(written(bare, ".graphml"), "x.graphml").people
    assert (person.name, person.title, person.scores.values()) == ("Only A. Name", "",
                                                                   (None, None, None))


def resaved_by_yed(data: bytes, deal: Deal) -> bytes:
    """What yEd does to our export when it saves it: the graph is "G", the nodes n0, n1, …
    (the edges follow), the data keys kept."""
    text = data.decode().replace(f'<graph id="{deal.id}"', '<graph id="G"')
    for number, person in enumerate(deal.people):
        text = text.replace(f'id="{person.id}"', f'id="n{number}"')
        text = text.replace(f'source="{person.id}"', f'source="n{number}"')
        text = text.replace(f'target="{person.id}"', f'target="n{number}"')
    return text.encode()


def test_an_export_saved_again_by_yed_comes_back_into_its_deal(
        library: Library, deal: Deal, tmp_path: Path) -> None:
    library.add_deal(deal)
    out = tmp_path / "saved in yEd.graphml"
    out.write_bytes(resaved_by_yed(written(deal, ".graphml"), deal))
    assert b'id="G"' in out.read_bytes()
    plan = plan_import(library, read_files([out]))
    assert not plan.new_deals
    assert plan.changes_nothing


def test_a_box_copied_in_yed_is_somebody_else(deal: Deal) -> None:
    """yEd's copy and paste keeps the copied box's keys, our person id among them."""
    text = resaved_by_yed(written(deal, ".graphml"), deal).decode()
    start = text.index('<node id="n0">')
    end = text.index("</node>", start) + len("</node>")
    copy = text[start:end].replace('<node id="n0">', f'<node id="n{len(deal.people)}">')
    back = read((text[:end] + copy + text[end:]).encode(), "copied.graphml")
    assert len(back.people) == len(deal.people) + 1
    original, pasted = back.people[:2]
    assert original.id == deal.people[0].id  # the first keeps its id
    assert pasted.name == original.name  # our label key is the copied box's
    assert pasted.id not in {p.id for p in deal.people}
    assert read((text[:end] + copy + text[end:]).encode(), "copied.graphml") == back
