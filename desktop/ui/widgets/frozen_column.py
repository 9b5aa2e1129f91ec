"""A table's first column kept in view while the table scrolls sideways (Qt's "Frozen
Column" example): the people table is wider than a laptop's window, and scrolled right to read
the next actions it showed rows of dates and scores with nobody's name on them.

The frozen column is a second view over the same model and the same selection, laid over the
table's left edge only while the table is scrolled sideways: at rest the table's own column is
what the seller clicks. A click on a frozen name selects that person's row as in the table; a
click on its header sorts the table; its context menu is the table's; the keyboard stays with
the table.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QEvent, QObject, QPoint, Qt, Signal
from PySide6.QtGui import QMouseEvent
from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QTableView


class _FrozenView(QTableView):
    """The frozen names. A click on one makes it the table's current cell, and the table
    would scroll back to show it — away from the columns the seller scrolled to read."""

    def __init__(self, table: QTableView) -> None:
        super().__init__(table)
        self.table = table

    def _still(self, event: QMouseEvent, handle: Callable[[QMouseEvent], None]) -> None:
        scrolled = self.table.hasAutoScroll()
        self.table.setAutoScroll(False)
        try:
            handle(event)
        finally:
            self.table.setAutoScroll(scrolled)

    def mousePressEvent(self, event: QMouseEvent) -> None:
        self._still(event, super().mousePressEvent)

    def mouseMoveEvent(self, event: QMouseEvent) -> None:
        self._still(event, super().mouseMoveEvent)

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:
        self._still(event, super().mouseReleaseEvent)


class FrozenColumn(QObject):
    """Keeps ``column`` (shown first) of ``table`` in view while the table scrolls sideways."""

    menu_requested = Signal(QPoint)  # global position, as the table's own context menu

    def __init__(self, table: QTableView, column: int) -> None:
        super().__init__(table)
        self.table, self.column = table, column
        view = _FrozenView(table)
        view.setObjectName(f"{table.objectName()}_frozen")
        view.setAccessibleName(f"{table.accessibleName()}: names")
        view.setModel(table.model())
        view.setSelectionModel(table.selectionModel())
        view.setSelectionBehavior(table.selectionBehavior())
        view.setSelectionMode(table.selectionMode())
        view.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        view.setAlternatingRowColors(table.alternatingRowColors())
        view.setWordWrap(table.wordWrap())
        view.verticalHeader().hide()
        view.verticalHeader().setDefaultSectionSize(table.verticalHeader().defaultSectionSize())
        view.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        view.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        view.setVerticalScrollMode(table.verticalScrollMode())
        view.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        view.horizontalHeader().setSortIndicatorShown(True)
        view.horizontalHeader().sectionClicked.connect(self._sort)
        view.setStyleSheet("QTableView { border: none; border-right: 1px solid palette(mid); }")
        view.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        view.customContextMenuRequested.connect(
            lambda pos: self.menu_requested.emit(view.viewport().mapToGlobal(pos)))
        self.view = view
        self._heights_synced = False
        table.viewport().stackUnder(view)
        header = table.horizontalHeader()
        header.sectionResized.connect(lambda *_: self._place())
        header.sectionMoved.connect(lambda *_: self._place())
        view.horizontalHeader().setSortIndicator(header.sortIndicatorSection(),
                                                 header.sortIndicatorOrder())
        header.sortIndicatorChanged.connect(
            lambda section, order: view.horizontalHeader().setSortIndicator(section, order))
        table.verticalHeader().sectionResized.connect(self._row_resized)
        table.verticalScrollBar().valueChanged.connect(view.verticalScrollBar().setValue)
        view.verticalScrollBar().valueChanged.connect(table.verticalScrollBar().setValue)
        table.horizontalScrollBar().valueChanged.connect(lambda *_: self._place())
        table.horizontalScrollBar().rangeChanged.connect(lambda *_: self._place())
        table.model().modelReset.connect(self._place)
        table.model().columnsInserted.connect(self._place)
        table.installEventFilter(self)
        self._place()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.table and event.type() in (QEvent.Type.Resize, QEvent.Type.Show):
            self._place()
        return False

    def _place(self) -> None:
        """Over the table's left edge while it is scrolled sideways; hidden otherwise."""
        table, view = self.table, self.view
        model = table.model()
        for column in range(model.columnCount()):
            view.setColumnHidden(column, column != self.column)
        scrolled = table.horizontalScrollBar().value() > 0
        view.setVisible(scrolled)
        if not scrolled:
            self._heights_synced = False
            return
        if not self._heights_synced:  # rows resized while hidden: copy their heights once
            self._heights_synced = True
            for row in range(model.rowCount()):
                view.setRowHeight(row, table.rowHeight(row))
        width = table.columnWidth(self.column)
        view.setColumnWidth(self.column, width)
        frame = table.frameWidth()
        header = table.horizontalHeader()
        view.horizontalHeader().setFixedHeight(header.height())
        view.setGeometry(frame + table.verticalHeader().width(), frame, width + 1,
                         header.height() + table.viewport().height())
        view.verticalScrollBar().setValue(table.verticalScrollBar().value())

    def _row_resized(self, row: int, _old: int, height: int) -> None:
        """Follow a row's height while shown; hidden, the heights are copied when it shows
        (a deal of 2,000 people resizes 2,000 rows: not one call each into a hidden view)."""
        if self.view.isVisible():
            self.view.setRowHeight(row, height)

    def _sort(self, section: int) -> None:
        """A click on the frozen header sorts the table as a click on its own header would."""
        header = self.table.horizontalHeader()
        ascending = Qt.SortOrder.AscendingOrder
        order = ascending if header.sortIndicatorSection() != section \
            or header.sortIndicatorOrder() != ascending else Qt.SortOrder.DescendingOrder
        self.table.sortByColumn(section, order)

