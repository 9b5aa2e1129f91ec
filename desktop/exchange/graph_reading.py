"""Turning nodes and edges read from GraphML or GEXF into a deal's people and lines.

Node ids of other tools are arbitrary strings; a person's id is derived from the file's node
id (uuid5) unless the node id already is a UUID (our own exports), so importing the same
file twice matches everybody by id and changes nothing. Our GraphML also carries each
person's id as a ``person_id`` key, which wins: yEd renumbers the nodes (n0, n1, …) when it
saves. The deal's id likewise: our exports carry it, so importing one into the library that
has the deal merges into it.

Our own data keys (``title``, ``kind``, ``support``, the scores, …) always win over what yEd
draws (a label's lines, a line's style: ``yed_markup``).
"""

from __future__ import annotations

import math
import uuid
from dataclasses import dataclass, field
from pathlib import Path

from desktop.domain.deal import Deal
from desktop.domain.enums import Axis, Coverage, Influence, RelationKind, Role, Support, parse_enum
from desktop.domain.errors import ValidationError
from desktop.domain.ids import uuid_or_none
from desktop.domain.merge import SCORE_VALUES
from desktop.domain.person import Person
from desktop.domain.position import Position
from desktop.domain.relation import Relation
from desktop.domain.scores import SCORE_MAX, SCORE_MIN, Score, Triangle
from desktop.exchange.account_guess import account_from_organisations
from desktop.exchange.incoming import Incoming
from desktop.exchange.placing import spread_to_fit
from desktop.exchange.yed_markup import EdgeMarkup, kind_and_direction, name_and_title
from desktop.problems import ImportProblem

NAMESPACE = uuid.UUID("0c7f3c2e-8a4b-4f7d-b5f0-9e2d1a6c4b38")
# Texts a person takes from a node's data keys when the file has them (the title and the
# department may come from yEd's label and groups instead).
_TEXTS = ("title", "department", "email", "phone", "organisation", "notes")
_UNKNOWN_SCORES = Triangle()


@dataclass
class RawNode:
    id: str
    place: str  # where in the file, for messages
    values: dict[str, str] = field(default_factory=dict)
    x: float | None = None
    y: float | None = None
    label: str | None = None  # yEd's NodeLabel as typed: name, then title
    group: str = ""  # the label of the innermost yEd group holding the node


@dataclass
class RawEdge:
    id: str
    place: str
    source: str
    target: str
    values: dict[str, str] = field(default_factory=dict)
    directed: bool = True
    markup: EdgeMarkup | None = None  # yEd's line style and arrowheads


def person_id(node_id: str, source: str | Path) -> str:
    try:
        return str(uuid.UUID(node_id))
    except ValueError:
        return str(uuid.uuid5(NAMESPACE, f"{Path(source).name}#{node_id}"))


def build_incoming(nodes: list[RawNode], edges: list[RawEdge], source: str | Path,
                   name: str, deal_id: str | None = None, *,
                   named_after_file: bool = False) -> Incoming:
    """The deal of a graph file. ``deal_id``: the id the file carries (our exports), else
    one derived from the file's name, so importing the same file twice is one deal."""
    ids: dict[str, str] = {}
    taken: set[str] = set()
    heights: dict[str, float | None] = {}
    people: list[Person] = []
    provided = {"name", "position"}
    for node in nodes:
        if node.id in ids:
            raise ImportProblem(source, node.place, f"the node id {node.id[:60]!r} is used "
                                "twice")
        person = _person(node, source, _unused_id(node, source, taken))
        taken.add(person.id)
        provided |= {k for k in _TEXTS if getattr(person, k)}
        provided |= {k for k in ("support", "influence", "roles", "coverage")
                     if k in node.values}
        if any(axis.value in node.values for axis in Axis):
            provided.add(SCORE_VALUES)  # the numbers, not their evidence
        ids[node.id] = person.id
        heights[node.id] = node.y
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
        kind, backwards = _kind(edge, heights)
        start, end = (edge.target, edge.source) if backwards else (edge.source, edge.target)
        try:
            relation = Relation(ids[start], ids[end], kind, strength=_strength(edge.values),
                                note=edge.values.get("note") or (
                                    edge.markup.label if edge.markup else ""),
                                id=uuid_or_none(edge.id)
                                or person_id(f"edge:{edge.id or edge.place}", source))
        except ValidationError as error:
            raise ImportProblem(source, f"{edge.place}, {error.path}", error.problem) from None
        if relation.identity in lines:
            continue
        lines.add(relation.identity)
        relations.append(relation)
    if deal_id is None:  # another tool's drawing: its boxes are smaller than our cards
        people = list(spread_to_fit(people))
    try:
        deal = Deal(name=name[:120] or "Imported map", id=deal_id or person_id("deal", source),
                    account=account_from_organisations(p.organisation for p in people),
                    people=tuple(people), relations=tuple(relations))
    except ValidationError as error:
        raise ImportProblem(source, "", f"{error.path}: {error.problem}") from None
    return Incoming(deal, frozenset(provided), whole_deal=False,
                    named_after_file=named_after_file)


