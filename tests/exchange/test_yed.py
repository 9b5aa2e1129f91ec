"""Org charts drawn in yEd come in as the seller drew them: a box's first line is the name and
the rest the title, solid lines report, dashed lines are dotted-line reports, dotted lines
influence, the manager is found from the arrowheads (yEd's org-chart convention: arrowhead at
the report) or, without them, from who is higher on the page; groups are departments.

The samples in tests/data/yed are written by hand in the layout yEd 3.23 saves."""

from __future__ import annotations

from pathlib import Path

import pytest

from desktop.domain.deal import Deal
from desktop.domain.enums import RelationKind
from desktop.exchange.formats import graphml
from desktop.exchange.importing import apply_import, plan_import, read_files
from desktop.exchange.registry import ReadOptions
from desktop.exchange.yed_markup import (
    MAX_GROUP_DEPTH,
    EdgeMarkup,
    kind_and_direction,
    name_and_title,
)
from desktop.problems import ImportProblem
from desktop.store.library import Library
from tests.helpers.cli import digest
from tests.helpers.paths import DATA

YED = DATA / "yed"
REPORTS, DOTTED, INFLUENCE = (RelationKind.REPORTS_TO, RelationKind.DOTTED_LINE,
                              RelationKind.INFLUENCE)


def read(name: str) -> Deal:
    (incoming,) = read_files([YED / name])
    return incoming.deal


def lines(deal: Deal) -> set[tuple[str, RelationKind, str]]:
    """Each line as (from, kind, to) by name: the report → the manager, the influencer → the
    influenced."""
    names = {p.id: p.name for p in deal.people}
    return {(names[r.source], r.kind, names[r.target]) for r in deal.relations}


def lines_of(deal: Deal) -> dict[str, tuple[str, RelationKind, str]]:
    names = {p.id: p.name for p in deal.people}
    return {r.id: (names[r.source], r.kind, names[r.target]) for r in deal.relations}


def test_an_org_chart_with_yeds_arrows() -> None:
    deal = read("org_chart.graphml")
    people = {p.name: p for p in deal.people}
    assert {n: p.title for n, p in people.items()} == {
        "Martin Weber": "Chief Executive Officer", "Anna Schmidt": "CFO",
        "Jonas Keller": "CIO", "Lea Brandt": "Head of Procurement",
        "Tobias Wolf": "IT Architect Platform team",  # a third line joins the title
        "Sofia Lange": "",  # one line: the name only
    }
    assert people["Martin Weber"].notes == "Signs anything above 500k.\nGolf on Fridays."
    assert people["Anna Schmidt"].notes == ""
    # The box's centre (320), the drawing spread 1.25× from its left edge (Lea Brandt's
    # centre, 85) so that our bigger cards do not overlap (test_placing).
    assert people["Lea Brandt"].position.x == pytest.approx(85.0)
    assert people["Martin Weber"].position.x == pytest.approx(85.0 + (320.0 - 85.0) * 1.25,
                                                              abs=0.1)  # to 0.1 px
    notes = {lines_of(deal)[r.id]: r.note for r in deal.relations}
    assert notes[("Tobias Wolf", DOTTED, "Anna Schmidt")] == "IT budget"  # the line's label
    assert notes[("Anna Schmidt", REPORTS, "Martin Weber")] == ""
    assert lines(deal) == {
        ("Anna Schmidt", REPORTS, "Martin Weber"),
        ("Jonas Keller", REPORTS, "Martin Weber"),  # drawn red: colours mean nothing
        ("Lea Brandt", REPORTS, "Anna Schmidt"),
        ("Tobias Wolf", REPORTS, "Jonas Keller"),  # a delta arrowhead is an arrowhead
        ("Sofia Lange", REPORTS, "Jonas Keller"),  # drawn from her, arrowhead at her end
        ("Tobias Wolf", DOTTED, "Anna Schmidt"),  # dashed
        ("Lea Brandt", INFLUENCE, "Martin Weber"),  # dotted, arrowhead at the influenced
    }


def test_without_arrowheads_the_higher_box_is_the_manager() -> None:
    deal = read("org_chart_no_arrows.graphml")
    assert {p.name: p.title for p in deal.people} == {
        "Claire Dubois": "Directrice générale", "Hugo Martin": "DAF", "Inès Moreau": "DSI",
        "Paul Girard": "Acheteur"}
    assert lines(deal) == {
        ("Hugo Martin", REPORTS, "Claire Dubois"),  # drawn upwards
        ("Inès Moreau", REPORTS, "Claire Dubois"),  # drawn downwards
        ("Paul Girard", REPORTS, "Hugo Martin"),  # arrowheads at both ends: as none
        ("Paul Girard", DOTTED, "Inès Moreau"),  # dashed, no arrowheads
    }


