"""The people of the shown deal as a table, with its find field and the add/delete buttons.

Intent signals out (``add_requested``, ``delete_requested``, ``score_edited``,
``find_changed``, ``find_next_requested``, ``menu_requested``); the session's changes in: a
score edit updates one row, a deal switch resets the table, a change to another deal or to
card positions only touches nothing.
"""

from __future__ import annotations

from PySide6.QtCore import (
    QEvent,
    QItemSelection,
    QItemSelectionModel,
    QModelIndex,
    QPoint,
    Qt,
    Signal,
)
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QLineEdit,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from desktop.domain.changes import Aspect, ChangeSet
from desktop.domain.person import Person
from desktop.ui.delegates import ScoreDelegate
from desktop.ui.people_model import SHOWN_ORDER, Column, PeopleFilterModel, PeopleTableModel
from desktop.ui.selection import Selection
from desktop.ui.session import LibrarySession
from desktop.ui.widgets.frozen_column import FrozenColumn


class PeopleTable(QTableView):
    """The table's own keys: on a score cell, Delete, Backspace and ? make the score unknown
    (the window's Delete shortcut, which deletes people, is for the other cells)."""

    unknown_requested = Signal(QModelIndex)

    _UNKNOWN_KEYS = (Qt.Key.Key_Delete, Qt.Key.Key_Backspace, Qt.Key.Key_Question)

    def _on_score(self, event: QKeyEvent) -> bool:
        index = self.currentIndex()
        return (event.key() in self._UNKNOWN_KEYS and index.isValid()
                and Column(index.column()).axis is not None
                and self.state() != QAbstractItemView.State.EditingState)

    def event(self, event: QEvent) -> bool:
        if event.type() == QEvent.Type.ShortcutOverride and isinstance(event, QKeyEvent) \
                and self._on_score(event):
            event.accept()  # the key is the table's, not the Delete action's
            return True
        return super().event(event)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if self._on_score(event):
            self.unknown_requested.emit(self.currentIndex())
            event.accept()
            return
        super().keyPressEvent(event)


# Typical contents, measured in the table's font so the columns fit at any size and DPI.
_COLUMN_SAMPLES = {Column.NAME: "Margaret Okafor", Column.TITLE: "Head of Procurement",
                   Column.ROLES: "EB DM", Column.SUPPORT: "+1 Supporter",
                   Column.INFLUENCE: "Medium", Column.BUSINESS: "10", Column.TECHNICAL: "10",
                   Column.PERSONAL: "10", Column.LAST_CONTACT: "2026-11-02",
                   Column.LEANS_TO: "Do nothing", Column.DUE: "2026-11-25 · overdue 8 days",
                   Column.NEXT_ACTION: "Technical deep-dive on the route"}
_SHOWN = Aspect.FIELDS | Aspect.SCORES  # what the table shows of a person


