"""Clicking another deal in the deal list, timed until the window is painted with it (the
map, the table, the header). Goal ≤ 100 ms at 300 people, ≤ 400 ms at 2,000. Baseline:
reading the same deal from the store with plain SQL (rows as tuples, nothing built)."""

from __future__ import annotations

import sqlite3
import statistics
import time
from pathlib import Path

from benchmarks.harness import Result
from benchmarks.window_bench import choose_deal, deal_of, settle, window_on

SIZES = (25, 300, 2_000)
GOALS = {300: "≤ 100 ms", 2_000: "≤ 400 ms"}
REPEAT = 5


def _plain_read(path: Path, deal_id: str) -> float:
    connection = sqlite3.connect(path)
    try:
        start = time.perf_counter()
        connection.execute("SELECT * FROM people WHERE deal_id = ?", [deal_id]).fetchall()
        connection.execute("SELECT s.* FROM scores AS s JOIN people AS p ON p.id = s.person_id "
                           "WHERE p.deal_id = ?", [deal_id]).fetchall()
        connection.execute("SELECT * FROM relations WHERE deal_id = ?", [deal_id]).fetchall()
        return time.perf_counter() - start
    finally:
        connection.close()


def run(sizes: tuple[int, ...] = SIZES) -> list[Result]:
    deals = [deal_of(size) for size in sizes]
    other = deal_of(5)
    other = other.__class__(name="00000 other", people=other.people[:5],
                            relations=other.relations[:2])
    results = []
    with window_on([*deals, other]) as (app, window, path):
        for size, deal in zip(sizes, deals, strict=True):
            times = []
            for _ in range(REPEAT):
                choose_deal(app, window, other.name)
                time.sleep(0.1)
                settle(app)
                start = time.perf_counter()
                choose_deal(app, window, deal.name)
                times.append(time.perf_counter() - start)
                time.sleep(0.1)
                settle(app)
            baseline = statistics.median(_plain_read(path, deal.id) for _ in range(REPEAT))
            results.append(Result(f"deal switch → painted, {size:,} people",
                                  statistics.median(times), baseline, goal=GOALS.get(size, ""),
                                  note="baseline: the same rows read with plain SQL"))
    return results
