"""Auto-layout off the GUI thread (``LatestOnly``): the computation is pure numpy/scipy over
ids and edges; the result comes back as ``finished(deal id, positions)`` and the map page
turns it into one undo step. A result for a request superseded by a newer one is dropped,
and so is one for a deal no longer shown (the page checks the id)."""

from __future__ import annotations

from enum import Enum

from PySide6.QtCore import QObject, Signal

from desktop.domain.deal import Deal
from desktop.domain.enums import RelationKind
from desktop.domain.position import POSITION_LIMIT, Position
from desktop.ui.background import LatestOnly


class LayoutKind(Enum):
    ORG_CHART = "Org chart"
    INFLUENCE = "Influence"


class LayoutRunner(QObject):
    finished = Signal(str, object)  # deal id, {person id: Position}
    failed = Signal(str)

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._jobs = LatestOnly(self)
        self._jobs.finished.connect(lambda result: self.finished.emit(*result))
        self._jobs.failed.connect(lambda error: self.failed.emit(
            f"Automatic layout failed: {error}"))

    @property
    def running(self) -> bool:
        return self._jobs.busy

    def start(self, kind: LayoutKind, deal: Deal, aspect: float = 2.0) -> None:
        """Lay ``deal`` out; ``aspect`` (width ÷ height) is the map's, which an org chart
        fills."""
        nodes = [p.id for p in deal.people]
        edges = [(r.source, r.target) for r in deal.relations
                 if kind is LayoutKind.INFLUENCE or r.kind is RelationKind.REPORTS_TO]
        deal_id = deal.id

        def work() -> tuple[str, dict[str, Position]]:
            from desktop.layout import auto_layout, org_chart

            if kind is LayoutKind.ORG_CHART:
                raw = org_chart.org_chart_layout(nodes, edges, aspect=aspect)
            else:
                raw = auto_layout.influence_layout(nodes, edges)
            return deal_id, {str(node): _clamped(x, y) for node, (x, y) in raw.items()}

        self._jobs.request(work, prepare=_import_compiled_modules)


def _import_compiled_modules() -> None:
    """Deferred to the first layout, so start-up does not pay for scipy; done in the GUI
    thread (see desktop/ui/background.py)."""
    from desktop.layout import auto_layout  # noqa: F401


def _clamped(x: float, y: float) -> Position:
    limit = POSITION_LIMIT * 0.9
    return Position(round(max(-limit, min(limit, x)), 1), round(max(-limit, min(limit, y)), 1))
