"""Timing helpers and the one-line report format shared by every benchmark."""

from __future__ import annotations

import gc
import statistics
import time
from collections.abc import Callable
from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class Result:
    name: str
    ours: float
    baseline: float
    unit: str = "s"
    goal: str = ""
    note: str = ""

    @property
    def ratio(self) -> float:
        return self.ours / self.baseline if self.baseline else float("inf")

    def line(self) -> str:
        show = format_bytes if self.unit == "B" else format_seconds
        return (f"{self.name:<42} ours {show(self.ours):>9}  "
                f"baseline {show(self.baseline):>9}  ratio {self.ratio:5.2f}x"
                + (f"  goal {self.goal}" if self.goal else "")
                + (f"  ({self.note})" if self.note else ""))


def format_seconds(seconds: float) -> str:
    if seconds < 1e-3:
        return f"{seconds * 1e6:.0f} µs"
    if seconds < 1:
        return f"{seconds * 1e3:.1f} ms"
    return f"{seconds:.2f} s"


def format_bytes(size: float) -> str:
    return f"{size / (1024 * 1024):.0f} MB"


def median_time(work: Callable[[], object], repeat: int = 5) -> float:
    """The median of ``repeat`` runs; garbage is collected between runs, outside the timing,
    as the app's idle-time collector would (and as an automatic collector would, eventually)."""
    times = []
    for _ in range(repeat):
        gc.collect()
        start = time.perf_counter()
        work()
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def alternating_medians(ours: Callable[[], object], baseline: Callable[[], object],
                        repeat: int) -> tuple[float, float]:
    """The median times of ``ours`` and ``baseline``, run in turn ``repeat`` times each
    (baseline first, a collection before each): a load that comes and goes on a shared
    machine falls on both alike, so the ratio holds even when the times do not."""
    mine: list[float] = []
    theirs: list[float] = []
    for _ in range(repeat):
        for work, times in ((baseline, theirs), (ours, mine)):
            gc.collect()
            start = time.perf_counter()
            work()
            times.append(time.perf_counter() - start)
    return statistics.median(mine), statistics.median(theirs)