def test_a_left_to_right_hierarchic_layout_follows_its_arrows() -> None:
    """yEd's hierarchic layout, left to right: a report may sit higher on the page than
    the manager; the arrowheads decide."""
    deal = read("hierarchic_left_to_right.graphml")
    people = {p.name: p for p in deal.people}
    assert people["Kai Schulz"].position.y < people["Ruth Fischer"].position.y
    assert people["Mia Becker"].title == "Fleet Manager"  # a GenericNode's label
    assert people["Noah Klein"].title == "Dispatcher"  # a second label under the box
    assert people["Ruth Fischer"].notes == "Owns the fleet budget."
    assert lines(deal) == {
        ("Kai Schulz", REPORTS, "Ruth Fischer"),
        ("Mia Becker", REPORTS, "Ruth Fischer"),
        ("Noah Klein", REPORTS, "Kai Schulz"),
        ("Noah Klein", INFLUENCE, "Mia Becker"),  # dotted, arrowhead at Mia's end
    }


def test_groups_are_departments_and_no_people() -> None:
    deal = read("departments_as_groups.graphml")
    assert {p.name: p.department for p in deal.people} == {
        "Kerstin Vogel": "",
        "Frank Otto": "Finance", "Greta Hahn": "Finance",
        "Ivo Braun": "IT",
        "Pia Roth": "Platform team",  # the innermost group, inside IT
    }
    assert {p.name: p.title for p in deal.people}["Pia Roth"] == "DevOps Lead"
    assert lines(deal) == {
        ("Frank Otto", REPORTS, "Kerstin Vogel"), ("Ivo Braun", REPORTS, "Kerstin Vogel"),
        ("Greta Hahn", REPORTS, "Frank Otto"),  # an edge inside the Finance group
        ("Pia Roth", REPORTS, "Ivo Braun"),  # from IT into its Platform team group
    }  # Pia's dotted line to the Finance box joins no two people: left out


def test_the_deal_is_named_after_the_file_not_yeds_graph_id() -> None:
    deal = read("org_chart.graphml")
    assert deal.name == "org_chart"
    assert read("org_chart.graphml").id == deal.id  # the same file: the same deal


def test_a_yed_chart_imported_twice_changes_nothing(library: Library) -> None:
    paths = [YED / "departments_as_groups.graphml"]
    apply_import(library, plan_import(library, read_files(paths)))
    before = digest(library.path)
    assert plan_import(library, read_files(paths)).changes_nothing
    assert digest(library.path) == before
    (summary,) = library.list_deals()
    assert len(library.get_deal(summary.id).people) == 5


@pytest.mark.parametrize(("label", "expected"), [
    ("Anna Schmidt\nCFO", ("Anna Schmidt", "CFO")),
    ("  Anna   Schmidt \r\n\n  CFO \n", ("Anna Schmidt", "CFO")),
    ("Anna Schmidt", ("Anna Schmidt", "")),
    ("Tobias Wolf\nIT Architect\nPlatform team", ("Tobias Wolf", "IT Architect Platform team")),
    ("\n\n", ("", "")),
])
def test_a_label_is_the_name_then_the_title(label: str, expected: tuple[str, str]) -> None:
    assert name_and_title(label) == expected


@pytest.mark.parametrize(("line", "arrows", "heights", "expected"), [
    ("line", (False, True), (0.0, 100.0), (REPORTS, True)),  # arrowhead at the report
    ("line", (False, True), (100.0, 0.0), (REPORTS, True)),  # arrowheads beat the page
    ("line", (True, False), (0.0, 100.0), (REPORTS, False)),
    ("line", (False, False), (100.0, 0.0), (REPORTS, False)),  # the target is higher
    ("line", (True, True), (0.0, 100.0), (REPORTS, True)),  # the source is higher
    ("line", (False, False), (50.0, 50.0), (REPORTS, True)),  # level: as yFiles draws
    ("line", (False, False), (None, 50.0), (REPORTS, True)),
    ("dashed", (False, False), (100.0, 0.0), (DOTTED, False)),
    ("dashed_dotted", (False, True), (0.0, 1.0), (DOTTED, True)),
    ("dotted", (False, True), (100.0, 0.0), (INFLUENCE, False)),
    ("dotted", (True, False), (0.0, 100.0), (INFLUENCE, True)),
    ("dotted", (False, False), (0.0, 100.0), (INFLUENCE, False)),
])
def test_the_kind_and_the_manager_from_the_line(
        line: str, arrows: tuple[bool, bool], heights: tuple[float | None, float | None],
        expected: tuple[RelationKind, bool]) -> None:
    assert kind_and_direction(EdgeMarkup(line, *arrows), *heights) == expected


