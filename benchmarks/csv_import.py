"""Import a 10,000-row people CSV (Outlook's layout, with a manager column) into a new deal:
read, detect, validate every row, plan, write in one transaction. Goal ≤ 1 s and ≤ 2× the
baseline measured in the same run: the ``csv`` module reading the same file plus raw
``executemany`` of the same rows (people, and the reports-to lines of the manager column)
into the same tables, with the library's pragmas — no validation, no detection."""

from __future__ import annotations

import csv
import io
import shutil
import sqlite3
import tempfile
import time
import uuid
from pathlib import Path

from benchmarks.harness import Result
from desktop.exchange.importing import apply_import, plan_import, read_files
from desktop.store.library import Library
from desktop.store.opening import configure

ROWS = 10_000
ROUNDS = 5


def _write_csv(path: Path) -> None:
    buffer = io.StringIO(newline="")
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(["First Name", "Last Name", "Company", "Department", "Job Title",
                     "Business Phone", "E-mail Address", "Manager's Name"])
    for i in range(ROWS):
        manager = f"First{i // 10} Last{i // 10}" if i >= 10 else ""
        writer.writerow([f"First{i}", f"Last{i}", "Contoso", f"Dept {i % 40}",
                         f"Title {i % 90}", f"+1 555 {i:06d}", f"person{i}@contoso.example",
                         manager])
    path.write_text(buffer.getvalue(), encoding="utf-8")


def _ours(library_path: Path, csv_path: Path) -> float:
    with Library.open(library_path) as library:
        start = time.perf_counter()
        plan = plan_import(library, read_files([csv_path]))
        apply_import(library, plan)
        elapsed = time.perf_counter() - start
        assert len(library.get_deal(plan.new_deals[0].id).people) == ROWS
    return elapsed


def _baseline(library_path: Path, csv_path: Path) -> float:
    connection = sqlite3.connect(library_path, isolation_level=None)
    configure(connection)
    start = time.perf_counter()
    with csv_path.open(encoding="utf-8", newline="") as stream:
        reader = csv.reader(stream)
        next(reader)
        rows = [(str(uuid.uuid4()), "deal", n, f"{r[0]} {r[1]}", r[4], r[3], r[6], r[5], r[7])
                for n, r in enumerate(reader)]
    ids = {row[3]: row[0] for row in rows}
    lines = [(str(uuid.uuid4()), "deal", n, row[0], ids[row[8]], "reports-to", 1)
             for n, row in enumerate(rows) if row[8] in ids]
    connection.execute("BEGIN IMMEDIATE")
    connection.execute("INSERT INTO deals (id, name, created_at, updated_at) VALUES "
                       "('deal', 'Baseline', '2026-01-01T00:00:00Z', '2026-01-01T00:00:00Z')")
    connection.executemany("INSERT INTO people (id, deal_id, ordinal, name, title, department, "
                           "email, phone) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                           [row[:8] for row in rows])
    connection.executemany("INSERT INTO relations (id, deal_id, ordinal, source, target, kind, "
                           "strength) VALUES (?, ?, ?, ?, ?, ?, ?)", lines)
    connection.execute("COMMIT")
    elapsed = time.perf_counter() - start
    connection.close()
    return elapsed


def run() -> list[Result]:
    import statistics

    with tempfile.TemporaryDirectory() as folder:
        root = Path(folder)
        csv_path = root / "contacts.csv"
        _write_csv(csv_path)
        with Library.open(root / "empty.sqlite"):
            pass
        ours: list[float] = []
        baseline: list[float] = []
        for round_ in range(ROUNDS):  # alternate, each on a fresh copy of an empty library
            for name, measure, into in (("ours", _ours, ours), ("raw", _baseline, baseline)):
                copy = root / f"{name}-{round_}.sqlite"
                shutil.copy(root / "empty.sqlite", copy)
                into.append(measure(copy, csv_path))
    return [Result(f"import {ROWS:,}-row people CSV", statistics.median(ours),
                   statistics.median(baseline), goal="≤ 1 s, ≤ 2×",
                   note="baseline: csv module + raw executemany of the same rows")]
