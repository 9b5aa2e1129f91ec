"""The deal's decision criteria as a table: rank, criterion, weight, owner, our rating, one
column per alternative with its rating, and the evidence.

Read from the shown deal, never written by the view: an edit in a cell asks for the whole
new list of criteria (``criteria_edited``) and the panel makes it one undo step. A rating
cell of an alternative is tinted where the customer rates it above us (red) or below us
(green), so the gaps a seller must close stand out.
"""

from __future__ import annotations

from dataclasses import replace
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, Qt, Signal
from PySide6.QtGui import QColor

from desktop.domain.deal import Deal
from desktop.domain.decision import WEIGHT_MAX, WEIGHT_MIN, Alternative, Criterion
from desktop.domain.errors import ValidationError
from desktop.domain.wording import score_text
from desktop.ui.qt_types import Index
from desktop.ui.standing_text import gap_phrase

RANK, TEXT, WEIGHT, OWNER, OURS = range(5)
FIRST_ALTERNATIVE = 5
BEHIND = QColor("#F8D7D3")  # they are rated above us on this criterion
AHEAD = QColor("#D8EFD9")
NOBODY = "—"


class CriteriaModel(QAbstractTableModel):
    criteria_edited = Signal(object, str)  # the new tuple of criteria, the undo text
    refused = Signal(str)  # one sentence: the value typed is not allowed

    def __init__(self) -> None:
        super().__init__()
        self.deal: Deal | None = None
        self.read_only = False
        self._criteria: tuple[Criterion, ...] = ()
        self._alternatives: tuple[Alternative, ...] = ()
        self._names: dict[str, str] = {}

    def set_deal(self, deal: Deal | None, read_only: bool = False) -> None:
        self.beginResetModel()
        self.deal, self.read_only = deal, read_only
        self._criteria = deal.criteria if deal else ()
        self._alternatives = deal.alternatives if deal else ()
        self._names = {p.id: p.name for p in deal.people} if deal else {}
        self.endResetModel()

    # -- where things are -------------------------------------------------------------------

    @property
    def evidence_column(self) -> int:
        return FIRST_ALTERNATIVE + len(self._alternatives)

    def alternative_at(self, column: int) -> Alternative | None:
        offset = column - FIRST_ALTERNATIVE
        return self._alternatives[offset] if 0 <= offset < len(self._alternatives) else None

    def column_of(self, alternative_id: str) -> int:
        return FIRST_ALTERNATIVE + [a.id for a in self._alternatives].index(alternative_id)

    def criterion(self, row: int) -> Criterion:
        return self._criteria[row]

    def row_of(self, criterion_id: str) -> int | None:
        return next((row for row, c in enumerate(self._criteria) if c.id == criterion_id), None)

    # -- Qt's model -------------------------------------------------------------------------

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._criteria)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else self.evidence_column + 1

    def headerData(self, section: int, orientation: Qt.Orientation,
                   role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if orientation is not Qt.Orientation.Horizontal:
            return None
        alternative = self.alternative_at(section)
        if role == Qt.ItemDataRole.DisplayRole:
            if alternative is not None:
                return two_lines(alternative.name)
            return {RANK: "#", TEXT: "Criterion", WEIGHT: "Weight", OWNER: "Owner",
                    OURS: "Us", self.evidence_column: "Evidence"}.get(section)
        if role == Qt.ItemDataRole.ToolTipRole:
            if alternative is not None:
                return f"How the customer rates {alternative.name}, 0–10 (? = not known)"
            return {RANK: "Rank: Ctrl+Up / Ctrl+Down move the criterion",
                    WEIGHT: f"How much it counts, {WEIGHT_MIN}–{WEIGHT_MAX}",
                    OWNER: "The person who judges this criterion",
                    OURS: "How the customer rates us, 0–10 (? = not known)",
                    self.evidence_column: "How we know the ratings"}.get(section)
        return None

    def flags(self, index: Index) -> Qt.ItemFlag:
        flags = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
        if index.column() != RANK and not self.read_only:
            flags |= Qt.ItemFlag.ItemIsEditable
        return flags

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        criterion = self._criteria[index.row()]
        column = index.column()
        alternative = self.alternative_at(column)
        if role == Qt.ItemDataRole.EditRole:
            return self._value(criterion, column, alternative)
        if role == Qt.ItemDataRole.DisplayRole:
            if column == RANK:
                return str(index.row() + 1)
            if column == OWNER:
                return self._names.get(criterion.owner or "", NOBODY)
            if column == OURS:
                return score_text(criterion.ours)
            if alternative is not None:
                return score_text(criterion.theirs.get(alternative.id))
            value = self._value(criterion, column, alternative)
            if column == self.evidence_column:
                return str(value).split("\n", 1)[0]
            return str(value)
        if role == Qt.ItemDataRole.TextAlignmentRole and (
                column in (RANK, WEIGHT, OURS) or alternative is not None):
            return Qt.AlignmentFlag.AlignCenter
        if role == Qt.ItemDataRole.BackgroundRole and alternative is not None:
            gap = criterion.gap(alternative.id)
            if gap is not None and gap != 0:
                return AHEAD if gap > 0 else BEHIND
        if role == Qt.ItemDataRole.ToolTipRole:
            if column == self.evidence_column and criterion.evidence:
                return criterion.evidence
            if column == TEXT:
                return criterion.text  # cut short in a narrow column
            if alternative is not None:
                gap = criterion.gap(alternative.id)
                if gap is not None:
                    return gap_phrase(alternative, gap, str(abs(gap)))
        return None

    def _value(self, criterion: Criterion, column: int, alternative: Alternative | None) -> Any:
        if alternative is not None:
            return criterion.theirs.get(alternative.id)
        if column == self.evidence_column:
            return criterion.evidence
        return {RANK: None, TEXT: criterion.text, WEIGHT: criterion.weight,
                OWNER: criterion.owner, OURS: criterion.ours}.get(column)

    def setData(self, index: Index, value: Any, role: int = Qt.ItemDataRole.EditRole) -> bool:
        if role != Qt.ItemDataRole.EditRole or not index.isValid() or self.read_only:
            return False
        row, column = index.row(), index.column()
        before = self._criteria[row]
        alternative = self.alternative_at(column)
        if (isinstance(value, str) and column in (WEIGHT, OURS)) or (
                alternative is not None and isinstance(value, str)):
            value = _number(value)
        try:
            if alternative is not None:
                after = replace(before, theirs={**before.theirs, alternative.id: value})
                what = f"{alternative.name}'s rating"
            elif column == self.evidence_column:
                after = replace(before, evidence="" if value is None else str(value))
                what = "evidence"
            else:
                name = {TEXT: "text", WEIGHT: "weight", OWNER: "owner", OURS: "ours"}[column]
                after = replace(before, **{name: value})
                what = {"ours": "our rating"}.get(name, name)
        except ValidationError as error:
            self.refused.emit(f"Criterion {what_of(column, alternative, self)}: "
                              f"{error.problem}.")
            return False
        if after == before:
            return False
        criteria = list(self._criteria)
        criteria[row] = after
        self.criteria_edited.emit(tuple(criteria), f"Criterion “{after.text}”: {what}")
        return True


def two_lines(name: str, longest: int = 10) -> str:
    """A long alternative's name on two lines, so that its rating column stays narrow."""
    if len(name) <= longest or " " not in name:
        return name
    middle = len(name) // 2
    cut = min((i for i, c in enumerate(name) if c == " "), key=lambda i: abs(i - middle))
    return f"{name[:cut]}\n{name[cut + 1:]}"


def what_of(column: int, alternative: Alternative | None, model: CriteriaModel) -> str:
    if alternative is not None:
        return f"rating of {alternative.name}"
    if column == model.evidence_column:
        return "evidence"
    return {TEXT: "text", WEIGHT: "weight", OWNER: "owner", OURS: "our rating"}.get(column, "")


def _number(text: str) -> int | str | None:
    """A rating or weight typed as text: "" or "?" is not known; a number is a number; any
    other text stays text (the domain says why it is refused)."""
    text = text.strip()
    if text in ("", "?"):
        return None
    try:
        return int(text)
    except ValueError:
        return text
