"""People from an Excel workbook: its people sheet read as a CSV of contacts is — the same
column recognition, the same mapping dialog for unknown columns, the same people, ids and
reports-to lines — with every problem placed by sheet, row and column.

Our own export (the XLSX workbook's People and Relations sheets) reads back as the people of
its deals with their name, title, department, e-mail, phone, organisation and the lines
between them (reports-to from the People sheet, every other line from the Relations sheet).
Roles, support, scores, the plan and the deals' own fields are not read: a workbook is a
report, the .dealtri file is the deal.
"""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

from desktop.domain.deal import MAX_RELATIONS, Deal
from desktop.domain.enums import RelationKind
from desktop.domain.errors import ValidationError
from desktop.domain.ids import derived_id
from desktop.domain.relation import Relation, line_identity
from desktop.exchange.account_guess import account_from_organisations
from desktop.exchange.formats.people_csv import HEADER, NAMESPACE, people_from_table
from desktop.exchange.incoming import Incoming
from desktop.exchange.people_columns import ColumnMapping, automatic
from desktop.exchange.registry import ReadOptions
from desktop.exchange.xlsx_reading import SheetTable, read_people_sheet, read_sheet_rows
from desktop.problems import Cancelled, ImportProblem

RELATIONS_SHEET = "Relations"
RELATIONS_HEADER = ["Deal", "From", "To", "Kind", "Strength", "Note"]


def read(data: bytes, path: Path, options: ReadOptions) -> list[Incoming]:
    """The people of the workbook's people sheet (the columns mapped automatically, or as
    ``options.choose_mapping`` says; None from it cancels)."""
    sheet = read_people_sheet(data, path, options.cancelled)
    table = sheet.table
    mapping = automatic(table.header)
    if options.choose_mapping is not None:
        chosen = options.choose_mapping(path, table, mapping)
        if chosen is None:
            raise Cancelled
        mapping = chosen
    if not mapping.has_name():
        raise ImportProblem(path, sheet.place(table.header_line),
                            "no column holds names or e-mail addresses (columns: "
                            + ", ".join(h for h in table.header[:8]) + "); map the columns "
                            "in the window's import dialog")
    _refuse_uncalculated(sheet, mapping, path)
    try:
        incoming = people_from_table(table, mapping, path, options)
    except ImportProblem as problem:
        raise _placed(problem, sheet, path) from None
    deal = incoming.deal
    # The account may already be set by people_from_table (shared with CSV); else here.
    account = deal.account or account_from_organisations(p.organisation for p in deal.people)
    lines: tuple[Relation, ...] = ()
    if table.header[:len(HEADER)] == list(HEADER) and RELATIONS_SHEET in sheet.sheet_names:
        lines = _relations(data, path, deal)
    if account != deal.account or lines:
        try:
            deal = replace(deal, account=account, relations=deal.relations + lines)
        except ValidationError as error:
            raise ImportProblem(path, f"sheet {RELATIONS_SHEET!r}", error.problem) from None
    return [replace(incoming, deal=deal)]


def _refuse_uncalculated(sheet: SheetTable, mapping: ColumnMapping, path: Path) -> None:
    """A formula with no saved value in a column the import reads: its value is unknown."""
    used = set(mapping.columns.values())
    for cell in sheet.uncalculated:
        if cell.column in used:
            from openpyxl.utils import get_column_letter

            name = sheet.table.header[cell.column]
            formula = f" ={cell.formula[:60]}" if cell.formula else ""
            raise ImportProblem(path, f"{sheet.place(cell.row)}, column {name!r} (cell "
                                f"{get_column_letter(cell.column + 1)}{cell.row})",
                                f"the formula{formula} has no saved value (the workbook was "
                                "written by a program that does not calculate); open it in "
                                "Excel or LibreOffice and save it again")


def _placed(problem: ImportProblem, sheet: SheetTable, path: Path) -> ImportProblem:
    """A problem people_from_table placed by line, placed by sheet and row."""
    place = problem.place
    if place.startswith("line "):
        place = f"sheet {sheet.title!r}, row " + place.removeprefix("line ")
    return ImportProblem(path, place, problem.problem)


def _relations(data: bytes, path: Path, deal: Deal) -> tuple[Relation, ...]:
    """The lines of our own export's Relations sheet between people of ``deal``, found by
    name (a name two people share is left out: which of them is meant is unknown)."""
    rows = read_sheet_rows(data, path, RELATIONS_SHEET, MAX_RELATIONS + 1)
    if not rows or rows[0][1][:len(RELATIONS_HEADER)] != RELATIONS_HEADER:
        return ()
    ids: dict[str, str | None] = {}
    for person in deal.people:
        key = person.name.casefold()
        ids[key] = None if key in ids else person.id
    kinds = {kind.label: kind for kind in RelationKind}
    drawn = {relation.identity for relation in deal.relations}
    found: list[Relation] = []
    for number, cells in rows[1:]:
        cells = cells + [""] * (6 - len(cells))
        source, target = ids.get(cells[1].casefold()), ids.get(cells[2].casefold())
        kind = kinds.get(cells[3])
        if source is None or target is None or kind is None or source == target:
            continue
        identity = line_identity(source, target, kind)
        if identity in drawn:
            continue
        try:
            strength = int(cells[4] or 1)
            found.append(Relation(source, target, kind, strength=strength, note=cells[5],
                                  id=derived_id(NAMESPACE, f"{source}>{target}>{kind}")))
        except (ValueError, ValidationError) as error:
            why = error.problem if isinstance(error, ValidationError) else \
                f"{cells[4]!r} is not 1, 2 or 3"
            raise ImportProblem(path, f"sheet {RELATIONS_SHEET!r}, row {number}",
                                why) from None
        drawn.add(identity)
    return tuple(found)
