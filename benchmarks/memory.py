"""Memory of the window showing a 10,000-person deal: the process's peak resident set after
the first paint and the analysis, in a fresh process. Goal ≤ 400 MB. Baseline: the same
window on a library of the two demo deals, in the same run."""

from __future__ import annotations

import subprocess
import sys
import tempfile
from pathlib import Path

from benchmarks.harness import Result
from desktop.demo import add_demo_deals
from desktop.store.library import Library
from desktop.synthetic import synthetic_deal

PEOPLE = 10_000
PROBE = """
import sys, time
from pathlib import Path
from PySide6.QtCore import QSettings
from desktop.ui.application import create_application
from desktop.store.library import Library
from desktop.ui.main_window import MainWindow
from desktop.ui.settings import Settings
app = create_application()
settings = Settings(QSettings(sys.argv[2], QSettings.Format.IniFormat))
window = MainWindow(Library.open(Path(sys.argv[1])), settings)
window.resize(1366, 768)
window.show()
deadline = time.monotonic() + 60
while time.monotonic() < deadline and window.analysis_panel.runs == 0:
    app.processEvents()
    time.sleep(0.01)
for _ in range(5):
    app.processEvents()
# The high-water mark of this process's own memory (ru_maxrss would include the parent's
# size at the fork: Linux carries it across exec).
peak = next(line for line in Path("/proc/self/status").read_text().splitlines()
            if line.startswith("VmHWM:"))
print(int(peak.split()[1]) * 1024)
"""


def _peak(db: Path, folder: Path) -> float:
    result = subprocess.run([sys.executable, "-c", PROBE, str(db), str(folder / "s.ini")],
                            capture_output=True, text=True, check=True, timeout=300,
                            env={"QT_QPA_PLATFORM": "offscreen", **_env()})
    return float(result.stdout.strip().splitlines()[-1])


def _env() -> dict[str, str]:
    import os

    return {k: v for k, v in os.environ.items() if k != "QT_QPA_PLATFORM"}


def run() -> list[Result]:
    folder = Path(tempfile.mkdtemp(prefix="bench-memory-"))
    demo, big = folder / "demo.sqlite", folder / "big.sqlite"
    with Library.open(demo) as library:
        add_demo_deals(library)
    with Library.open(big) as library:
        library.add_deal(synthetic_deal(PEOPLE, relations_per_person=2, seed=10))
    baseline = _peak(demo, folder)
    ours = _peak(big, folder)
    return [Result(f"memory, window showing {PEOPLE:,} people", ours, baseline, unit="B",
                   goal="≤ 400 MB",
                   note="peak RSS after the first paint and the analysis; baseline: the "
                        "demo deals")]
