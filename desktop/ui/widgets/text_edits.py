"""Small widgets Qt lacks: a multi-line edit that commits on leaving, a date that may be empty."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import QDate, Signal
from PySide6.QtGui import QFocusEvent
from PySide6.QtWidgets import QDateEdit, QPlainTextEdit, QWidget

NO_DATE = QDate(2000, 1, 1)


class CommittingTextEdit(QPlainTextEdit):
    """Emits ``editing_finished`` when focus leaves and the text changed, like QLineEdit."""

    editing_finished = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setTabChangesFocus(True)
        self._committed = ""

    def set_committed_text(self, text: str) -> None:
        self._committed = text
        if self.toPlainText() != text:
            self.setPlainText(text)

    def focusOutEvent(self, event: QFocusEvent) -> None:
        super().focusOutEvent(event)
        if self.toPlainText() != self._committed:
            self._committed = self.toPlainText()
            self.editing_finished.emit()


class OptionalDateEdit(QDateEdit):
    """A date edit whose lowest value shows as "—" and means "no date"."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setCalendarPopup(True)
        self.setMinimumDate(NO_DATE)
        self.setSpecialValueText("—")
        self.setDisplayFormat("yyyy-MM-dd")

    def value(self) -> date | None:
        chosen = self.date()
        return None if chosen == NO_DATE else date(chosen.year(), chosen.month(), chosen.day())

    def set_value(self, value: date | None) -> None:
        self.setDate(NO_DATE if value is None else QDate(value.year, value.month, value.day))
