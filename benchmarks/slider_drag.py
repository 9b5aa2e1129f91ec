"""Twenty consecutive steps of the personal-win slider in the inspector (key Right on the
focused slider, as a drag moves it step by step), each timed until painted; one undo step in
all. Goal ≤ 16 ms per step at 300 people, ≤ 50 ms at 2,000. Baseline: the store write of
the same change."""

from __future__ import annotations

import statistics
import time

from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QSlider, QWidget

from benchmarks.harness import Result
from benchmarks.window_bench import (
    AnalysisWatch,
    Paints,
    deal_of,
    first_person_of,
    map_and_table,
    settle,
    store_write_time,
    until_painted,
    window_on,
)

STEPS = 20
SIZES = (300, 2_000)
GOALS = {300: "≤ 16 ms", 2_000: "≤ 50 ms"}


def run(sizes: tuple[int, ...] = SIZES) -> list[Result]:
    deals = [deal_of(size) for size in sizes]
    results = []
    with window_on(deals) as (app, window, path):
        watch = AnalysisWatch(window)
        for size, deal in zip(sizes, deals, strict=True):
            first_person_of(app, window, deal.name, watch)
            editor = window.findChild(QWidget, "score_personal")
            assert editor is not None
            slider = editor.findChild(QSlider)
            assert slider is not None
            slider.setFocus()
            QTest.keyClick(slider, Qt.Key.Key_Home)
            settle(app)
            time.sleep(0.2)
            settle(app)
            steps, settled = [], []
            paints = Paints(map_and_table(window))
            for _ in range(STEPS // 2):
                for key in (Qt.Key.Key_Right,) * 5 + (Qt.Key.Key_Left,) * 5:
                    paints.reset()
                    start = time.perf_counter()
                    QTest.keyClick(slider, key)
                    steps.append(until_painted(app, paints, start))
                    settle(app)
                    settled.append(time.perf_counter() - start)
                if len(steps) >= STEPS:
                    break
            results.append(Result(f"slider step → painted, {size:,} people",
                                  statistics.median(steps[:STEPS]),
                                  store_write_time(path, deal.people[0].id),
                                  goal=GOALS.get(size, ""),
                                  note=f"{STEPS} steps; worst {max(steps) * 1e3:.0f} ms; "
                                       f"settled {statistics.median(settled) * 1e3:.1f} ms; "
                                       "baseline: the store write"))
            paints.remove()
    return results
