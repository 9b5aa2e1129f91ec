"""Work longer than a frame, off the GUI thread, latest request only.

A view asks for a result (an analysis, a layout) with a pure function over immutable values;
requests made while one is running are coalesced into the newest, which starts when the
running one ends. A result that a newer request has made stale is dropped, so the user never
sees an old answer arrive after a new one — and a burst of edits (a slider drag) costs one
computation at a time, not one per step.

Only pure functions run in the pool: no Qt object is touched there. Python's garbage
collector is pinned to the GUI thread (``gui_thread_gc.py``), and compiled modules a job
needs must be imported in the GUI thread first (``prepare``): loading an extension module
in a worker during a collection crashed the process once.
"""

from __future__ import annotations

import contextlib
from collections.abc import Callable
from dataclasses import dataclass

from PySide6.QtCore import QObject, QThreadPool, QTimer, Signal


@dataclass(frozen=True, slots=True)
class _Failure:
    error: Exception


class LatestOnly(QObject):
    finished = Signal(object)  # the newest request's result
    failed = Signal(str)  # the newest request raised: a bug, reported rather than lost
    _done = Signal(int, object)  # from the worker, queued into the GUI thread

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._generation = 0
        self._running = False
        self._pending: tuple[Callable[[], object], bool, Callable[[], None] | None] | None = None
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(0)  # after the current event-loop turn: a burst is one
        self._timer.timeout.connect(self._start)
        self._done.connect(self._deliver)

    @property
    def busy(self) -> bool:
        """A result is still to come."""
        return self._running or self._pending is not None

    def request(self, work: Callable[[], object], *, in_thread: bool = True,
                prepare: Callable[[], None] | None = None, quiet_ms: int = 0) -> None:
        """Compute ``work()`` once requests have been quiet for ``quiet_ms`` (a burst of
        edits is one request); ``in_thread=False`` for work shorter than a frame.
        ``prepare`` runs in the GUI thread just before (imports of compiled modules)."""
        self._generation += 1
        self._pending = (work, in_thread, prepare)
        if not self._running:
            self._timer.start(quiet_ms)

    def cancel(self) -> None:
        """Forget what was asked: no result will be delivered."""
        self._generation += 1
        self._pending = None
        self._timer.stop()

    def _start(self) -> None:
        if self._running or self._pending is None:
            return
        work, in_thread, prepare = self._pending
        self._pending = None
        generation = self._generation
        if prepare is not None:
            prepare()
        if not in_thread:
            self._deliver(generation, _call(work))
            return
        self._running = True

        def job() -> None:
            result = _call(work)
            with contextlib.suppress(RuntimeError):  # the window closed meanwhile
                self._done.emit(generation, result)

        QThreadPool.globalInstance().start(job)

    def _deliver(self, generation: int, result: object) -> None:
        self._running = False
        if generation == self._generation:
            if isinstance(result, _Failure):
                self.failed.emit(str(result.error))
            else:
                self.finished.emit(result)
        if self._pending is not None:
            self._timer.start()


def _call(work: Callable[[], object]) -> object:
    try:
        return work()
    except Exception as error:  # a bug in the job: report it, do not lose it in a thread
        return _Failure(error)
