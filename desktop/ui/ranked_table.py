"""A table whose row order means something (criteria by rank, process steps in order), driven
from the keyboard: Ctrl+Up / Ctrl+Down move the current row, F2 or typing edits the cell.
Delete (or Backspace, or ?) on a cell that may be empty — a rating, an owner, a date, the
evidence — empties it (a rating becomes unknown, never 0), as in the people table; on the
other cells Delete removes the row. The table only asks (signals); the panel makes the undo
step."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QEvent, QModelIndex, Qt, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QTableView, QWidget


class RankedTable(QTableView):
    move_requested = Signal(int, int)  # row, +1 (down) or -1 (up)
    delete_requested = Signal(int)  # row
    clear_requested = Signal(QModelIndex)  # the cell to empty

    _CLEAR_KEYS = (Qt.Key.Key_Delete, Qt.Key.Key_Backspace, Qt.Key.Key_Question)

    def __init__(self, name: str, clearable: Callable[[int], bool] = lambda column: False,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.clearable = clearable
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

    def _clears(self, event: QKeyEvent) -> bool:
        index = self.currentIndex()
        return (event.key() in self._CLEAR_KEYS and index.isValid()
                and not event.modifiers() & ~Qt.KeyboardModifier.ShiftModifier
                and self.clearable(index.column())
                and self.state() is not QAbstractItemView.State.EditingState)

    def event(self, event: QEvent) -> bool:
        if event.type() == QEvent.Type.ShortcutOverride and isinstance(event, QKeyEvent) \
                and (self._clears(event) or event.key() == Qt.Key.Key_Delete):
            event.accept()  # the table's key, not a window shortcut's
            return True
        return super().event(event)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if self._clears(event):
            self.clear_requested.emit(self.currentIndex())
            return
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
