"""GEXF 1.3 (Gephi's own format): attributes, support colours, positions and influence sizes
in the viz namespace. Gephi's y axis points up, the map's down: y is flipped both ways so an
org chart stays the right way up. The meta block carries the deal's name (title and
description) and id (keywords), so our own export comes back into the deal it was made from.
Reading goes through defusedxml."""

from __future__ import annotations

import xml.etree.ElementTree as ET
from datetime import date
from pathlib import Path

from desktop.domain.deal import Deal
from desktop.domain.ids import uuid_or_none
from desktop.exchange.graph_model import (
    EDGE_ATTRIBUTES,
    NODE_ATTRIBUTES,
    decimal,
    nodes_and_edges,
    rgb,
)
from desktop.exchange.graph_reading import RawEdge, RawNode, build_incoming
from desktop.exchange.incoming import Incoming
from desktop.exchange.registry import Format, ReadOptions
from desktop.exchange.safe_write import one_deal_writer
from desktop.exchange.safe_xml import local, parse
from desktop.problems import ImportProblem

NS = "http://gexf.net/1.3"
NS_VIZ = "http://gexf.net/1.3/viz"
NS_XSI = "http://www.w3.org/2001/XMLSchema-instance"
_TYPES = {"x": "double", "y": "double", "support": "integer", "strength": "integer"}
_KEYWORD = "deal-triangle"
_PLAIN = tuple(a for a in NODE_ATTRIBUTES if a not in ("label", "x", "y"))


def gexf_bytes(deal: Deal) -> bytes:
    ET.register_namespace("", NS)
    ET.register_namespace("viz", NS_VIZ)
    ET.register_namespace("xsi", NS_XSI)
    root = ET.Element(f"{{{NS}}}gexf", {
        "version": "1.3",
        f"{{{NS_XSI}}}schemaLocation": f"{NS} http://gexf.net/1.3/gexf.xsd"})
    meta = ET.SubElement(root, f"{{{NS}}}meta", {"lastmodifieddate": date.today().isoformat()})
    ET.SubElement(meta, f"{{{NS}}}creator").text = "Deal Triangle"
    ET.SubElement(meta, f"{{{NS}}}title").text = deal.name  # as Gephi 0.10 writes it
    # GEXF's graph has no id; the keywords are free text that no tool interprets.
    ET.SubElement(meta, f"{{{NS}}}keywords").text = f"{_KEYWORD}, {deal.id}"
    ET.SubElement(meta, f"{{{NS}}}description").text = deal.name
    graph = ET.SubElement(root, f"{{{NS}}}graph", {"defaultedgetype": "directed",
                                                    "mode": "static"})
    node_attributes = ET.SubElement(graph, f"{{{NS}}}attributes", {"class": "node"})
    for name in _PLAIN:
        ET.SubElement(node_attributes, f"{{{NS}}}attribute", {
            "id": name, "title": name, "type": _TYPES.get(name, "string")})
    edge_attributes = ET.SubElement(graph, f"{{{NS}}}attributes", {"class": "edge"})
    for name in EDGE_ATTRIBUTES:
        ET.SubElement(edge_attributes, f"{{{NS}}}attribute", {
            "id": name, "title": name, "type": _TYPES.get(name, "string")})
    nodes, edges = nodes_and_edges(deal)
    node_list = ET.SubElement(graph, f"{{{NS}}}nodes")
    for node in nodes:
        element = ET.SubElement(node_list, f"{{{NS}}}node", {"id": node.id,
                                                             "label": str(node.values["label"])})
        values = ET.SubElement(element, f"{{{NS}}}attvalues")
        for name in _PLAIN:
            ET.SubElement(values, f"{{{NS}}}attvalue", {"for": name,
                                                       "value": str(node.values[name])})
        r, g, b = rgb(node.colour)
        ET.SubElement(element, f"{{{NS_VIZ}}}color", {"r": str(r), "g": str(g), "b": str(b),
                                                      "a": "1.0"})
        ET.SubElement(element, f"{{{NS_VIZ}}}position", {
            "x": decimal(node.x), "y": decimal(-node.y), "z": "0.0"})
        ET.SubElement(element, f"{{{NS_VIZ}}}size", {"value": decimal(node.size)})
    edge_list = ET.SubElement(graph, f"{{{NS}}}edges")
    for edge in edges:
        # Every edge directed: networkx and others refuse mixed graphs; a conflict line
        # says it is undirected by its kind.
        element = ET.SubElement(edge_list, f"{{{NS}}}edge", {
            "id": edge.id, "source": edge.source, "target": edge.target,
            "weight": str(edge.strength), "kind": edge.kind.value,
            "label": edge.kind.label})
        values = ET.SubElement(element, f"{{{NS}}}attvalues")
        for name, value in edge.values.items():
            ET.SubElement(values, f"{{{NS}}}attvalue", {"for": name, "value": str(value)})
        r, g, b = rgb(edge.colour)
        ET.SubElement(element, f"{{{NS_VIZ}}}color", {"r": str(r), "g": str(g), "b": str(b)})
        ET.SubElement(element, f"{{{NS_VIZ}}}thickness", {"value": decimal(edge.width)})
        if edge.dashes:
            ET.SubElement(element, f"{{{NS_VIZ}}}shape", {
                "value": "dotted" if edge.dashes[0] <= 1.0 else "dashed"})
    ET.indent(root)
    text: bytes = ET.tostring(root, encoding="utf-8", xml_declaration=True)
    return text


