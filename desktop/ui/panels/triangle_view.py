"""The decision triangle, the balance map and the support × influence grid in the window: a
matplotlib canvas that draws with :mod:`desktop.render.triangle_figure` and
:mod:`desktop.render.grid_figure`, the same routines print uses.

matplotlib is imported when the chart is first shown, not at start-up (it costs ~0.3 s), and
a redraw is coalesced: many changes in one event-loop turn draw once. A chart follows the
analysis (which follows every change that matters) and the selection; hidden, it only notes
that it must draw when shown.

The decision triangle has a what-if toggle (View ▸ What-if, Ctrl+Shift+W): the deal's
triangle if every open action brings its intended change, dashed over today's, and the
actions by expected gain below the chart (:mod:`desktop.domain.what_if`). It only reads:
nothing is written to the library.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from enum import Enum
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, QTimer
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QCheckBox, QLabel, QVBoxLayout, QWidget

from desktop.domain.analysis import DealAnalysis
from desktop.domain.deal import Deal
from desktop.domain.person import Person
from desktop.ui.background import LatestOnly
from desktop.ui.panels.analysis_panel import AnalysisPanel
from desktop.ui.selection import Selection

if TYPE_CHECKING:
    from matplotlib.backends.backend_qtagg import FigureCanvasQTAgg

    from desktop.domain.lean import LeanEstimate
    from desktop.domain.what_if import WhatIf


WHAT_IF_SHORTCUT = "Ctrl+Shift+W"
GAINS_SHOWN = 3  # actions listed under the chart, best first


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
        self._deal: Deal | None = None
        self.what_if: WhatIf | None = None  # drawn when the toggle is on
        self.draws = 0  # how many times the figure was drawn (tests check coalescing)
        self._layout = QVBoxLayout(self)
        self._layout.setContentsMargins(0, 0, 0, 0)
        if chart is Chart.TRIANGLE:
            self._add_what_if_toggle()
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(0)
        self._timer.timeout.connect(self.redraw)
        analysis.analysis_shown.connect(self._follow)
        selection.changed.connect(self._follow)

    def _add_what_if_toggle(self) -> None:
        """The checkbox above the chart and the window's checkable action (View menu,
        Ctrl+Shift+W) are one switch: each follows the other."""
        key = QKeySequence(WHAT_IF_SHORTCUT).toString(QKeySequence.SequenceFormat.NativeText)
        self.what_if_box = QCheckBox(f"What-if: show the deal if the open plan succeeds ({key})")
        self.what_if_box.setObjectName("what_if_toggle")
        self.what_if_box.setToolTip("The deal's triangle if every open action brings the "
                                    "change it intends, dashed over today's. Changes nothing.")
        self.what_if_action = QAction("W&hat-if: the open plan done", self)
        self.what_if_action.setCheckable(True)
        self.what_if_action.setShortcut(QKeySequence(WHAT_IF_SHORTCUT))
        self.what_if_action.setStatusTip("Show on the decision triangle what the open plan "
                                         "would bring if it succeeds")
        self.what_if_box.toggled.connect(self.what_if_action.setChecked)
        self.what_if_action.toggled.connect(self.what_if_box.setChecked)
        self.what_if_action.toggled.connect(self._what_if_toggled)
        self.what_if_text = QLabel()
        self.what_if_text.setObjectName("what_if_text")
        self.what_if_text.setWordWrap(True)
        self.what_if_text.setTextFormat(Qt.TextFormat.PlainText)
        self.what_if_text.setContentsMargins(8, 2, 8, 4)
        self.what_if_text.hide()
        self._what_if_lines: list[str] = []
        self._lean_line = ""
        # The projected lean takes a Monte Carlo run: in the pool, the latest request only.
        self.lean_runner = LatestOnly(self)
        self.lean_runner.finished.connect(self._lean_worked_out)
        self._layout.addWidget(self.what_if_box)
        self._layout.addWidget(self.what_if_text)

    @property
    def what_if_on(self) -> bool:
        return self.chart is Chart.TRIANGLE and self.what_if_action.isChecked()

    def _what_if_toggled(self, on: bool) -> None:
        self.what_if_text.setVisible(on)
        if self.isVisible():
            self._timer.start()

    def _follow(self, *_args: object) -> None:
        deal = self._analysis_panel.deal
        self._deal = deal
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
            self._layout.insertWidget(0, self.canvas, 1)
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
                projected = self._project()
                draw_decision_triangle(ax, self._people, self._analysis.triangle,
                                       self._selected,
                                       projected=None if projected is None
                                       else projected.triangle)
            elif self.chart is Chart.BALANCE:
                draw_balance_map(ax, self._people, self._analysis.weights, self._selected)
            else:
                draw_support_influence_grid(ax, self._people, self._analysis.weights,
                                            self._selected)
        else:
            ax.axis("off")
            ax.text(0.5, 0.5, "No people in this deal yet", ha="center", va="center",
                    color="#777777", transform=ax.transAxes)
            if self.chart is Chart.TRIANGLE:  # no stale words of another deal's plan
                self.what_if = None
                self.what_if_text.setText("No people, no plan to project yet.")
        canvas.draw_idle()  # type: ignore[no-untyped-call]
        self.draws += 1

    def _project(self) -> WhatIf | None:
        """The what-if of the deal shown, when the toggle is on (worked out here: a closed
        form over people and actions plus one pass of the red-flag rules), and its words
        under the chart. Imported on first use: start-up need not pay for the review's
        flag matching it shares."""
        from desktop.domain.what_if import what_if
        from desktop.domain.what_if_text import (
            effect_line,
            flags_line,
            more_line,
            projection_line,
        )

        self.what_if = None
        deal, analysis = self._deal, self._analysis
        if not self.what_if_on or deal is None or analysis is None:
            return None
        path = list(analysis.path_to_power) if analysis.path_to_power else None
        self.what_if = what_if(deal, analysis.weights, flags_now=analysis.flags, path=path)
        names = {p.id: p.name for p in deal.people}
        lines = [projection_line(analysis.triangle, self.what_if)]
        flags = flags_line(self.what_if, names)
        if flags:
            lines[0] += f". {flags}"
        effects = self.what_if.effects[:GAINS_SHOWN]
        if effects:
            lines.append("Actions by expected gain (deal axis, 0–10):")
            lines += [f"{n}. {effect_line(e, names)}" for n, e in enumerate(effects, 1)]
            more = more_line(self.what_if, len(effects))
            if more:
                lines.append(more)
        else:
            lines.append("No open action has an intended change: give one in the Plan tab "
                         "(Action details) to see what it would bring.")
        self._what_if_lines = lines
        self._lean_line = "Lean to us if it succeeds: working it out…"
        self._show_what_if_text()
        self._request_lean(deal, self.what_if, analysis.weights)
        return self.what_if

    def _request_lean(self, deal: Deal, result: WhatIf, weights: dict[str, float]) -> None:
        """Today's lean and the projected one, the same seed and day (so they differ by the
        plan alone), worked out in the pool; a newer what-if drops this one."""
        today = date.today()

        def work() -> tuple[WhatIf, LeanEstimate, LeanEstimate]:
            from desktop.domain.lean import lean

            return (result, lean(deal, weights, today=today),
                    lean(result.deal, weights, today=today))

        self.lean_runner.request(work, prepare=_import_lean)

    def _lean_worked_out(self, found: tuple[WhatIf, LeanEstimate, LeanEstimate]) -> None:
        result, now, then = found
        if result is not self.what_if:
            return  # the toggle went off or another deal is shown meanwhile
        self._lean_line = f"Lean to us: {now.text()} today → {then.text()} if it succeeds"
        self._show_what_if_text()

    def _show_what_if_text(self) -> None:
        lines = self._what_if_lines
        self.what_if_text.setText("\n".join([*lines[:1], self._lean_line, *lines[1:]]))


def _import_lean() -> None:
    """Load the lean's module (numpy) in the GUI thread before a worker needs it, as the
    analysis panel does for networkx (see desktop/ui/background.py)."""
    import desktop.domain.lean  # noqa: F401
