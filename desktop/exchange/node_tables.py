"""Reading a map kept as two tables — a node table and an edge table — as Gephi's
spreadsheet import and Kumu write them (``NAME-nodes.csv`` + ``NAME-edges.csv``,
``NAME-elements.csv`` + ``NAME-connections.csv``, or a Kumu workbook's two sheets).

A seller picks one of the two files; the other is found beside it by name, so either file
brings the whole map (both picked: the same deal twice, which the import merges into one).
Rows become the graph reader's raw nodes and edges, so ids, names and kinds follow the same
rules as GraphML and GEXF: our own exports carry each person's and the deal's id, and come
back into the deal they left.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

from desktop.domain.enums import Coverage, Influence, RelationKind, Role, Support
from desktop.domain.ids import uuid_or_none
from desktop.exchange.graph_reading import RawEdge, RawNode, build_incoming
from desktop.exchange.incoming import Incoming
from desktop.exchange.people_columns import normalise
from desktop.exchange.safe_read import read_regular_file
from desktop.exchange.text_sniffing import TextTable, read_table
from desktop.problems import ImportProblem

MAX_PARTNER_BYTES = 64 * 1024 * 1024


@dataclass(frozen=True, slots=True)
class TableKinds:
    """How one tool names its two tables and their key columns (normalised headers)."""

    node_suffix: str  # "nodes" in NAME-nodes.csv
    edge_suffix: str
    node_key: str  # the column every node row has ("label" for Kumu, "id" for Gephi)
    edge_keys: tuple[str, str]  # ("source", "target") or ("from", "to")

    def is_node_header(self, cells: Sequence[str]) -> bool:
        names = [normalise(c) for c in cells]
        return self.node_key in names and not set(self.edge_keys) <= set(names)

    def is_edge_header(self, cells: Sequence[str]) -> bool:
        return set(self.edge_keys) <= {normalise(c) for c in cells}

    def node_path(self, edges_path: Path) -> Path:
        """Where the node table of ``edges_path`` would be (``x-edges.csv`` → ``x-nodes.csv``),
        whether or not it is there."""
        stem = edges_path.stem
        if stem.casefold().endswith(self.edge_suffix):
            stem = stem[:len(stem) - len(self.edge_suffix)] + self.node_suffix
        return edges_path.with_name(stem + edges_path.suffix)

    def partner(self, path: Path, of_nodes: bool) -> Path | None:
        """The other table's file: ``x-nodes.csv`` ↔ ``x-edges.csv``, ``nodes.csv`` ↔
        ``edges.csv`` (case as found)."""
        mine, other = (self.node_suffix, self.edge_suffix) if of_nodes else \
            (self.edge_suffix, self.node_suffix)
        stem = path.stem
        if not stem.casefold().endswith(mine):
            return None
        start = stem[:len(stem) - len(mine)]
        for candidate in (other, other.capitalize(), other.upper()):
            found = path.with_name(f"{start}{candidate}{path.suffix}")
            if found != path and found.is_file():
                return found
        return None


GEPHI = TableKinds("nodes", "edges", "id", ("source", "target"))
KUMU = TableKinds("elements", "connections", "label", ("from", "to"))

# Our exports write labels; values the graph reader takes (support as a number, roles,
# influence and kinds as their ids) come from them here.
_SUPPORT = {s.label.casefold(): str(int(s)) for s in Support}
_ROLES = {r.label.casefold(): r.value for r in Role}
_INFLUENCE = {i.label.casefold(): i.value for i in Influence}
_KINDS = {k.label.casefold(): k.value for k in RelationKind}
_COVERAGE = {c.label.casefold(): c.value for c in Coverage}
_NODE_COLUMNS = {"label": "label", "name": "label", "title": "title",
                 "description": "title", "department": "department", "email": "email",
                 "support": "support", "influence": "influence", "roles": "roles",
                 "tags": "roles", "businessoutcome": "business", "technicalfit": "technical",
                 "personalwin": "personal", "organisation": "organisation",
                 "coverage": "coverage",
                 "organization": "organisation", "phone": "phone", "notes": "notes"}
_EDGE_COLUMNS = {"kind": "kind", "type": "type", "weight": "weight",
                 "strength": "strength", "note": "note", "description": "note"}


def table_from_rows(rows: Iterable[Sequence[object]]) -> list[list[str]]:
    return [["" if cell is None else str(cell) for cell in row] for row in rows]


def read_pair(data: bytes, path: Path, kinds: TableKinds) -> Incoming:
    """The map of a node or edge table ``data`` (from ``path``) and its partner file."""
    table = read_table(data, path, lambda cells: kinds.is_node_header(cells)
                       or kinds.is_edge_header(cells))
    of_nodes = not kinds.is_edge_header(table.header)
    partner_path = kinds.partner(path, of_nodes)
    partner = None
    if partner_path is not None:
        partner = read_table(read_regular_file(partner_path, MAX_PARTNER_BYTES),
                             partner_path, kinds.is_edge_header if of_nodes
                             else kinds.is_node_header)
    nodes_table, edges_table = (table, partner) if of_nodes else (partner, table)
    nodes_path = path if of_nodes else partner_path
    # Ids derive from the node table's name whichever file was picked: both files picked
    # are then one deal with the same people, not two.
    canonical = nodes_path or kinds.node_path(path)
    edges_path = partner_path if of_nodes else path
    files = {"nodes": (nodes_path or path).name, "edges": (edges_path or path).name}
    return incoming_from_tables(
        _as_rows(nodes_table), _as_rows(edges_table), kinds, canonical,
        nodes_path or path, edges_path=edges_path, default_name=_stem(path, kinds),
        place=lambda table, line: f"{files[table]}, line {line}")


def _as_rows(table: TextTable | None) -> tuple[list[str], list[tuple[int, list[str]]]] | None:
    return None if table is None else (table.header, table.rows)


Rows = tuple[list[str], list[tuple[int, list[str]]]]  # header, (line, cells)


def incoming_from_tables(nodes: Rows | None, edges: Rows | None, kinds: TableKinds,
                         source: Path, nodes_path: Path, edges_path: Path | None,
                         default_name: str, place: Callable[[str, int], str] | None = None
                         ) -> Incoming:
    """The deal from the two tables (either may be missing: an edge table alone names its
    people by id, with the labels it gives). ``place`` words a row for messages."""
    where = place or (lambda _table, line: f"line {line}")
    raw_nodes: dict[str, RawNode] = {}
    not_people: set[str] = set()  # Kumu elements typed as something else (a company …)
    deal_names: set[str] = set()
    deal_ids: set[str] = set()
    if nodes is not None:
        header, rows = nodes
        columns = [normalise(h) for h in header]
        typed = _people_typed(columns, rows)
        for line, cells in rows:
            values = dict(zip(columns, (c.strip() for c in cells), strict=False))
            key = values.get("id") or values.get(kinds.node_key, "")
            if not key:
                continue
            if typed and values.get("type", "").casefold() not in PERSON_TYPES:
                not_people.add(key)  # a map of people and companies: the people
                continue
            if key in raw_nodes:
                raise ImportProblem(nodes_path, where("nodes", line), f"the id {key[:60]!r} "
                                    "is used twice")
            node = RawNode(key, where("nodes", line), _node_values(values))
            node.x, node.y = _number(values.get("x")), _number(values.get("y"))
            if node.y is not None and kinds is GEPHI:
                node.y = -node.y  # Gephi's y axis points up, the map's down
            raw_nodes[key] = node
            if values.get("deal"):
                deal_names.add(values["deal"])
            if values.get("dealid"):
                deal_ids.add(values["dealid"])
    raw_edges: list[RawEdge] = []
    if edges is not None:
        header, rows = edges
        columns = [normalise(h) for h in header]
        start, end = kinds.edge_keys
        for line, cells in rows:
            values = dict(zip(columns, (c.strip() for c in cells), strict=False))
            ends = (values.get(start, ""), values.get(end, ""))
            if not all(ends) or not_people.intersection(ends):
                continue
            for at, label_column in zip(ends, ("sourcelabel", "targetlabel"), strict=True):
                if at not in raw_nodes and (nodes is None or kinds is KUMU):
                    # Kumu's To/From are labels; an edge table alone names its people.
                    raw_nodes[at] = RawNode(at, where("edges", line),
                                            {"label": values.get(label_column) or at})
            edge_values = {name: values[column] for column, name in _EDGE_COLUMNS.items()
                           if values.get(column)}
            if edge_values.get("type", "").casefold() in ("directed", "undirected"):
                directed = edge_values.pop("type").casefold() == "directed"
            else:
                directed = True
            if "type" in edge_values:  # Kumu's Type: our kind's label, or the tool's own
                edge_values["type"] = _KINDS.get(edge_values["type"].casefold(),
                                                 edge_values["type"])
            raw_edges.append(RawEdge(values.get("id", ""), where("edges", line), ends[0],
                                     ends[1], edge_values, directed=directed))
    name = next(iter(deal_names)) if len(deal_names) == 1 else default_name
    deal_id = uuid_or_none(next(iter(deal_ids))) if len(deal_ids) == 1 else None
    return build_incoming(list(raw_nodes.values()), raw_edges, source, name, deal_id,
                          named_after_file=len(deal_names) != 1)


PERSON_TYPES = frozenset({"", "person", "people", "stakeholder", "contact", "individual"})


def _people_typed(columns: list[str], rows: list[tuple[int, list[str]]]) -> bool:
    """Does the table type its elements, people among them (Kumu's Type column: Person,
    Company, Project …)? Then only the people are people; a table typing nothing as a
    person keeps everyone (its types are some other classification)."""
    if "type" not in columns:
        return False
    at = columns.index("type")
    return any(at < len(cells) and cells[at].strip().casefold() in PERSON_TYPES - {""}
               for _line, cells in rows)


def _node_values(values: dict[str, str]) -> dict[str, str]:
    found = {name: values[column] for column, name in _NODE_COLUMNS.items()
             if values.get(column)}
    description = values.get("description", "")
    if description and ("dealid" not in values or values.get("title")):
        # Kumu's Description is free text; our exports (with their Deal ID) put the job
        # title there, so Kumu shows it under the name.
        found["notes"] = found.get("notes") or description
        found["title"] = values.get("title", "")
    if "support" in found and not found["support"].lstrip("-").isdigit():
        found["support"] = _SUPPORT.get(found["support"].casefold(), "")
    if "influence" in found:
        found["influence"] = _INFLUENCE.get(found["influence"].casefold(),
                                            found["influence"])
    if "coverage" in found:
        found["coverage"] = _COVERAGE.get(found["coverage"].casefold(), found["coverage"])
    if "roles" in found:
        parts = [p.strip() for p in found["roles"].replace("|", ",").split(",")]
        if all(p.casefold() in _ROLES for p in parts if p):
            found["roles"] = " ".join(_ROLES[p.casefold()] for p in parts if p)
    return found


def _number(text: str | None) -> float | None:
    try:
        return float(text) if text else None
    except ValueError:
        return None


def _stem(path: Path, kinds: TableKinds) -> str:
    stem = path.stem
    for suffix in (kinds.node_suffix, kinds.edge_suffix):
        if stem.casefold().endswith(suffix):
            stem = stem[:len(stem) - len(suffix)].rstrip("-_ ")
    return stem or path.stem
