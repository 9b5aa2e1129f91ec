"""People from an Excel workbook: its people sheet read as a CSV of contacts is — the same
column recognition, the same mapping dialog for unknown columns, the same people, ids and
reports-to lines — with every problem placed by sheet, row and column.

Our own export (the XLSX workbook) reads back as its CSV does — one deal per name of the
People sheet's "Deal" column, each person with what that sheet carries (contact details,
organisation, roles, support, influence, coverage, mode, scores, managers, last contact, next
step, leaning) — plus the lines of its Relations sheet (influence, conflict, dotted line,
with strength and note). Not read: the Scores sheet's evidence and confidence, the Plan,
Criteria and Process sheets, and the deals' own fields (account aside, guessed from the
people): a workbook is a report, the .dealtri file is the deal.
"""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

from desktop.domain.deal import MAX_RELATIONS, Deal
from desktop.domain.enums import RelationKind
from desktop.domain.errors import ValidationError
from desktop.domain.ids import derived_id
from desktop.domain.relation import Relation, line_identity
from desktop.exchange.formats.people_csv import (
    HEADER,
    NAMESPACE,
    chosen_mapping,
    incoming_from_table,
)
from desktop.exchange.incoming import Incoming
from desktop.exchange.kumu_workbook import is_kumu_workbook, read_kumu_workbook
from desktop.exchange.people_columns import ColumnMapping
from desktop.exchange.registry import ReadOptions
from desktop.exchange.xlsx_reading import SheetTable, read_people_sheet, read_sheet_rows
from desktop.problems import ImportProblem

RELATIONS_SHEET = "Relations"
RELATIONS_HEADER = ["Deal", "From", "To", "Kind", "Strength", "Note"]


def read(data: bytes, path: Path, options: ReadOptions) -> list[Incoming]:
    """The people of the workbook's people sheet (the columns mapped automatically, or as
    ``options.choose_mapping`` says; None from it cancels)."""
    sheet = read_people_sheet(data, path, options.cancelled)
    if is_kumu_workbook(sheet.sheet_names):  # Kumu's map (or ours for Kumu): no columns to ask
        return [read_kumu_workbook(data, path, sheet.sheet_names)]
    table = sheet.table
    mapping = chosen_mapping(table, path, options, sheet.place(table.header_line))
    _refuse_uncalculated(sheet, mapping, path)
    try:
        incoming = incoming_from_table(table, mapping, path, options)
    except ImportProblem as problem:
        raise _placed(problem, sheet, path) from None
    if table.header[:len(HEADER)] == list(HEADER) and RELATIONS_SHEET in sheet.sheet_names:
        incoming = _with_relations(incoming, data, path)
    return incoming


def _refuse_uncalculated(sheet: SheetTable, mapping: ColumnMapping, path: Path) -> None:
    """A formula with no saved value in a column the import reads: its value is unknown."""
    used = set(mapping.columns.values())
    for cell in sheet.uncalculated:
        if cell.column in used:
            from openpyxl.utils import get_column_letter

            name = sheet.table.header[cell.column]
            formula = f" ={cell.formula[:60]}" if cell.formula else ""
            linked = (", and the other workbook it reads is never opened"
                      if "[" in cell.formula else "")
            raise ImportProblem(path, f"{sheet.place(cell.row)}, column {name!r} (cell "
                                f"{get_column_letter(cell.column + 1)}{cell.row})",
                                f"the formula{formula} has no saved value (the workbook was "
                                f"written by a program that does not calculate{linked}); "
                                "open it in Excel or LibreOffice and save it again")


def _placed(problem: ImportProblem, sheet: SheetTable, path: Path) -> ImportProblem:
    """A problem people_from_table placed by line, placed by sheet and row."""
    place = problem.place
    if place.startswith("line "):
        place = f"sheet {sheet.title!r}, row " + place.removeprefix("line ")
    return ImportProblem(path, place, problem.problem)


def _with_relations(incoming: list[Incoming], data: bytes, path: Path) -> list[Incoming]:
    """Our own export's deals with the lines of its Relations sheet, each row given to the
    deal its "Deal" cell names; the people sheet already gave the reports-to lines."""
    rows = read_sheet_rows(data, path, RELATIONS_SHEET, MAX_RELATIONS + 1)
    if not rows or rows[0][1][:len(RELATIONS_HEADER)] != RELATIONS_HEADER:
        return incoming
    position = {_key(item.deal.name): i for i, item in enumerate(incoming)}
    by_deal: dict[int, list[tuple[int, list[str]]]] = {}
    for number, cells in rows[1:]:
        at = position.get(_key(cells[0]) if cells else "")
        if at is None and len(incoming) == 1:
            at = 0
        if at is not None:
            by_deal.setdefault(at, []).append((number, cells))
    result = list(incoming)
    for at, deal_rows in by_deal.items():
        deal = incoming[at].deal
        lines = _relations(deal, deal_rows, path)
        if lines != deal.relations:
            try:
                deal = replace(deal, relations=lines)
            except ValidationError as error:
                raise ImportProblem(path, f"sheet {RELATIONS_SHEET!r}", error.problem) from None
            result[at] = replace(incoming[at], deal=deal)
    return result


def _key(name: str) -> str:
    return " ".join(name.split())[:120].strip().casefold()


def _relations(deal: Deal, rows: list[tuple[int, list[str]]],
               path: Path) -> tuple[Relation, ...]:
    """The deal's lines in the order of ``rows``: a row's line between people of ``deal``
    (found by name; a name two people share is left out, which of them is meant is
    unknown), or the reports-to line the people sheet drew, with the row's strength and
    note. Lines no row names come last. Exported again, the sheet is the same."""
    ids: dict[str, str | None] = {}
    for person in deal.people:
        key = person.name.casefold()
        ids[key] = None if key in ids else person.id
    kinds = {kind.label: kind for kind in RelationKind}
    existing = {relation.identity: relation for relation in deal.relations}
    ordered: dict[tuple[str, str, RelationKind], Relation] = {}
    for number, cells in rows:
        cells = cells + [""] * (6 - len(cells))
        source, target = ids.get(cells[1].casefold()), ids.get(cells[2].casefold())
        kind = kinds.get(cells[3])
        if source is None or target is None or kind is None or source == target:
            continue
        identity = line_identity(source, target, kind)
        if identity in ordered:
            continue
        try:
            strength = int(cells[4] or 1)
            known = existing.get(identity)
            ordered[identity] = Relation(
                source, target, kind, strength=strength, note=cells[5],
                id=known.id if known else derived_id(NAMESPACE, f"{source}>{target}>{kind}"))
        except (ValueError, ValidationError) as error:
            why = error.problem if isinstance(error, ValidationError) else \
                f"{cells[4]!r} is not 1, 2 or 3"
            raise ImportProblem(path, f"sheet {RELATIONS_SHEET!r}, row {number}",
                                why) from None
    return (*ordered.values(),
            *(relation for relation in deal.relations if relation.identity not in ordered))
