"""Turning nodes and edges read from GraphML or GEXF into a deal's people and lines.

Node ids of other tools are arbitrary strings; a person's id is derived from the file's node
id (uuid5) unless the node id already is a UUID (our own exports), so importing the same
file twice matches everybody by id and changes nothing.
"""

from __future__ import annotations

import math
import uuid
from dataclasses import dataclass, field
from pathlib import Path

from desktop.domain.deal import Deal
from desktop.domain.enums import Influence, RelationKind, Role, Support, parse_enum
from desktop.domain.errors import ValidationError
from desktop.domain.person import Person
from desktop.domain.position import Position
from desktop.domain.relation import Relation
from desktop.exchange.incoming import Incoming
from desktop.problems import ImportProblem

NAMESPACE = uuid.UUID("0c7f3c2e-8a4b-4f7d-b5f0-9e2d1a6c4b38")
PROVIDED = frozenset({"name", "title", "department", "email", "position"})


@dataclass
class RawNode:
    id: str
    place: str  # where in the file, for messages
    values: dict[str, str] = field(default_factory=dict)
    x: float | None = None
    y: float | None = None


@dataclass
class RawEdge:
    id: str
    place: str
    source: str
    target: str
    values: dict[str, str] = field(default_factory=dict)
    directed: bool = True


def person_id(node_id: str, source: str | Path) -> str:
    try:
        return str(uuid.UUID(node_id))
    except ValueError:
        return str(uuid.uuid5(NAMESPACE, f"{Path(source).name}#{node_id}"))


def build_incoming(nodes: list[RawNode], edges: list[RawEdge], source: str | Path,
                   name: str) -> Incoming:
    ids: dict[str, str] = {}
    people: list[Person] = []
    provided = {"name", "position"}
    for node in nodes:
        if node.id in ids:
            raise ImportProblem(source, node.place, f"the node id {node.id[:60]!r} is used "
                                "twice")
        values = node.values
        label = values.get("label") or values.get("name") or node.id
        support, influence, roles = _stance(values)
        try:
            person = Person(
                name=label, id=person_id(node.id, source), title=values.get("title", ""),
                department=values.get("department", ""), email=values.get("email", ""),
                position=Position(_finite(node.x), _finite(node.y)), support=support,
                influence=influence, roles=roles)
        except ValidationError as error:
            raise ImportProblem(source, f"{node.place}, {error.path}", error.problem) from None
        provided |= {k for k in ("title", "department", "email") if values.get(k)}
        provided |= {k for k in ("support", "influence", "roles") if k in values}
        ids[node.id] = person.id
        people.append(person)
    relations: list[Relation] = []
    lines: set[tuple[str, str, RelationKind]] = set()
    for edge in edges:
        for end in (edge.source, edge.target):
            if end not in ids:
                raise ImportProblem(source, edge.place, f"the edge points at {end[:60]!r}, "
                                    "which is no node of the file")
        if edge.source == edge.target:
            continue  # a self-loop means nothing on a stakeholder map
        kind = _kind(edge)
        try:
            relation = Relation(ids[edge.source], ids[edge.target], kind,
                                strength=_strength(edge.values),
                                note=edge.values.get("note", ""),
                                id=person_id(f"edge:{edge.id or edge.place}", source))
        except ValidationError as error:
            raise ImportProblem(source, f"{edge.place}, {error.path}", error.problem) from None
        if relation.identity in lines:
            continue
        lines.add(relation.identity)
        relations.append(relation)
    try:
        deal = Deal(name=name[:120] or "Imported map", id=person_id("deal", source),
                    people=tuple(people), relations=tuple(relations))
    except ValidationError as error:
        raise ImportProblem(source, "", f"{error.path}: {error.problem}") from None
    return Incoming(deal, frozenset(provided), whole_deal=False)


def _finite(value: float | None) -> float:
    return value if value is not None and math.isfinite(value) and abs(value) < 1e7 else 0.0


def _stance(values: dict[str, str]) -> tuple[Support, Influence, tuple[Role, ...]]:
    """Our own attributes, when the file came from Deal Triangle; defaults otherwise."""
    support, influence = Support.NEUTRAL, Influence.MEDIUM
    roles: tuple[Role, ...] = ()
    try:
        if values.get("support", "").lstrip("-").isdigit():
            support = Support(int(values["support"]))
        if values.get("influence"):
            influence = parse_enum(Influence, values["influence"], "influence")
        if values.get("roles"):
            roles = tuple(parse_enum(Role, r, "roles") for r in values["roles"].split())
    except (ValueError, ValidationError):
        return Support.NEUTRAL, Influence.MEDIUM, ()
    return support, influence, roles


def _kind(edge: RawEdge) -> RelationKind:
    text = (edge.values.get("kind") or edge.values.get("type") or edge.values.get("label")
            or "").strip().casefold().replace("_", "-").replace(" ", "-")
    for kind in RelationKind:
        if text == kind.value:
            return kind
    if text in ("reports", "manager", "reportsto", "reporting"):
        return RelationKind.REPORTS_TO
    return RelationKind.INFLUENCE if edge.directed else RelationKind.CONFLICT if text in (
        "conflict", "rivalry") else RelationKind.INFLUENCE


def _strength(values: dict[str, str]) -> int:
    raw = values.get("strength") or values.get("weight") or "1"
    try:
        number = float(raw)
    except ValueError:
        return 1
    if not math.isfinite(number):
        return 1
    return max(1, min(3, round(number)))
