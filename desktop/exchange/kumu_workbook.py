"""A Kumu workbook read back: its Elements and Connections sheets, as the two CSVs are
(``node_tables``). Kumu exports its maps this way, and so do we (``--format kumu-xlsx``);
the Excel reader hands a workbook with both sheets here instead of asking for columns."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from desktop.domain.deal import MAX_PEOPLE, MAX_RELATIONS
from desktop.exchange.incoming import Incoming
from desktop.exchange.node_tables import KUMU, Rows, incoming_from_tables
from desktop.exchange.registry import ReadOptions
from desktop.exchange.xlsx_reading import read_sheet_rows

ELEMENTS, CONNECTIONS = "elements", "connections"


def is_kumu_workbook(sheet_names: Sequence[str]) -> bool:
    """Kumu's two sheets (any case), whatever else the workbook holds."""
    names = {name.casefold() for name in sheet_names}
    return ELEMENTS in names and CONNECTIONS in names


def read(data: bytes, path: Path, options: ReadOptions) -> list[Incoming]:
    from desktop.exchange.xlsx_reading import read_people_sheet

    names = read_people_sheet(data, path, options.cancelled).sheet_names
    return [read_kumu_workbook(data, path, names)]


def read_kumu_workbook(data: bytes, path: Path, sheet_names: Sequence[str]) -> Incoming:
    titles = {name.casefold(): name for name in sheet_names}
    elements = _table(read_sheet_rows(data, path, titles.get(ELEMENTS, "Elements"),
                                      MAX_PEOPLE + 1))
    connections = _table(read_sheet_rows(data, path, titles.get(CONNECTIONS, "Connections"),
                                         MAX_RELATIONS + 1))

    def place(table: str, row: int) -> str:
        sheet = titles.get(ELEMENTS if table == "nodes" else CONNECTIONS, table)
        return f"sheet {sheet!r}, row {row}"

    return incoming_from_tables(elements, connections, KUMU, path, path, path,
                                default_name=path.stem, place=place)


def _table(rows: list[tuple[int, list[str]]]) -> Rows | None:
    if not rows:
        return None
    (_line, header), *body = rows
    return [cell.strip() for cell in header], body