def read(data: bytes, path: Path, options: ReadOptions) -> list[Incoming]:
    root = parse(data, path)
    if local(root.tag) != "gexf":
        raise ImportProblem(path, "", "this is not a GEXF file (no gexf element)")
    graph = next((child for child in root if local(child.tag) == "graph"), None)
    if graph is None:
        raise ImportProblem(path, "", "the GEXF file holds no graph")
    titles: dict[str, str] = {}
    for attributes in graph:
        if local(attributes.tag) == "attributes":
            for attribute in attributes:
                ident = attribute.get("id", "")
                titles[ident] = attribute.get("title") or ident
    default_directed = graph.get("defaultedgetype", "directed") != "undirected"
    nodes: list[RawNode] = []
    edges: list[RawEdge] = []
    for part in graph:
        tag = local(part.tag)
        if tag == "nodes":
            for number, element in enumerate(part):
                node = RawNode(element.get("id", ""), f"node {element.get('id', number)!s:.40}")
                node.values["label"] = element.get("label", "")
                _values(element, titles, node.values)
                position = next((e for e in element if local(e.tag) == "position"), None)
                if position is not None:
                    node.x = _number(position.get("x"))
                    y = _number(position.get("y"))
                    node.y = None if y is None else -y
                nodes.append(node)
        elif tag == "edges":
            for number, element in enumerate(part):
                edge_type = element.get("type")
                edge = RawEdge(element.get("id", ""), f"edge {element.get('id') or number!s:.40}",
                               element.get("source", ""), element.get("target", ""),
                               directed=default_directed if edge_type is None
                               else edge_type != "undirected")
                for key in ("kind", "weight", "label"):
                    if element.get(key):
                        edge.values[key] = element.get(key) or ""
                _values(element, titles, edge.values)
                edges.append(edge)
    meta = {local(e.tag): (e.text or "").strip() for m in root if local(m.tag) == "meta"
            for e in m}
    name = meta.get("title") or meta.get("description") or path.stem
    return [build_incoming(nodes, edges, path, name,
                           deal_id=_deal_id(meta.get("keywords", "")),
                           named_after_file=name == path.stem)]


def _deal_id(keywords: str) -> str | None:
    """Our exports' deal id: the UUID after our keyword; other tools' keywords are words."""
    words = [w.strip() for w in keywords.split(",")]
    if len(words) == 2 and words[0] == _KEYWORD:
        return uuid_or_none(words[1])
    return None


def _values(element: ET.Element, titles: dict[str, str], into: dict[str, str]) -> None:
    for block in element:
        if local(block.tag) == "attvalues":
            for value in block:
                name = titles.get(value.get("for", ""), value.get("for", ""))
                into[name] = value.get("value", "")


def _number(text: str | None) -> float | None:
    try:
        return float(text) if text is not None else None
    except ValueError:
        return None


def sniff(head: bytes) -> bool:
    return b"<gexf" in head


FORMAT = Format("gexf", "GEXF 1.3 (Gephi)", (".gexf",), read=read,
                write=one_deal_writer(gexf_bytes), sniff=sniff, one_deal_only=True)
