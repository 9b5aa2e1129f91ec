"""The garbage collector runs in the GUI thread only, and still collects cycles."""

from __future__ import annotations

import gc
import threading
import weakref

from pytestqt.qtbot import QtBot

from desktop.ui.gui_thread_gc import GuiThreadGarbageCollector


class Node:
    def __init__(self) -> None:
        self.other: Node | None = None


def test_cycles_are_collected_by_the_gui_thread_timer(qtbot: QtBot) -> None:
    collector = GuiThreadGarbageCollector(interval_ms=10)
    try:
        assert not gc.isenabled()
        collected_in: list[str] = []
        cycle = Node()
        cycle.other = Node()
        cycle.other.other = cycle
        gone = weakref.finalize(cycle, lambda: collected_in.append(
            threading.current_thread().name))
        del cycle

        def allocate_in_a_worker() -> None:  # would have triggered gc in the worker
            garbage: list[list[int]] = [[] for _ in range(20_000)]
            del garbage

        worker = threading.Thread(target=allocate_in_a_worker, name="worker")
        worker.start()
        worker.join()
        assert gone.alive  # nobody collected it in the worker
        collector.thresholds = (0, 10, 10)
        qtbot.waitUntil(lambda: not gone.alive, timeout=2_000)
        assert collected_in == [threading.main_thread().name]
        assert collector.collections >= 1
    finally:
        collector.stop()
        collector.deleteLater()
        gc.disable()  # the suite's own collector (conftest) stays in charge
