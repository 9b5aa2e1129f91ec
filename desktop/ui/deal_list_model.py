"""The deals of the library as a list, filtered by name or account."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from PySide6.QtCore import (
    QAbstractListModel,
    QModelIndex,
    QSortFilterProxyModel,
    Qt,
)

from desktop.domain.wording import people_count, plural
from desktop.store.summaries import DealSummary
from desktop.ui.qt_types import Index

DEAL_ID_ROLE = Qt.ItemDataRole.UserRole + 1
FILTER_ROLE = Qt.ItemDataRole.UserRole + 2


class DealListModel(QAbstractListModel):
    def __init__(self) -> None:
        super().__init__()
        self._deals: list[DealSummary] = []

    def set_deals(self, deals: Sequence[DealSummary]) -> None:
        new_ids = [d.id for d in deals]
        if new_ids == [d.id for d in self._deals]:
            for row, deal in enumerate(deals):
                if deal != self._deals[row]:
                    self._deals[row] = deal
                    self.dataChanged.emit(self.index(row), self.index(row))
            return
        self.beginResetModel()
        self._deals = list(deals)
        self.endResetModel()

    def update_summary(self, summary: DealSummary) -> None:
        """One deal's line again (its people count after an edit of that deal alone)."""
        row = self.row_of(summary.id)
        if row is not None and self._deals[row] != summary:
            self._deals[row] = summary
            self.dataChanged.emit(self.index(row), self.index(row))

    def row_of(self, deal_id: str) -> int | None:
        return next((i for i, d in enumerate(self._deals) if d.id == deal_id), None)

    def summary_at(self, row: int) -> DealSummary:
        return self._deals[row]

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._deals)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._deals):
            return None
        deal = self._deals[index.row()]
        if role == Qt.ItemDataRole.DisplayRole:
            # First, so a long account name cannot cut it off the line.
            late = f"{deal.overdue} overdue" if deal.overdue else ""
            second = " · ".join(part for part in (late, deal.account,
                                                  people_count(deal.people)) if part)
            return f"{deal.name}\n{second}"
        if role == Qt.ItemDataRole.ToolTipRole:
            lines = [deal.name, deal.account, people_count(deal.people),
                     plural(deal.overdue, "action overdue", "actions overdue")
                     if deal.overdue else ""]
            if deal.stage:
                lines.append(f"Stage: {deal.stage}")
            return "\n".join(line for line in lines if line)
        if role == DEAL_ID_ROLE:
            return deal.id
        if role == FILTER_ROLE:
            return f"{deal.name}\n{deal.account}"
        return None


class DealFilterModel(QSortFilterProxyModel):
    def __init__(self) -> None:
        super().__init__()
        self.setFilterRole(FILTER_ROLE)
        self.setFilterCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
