"""Process start → main window painted, versus a bare PySide6 window in the same run (goal ≤ 2×):
with the demo library, with a library of 1,000 deals, and with a 2,000-person deal shown
first. Whole processes, timed from spawn to exit, alternating with the baseline, median of 7.
Nothing but the shown deal is read before the first paint; the analysis starts after it."""

from __future__ import annotations

import compileall
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from benchmarks.harness import Result
from desktop.demo import add_demo_deals
from desktop.store.library import Library

RUNS = 7


def _time(args: list[str], env: dict[str, str]) -> float:
    """From spawning the process until it says its window is painted."""
    start = time.perf_counter()
    with subprocess.Popen([sys.executable, "-m", "benchmarks.startup_probe", *args], env=env,
                          stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True) as child:
        assert child.stdout is not None
        line = child.stdout.readline()
        painted = time.perf_counter() - start
        child.wait(timeout=60)
    if line.strip() != "painted":
        raise RuntimeError(f"the probe did not paint: {args}")
    return painted


def _libraries(folder: Path) -> dict[str, Path]:
    from benchmarks.list_library import build
    from desktop.synthetic import synthetic_deal

    demo = folder / "demo.sqlite"
    with Library.open(demo) as library:
        add_demo_deals(library)
    many = folder / "many.sqlite"
    build(many)  # 1,000 deals × 30 people
    big = folder / "big.sqlite"
    with Library.open(big) as library:
        add_demo_deals(library)
        library.add_deal(synthetic_deal(2_000, relations_per_person=2, seed=2,
                                        name="0 The first deal: 2,000 people"))
    return {"demo library": demo, "1,000 deals": many, "2,000-person deal shown": big}


def run() -> list[Result]:
    # An installed app starts from bytecode (pip and the bundle compile it): so do we, even
    # where PYTHONDONTWRITEBYTECODE stops Python from caching it as it imports.
    compileall.compile_dir(Path(__file__).resolve().parent.parent / "desktop", quiet=1)
    folder = Path(tempfile.mkdtemp(prefix="bench-start-"))
    try:
        env = {**os.environ, "QT_QPA_PLATFORM": os.environ.get("QT_QPA_PLATFORM", "offscreen"),
               "XDG_CONFIG_HOME": str(folder / "config")}
        results = []
        for label, db in _libraries(folder).items():
            _time(["bare"], env)  # warm the file cache for both
            _time(["app", str(db)], env)
            ours, bare = [], []
            for _ in range(RUNS):
                bare.append(_time(["bare"], env))
                ours.append(_time(["app", str(db)], env))
            results.append(Result(f"start → main window painted ({label})",
                                  statistics.median(ours), statistics.median(bare),
                                  goal="≤ 2x", note=f"QPA {env['QT_QPA_PLATFORM']}"))
        return results
    finally:
        shutil.rmtree(folder, ignore_errors=True)
