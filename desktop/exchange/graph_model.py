"""A deal as nodes and edges with plain attributes — what every graph format writes (yEd,
Gephi, Kumu, GEXF), so the formats agree on names, colours and sizes.

Colours and symbols come from the shared palette: the support colour a seller sees on the map
is the node colour in yEd and Gephi; node size grows with influence as card width does.
"""

from __future__ import annotations

from dataclasses import dataclass

from desktop.domain.deal import Deal
from desktop.domain.enums import Axis, Influence, RelationKind
from desktop.palette import (
    INFLUENCE_CARD_WIDTH,
    RELATION_STYLES,
    SUPPORT_COLOURS,
    relation_width,
)

NODE_SIZE = {Influence.LOW: 20.0, Influence.MEDIUM: 30.0, Influence.HIGH: 40.0}
CARD_HEIGHT = 60.0
DIRECTED = {RelationKind.REPORTS_TO: True, RelationKind.DOTTED_LINE: True,
            RelationKind.INFLUENCE: True, RelationKind.CONFLICT: False}
# Scores are strings: unknown is empty, never a number standing in for "not known".
NODE_ATTRIBUTES = ("label", "title", "department", "organisation", "email", "phone", "roles",
                   "support", "influence", "coverage", "business", "technical", "personal",
                   "next_step", "x", "y")
EDGE_ATTRIBUTES = ("kind", "strength", "note")


@dataclass(frozen=True, slots=True)
class Node:
    id: str
    values: dict[str, str | float | int]
    colour: str  # #RRGGBB, the support colour
    size: float  # influence
    width: float  # the map card's width, for yEd
    x: float
    y: float


@dataclass(frozen=True, slots=True)
class Edge:
    id: str
    source: str
    target: str
    kind: RelationKind
    strength: int
    note: str
    directed: bool
    colour: str
    dashes: tuple[float, ...]  # () solid
    width: float

    @property
    def values(self) -> dict[str, str | int]:
        """The plain attributes (``EDGE_ATTRIBUTES``) every graph format writes."""
        return {"kind": self.kind.value, "strength": self.strength, "note": self.note}


def nodes_and_edges(deal: Deal) -> tuple[list[Node], list[Edge]]:
    nodes = []
    for person in deal.people:
        scores = {axis.value: "" if person.scores[axis].value is None
                  else str(person.scores[axis].value) for axis in Axis}
        values: dict[str, str | float | int] = {
            "label": person.name, "title": person.title, "department": person.department,
            "organisation": person.organisation, "email": person.email, "phone": person.phone,
            "roles": " ".join(r.value for r in person.roles),
            "support": int(person.support), "influence": person.influence.value,
            "coverage": person.coverage.value, **scores,
            "next_step": step.text if (step := deal.next_action(person.id)) else "",
            "x": person.position.x, "y": person.position.y,
        }
        nodes.append(Node(person.id, values, SUPPORT_COLOURS[person.support],
                          NODE_SIZE[person.influence], INFLUENCE_CARD_WIDTH[person.influence],
                          person.position.x, person.position.y))
    edges = []
    for relation in deal.relations:
        style = RELATION_STYLES[relation.kind]
        edges.append(Edge(relation.id, relation.source, relation.target, relation.kind,
                          relation.strength, relation.note, DIRECTED[relation.kind],
                          style.colour, style.dashes, relation_width(relation.kind,
                                                                     relation.strength)))
    return nodes, edges


def decimal(value: float) -> str:
    """``value`` with one decimal, never "-0.0" (a card at the top of the map, y = 0, flipped
    for Gephi's upward axis, was written as y="-0.0")."""
    text = f"{value:.1f}"
    return "0.0" if text == "-0.0" else text


def rgb(colour: str) -> tuple[int, int, int]:
    value = colour.lstrip("#")
    return int(value[0:2], 16), int(value[2:4], 16), int(value[4:6], 16)
