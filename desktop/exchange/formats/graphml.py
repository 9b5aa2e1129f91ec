"""GraphML: plain data keys (any GraphML reader — networkx, Gephi, Cytoscape) **and** yEd's
node and edge markup (label, support colour, card size, position, line style), so the map
opens in yEd looking like the map without any properties-mapping step. The graph carries the
deal's id (``<graph id>``) and name (a graph-level ``deal`` key), so our own export comes
back into the deal it was made from.

Reading takes plain GraphML or a chart drawn in yEd (labels, line styles, arrowheads, groups:
``yed_markup``) — through defusedxml, never resolving entities.
"""

from __future__ import annotations

import contextlib
import xml.etree.ElementTree as ET
from pathlib import Path

from desktop.domain.deal import Deal
from desktop.domain.enums import RelationKind
from desktop.domain.ids import uuid_or_none
from desktop.exchange.graph_model import (
    CARD_HEIGHT,
    EDGE_ATTRIBUTES,
    NODE_ATTRIBUTES,
    decimal,
    nodes_and_edges,
)
from desktop.exchange.graph_reading import RawEdge, RawNode, build_incoming
from desktop.exchange.incoming import Incoming
from desktop.exchange.registry import Format, ReadOptions
from desktop.exchange.safe_write import one_deal_writer
from desktop.exchange.safe_xml import local, parse
from desktop.exchange.yed_markup import (
    MAX_GROUP_DEPTH,
    edge_markup,
    name_and_title,
    node_markup,
)
from desktop.problems import ImportProblem

NS = "http://graphml.graphdrawing.org/xmlns"
NS_Y = "http://www.yworks.com/xml/graphml"
NS_YED = "http://www.yworks.com/xml/yed/3"
NS_XSI = "http://www.w3.org/2001/XMLSchema-instance"
SCHEMA = ("http://graphml.graphdrawing.org/xmlns "
          "http://www.yworks.com/xml/schema/graphml/1.1/ygraphml.xsd")
_TYPES = {"x": "double", "y": "double", "support": "int", "strength": "int"}
DEAL_KEY = "deal"  # the graph-level key holding the deal's name
DEAL_ID_KEY = "deal_id"
PERSON_ID_KEY = "person_id"
# yEd's org charts put the arrowhead at the report (yed_markup): ours too, so a chart edited
# in yEd and read back without our keys keeps who reports to whom.
_ARROW_AT_REPORT = frozenset({RelationKind.REPORTS_TO, RelationKind.DOTTED_LINE})


