"""The customer's decision process as a table: the steps in order, each with its approver,
planned date and status.

The steps that threaten the close date are marked where a seller looks: a remaining step
planned after the deal's close date has its date in red ("after the close date"), and a
remaining step with no date says "no date" in amber — the deal cannot close on a date the
customer's own process does not reach. Edits ask for the whole new list of steps
(``process_edited``); the panel makes each one undo step.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import date
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, Qt, Signal
from PySide6.QtGui import QColor

from desktop.domain.deal import Deal
from desktop.domain.decision import ProcessStep, StepStatus, steps_after, undated_steps
from desktop.domain.errors import ValidationError
from desktop.ui.qt_types import Index

NUMBER, STEP, APPROVER, PLANNED, STATUS = range(5)
HEADERS = ("#", "Step", "Approver", "Planned", "Status")
LATE = QColor("#B3261E")
UNDATED = QColor("#8A5A00")
FINISHED = QColor("#6B6B6B")
STATUS_LABELS = {StepStatus.PLANNED: "Planned", StepStatus.UNDER_WAY: "Under way",
                 StepStatus.DONE: "Done", StepStatus.SKIPPED: "Skipped"}
NO_DATE = "no date"


def date_text(value: date | None) -> str:
    return value.isoformat() if value else ""


class ProcessModel(QAbstractTableModel):
    process_edited = Signal(object, str)  # the new tuple of steps, the undo text
    refused = Signal(str)

    def __init__(self) -> None:
        super().__init__()
        self.deal: Deal | None = None
        self.read_only = False
        self._steps: tuple[ProcessStep, ...] = ()
        self._late: set[str] = set()
        self._undated: set[str] = set()
        self._names: dict[str, str] = {}

    def set_deal(self, deal: Deal | None, read_only: bool = False) -> None:
        self.beginResetModel()
        self.deal, self.read_only = deal, read_only
        self._steps = deal.process if deal else ()
        self._late = {s.id for s in steps_after(self._steps, deal.close_date if deal else None)}
        self._undated = {s.id for s in undated_steps(self._steps)}
        self._names = {p.id: p.name for p in deal.people} if deal else {}
        self.endResetModel()

    def step(self, row: int) -> ProcessStep:
        return self._steps[row]

    def row_of(self, step_id: str) -> int | None:
        return next((row for row, s in enumerate(self._steps) if s.id == step_id), None)

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._steps)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(HEADERS)

    def headerData(self, section: int, orientation: Qt.Orientation,
                   role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if orientation is Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return HEADERS[section]
        if orientation is Qt.Orientation.Horizontal and role == Qt.ItemDataRole.ToolTipRole:
            return {NUMBER: "Order: Ctrl+Up / Ctrl+Down move the step",
                    APPROVER: "The person who approves this step",
                    PLANNED: "When the customer plans it (type 2027-06-30)"}.get(section)
        return None

    def flags(self, index: Index) -> Qt.ItemFlag:
        flags = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
        if index.column() != NUMBER and not self.read_only:
            flags |= Qt.ItemFlag.ItemIsEditable
        return flags

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        step, column = self._steps[index.row()], index.column()
        if role == Qt.ItemDataRole.EditRole:
            return {NUMBER: None, STEP: step.name, APPROVER: step.approver,
                    PLANNED: step.planned, STATUS: step.status}[column]
        if role == Qt.ItemDataRole.DisplayRole:
            if column == NUMBER:
                return str(index.row() + 1)
            if column == STEP:
                return step.name
            if column == APPROVER:
                return self._names.get(step.approver or "", "—")
            if column == PLANNED:
                return NO_DATE if step.id in self._undated else date_text(step.planned)
            return STATUS_LABELS[step.status]
        if role == Qt.ItemDataRole.ForegroundRole:
            if column == PLANNED and step.id in self._late:
                return LATE
            if column == PLANNED and step.id in self._undated:
                return UNDATED
            if not step.remaining:
                return FINISHED
        if role == Qt.ItemDataRole.ToolTipRole and column == STEP:
            return step.name
        if role == Qt.ItemDataRole.ToolTipRole and column == PLANNED:
            if step.id in self._late and self.deal and self.deal.close_date:
                return (f"Planned after the close date ({self.deal.close_date.isoformat()}): "
                        "the deal cannot close when it says")
            if step.id in self._undated:
                return "No date yet: ask when the customer plans it"
        if role == Qt.ItemDataRole.TextAlignmentRole and column == NUMBER:
            return Qt.AlignmentFlag.AlignCenter
        return None

    def setData(self, index: Index, value: Any, role: int = Qt.ItemDataRole.EditRole) -> bool:
        if role != Qt.ItemDataRole.EditRole or not index.isValid() or self.read_only:
            return False
        row, column = index.row(), index.column()
        before = self._steps[row]
        name = {STEP: "name", APPROVER: "approver", PLANNED: "planned",
                STATUS: "status"}.get(column)
        if name is None:
            return False
        if column == PLANNED and isinstance(value, str):
            self.refused.emit(f"Planned date: “{value}” is not a date (write it as "
                              "2027-06-30).")
            return False
        try:
            after = replace(before, **{name: value})
        except ValidationError as error:
            self.refused.emit(f"Step {name}: {error.problem}.")
            return False
        if after == before:
            return False
        steps = list(self._steps)
        steps[row] = after
        what = {"name": "name", "approver": "approver", "planned": "date",
                "status": STATUS_LABELS[after.status].lower()}[name]
        self.process_edited.emit(tuple(steps), f"Step “{after.name}”: {what}")
        return True
