"""The people of one deal as a table (Qt's model/view): read from the store, never written
by the view — an inline edit becomes an undo command through ``edit_requested``."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import replace
from datetime import date
from enum import IntEnum
from typing import Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QModelIndex,
    QSortFilterProxyModel,
    Qt,
    Signal,
)
from PySide6.QtGui import QBrush, QColor

from desktop.domain.action_wording import due_words, overdue_words
from desktop.domain.deal import Deal
from desktop.domain.enums import Axis
from desktop.domain.person import Person
from desktop.domain.plan_reading import owner_text
from desktop.domain.wording import UNKNOWN, score_text
from desktop.palette import OVERDUE
from desktop.ui.qt_types import Index

SORT_ROLE = Qt.ItemDataRole.UserRole + 1
PERSON_ID_ROLE = Qt.ItemDataRole.UserRole + 2


class Column(IntEnum):
    NAME = 0
    TITLE = 1
    ROLES = 2
    SUPPORT = 3
    INFLUENCE = 4
    BUSINESS = 5
    TECHNICAL = 6
    PERSONAL = 7
    LAST_CONTACT = 8
    LEANS_TO = 9
    DUE = 10
    NEXT_ACTION = 11  # last: it takes what is left of the width

    @property
    def header(self) -> str:
        return _HEADERS[self]

    @property
    def axis(self) -> Axis | None:
        return _AXES.get(self)


_HEADERS = {
    Column.NAME: "Name", Column.TITLE: "Title", Column.ROLES: "Roles",
    Column.SUPPORT: "Support", Column.INFLUENCE: "Influence", Column.BUSINESS: "Business",
    Column.TECHNICAL: "Technical", Column.PERSONAL: "Personal",
    Column.LAST_CONTACT: "Last contact", Column.LEANS_TO: "Leans to", Column.DUE: "Due",
    Column.NEXT_ACTION: "Next action",
}
SHOWN_ORDER = (Column.NAME, Column.TITLE, Column.NEXT_ACTION, Column.DUE, Column.SUPPORT,
               Column.INFLUENCE, Column.BUSINESS, Column.TECHNICAL, Column.PERSONAL,
               Column.ROLES, Column.LAST_CONTACT, Column.LEANS_TO)
"""The order the table shows its columns in (the model's stays as it was, for the saved
column widths and the code that names columns): who, then what they need next and by when
— on a laptop screen the plan's columns were past the right edge — then where they stand."""
PLAN_COLUMNS = (Column.LEANS_TO, Column.DUE, Column.NEXT_ACTION)
"""The columns read from the deal's plan, not from the person alone."""
_AXES = {Column.BUSINESS: Axis.BUSINESS, Column.TECHNICAL: Axis.TECHNICAL,
         Column.PERSONAL: Axis.PERSONAL}
_TOOLTIPS = {
    Column.BUSINESS: "Business outcome, 0–10 (? = unknown)",
    Column.TECHNICAL: "Technical fit, 0–10 (? = unknown)",
    Column.PERSONAL: "Personal win, 0–10 (? = unknown)",
    Column.NEXT_ACTION: "What does this person need in order to move forward? Their first "
                        "open action",
    Column.DUE: "When their next action is due (overdue in red)",
    Column.LEANS_TO: "The alternative they lean to (a competitor, doing nothing …)",
}

