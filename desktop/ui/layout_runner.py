"""Auto-layout off the GUI thread: the computation runs on Qt's thread pool, the result comes
back as a signal (queued into the GUI thread) and the window applies it as one undo step.

A result for a deal that is no longer shown, or from a request superseded by a newer one, is
dropped: the user never sees cards jump because of a stale job.
"""

from __future__ import annotations

import contextlib
from enum import Enum

from PySide6.QtCore import QObject, QThreadPool, Signal

from desktop.domain.deal import Deal
from desktop.domain.enums import RelationKind
from desktop.domain.position import POSITION_LIMIT, Position


class LayoutKind(Enum):
    ORG_CHART = "Org chart"
    INFLUENCE = "Influence"


class LayoutRunner(QObject):
    finished = Signal(str, object)  # deal id, {person id: Position}
    failed = Signal(str)
    _done = Signal(int, str, object)

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._generation = 0
        self.running = False
        self._done.connect(self._deliver)

    def start(self, kind: LayoutKind, deal: Deal) -> None:
        self._generation += 1
        generation = self._generation
        self.running = True
        nodes = [p.id for p in deal.people]
        if kind is LayoutKind.ORG_CHART:
            edges = [(r.source, r.target) for r in deal.relations
                     if r.kind is RelationKind.REPORTS_TO]
        else:
            edges = [(r.source, r.target) for r in deal.relations]

        # Imported here, in the GUI thread, and not in the worker: loading compiled
        # extension modules (scipy) on a pool thread while the GUI thread runs Python's
        # garbage collector crashed the process. Deferred to the first layout so that
        # start-up does not pay for scipy.
        from desktop.render import auto_layout

        def work() -> None:
            try:
                if kind is LayoutKind.ORG_CHART:
                    raw = auto_layout.org_chart_layout(nodes, edges)
                else:
                    raw = auto_layout.influence_layout(nodes, edges)
                positions = {str(node): _clamped(x, y) for node, (x, y) in raw.items()}
                result: object = positions
            except Exception as error:  # a bug: report it instead of losing it in a thread
                result = error
            with contextlib.suppress(RuntimeError):  # the window closed meanwhile
                self._done.emit(generation, deal.id, result)

        QThreadPool.globalInstance().start(work)

    def _deliver(self, generation: int, deal_id: str, result: object) -> None:
        if generation != self._generation:
            return
        self.running = False
        if isinstance(result, Exception):
            self.failed.emit(f"Automatic layout failed: {result}")
        else:
            self.finished.emit(deal_id, result)


def _clamped(x: float, y: float) -> Position:
    limit = POSITION_LIMIT * 0.9
    return Position(round(max(-limit, min(limit, x)), 1), round(max(-limit, min(limit, y)), 1))
