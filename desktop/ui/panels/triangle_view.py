"""The decision triangle, the balance map and the support × influence grid in the window: a
matplotlib canvas that draws with :mod:`desktop.render.triangle_figure` and
:mod:`desktop.render.grid_figure`, the same routines print uses.

matplotlib is imported when the chart is first shown, not at start-up (it costs ~0.3 s), and
a redraw is coalesced: many changes in one event-loop turn draw once. A chart follows the
analysis (which follows every change that matters) and the selection; hidden, it only notes
that it must draw when shown.
"""

from __future__ import annotations

from collections.abc import Sequence
from enum import Enum
from typing import TYPE_CHECKING

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QVBoxLayout, QWidget

from desktop.domain.analysis import DealAnalysis
from desktop.domain.person import Person
from desktop.ui.panels.analysis_panel import AnalysisPanel
from desktop.ui.selection import Selection

if TYPE_CHECKING:
    from matplotlib.backends.backend_qtagg import FigureCanvasQTAgg


class Chart(Enum):
    TRIANGLE = "triangle"
    BALANCE = "balance"
    GRID = "grid"  # support × influence


class TriangleView(QWidget):
    def __init__(self, chart: Chart, analysis: AnalysisPanel, selection: Selection,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.chart = chart
        self._analysis_panel = analysis
        self._selection = selection
        self.setObjectName(f"{chart.value}_chart")
        self.canvas: FigureCanvasQTAgg | None = None
        self._people: Sequence[Person] = ()
        self._analysis: DealAnalysis | None = None
        self._selected: str | None = None
        self.draws = 0  # how many times the figure was drawn (tests check coalescing)
        self._layout = QVBoxLayout(self)
        self._layout.setContentsMargins(0, 0, 0, 0)
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(0)
        self._timer.timeout.connect(self.redraw)
        analysis.analysis_shown.connect(self._follow)
        selection.changed.connect(self._follow)

    def _follow(self, *_args: object) -> None:
        deal = self._analysis_panel.deal
        chosen = self._selection.single(deal)
        self.show_data(deal.people if deal is not None else (), self._analysis_panel.analysis,
                       chosen.id if chosen is not None else None)

    def show_data(self, people: Sequence[Person], analysis: DealAnalysis | None,
                  selected: str | None) -> None:
        self._people = people
        self._analysis = analysis
        self._selected = selected
        if self.isVisible():
            self._timer.start()

    def showEvent(self, event: object) -> None:
        super().showEvent(event)  # type: ignore[arg-type]
        self._timer.start()

    def _ensure_canvas(self) -> FigureCanvasQTAgg:
        if self.canvas is None:
            from matplotlib.backends.backend_qtagg import FigureCanvasQTAgg
            from matplotlib.figure import Figure

            figure = Figure(figsize=(6, 5), layout="constrained")
            figure.set_facecolor("#FFFFFF")
            self.canvas = FigureCanvasQTAgg(figure)  # type: ignore[no-untyped-call]
            self._layout.addWidget(self.canvas)
        return self.canvas

    def redraw(self) -> None:
        """Draw the chart afresh. Names are placed by the figure's own draw (at the size
        the canvas has then), so a resized window re-places them without coming here."""
        from desktop.render.grid_figure import draw_support_influence_grid
        from desktop.render.triangle_figure import draw_balance_map, draw_decision_triangle

        canvas = self._ensure_canvas()
        figure = canvas.figure
        figure.clear()
        ax = figure.add_subplot()
        if self._analysis is not None and self._people:
            if self.chart is Chart.TRIANGLE:
                draw_decision_triangle(ax, self._people, self._analysis.triangle,
                                       self._selected)
            elif self.chart is Chart.BALANCE:
                draw_balance_map(ax, self._people, self._analysis.weights, self._selected)
            else:
                draw_support_influence_grid(ax, self._people, self._analysis.weights,
                                            self._selected)
        else:
            ax.axis("off")
            ax.text(0.5, 0.5, "No people in this deal yet", ha="center", va="center",
                    color="#777777", transform=ax.transAxes)
        canvas.draw_idle()  # type: ignore[no-untyped-call]
        self.draws += 1
