"""The deals of the library: a search field, the list, and "New deal…".

Emits ``deal_chosen`` when the user picks a deal (click, keys) and follows the session:
another library reloads the list, a change of deals (added, renamed, removed, people added
or removed) updates it; a score edit leaves it alone.
"""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QLineEdit,
    QListView,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from desktop.domain.changes import ChangeSet
from desktop.store.errors import StoreError
from desktop.ui.deal_list_model import DEAL_ID_ROLE, DealFilterModel, DealListModel
from desktop.ui.session import LibrarySession


class DealListPanel(QWidget):
    deal_chosen = Signal(object)  # deal id, or None when there is no deal left
    new_requested = Signal()
    edit_requested = Signal()

    def __init__(self, session: LibrarySession, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.session = session
        self._following = False
        self.model = DealListModel()
        self.filter = DealFilterModel()
        self.filter.setSourceModel(self.model)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(6, 6, 0, 6)
        self.search = QLineEdit()
        self.search.setObjectName("deal_search")
        self.search.setAccessibleName("Search deals")
        self.search.setPlaceholderText("Search deals by name or account")
        self.search.setClearButtonEnabled(True)
        self.search.textChanged.connect(self.filter.setFilterFixedString)
        self.list = QListView()
        self.list.setObjectName("deal_list")
        self.list.setAccessibleName("Deals")
        self.list.setModel(self.filter)
        self.list.setSpacing(2)
        self.list.setWordWrap(True)
        # Every line is two lines high: without this the view measures all deals before
        # the first paint (a 1,000-deal library took 200 ms longer to appear).
        self.list.setUniformItemSizes(True)
        self.list.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.list.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.list.selectionModel().currentChanged.connect(self._current_changed)
        self.list.doubleClicked.connect(lambda _index: self.edit_requested.emit())
        self.new_button = QPushButton("New deal…")
        self.new_button.setObjectName("new_deal_button")
        self.new_button.clicked.connect(self.new_requested)
        layout.addWidget(self.search)
        layout.addWidget(self.list)
        layout.addWidget(self.new_button)
        session.library_opened.connect(self.reload)
        session.deal_shown.connect(self._follow_shown)
        session.changed.connect(self._changed)

    def reload(self) -> None:
        try:
            summaries = self.session.library.list_deals()
        except StoreError as error:
            self.session.failed.emit(str(error))
            return
        self._following = True
        try:
            self.model.set_deals(summaries)
        finally:
            self._following = False
        self._follow_shown()

    def first_deal(self) -> str | None:
        return self.model.summary_at(0).id if self.model.rowCount() else None

    def _changed(self, changes: ChangeSet) -> None:
        if not changes.changes_deal_list():
            return
        if changes.unknown or changes.deals or changes.deals_added or changes.deals_removed:
            self.reload()
        else:  # people came or went, or the plan changed, in a deal: its line only
            for deal_id in changes.contents | changes.plans:
                try:
                    self.model.update_summary(self.session.library.deal_summary(deal_id))
                except StoreError:
                    self.reload()
                    return
        if self.session.deal is None and changes.deals_removed:
            self.deal_chosen.emit(self.first_deal())

    def _current_changed(self, current: QModelIndex, _previous: QModelIndex) -> None:
        if self._following:
            return
        deal_id = current.data(DEAL_ID_ROLE) if current.isValid() else None
        if deal_id is not None and deal_id != (self.session.deal.id if self.session.deal
                                               else None):
            self.deal_chosen.emit(deal_id)

    def _follow_shown(self) -> None:
        """Make the shown deal the list's current row, without choosing it again."""
        deal = self.session.deal
        row = self.model.row_of(deal.id) if deal is not None else None
        self._following = True
        try:
            if row is None:
                self.list.selectionModel().clearCurrentIndex()
                self.list.clearSelection()
                return
            index = self.filter.mapFromSource(self.model.index(row))
            if not index.isValid():  # hidden by the search: clear it
                self.search.clear()
                index = self.filter.mapFromSource(self.model.index(row))
            if self.list.currentIndex() != index:
                self.list.setCurrentIndex(index)
        finally:
            self._following = False

    def focus_search(self) -> None:
        self.search.setFocus()
        self.search.selectAll()
