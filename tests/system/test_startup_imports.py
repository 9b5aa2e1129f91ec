"""What the window imports before its first paint: none of the heavy libraries. numpy (with
the lean), networkx, scipy and matplotlib are imported on first use, after the window is on
screen — numpy at start-up cost ~0.17 s (benchmarks/startup.py found it: 452 → 639 ms)."""

from __future__ import annotations

import subprocess
import sys

from tests.helpers.paths import ROOT

HEAVY = ("numpy", "networkx", "scipy", "matplotlib", "sqlite_utils")


def test_the_main_window_module_imports_no_heavy_library() -> None:
    probe = ("import sys\nimport desktop.ui.main_window\n"
             f"print(sorted(m for m in {HEAVY!r} if m in sys.modules))")
    result = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True,
                            cwd=ROOT, timeout=60, check=True,
                            env={"QT_QPA_PLATFORM": "offscreen", "PATH": "/usr/bin:/bin"})
    assert result.stdout.strip() == "[]"