def graphml_bytes(deal: Deal) -> bytes:
    ET.register_namespace("", NS)
    ET.register_namespace("y", NS_Y)
    ET.register_namespace("yed", NS_YED)
    ET.register_namespace("xsi", NS_XSI)
    root = ET.Element(f"{{{NS}}}graphml", {f"{{{NS_XSI}}}schemaLocation": SCHEMA})
    # yEd's graphics first: networkx reads the plain keys after and keeps their typed values.
    ET.SubElement(root, f"{{{NS}}}key", {"for": "node", "id": "ng",
                                         "yfiles.type": "nodegraphics"})
    ET.SubElement(root, f"{{{NS}}}key", {"for": "edge", "id": "eg",
                                         "yfiles.type": "edgegraphics"})
    for name in NODE_ATTRIBUTES:
        ET.SubElement(root, f"{{{NS}}}key", {"for": "node", "id": f"n_{name}",
                                             "attr.name": name,
                                             "attr.type": _TYPES.get(name, "string")})
    for name in EDGE_ATTRIBUTES:
        ET.SubElement(root, f"{{{NS}}}key", {"for": "edge", "id": f"e_{name}",
                                             "attr.name": name,
                                             "attr.type": _TYPES.get(name, "string")})
    # The ids again as data: yEd keeps data keys but saves the graph as "G" and renumbers
    # the nodes, so an export edited in yEd still comes back into its deal, person by person.
    ET.SubElement(root, f"{{{NS}}}key", {"for": "node", "id": "n_person_id",
                                         "attr.name": PERSON_ID_KEY, "attr.type": "string"})
    ET.SubElement(root, f"{{{NS}}}key", {"for": "graph", "id": "g_deal",
                                         "attr.name": DEAL_KEY, "attr.type": "string"})
    ET.SubElement(root, f"{{{NS}}}key", {"for": "graph", "id": "g_deal_id",
                                         "attr.name": DEAL_ID_KEY, "attr.type": "string"})
    graph = ET.SubElement(root, f"{{{NS}}}graph", {"id": deal.id, "edgedefault": "directed"})
    ET.SubElement(graph, f"{{{NS}}}data", {"key": "g_deal"}).text = deal.name
    ET.SubElement(graph, f"{{{NS}}}data", {"key": "g_deal_id"}).text = deal.id
    nodes, edges = nodes_and_edges(deal)
    for node in nodes:
        element = ET.SubElement(graph, f"{{{NS}}}node", {"id": node.id})
        graphics = ET.SubElement(ET.SubElement(element, f"{{{NS}}}data", {"key": "ng"}),
                                 f"{{{NS_Y}}}ShapeNode")
        ET.SubElement(graphics, f"{{{NS_Y}}}Geometry", {
            "x": decimal(node.x - node.width / 2), "y": decimal(node.y - CARD_HEIGHT / 2),
            "width": decimal(node.width), "height": decimal(CARD_HEIGHT)})
        ET.SubElement(graphics, f"{{{NS_Y}}}Fill", {"color": node.colour,
                                                    "transparent": "false"})
        ET.SubElement(graphics, f"{{{NS_Y}}}BorderStyle", {"color": "#1A1A1A",
                                                           "type": "line", "width": "1.0"})
        label = ET.SubElement(graphics, f"{{{NS_Y}}}NodeLabel", {
            "fontFamily": "Dialog", "fontSize": "12", "textColor": "#000000",
            "modelName": "internal", "modelPosition": "c"})
        # Name, then title on a second line: how a seller types a box of an org chart in yEd.
        label.text = "\n".join(str(node.values[k]) for k in ("label", "title")
                               if node.values[k])
        ET.SubElement(graphics, f"{{{NS_Y}}}Shape", {"type": "roundrectangle"})
        for name in NODE_ATTRIBUTES:
            data = ET.SubElement(element, f"{{{NS}}}data", {"key": f"n_{name}"})
            data.text = str(node.values[name])
        ET.SubElement(element, f"{{{NS}}}data", {"key": "n_person_id"}).text = node.id
    for edge in edges:
        # No per-edge "directed": most readers refuse mixed graphs; a conflict line says it
        # is undirected by its kind and its arrowless yEd style.
        element = ET.SubElement(graph, f"{{{NS}}}edge", {
            "id": edge.id, "source": edge.source, "target": edge.target})
        line = ET.SubElement(ET.SubElement(element, f"{{{NS}}}data", {"key": "eg"}),
                             f"{{{NS_Y}}}PolyLineEdge")
        ET.SubElement(line, f"{{{NS_Y}}}LineStyle", {
            "color": edge.colour, "width": f"{edge.width:.1f}",
            "type": "line" if not edge.dashes else (
                "dotted" if edge.dashes[0] <= 1.0 else "dashed")})
        at_report = edge.kind in _ARROW_AT_REPORT
        ET.SubElement(line, f"{{{NS_Y}}}Arrows", {
            "source": "standard" if at_report else "none",
            "target": "standard" if edge.directed and not at_report else "none"})
        for name, value in edge.values.items():
            data = ET.SubElement(element, f"{{{NS}}}data", {"key": f"e_{name}"})
            data.text = str(value)
    ET.indent(root)
    text: bytes = ET.tostring(root, encoding="utf-8", xml_declaration=True)
    return text