def _unused_id(node: RawNode, source: str | Path, taken: set[str]) -> str:
    """The person id the node carries (our ``person_id`` key, else a UUID node id), unless an
    earlier node has it: a box copied and pasted in yEd keeps the original's keys, and is
    somebody else (its id is then derived from its node id, as for any other tool's)."""
    for candidate in (uuid_or_none(node.values.get("person_id")), person_id(node.id, source),
                      str(uuid.uuid5(NAMESPACE, f"{Path(source).name}#{node.id}"))):
        if candidate is not None and candidate not in taken:
            return candidate
    return str(uuid.uuid4())  # three ids taken: a file built to collide


def _person(node: RawNode, source: str | Path, ident: str) -> Person:
    values = node.values
    drawn_name, drawn_title = name_and_title(node.label or "")
    support, influence, roles = _stance(values)
    try:
        return Person(
            name=values.get("label") or values.get("name") or drawn_name or node.id,
            id=ident,
            title=values.get("title") or drawn_title,
            department=values.get("department") or node.group,
            organisation=values.get("organisation", ""), email=values.get("email", ""),
            phone=values.get("phone", ""),
            notes=values.get("notes") or values.get("description", ""),
            position=Position(_finite(node.x), _finite(node.y)), support=support,
            influence=influence, roles=roles, coverage=_coverage(values),
            scores=_scores(values))
    except ValidationError as error:
        raise ImportProblem(source, f"{node.place}, {error.path}", error.problem) from None


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


def _coverage(values: dict[str, str]) -> Coverage:
    try:
        return Coverage(values.get("coverage", "").strip().casefold())
    except ValueError:
        return Coverage.NONE


def _scores(values: dict[str, str]) -> Triangle:
    """Our exports' score values (an empty cell: unknown). The evidence does not travel in
    a graph; personal-win scores stay private as everywhere."""
    scores = _UNKNOWN_SCORES  # shared: most graphs (yEd's) have no scores at all
    for axis in Axis:
        text = values.get(axis.value, "").strip()
        if text.isdigit() and SCORE_MIN <= int(text) <= SCORE_MAX:
            scores = scores.with_score(axis, Score(int(text),
                                                   private=axis is Axis.PERSONAL))
    return scores


def _kind(edge: RawEdge, heights: dict[str, float | None]) -> tuple[RelationKind, bool]:
    """The kind of line, and whether the relation runs against the edge. A kind the file
    names wins; then yEd's line style; then influence (rivalry undirected: conflict)."""
    text = (edge.values.get("kind") or edge.values.get("type") or edge.values.get("label")
            or "").strip().casefold().replace("_", "-").replace(" ", "-")
    for kind in RelationKind:
        if text == kind.value:
            return kind, False
    if text in ("reports", "manager", "reportsto", "reporting"):
        return RelationKind.REPORTS_TO, False
    if text == "rivalry" and not edge.directed:
        return RelationKind.CONFLICT, False
    if edge.markup is not None:
        drawn = kind_and_direction(edge.markup, heights.get(edge.source),
                                   heights.get(edge.target))
        if drawn is not None:
            return drawn
    return RelationKind.INFLUENCE, False


def _strength(values: dict[str, str]) -> int:
    raw = values.get("strength") or values.get("weight") or "1"
    try:
        number = float(raw)
    except ValueError:
        return 1
    if not math.isfinite(number):
        return 1
    return max(1, min(3, round(number)))
