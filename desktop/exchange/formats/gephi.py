"""Gephi's spreadsheet import: a node table (``Id, Label, …``) and an edge table
(``Source, Target, Type, Weight, Source Label, Target Label``), written side by side as
``NAME-nodes.csv`` and ``NAME-edges.csv``."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from desktop.domain.deal import Deal
from desktop.exchange.formats.people_csv import csv_bytes
from desktop.exchange.graph_model import nodes_and_edges
from desktop.exchange.registry import Format
from desktop.exchange.safe_write import write_bytes

NODE_HEADER = ("Id", "Label", "Title", "Department", "Roles", "Support", "Influence",
               "Business outcome", "Technical fit", "Personal win", "Color", "Size", "X", "Y")
EDGE_HEADER = ("Source", "Target", "Type", "Weight", "Source Label", "Target Label", "Kind",
               "Note")


def paired(path: Path, first: str, second: str) -> tuple[Path, Path]:
    stem = path.with_suffix("").name
    return (path.with_name(f"{stem}-{first}.csv"), path.with_name(f"{stem}-{second}.csv"))


def write(deals: Sequence[Deal], path: Path, include_private: bool) -> list[Path]:
    (deal,) = deals
    nodes, edges = nodes_and_edges(deal)
    labels = {n.id: str(n.values["label"]) for n in nodes}
    node_rows: list[list[object]] = [list(NODE_HEADER)]
    for node in nodes:
        v = node.values
        node_rows.append([node.id, v["label"], v["title"], v["department"], v["roles"],
                          v["support"], v["influence"], v["business"], v["technical"],
                          v["personal"], node.colour, node.size, node.x, -node.y])
    edge_rows: list[list[object]] = [list(EDGE_HEADER)]
    for edge in edges:
        edge_rows.append([edge.source, edge.target,
                          "Directed" if edge.directed else "Undirected", edge.strength,
                          labels[edge.source], labels[edge.target], edge.kind.value,
                          edge.note])
    nodes_path, edges_path = paired(path, "nodes", "edges")
    write_bytes(nodes_path, csv_bytes(node_rows))
    write_bytes(edges_path, csv_bytes(edge_rows))
    return [nodes_path, edges_path]


FORMAT = Format("gephi", "Gephi node and edge tables (CSV)", (".csv",), write=write,
                one_deal_only=True, by_extension=False)
