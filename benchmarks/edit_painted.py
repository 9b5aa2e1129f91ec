"""One score change typed into the inspector's own editor (the personal-win spin box, key
Up or Down), timed until the map, the table and the charts are painted, on deals of 25, 300,
2,000 and 10,000 people; then until the analysis panel shows the new analysis. Baseline: the
store write of the same change (goal ≤ 16 ms at 300, ≤ 50 ms at 2,000, ≤ 250 ms at 10,000;
analysis within 100 ms at 2,000)."""

from __future__ import annotations

import statistics
import time

from PySide6.QtCore import Qt
from PySide6.QtTest import QTest

from benchmarks.harness import Result
from benchmarks.window_bench import (
    SIZES,
    AnalysisWatch,
    Paints,
    deal_of,
    first_person_of,
    map_and_table,
    score_spin,
    settle,
    store_write_time,
    until_painted,
    window_on,
)

EDITS = 5
GOALS = {300: "≤ 16 ms", 2_000: "≤ 50 ms", 10_000: "≤ 250 ms"}


def run(sizes: tuple[int, ...] = SIZES) -> list[Result]:
    deals = [deal_of(size) for size in sizes]
    results = []
    with window_on(deals) as (app, window, path):
        watch = AnalysisWatch(window)
        for size, deal in zip(sizes, deals, strict=True):
            first_person_of(app, window, deal.name, watch)
            spin = score_spin(window)
            paints = Paints(map_and_table(window))
            painted, analysed, settled = [], [], []
            for step in range(EDITS):
                key = Qt.Key.Key_Up if step % 2 == 0 or spin.value() <= 0 else Qt.Key.Key_Down
                if spin.value() >= 10:
                    key = Qt.Key.Key_Down
                paints.reset()
                start = time.perf_counter()
                QTest.keyClick(spin, key)
                painted.append(until_painted(app, paints, start))
                settle(app)
                settled.append(time.perf_counter() - start)
                analysed.append(watch.wait(app, start))
                time.sleep(0.05)
                settle(app)
            paints.remove()
            baseline = store_write_time(path, deal.people[0].id)
            results.append(Result(f"edit → painted, {size:,} people",
                                  statistics.median(painted), baseline,
                                  goal=GOALS.get(size, ""),
                                  note=f"settled {statistics.median(settled) * 1e3:.1f} ms; "
                                       "baseline: the store write"))
            results.append(Result(f"edit → analysis shown, {size:,} people",
                                  statistics.median(analysed), baseline,
                                  goal="≤ 100 ms" if size == 2_000 else ""))
    return results
