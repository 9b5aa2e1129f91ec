"""Gephi's spreadsheet import: a node table (``Id, Label, …``) and an edge table
(``Source, Target, Type, Weight, Source Label, Target Label``), written side by side as
``NAME-nodes.csv`` and ``NAME-edges.csv``.

Read back too — either file brings both (``node_tables``): Gephi's own table export, or ours,
whose ``Deal`` and ``Deal id`` columns (one more node attribute to Gephi) bring the map back
into the deal it came from."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from desktop.domain.deal import Deal
from desktop.exchange.formats.people_csv import csv_bytes
from desktop.exchange.graph_model import nodes_and_edges
from desktop.exchange.incoming import Incoming
from desktop.exchange.node_tables import GEPHI, read_pair
from desktop.exchange.registry import Format, ReadOptions
from desktop.exchange.safe_write import write_bytes

NODE_HEADER = ("Id", "Label", "Title", "Department", "Roles", "Support", "Influence",
               "Business outcome", "Technical fit", "Personal win", "Color", "Size", "X", "Y",
               "Email", "Organisation", "Coverage", "Deal", "Deal id")
EDGE_HEADER = ("Source", "Target", "Type", "Weight", "Source Label", "Target Label", "Kind",
               "Note", "Id")


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
                          v["personal"], node.colour, node.size, node.x + 0.0, _up(node.y),
                          v["email"], v["organisation"], v["coverage"], deal.name, deal.id])
    edge_rows: list[list[object]] = [list(EDGE_HEADER)]
    for edge in edges:
        edge_rows.append([edge.source, edge.target,
                          "Directed" if edge.directed else "Undirected", edge.strength,
                          labels[edge.source], labels[edge.target], edge.kind.value,
                          edge.note, edge.id])
    nodes_path, edges_path = paired(path, "nodes", "edges")
    write_bytes(nodes_path, csv_bytes(node_rows))
    write_bytes(edges_path, csv_bytes(edge_rows))
    return [nodes_path, edges_path]


def _up(y: float) -> float:
    """Gephi's y axis points up; 0 stays 0 (never -0.0: adding 0.0 turns it into 0.0)."""
    return -y + 0.0


def read(data: bytes, path: Path, options: ReadOptions) -> list[Incoming]:
    return [read_pair(data, path, GEPHI)]


def sniff(head: bytes) -> bool:
    """A table whose header starts ``Id,Label`` or ``Source,Target`` (any delimiter) — but
    not Kumu's ``ID,Label,Type`` (its elements with ids: Type, Description or Tags follow)."""
    first = head.lstrip(b"\xef\xbb\xbf").split(b"\n", 1)[0].strip().lower()
    for separator in (b",", b";", b"\t"):
        cells = [c.strip(b'" ') for c in first.split(separator)]
        if cells[:2] == [b"source", b"target"]:
            return True
        if cells[:2] == [b"id", b"label"]:
            return cells[2:3] not in ([b"type"], [b"description"], [b"tags"])
    return False


FORMAT = Format("gephi", "Gephi node and edge tables (CSV)", (".csv",), read=read,
                write=write, sniff=sniff, one_deal_only=True, by_extension=False)
