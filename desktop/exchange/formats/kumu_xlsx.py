"""Kumu's spreadsheet import as one workbook (Elements and Connections sheets)."""

from __future__ import annotations

from desktop.exchange.formats.kumu import write_xlsx
from desktop.exchange.kumu_workbook import read
from desktop.exchange.registry import Format

# Read by name (--format kumu-xlsx) or found by the Excel reader from its two sheets.
FORMAT = Format("kumu-xlsx", "Kumu workbook (XLSX)", (".xlsx",), read=read,
                write=write_xlsx, one_deal_only=True, by_extension=False)
