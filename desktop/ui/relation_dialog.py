"""Draw a line from the inspector: pick the other person and how they are related."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLineEdit,
    QWidget,
)

from desktop.domain.enums import RelationKind
from desktop.domain.person import Person
from desktop.domain.relation import Relation
from desktop.ui.widgets.calm import CalmSpinBox
from desktop.ui.widgets.value_combo import ValueCombo

# (label, kind, this person is the source)
PHRASES: tuple[tuple[str, RelationKind, bool], ...] = (
    ("reports to", RelationKind.REPORTS_TO, True),
    ("is the manager of", RelationKind.REPORTS_TO, False),
    ("has a dotted line to", RelationKind.DOTTED_LINE, True),
    ("influences", RelationKind.INFLUENCE, True),
    ("is influenced by", RelationKind.INFLUENCE, False),
    ("is in conflict with", RelationKind.CONFLICT, True),
)


def describe(relation: Relation, person_id: str, names: dict[str, str]) -> str:
    """The relation as a phrase seen from ``person_id``'s side."""
    outgoing = relation.source == person_id
    other = names.get(relation.target if outgoing else relation.source, "?")
    for label, kind, source_side in PHRASES:
        if kind is relation.kind and (source_side == outgoing or kind is RelationKind.CONFLICT):
            strength = f" (strength {relation.strength})" if kind.has_strength else ""
            return f"{label} {other}{strength}"
    return f"{relation.kind.label} {other}"


class RelationDialog(QDialog):
    def __init__(self, person: Person, others: Sequence[Person],
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(f"New line for {person.name}")
        self.person = person
        form = QFormLayout(self)
        self.phrase = ValueCombo()
        for label, _kind, _source in PHRASES:
            self.phrase.add(f"{person.name} {label} …", label)
        self.other = ValueCombo()
        for other in sorted(others, key=lambda p: p.name.casefold()):
            self.other.add(f"{other.name} — {other.title}" if other.title else other.name,
                           other.id)
        self.strength = CalmSpinBox()
        self.strength.setRange(1, 3)
        self.strength.setValue(2)
        self.note = QLineEdit()
        form.addRow("&Line", self.phrase)
        form.addRow("&Person", self.other)
        form.addRow("&Strength (1–3)", self.strength)
        form.addRow("&Note", self.note)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok
                                   | QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        form.addRow(buttons)
        self.phrase.currentIndexChanged.connect(self._update_strength)
        self._update_strength()

    def _update_strength(self) -> None:
        self.strength.setEnabled(PHRASES[self.phrase.currentIndex()][1].has_strength)

    def relation(self) -> Relation:
        _label, kind, this_is_source = PHRASES[self.phrase.currentIndex()]
        other = str(self.other.value())
        source, target = (self.person.id, other) if this_is_source else (other, self.person.id)
        return Relation(source=source, target=target, kind=kind,
                        strength=self.strength.value() if kind.has_strength else 1,
                        note=self.note.text())
