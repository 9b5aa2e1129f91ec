"""The inspector's "Against <alternative>" row: how the person sees the alternative they could
choose instead of us, and the decision test's verdict.

Under the person's triangle: which alternative (the one they lean to, else the deal's
strongest, or any the seller picks), its business outcome, technical fit and personal win as
this person sees them — three compact 0–10 fields, "?" for unknown, typed or stepped with
the keys, the arrows or the wheel once focused — and one line saying which corner decides
and whom it favours (``desktop.domain.decision_test``). Each change is a person edit (the
inspector's ``person_edited``: one undo step per burst of keys on one field).
"""

from __future__ import annotations

import time
from dataclasses import replace

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QGridLayout, QLabel, QWidget

from desktop.domain.deal import Deal
from desktop.domain.decision import AlternativeKind
from desktop.domain.decision_test import (
    DEFAULTS,
    DecisionSettings,
    Favours,
    default_alternative,
    run_test,
)
from desktop.domain.enums import Axis
from desktop.domain.person import Person
from desktop.domain.versus import Versus
from desktop.palette import AXIS_COLOURS
from desktop.ui.settings import PARITY, TECHNICAL_BAR, Settings
from desktop.ui.text import html
from desktop.ui.widgets.calm import CalmSpinBox
from desktop.ui.widgets.value_combo import ValueCombo

UNKNOWN_SPIN = -1
GESTURE_QUIET_S = 1.0  # as the score editors: a pause ends a burst of keys (one undo step)
AXES = (Axis.BUSINESS, Axis.TECHNICAL, Axis.PERSONAL)  # the order the test reads them
SHORT = {Axis.BUSINESS: "Business", Axis.TECHNICAL: "Technical", Axis.PERSONAL: "Personal"}
FAVOURS_COLOUR = {Favours.US: "#1b7f3b", Favours.ALTERNATIVE: "#b3261e"}


def decision_settings(settings: Settings) -> DecisionSettings:
    """The test's bar and parity from the settings, kept to 0–10 (a hand-edited value)."""
    return DecisionSettings(technical_bar=min(max(settings.get(TECHNICAL_BAR), 0), 10),
                            parity=min(max(settings.get(PARITY), 0), 10))


def alternative_label(name: str, kind: AlternativeKind) -> str:
    return name if kind is AlternativeKind.COMPETITOR or name == kind.label \
        else f"{name} ({kind.label.lower()})"