def test_an_unknown_line_style_is_left_to_the_data() -> None:
    assert kind_and_direction(EdgeMarkup("wavy", False, True), 0.0, 1.0) is None


def test_groups_nested_ten_thousand_deep_are_one_sentence() -> None:
    depth = 10_000
    data = (b'<?xml version="1.0" encoding="UTF-8"?>'
            b'<graphml xmlns="http://graphml.graphdrawing.org/xmlns">'
            b'<graph id="G" edgedefault="directed">'
            + b"".join(b'<node id="g%d" yfiles.foldertype="group"><graph id="g%d:">' % (i, i)
                       for i in range(depth))
            + b'<node id="p"/>' + b"</graph></node>" * depth + b"</graph></graphml>")
    with pytest.raises(ImportProblem) as raised:
        graphml.read(data, Path("deep.graphml"), ReadOptions())
    message = str(raised.value)
    assert message.startswith(f"deep.graphml at node g{MAX_GROUP_DEPTH}: ")
    assert f"nested more than {MAX_GROUP_DEPTH} deep" in message
    assert "\n" not in message


def test_groups_as_deep_as_allowed_are_read() -> None:
    depth = MAX_GROUP_DEPTH
    data = (b'<graphml xmlns="http://graphml.graphdrawing.org/xmlns">'
            b'<key id="n" for="node" attr.name="label"/><graph id="G">'
            + b"".join(b'<node id="g%d"><data key="n">Level %d</data><graph>' % (i, i)
                       for i in range(depth))
            + b'<node id="p"><data key="n">Deep Down</data></node>'
            + b"</graph></node>" * depth + b"</graph></graphml>")
    (incoming,) = graphml.read(data, Path("deep.graphml"), ReadOptions())
    (person,) = incoming.deal.people
    assert (person.name, person.department) == ("Deep Down", f"Level {depth - 1}")


def test_our_keys_win_over_the_drawing() -> None:
    """A yEd chart that also has our data keys (our export, edited in yEd): the title and
    kind keys win over the label's second line and the line's style and arrowheads."""
    data = (YED / "org_chart.graphml").read_bytes()
    data = data.replace(b'<key for="edge" id="d10" yfiles.type="edgegraphics"/>',
                        b'<key for="edge" id="d10" yfiles.type="edgegraphics"/>'
                        b'<key attr.name="title" attr.type="string" for="node" id="t"/>'
                        b'<key attr.name="kind" attr.type="string" for="edge" id="k"/>')
    data = data.replace(b'<node id="n1">', b'<node id="n1"><data key="t">Group CFO</data>')
    # e6 is drawn dotted from Lea to Martin (influence); its key says Lea reports to him.
    data = data.replace(b'<edge id="e6" source="n3" target="n0">',
                        b'<edge id="e6" source="n3" target="n0"><data key="k">reports-to</data>')
    (incoming,) = graphml.read(data, Path("edited.graphml"), ReadOptions())
    deal = incoming.deal
    assert {p.name: p.title for p in deal.people}["Anna Schmidt"] == "Group CFO"
    assert ("Lea Brandt", REPORTS, "Martin Weber") in lines(deal)
    assert ("Lea Brandt", INFLUENCE, "Martin Weber") not in lines(deal)


def test_a_group_label_of_several_lines_gives_its_first_line() -> None:
    data = (YED / "departments_as_groups.graphml").read_bytes().replace(
        b'xml:space="preserve" y="0.0">Finance</y:NodeLabel>',
        b'xml:space="preserve" y="0.0">Finance\nZurich office</y:NodeLabel>')
    (incoming,) = graphml.read(data, Path("groups.graphml"), ReadOptions())
    assert {p.name: p.department for p in incoming.deal.people}["Greta Hahn"] == "Finance"
