"""One axis of a person's triangle: 0–10 on a slider, an explicit "Unknown", the evidence (several
lines), where it came from, and whether it is private."""

from __future__ import annotations

import time

from PySide6.QtCore import Qt, Signal, SignalInstance
from PySide6.QtWidgets import QCheckBox, QGridLayout, QLabel, QWidget

from desktop.domain.enums import Axis, Confidence
from desktop.domain.scores import Score
from desktop.domain.wording import UNKNOWN
from desktop.palette import AXIS_COLOURS
from desktop.ui.text import html
from desktop.ui.widgets.calm import CalmSlider, CalmSpinBox
from desktop.ui.widgets.text_edits import CommittingTextEdit
from desktop.ui.widgets.value_combo import ValueCombo

PRIVATE_LABEL = "Private"
UNKNOWN_SPIN = -1
PRIVATE_STYLE = ("QPlainTextEdit { border: 1px dashed palette(shadow); font-style: italic; "
                 "background: palette(alternate-base); }")
EVIDENCE_PROMPTS = {
    Axis.PERSONAL: "What do they get out of it — credit, safety, promotion, less work? "
                   "What did you hear, from whom?",
    Axis.BUSINESS: "Which goal does it move for them? What did you hear, from whom?",
    Axis.TECHNICAL: "Does it meet their requirements? What did you hear, from whom?",
}


GESTURE_QUIET_S = 1.0  # a pause this long ends a gesture: the next change is a new undo step


class ScoreEditor(QWidget):
    """Emits ``value_changed`` while the value moves and ``details_changed`` for evidence,
    confidence and privacy. ``gesture`` names the gesture a value change belongs to — one
    press of the slider until its release, one burst of keys or typing — so that a gesture
    is one undo step and two clicks are two."""

    value_changed = Signal(object)  # Score
    details_changed = Signal(object)  # Score

    def __init__(self, axis: Axis, parent: QWidget | None = None, *,
                 evidence_lines: int = 2) -> None:
        super().__init__(parent)
        self.axis = axis
        self._score = Score()
        self.gesture = 0
        self._last_change = 0.0
        layout = QGridLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        self.title = QLabel(f"<span style='color:{AXIS_COLOURS[axis]}'>●</span> "
                            f"<b>{html(axis.label)}</b>")
        self.slider = CalmSlider(Qt.Orientation.Horizontal)
        self.slider.setRange(0, 10)
        self.slider.setPageStep(1)
        self.slider.setTickPosition(CalmSlider.TickPosition.TicksBelow)
        self.slider.setAccessibleName(f"{axis.label} score")
        self.spin = CalmSpinBox(window_undo=True)
        self.spin.setRange(UNKNOWN_SPIN, 10)
        self.spin.setSpecialValueText(UNKNOWN)  # the minimum, -1, is "unknown"
        self.spin.setAccessibleName(f"{axis.label} score, ? for unknown")
        self.unknown = QCheckBox("Unknown")
        self.unknown.setToolTip("Not known yet — left out of every calculation, never counted "
                                "as 0")
        self.unknown.setAccessibleName(f"{axis.label} unknown")
        self.evidence = CommittingTextEdit()
        self.evidence.setObjectName(f"evidence_{axis.value}")
        self.evidence.setPlaceholderText(EVIDENCE_PROMPTS[axis])
        self.evidence.setAccessibleName(f"{axis.label} evidence")
        self.evidence.setFixedHeight(self.fontMetrics().lineSpacing() * evidence_lines + 10)
        self.confidence = ValueCombo([(c.label, c) for c in Confidence])
        self.confidence.setAccessibleName(f"{axis.label} confidence")
        self.private = QCheckBox(PRIVATE_LABEL)
        self.private.setToolTip("Private evidence stays out of exports and prints unless you "
                                "ask for it")
        self.private.setAccessibleName(f"{axis.label} evidence private")
        layout.addWidget(self.title, 0, 0, 1, 2)
        layout.addWidget(self.unknown, 0, 2)
        layout.addWidget(self.slider, 1, 0, 1, 2)
        layout.addWidget(self.spin, 1, 2)
        layout.addWidget(self.evidence, 2, 0, 1, 3)
        layout.addWidget(self.confidence, 3, 0)
        layout.addWidget(self.private, 3, 1, 1, 2)
        layout.setColumnStretch(0, 1)
        layout.setColumnStretch(1, 1)

        self.slider.sliderPressed.connect(self._new_gesture)
        self.slider.valueChanged.connect(self._on_slider)
        self.spin.valueChanged.connect(self._on_spin)
        self.unknown.toggled.connect(self._on_unknown)
        self.evidence.editing_finished.connect(self._on_details)
        self.confidence.value_chosen.connect(self._on_details)
        self.private.toggled.connect(self._on_details)

    def score(self) -> Score:
        return self._score

    def set_score(self, score: Score) -> None:
        """Show ``score`` without emitting anything."""
        self._score = score
        widgets = (self.slider, self.spin, self.unknown, self.evidence, self.confidence,
                   self.private)
        for widget in widgets:
            widget.blockSignals(True)
        try:
            self.unknown.setChecked(score.value is None)
            self.slider.setValue(score.value if score.value is not None else 0)
            self.spin.setValue(score.value if score.value is not None else UNKNOWN_SPIN)
            if self.evidence.toPlainText() != score.evidence:
                self.evidence.set_committed_text(score.evidence)
            self.confidence.set_value(score.confidence)
            self.private.setChecked(score.private)
            # Private evidence looks different, so nobody reads it out in a shared meeting.
            self.evidence.setStyleSheet(PRIVATE_STYLE if score.private else "")
            self.evidence.setToolTip("Private: left out of exports and prints unless asked"
                                     if score.private else "")
        finally:
            for widget in widgets:
                widget.blockSignals(False)

    def setReadOnly(self, read_only: bool) -> None:
        for widget in (self.slider, self.spin, self.unknown, self.confidence, self.private):
            widget.setEnabled(not read_only)
        self.evidence.setReadOnly(read_only)

    def _on_slider(self, value: int) -> None:
        """Moving the slider gives a score, even from "unknown"."""
        self._emit(self.value_changed, value=value)

    def _on_spin(self, value: int) -> None:
        self._emit(self.value_changed, value=None if value == UNKNOWN_SPIN else value)

    def _new_gesture(self) -> None:
        self.gesture += 1

    def _on_unknown(self, unknown: bool) -> None:
        self._new_gesture()  # a tick is a gesture of its own
        self._emit(self.value_changed, value=None if unknown else self.slider.value())

    def _on_details(self) -> None:
        self._emit(self.details_changed, value=self._score.value)

    def _emit(self, signal: SignalInstance, *, value: int | None) -> None:
        confidence = self.confidence.value()
        score = Score(
            value=value,
            evidence=self.evidence.toPlainText(),
            confidence=confidence if isinstance(confidence, Confidence) else
            self._score.confidence,
            private=self.private.isChecked(),
        )
        if score != self._score:
            now = time.monotonic()
            if signal is self.value_changed and now - self._last_change > GESTURE_QUIET_S \
                    and not self.slider.isSliderDown():
                self._new_gesture()
            self._last_change = now
            self._score = score
            self.set_score(score)
            signal.emit(score)
