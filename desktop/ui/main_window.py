"""The main window: deals on the left, the deal's people in the middle, the inspector on the
right. Every edit is an undo command; every change comes back from the store as a ChangeSet.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import date
from functools import partial
from pathlib import Path
from typing import Any

from PySide6.QtCore import QItemSelectionModel, QModelIndex, QSettings, Qt, QTimer
from PySide6.QtGui import QAction, QCloseEvent, QKeySequence
from PySide6.QtWidgets import (
    QAbstractItemView,
    QFileDialog,
    QHBoxLayout,
    QHeaderView,
    QInputDialog,
    QLabel,
    QLineEdit,
    QListView,
    QMainWindow,
    QMenu,
    QMessageBox,
    QPushButton,
    QSplitter,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from desktop import APP_NAME, __version__
from desktop.domain.deal import Deal
from desktop.domain.enums import Influence, Support
from desktop.domain.person import Person
from desktop.domain.position import Position
from desktop.domain.relation import Relation
from desktop.store.changes import ChangeSet
from desktop.store.errors import StoreError
from desktop.store.library import Library
from desktop.ui import commands
from desktop.ui.deal_dialog import DealDialog
from desktop.ui.deal_list_model import DEAL_ID_ROLE, DealFilterModel, DealListModel
from desktop.ui.delegates import ScoreDelegate
from desktop.ui.inspector import Inspector
from desktop.ui.people_model import Column, PeopleFilterModel, PeopleTableModel
from desktop.ui.session import LibrarySession
from desktop.ui.settings import (
    LAST_LIBRARY,
    RECENT_LIBRARIES,
    SPLITTER_STATE,
    WINDOW_GEOMETRY,
    Settings,
)
from desktop.ui.snapshots_dialog import SnapshotsDialog

# Typical contents, measured in the table's font so the columns fit at any size and DPI.
_COLUMN_SAMPLES = {Column.NAME: "Margaret Okafor", Column.TITLE: "Head of Procurement",
                   Column.ROLES: "EB DM", Column.SUPPORT: "+1 Supporter",
                   Column.INFLUENCE: "Medium", Column.BUSINESS: "10", Column.TECHNICAL: "10",
                   Column.PERSONAL: "10", Column.LAST_CONTACT: "2026-11-02"}
LIBRARY_FILTER = "Deal Triangle libraries (*.sqlite *.db);;All files (*)"


class MainWindow(QMainWindow):
    def __init__(self, library: Library, settings: Settings | None = None) -> None:
        super().__init__()
        self.settings = settings or Settings(QSettings())
        self.session: LibrarySession | None = None
        self.deal: Deal | None = None
        self._snapshots_dialog: SnapshotsDialog | None = None

        self.deal_model = DealListModel()
        self.deal_filter = DealFilterModel()
        self.deal_filter.setSourceModel(self.deal_model)
        self.people_model = PeopleTableModel(self._edit_from_table)
        self.people_filter = PeopleFilterModel()
        self.people_filter.setSourceModel(self.people_model)

        self._build_panels()
        self._build_actions()
        self._build_menus()
        self.statusBar()
        self.restoreGeometry(self.settings.get(WINDOW_GEOMETRY))
        if not self.splitter.restoreState(self.settings.get(SPLITTER_STATE)):
            self.splitter.setSizes([230, 800, 330])
        if self.settings.get(WINDOW_GEOMETRY).isEmpty():
            self.resize(1360, 800)
        self.set_library(library)

    # -- building -------------------------------------------------------------------------

    def _build_panels(self) -> None:
        self.splitter = QSplitter(Qt.Orientation.Horizontal)
        self.splitter.setObjectName("main_splitter")
        self.splitter.setChildrenCollapsible(False)

        deals = QWidget()
        deal_layout = QVBoxLayout(deals)
        deal_layout.setContentsMargins(6, 6, 0, 6)
        self.deal_search = QLineEdit()
        self.deal_search.setObjectName("deal_search")
        self.deal_search.setPlaceholderText("Search deals by name or account")
        self.deal_search.setClearButtonEnabled(True)
        self.deal_search.textChanged.connect(self.deal_filter.setFilterFixedString)
        self.deal_list = QListView()
        self.deal_list.setObjectName("deal_list")
        self.deal_list.setModel(self.deal_filter)
        self.deal_list.setSpacing(2)
        self.deal_list.setWordWrap(True)
        self.deal_list.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.deal_list.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.deal_list.selectionModel().currentChanged.connect(self._deal_chosen)
        self.deal_list.doubleClicked.connect(lambda _i: self.edit_deal())
        new_deal = QPushButton("New deal…")
        new_deal.clicked.connect(self.new_deal)
        deal_layout.addWidget(self.deal_search)
        deal_layout.addWidget(self.deal_list)
        deal_layout.addWidget(new_deal)

        people = QWidget()
        people_layout = QVBoxLayout(people)
        people_layout.setContentsMargins(0, 6, 0, 6)
        self.deal_header = QLabel()
        self.deal_header.setObjectName("deal_header")
        self.deal_header.setWordWrap(True)
        self.deal_header.setTextFormat(Qt.TextFormat.RichText)
        self.people_search = QLineEdit()
        self.people_search.setObjectName("people_search")
        self.people_search.setPlaceholderText("Filter people")
        self.people_search.setClearButtonEnabled(True)
        self.people_search.textChanged.connect(self.people_filter.setFilterFixedString)
        self.table = QTableView()
        self.table.setObjectName("people_table")
        self.table.setModel(self.people_filter)
        self.table.setSortingEnabled(True)
        self.table.sortByColumn(-1, Qt.SortOrder.AscendingOrder)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.DoubleClicked
                                   | QAbstractItemView.EditTrigger.EditKeyPressed
                                   | QAbstractItemView.EditTrigger.AnyKeyPressed)
        self.table.setAlternatingRowColors(True)
        self.table.verticalHeader().hide()
        self.table.setWordWrap(False)
        delegate = ScoreDelegate(self.table)
        for column in (Column.BUSINESS, Column.TECHNICAL, Column.PERSONAL):
            self.table.setItemDelegateForColumn(column, delegate)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setStretchLastSection(True)  # "Next step" takes what is left
        metrics = self.table.fontMetrics()
        self.table.verticalHeader().setDefaultSectionSize(metrics.lineSpacing() + 8)
        bold = header.fontMetrics()
        for column, sample in _COLUMN_SAMPLES.items():
            header.resizeSection(column, max(bold.horizontalAdvance(column.header) + 24,
                                              metrics.horizontalAdvance(sample) + 16))
        self.table.selectionModel().selectionChanged.connect(self._selection_changed)
        self.table.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        self.table.customContextMenuRequested.connect(
            lambda pos: self.context_menu_for_people().exec(
                self.table.viewport().mapToGlobal(pos)))
        row = QHBoxLayout()
        self.add_person_button = QPushButton("Add person")
        self.add_person_button.setObjectName("add_person_button")
        self.add_person_button.clicked.connect(self.add_person)
        self.delete_people_button = QPushButton("Delete")
        self.delete_people_button.clicked.connect(self.delete_people)
        row.addWidget(self.people_search, 1)
        row.addWidget(self.add_person_button)
        row.addWidget(self.delete_people_button)
        people_layout.addWidget(self.deal_header)
        people_layout.addLayout(row)
        people_layout.addWidget(self.table)

        self.inspector = Inspector(self._edit_from_inspector, self._add_relation,
                                   self._remove_relation)
        self.inspector.setObjectName("inspector")
        self.inspector.setMinimumWidth(300)

        self.splitter.addWidget(deals)
        self.splitter.addWidget(people)
        self.splitter.addWidget(self.inspector)
        self.splitter.setStretchFactor(1, 1)
        self.setCentralWidget(self.splitter)

    def _action(self, text: str, slot: object, shortcut: QKeySequence | str | None = None,
                tip: str = "") -> QAction:
        action = QAction(text, self)
        if shortcut is not None:
            action.setShortcut(shortcut if isinstance(shortcut, QKeySequence)
                               else QKeySequence(shortcut))
        if tip:
            action.setStatusTip(tip)
        action.triggered.connect(slot)
        self.addAction(action)
        return action

    def _build_actions(self) -> None:
        key = QKeySequence.StandardKey
        self.new_library_action = self._action("&New library…", self.new_library)
        self.open_library_action = self._action("&Open library…", self.open_library,
                                                QKeySequence(key.Open))
        self.quit_action = self._action("&Quit", self.close, QKeySequence(key.Quit))
        self.new_deal_action = self._action("&New deal…", self.new_deal, QKeySequence(key.New))
        self.edit_deal_action = self._action("Deal &properties…", self.edit_deal, "Ctrl+I")
        self.rename_deal_action = self._action("&Rename deal…", self.rename_deal, "F2")
        self.delete_deal_action = self._action("&Delete deal…", self.delete_deal)
        self.add_person_action = self._action("&Add person", self.add_person, "Ctrl+Shift+N")
        self.delete_people_action = self._action("Delete &selected people", self.delete_people,
                                                 QKeySequence(key.Delete))
        self.delete_people_action.setShortcutContext(
            Qt.ShortcutContext.WidgetWithChildrenShortcut)
        self.table.addAction(self.delete_people_action)
        self.snapshot_action = self._action("&Take snapshot…", self.take_snapshot,
                                            "Ctrl+Alt+S")
        self.snapshots_action = self._action("S&napshots…", self.show_snapshots)
        self.find_action = self._action("&Find person", self._focus_people_search,
                                        QKeySequence(key.Find))
        self.search_deals_action = self._action("Search &deals", self._focus_deal_search,
                                                "Ctrl+Shift+F")
        self.focus_deals_action = self._action("Deal &list", self.deal_list.setFocus, "Ctrl+1")
        self.focus_people_action = self._action("&People", self.table.setFocus, "Ctrl+2")
        self.focus_inspector_action = self._action("&Inspector", self.inspector.setFocus,
                                                   "Ctrl+3")
        self.about_action = self._action(f"&About {APP_NAME}", self.about)
        self.about_qt_action = self._action("About &Qt", self._about_qt)

    def _build_menus(self) -> None:
        menu = self.menuBar()
        file = menu.addMenu("&File")
        file.addAction(self.new_library_action)
        file.addAction(self.open_library_action)
        self.recent_menu = file.addMenu("Open &recent")
        file.addSeparator()
        file.addAction(self.quit_action)

        self.edit_menu = menu.addMenu("&Edit")

        deal = menu.addMenu("&Deal")
        for action in (self.new_deal_action, self.edit_deal_action, self.rename_deal_action,
                       self.delete_deal_action):
            deal.addAction(action)
        deal.addSeparator()
        deal.addAction(self.add_person_action)
        deal.addAction(self.delete_people_action)
        self.support_menu = deal.addMenu("Set s&upport of selected")
        for support in reversed(Support):
            self.support_menu.addAction(
                f"{support.label} ({int(support):+d})" if support else "Neutral (0)",
                partial(self.set_for_selected, "support", support))
        self.influence_menu = deal.addMenu("Set &influence of selected")
        for influence in reversed(Influence):
            self.influence_menu.addAction(
                influence.label, partial(self.set_for_selected, "influence", influence))
        deal.addSeparator()
        deal.addAction(self.snapshot_action)
        deal.addAction(self.snapshots_action)

        view = menu.addMenu("&View")
        view.addAction(self.find_action)
        view.addAction(self.search_deals_action)
        view.addSeparator()
        view.addAction(self.focus_deals_action)
        view.addAction(self.focus_people_action)
        view.addAction(self.focus_inspector_action)

        help_ = menu.addMenu("&Help")
        help_.addAction(self.about_action)
        help_.addAction(self.about_qt_action)
        self._refresh_recent_menu()

    def _build_edit_menu(self) -> None:
        assert self.session is not None
        self.edit_menu.clear()
        stack = self.session.undo_stack
        self.undo_action = stack.createUndoAction(self, "&Undo")
        self.undo_action.setShortcut(QKeySequence(QKeySequence.StandardKey.Undo))
        self.redo_action = stack.createRedoAction(self, "&Redo")
        self.redo_action.setShortcut(QKeySequence(QKeySequence.StandardKey.Redo))
        self.edit_menu.addAction(self.undo_action)
        self.edit_menu.addAction(self.redo_action)
        self.edit_menu.addSeparator()
        self.edit_menu.addAction(self.find_action)

    # -- the library ----------------------------------------------------------------------

    @property
    def library(self) -> Library:
        assert self.session is not None
        return self.session.library

    def set_library(self, library: Library) -> None:
        """Show ``library``; the previous one (if any) is closed and its undo history ends."""
        if self.session is not None:
            self.session.close()
            self.session.deleteLater()
        self.session = LibrarySession(library, self)
        self.session.changed.connect(self._apply_changes)
        self.session.failed.connect(self._report_failure)
        self._build_edit_menu()
        path = str(library.path)
        self.settings.set(LAST_LIBRARY, path)
        self.settings.add_recent(path)
        self._refresh_recent_menu()
        self.deal = None
        self._reload_deals()
        self._choose_deal(self.settings.last_deal(path))

    def new_library(self) -> None:
        name, _ = QFileDialog.getSaveFileName(self, "New library", str(Path.home() /
                                              "deals.sqlite"), LIBRARY_FILTER)
        if name:
            path = Path(name)
            if path.exists():
                self._report_failure(f"{path} already exists; open it instead.")
                return
            self._open_path(path)

    def open_library(self) -> None:
        name, _ = QFileDialog.getOpenFileName(self, "Open library", str(Path.home()),
                                              LIBRARY_FILTER)
        if name:
            self._open_path(Path(name))

    def _open_path(self, path: Path) -> None:
        try:
            library = Library.open(path)
        except StoreError as error:
            self._report_failure(str(error))
            return
        self.set_library(library)

    def _refresh_recent_menu(self) -> None:
        self.recent_menu.clear()
        recent = self.settings.get(RECENT_LIBRARIES)
        for number, path in enumerate(recent, start=1):
            self.recent_menu.addAction(f"&{number} {path}",
                                       partial(self._open_path, Path(path)))
        self.recent_menu.setEnabled(bool(recent))

    # -- deals ----------------------------------------------------------------------------

    def _reload_deals(self) -> None:
        self.deal_model.set_deals(self.library.list_deals())

    def _choose_deal(self, deal_id: str) -> None:
        row = self.deal_model.row_of(deal_id) if deal_id else None
        if row is None:
            row = 0 if self.deal_model.rowCount() else None
        if row is None:
            self._show_deal(None)
            return
        index = self.deal_filter.mapFromSource(self.deal_model.index(row))
        if not index.isValid():  # hidden by the search: clear it
            self.deal_search.clear()
            index = self.deal_filter.mapFromSource(self.deal_model.index(row))
        self.deal_list.setCurrentIndex(index)
        self._show_deal(self.deal_model.summary_at(row).id)

    def _deal_chosen(self, current: QModelIndex, _previous: QModelIndex) -> None:
        deal_id = current.data(DEAL_ID_ROLE) if current.isValid() else None
        if deal_id != (self.deal.id if self.deal else None):
            self._show_deal(deal_id)

    def _show_deal(self, deal_id: str | None) -> None:
        self.deal = self.library.get_deal(deal_id, snapshots=False) if deal_id else None
        self.people_model.set_people(self.deal.people if self.deal else [])
        if self.deal is not None:
            self.settings.set_last_deal(str(self.library.path), self.deal.id)
        self._update_deal_header()
        self._update_title()
        self._update_enabled()
        self._selection_changed()

    def _update_deal_header(self) -> None:
        deal = self.deal
        if deal is None:
            self.deal_header.setText("<i>No deal yet — create one with Deal ▸ New deal.</i>")
            return
        facts = [deal.account, deal.stage,
                 f"{deal.amount:,.0f} {deal.currency}".strip() if deal.amount is not None
                 else "", f"closes {deal.close_date.isoformat()}" if deal.close_date else ""]
        text = f"<b style='font-size:large'>{_html(deal.name)}</b><br>" + " · ".join(
            _html(f) for f in facts if f)
        if deal.objective:
            text += f"<br><i>“{_html(deal.objective)}”</i>"
        self.deal_header.setText(text)

    def _update_title(self) -> None:
        name = self.deal.name if self.deal else "No deal"
        self.setWindowTitle(f"{name} — {self.library.path.name}")

    def _update_enabled(self) -> None:
        has_deal = self.deal is not None
        for action in (self.edit_deal_action, self.rename_deal_action, self.delete_deal_action,
                       self.add_person_action, self.snapshot_action, self.snapshots_action):
            action.setEnabled(has_deal)

    def new_deal(self) -> None:
        dialog = DealDialog(None, self)
        if dialog.exec() and (deal := dialog.deal()) is not None:
            self._push(commands.CreateDeal(self._session(), deal))
            self._choose_deal(deal.id)

    def edit_deal(self) -> None:
        if self.deal is None:
            return
        dialog = DealDialog(self.deal, self)
        if dialog.exec() and (after := dialog.deal()) is not None and after != self.deal:
            self._push(commands.EditDeal(self._session(), self.deal, after))

    def rename_deal(self) -> None:
        if self.deal is None:
            return
        name, ok = QInputDialog.getText(self, "Rename deal", "Name:", text=self.deal.name)
        if ok and name.strip() and name.strip() != self.deal.name:
            self._push(commands.EditDeal(self._session(), self.deal,
                                         replace(self.deal, name=name.strip()),
                                         text=f"Rename deal to “{name.strip()}”"))

    def delete_deal(self) -> None:
        if self.deal is None:
            return
        answer = QMessageBox.question(
            self, "Delete deal",
            f"Delete “{self.deal.name}” with its {len(self.deal.people)} people? "
            "You can undo this with Edit ▸ Undo.")
        if answer == QMessageBox.StandardButton.Yes:
            whole = self.library.get_deal(self.deal.id)  # with snapshots, for undo
            self._push(commands.DeleteDeal(self._session(), whole))

    # -- people ---------------------------------------------------------------------------

    def selected_people(self) -> list[Person]:
        rows = sorted({self.people_filter.mapToSource(i).row()
                       for i in self.table.selectionModel().selectedRows()})
        return [self.people_model.person_at(r) for r in rows]

    def _selection_changed(self) -> None:
        chosen = self.selected_people()
        if len(chosen) == 1:
            self.inspector.show_person(chosen[0], self.deal)
        elif len(chosen) > 1:
            self.inspector.show_selection_count(len(chosen))
        else:
            self.inspector.clear()
        self.delete_people_action.setEnabled(bool(chosen))
        self.delete_people_button.setEnabled(bool(chosen))
        self.support_menu.setEnabled(bool(chosen))
        self.influence_menu.setEnabled(bool(chosen))

    def select_person(self, person_id: str) -> None:
        row = self.people_model.row_of(person_id)
        if row is None:
            return
        index = self.people_filter.mapFromSource(self.people_model.index(row, 0))
        if not index.isValid():
            self.people_search.clear()
            index = self.people_filter.mapFromSource(self.people_model.index(row, 0))
        self.table.selectionModel().setCurrentIndex(
            index, QItemSelectionModel.SelectionFlag.ClearAndSelect
            | QItemSelectionModel.SelectionFlag.Rows)
        self.table.scrollTo(index)

    def add_person(self) -> None:
        if self.deal is None:
            return
        count = len(self.deal.people)
        person = Person(name=f"New person {count + 1}",
                        position=Position(40.0 * (count % 10), 40.0 * (count // 10)))
        self._push(commands.AddPeople(self._session(), self.deal.id, [person]))
        self.select_person(person.id)
        self.inspector.texts["name"].setFocus()
        self.inspector.texts["name"].selectAll()

    def delete_people(self) -> None:
        chosen = self.selected_people()
        if self.deal is None or not chosen:
            return
        self._push(commands.RemovePeople(self._session(), self.deal, [p.id for p in chosen]))

    def set_for_selected(self, field: str, value: Any) -> None:
        chosen = self.selected_people()
        after = [replace(p, **{field: value}) for p in chosen]
        if chosen and after != chosen:
            self._push(commands.EditPeople(self._session(), chosen, after, field=field))

    def _edit_from_table(self, before: Person, after: Person) -> None:
        self._push(commands.EditPeople(self._session(), [before], [after], field="score"))

    def _edit_from_inspector(self, before: Person, after: Person, what: str,
                             merge: bool) -> None:
        self._push(commands.EditPeople(self._session(), [before], [after], field=what,
                                       merge=merge))

    def _add_relation(self, relation: Relation) -> None:
        if self.deal is not None:
            self._push(commands.AddRelation(self._session(), self.deal.id, relation))

    def _remove_relation(self, relation: Relation) -> None:
        if self.deal is not None:
            self._push(commands.RemoveRelation(self._session(), self.deal.id, relation))

    # -- snapshots --------------------------------------------------------------------------

    def take_snapshot(self) -> None:
        if self.deal is None:
            return
        name, ok = QInputDialog.getText(self, "Take snapshot", "Name of this snapshot "
                                        "(e.g. the review it is for):",
                                        text=f"Review {date.today():%Y-%m-%d}")
        if ok and name.strip():
            self._push(commands.TakeSnapshot(self._session(), self.deal.id, name.strip()))

    def show_snapshots(self) -> None:
        if self.deal is None:
            return
        deal_id = self.deal.id
        dialog = SnapshotsDialog(
            self.deal.name, self.library.list_snapshots(deal_id),
            load=self.library.get_snapshot,
            current=lambda: self.library.get_deal(deal_id, snapshots=False),
            take=self.take_snapshot,
            delete=self._delete_snapshot,
            parent=self)
        self._snapshots_dialog = dialog
        dialog.exec()
        self._snapshots_dialog = None

    def _delete_snapshot(self, snapshot_id: str) -> None:
        self._session().apply(lambda library: library.delete_snapshot(snapshot_id))

    # -- the one way back from the store ----------------------------------------------------

    def _session(self) -> LibrarySession:
        assert self.session is not None
        return self.session

    def _push(self, command: commands.StoreCommand) -> None:
        self._session().undo_stack.push(command)

    def _apply_changes(self, changes: ChangeSet) -> None:
        """Refresh what ``changes`` touched: the deal list, the table, the inspector."""
        current = self.deal.id if self.deal else None
        if changes.deals or changes.deals_removed or changes.people or changes.people_removed:
            self._reload_deals()
        if current in changes.deals_removed:
            self._choose_deal("")
            return
        if current is None or (changes.deals and current not in changes.deals
                               and not (changes.people or changes.relations
                                        or changes.people_removed
                                        or changes.relations_removed)):
            if changes.deals and current is None:
                self._choose_deal(next(iter(changes.deals)))
            return
        if current in changes.deals and self.deal_model.row_of(current) is not None:
            row = self.deal_model.row_of(current)
            index = self.deal_filter.mapFromSource(self.deal_model.index(row or 0))
            if index.isValid() and self.deal_list.currentIndex() != index:
                self.deal_list.setCurrentIndex(index)
        self.deal = self.library.get_deal(current, snapshots=False)
        self.people_model.set_people(self.deal.people)
        self._update_deal_header()
        self._update_title()
        self._selection_changed()
        if changes.snapshots or changes.snapshots_removed:
            if self._snapshots_dialog is not None:
                self._snapshots_dialog.set_snapshots(self.library.list_snapshots(current))
            self.statusBar().showMessage("Snapshot saved." if changes.snapshots else
                                         "Snapshot removed.", 4000)

    def _report_failure(self, message: str) -> None:
        self.statusBar().showMessage(message, 10000)
        QTimer.singleShot(0, lambda: QMessageBox.warning(self, APP_NAME, message))

    # -- small things -----------------------------------------------------------------------

    def _focus_people_search(self) -> None:
        self.people_search.setFocus()
        self.people_search.selectAll()

    def _focus_deal_search(self) -> None:
        self.deal_search.setFocus()
        self.deal_search.selectAll()

    def about(self) -> None:
        QMessageBox.about(
            self, f"About {APP_NAME}",
            f"<h3>{APP_NAME} {__version__}</h3>"
            "<p>Map the people of a deal and score each one on the decision triangle: "
            "<b>business outcome</b>, <b>technical fit</b> and <b>personal win</b>.</p>"
            "<p>Everything stays on this computer, in one library file:<br>"
            f"<code>{_html(str(self.library.path))}</code></p>")

    def _about_qt(self) -> None:
        QMessageBox.aboutQt(self)

    def closeEvent(self, event: QCloseEvent) -> None:
        self.settings.set(WINDOW_GEOMETRY, self.saveGeometry())
        self.settings.set(SPLITTER_STATE, self.splitter.saveState())
        self.settings.sync()
        super().closeEvent(event)

    def context_menu_for_people(self) -> QMenu:
        menu = QMenu(self)
        menu.addAction(self.add_person_action)
        menu.addAction(self.delete_people_action)
        menu.addMenu(self.support_menu)
        menu.addMenu(self.influence_menu)
        return menu


def _html(text: str) -> str:
    return (text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
            .replace("\n", "<br>"))
