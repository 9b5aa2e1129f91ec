"""The analysis panel, three pages: the red flags (each clickable to select the people it
names; the count on the tab), the deal's triangle in figures with the lean, the tipping
point, the path to power and the key people's decision tests, and the questions worth asking
with the consensus.

It runs the analysis itself when the shown deal changes in a way that matters (not when
cards only moved, not for another deal), once per burst of edits, off the GUI thread when
the deal is big enough for it to take longer than a frame (``LatestOnly``), and tells the
map and the charts by ``analysis_shown``.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QItemSelectionModel, QObject, Qt, QTimer, Signal
from PySide6.QtGui import QColor
from PySide6.QtWidgets import (
    QCheckBox,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QScrollArea,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from desktop.domain.analysis import DealAnalysis, analyse
from desktop.domain.changes import ChangeSet
from desktop.domain.deal import Deal
from desktop.domain.decision_test import key_tests, verdict_line
from desktop.domain.enums import Axis
from desktop.domain.red_flags import Severity
from desktop.domain.wording import average_text
from desktop.palette import AXIS_COLOURS, SEVERITY_COLOURS
from desktop.ui.background import LatestOnly
from desktop.ui.panels.outlook_view import OutlookView
from desktop.ui.panels.versus_box import decision_settings
from desktop.ui.session import LibrarySession
from desktop.ui.settings import STALE_CONTACT_DAYS, Settings
from desktop.ui.text import html

PEOPLE_ROLE = Qt.ItemDataRole.UserRole + 1
CODE_ROLE = Qt.ItemDataRole.UserRole + 2  # the rule that raised the flag
SEVERITY_MARKS = {Severity.HIGH: "■■■", Severity.MEDIUM: "■■", Severity.LOW: "■"}


# Up to this many people the analysis takes under a frame and runs in the GUI thread;
# above, in the pool (measured: ~7 ms at 300 people, ~45 ms at 2,000).
IN_THREAD_FROM = 400
# Edits closer together than this are one burst (a slider drag, typing): analysed once, when
# it ends — never in the middle of a gesture, where it would slow every step.
QUIET_MS = 30
KEY_TESTS_SHOWN = 3  # decision-test verdicts listed: the panel stays short


class AnalysisPanel(QWidget):
    people_chosen = Signal(list)  # person ids named by a clicked flag
    path_toggled = Signal(bool)
    analysis_shown = Signal(object)  # DealAnalysis | None, with self.deal its deal

    def __init__(self, session: LibrarySession, settings: Settings,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("analysis_panel")
        self.session = session
        self.settings = settings
        self.deal: Deal | None = None  # the deal the analysis shown is of
        self._flags_of: str | None = None  # the deal whose flags the list shows
        self.analysis: DealAnalysis | None = None
        self.runs = 0  # analyses delivered (tests check coalescing)
        self._painted = False  # nothing is analysed before the window's first paint
        self.runner = LatestOnly(self)
        self.runner.finished.connect(self._analysed)
        self.runner.failed.connect(session.failed)
        session.deal_shown.connect(self.refresh)
        session.changed.connect(self._changed)
        # Three pages: on a 1366 × 768 laptop the panel is about 350 pixels high, and the
        # red flags, the figures and the questions stacked in one scroll area left the flags
        # two lines at the bottom. The flags come first (the seller's to-do list, with their
        # count on the tab); each page scrolls what does not fit instead of cutting it off.
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        self.views = QTabWidget()
        self.views.setObjectName("analysis_views")
        self.views.setDocumentMode(True)
        outer.addWidget(self.views)
        flags_page = QWidget()
        flags_layout = QVBoxLayout(flags_page)
        flags_layout.setContentsMargins(6, 6, 6, 6)
        layout = _scrolling_page(self.views, "Triangle")
        self.summary = QLabel()
        self.summary.setObjectName("analysis_summary")
        self.summary.setWordWrap(True)
        self.summary.setTextFormat(Qt.TextFormat.RichText)
        self.show_path = QCheckBox("Show path to power on the map")
        self.show_path.setObjectName("show_path")
        self.show_path.toggled.connect(self.path_toggled)
        self.flags = QListWidget()
        self.flags.setObjectName("red_flags")
        self.flags.setAccessibleName("Red flags")
        self.flags.setWordWrap(True)
        self.flags.setAlternatingRowColors(True)
        self.flags.itemActivated.connect(self._flag_clicked)
        self.flags.itemClicked.connect(self._flag_clicked)
        self.flags.setMinimumHeight(4 * self.flags.fontMetrics().lineSpacing() + 8)
        heading = QLabel("<b>Red flags</b> — click one to select its people")
        # The lean, the questions worth asking and the consensus: worked out in the pool
        # once the analysis is shown (a Monte Carlo run), a click on a question selects.
        self.outlook = OutlookView()
        self.outlook.people_chosen.connect(self.people_chosen)
        self.analysis_shown.connect(lambda analysis: self.outlook.analysed(self.deal, analysis))
        layout.addWidget(self.summary)
        layout.addWidget(self.outlook.lean_row)
        # The key people's decision tests against their alternative (the inspector has each).
        self.decisions = QLabel()
        self.decisions.setObjectName("decision_tests")
        self.decisions.setWordWrap(True)
        self.decisions.setTextFormat(Qt.TextFormat.RichText)
        self.decisions.hide()
        layout.addWidget(self.decisions)
        layout.addWidget(self.show_path)
        layout.addStretch(1)
        flags_layout.addWidget(heading)
        flags_layout.addWidget(self.flags, 1)
        self.views.insertTab(0, flags_page, "Red flags")
        self.views.setTabToolTip(0, "What stands in the deal's way: click a flag to select "
                                    "its people, right-click (or Shift+F10) to comment")
        self.views.setTabToolTip(1, "The deal triangle, the lean to us, the decision tests")
        questions = _scrolling_page(self.views, "Questions")
        questions.addWidget(self.outlook)
        questions.addStretch(1)
        self.views.setTabToolTip(2, "The questions worth asking, the consensus and the shared "
                                    "outcome")
        self.views.setCurrentIndex(0)
        self.views.tabBar().installEventFilter(self)
        self.show_analysis(None, None)

    def _changed(self, changes: ChangeSet) -> None:
        deal = self.session.deal
        if deal is None:
            if self.deal is not None:
                self.refresh()
        elif changes.touches_deal(deal.id) and not changes.positions_only:
            self.refresh()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        """The tab bar's first paint starts the first analysis: the window is on screen. (The
        panel itself is never painted: its tabs cover it; the bar shows whichever page is.)"""
        if event.type() is QEvent.Type.Paint and not self._painted:
            self._painted = True
            QTimer.singleShot(0, self.refresh)
        return super().eventFilter(watched, event)

    def refresh(self) -> None:
        """Analyse the shown deal again (coalesced with other requests of this moment)."""
        if not self._painted:
            return  # the first paint comes first; it starts the analysis
        deal = self.session.deal
        if deal is None or not deal.people:
            self.runner.cancel()
            self._analysed((deal, None))
            return
        if self.deal is None or self.deal.id != deal.id:  # not the old deal's figures
            self.flags.clear()
            self.summary.setText("<i>Analysing…</i>")
            self.show_path.setEnabled(False)
        stale_days = self.settings.get(STALE_CONTACT_DAYS)
        decision = decision_settings(self.settings)
        self.runner.request(lambda: (deal, analyse(deal, stale_days=stale_days,
                                                   decision=decision)),
                            in_thread=len(deal.people) >= IN_THREAD_FROM,
                            prepare=_import_compiled_modules, quiet_ms=QUIET_MS)

    def _analysed(self, result: tuple[Deal | None, DealAnalysis | None]) -> None:
        self.deal, self.analysis = result
        self.runs += 1
        self.show_analysis(self.deal, self.analysis)
        self.analysis_shown.emit(self.analysis)

    def show_analysis(self, deal: Deal | None, analysis: DealAnalysis | None) -> None:
        # The same deal analysed again after an edit: the flag the seller was on stays
        # current and the list stays where it was scrolled (it jumped to the top).
        same_deal = deal is not None and deal.id == self._flags_of
        current = self.flags.currentItem()
        was_on = None if current is None else (current.data(CODE_ROLE),
                                               current.data(PEOPLE_ROLE))
        scrolled = self.flags.verticalScrollBar().value()
        self._flags_of = None if deal is None else deal.id
        self.flags.clear()
        if deal is None or analysis is None or not deal.people:
            self.summary.setText("<i>No deal is open.</i>" if deal is None else
                                 "<i>No analysis: the deal has no people yet.</i>")
            self.views.setTabText(0, "Red flags")
            self.decisions.hide()
            self.show_path.setEnabled(False)
            return
        names = {p.id: p.name for p in deal.people}
        rows = []
        for axis in Axis:
            result = analysis.triangle[axis]
            value = "unknown" if result.value is None else f"<b>{average_text(result.value)}</b>"
            rows.append(f"<span style='color:{AXIS_COLOURS[axis]}'>●</span> {axis.label}: "
                        f"{value} <span style='color:#666'>on {result.coverage:.0%} "
                        "of influence</span>")
        text = "<b>Deal triangle</b> (influence-weighted)<br>" + "<br>".join(rows)
        tip = analysis.tipping_point
        if tip is not None:
            text += (f"<br><br><b>Tipping point:</b> {html(names[tip.person])} — a personal "
                     f"win of 10 would lift the deal's personal win by +{tip.gain:.1f}")
        path = analysis.path_to_power
        if path:
            text += "<br><b>Path to power:</b> " + " → ".join(html(names[i]) for i in path)
        else:
            text += "<br><b>Path to power:</b> <i>none found</i>"
        self.summary.setText(text)
        decisions = decision_text(deal, analysis)
        self.decisions.setText(decisions)
        self.decisions.setVisible(bool(decisions))
        self.show_path.setEnabled(bool(path))
        for flag in analysis.flags:
            item = QListWidgetItem(f"{SEVERITY_MARKS[flag.severity]}  {flag.message}")
            item.setForeground(QColor(SEVERITY_COLOURS[flag.severity]))
            item.setData(PEOPLE_ROLE, list(flag.people))
            item.setData(CODE_ROLE, flag.code)
            item.setToolTip(f"{flag.severity.value.capitalize()} severity — click to select "
                            "its people; right-click to comment")
            self.flags.addItem(item)
        if not analysis.flags:
            self.flags.addItem(QListWidgetItem("No red flags."))
        high = sum(1 for flag in analysis.flags if flag.severity is Severity.HIGH)
        self.views.setTabText(0, f"Red flags ({len(analysis.flags)}"
                                 f"{f', {high} high' if high else ''})")
        if same_deal:
            self._keep_place(was_on, scrolled)

    def _keep_place(self, was_on: tuple[object, object] | None, scrolled: int) -> None:
        """Put the current flag back on the same flag (its rule and people; else the same
        rule), without selecting anyone, and the scroll where it was."""
        rows = [(self.flags.item(r).data(CODE_ROLE), self.flags.item(r).data(PEOPLE_ROLE))
                for r in range(self.flags.count())]
        if was_on is not None:
            row = rows.index(was_on) if was_on in rows else next(
                (r for r, (code, _people) in enumerate(rows) if code == was_on[0]), -1)
            if row >= 0:
                self.flags.setCurrentRow(row, QItemSelectionModel.SelectionFlag.NoUpdate)
        self.flags.verticalScrollBar().setValue(scrolled)

    def _flag_clicked(self, item: QListWidgetItem) -> None:
        people = item.data(PEOPLE_ROLE)
        if people:
            self.people_chosen.emit(list(people))


def _scrolling_page(tabs: QTabWidget, title: str) -> QVBoxLayout:
    """A tab whose content scrolls up and down (never sideways: text wraps), its layout."""
    scroller = QScrollArea()
    scroller.setWidgetResizable(True)
    scroller.setFrameShape(QScrollArea.Shape.NoFrame)
    scroller.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
    content = QWidget()
    scroller.setWidget(content)
    tabs.addTab(scroller, title)
    layout = QVBoxLayout(content)
    layout.setContentsMargins(6, 6, 6, 6)
    return layout


def decision_text(deal: Deal, analysis: DealAnalysis) -> str:
    """The decision tests of the key people, three at most (the inspector has each one)."""
    tests = key_tests(deal, analysis.decision_tests, analysis.weights)
    if not tests:
        return ""
    lines = [html(verdict_line(deal, t)) for t in tests[:KEY_TESTS_SHOWN]]
    more = len(tests) - KEY_TESTS_SHOWN
    if more > 0:
        lines.append(f"<i>… and {more} more: see each person's inspector</i>")
    return "<b>Decision test</b> (key people)<br>" + "<br>".join(lines)


def _import_compiled_modules() -> None:
    """networkx's PageRank loads numpy and scipy: load them here, in the GUI thread, before a
    worker needs them (see desktop/ui/background.py)."""
    import networkx  # noqa: F401
    import scipy.sparse  # noqa: F401
