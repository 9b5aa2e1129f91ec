"""GraphML: plain data keys (any GraphML reader — networkx, Gephi, Cytoscape) **and** yEd's
node and edge markup (label, support colour, card size, position, line style), so the map
opens in yEd looking like the map without any properties-mapping step.

Reading takes plain GraphML or yEd's (the label from its NodeLabel element, the position
from its Geometry) — through defusedxml, never resolving entities.
"""

from __future__ import annotations

import contextlib
import xml.etree.ElementTree as ET
from pathlib import Path

from desktop.domain.deal import Deal
from desktop.exchange.graph_model import (
    CARD_HEIGHT,
    EDGE_ATTRIBUTES,
    NODE_ATTRIBUTES,
    nodes_and_edges,
)
from desktop.exchange.graph_reading import RawEdge, RawNode, build_incoming
from desktop.exchange.incoming import Incoming
from desktop.exchange.registry import Format, ReadOptions
from desktop.exchange.safe_write import one_deal_writer
from desktop.exchange.safe_xml import local, parse
from desktop.problems import ImportProblem

NS = "http://graphml.graphdrawing.org/xmlns"
NS_Y = "http://www.yworks.com/xml/graphml"
NS_YED = "http://www.yworks.com/xml/yed/3"
NS_XSI = "http://www.w3.org/2001/XMLSchema-instance"
SCHEMA = ("http://graphml.graphdrawing.org/xmlns "
          "http://www.yworks.com/xml/schema/graphml/1.1/ygraphml.xsd")
_TYPES = {"x": "double", "y": "double", "support": "int", "strength": "int"}


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
    graph = ET.SubElement(root, f"{{{NS}}}graph", {"id": deal.id, "edgedefault": "directed"})
    nodes, edges = nodes_and_edges(deal)
    for node in nodes:
        element = ET.SubElement(graph, f"{{{NS}}}node", {"id": node.id})
        graphics = ET.SubElement(ET.SubElement(element, f"{{{NS}}}data", {"key": "ng"}),
                                 f"{{{NS_Y}}}ShapeNode")
        ET.SubElement(graphics, f"{{{NS_Y}}}Geometry", {
            "x": f"{node.x - node.width / 2:.1f}", "y": f"{node.y - CARD_HEIGHT / 2:.1f}",
            "width": f"{node.width:.1f}", "height": f"{CARD_HEIGHT:.1f}"})
        ET.SubElement(graphics, f"{{{NS_Y}}}Fill", {"color": node.colour,
                                                    "transparent": "false"})
        ET.SubElement(graphics, f"{{{NS_Y}}}BorderStyle", {"color": "#1A1A1A",
                                                           "type": "line", "width": "1.0"})
        label = ET.SubElement(graphics, f"{{{NS_Y}}}NodeLabel", {
            "fontFamily": "Dialog", "fontSize": "12", "textColor": "#000000",
            "modelName": "internal", "modelPosition": "c"})
        label.text = str(node.values["label"])
        ET.SubElement(graphics, f"{{{NS_Y}}}Shape", {"type": "roundrectangle"})
        for name in NODE_ATTRIBUTES:
            data = ET.SubElement(element, f"{{{NS}}}data", {"key": f"n_{name}"})
            data.text = str(node.values[name])
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
        ET.SubElement(line, f"{{{NS_Y}}}Arrows", {
            "source": "none", "target": "standard" if edge.directed else "none"})
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
    default_directed = graph.get("edgedefault", "directed") == "directed"
    nodes: list[RawNode] = []
    edges: list[RawEdge] = []
    for number, element in enumerate(graph):
        tag = local(element.tag)
        if tag == "node":
            node = RawNode(element.get("id", ""), f"node {element.get('id', number)!s:.40}")
            _node_data(element, keys, node)
            nodes.append(node)
        elif tag == "edge":
            directed = element.get("directed")
            edge = RawEdge(element.get("id", ""), f"edge {element.get('id') or number!s:.40}",
                           element.get("source", ""), element.get("target", ""),
                           directed=default_directed if directed is None
                           else directed == "true")
            for item in element:
                if local(item.tag) == "data" and len(item) == 0:
                    edge.values[keys.get(item.get("key", ""), "")] = (item.text or "").strip()
            edges.append(edge)
    name = graph.get("id") if graph.get("id") not in (None, "G") else None
    return [build_incoming(nodes, edges, path, path.stem if name is None or _is_uuid(name)
                           else name)]


def _node_data(element: ET.Element, keys: dict[str, str], node: RawNode) -> None:
    for data in element:
        if local(data.tag) != "data":
            continue
        name = keys.get(data.get("key", ""), "")
        if len(data):  # yEd's graphics: label and geometry
            for part in data.iter():
                tag = local(part.tag)
                if tag == "NodeLabel" and part.text and "label" not in node.values:
                    node.values["label"] = part.text.strip()
                elif tag == "Geometry" and node.x is None:
                    node.x = _centre(part, "x", "width")
                    node.y = _centre(part, "y", "height")
            continue
        text = (data.text or "").strip()
        if name in ("x", "y"):
            with contextlib.suppress(ValueError):
                setattr(node, name, float(text))
        elif name:
            node.values[name] = text


def _centre(geometry: ET.Element, at: str, size: str) -> float | None:
    try:
        return float(geometry.get(at, "")) + float(geometry.get(size, "0")) / 2
    except ValueError:
        return None


def _is_uuid(text: str) -> bool:
    import uuid

    try:
        uuid.UUID(text)
    except ValueError:
        return False
    return True


def sniff(head: bytes) -> bool:
    return b"<graphml" in head


FORMAT = Format("graphml", "GraphML (yEd, Gephi, Cytoscape)", (".graphml",), read=read,
                write=one_deal_writer(graphml_bytes), sniff=sniff, one_deal_only=True)