class PeopleTableModel(QAbstractTableModel):
    """Rows are the deal's people in their stored order; scores are editable in place.

    An edit in a cell asks for a change (``edit_requested``) and changes nothing itself; the
    row changes when the store's change set comes back (:meth:`update_people`).
    """

    edit_requested = Signal(object, object)  # Person before, Person after

    def __init__(self) -> None:
        super().__init__()
        self.unknown_sort_key = UNKNOWN_LAST[Qt.SortOrder.AscendingOrder]  # set by the sort
        self._people: list[Person] = []
        self._rows: dict[str, int] = {}
        self.read_only = False
        self._deal: Deal | None = None  # for the plan's columns (next action, leaning)
        self.today = date.today()

    def set_deal(self, deal: Deal | None) -> None:
        """The deal the people belong to, as it is now: its plan fills the next action, due
        and leans-to columns."""
        self._deal = deal
        self.today = date.today()

    def plan_changed(self) -> None:
        """The plan changed: the plan's columns of every row may read differently."""
        if self._people:
            for column in PLAN_COLUMNS:
                self.dataChanged.emit(self.index(0, column),
                                      self.index(len(self._people) - 1, column))

    # -- keeping in step with the store ---------------------------------------------------

    def reset(self, people: Sequence[Person]) -> None:
        """Show another deal's people (one reset, not a row at a time)."""
        self.beginResetModel()
        self._people = list(people)
        self._reindex()
        self.endResetModel()

    def update_people(self, people: Iterable[Person]) -> None:
        """New values for people already shown: one ``dataChanged`` per row."""
        last = len(Column) - 1
        for person in people:
            row = self._rows.get(person.id)
            if row is not None and self._people[row] != person:
                self._people[row] = person
                self.dataChanged.emit(self.index(row, 0), self.index(row, last))

    def set_people(self, people: Sequence[Person]) -> None:
        """Bring the rows in line with ``people`` (people came, went or changed order) with
        fine-grained signals, so selection and scroll position survive the change."""
        if not self._people:
            self.reset(people)
            return
        wanted = {p.id for p in people}
        for row in range(len(self._people) - 1, -1, -1):
            if self._people[row].id not in wanted:
                self.beginRemoveRows(QModelIndex(), row, row)
                del self._people[row]
                self.endRemoveRows()
        self._reindex()
        for row, person in enumerate(people):
            if row < len(self._people) and self._people[row].id == person.id:
                self.update_people([person])
                continue
            existing = self._rows.get(person.id)
            if existing is not None:  # order changed: move the row
                self.beginMoveRows(QModelIndex(), existing, existing, QModelIndex(), row)
                self._people.insert(row, self._people.pop(existing))
                self.endMoveRows()
            else:
                self.beginInsertRows(QModelIndex(), row, row)
                self._people.insert(row, person)
                self.endInsertRows()
            self._reindex()
            self.update_people([person])

    def _reindex(self) -> None:
        self._rows = {person.id: row for row, person in enumerate(self._people)}

    def people(self) -> list[Person]:
        return list(self._people)

    def person_at(self, row: int) -> Person:
        return self._people[row]

    def row_of(self, person_id: str) -> int | None:
        return self._rows.get(person_id)

    # -- the model interface --------------------------------------------------------------

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._people)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(Column)

    def headerData(self, section: int, orientation: Qt.Orientation,
                   role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if orientation != Qt.Orientation.Horizontal or not 0 <= section < len(Column):
            return None
        column = Column(section)
        if role == Qt.ItemDataRole.DisplayRole:
            return column.header
        if role == Qt.ItemDataRole.ToolTipRole:
            return _TOOLTIPS.get(column)
        return None

    def flags(self, index: Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        flags = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
        if Column(index.column()).axis is not None and not self.read_only:
            flags |= Qt.ItemFlag.ItemIsEditable
        return flags

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._people):
            return None
        person = self._people[index.row()]
        column = Column(index.column())
        if column in PLAN_COLUMNS:
            return self._plan_data(person, column, role)
        if role == Qt.ItemDataRole.DisplayRole:
            return _display(person, column)
        if role == Qt.ItemDataRole.EditRole:
            axis = column.axis
            return person.scores[axis].value if axis else _display(person, column)
        if role == SORT_ROLE:
            if column.axis is not None and person.scores[column.axis].value is None:
                return self.unknown_sort_key
            return _sort_key(person, column)
        if role == PERSON_ID_ROLE:
            return person.id
        if role == Qt.ItemDataRole.TextAlignmentRole and column.axis is not None:
            return int(Qt.AlignmentFlag.AlignCenter)
        if role == Qt.ItemDataRole.ToolTipRole:
            axis = column.axis
            if axis is not None:
                score = person.scores[axis]
                tip = f"{axis.label}: {score.value if score.known else 'unknown'}"
                if score.evidence and not score.private:
                    tip += f"\n{score.evidence}"
                return tip + f"\n({score.confidence.label})"
            if column is Column.ROLES:
                return ", ".join(role.label for role in person.roles) or "No role known"
        return None

    def _plan_data(self, person: Person, column: Column, role: int) -> Any:
        deal = self._deal
        if deal is None or not deal.has_person(person.id):
            return None
        if column is Column.LEANS_TO:
            leaning = deal.alternative(person.leans_to) if person.leans_to else None
            name = leaning.name if leaning is not None else ""
            if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.EditRole):
                return name
            return name.casefold() if role == SORT_ROLE else None
        action = deal.next_action(person.id)
        if role == PERSON_ID_ROLE:
            return person.id
        if action is None:  # nothing planned: after every date (ascending), as blanks are
            if role == SORT_ROLE:
                return "\uffff" if column is Column.NEXT_ACTION else "9999-99"
            return "" if role in (Qt.ItemDataRole.DisplayRole,
                                  Qt.ItemDataRole.EditRole) else None
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.EditRole):
            return action.text if column is Column.NEXT_ACTION else \
                due_words(action, self.today)
        if role == SORT_ROLE:  # ISO dates sort as text; no date after every date
            return action.text.casefold() if column is Column.NEXT_ACTION else \
                (action.due.isoformat() if action.due else "9999")  # undated: after dates
        if role == Qt.ItemDataRole.ForegroundRole and action.is_overdue(self.today):
            return QBrush(QColor(OVERDUE))
        if role == Qt.ItemDataRole.ToolTipRole:
            return f"{action.text}\n{owner_text(deal, action)}" + (
                f"\n{overdue_words(action, self.today)}" if action.is_overdue(self.today)
                else "")
        return None

    def setData(self, index: Index, value: Any,
                role: int = Qt.ItemDataRole.EditRole) -> bool:
        axis = Column(index.column()).axis if index.isValid() else None
        if role != Qt.ItemDataRole.EditRole or axis is None or self.read_only:
            return False
        parsed = parse_score_value(value)
        if parsed is False:
            return False
        before = self._people[index.row()]
        if before.scores[axis].value == parsed:
            return False
        after = before.with_score(axis, replace(before.scores[axis], value=parsed))
        self.edit_requested.emit(before, after)  # the store answers through update_people
        return True


