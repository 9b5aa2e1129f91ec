"""Process start → main window painted with the demo library, versus a bare PySide6 window
in the same run (goal ≤ 2.5× and ≤ 0.6 s). Both are whole processes, timed from spawn to
exit, alternating, median of 7."""

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
    start = time.perf_counter()
    subprocess.run([sys.executable, "-m", "benchmarks.startup_probe", *args], check=True,
                   env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, timeout=60)
    return time.perf_counter() - start


def run() -> list[Result]:
    # An installed app starts from bytecode (pip and the bundle compile it): so do we, even
    # where PYTHONDONTWRITEBYTECODE stops Python from caching it as it imports.
    compileall.compile_dir(Path(__file__).resolve().parent.parent / "desktop", quiet=1)
    folder = Path(tempfile.mkdtemp(prefix="bench-start-"))
    try:
        db = folder / "demo.sqlite"
        with Library.open(db) as library:
            add_demo_deals(library)
        env = {**os.environ, "QT_QPA_PLATFORM": os.environ.get("QT_QPA_PLATFORM", "offscreen"),
               "XDG_CONFIG_HOME": str(folder / "config")}
        _time(["bare"], env)  # warm the file cache for both
        _time(["app", str(db)], env)
        ours, bare = [], []
        for _ in range(RUNS):
            bare.append(_time(["bare"], env))
            ours.append(_time(["app", str(db)], env))
        return [Result("start → main window painted (demo library)", statistics.median(ours),
                       statistics.median(bare), goal="≤ 2.5x and ≤ 0.6 s",
                       note=f"QPA {env['QT_QPA_PLATFORM']}")]
    finally:
        shutil.rmtree(folder, ignore_errors=True)