def read(data: bytes, path: Path, options: ReadOptions) -> list[Incoming]:
    root = parse(data, path)
    if local(root.tag) != "graphml":
        raise ImportProblem(path, "", "this is not a GraphML file (no graphml element)")
    keys = {key.get("id", ""): (key.get("attr.name") or key.get("yfiles.type") or "")
            for key in root if local(key.tag) == "key"}
    graph = next((child for child in root if local(child.tag) == "graph"), None)
    if graph is None:
        raise ImportProblem(path, "", "the GraphML file holds no graph")
    nodes: list[RawNode] = []
    edges: list[RawEdge] = []
    reading = _Reading(keys, path, nodes, edges)
    _read_graph(graph, reading, "", True, 0)
    # A line to a group box (a department) joins no two people.
    edges = [e for e in edges if e.source not in reading.groups
             and e.target not in reading.groups]
    values = {keys.get(item.get("key", ""), ""): (item.text or "").strip()
              for item in graph if local(item.tag) == "data" and len(item) == 0}
    # A graph id is a name for nobody (yEd writes "G"); a UUID is our export's deal id.
    return [build_incoming(nodes, edges, path, values.get(DEAL_KEY) or path.stem,
                           deal_id=uuid_or_none(graph.get("id"))
                           or uuid_or_none(values.get(DEAL_ID_KEY)),
                           named_after_file=not values.get(DEAL_KEY))]


class _Reading:
    """What reading one file collects, whatever graph or group it is in."""

    def __init__(self, keys: dict[str, str], path: Path, nodes: list[RawNode],
                 edges: list[RawEdge]) -> None:
        self.keys, self.path, self.nodes, self.edges = keys, path, nodes, edges
        self.groups: set[str] = set()  # the ids of group nodes


def _read_graph(graph: ET.Element, reading: _Reading, group: str, directed: bool,
                depth: int) -> None:
    """The nodes and edges of ``graph`` and of the groups in it (nested graphs): a group is
    no person; its label is its members' department (the innermost group's)."""
    directed = graph.get("edgedefault", "directed" if directed else "undirected") == "directed"
    for number, element in enumerate(graph):
        tag = local(element.tag)
        if tag == "node":
            node = RawNode(element.get("id", ""), f"node {element.get('id', number)!s:.40}")
            _node_data(element, reading.keys, node)
            inner = next((child for child in element if local(child.tag) == "graph"), None)
            if inner is None:
                node.group = group
                reading.nodes.append(node)
                continue
            if depth >= MAX_GROUP_DEPTH:
                raise ImportProblem(reading.path, node.place, f"the groups are nested more "
                                    f"than {MAX_GROUP_DEPTH} deep; Deal Triangle reads groups "
                                    f"up to {MAX_GROUP_DEPTH} deep")
            reading.groups.add(node.id)
            # The group's first line: a table node (swimlanes) joins its lanes' labels after.
            label = name_and_title(node.values.get("label") or node.label or "")[0]
            _read_graph(inner, reading, label or group, directed, depth + 1)
        elif tag == "edge":
            given = element.get("directed")
            edge = RawEdge(element.get("id", ""), f"edge {element.get('id') or number!s:.40}",
                           element.get("source", ""), element.get("target", ""),
                           directed=directed if given is None else given == "true")
            for item in element:
                if local(item.tag) != "data":
                    continue
                if len(item) == 0:
                    edge.values[reading.keys.get(item.get("key", ""), "")] = (
                        item.text or "").strip()
                elif edge.markup is None:
                    edge.markup = edge_markup(item)
            reading.edges.append(edge)


def _node_data(element: ET.Element, keys: dict[str, str], node: RawNode) -> None:
    for data in element:
        if local(data.tag) != "data":
            continue
        name = keys.get(data.get("key", ""), "")
        if len(data):  # yEd's graphics: label and box
            drawn = node_markup(data)
            node.label = node.label or drawn.label
            if node.x is None and drawn.x is not None:
                node.x, node.y = drawn.x, drawn.y
            continue
        text = (data.text or "").strip()
        if name in ("x", "y"):
            with contextlib.suppress(ValueError):
                setattr(node, name, float(text))
        elif name:
            node.values[name] = text


def sniff(head: bytes) -> bool:
    return b"<graphml" in head


FORMAT = Format("graphml", "GraphML (yEd, Gephi, Cytoscape)", (".graphml",), read=read,
                write=one_deal_writer(graphml_bytes), sniff=sniff, one_deal_only=True)
