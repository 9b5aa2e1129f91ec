"""Editing the Plan tab's cells in place: the status from a list, the owner from the deal's
people or typed (someone on our side), the due date typed (2027-06-30; empty: no date).
Each editor only hands its value to the model, which asks for the change."""

from __future__ import annotations

from PySide6.QtCore import QAbstractItemModel, Qt
from PySide6.QtWidgets import (
    QComboBox,
    QLineEdit,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QWidget,
)

from desktop.domain.actions import ActionStatus
from desktop.ui.plan_model import VALUE_ROLE, PlanColumn, PlanModel
from desktop.ui.qt_types import Index
from desktop.ui.widgets.value_combo import ValueCombo


class PlanDelegate(QStyledItemDelegate):
    def __init__(self, model: PlanModel, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.plan = model

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
            editor.setPlaceholderText("2027-06-30 (empty: no date)")
            editor.setAccessibleName("Due date")
        elif isinstance(editor, QLineEdit):
            editor.setAccessibleName("Action")
        return editor

    def setEditorData(self, editor: QWidget, index: Index) -> None:
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
