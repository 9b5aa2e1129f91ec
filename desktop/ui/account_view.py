"""The account window: one customer company across its deals.

Two tabs: **People × deals** — the account's people down, its deals across, a person's
stance per cell (a double-click opens that deal with that person selected) — and **Org
chart** — the union of the reports-to lines of all its deals, laid out by the compact org
chart. **Print…** writes both to a PDF (the grid paged, the chart on one page).

The window holds an :class:`AccountGrid` value and nothing else of the library: it reads
the grid again when the library changes while it is shown. Built for 10,000 people × 50
deals: a table over a model that answers each paint with a dict lookup, fixed row heights,
and a chart item that paints only the cards in view.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QEvent, QModelIndex, QRectF, QSize, Qt, QTimer, Signal
from PySide6.QtGui import (
    QFont,
    QFontMetrics,
    QHelpEvent,
    QKeyEvent,
    QPainter,
    QShowEvent,
    QWheelEvent,
)
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QGraphicsItem,
    QGraphicsScene,
    QGraphicsView,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QStatusBar,
    QStyleOptionGraphicsItem,
    QTableView,
    QTabWidget,
    QToolTip,
    QVBoxLayout,
    QWidget,
)

from desktop.domain.accounts import AccountGrid
from desktop.domain.changes import ChangeSet
from desktop.domain.manager_conflicts import ManagerConflict
from desktop.domain.wording import plural
from desktop.layout.org_chart import org_chart_layout
from desktop.render.account_chart import AccountChart, account_chart, paint_chart
from desktop.store.errors import NotFound
from desktop.ui.account_grid_model import (
    DEAL_ID_ROLE,
    FIXED_COLUMNS,
    NAME,
    PERSON_ID_ROLE,
    TITLE,
    AccountGridModel,
)
from desktop.ui.account_legend import AccountLegend
from desktop.ui.geometry import fitting
from desktop.ui.session import LibrarySession

ROW_HEIGHT = 22
DEAL_COLUMN_WIDTH = 118
WIDEST_DEAL_COLUMN = 220
WIDEST_TEXT_COLUMN = 260
MEASURED_PEOPLE = 2_000


class ChartItem(QGraphicsItem):
    """The whole org chart as one item: painting walks only the buckets in view."""

    def __init__(self, chart: AccountChart) -> None:
        super().__init__()
        self.chart = chart
        self.setFlag(QGraphicsItem.GraphicsItemFlag.ItemUsesExtendedStyleOption)
        self.name_font = QFont()
        self.name_font.setPixelSize(17)
        self.name_font.setBold(True)
        self.detail_font = QFont()
        self.detail_font.setPixelSize(14)

    def boundingRect(self) -> QRectF:
        return self.chart.bounds

    def paint(self, painter: QPainter, option: QStyleOptionGraphicsItem,
              widget: QWidget | None = None) -> None:
        paint_chart(painter, self.chart, option.exposedRect,
                    name_font=self.name_font, detail_font=self.detail_font)


class ChartView(QGraphicsView):
    """Drag to pan, wheel to zoom under the pointer."""

    def __init__(self) -> None:
        super().__init__()
        self.setScene(QGraphicsScene(self))
        self.setDragMode(QGraphicsView.DragMode.ScrollHandDrag)
        self.setRenderHint(QPainter.RenderHint.Antialiasing)
        self.setTransformationAnchor(QGraphicsView.ViewportAnchor.AnchorUnderMouse)
        self.setViewportUpdateMode(QGraphicsView.ViewportUpdateMode.MinimalViewportUpdate)
        self.item: ChartItem | None = None
        # Called when the tab is first shown (a plain callback: the tab widget's
        # currentChanged also fires while the window is being destroyed).
        self.on_show: Callable[[], None] | None = None

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        if self.on_show is not None:
            self.on_show()

    def show_chart(self, chart: AccountChart) -> None:
        self.scene().clear()
        self.item = ChartItem(chart)
        self.scene().addItem(self.item)
        self.scene().setSceneRect(chart.bounds)
        self.fit()

    def fit(self) -> None:
        """The whole chart in view, or at most life size (a small account is not blown up)."""
        if self.item is None:
            return
        self.fitInView(self.item.chart.bounds, Qt.AspectRatioMode.KeepAspectRatio)
        if self.transform().m11() > 1.0:
            self.resetTransform()

    def wheelEvent(self, event: QWheelEvent) -> None:
        factor = 1.0015 ** event.angleDelta().y()
        self.scale(factor, factor)

    def viewportEvent(self, event: QEvent) -> bool:
        """A card's tooltip: its name, whole title, deals and a conflict of managers."""
        if event.type() == QEvent.Type.ToolTip and self.item is not None \
                and isinstance(event, QHelpEvent):
            at = self.mapToScene(event.pos())
            card = self.item.chart.card_at(at.x(), at.y())
            if card is None:
                QToolTip.hideText()
                event.ignore()
            else:
                QToolTip.showText(event.globalPos(), self.item.chart.tooltip(card),
                                  self.viewport())
            return True
        return super().viewportEvent(event)


