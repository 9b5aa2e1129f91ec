"""What the customer could choose instead of us, and who leans to each: the deal's
alternatives as a table (the name, its kind in the tool tip; the people leaning to it; those
of them who coach a competitor). The name is edited in place; removing and adding are the
panel's buttons."""

from __future__ import annotations

from dataclasses import replace
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, Qt, Signal

from desktop.domain.deal import Deal
from desktop.domain.decision import Alternative
from desktop.domain.errors import ValidationError
from desktop.domain.person import Person
from desktop.ui.qt_types import Index

NAME, LEANING, COACHING = range(3)
HEADERS = ("Alternative", "Leaning to it", "Coaching")


def names(people: list[Person]) -> str:
    return ", ".join(p.name for p in people)


def leaning_text(people: list[Person]) -> str:
    return f"{len(people)}: {names(people)}" if people else "nobody known"


class AlternativesModel(QAbstractTableModel):
    alternatives_edited = Signal(object, str)  # the new tuple of alternatives, the undo text
    refused = Signal(str)

    def __init__(self) -> None:
        super().__init__()
        self.read_only = False
        self._alternatives: tuple[Alternative, ...] = ()
        self._leaning: dict[str, list[Person]] = {}

    def set_deal(self, deal: Deal | None, read_only: bool = False) -> None:
        self.beginResetModel()
        self.read_only = read_only
        self._alternatives = deal.alternatives if deal else ()
        self._leaning = {}
        for person in deal.people if deal else ():
            if person.leans_to is not None:
                self._leaning.setdefault(person.leans_to, []).append(person)
        self.endResetModel()

    def alternative(self, row: int) -> Alternative:
        return self._alternatives[row]

    def leaning_to(self, alternative_id: str) -> list[Person]:
        return self._leaning.get(alternative_id, [])

    def row_of(self, alternative_id: str) -> int | None:
        return next((row for row, a in enumerate(self._alternatives)
                     if a.id == alternative_id), None)

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._alternatives)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(HEADERS)

    def headerData(self, section: int, orientation: Qt.Orientation,
                   role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if orientation is Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return HEADERS[section]
        if orientation is Qt.Orientation.Horizontal and role == Qt.ItemDataRole.ToolTipRole:
            return {LEANING: "The people who favour this alternative over us (set in the "
                             "inspector: Leans to)",
                    COACHING: "Those of them who coach a competitor (they tell the "
                              "competitor what we do)"}.get(section)
        return None

    def flags(self, index: Index) -> Qt.ItemFlag:
        flags = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
        if index.column() == NAME and not self.read_only:
            flags |= Qt.ItemFlag.ItemIsEditable
        return flags

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        alternative, column = self._alternatives[index.row()], index.column()
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.EditRole):
            if column == NAME:
                return alternative.name
            leaning = self.leaning_to(alternative.id)
            if column == LEANING:
                return leaning_text(leaning)
            return names([p for p in leaning if p.coaches_competitor])
        if role == Qt.ItemDataRole.ToolTipRole and column == NAME:
            return f"{alternative.kind.label}: F2 renames it"
        if role == Qt.ItemDataRole.ToolTipRole and column in (LEANING, COACHING):
            return self.data(index) or None
        return None

    def setData(self, index: Index, value: Any, role: int = Qt.ItemDataRole.EditRole) -> bool:
        if role != Qt.ItemDataRole.EditRole or index.column() != NAME or self.read_only:
            return False
        before = self._alternatives[index.row()]
        try:
            after = replace(before, name=str(value))
        except ValidationError as error:
            self.refused.emit(f"Alternative name: {error.problem}.")
            return False
        if after == before:
            return False
        others = {a.name.casefold() for a in self._alternatives if a.id != before.id}
        if after.name.casefold() in others:
            self.refused.emit(f"“{after.name}” is listed already.")
            return False
        alternatives = list(self._alternatives)
        alternatives[index.row()] = after
        self.alternatives_edited.emit(tuple(alternatives),
                                      f"Rename “{before.name}” to “{after.name}”")
        return True
