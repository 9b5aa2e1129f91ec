"""Kumu (kumu.io): an elements table (``ID, Label, Type, Description, Tags, …``) and a
connections table (``ID, From, To, Type, Strength``), as two CSVs (``NAME-elements.csv``,
``NAME-connections.csv``) or one workbook with Elements and Connections sheets — both
import into a Kumu map as they are.

Kumu matches elements by an ``ID`` first column when there is one (its guide "avoiding
duplicate data"), so two people of the same name stay two, labels stay their names, and
importing the file again into Kumu updates rather than duplicates. The ``Deal`` and ``Deal
ID`` columns (two more fields in Kumu) bring the map back into the deal it came from when
it is read here (``node_tables``)."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from desktop.domain.deal import Deal
from desktop.domain.enums import Axis
from desktop.exchange.formats.gephi import paired
from desktop.exchange.formats.people_csv import csv_bytes
from desktop.exchange.incoming import Incoming
from desktop.exchange.node_tables import KUMU, read_pair
from desktop.exchange.registry import Format, ReadOptions
from desktop.exchange.safe_write import write_bytes
from desktop.exchange.workbook import workbook_bytes

ELEMENT_HEADER = ("ID", "Label", "Type", "Description", "Tags", "Department", "Organisation",
                  "Email", "Support", "Influence", "Coverage", "Business outcome",
                  "Technical fit", "Personal win", "Next step", "Deal", "Deal ID")
CONNECTION_HEADER = ("ID", "From", "To", "Type", "Strength", "Description")


def tables(deal: Deal) -> tuple[list[list[object]], list[list[object]]]:
    elements: list[list[object]] = [list(ELEMENT_HEADER)]
    for person in deal.people:
        elements.append([
            person.id, person.name, "Person", person.title,
            "|".join(role.label for role in person.roles), person.department,
            person.organisation, person.email, person.support.label,
            person.influence.label, person.coverage.label,
            *("" if person.scores[a].value is None else person.scores[a].value for a in Axis),
            step.text if (step := deal.next_action(person.id)) is not None else "",
            deal.name, deal.id])
    connections: list[list[object]] = [list(CONNECTION_HEADER)]
    for relation in deal.relations:
        connections.append([relation.id, relation.source, relation.target,
                            relation.kind.label, relation.strength, relation.note])
    return elements, connections


def write_csv(deals: Sequence[Deal], path: Path, include_private: bool) -> list[Path]:
    (deal,) = deals
    elements, connections = tables(deal)
    elements_path, connections_path = paired(path, "elements", "connections")
    write_bytes(elements_path, csv_bytes(elements))
    write_bytes(connections_path, csv_bytes(connections))
    return [elements_path, connections_path]


def write_xlsx(deals: Sequence[Deal], path: Path, include_private: bool) -> list[Path]:
    (deal,) = deals
    elements, connections = tables(deal)
    write_bytes(path, workbook_bytes({"Elements": elements, "Connections": connections}))
    return [path]


def read(data: bytes, path: Path, options: ReadOptions) -> list[Incoming]:
    return [read_pair(data, path, KUMU)]


def sniff(head: bytes) -> bool:
    """A table whose header starts ``Label``, ``ID,Label``, ``From,To`` or ``ID,From,To``."""
    first = head.lstrip(b"\xef\xbb\xbf").split(b"\n", 1)[0].strip().lower()
    for separator in (b",", b";", b"\t"):
        cells = [c.strip(b'" ') for c in first.split(separator)]
        if cells[:1] == [b"id"]:
            cells = cells[1:]
        if cells[:2] == [b"from", b"to"] or (cells[:1] == [b"label"] and len(cells) > 1
                                             and cells[1] in (b"type", b"description",
                                                              b"tags")):
            return True
    return False


FORMAT = Format("kumu", "Kumu elements and connections (CSV)", (".csv",), read=read,
                write=write_csv, sniff=sniff, one_deal_only=True, by_extension=False)