class VersusBox(QWidget):
    person_edited = Signal(object, object, str, object)  # before, after, what, merge key

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("versus_box")
        # The window's settings once its pages are installed (desktop/ui/pages.py): the
        # test's bar and parity are read from them each time a verdict is shown.
        self.settings: Settings | None = None
        self._person: Person | None = None
        self._deal: Deal | None = None
        self._read_only = False
        self._gesture = 0
        self._last_change = 0.0
        self._offered: list[tuple[str, str]] = []
        grid = QGridLayout(self)
        grid.setContentsMargins(0, 6, 0, 0)
        grid.setHorizontalSpacing(4)
        grid.setVerticalSpacing(3)
        self.title = QLabel("<b>Against</b>")
        self.alternative = ValueCombo()
        self.alternative.setObjectName("versus_alternative")
        self.alternative.setAccessibleName("Against the alternative")
        self.alternative.setToolTip("The alternative this person could choose instead of us: "
                                    "the one they lean to, else the deal's strongest")
        self.alternative.value_chosen.connect(self._choose)
        self.title.setBuddy(self.alternative)
        grid.addWidget(self.title, 0, 0)
        grid.addWidget(self.alternative, 0, 1, 1, 2)
        self.spins: dict[Axis, CalmSpinBox] = {}
        for column, axis in enumerate(AXES):
            label = QLabel(f"<span style='color:{AXIS_COLOURS[axis]}'>●</span> "
                           f"{SHORT[axis]}")
            spin = CalmSpinBox(window_undo=True)
            spin.setObjectName(f"versus_{axis.value}")
            spin.setRange(UNKNOWN_SPIN, 10)
            spin.setSpecialValueText("?")
            spin.setAccessibleName(f"The alternative's {axis.label.lower()} for them, "
                                   "? for unknown")
            spin.valueChanged.connect(lambda value, a=axis: self._score(a, value))
            # Qt takes the special text typed only when the edit ends, if at all: "?" is
            # unknown at once, as the accessible name promises.
            spin.lineEdit().textEdited.connect(
                lambda text, box=spin: box.setValue(UNKNOWN_SPIN) if text.strip() == "?"
                else None)
            label.setBuddy(spin)
            # Each label above its field: the inspector is narrow on a 1366-pixel screen.
            grid.addWidget(label, 1, column)
            grid.addWidget(spin, 2, column)
            self.spins[axis] = spin
        self.verdict = QLabel()
        self.verdict.setObjectName("versus_verdict")
        self.verdict.setWordWrap(True)
        self.verdict.setTextFormat(Qt.TextFormat.RichText)
        grid.addWidget(self.verdict, 3, 0, 1, 3)
        for column in range(3):
            grid.setColumnStretch(column, 1)

    # -- showing ----------------------------------------------------------------------------

    def show_for(self, person: Person | None, deal: Deal | None, read_only: bool) -> None:
        self._person, self._deal, self._read_only = person, deal, read_only
        if person is None or deal is None:
            return
        offered = [(alternative_label(a.name, a.kind), a.id) for a in deal.alternatives]
        if offered != self._offered:
            self._offered = offered
            self.alternative.clear()
            for label, value in offered:
                self.alternative.add(label, value)
        rival = default_alternative(deal, person)
        self.alternative.set_value(rival.id if rival else None)
        self.alternative.setEnabled(bool(offered) and not read_only)
        versus = person.versus if person.versus and rival and \
            person.versus.alternative == rival.id else None
        for axis, spin in self.spins.items():
            score = versus[axis] if versus else None
            spin.blockSignals(True)
            spin.setValue(UNKNOWN_SPIN if score is None else score)
            spin.blockSignals(False)
            spin.setEnabled(rival is not None and not read_only)
        self._show_verdict()

    @property
    def decision(self) -> DecisionSettings:
        return DEFAULTS if self.settings is None else decision_settings(self.settings)

    def _show_verdict(self) -> None:
        person, deal = self._person, self._deal
        if person is None or deal is None:
            return
        if not deal.alternatives:
            self.verdict.setText("<i>Name the alternatives in the Decision tab to test this "
                                 "person's choice against them.</i>")
            return
        versus = person.versus
        rival = deal.alternative(versus.alternative) if versus else None
        if versus is None or rival is None or not versus.scored:
            self.verdict.setText("<i>Score how they see the alternative to run the decision "
                                 "test.</i>")
            return
        decision = self.decision
        _decides, favours, verdict = run_test(person, versus, rival.name, decision)
        colour = FAVOURS_COLOUR.get(favours)
        shown = html(verdict[0].upper() + verdict[1:])
        self.verdict.setText(f"<span style='color:{colour}'>{shown}</span>" if colour
                             else shown)
        self.verdict.setToolTip(
            f"Decision test: business outcomes known? both technical fits at least "
            f"{decision.technical_bar}? business gap at most {decision.parity} → "
            "the personal win decides; else the business outcome decides.")

    # -- editing ----------------------------------------------------------------------------

    def _choose(self, alternative_id: object) -> None:
        person = self._person
        if person is None or self._read_only or not isinstance(alternative_id, str):
            return
        if person.versus is not None and person.versus.alternative == alternative_id:
            return
        rival = self._deal.alternative(alternative_id) if self._deal else None
        after = replace(person, versus=Versus(alternative_id))
        self.person_edited.emit(person, after,
                                f"alternative scored: {rival.name if rival else ''}", None)

    def _score(self, axis: Axis, value: int) -> None:
        person, deal = self._person, self._deal
        if person is None or deal is None or self._read_only:
            return
        rival = default_alternative(deal, person)
        if rival is None:
            return
        versus = person.versus if person.versus and person.versus.alternative == rival.id \
            else Versus(rival.id)
        after = replace(person, versus=versus.with_value(axis, None if value == UNKNOWN_SPIN
                                                       else value))
        if after == person:
            return
        now = time.monotonic()
        if now - self._last_change > GESTURE_QUIET_S:
            self._gesture += 1
        self._last_change = now
        self.person_edited.emit(person, after, f"{rival.name}'s {axis.label.lower()}",
                                ("versus", axis, self._gesture))

