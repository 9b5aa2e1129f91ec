"""Inline score editing in the people table: 0–10, with "?" for unknown."""

from __future__ import annotations

from PySide6.QtCore import QAbstractItemModel, Qt
from PySide6.QtWidgets import QSpinBox, QStyledItemDelegate, QStyleOptionViewItem, QWidget

from desktop.ui.qt_types import Index


class ScoreDelegate(QStyledItemDelegate):
    def createEditor(self, parent: QWidget, option: QStyleOptionViewItem,
                     index: Index) -> QWidget:
        editor = QSpinBox(parent)
        editor.setRange(-1, 10)
        editor.setSpecialValueText("?")  # the minimum, -1, means unknown
        editor.setAlignment(Qt.AlignmentFlag.AlignCenter)
        editor.setFrame(False)
        return editor

    def setEditorData(self, editor: QWidget, index: Index) -> None:
        value = index.data(Qt.ItemDataRole.EditRole)
        if isinstance(editor, QSpinBox):
            editor.setValue(-1 if value is None else int(value))

    def setModelData(self, editor: QWidget, model: QAbstractItemModel,
                     index: Index) -> None:
        if isinstance(editor, QSpinBox):
            editor.interpretText()
            value = editor.value()
            model.setData(index, None if value < 0 else value, Qt.ItemDataRole.EditRole)