def parse_score_value(value: Any) -> int | bool | None:
    """An edited cell's value as a score: an int 0–10, None for unknown, False if invalid."""
    if value is None or value == "" or value == UNKNOWN or value == -1:
        return None
    try:
        number = int(value)
    except (TypeError, ValueError):
        return False
    return number if 0 <= number <= 10 else False


def _display(person: Person, column: Column) -> str:
    match column:
        case Column.NAME:
            return person.name
        case Column.TITLE:
            return person.title
        case Column.ROLES:
            return " ".join(role.abbreviation for role in person.roles)
        case Column.SUPPORT:
            return f"{int(person.support):+d} {person.support.label}" if person.support else \
                "0 Neutral"
        case Column.INFLUENCE:
            return person.influence.label
        case Column.LAST_CONTACT:
            return person.last_contact.isoformat() if person.last_contact else ""
    axis = column.axis
    assert axis is not None
    return score_text(person.scores[axis].value)


def _sort_key(person: Person, column: Column) -> Any:
    axis = column.axis
    if axis is not None:
        value = person.scores[axis].value
        return -1 if value is None else value  # never as 0 (the model puts it last)
    if column is Column.SUPPORT:
        return int(person.support)
    if column is Column.INFLUENCE:
        return person.influence.level
    if column is Column.LAST_CONTACT:
        return person.last_contact.isoformat() if person.last_contact else ""
    return _display(person, column).casefold()


# An unknown score's sort key, by order: after 10 going up, before 0 going down — last both ways.
UNKNOWN_LAST = {Qt.SortOrder.AscendingOrder: 11, Qt.SortOrder.DescendingOrder: -1}


class PeopleFilterModel(QSortFilterProxyModel):
    """Sorting by real values and filtering on every visible column. An unknown score sorts
    after every known one, ascending or descending, as blanks do in a spreadsheet: sorting by
    personal win to find the lowest shows the 2 first, not ten question marks."""

    def __init__(self) -> None:
        super().__init__()
        self.setSortRole(SORT_ROLE)
        self.setFilterCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        self.setFilterKeyColumn(-1)
        self.setDynamicSortFilter(True)

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        source = self.sourceModel()
        if isinstance(source, PeopleTableModel):  # an unknown's key: past the end either way
            source.unknown_sort_key = UNKNOWN_LAST[order]
        super().sort(column, order)
