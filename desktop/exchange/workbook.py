"""Writing XLSX workbooks with openpyxl. Every text cell is stored as text — a name starting
with "=" stays a name and never becomes a formula Excel would run."""

from __future__ import annotations

import io
from collections.abc import Mapping, Sequence


def workbook_bytes(sheets: Mapping[str, Sequence[Sequence[object]]]) -> bytes:
    from openpyxl import Workbook  # loaded when a workbook is written (~0.3 s)
    from openpyxl.styles import Font

    book = Workbook()
    default = book.active
    for title, rows in sheets.items():
        sheet = book.create_sheet(title)
        for row in rows:
            sheet.append([None if cell == "" else cell for cell in row])
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
