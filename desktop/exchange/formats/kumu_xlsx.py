"""Kumu's spreadsheet import as one workbook (Elements and Connections sheets)."""

from __future__ import annotations

from desktop.exchange.formats.kumu import write_xlsx
from desktop.exchange.registry import Format

FORMAT = Format("kumu-xlsx", "Kumu workbook (XLSX)", (".xlsx",), write=write_xlsx,
                one_deal_only=True, by_extension=False)
