"""A table whose row order means something (criteria by rank, process steps in order), driven
from the keyboard: Ctrl+Up / Ctrl+Down move the current row, Delete removes it, F2 or typing
edits the cell. The table only asks (signals); the panel makes the undo step."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QTableView, QWidget


class RankedTable(QTableView):
    move_requested = Signal(int, int)  # row, +1 (down) or -1 (up)
    delete_requested = Signal(int)  # row

    def __init__(self, name: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName(name)
        self.setAccessibleName(name.replace("_", " ").capitalize())
        self.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectItems)
        triggers = QAbstractItemView.EditTrigger
        # Not on a click of the selected cell: typing or F2 edits, a click only chooses.
        self.setEditTriggers(triggers.DoubleClicked | triggers.EditKeyPressed
                             | triggers.AnyKeyPressed)
        self.setTabKeyNavigation(False)  # Tab leaves the table, as in a form
        self.setWordWrap(False)
        self.setAlternatingRowColors(True)
        self.verticalHeader().hide()
        self.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.horizontalHeader().setHighlightSections(False)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        row = self.currentIndex().row()
        ctrl = event.modifiers() & Qt.KeyboardModifier.ControlModifier
        if row >= 0 and ctrl and event.key() in (Qt.Key.Key_Up, Qt.Key.Key_Down):
            self.move_requested.emit(row, -1 if event.key() == Qt.Key.Key_Up else 1)
            return
        if row >= 0 and event.key() == Qt.Key.Key_Delete and not event.modifiers() \
                and self.state() is not QAbstractItemView.State.EditingState:
            self.delete_requested.emit(row)
            return
        super().keyPressEvent(event)
