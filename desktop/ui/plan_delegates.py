"""Editing the Plan tab's cells in place: the status from a list, the owner from the deal's
people or typed (someone on our side), the due date typed (2027-06-30; empty: no date).
Each editor only hands its value to the model, which asks for the change."""

from __future__ import annotations

from PySide6.QtCore import QAbstractItemModel, QEvent, QObject, Qt, Signal
from PySide6.QtGui import QColor, QKeyEvent, QPainter, QPen
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QLineEdit,
    QStyle,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QWidget,
)

from desktop.domain.actions import ActionStatus
from desktop.ui.plan_model import VALUE_ROLE, PlanColumn, PlanModel, example_due
from desktop.ui.qt_types import Index
from desktop.ui.widgets.value_combo import ValueCombo

# The frame round the current cell — the one F2 edits and typing replaces. The whole row is
# highlighted (the action is what is chosen), so without it nothing said which column F2
# would edit, and a date meant for the due cell replaced the action's text.
CURRENT_CELL = "#1a1a1a"


class PlanDelegate(QStyledItemDelegate):
    # Ctrl+Enter in an open cell: the cell is saved, then the action completed (the
    # list's own Ctrl+Enter does not reach a cell being edited).
    complete_requested = Signal()

    def __init__(self, model: PlanModel, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.plan = model
        self.retry_text: str | None = None  # a refused value, shown again in its editor

    def paint(self, painter: QPainter, option: QStyleOptionViewItem, index: Index) -> None:
        """The current cell of the highlighted row is drawn as in a spreadsheet: plain, in a
        dark frame — the cell F2 edits stands out of its row."""
        view = self.parent()
        if not (isinstance(view, QAbstractItemView) and index == view.currentIndex()
                and (index.parent().isValid() or self.plan.is_draft(index))):
            super().paint(painter, option, index)
            return
        plain = QStyleOptionViewItem(option)
        plain.state &= ~QStyle.StateFlag.State_Selected
        painter.fillRect(option.rect, option.palette.base())
        super().paint(painter, plain, index)
        painter.save()
        painter.setPen(QPen(QColor(CURRENT_CELL), 2))
        painter.setBrush(Qt.BrushStyle.NoBrush)
        painter.drawRect(option.rect.adjusted(1, 1, -1, -1))
        painter.restore()

    def createEditor(self, parent: QWidget, option: QStyleOptionViewItem,
                     index: Index) -> QWidget:
        column = index.column()
        if column == PlanColumn.STATUS:
            combo = ValueCombo([(status.label, status) for status in ActionStatus], parent)
            combo.setAccessibleName("Status")
            return combo
        if column == PlanColumn.OWNER:
            owner = QComboBox(parent)
            owner.setEditable(True)
            owner.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
            owner.setAccessibleName("Owner: a person of the deal, or a name on our side")
            deal = self.plan.deal
            owner.addItems([p.name for p in deal.people] if deal is not None else [])
            return owner
        editor = super().createEditor(parent, option, index)
        if column == PlanColumn.DUE and isinstance(editor, QLineEdit):
            editor.setPlaceholderText(f"{example_due(self.plan.today())} (empty: no date)")
            editor.setAccessibleName("Due date")
        elif isinstance(editor, QLineEdit):
            editor.setAccessibleName("Action")
        return editor

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if (isinstance(watched, QWidget) and isinstance(event, QKeyEvent)
                and event.type() == QEvent.Type.KeyPress
                and event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter)
                and event.modifiers() & Qt.KeyboardModifier.ControlModifier):
            self.commitData.emit(watched)
            self.closeEditor.emit(watched, QStyledItemDelegate.EndEditHint.NoHint)
            self.complete_requested.emit()
            return True
        return super().eventFilter(watched, event)

    def setEditorData(self, editor: QWidget, index: Index) -> None:
        if self.retry_text is not None and isinstance(editor, QLineEdit):
            editor.setText(self.retry_text)  # as typed, to be corrected
            self.retry_text = None
            return
        if isinstance(editor, ValueCombo):
            editor.set_value(index.data(VALUE_ROLE))
        elif isinstance(editor, QComboBox):
            editor.setCurrentText(str(index.data(Qt.ItemDataRole.EditRole) or ""))
            line = editor.lineEdit()
            if line is not None:
                line.selectAll()
        else:
            super().setEditorData(editor, index)

    def setModelData(self, editor: QWidget, model: QAbstractItemModel, index: Index) -> None:
        if isinstance(editor, ValueCombo):
            model.setData(index, editor.value(), Qt.ItemDataRole.EditRole)
        elif isinstance(editor, QComboBox):
            model.setData(index, editor.currentText(), Qt.ItemDataRole.EditRole)
        else:
            super().setModelData(editor, model, index)