class AccountView(QWidget):
    """The account window. ``open_requested(deal id, person id)``: a cell was double-clicked."""

    open_requested = Signal(str, str)
    print_requested = Signal()

    def __init__(self, session: LibrarySession | None = None,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent, Qt.WindowType.Window)
        self.setObjectName("account_view")
        self.session = session
        self.grid: AccountGrid | None = None
        self._chart: AccountChart | None = None
        self.accounts = QComboBox()
        self.accounts.setObjectName("account_choice")
        self.accounts.setMinimumContentsLength(24)
        self.summary = QLabel()
        self.print_button = QPushButton("&Print…")
        self.print_button.setObjectName("print_account")
        self.print_button.clicked.connect(self.print_requested)
        self.model = AccountGridModel()
        self.table = QTableView()
        self.table.setObjectName("account_grid")
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectItems)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setWordWrap(False)
        self.table.setAlternatingRowColors(False)
        rows = self.table.verticalHeader()
        rows.setSectionResizeMode(QHeaderView.ResizeMode.Fixed)  # uniform: no row measured
        rows.setDefaultSectionSize(ROW_HEIGHT)
        rows.hide()
        columns = self.table.horizontalHeader()
        columns.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        columns.setDefaultSectionSize(DEAL_COLUMN_WIDTH)
        columns.setTextElideMode(Qt.TextElideMode.ElideNone)  # deal names wrap instead
        self.table.setHorizontalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
        self.table.doubleClicked.connect(self._double_clicked)
        self.table.activated.connect(self._double_clicked)  # Enter, as the tooltip's click
        self.chart_view = ChartView()
        self.chart_view.setObjectName("account_chart")
        self.tabs = QTabWidget()
        self.tabs.setDocumentMode(True)
        self.tabs.addTab(self.table, "People × deals")
        self.tabs.addTab(self.chart_view, "Org chart")
        self.chart_view.on_show = self._show_chart
        top = QHBoxLayout()
        label = QLabel("&Account:")
        label.setBuddy(self.accounts)
        top.addWidget(label)
        top.addWidget(self.accounts)
        top.addWidget(self.summary, 1)
        top.addWidget(self.print_button)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.tabs)
        self.legend = AccountLegend()  # what a cell says; the chart has no cells
        layout.addWidget(self.legend)
        # Its own status bar: what Print… wrote is said where the seller looks (the main
        # window's, behind this one, said it unseen).
        self.status = QStatusBar()
        self.status.setObjectName("account_status")
        self.status.setSizeGripEnabled(False)
        layout.addWidget(self.status)
        self.tabs.currentChanged.connect(
            lambda index: self.legend.setVisible(self.tabs.widget(index) is self.table))
        self.resize(fitting(self, QSize(1100, 640)))
        self.accounts.activated.connect(self._account_chosen)
        self._reload = QTimer(self)
        self._reload.setSingleShot(True)
        self._reload.setInterval(0)
        self._reload.timeout.connect(self.reload)
        if session is not None:
            session.changed.connect(self._library_changed)
            session.library_opened.connect(self._library_changed)

    # -- what is shown ------------------------------------------------------------------

    def set_grid(self, grid: AccountGrid) -> None:
        """Show ``grid`` (the chart is laid out when its tab is first shown)."""
        self.grid = grid
        self._chart = None
        self.model.set_grid(grid)
        metrics = self.table.fontMetrics()
        sample = grid.people[:MEASURED_PEOPLE]  # a huge account: its first people decide
        for column, texts in ((NAME, [p.name for p in sample]),
                              (TITLE, [p.title for p in sample])):
            widest = max((metrics.horizontalAdvance(t) for t in texts), default=0)
            self.table.setColumnWidth(column, max(140, min(WIDEST_TEXT_COLUMN, widest + 16)))
        self._fit_deal_columns(grid)
        self.summary.setText(f"{plural(len(grid.people), 'person', 'people')} · "
                             f"{plural(len(grid.deals), 'deal')}")
        self.setWindowTitle(f"Account — {grid.account.name}")
        if self.chart_view.isVisible():
            self._show_chart()

    def _fit_deal_columns(self, grid: AccountGrid) -> None:
        """Each deal's column wide enough for its name on two lines (the header is two
        lines tall), between ``DEAL_COLUMN_WIDTH`` and ``WIDEST_DEAL_COLUMN``."""
        header = self.table.horizontalHeader()
        metrics = header.fontMetrics()
        bold = QFont(header.font())
        bold.setBold(True)  # the current column's title is bold: leave it room
        wide = QFontMetrics(bold)
        header.setFixedHeight(2 * max(metrics.lineSpacing(), wide.lineSpacing()) + 10)
        for column, deal in enumerate(grid.deals, start=FIXED_COLUMNS):
            words = deal.name.split()
            halves = (" ".join(words[:cut]) for cut in range(1, len(words) + 1))
            # The widest line of the best cut of the name into two lines.
            best = min((max(wide.horizontalAdvance(first),
                            wide.horizontalAdvance(deal.name[len(first):].strip()))
                        for first in halves), default=0)
            self.table.setColumnWidth(column, max(DEAL_COLUMN_WIDTH,
                                                  min(WIDEST_DEAL_COLUMN, best + 20)))

    def chart(self) -> AccountChart | None:
        """The laid-out org chart of the grid shown (laid out on first use)."""
        if self._chart is None and self.grid is not None:
            grid = self.grid
            places = org_chart_layout([p.id for p in grid.people], grid.reports)
            conflicts: tuple[ManagerConflict, ...] = ()
            if self.session is not None and self.session.is_open:
                from desktop.account_conflicts import read_manager_conflicts

                conflicts = read_manager_conflicts(self.session.library, grid)
            self._chart = account_chart(grid, places, conflicts)
        return self._chart

    def show_account(self, account_id: str) -> None:
        """Read the account from the library and show it, the accounts listed above."""
        assert self.session is not None
        library = self.session.library
        self.accounts.clear()
        for summary in library.accounts():
            self.accounts.addItem(summary.account.name, summary.account.id)
        self.accounts.setCurrentIndex(max(0, self.accounts.findData(account_id)))
        self.set_grid(library.account_grid(account_id))

    def reload(self) -> None:
        if self.session is None or self.grid is None or not self.session.is_open:
            return
        try:
            self.show_account(self.grid.account.id)
        except NotFound:  # the account is gone (its last deal deleted)
            self.close()

    def select_person(self, person_id: str) -> None:
        row = self.model.row_of(person_id)
        if row is not None:
            index = self.model.index(row, 0)
            self.table.setCurrentIndex(index)
            self.table.scrollTo(index, QAbstractItemView.ScrollHint.PositionAtCenter)

    # -- gestures -------------------------------------------------------------------------

    def keyPressEvent(self, event: QKeyEvent) -> None:
        """Escape closes the window, as it closes the portfolio."""
        if event.key() == Qt.Key.Key_Escape:
            self.close()
            return
        super().keyPressEvent(event)

    def _account_chosen(self, index: int) -> None:
        account_id = self.accounts.itemData(index)
        if account_id and (self.grid is None or account_id != self.grid.account.id):
            self.show_account(account_id)

    def _double_clicked(self, index: QModelIndex) -> None:
        deal_id = index.data(DEAL_ID_ROLE)
        person_id = index.data(PERSON_ID_ROLE)
        if index.column() < FIXED_COLUMNS or deal_id is None:
            return
        if self.grid is not None and self.grid.stance(person_id, deal_id) is None:
            return  # blank: not in that deal
        self.open_requested.emit(deal_id, person_id)

    def _show_chart(self) -> None:
        chart = self.chart()
        if chart is not None and (self.chart_view.item is None
                                  or self.chart_view.item.chart is not chart):
            self.chart_view.show_chart(chart)

    def _library_changed(self, _changes: ChangeSet | None = None) -> None:
        if self.isVisible():
            self._reload.start()

    def report(self, sentence: str) -> None:
        """Say what happened in this window (as the main window's ``report_done``)."""
        self.status.showMessage(sentence, 10000)

    def print_to(self, path: Path) -> int:
        """Write the grid and the chart to ``path`` (PDF); return the number of pages."""
        from desktop.render.printing.account import write_account_pdf
        from desktop.render.printing.options import default_paper

        chart = self.chart()
        assert self.grid is not None
        assert chart is not None
        return write_account_pdf(self.grid, chart, path, default_paper())
