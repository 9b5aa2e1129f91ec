"""A date that may be empty: typed, picked from a calendar, or cleared.

Qt's QDateEdit cannot be empty; the old field faked "no date" with a special lowest value,
so its calendar opened at January 2000, typing a date gave "—20270630", and a date once set
could not be removed. This field is a line edit (ISO ``2027-06-30``, or the locale's short
form, or ``30.06.2027``) with a calendar button that opens at the date shown (today when
empty) and the line edit's clear button. From the keyboard, Alt+Down or F4 in the field opens
the calendar (as in a combo box), so the button is not a Tab stop: one stop per date.
"""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import QDate, QEvent, QLocale, QObject, Qt, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QCalendarWidget, QHBoxLayout, QLineEdit, QToolButton, QWidget

_FORMATS = ("yyyy-MM-dd", "yyyy-M-d", "yyyyMMdd", "dd.MM.yyyy", "d.M.yyyy", "yyyy/MM/dd")


def parse_date(text: str, locale: QLocale | None = None) -> date | None:
    """The date ``text`` names, or None when it is empty; ValueError when it names none."""
    text = text.strip()
    if not text:
        return None
    for pattern in _FORMATS:
        parsed = QDate.fromString(text, pattern)
        if parsed.isValid():
            return date(parsed.year(), parsed.month(), parsed.day())
    parsed = (locale or QLocale()).toDate(text, QLocale.FormatType.ShortFormat)
    if parsed.isValid():
        return date(parsed.year(), parsed.month(), parsed.day())
    raise ValueError(f"“{text}” is not a date (write it as 2027-06-30)")


class DateField(QWidget):
    editing_finished = Signal(object)  # date | None, when the user changed it
    refused = Signal(str)  # one sentence: what was typed is not a date

    def __init__(self, parent: QWidget | None = None, *, keeps_refused: bool = False) -> None:
        super().__init__(parent)
        self._value: date | None = None
        # In a dialog (read at OK) a refused date stays as typed, to be corrected: put back
        # to the old value, an unreadable date quietly became no date at all when saved.
        self._keeps_refused = keeps_refused
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(2)
        self.edit = QLineEdit()
        self.edit.setPlaceholderText("none (e.g. 2027-06-30)")
        self.edit.setClearButtonEnabled(True)
        self.edit.editingFinished.connect(self._typed)
        self.edit.textChanged.connect(self._cleared)
        self.button = QToolButton()
        self.button.setText("…")
        self.button.setToolTip("Pick a date from a calendar (Alt+Down or F4 in the field)")
        self.button.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.edit.installEventFilter(self)
        self.button.setAccessibleName("Pick a date")
        self.button.clicked.connect(self._open_calendar)
        # A popup window, not a menu's exec(): no nested event loop (which is how re-entrancy
        # bugs start), and the calendar stays reachable for tests and accessibility tools.
        # Not a child of the field: a child calendar joins the window's Tab chain, and Tab
        # then went round in the field forever. It is deleted with the field.
        self.calendar = QCalendarWidget()
        self.calendar.setWindowFlags(Qt.WindowType.Popup)
        self.destroyed.connect(self.calendar.deleteLater)
        self.calendar.setGridVisible(False)
        self.calendar.clicked.connect(self._picked)
        self.calendar.activated.connect(self._picked)
        layout.addWidget(self.edit, 1)
        layout.addWidget(self.button)
        self.setFocusProxy(self.edit)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.edit and event.type() is QEvent.Type.KeyPress \
                and isinstance(event, QKeyEvent) and _opens_calendar(event):
            self._open_calendar()
            return True
        return super().eventFilter(watched, event)

    def value(self) -> date | None:
        return self._value

    def typed_value(self) -> date | None:
        """The date as typed right now (a dialog's OK may come before the edit finishes);
        ValueError when the text is not a date."""
        return parse_date(self.edit.text())

    def set_value(self, value: date | None) -> None:
        """Show ``value`` as the store has it (emits nothing)."""
        self._value = value
        blocked = self.edit.blockSignals(True)
        self.edit.setText(value.isoformat() if value else "")
        self.edit.blockSignals(blocked)

    def setReadOnly(self, read_only: bool) -> None:
        self.edit.setReadOnly(read_only)
        self.button.setEnabled(not read_only)

    def _commit(self, value: date | None) -> None:
        self.set_value(value)
        self.editing_finished.emit(value)

    def _typed(self) -> None:
        try:
            value = parse_date(self.edit.text())
        except ValueError as error:
            if not self._keeps_refused:
                self.set_value(self._value)
            self.refused.emit(str(error))
            return
        if value != self._value:
            self._commit(value)
        else:
            self.set_value(value)  # shown in the one format

    def _cleared(self, text: str) -> None:
        """The line edit's clear button empties it without finishing the edit: commit."""
        if not text and self._value is not None and not self.edit.hasFocus():
            self._commit(None)

    def _open_calendar(self) -> None:
        shown = self._value or date.today()
        self.calendar.setSelectedDate(QDate(shown.year, shown.month, shown.day))
        self.calendar.adjustSize()
        self.calendar.move(self.mapToGlobal(self.rect().bottomLeft()))
        self.calendar.show()
        self.calendar.setFocus(Qt.FocusReason.PopupFocusReason)

    def _picked(self, chosen: QDate) -> None:
        self.calendar.hide()
        value = date(chosen.year(), chosen.month(), chosen.day())
        if value != self._value:
            self._commit(value)


def _opens_calendar(event: QKeyEvent) -> bool:
    alt_down = event.key() == Qt.Key.Key_Down \
        and bool(event.modifiers() & Qt.KeyboardModifier.AltModifier)
    return alt_down or event.key() == Qt.Key.Key_F4
