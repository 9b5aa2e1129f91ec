"""The lean with its interval as a small bar (``lean_row``, under the analysis panel's
triangle), the three questions worth asking (a click selects the person) and the consensus
(the view itself, under the red flags — which keep their five rows at 1366×768).

The figures take a Monte Carlo run (a few ms for a demo deal, ~150 ms at 300 people), so
they are always worked out in the pool after the analysis is shown, the latest request
only (``LatestOnly``): an edit made meanwhile drops the stale result, and another deal's
figures never show under this one's name.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date
from typing import TYPE_CHECKING

from PySide6.QtCore import QRectF, QSize, Qt, Signal
from PySide6.QtGui import QColor, QPainter, QPaintEvent, QPen
from PySide6.QtWidgets import (
    QAbstractItemView,
    QFrame,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QVBoxLayout,
    QWidget,
)

from desktop.domain.analysis import DealAnalysis
from desktop.domain.deal import Deal
from desktop.domain.enums import Support
from desktop.palette import INK, MUTED_INK, SUPPORT_COLOURS
from desktop.ui.background import LatestOnly
from desktop.ui.text import html

# The figures follow once the seller pauses: the Monte Carlo of a 2,000-person deal takes
# ~0.4 s of a core, and run after every key of a burst it slowed the next edits' paints
# (benchmarks/edit_painted.py: 2,000 people painted in ~30 ms instead of ~10).
QUIET_MS = 400

if TYPE_CHECKING:  # numpy, loaded with the lean, is imported on first use, after the first
    # paint: importing it with the window cost start-up ~0.17 s (benchmarks/startup.py)
    from desktop.domain.lean import LeanEstimate
    from desktop.domain.outlook import Outlook

PERSON_ROLE = Qt.ItemDataRole.UserRole + 1
SHOWN_QUESTIONS = 3


class LeanBar(QWidget):
    """0–100 % as a thin track: the interval filled (blue when it leans to us, orange
    against), the value a dark tick, the middle (50 %) a faint mark."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("lean_bar")
        self.setAccessibleName("Lean to us")
        self.estimate: LeanEstimate | None = None
        self.setMinimumHeight(14)

    def sizeHint(self) -> QSize:
        return QSize(160, 14)

    def show_estimate(self, estimate: LeanEstimate | None) -> None:
        self.estimate = estimate
        self.setToolTip("" if estimate is None else
                        f"Leans to us {estimate.text()}: the bar is 0–100 %, the filled part "
                        "the range our evidence allows, the tick the middle estimate")
        self.update()

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        track = QRectF(1.0, 3.0, self.width() - 2.0, self.height() - 6.0)
        painter.setPen(QPen(QColor("#B0B0B0"), 1.0))
        painter.setBrush(QColor("#F2F2F2"))
        painter.drawRoundedRect(track, 3.0, 3.0)
        middle = track.left() + track.width() / 2
        painter.drawLine(int(middle), int(track.top()), int(middle), int(track.bottom()))
        estimate = self.estimate
        if estimate is None:
            return

        def at(percent: float) -> float:
            return track.left() + track.width() * max(0.0, min(100.0, percent)) / 100.0

        colour = SUPPORT_COLOURS[Support.SUPPORTER if estimate.value >= 50.0
                                 else Support.OPPONENT]
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(QColor(colour))
        painter.drawRoundedRect(QRectF(at(estimate.low), track.top(),
                                       max(2.0, at(estimate.high) - at(estimate.low)),
                                       track.height()), 3.0, 3.0)
        painter.setPen(QPen(QColor(INK), 2.0))
        x = at(estimate.value)
        painter.drawLine(int(x), 0, int(x), self.height())


