"""View ▸ Portfolio: every open deal as a small multiple, riskiest first — the same cells
as the one-page print (``desktop/render/portfolio_cells.py``) in a scrolling window, with
the account and stage to look at. Clicking a deal opens it in the main window.

Each deal's figures come from the library's cache (``deal_figures``) when it has them; the
deals it does not — changed since, or never worked out — are read and analysed a slice at a
time between frames (1,000 of them take seconds, and the window must keep answering
meanwhile). The standings are kept, and an edit reads again only the deals its change set
names.

Made when the user first asks for it, never at start-up.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, datetime
from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, QPointF, QRectF, QSize, Qt, QTimer, Signal
from PySide6.QtGui import (
    QAction,
    QFocusEvent,
    QHelpEvent,
    QKeyEvent,
    QMouseEvent,
    QPainter,
    QPaintEvent,
    QResizeEvent,
    QShowEvent,
)
from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QLabel,
    QScrollArea,
    QToolTip,
    QVBoxLayout,
    QWidget,
)

from desktop.domain.changes import ChangeSet
from desktop.domain.enums import SUGGESTED_STAGES
from desktop.domain.portfolio import DealFigures, DealStanding, chosen, is_open_stage, standing_on
from desktop.domain.wording import plural
from desktop.portfolio_reading import kept_figures, work_out
from desktop.render.portfolio_cells import RISK_HIGH, Grid, paint_cells
from desktop.store.errors import StoreError
from desktop.store.summaries import DealSummary
from desktop.ui.geometry import fitting

if TYPE_CHECKING:
    from desktop.ui.main_window import MainWindow
    from desktop.ui.session import LibrarySession

CELL_WIDTH = 300.0  # pixels
CELL_HEIGHT = 116.0
GAP = 8.0
SLICE_SECONDS = 0.03  # reading between frames: the window stays answering
ALL_ACCOUNTS = "All accounts"
ALL_STAGES = "All open stages"
SHORTCUT = "Ctrl+Shift+D"


class PortfolioCanvas(QWidget):
    """The cells, as tall as they need; only the cells in view are painted."""

    chosen = Signal(str)  # a deal id
    current_moved = Signal(QRectF)  # the keyboard's cell: to be scrolled into view

    def __init__(self) -> None:
        super().__init__()
        self.setObjectName("portfolio_canvas")
        self.setAccessibleName("Open deals by risk")
        self.setMouseTracking(True)
        self.setCursor(Qt.CursorShape.PointingHandCursor)
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.standings: list[DealStanding] = []
        self.current = 0  # the cell the arrow keys move and Enter opens
        self.grid = Grid(1, CELL_WIDTH, CELL_HEIGHT, GAP, GAP, GAP)

    def show_standings(self, standings: Sequence[DealStanding]) -> None:
        self.standings = list(standings)
        self.current = min(self.current, max(0, len(self.standings) - 1))
        self._lay_out(self.width())
        self.update()

    def cell_rect(self, deal_id: str) -> QRectF:
        """Where ``deal_id``'s cell is (empty when it is not shown)."""
        for index, item in enumerate(self.standings):
            if item.deal_id == deal_id:
                return self.grid.rect(index)
        return QRectF()

    def _lay_out(self, width: int) -> None:
        """As many columns as cells at least CELL_WIDTH wide fit; they share the width."""
        columns = max(1, int((width - GAP) // (CELL_WIDTH + GAP)))
        cell = max(CELL_WIDTH, (width - GAP) / columns - GAP)
        self.grid = Grid(columns, min(cell, CELL_WIDTH * 1.25), CELL_HEIGHT, GAP, GAP, GAP)
        rows = self.grid.rows(len(self.standings))
        self.setMinimumHeight(int(GAP + rows * (CELL_HEIGHT + GAP)))

    def resizeEvent(self, event: QResizeEvent) -> None:
        self._lay_out(event.size().width())
        super().resizeEvent(event)

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        painter.fillRect(event.rect(), self.palette().window())
        focused = self.standings[self.current].deal_id \
            if self.hasFocus() and self.standings else None
        paint_cells(painter, self.grid, self.standings, base=self.font(),
                    visible=QRectF(event.rect()), selected=focused)
        painter.end()

    def keyPressEvent(self, event: QKeyEvent) -> None:
        """Arrows move between deals (Home, End: the first, the last); Enter or Space
        opens the deal, as a click does."""
        count = len(self.standings)
        key = event.key()
        if count and key in (Qt.Key.Key_Return, Qt.Key.Key_Enter, Qt.Key.Key_Space):
            self.chosen.emit(self.standings[self.current].deal_id)
            return
        moves = {Qt.Key.Key_Left: -1, Qt.Key.Key_Right: 1, Qt.Key.Key_Up: -self.grid.columns,
                 Qt.Key.Key_Down: self.grid.columns}
        if count and (key in moves or key in (Qt.Key.Key_Home, Qt.Key.Key_End)):
            target = 0 if key == Qt.Key.Key_Home else count - 1 if key == Qt.Key.Key_End \
                else self.current + moves[Qt.Key(key)]
            self.current = max(0, min(count - 1, target))
            self.current_moved.emit(self.grid.rect(self.current))
            self.update()
            return
        super().keyPressEvent(event)

    def focusInEvent(self, event: QFocusEvent) -> None:
        super().focusInEvent(event)
        self.update()

    def focusOutEvent(self, event: QFocusEvent) -> None:
        super().focusOutEvent(event)
        self.update()

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:
        if event.button() is Qt.MouseButton.LeftButton:
            index = self.grid.index_at(event.position(), len(self.standings))
            if index is not None:
                self.current = index
                self.chosen.emit(self.standings[index].deal_id)
                return
        super().mouseReleaseEvent(event)

    def event(self, event: QEvent) -> bool:
        if event.type() is QEvent.Type.ToolTip and isinstance(event, QHelpEvent):
            index = self.grid.index_at(QPointF(event.pos()), len(self.standings))
            if index is None:
                QToolTip.hideText()
            else:
                QToolTip.showText(event.globalPos(), risk_tip(self.standings[index]), self)
            return True
        return super().event(event)


def risk_tip(item: DealStanding) -> str:
    """How the risk adds up, term by term (docs/portfolio.md has the why)."""
    terms = item.terms
    parts = [("high red flags", terms.flags), ("no recent key contact", terms.silence),
             ("overdue actions", terms.overdue), ("low coverage", terms.coverage),
             ("weak triangle", terms.triangle), ("closing without backing", terms.closing)]
    lines = [f"{item.name}: risk {item.risk} of 100"]
    lines += [f"  {points:4.1f}  {words}" for words, points in parts if points >= 0.05]
    return "\n".join(lines) + "\nClick to open the deal."


class PortfolioWindow(QWidget):
    """The page: a summary line, the account and stage choices, and the cells."""

    def __init__(self, session: LibrarySession, parent: QWidget | None = None) -> None:
        super().__init__(parent, Qt.WindowType.Window)
        self.setObjectName("portfolio_window")
        self.setWindowTitle("Portfolio — open deals by risk")
        self.resize(fitting(self, QSize(1280, 760)))  # within a 1366 × 768 screen
        self.session = session
        self.today = date.today()
        self.standings: dict[str, DealStanding] = {}
        self._stale: set[str] | None = None  # None: every deal must be read
        self._read_at: dict[str, datetime] = {}  # each deal's updated_at when it was read
        self._queue: list[str] = []  # deals to read whole, last first
        self._headings: dict[str, DealSummary] = {}  # each deal's line of the deal list
        self.summary = QLabel()
        self.summary.setObjectName("portfolio_summary")
        self.account = QComboBox()
        self.account.setObjectName("portfolio_account")
        self.account.setAccessibleName("Account")
        self.stage = QComboBox()
        self.stage.setObjectName("portfolio_stage")
        self.stage.setAccessibleName("Stage")
        for combo in (self.account, self.stage):
            combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
            combo.currentIndexChanged.connect(self._show)
        self.canvas = PortfolioCanvas()
        self.canvas.chosen.connect(self._open)
        self.scroller = QScrollArea()
        self.scroller.setWidgetResizable(True)
        self.scroller.setWidget(self.canvas)
        self.canvas.current_moved.connect(self._scroll_to)
        self.scroller.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # Tab goes to the deals
        bar = QHBoxLayout()
        bar.addWidget(self.summary, 1)
        for caption, combo in (("&Account:", self.account), ("&Stage:", self.stage)):
            label = QLabel(caption)
            label.setBuddy(combo)
            bar.addWidget(label)
            bar.addWidget(combo)
        layout = QVBoxLayout(self)
        layout.addLayout(bar)
        layout.addWidget(self.scroller, 1)
        QWidget.setTabOrder(self.account, self.stage)
        QWidget.setTabOrder(self.stage, self.canvas)
        self._timer = QTimer(self)
        self._timer.setInterval(0)
        self._timer.timeout.connect(self._read_slice)
        session.changed.connect(self._changed)
        session.library_opened.connect(self._library_opened)

    # -- reading ----------------------------------------------------------------------------

    def refresh(self) -> None:
        """Read what is stale: everything the first time (or on another day), then the
        deals edits have named, and any deal whose ``updated_at`` moved since it was read
        (another program's write, a person shared with an edited deal)."""
        if not self.session.is_open:
            return
        if date.today() != self.today:
            self.today, self._stale = date.today(), None
        try:  # closed deals are not read at all: the list says their stage
            summaries = [s for s in self.session.library.list_deals()
                         if is_open_stage(s.stage)]
        except StoreError as error:
            self.summary.setText(str(error))
            return
        present = {s.id: s.updated_at for s in summaries}
        for gone in set(self.standings) - set(present):
            del self.standings[gone]
        stale = self._stale
        wanted = {i: at for i, at in present.items()
                  if stale is None or i in stale or i not in self.standings
                  or self._read_at.get(i) != at}
        self._stale = set()
        self._headings.update({s.id: s for s in summaries if s.id in wanted})
        try:  # what the library keeps is shown at once; only the rest is read whole
            kept = kept_figures(self.session.library) if wanted else {}
        except StoreError as error:
            self.summary.setText(str(error))
            return
        for deal_id in [i for i in wanted if i in kept]:
            self.standings[deal_id] = standing_on(self._headings[deal_id], kept[deal_id],
                                                  self.today)
            self._read_at[deal_id] = wanted.pop(deal_id)
        self._queue = list(wanted)
        if self._queue:
            self._timer.start()
        self._show()

    def finish_reading(self) -> None:
        """Read everything queued now, without waiting for frames (the benchmark)."""
        while self._queue:
            self._read_slice(budget=float("inf"))

    def _read_slice(self, budget: float = SLICE_SECONDS) -> None:
        if not self.session.is_open:  # the library was closed meanwhile
            self._queue.clear()
            self._timer.stop()
            return
        figures: dict[str, DealFigures] = {}
        try:
            gone = work_out(self.session.library, self._queue, self.today, figures,
                            budget=budget)
        except StoreError as error:  # the file went away or is damaged: say so, stop
            self._queue.clear()
            self._timer.stop()
            self._show()
            self.summary.setText(str(error))
            return
        for deal_id in gone:
            self.standings.pop(deal_id, None)
        for deal_id, made in figures.items():
            heading = self._headings[deal_id]
            self.standings[deal_id] = standing_on(heading, made, self.today)
            self._read_at[deal_id] = heading.updated_at
        if not self._queue:
            self._timer.stop()
        self._show()  # as they come: the riskiest of those read so far first

    @property
    def reading(self) -> bool:
        return bool(self._queue)

    def _changed(self, changes: ChangeSet) -> None:
        # Another program's write (``unknown``) touches the deals it changes: the
        # updated_at check of ``refresh`` finds them without reading every deal again.
        if self._stale is not None:
            self._stale |= changes.deals | changes.deals_added | changes.contents \
                | changes.plans
            for gone in changes.deals_removed:
                self.standings.pop(gone, None)
        if self.isVisible():
            self.refresh()

    def _library_opened(self) -> None:
        self.standings.clear()
        self._read_at.clear()
        self._headings.clear()
        self._stale = None
        if self.isVisible():
            self.refresh()

    # -- showing ----------------------------------------------------------------------------

    def _show(self) -> None:
        self._fill_choices()
        account = self.account.currentText() if self.account.currentIndex() > 0 else None
        stage = self.stage.currentText() if self.stage.currentIndex() > 0 else None
        shown = chosen(self.standings.values(), account=account, stage=stage)
        self.canvas.show_standings(shown)
        at_risk = sum(1 for s in shown if s.risk >= RISK_HIGH)
        if self._queue:
            self.summary.setText(f"Reading the deals … {len(self.standings):,} read, "
                                 f"{len(self._queue):,} to go; the riskiest so far first")
            return
        self.summary.setText(
            f"{plural(len(shown), 'open deal')}, riskiest first · {at_risk:,} at high risk "
            f"({RISK_HIGH}+) · hover over a deal for how its risk adds up, click to open it")

    def _fill_choices(self) -> None:
        open_deals = [s for s in self.standings.values() if s.is_open]
        accounts = sorted({s.account for s in open_deals if s.account}, key=str.casefold)
        present = {s.stage for s in open_deals if s.stage}
        stages = [s for s in SUGGESTED_STAGES if s in present and is_open_stage(s)]
        stages += sorted(present - set(stages), key=str.casefold)
        for combo, first, items in ((self.account, ALL_ACCOUNTS, accounts),
                                    (self.stage, ALL_STAGES, stages)):
            wanted = [first, *items]
            if [combo.itemText(i) for i in range(combo.count())] == wanted:
                continue
            current = combo.currentText()
            combo.blockSignals(True)
            combo.clear()
            combo.addItems(wanted)
            combo.setCurrentIndex(max(0, combo.findText(current)))
            combo.blockSignals(False)

    def _scroll_to(self, rect: QRectF) -> None:
        centre = rect.center()
        self.scroller.ensureVisible(int(centre.x()), int(centre.y()),
                                    int(rect.width() / 2 + GAP), int(rect.height() / 2 + GAP))

    def _open(self, deal_id: str) -> None:
        self.session.show_deal(deal_id)
        self.hide()
        owner = self.parentWidget()
        if owner is not None:
            owner.raise_()
            owner.activateWindow()

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        self.refresh()

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() == Qt.Key.Key_Escape:
            self.hide()
            return
        super().keyPressEvent(event)


class PortfolioOpener:
    """View ▸ Portfolio: the action, and the page made on first use."""

    def __init__(self, window: MainWindow) -> None:
        self.window = window
        self.page: PortfolioWindow | None = None
        self.action = QAction("Po&rtfolio", window)
        self.action.setShortcut(SHORTCUT)
        self.action.setToolTip("Every open deal at a glance, riskiest first")
        self.action.triggered.connect(self.show)
        window.addAction(self.action)
        view = window.menus[3]
        view.addSeparator()
        view.addAction(self.action)

    def show(self) -> PortfolioWindow:
        if self.page is None:
            self.page = PortfolioWindow(self.window.session, self.window)
        self.page.show()
        self.page.raise_()
        self.page.activateWindow()
        return self.page
