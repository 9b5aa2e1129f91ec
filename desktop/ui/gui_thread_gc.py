"""Python's cyclic garbage collector, pinned to the GUI thread.

CPython runs a collection in whichever thread happens to cross the allocation threshold. With
a worker thread (auto-layout) that can be the worker, and a collection there may destroy Qt
objects caught in reference cycles from the wrong thread — a crash that shows up once in a
few hundred runs. The cure used by calibre and pyqtgraph: switch automatic collection off and
collect from a timer in the GUI thread, generation by generation, as often as the thresholds
would have asked for.
"""

from __future__ import annotations

import gc

from PySide6.QtCore import QObject, QTimer

INTERVAL_MS = 500


class GuiThreadGarbageCollector(QObject):
    """Collects when the generation counts pass gc's own thresholds, checked every half second.

    Checking is cheap (three integers); collection of the young generation takes well under
    a millisecond, so the GUI never stutters because of it.
    """

    def __init__(self, parent: QObject | None = None, interval_ms: int = INTERVAL_MS) -> None:
        super().__init__(parent)
        self.thresholds = gc.get_threshold()
        self.collections = 0
        gc.disable()
        self._timer = QTimer(self)
        self._timer.setInterval(interval_ms)
        self._timer.timeout.connect(self.check)
        self._timer.start()

    def check(self) -> None:
        first, second, third = gc.get_count()
        if first > self.thresholds[0]:
            generation = 0
            if second > self.thresholds[1]:
                generation = 1
                if third > self.thresholds[2]:
                    generation = 2
            gc.collect(generation)
            self.collections += 1

    def stop(self) -> None:
        """Give collection back to Python (at shutdown, or when a test is done)."""
        self._timer.stop()
        gc.enable()
