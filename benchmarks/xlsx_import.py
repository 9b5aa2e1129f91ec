"""Import a 10,000-row people workbook (.xlsx, Outlook's columns with a manager column, as
Excel saves a contacts list) into a new deal: open, find the sheet and header, read every
row, validate, plan, write in one transaction. Goal ≤ 1.5 s. The baseline, in the same run:
openpyxl alone reading the same file (read-only ``iter_rows``, values only) — what any
Python program pays to see the cells, before a single check."""

from __future__ import annotations

import shutil
import statistics
import tempfile
import time
from pathlib import Path

from benchmarks.harness import Result
from desktop.exchange.importing import apply_import, plan_import, read_files
from desktop.store.library import Library

ROWS = 10_000
ROUNDS = 5
HEADER = ["First Name", "Last Name", "Company", "Department", "Job Title", "Business Phone",
          "E-mail Address", "Manager's Name"]


def _write_workbook(path: Path) -> None:
    from openpyxl import Workbook

    book = Workbook(write_only=True)
    sheet = book.create_sheet("Contacts")
    sheet.append(HEADER)
    for i in range(ROWS):
        manager = f"First{i // 10} Last{i // 10}" if i >= 10 else None
        sheet.append([f"First{i}", f"Last{i}", "Contoso", f"Dept {i % 40}", f"Title {i % 90}",
                      15550000000 + i, f"person{i}@contoso.example", manager])
    book.save(path)


def _ours(library_path: Path, xlsx_path: Path) -> float:
    with Library.open(library_path) as library:
        start = time.perf_counter()
        plan = plan_import(library, read_files([xlsx_path]))
        apply_import(library, plan)
        elapsed = time.perf_counter() - start
        assert len(library.get_deal(plan.new_deals[0].id).people) == ROWS
    return elapsed


def _openpyxl_alone(xlsx_path: Path) -> float:
    from openpyxl import load_workbook

    start = time.perf_counter()
    book = load_workbook(xlsx_path, read_only=True, data_only=True, keep_links=False)
    rows = sum(1 for _row in book["Contacts"].iter_rows(values_only=True))
    book.close()
    elapsed = time.perf_counter() - start
    assert rows == ROWS + 1
    return elapsed


def run() -> list[Result]:
    with tempfile.TemporaryDirectory() as folder:
        root = Path(folder)
        xlsx_path = root / "contacts.xlsx"
        _write_workbook(xlsx_path)
        with Library.open(root / "empty.sqlite"):
            pass
        _openpyxl_alone(xlsx_path)  # openpyxl's import, outside both timings
        ours: list[float] = []
        baseline: list[float] = []
        for round_ in range(ROUNDS):  # alternate, ours each on a fresh empty library
            copy = root / f"ours-{round_}.sqlite"
            shutil.copy(root / "empty.sqlite", copy)
            ours.append(_ours(copy, xlsx_path))
            baseline.append(_openpyxl_alone(xlsx_path))
    return [Result(f"import {ROWS:,}-row people XLSX", statistics.median(ours),
                   statistics.median(baseline), goal="≤ 1.5 s",
                   note="baseline: openpyxl read-only iter_rows of the same file alone")]
