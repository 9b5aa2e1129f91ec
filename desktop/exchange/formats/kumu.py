"""Kumu (kumu.io): an elements table (``Label, Type, Description, Tags, …``) and a
connections table (``From, To, Type, Strength``), as two CSVs (``NAME-elements.csv``,
``NAME-connections.csv``) or one workbook with Elements and Connections sheets — both
import into a Kumu map as they are."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from desktop.domain.deal import Deal
from desktop.domain.enums import Axis
from desktop.exchange.formats.gephi import paired
from desktop.exchange.formats.people_csv import csv_bytes
from desktop.exchange.registry import Format
from desktop.exchange.safe_write import write_bytes
from desktop.exchange.workbook import workbook_bytes

ELEMENT_HEADER = ("Label", "Type", "Description", "Tags", "Department", "Email", "Support",
                  "Influence", "Business outcome", "Technical fit", "Personal win",
                  "Next step")
CONNECTION_HEADER = ("From", "To", "Type", "Strength", "Description")


def tables(deal: Deal) -> tuple[list[list[object]], list[list[object]]]:
    # Kumu joins connections to elements by label: a name used twice gets its title added.
    counts: dict[str, int] = {}
    for person in deal.people:
        counts[person.name] = counts.get(person.name, 0) + 1
    labels = {p.id: p.name if counts[p.name] == 1 else f"{p.name} ({p.title or p.id[:8]})"
              for p in deal.people}
    elements: list[list[object]] = [list(ELEMENT_HEADER)]
    for person in deal.people:
        elements.append([
            labels[person.id], "Person", person.title,
            "|".join(role.label for role in person.roles), person.department, person.email,
            person.support.label, person.influence.label,
            *("" if person.scores[a].value is None else person.scores[a].value for a in Axis),
            step.text if (step := deal.next_action(person.id)) is not None else ""])
    connections: list[list[object]] = [list(CONNECTION_HEADER)]
    for relation in deal.relations:
        connections.append([labels[relation.source], labels[relation.target],
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


FORMAT = Format("kumu", "Kumu elements and connections (CSV)", (".csv",), write=write_csv,
                one_deal_only=True, by_extension=False)
