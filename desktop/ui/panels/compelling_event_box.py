"""The compelling event at the top of the Decision tab: what happens if the customer does
nothing, and by when.

Without one, doing nothing is the customer's easiest choice, so an empty event is said in
amber rather than left as a blank field. The date belongs to the event: it can be set once
there is a text, and clearing the text removes the event (and its date). The box shows the
deal it is given and asks for each change with ``edited(event or None, undo text)``.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import date

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QGroupBox, QHBoxLayout, QLabel, QVBoxLayout, QWidget

from desktop.domain.deal import Deal
from desktop.domain.decision import CompellingEvent
from desktop.domain.errors import ValidationError
from desktop.ui.widgets.date_field import DateField
from desktop.ui.widgets.text_edits import CommittingTextEdit

EVENT_QUESTION = "What happens if they do nothing, and by when?"
NO_EVENT = ("No compelling event yet: without one, doing nothing is the customer's easiest "
            "choice. Ask what it costs them to wait.")
NO_DATE_YET = "Write what happens first; then say by when"


class CompellingEventBox(QGroupBox):
    edited = Signal(object, str)  # CompellingEvent | None, the undo text
    refused = Signal(str)  # one sentence

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("decision_event")
        self.shown: CompellingEvent | None = None
        layout = QVBoxLayout(self)
        layout.setContentsMargins(6, 4, 6, 4)
        row = QHBoxLayout()
        # The question beside the text rather than above it: a line more for the tables on a
        # laptop screen.
        title = QLabel("<b>Compelling event</b><br>if they do nothing?")
        title.setObjectName("decision_event_title")
        title.setToolTip(EVENT_QUESTION)
        row.addWidget(title)
        # Two lines: the event is a sentence or two, and it is read more than it is typed.
        self.text = CommittingTextEdit()
        self.text.setObjectName("decision_event_text")
        self.text.setAccessibleName(EVENT_QUESTION)
        self.text.setPlaceholderText(
            "e.g. The old dispatch system loses support in April: 40 drivers without routing")
        self.text.setFixedHeight(self.fontMetrics().lineSpacing() * 2 + 10)
        self.text.editing_finished.connect(self._text_finished)
        self.by = DateField()
        self.by.setObjectName("decision_event_by")
        self.by.edit.setAccessibleName("Compelling event: by when")
        self.by.edit.setMaximumWidth(self.fontMetrics().horizontalAdvance("2027-06-300") + 40)
        self.by.editing_finished.connect(self._date_finished)
        self.by.refused.connect(lambda text: self.refused.emit(f"By when: {text}."))
        by = QLabel("&by")
        by.setBuddy(self.by.edit)
        row.addWidget(self.text, 1)
        row.addWidget(by)
        row.addWidget(self.by)
        layout.addLayout(row)
        self.missing = QLabel(NO_EVENT)
        self.missing.setObjectName("decision_event_missing")
        self.missing.setWordWrap(True)
        self.missing.setStyleSheet("color: #8A5A00;")
        layout.addWidget(self.missing)

    def show_deal(self, deal: Deal | None, editable: bool) -> None:
        """Show the deal's event; a text being typed is not overwritten by another change."""
        event = deal.compelling_event if deal else None
        self.shown = event
        if not self.text.hasFocus() or event is None:
            self.text.set_committed_text(event.text if event else "")
        self.by.set_value(event.by if event else None)
        self.missing.setVisible(deal is not None and event is None)
        self.text.setEnabled(editable)
        self.by.setReadOnly(not editable or event is None)
        self.by.edit.setToolTip("" if event is not None or not editable else NO_DATE_YET)

    def _text_finished(self) -> None:
        text = " ".join(self.text.toPlainText().split())
        event = self.shown
        if not text:
            if event is not None:
                self.edited.emit(None, "Remove the compelling event")
            return
        if event is not None and event.text == text:
            return
        try:
            fresh = CompellingEvent(text=text, by=event.by if event else None)
        except ValidationError as error:
            self.refused.emit(f"Compelling event: {error.problem}.")
            return
        self.edited.emit(fresh, "Compelling event")

    def _date_finished(self, value: date | None) -> None:
        if self.shown is not None:
            self.edited.emit(replace(self.shown, by=value), "Compelling event: by when")