class OutlookView(QWidget):
    people_chosen = Signal(list)  # the person a clicked question is about
    shown = Signal(object)  # Outlook | None, once on screen (tests wait for it)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("outlook")
        self.deal: Deal | None = None  # the deal the figures shown are of
        self.outlook: Outlook | None = None
        self.runner = LatestOnly(self)
        self.runner.finished.connect(self._worked_out)
        # The lean's line: its own widget, which the panel places under the triangle.
        self.lean_row = QWidget()
        row = QHBoxLayout(self.lean_row)
        row.setContentsMargins(0, 2, 0, 2)
        self.lean_text = QLabel()
        self.lean_text.setObjectName("lean_text")
        self.lean_text.setTextFormat(Qt.TextFormat.RichText)
        self.bar = LeanBar()
        row.addWidget(self.lean_text)
        row.addWidget(self.bar, 1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 4, 0, 0)
        layout.setSpacing(2)
        self.ask_heading = QLabel("<b>Ask next</b> — narrows the lean's range most; click "
                                  "to select")
        self.ask_heading.setWordWrap(True)
        self.questions = QListWidget()
        self.questions.setObjectName("questions")
        self.questions.setAccessibleName("Questions worth asking")
        self.questions.setFrameShape(QFrame.Shape.NoFrame)
        self.questions.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.questions.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.questions.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.questions.setWordWrap(True)
        self.questions.itemClicked.connect(self._question_clicked)
        self.questions.itemActivated.connect(self._question_clicked)
        self.consensus_text = QLabel()
        self.consensus_text.setObjectName("consensus_text")
        self.consensus_text.setTextFormat(Qt.TextFormat.RichText)
        self.consensus_text.setWordWrap(True)
        self.consensus_text.setToolTip(
            "How far the key people (the heaviest, holding half the influence) agree: 1 when "
            "their triangles are the same, lower when they score apart, care most about "
            "different things or are in conflict. The shared outcome is the axis every key "
            "person scores 7 or more.")
        for widget in (self.ask_heading, self.questions, self.consensus_text):
            layout.addWidget(widget)
        layout.addStretch(1)
        # The same height whatever the figures say: the red flags above share the panel with
        # this view, and a list that changed height whenever new figures arrived would lose
        # the seller's place in it. Three question rows and five lines of consensus (the
        # index, a conflict, the one-sided asks: two names and a count).
        line = self.fontMetrics().lineSpacing()
        self.ask_heading.setFixedHeight(2 * line + 2)
        self.questions.setFixedHeight(SHOWN_QUESTIONS * (line + 4) + 2)
        self.consensus_text.setFixedHeight(5 * line + 2)
        self.consensus_text.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
        self._show(None, None)

    def analysed(self, deal: Deal | None, analysis: DealAnalysis | None) -> None:
        """Work the figures out for the analysis just shown (in the pool; a newer request
        replaces this one)."""
        if deal is None or analysis is None or not deal.people:
            self.runner.cancel()
            self._worked_out((deal, None))
            return
        if self.deal is None or self.deal.id != deal.id:
            self.lean_text.setText("<b>Lean to us:</b> <i>working out…</i>")
            self.bar.show_estimate(None)
            self.questions.clear()
            self.consensus_text.clear()
        weights = dict(analysis.weights)
        today = date.today()
        self.runner.request(lambda: (deal, _outlook(deal, weights, today)),
                            prepare=_import_outlook, quiet_ms=QUIET_MS)

    def _worked_out(self, result: tuple[Deal | None, Outlook | None]) -> None:
        self.deal, self.outlook = result
        self._show(self.deal, self.outlook)
        self.shown.emit(self.outlook)

    def _show(self, deal: Deal | None, figures: Outlook | None) -> None:
        # Nothing is ever hidden: the view keeps its height from the first paint on, so the
        # red flags above do not move when the figures arrive.
        self.questions.clear()
        if deal is None or figures is None:
            self.lean_text.setText("<b>Lean to us:</b> —")
            self.bar.show_estimate(None)
            self.consensus_text.setText("<b>Consensus:</b> —")
            return
        names = {p.id: p.name for p in deal.people}
        lean = figures.lean
        self.lean_text.setText(
            "<b>Lean to us:</b> <i>nobody carries weight yet</i>" if lean is None else
            f"<b>Lean to us:</b> {lean.value:.0f} % <span style='color:{MUTED_INK}'>"
            f"({lean.low:.0f}–{lean.high:.0f} %)</span>")
        self.bar.show_estimate(lean)
        shown = figures.questions[:SHOWN_QUESTIONS]
        for question in shown:
            name = names.get(question.person, "?")
            item = QListWidgetItem(f"{name} — {question.axis.label.lower()} "
                                   f"(−{question.points()})")
            item.setData(PERSON_ROLE, question.person)
            item.setToolTip(f"{question.text(name)}: hearing it from them directly would "
                            "narrow the lean's range by that much — click to select them")
            self.questions.addItem(item)
        if not shown:
            self.questions.addItem(QListWidgetItem("Nothing to ask: every score was heard "
                                                   "directly, and lately."))
        agreement = figures.consensus
        shared = agreement.shared_axis
        text = f"<b>Consensus:</b> {agreement.index:.2f} of 1"
        text += (f" · <b>shared outcome:</b> {html(shared.label.lower())}" if shared else
                 f" · <b>shared outcome:</b> <span style='color:{MUTED_INK}'>none</span>")
        if agreement.conflicts:
            a, b = agreement.conflicts[0]
            text += (f"<br><span style='color:{MUTED_INK}'>Conflict between "
                     f"{html(names.get(a, '?'))} and {html(names.get(b, '?'))}</span>")
        one_sided = [names[p] for p in agreement.one_sided if p in names]
        if one_sided:
            listed = ", ".join(html(n) for n in one_sided[:2])
            more = f" and {len(one_sided) - 2} more" if len(one_sided) > 2 else ""
            text += (f"<br><b>One-sided asks:</b> {listed}{more} <span style='color:"
                     f"{MUTED_INK}'>— we need something, their win is unknown or 3 or "
                     "less</span>")
        self.consensus_text.setText(text)

    def _question_clicked(self, item: QListWidgetItem) -> None:
        person = item.data(PERSON_ROLE)
        if person:
            self.people_chosen.emit([person])


def _import_outlook() -> None:
    """numpy (with the lean) is imported in the GUI thread, before a worker needs it (see
    desktop/ui/background.py), and only once a deal is analysed — never at start-up."""
    import desktop.domain.outlook  # noqa: F401


def _outlook(deal: Deal, weights: Mapping[str, float], today: date) -> Outlook:
    from desktop.domain.outlook import outlook

    return outlook(deal, weights, today=today)