class PeoplePanel(QWidget):
    add_requested = Signal()
    delete_requested = Signal()
    score_edited = Signal(object, object)  # Person before, Person after
    find_changed = Signal(str)
    find_next_requested = Signal()
    menu_requested = Signal(QPoint)  # global position

    def __init__(self, session: LibrarySession, selection: Selection,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.session = session
        self.selection = selection
        self._selecting = False
        self.model = PeopleTableModel()
        self.model.edit_requested.connect(self.score_edited)
        self.filter = PeopleFilterModel()
        self.filter.setSourceModel(self.model)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 4, 0, 6)
        self.search = QLineEdit()
        self.search.setObjectName("people_search")
        self.search.setAccessibleName("Find people")
        self.search.setPlaceholderText("Find people (Enter: next on the map)")
        self.search.setClearButtonEnabled(True)
        self.search.textChanged.connect(self.filter.setFilterFixedString)
        self.search.textChanged.connect(self.find_changed)
        self.search.returnPressed.connect(self.find_next_requested)
        self.add_button = QPushButton("Add person")
        self.add_button.setObjectName("add_person_button")
        self.add_button.clicked.connect(self.add_requested)
        self.delete_button = QPushButton("Delete")
        self.delete_button.setObjectName("delete_people_button")
        self.delete_button.clicked.connect(self.delete_requested)
        row = QHBoxLayout()
        row.addWidget(self.search, 1)
        row.addWidget(self.add_button)
        row.addWidget(self.delete_button)
        layout.addLayout(row)
        self.table = self._build_table()
        layout.addWidget(self.table)

        self._shown_id: str | None = None
        session.deal_shown.connect(self._deal_shown)
        session.changed.connect(self._changed)
        selection.changed.connect(self._selection_changed)
        self._deal_shown()

    def _build_table(self) -> QTableView:
        table = PeopleTable()
        table.unknown_requested.connect(self._make_unknown)
        table.setObjectName("people_table")
        table.setTabKeyNavigation(False)  # arrows move between cells; Tab leaves the table
        table.setAccessibleName("People of the deal")
        table.setModel(self.filter)
        table.setSortingEnabled(True)
        table.sortByColumn(-1, Qt.SortOrder.AscendingOrder)
        table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        table.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        table.setEditTriggers(QAbstractItemView.EditTrigger.DoubleClicked
                              | QAbstractItemView.EditTrigger.EditKeyPressed
                              | QAbstractItemView.EditTrigger.AnyKeyPressed)
        table.setAlternatingRowColors(True)
        table.verticalHeader().hide()
        table.setWordWrap(False)
        delegate = ScoreDelegate(table)
        for column in (Column.BUSINESS, Column.TECHNICAL, Column.PERSONAL):
            table.setItemDelegateForColumn(column, delegate)
        header = table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        for position, column in enumerate(SHOWN_ORDER):
            header.moveSection(header.visualIndex(column), position)
        header.setStretchLastSection(True)  # the last shown takes what is left
        metrics = table.fontMetrics()
        table.verticalHeader().setDefaultSectionSize(metrics.lineSpacing() + 8)
        bold = header.fontMetrics()
        for column, sample in _COLUMN_SAMPLES.items():
            header.resizeSection(column, max(bold.horizontalAdvance(column.header) + 24,
                                              metrics.horizontalAdvance(sample) + 16))
        table.selectionModel().selectionChanged.connect(self._table_selection_changed)
        table.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        table.customContextMenuRequested.connect(
            lambda pos: self.menu_requested.emit(table.viewport().mapToGlobal(pos)))
        # Scrolled sideways to the plan's columns, the names stay in view.
        self.frozen = FrozenColumn(table, Column.NAME)
        self.frozen.menu_requested.connect(self.menu_requested)
        return table

    def _make_unknown(self, index: QModelIndex) -> None:
        """Delete, Backspace or ? on a score cell: the score becomes unknown (never 0)."""
        self.filter.setData(index, None, Qt.ItemDataRole.EditRole)

    # -- the session's changes --------------------------------------------------------------

    def _deal_shown(self) -> None:
        deal = self.session.deal
        deal_id = deal.id if deal is not None else None
        if deal_id != self._shown_id:  # another deal: a filter typed for the last one goes
            self._shown_id = deal_id
            self.search.clear()
        self.model.read_only = self.session.is_open and self.session.library.read_only
        self.model.set_deal(deal)
        self.model.reset(deal.people if deal is not None else [])
        self.add_button.setEnabled(deal is not None)
        self._enable_delete()

    def _changed(self, changes: ChangeSet) -> None:
        deal = self.session.deal
        if deal is None:
            if self.model.rowCount():
                self.model.reset([])
            return
        if not changes.touches_deal(deal.id):
            return
        self.model.set_deal(deal)
        if changes.touches_plan(deal.id) or changes.aspects & Aspect.FIELDS:
            self.model.plan_changed()  # a leaning or a name the plan columns show
        if changes.unknown or changes.people_added or changes.people_removed:
            self.model.set_people(deal.people)
        elif changes.aspects & _SHOWN:
            self.model.update_people(deal.person(i) for i in changes.people
                                     if deal.has_person(i))

    # -- selection: the table's rows and the shared selection --------------------------------

    def selected_people(self) -> list[Person]:
        rows = sorted({self.filter.mapToSource(i).row()
                       for i in self.table.selectionModel().selectedRows()})
        return [self.model.person_at(r) for r in rows]

    def _table_selection_changed(self) -> None:
        self._enable_delete()
        if not self._selecting:
            self.selection.set((p.id for p in self.selected_people()), origin=self)

    def _enable_delete(self) -> None:
        self.delete_button.setEnabled(bool(self.table.selectionModel().hasSelection()))

    def _selection_changed(self, origin: object) -> None:
        if origin is not self:
            self.select(self.selection.ids)

    def select(self, person_ids: tuple[str, ...]) -> None:
        """Select these rows (the first current and scrolled to), clearing the find filter
        if it hides one of them."""
        rows = [r for r in (self.model.row_of(i) for i in person_ids) if r is not None]
        self._selecting = True
        try:
            if not rows:
                self.table.clearSelection()
                return
            indexes = [self.filter.mapFromSource(self.model.index(r, 0)) for r in rows]
            if not all(i.isValid() for i in indexes):
                self.search.clear()
                indexes = [self.filter.mapFromSource(self.model.index(r, 0)) for r in rows]
            selection = QItemSelection()
            for index in indexes:
                selection.select(index, index)
            model = self.table.selectionModel()
            model.setCurrentIndex(indexes[0], QItemSelectionModel.SelectionFlag.NoUpdate)
            model.select(selection, QItemSelectionModel.SelectionFlag.ClearAndSelect
                         | QItemSelectionModel.SelectionFlag.Rows)
            self.table.scrollTo(indexes[0])
        finally:
            self._selecting = False
            self._enable_delete()

    def focus_search(self) -> None:
        self.search.setFocus()
        self.search.selectAll()
