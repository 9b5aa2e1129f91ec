"""Writing XLSX workbooks with openpyxl. Every text cell is stored as text — a name starting
with "=" stays a name and never becomes a formula Excel would run — and escaped the way Excel
reads it (``xlsx_escape``): a note holding "_x0041_" or a control character comes back as it
left, where openpyxl alone would write it for Excel to read as "A", or refuse it."""

from __future__ import annotations

import io
from collections.abc import Mapping, Sequence

from desktop.exchange.xlsx_escape import escape


def workbook_bytes(sheets: Mapping[str, Sequence[Sequence[object]]]) -> bytes:
    from openpyxl import Workbook  # loaded when a workbook is written (~0.3 s)
    from openpyxl.styles import Font

    book = Workbook()
    default = book.active
    for title, rows in sheets.items():
        sheet = book.create_sheet(title)
        for row in rows:
            sheet.append([None if cell == "" else escape(cell) if isinstance(cell, str)
                          else cell for cell in row])
        for cells in sheet.iter_rows():
            for cell in cells:
                if isinstance(cell.value, str):
                    cell.data_type = "s"  # text, even when it starts with =
        for cell in sheet[1]:
            cell.font = Font(bold=True)
        sheet.freeze_panes = "A2"
        for column in sheet.columns:
            width = max((len(str(c.value)) for c in column if c.value is not None), default=8)
            sheet.column_dimensions[column[0].column_letter].width = min(60, max(8, width + 2))
    if default is not None:
        book.remove(default)
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()
