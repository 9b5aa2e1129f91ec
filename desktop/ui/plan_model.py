"""The deal's plan as a tree for the Plan tab: one row per group (overdue, this week, later,
no date yet, done or dropped), the group's actions under it.

Sorting and filtering are done here, on rows whose cells and sort keys are computed once
per change of the deal, with Python's ``sorted`` — not by a QSortFilterProxyModel, whose
``lessThan`` would be called back into Python for each of ~20,000 comparisons of a
2,000-action plan (see benchmarks/plan_tab.py). The groups stay in their order whatever the
sort; a sort orders the actions within each group.

Every rearrangement is a ``layoutChanged`` whose persistent indexes follow their action by
id, so the selection, the current cell and an open editor survive an edit, an undo or a
sort. An edit in a cell changes nothing here: it asks for a change (``edit_requested``) and
the rows change when the session's change set comes back (:meth:`set_deal`).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, replace
from datetime import date, timedelta
from enum import IntEnum
from typing import Any

from PySide6.QtCore import (
    QAbstractItemModel,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
    QTimer,
    Signal,
)
from PySide6.QtGui import QBrush, QColor, QFont

from desktop.domain.action_wording import due_words, intended_words
from desktop.domain.actions import Action, ActionStatus, OwnerSide, PlanGroup, plan_order
from desktop.domain.deal import Deal
from desktop.domain.errors import ValidationError
from desktop.domain.plan_reading import for_whom, owner_text
from desktop.palette import MUTED_INK, OVERDUE
from desktop.ui.qt_types import Index
from desktop.ui.widgets.date_field import parse_date

ACTION_ID_ROLE = Qt.ItemDataRole.UserRole + 1
VALUE_ROLE = Qt.ItemDataRole.UserRole + 2  # the domain value a cell edits (status, owner …)
OVERDUE_COLOUR = QColor(OVERDUE)
_MUTED = QColor(MUTED_INK)


class PlanColumn(IntEnum):
    """The action first (its column carries the tree's indentation), then when and whose;
    the status last: the group already says open or closed."""

    ACTION = 0
    DUE = 1
    OWNER = 2
    FOR = 3
    INTENDED = 4
    STATUS = 5

    @property
    def header(self) -> str:
        return _HEADERS[self]


_HEADERS = {PlanColumn.STATUS: "Status", PlanColumn.ACTION: "Action",
            PlanColumn.OWNER: "Owner", PlanColumn.DUE: "Due", PlanColumn.FOR: "For",
            PlanColumn.INTENDED: "Intended change"}
_TOOLTIPS = {
    PlanColumn.STATUS: "Open, done or dropped (Ctrl+Enter completes)",
    PlanColumn.OWNER: "Whose work it is: us, the customer or a partner — and who",
    PlanColumn.DUE: "When it is due (overdue in red)",
    PlanColumn.FOR: "The people it is meant to move (F2: edit)",
    PlanColumn.INTENDED: "The score it is meant to change (F2: edit)",
}
_EDITABLE = {PlanColumn.STATUS, PlanColumn.ACTION, PlanColumn.OWNER, PlanColumn.DUE}
_GROUP = 0  # the internal id of a top-level row; an action's is its group's row + 1


@dataclass(frozen=True, slots=True)
class PlanRow:
    """One action as the tab shows it: its cells and what the filter looks in, worked out
    once per change of the deal, not on each paint or comparison."""

    action: Action
    group: PlanGroup
    cells: tuple[str, ...]
    haystack: str  # every cell, case-folded: what the filter searches
    overdue: bool


def plan_rows(deal: Deal, today: date) -> list[PlanRow]:
    """The deal's actions in the plan's own order (``plan_order``)."""
    rows = []
    for group, actions in plan_order(deal.actions, today):
        for action in actions:
            by_column = {PlanColumn.STATUS: action.status.label,
                         PlanColumn.ACTION: action.text,
                         PlanColumn.OWNER: owner_text(deal, action),
                         PlanColumn.DUE: due_words(action, today),
                         PlanColumn.FOR: for_whom(deal, action),
                         PlanColumn.INTENDED: intended_words(deal, action.intended)}
            cells = tuple(by_column[column] for column in PlanColumn)
            words = (*cells, group.label, *(("internal",) if action.internal else ()))
            rows.append(PlanRow(action, group, cells, " ".join(words).casefold(),
                                action.is_overdue(today)))
    return rows


def example_due(today: date) -> str:
    """A date showing how one is typed, for any deal: a fortnight ahead, in the one format
    (a fixed date from one demo deal read as if it belonged to every deal)."""
    return (today + timedelta(days=14)).isoformat()


def _key(column: PlanColumn) -> Callable[[PlanRow], Any]:
    """The sort key of a column: empty cells sort last whichever way (see :func:`arrange`)."""
    if column is PlanColumn.DUE:
        return lambda row: row.action.due or date.max
    if column is PlanColumn.STATUS:
        order = {status: n for n, status in enumerate(ActionStatus)}
        return lambda row: order[row.action.status]
    return lambda row: row.cells[column].casefold()


def arrange(rows: list[PlanRow], column: int, order: Qt.SortOrder, text: str,
            show_closed: bool) -> list[tuple[PlanGroup, list[PlanRow]]]:
    """The groups to show, in their order, each with its rows filtered by ``text`` (every
    word must appear) and sorted by ``column`` (-1: the plan's order). Groups left empty
    are left out; so are done and dropped actions unless ``show_closed``."""
    words = text.casefold().split()
    kept = [row for row in rows
            if (show_closed or row.group is not PlanGroup.CLOSED)
            and all(word in row.haystack for word in words)]
    if 0 <= column < len(PlanColumn):
        key = _key(PlanColumn(column))
        descending = order == Qt.SortOrder.DescendingOrder
        full = [row for row in kept if row.cells[column]]
        empty = [row for row in kept if not row.cells[column]]
        kept = sorted(full, key=key, reverse=descending) + empty  # stable: plan order ties
    groups: dict[PlanGroup, list[PlanRow]] = {}
    for row in kept:
        groups.setdefault(row.group, []).append(row)
    return [(group, groups[group]) for group in PlanGroup if group in groups]


class PlanModel(QAbstractItemModel):
    """Groups at the top level, their actions as children; six columns."""

    edit_requested = Signal(object, str)  # the action after the edit, what changed
    status_requested = Signal(str, object)  # action id, ActionStatus
    added = Signal(object)  # a new Action typed in the draft row
    refused = Signal(str)  # one sentence: what was typed cannot be taken

    def __init__(self, today: Callable[[], date] = date.today) -> None:
        super().__init__()
        self.today = today
        self.read_only = False
        # The cell whose typed value was refused, and the text: the panel opens it again
        # with that text, to be corrected rather than typed anew.
        self.last_refused: tuple[str, PlanColumn, str] | None = None
        self._deal: Deal | None = None
        self._rows: list[PlanRow] = []
        self._groups: list[tuple[PlanGroup, list[PlanRow]]] = []
        self._column = -1
        self._order = Qt.SortOrder.AscendingOrder
        self._text = ""
        self._show_closed = True
        self.draft: str | None = None  # a new action being typed: the last top-level row
        # Its text was taken and the action asked for: the row only waits to go away. It is
        # not editable then, else Tab (which opens the next editable cell — this one again)
        # gave it a second editor whose closing asked for the same action a second time.
        self._draft_taken = False

    # -- what is shown ------------------------------------------------------------------------

    def set_deal(self, deal: Deal | None) -> None:
        """Show ``deal``'s plan as it is now (the rows follow their actions by id)."""
        self._deal = deal
        self._rows = plan_rows(deal, self.today()) if deal is not None else []
        self._relayout()

    def set_filter(self, text: str) -> None:
        if text != self._text:
            self._text = text
            self._relayout()

    def set_show_closed(self, shown: bool) -> None:
        if shown != self._show_closed:
            self._show_closed = shown
            self._relayout()

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        self._column, self._order = column, order
        self._relayout()

    def start_draft(self) -> QModelIndex:
        """A new, empty row for the next action's text; its text cell."""
        if self.draft is None:
            row = len(self._groups)
            self.beginInsertRows(QModelIndex(), row, row)
            self.draft = ""
            self._draft_taken = False
            self.endInsertRows()
        return self.index(len(self._groups), PlanColumn.ACTION)

    def cancel_draft(self) -> None:
        if self.draft is not None:
            row = len(self._groups)
            self.beginRemoveRows(QModelIndex(), row, row)
            self.draft = None
            self.endRemoveRows()

    def _relayout(self) -> None:
        self.layoutAboutToBeChanged.emit()
        old = self.persistentIndexList()
        keys = [self._key_of(index) for index in old]
        self._groups = arrange(self._rows, self._column, self._order, self._text,
                               self._show_closed)
        places = self._places()
        new = [self._index_for(key, index.column(), places) for key, index in zip(keys, old,
                                                                                  strict=True)]
        self.changePersistentIndexList(old, new)
        self.layoutChanged.emit()

    def _places(self) -> dict[object, tuple[int, int]]:
        """Where each group and action sits now: (group row, row in group; -1 for a group)."""
        places: dict[object, tuple[int, int]] = {}
        for g, (group, rows) in enumerate(self._groups):
            places[group] = (g, -1)
            for r, row in enumerate(rows):
                places[row.action.id] = (g, r)
        return places

    def _key_of(self, index: QModelIndex | QPersistentModelIndex) -> object:
        group, row = self._locate(index)
        if row is not None:
            return row.action.id
        return group if group is not None else "draft"

    def _index_for(self, key: object, column: int,
                   places: dict[object, tuple[int, int]]) -> QModelIndex:
        if key == "draft":
            return self.createIndex(len(self._groups), column, _GROUP) \
                if self.draft is not None else QModelIndex()
        place = places.get(key)
        if place is None:
            return QModelIndex()
        g, r = place
        return self.createIndex(g, column, _GROUP) if r < 0 else \
            self.createIndex(r, column, g + 1)

    # -- reading the tree -----------------------------------------------------------------------

    def _locate(self, index: QModelIndex | QPersistentModelIndex
                ) -> tuple[PlanGroup | None, PlanRow | None]:
        """(the group of a group row, None), (group, its row) for an action, (None, None)
        for the draft or nothing."""
        if not index.isValid():
            return None, None
        parent = index.internalId()
        if parent == _GROUP:
            if index.row() < len(self._groups):
                return self._groups[index.row()][0], None
            return None, None
        if parent - 1 < len(self._groups):
            group, rows = self._groups[parent - 1]
            if index.row() < len(rows):
                return group, rows[index.row()]
        return None, None

    def action_at(self, index: QModelIndex | QPersistentModelIndex) -> Action | None:
        row = self._locate(index)[1]
        return row.action if row is not None else None

    def row_at(self, index: QModelIndex | QPersistentModelIndex) -> PlanRow | None:
        return self._locate(index)[1]

    def group_at(self, index: QModelIndex | QPersistentModelIndex) -> PlanGroup | None:
        """The group of a group's own row (None on an action or the draft)."""
        group, row = self._locate(index)
        return group if row is None else None

    def is_draft(self, index: QModelIndex | QPersistentModelIndex) -> bool:
        return (index.isValid() and index.internalId() == _GROUP and self.draft is not None
                and index.row() == len(self._groups))

    def index_of(self, action_id: str, column: int = PlanColumn.ACTION) -> QModelIndex:
        """The cell of the action (invalid when it is filtered out or gone)."""
        return self._index_for(action_id, column, self._places())

    def groups(self) -> list[tuple[PlanGroup, list[PlanRow]]]:
        """What is shown, in order (for the tab's tests and the benchmark)."""
        return [(group, list(rows)) for group, rows in self._groups]

    @property
    def deal(self) -> Deal | None:
        return self._deal

    # -- the model interface ------------------------------------------------------------------

    def index(self, row: int, column: int,
              parent: Index = QModelIndex()) -> QModelIndex:  # noqa: B008
        if not 0 <= column < len(PlanColumn) or row < 0:
            return QModelIndex()
        if not parent.isValid():
            top = len(self._groups) + (self.draft is not None)
            return self.createIndex(row, column, _GROUP) if row < top else QModelIndex()
        if parent.internalId() != _GROUP or parent.row() >= len(self._groups):
            return QModelIndex()
        rows = self._groups[parent.row()][1]
        return self.createIndex(row, column, parent.row() + 1) if row < len(rows) \
            else QModelIndex()

    def parent(self, index: Index = QModelIndex()) -> QModelIndex:  # type: ignore[override]  # noqa: B008
        if not index.isValid() or index.internalId() == _GROUP:
            return QModelIndex()
        return self.createIndex(index.internalId() - 1, 0, _GROUP)

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        if not parent.isValid():
            return len(self._groups) + (self.draft is not None)
        if parent.column() == 0 and parent.internalId() == _GROUP \
                and parent.row() < len(self._groups):
            return len(self._groups[parent.row()][1])
        return 0

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return len(PlanColumn)

    def headerData(self, section: int, orientation: Qt.Orientation,
                   role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if orientation != Qt.Orientation.Horizontal or not 0 <= section < len(PlanColumn):
            return None
        if role == Qt.ItemDataRole.DisplayRole:
            return PlanColumn(section).header
        if role == Qt.ItemDataRole.ToolTipRole:
            return _TOOLTIPS.get(PlanColumn(section))
        return None

    def flags(self, index: Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        flags = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
        editable = (self.is_draft(index) and index.column() == PlanColumn.ACTION
                    and not self._draft_taken) or (
            self.row_at(index) is not None and index.column() in _EDITABLE)
        if editable and not self.read_only:
            flags |= Qt.ItemFlag.ItemIsEditable
        return flags

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        group, row = self._locate(index)
        column = index.column()
        if row is not None:
            return self._action_data(row, PlanColumn(column), role)
        if group is not None:
            return self._group_data(group, index.row(), column, role)
        if self.is_draft(index):
            if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.EditRole):
                return {PlanColumn.STATUS: "New", PlanColumn.ACTION: self.draft}.get(
                    PlanColumn(column), "")
            if role == Qt.ItemDataRole.ForegroundRole:
                return QBrush(_MUTED)
        return None

    def _group_data(self, group: PlanGroup, row: int, column: int, role: int) -> Any:
        if role == Qt.ItemDataRole.DisplayRole and column == 0:
            count = len(self._groups[row][1])
            return f"{group.label} ({count})"
        if role == Qt.ItemDataRole.FontRole:
            font = QFont()
            font.setBold(True)
            return font
        if role == Qt.ItemDataRole.ForegroundRole and group is PlanGroup.OVERDUE:
            return QBrush(OVERDUE_COLOUR)
        if role == Qt.ItemDataRole.AccessibleTextRole and column == 0:
            return f"{group.label}: {len(self._groups[row][1])} actions"
        return None

    def _action_data(self, row: PlanRow, column: PlanColumn, role: int) -> Any:
        action = row.action
        if role == Qt.ItemDataRole.DisplayRole:
            return row.cells[column]
        if role == Qt.ItemDataRole.EditRole:
            if column is PlanColumn.DUE:
                return action.due.isoformat() if action.due else ""
            if column is PlanColumn.OWNER:
                return self._deal.owner_name(action) if self._deal else action.owner
            return row.cells[column]
        if role == VALUE_ROLE:
            return {PlanColumn.STATUS: action.status, PlanColumn.OWNER: action.owner,
                    PlanColumn.DUE: action.due}.get(column)
        if role == ACTION_ID_ROLE:
            return action.id
        if role == Qt.ItemDataRole.ForegroundRole:
            if row.overdue and column in (PlanColumn.DUE, PlanColumn.ACTION,
                                          PlanColumn.STATUS):
                return QBrush(OVERDUE_COLOUR)
            if not action.is_open:
                return QBrush(_MUTED)
        if role == Qt.ItemDataRole.FontRole and column is PlanColumn.ACTION and (
                action.status is ActionStatus.DROPPED or action.internal):
            font = QFont()
            font.setStrikeOut(action.status is ActionStatus.DROPPED)
            font.setItalic(action.internal)  # ours alone: not on the mutual plan
            return font
        if role == Qt.ItemDataRole.ToolTipRole and column in (PlanColumn.ACTION,
                                                              PlanColumn.INTENDED):
            tip = row.cells[column]
            if action.internal and column is PlanColumn.ACTION:
                tip += "\nInternal: our own homework, left off the mutual action plan."
            return tip or None
        return None

    def setData(self, index: Index, value: Any,
                role: int = Qt.ItemDataRole.EditRole) -> bool:
        if role != Qt.ItemDataRole.EditRole or self.read_only or not index.isValid():
            return False
        if self.is_draft(index):
            return not self._draft_taken and self._typed_draft(str(value or ""))
        row = self.row_at(index)
        if row is None:
            return False
        column = PlanColumn(index.column())
        if column is PlanColumn.STATUS:
            if isinstance(value, ActionStatus) and value is not row.action.status:
                self.status_requested.emit(row.action.id, value)
                return True
            return False
        try:
            after, what = self._edited(row.action, column, value)
        except ValidationError as error:
            self.last_refused = (row.action.id, column, str(value))
            self.refused.emit(f"{column.header}: {error.problem}.")
            return False
        except ValueError as error:
            self.last_refused = (row.action.id, column, str(value))
            self.refused.emit(f"{column.header}: {error}.")
            return False
        if after == row.action:
            return False
        self.edit_requested.emit(after, what)
        return True

    def _typed_draft(self, text: str) -> bool:
        """The draft's text is typed: the action is asked for once the editor has closed
        (the row it is typed in goes away then, not under the editor)."""
        text = text.strip()
        if not text:
            return False  # the panel forgets the empty draft when its editor closes
        try:
            action = Action(text)
        except ValidationError as error:
            self.refused.emit(f"Action: {error.problem}.")
            return False
        self.draft = text  # shown until the store has it
        self._draft_taken = True
        QTimer.singleShot(0, lambda: self._finish_draft(action))
        return True

    def _finish_draft(self, action: Action) -> None:
        self.cancel_draft()
        self.added.emit(action)

    def _edited(self, action: Action, column: PlanColumn, value: Any) -> tuple[Action, str]:
        if column is PlanColumn.ACTION:
            return replace(action, text=str(value)), "text"
        if column is PlanColumn.DUE:
            due = value if isinstance(value, date) or value is None else \
                parse_date(str(value))
            return replace(action, due=due), "due date"
        if column is PlanColumn.OWNER:
            return self._owned(action, str(value or "").strip()), "owner"
        raise ValueError("cannot be edited here")

    def _owned(self, action: Action, name: str) -> Action:
        """A person of the deal chosen by name owns it for the customer (or for the partner,
        when it was the partner's); any other name is someone on our side (or the
        partner's, when it was theirs)."""
        deal = self._deal
        person = next((p for p in deal.people if p.name == name), None) if deal else None
        if person is not None:
            side = OwnerSide.PARTNER if action.owner_side is OwnerSide.PARTNER else \
                OwnerSide.CUSTOMER
            return replace(action, owner=person.id, owner_side=side)
        side = OwnerSide.PARTNER if action.owner_side is OwnerSide.PARTNER else OwnerSide.US
        return replace(action, owner=name, owner_side=side)
