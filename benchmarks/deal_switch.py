"""Clicking another deal in the deal list, timed until the window is painted with it (the
map, the table, the header). Goal ≤ 100 ms at 300 people, ≤ 400 ms at 2,000. Baseline:
reading the same deal from the store with plain SQL (rows as tuples, nothing built).
"Painted": the map, the table and the header painted with the new deal (window_bench.py)."""

from __future__ import annotations

import sqlite3
import statistics
import time
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QWidget

from benchmarks.harness import Result
from benchmarks.window_bench import (
    Paints,
    choose_deal,
    deal_list,
    deal_of,
    map_and_table,
    settle,
    until_painted,
    window_on,
)

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
    from desktop.demo import demo_deals

    helix = next(d for d in demo_deals() if d.name.startswith("Helix"))
    deals = [deal_of(size) for size in sizes] + [helix]
    other = deal_of(5)
    other = other.__class__(name="00000 other", people=other.people[:5],
                            relations=other.relations[:2])
    results = []
    with window_on([*deals, other]) as (app, window, path):
        header = window.findChild(QWidget, "deal_header")
        assert header is not None
        paints = Paints([*map_and_table(window), header])
        for size, deal in zip([*sizes, 0], deals, strict=True):
            times, settled = [], []
            for _ in range(REPEAT):
                choose_deal(app, window, other.name)
                time.sleep(0.1)
                settle(app)
                paints.reset()
                start = time.perf_counter()
                _click(window, deal.name)
                times.append(until_painted(app, paints, start))
                settle(app)
                settled.append(time.perf_counter() - start)
                time.sleep(0.1)
                settle(app)
            baseline = statistics.median(_plain_read(path, deal.id) for _ in range(REPEAT))
            what = f"{size:,} people" if size else f"Helix (demo, {len(deal.people)} people)"
            results.append(Result(f"deal switch → painted, {what}",
                                  statistics.median(times), baseline, goal=GOALS.get(size, ""),
                                  note=f"settled {statistics.median(settled) * 1e3:.0f} ms; "
                                       "baseline: the same rows read with plain SQL"))
        paints.remove()
    return results


def _click(window: QWidget, name: str) -> None:
    """Click the deal in the list (the row is on screen: the list holds a few deals)."""
    view = deal_list(window)
    model = view.model()
    index = next(model.index(row, 0) for row in range(model.rowCount())
                 if str(model.index(row, 0).data()).startswith(name))
    QTest.mouseClick(view.viewport(), Qt.MouseButton.LeftButton,
                     Qt.KeyboardModifier.NoModifier, view.visualRect(index).center())
