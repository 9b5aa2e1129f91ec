"""Editors for the cells of the decision tables: a choice (a person, a status), a whole number
in a range (a weight), a date that may be empty.

Each editor gives the model exactly the Python value it stands for (an id, an enum member, a
``date`` or None), and the model turns it into one undo step. A choice made in the popup is
committed at once (the popup closing is the choice); a choice made with the arrow keys is
committed by Enter or by leaving the cell, as in any table.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QAbstractItemModel, QRect, Qt
from PySide6.QtWidgets import (
    QLineEdit,
    QSpinBox,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QWidget,
)

from desktop.ui.qt_types import Index
from desktop.ui.widgets.date_field import parse_date
from desktop.ui.widgets.value_combo import ValueCombo

Choices = Callable[[], list[tuple[str, Any]]]


def place_editor(editor: QWidget, option: QStyleOptionViewItem) -> None:
    """Put the editor over its cell, at least as wide as it needs to be read.

    A rating column headed "Us" is narrower than a spin box: squeezed into it, the editor
    showed "?" and an arrow, not the number being typed. Wider than its cell, the editor
    overlaps the next cell (as a spreadsheet's does) and stays inside the table."""
    rect = QRect(option.rect)
    need = max(editor.sizeHint().width(), editor.minimumSizeHint().width())
    if rect.width() < need:
        rect.setWidth(need)
        parent = editor.parentWidget()
        if parent is not None and rect.right() > parent.width():
            rect.moveRight(max(parent.width(), need))
    editor.setGeometry(rect)


class _PopupCombo(ValueCombo):
    """A combo that says when its popup closed on a choice."""

    def __init__(self, items: list[tuple[str, Any]], parent: QWidget) -> None:
        super().__init__(items, parent)
        self.chosen_in_popup = False
        self._popup_open = False

    def showPopup(self) -> None:
        self._popup_open = True
        super().showPopup()

    def hidePopup(self) -> None:
        super().hidePopup()
        self.chosen_in_popup = self._popup_open
        self._popup_open = False


class ChoiceDelegate(QStyledItemDelegate):
    """A cell chosen from a list: ``choices`` is asked each time (the deal's people change)."""

    def __init__(self, choices: Choices, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.choices = choices

    def createEditor(self, parent: QWidget, option: QStyleOptionViewItem,
                     index: Index) -> QWidget:
        combo = _PopupCombo(self.choices(), parent)
        combo.setFrame(False)

        def chosen() -> None:
            if combo.chosen_in_popup:
                combo.chosen_in_popup = False
                self.commitData.emit(combo)
                self.closeEditor.emit(combo, QStyledItemDelegate.EndEditHint.NoHint)

        combo.activated.connect(chosen)
        return combo

    def updateEditorGeometry(self, editor: QWidget, option: QStyleOptionViewItem,
                             index: Index) -> None:
        place_editor(editor, option)

    def setEditorData(self, editor: QWidget, index: Index) -> None:
        if isinstance(editor, ValueCombo):
            editor.set_value(index.data(Qt.ItemDataRole.EditRole))

    def setModelData(self, editor: QWidget, model: QAbstractItemModel, index: Index) -> None:
        if isinstance(editor, ValueCombo):
            model.setData(index, editor.value(), Qt.ItemDataRole.EditRole)


class NumberDelegate(QStyledItemDelegate):
    """A whole number from ``low`` to ``high``; with ``unknown``, one below ``low`` is "?"
    (None: not known)."""

    def __init__(self, low: int, high: int, *, unknown: bool = False,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.low, self.high, self.unknown = low, high, unknown

    def createEditor(self, parent: QWidget, option: QStyleOptionViewItem,
                     index: Index) -> QWidget:
        editor = QSpinBox(parent)
        editor.setRange(self.low - 1 if self.unknown else self.low, self.high)
        if self.unknown:
            editor.setSpecialValueText("?")
        editor.setAlignment(Qt.AlignmentFlag.AlignCenter)
        editor.setFrame(False)
        return editor

    def updateEditorGeometry(self, editor: QWidget, option: QStyleOptionViewItem,
                             index: Index) -> None:
        place_editor(editor, option)

    def setEditorData(self, editor: QWidget, index: Index) -> None:
        value = index.data(Qt.ItemDataRole.EditRole)
        if isinstance(editor, QSpinBox):
            editor.setValue(editor.minimum() if value is None else int(value))

    def setModelData(self, editor: QWidget, model: QAbstractItemModel, index: Index) -> None:
        if isinstance(editor, QSpinBox):
            editor.interpretText()
            value = editor.value()
            model.setData(index, None if self.unknown and value < self.low else value,
                          Qt.ItemDataRole.EditRole)


class DateDelegate(QStyledItemDelegate):
    """A date typed as 2027-06-30 (or the locale's short form); empty is no date. What is not
    a date reaches the model as the text, which refuses it with one sentence."""

    def createEditor(self, parent: QWidget, option: QStyleOptionViewItem,
                     index: Index) -> QWidget:
        editor = QLineEdit(parent)
        editor.setPlaceholderText("2027-06-30")
        editor.setFrame(False)
        return editor

    def setEditorData(self, editor: QWidget, index: Index) -> None:
        value = index.data(Qt.ItemDataRole.EditRole)
        if isinstance(editor, QLineEdit):
            editor.setText(value.isoformat() if value else "")
            editor.selectAll()

    def setModelData(self, editor: QWidget, model: QAbstractItemModel, index: Index) -> None:
        if isinstance(editor, QLineEdit):
            try:
                value: object = parse_date(editor.text())
            except ValueError:
                value = editor.text()
            model.setData(index, value, Qt.ItemDataRole.EditRole)
