"""The main window: deals on the left, the deal's people in the middle, the inspector on the
right. Every edit is an undo command; every change comes back from the store as a ChangeSet.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import date
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import (
    QItemSelection,
    QItemSelectionModel,
    QMimeData,
    QModelIndex,
    QPoint,
    QSettings,
    Qt,
    QTimer,
)
from PySide6.QtGui import (
    QAction,
    QCloseEvent,
    QDragEnterEvent,
    QDragMoveEvent,
    QDropEvent,
    QKeySequence,
)
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
    QTabWidget,
    QToolBar,
    QVBoxLayout,
    QWidget,
)

from desktop import APP_NAME, __version__
from desktop.domain.analysis import DealAnalysis, analyse
from desktop.domain.deal import Deal
from desktop.domain.enums import Influence, RelationKind, Support
from desktop.domain.person import Person
from desktop.domain.position import Position
from desktop.domain.relation import Relation
from desktop.render.map_scene import MapScene
from desktop.store.changes import ChangeSet
from desktop.store.errors import StoreError
from desktop.store.library import Library
from desktop.ui import commands
from desktop.ui.analysis_panel import AnalysisPanel
from desktop.ui.application import daily_backup
from desktop.ui.deal_dialog import DealDialog
from desktop.ui.deal_list_model import DEAL_ID_ROLE, DealFilterModel, DealListModel
from desktop.ui.delegates import ScoreDelegate
from desktop.ui.inspector import Inspector
from desktop.ui.layout_runner import LayoutKind, LayoutRunner
from desktop.ui.map_view import MapView
from desktop.ui.people_model import Column, PeopleFilterModel, PeopleTableModel
from desktop.ui.session import LibrarySession
from desktop.ui.settings import (
    BACKUPS_KEPT,
    CENTRE_SPLITTER_STATE,
    LAST_LIBRARY,
    RECENT_LIBRARIES,
    SHOW_LEGEND,
    SIDE_SPLITTER_STATE,
    SPLITTER_STATE,
    STALE_CONTACT_DAYS,
    WINDOW_GEOMETRY,
    Settings,
)
from desktop.ui.snapshots_dialog import SnapshotsDialog
from desktop.ui.triangle_view import Chart, TriangleView

if TYPE_CHECKING:
    from desktop.ui.deal_exchange import DealExchange
    from desktop.ui.printing import Printing

# Typical contents, measured in the table's font so the columns fit at any size and DPI.
_COLUMN_SAMPLES = {Column.NAME: "Margaret Okafor", Column.TITLE: "Head of Procurement",
                   Column.ROLES: "EB DM", Column.SUPPORT: "+1 Supporter",
                   Column.INFLUENCE: "Medium", Column.BUSINESS: "10", Column.TECHNICAL: "10",
                   Column.PERSONAL: "10", Column.LAST_CONTACT: "2026-11-02"}
ANALYSIS_DELAY_MS = 40
LIBRARY_FILTER = "Deal Triangle libraries (*.sqlite *.db);;All files (*)"


class MainWindow(QMainWindow):
    def __init__(self, library: Library, settings: Settings | None = None) -> None:
        super().__init__()
        self.settings = settings or Settings(QSettings())
        self.session: LibrarySession | None = None
        self.deal: Deal | None = None
        self._snapshots_dialog: SnapshotsDialog | None = None
        self.relation_menu: QMenu | None = None
        self.analysis: DealAnalysis | None = None
        self._syncing_selection = False
        self._found: list[str] = []
        self._analysis_timer = QTimer(self)
        self._analysis_timer.setSingleShot(True)
        # Coalesces bursts of edits (a slider drag) into one analysis, and lets the window
        # paint before the first analysis imports networkx and scipy (~0.4 s, once).
        self._analysis_timer.setInterval(ANALYSIS_DELAY_MS)
        self._analysis_timer.timeout.connect(self._refresh_analysis)
        self.layout_runner = LayoutRunner(self)
        self.layout_runner.finished.connect(self._layout_finished)
        self.layout_runner.failed.connect(self._report_failure)

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
            self.splitter.setSizes([220, 820, 340])
        if not self.centre_splitter.restoreState(self.settings.get(CENTRE_SPLITTER_STATE)):
            self.centre_splitter.setSizes([520, 260])
        if not self.side_splitter.restoreState(self.settings.get(SIDE_SPLITTER_STATE)):
            self.side_splitter.setSizes([480, 320])
        if self.settings.get(WINDOW_GEOMETRY).isEmpty():
            self.resize(1360, 800)
        self.setAcceptDrops(True)
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
        people_layout.setContentsMargins(0, 4, 0, 6)
        self.deal_header = QLabel()
        self.deal_header.setObjectName("deal_header")
        self.deal_header.setWordWrap(True)
        self.deal_header.setTextFormat(Qt.TextFormat.RichText)
        self.people_search = QLineEdit()
        self.people_search.setObjectName("people_search")
        self.people_search.setPlaceholderText("Find people (Enter: next on the map)")
        self.people_search.setClearButtonEnabled(True)
        self.people_search.textChanged.connect(self.people_filter.setFilterFixedString)
        self.people_search.textChanged.connect(self._mark_found)
        self.people_search.returnPressed.connect(self.focus_next_found)
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
        people_layout.addLayout(row)
        people_layout.addWidget(self.table)

        self.map_scene = MapScene(self)
        self.map_scene.selectionChanged.connect(self._map_selection_changed)
        self.map_view = MapView(self.map_scene)
        self.map_view.cards_moved.connect(self._cards_moved)
        self.map_view.relation_requested.connect(self._relation_drawn)
        self.map_view.edit_requested.connect(self._edit_person_from_map)
        self.map_view.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        self.map_view.customContextMenuRequested.connect(
            lambda pos: self.context_menu_for_people().exec(
                self.map_view.viewport().mapToGlobal(pos)))
        self.map_toolbar = QToolBar("Map")
        self.map_toolbar.setObjectName("map_toolbar")
        map_page = QWidget()
        map_layout = QVBoxLayout(map_page)
        map_layout.setContentsMargins(0, 0, 0, 0)
        map_layout.setSpacing(0)
        map_layout.addWidget(self.map_toolbar)
        map_layout.addWidget(self.map_view)
        self.triangle_view = TriangleView(Chart.TRIANGLE)
        self.balance_view = TriangleView(Chart.BALANCE)
        self.tabs = QTabWidget()
        self.tabs.setObjectName("view_tabs")
        self.tabs.setDocumentMode(True)
        self.tabs.addTab(map_page, "Map")
        self.tabs.addTab(self.triangle_view, "Decision triangle")
        self.tabs.addTab(self.balance_view, "Balance map")

        centre = QWidget()
        centre_layout = QVBoxLayout(centre)
        centre_layout.setContentsMargins(0, 6, 0, 0)
        centre_layout.addWidget(self.deal_header)
        self.centre_splitter = QSplitter(Qt.Orientation.Vertical)
        self.centre_splitter.setObjectName("centre_splitter")
        self.centre_splitter.setChildrenCollapsible(False)
        self.centre_splitter.addWidget(self.tabs)
        self.centre_splitter.addWidget(people)
        self.centre_splitter.setStretchFactor(0, 1)
        centre_layout.addWidget(self.centre_splitter, 1)

        self.inspector = Inspector(self._edit_from_inspector, self._add_relation,
                                   self._remove_relation)
        self.inspector.setObjectName("inspector")
        self.inspector.setMinimumWidth(300)
        self.analysis_panel = AnalysisPanel()
        self.analysis_panel.setObjectName("analysis_panel")
        self.analysis_panel.people_chosen.connect(self.select_people)
        self.analysis_panel.path_toggled.connect(self._show_path)
        self.side_splitter = QSplitter(Qt.Orientation.Vertical)
        self.side_splitter.setObjectName("side_splitter")
        self.side_splitter.setChildrenCollapsible(False)
        self.side_splitter.addWidget(self.inspector)
        self.side_splitter.addWidget(self.analysis_panel)

        self.splitter.addWidget(deals)
        self.splitter.addWidget(centre)
        self.splitter.addWidget(self.side_splitter)
        self.splitter.setStretchFactor(1, 1)
        # Shown when the library can only be read (read-only file, folder or medium).
        self.read_only_banner = QLabel()
        self.read_only_banner.setObjectName("read_only_banner")
        self.read_only_banner.setWordWrap(True)
        self.read_only_banner.setStyleSheet(
            "QLabel#read_only_banner { background: #FFF4CE; color: #4A3B00; "
            "border-bottom: 1px solid #E0C060; padding: 6px 10px; }")
        self.read_only_banner.hide()
        central = QWidget()
        central_layout = QVBoxLayout(central)
        central_layout.setContentsMargins(0, 0, 0, 0)
        central_layout.setSpacing(0)
        central_layout.addWidget(self.read_only_banner)
        central_layout.addWidget(self.splitter, 1)
        self.setCentralWidget(central)

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
        # Printing and import/export load their modules on first use (start-up stays fast).
        self._printing: Printing | None = None
        self._exchange: DealExchange | None = None
        self.import_action = self._action(
            "&Import…", lambda: self.exchange.ask_import(), "Ctrl+Shift+I",
            "Import deal files, or people from CSV, GraphML or GEXF")
        self.export_deals_action = self._action(
            "E&xport deals…", lambda: self.exchange.ask_export(), "Ctrl+Shift+X",
            "Export deals to share them, or for Excel, yEd, Gephi or Kumu")
        self.backups_action = self._action("&Backups…", self.show_backups,
                                           tip="Automatic backups; back up now or restore")
        self.print_preview_action = self._action(
            "Print pre&view…", partial(self._ask_output, "PREVIEW"),
            "Ctrl+Shift+P", "See the printed pages before printing")
        self.print_action = self._action("&Print…", partial(self._ask_output, "PRINTER"),
                                         QKeySequence(key.Print), "Print the deal")
        self.export_pdf_action = self._action(
            "Export as P&DF…", partial(self._ask_output, "PDF"), "Ctrl+Shift+E",
            "Save the printed pages as a PDF file")
        self.export_svg_action = self._action(
            "Export map as &SVG…", partial(self._ask_output, "SVG"),
            tip="Save the map as a vector picture")
        self.export_png_action = self._action(
            "Export map as P&NG…", partial(self._ask_output, "PNG"),
            tip="Save the map as an image at a chosen resolution")
        self.new_deal_action = self._action("&New deal…", self.new_deal, QKeySequence(key.New))
        self.edit_deal_action = self._action("Deal &properties…", self.edit_deal, "Ctrl+I")
        self.rename_deal_action = self._action("&Rename deal…", self.rename_deal, "F2")
        self.delete_deal_action = self._action("&Delete deal…", self.delete_deal)
        self.add_person_action = self._action("&Add person", self.add_person, "Ctrl+Shift+N")
        self.delete_people_action = self._action("&Delete selected", self.delete_selection,
                                                 QKeySequence(key.Delete))
        self.delete_people_action.setShortcutContext(
            Qt.ShortcutContext.WidgetWithChildrenShortcut)
        self.table.addAction(self.delete_people_action)
        self.map_view.addAction(self.delete_people_action)
        self.zoom_in_action = self._action("Zoom &in", self.map_view.zoom_in,
                                           QKeySequence(key.ZoomIn), "Zoom the map in")
        self.zoom_out_action = self._action("Zoom &out", self.map_view.zoom_out,
                                            QKeySequence(key.ZoomOut), "Zoom the map out")
        self.fit_action = self._action("&Fit map to window", self.fit_map, "Ctrl+0",
                                       "Show the whole map")
        self.org_chart_action = self._action(
            "Arrange as &org chart", partial(self.auto_layout, LayoutKind.ORG_CHART),
            "Ctrl+Shift+O", "Place cards top-down by reports-to lines (one undo step)")
        self.influence_layout_action = self._action(
            "Arrange by &influence", partial(self.auto_layout, LayoutKind.INFLUENCE),
            "Ctrl+Shift+L", "Place connected people near each other (one undo step)")
        self.legend_action = self._action("Show &legend", self._toggle_legend)
        self.legend_action.setCheckable(True)
        self.legend_action.setChecked(self.settings.get(SHOW_LEGEND))
        self.map_view.show_legend = self.legend_action.isChecked()
        self.path_action = self._action("Show &path to power", self._toggle_path_action)
        self.path_action.setCheckable(True)
        for action in (self.fit_action, self.zoom_in_action, self.zoom_out_action):
            self.map_toolbar.addAction(action)
        self.map_toolbar.addSeparator()
        self.map_toolbar.addAction(self.org_chart_action)
        self.map_toolbar.addAction(self.influence_layout_action)
        self.map_toolbar.addSeparator()
        self.map_toolbar.addAction(self.path_action)
        self.map_toolbar.addAction(self.legend_action)
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
        self.file_menu = file = menu.addMenu("&File")
        file.addAction(self.new_library_action)
        file.addAction(self.open_library_action)
        self.recent_menu = file.addMenu("Open &recent")
        file.addSeparator()
        file.addAction(self.import_action)
        file.addAction(self.export_deals_action)
        file.addAction(self.backups_action)
        file.addSeparator()
        for action in (self.print_preview_action, self.print_action, self.export_pdf_action,
                       self.export_svg_action, self.export_png_action):
            file.addAction(action)
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
        deal.addAction(self.org_chart_action)
        deal.addAction(self.influence_layout_action)
        deal.addSeparator()
        deal.addAction(self.snapshot_action)
        deal.addAction(self.snapshots_action)

        view = menu.addMenu("&View")
        view.addAction(self.find_action)
        view.addAction(self.search_deals_action)
        view.addSeparator()
        for action in (self.fit_action, self.zoom_in_action, self.zoom_out_action,
                       self.legend_action, self.path_action):
            view.addAction(action)
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
        self.read_only_banner.setText(
            f"Read-only: {library.path} cannot be written (read-only file, folder or disk). "
            "You can read, print and export; changes cannot be saved — copy the library to "
            "a writable folder to edit it.")
        self.read_only_banner.setVisible(library.read_only)
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
        keep = self.settings.get(BACKUPS_KEPT)
        from desktop.ui.recovery import open_or_recover

        library = open_or_recover(path, self, keep)
        if library is None:
            return
        daily_backup(library, keep)
        self.set_library(library)

    @property
    def printing(self) -> Printing:
        if self._printing is None:
            from desktop.ui.printing import Printing

            self._printing = Printing(self, self.settings, lambda: self.deal,
                                      lambda: [p.id for p in self.selected_people()],
                                      self._report_failure, self._report_done)
        return self._printing

    @property
    def exchange(self) -> DealExchange:
        if self._exchange is None:
            from desktop.ui.deal_exchange import DealExchange

            self._exchange = DealExchange(
                self, self.settings, self._session,
                lambda: (self.deal.id, self.deal.name) if self.deal else None, self._push,
                self._choose_deal, self._report_failure, self._report_done)
        return self._exchange

    def _ask_output(self, kind: str) -> None:
        from desktop.ui.print_options_dialog import OutputKind

        self.printing.ask(OutputKind[kind])

    def show_backups(self) -> None:
        from desktop.ui.backups_dialog import BackupsDialog

        keep = self.settings.get(BACKUPS_KEPT)
        dialog = BackupsDialog(self.library.path, self._back_up_now, self._restore_backup,
                               keep, self, partial(self.settings.set, BACKUPS_KEPT))
        self.backups_dialog = dialog
        dialog.exec()

    def _back_up_now(self) -> None:
        try:
            made = self.library.backup("manual", self.settings.get(BACKUPS_KEPT))
        except StoreError as error:
            self._report_failure(str(error))
            return
        self._report_done(f"Backed up to {made}.")

    def _restore_backup(self, backup: Path) -> bool:
        """Close the library, restore, open it again (undo history ends with the old file)."""
        from desktop.store.restoring import restore

        path = self.library.path
        assert self.session is not None
        self.session.close()
        try:
            safety = restore(path, backup, self.settings.get(BACKUPS_KEPT))
        except StoreError as error:
            self._report_failure(str(error))
            safety = None
            failed = True
        else:
            failed = False
        try:
            library = Library.open(path)
        except StoreError as error:
            self._report_failure(str(error))
            return False
        self.set_library(library)
        if not failed:
            self._report_done(f"Restored {path.name} from {backup.name}"
                              + (f"; the library as it was is in {safety}." if safety
                                 else "."))
        return not failed

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
        self.path_action.setChecked(False)
        self.map_scene.show_deal(self.deal)
        self._update_map_hint()
        QTimer.singleShot(0, self.fit_map)
        self._analysis_timer.start()
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
                       self.add_person_action, self.snapshot_action, self.snapshots_action,
                       self.org_chart_action, self.influence_layout_action, self.fit_action,
                       self.print_preview_action, self.print_action, self.export_pdf_action,
                       self.export_svg_action, self.export_png_action):
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
        if not self._syncing_selection:
            self._syncing_selection = True
            try:
                self.map_scene.select_people(p.id for p in chosen)
            finally:
                self._syncing_selection = False
        self._refresh_charts()
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
        self.select_people([person_id])

    def select_people(self, person_ids: list[str]) -> None:
        """Select these people in the table, on the map and in the inspector (one selection
        shared by all three); the first becomes current and is scrolled to."""
        rows = [r for r in (self.people_model.row_of(i) for i in person_ids) if r is not None]
        if not rows:
            return
        indexes = [self.people_filter.mapFromSource(self.people_model.index(r, 0))
                   for r in rows]
        if not all(i.isValid() for i in indexes):
            self.people_search.clear()
            indexes = [self.people_filter.mapFromSource(self.people_model.index(r, 0))
                       for r in rows]
        selection = QItemSelection()
        for index in indexes:
            selection.select(index, index)
        model = self.table.selectionModel()
        model.setCurrentIndex(indexes[0], QItemSelectionModel.SelectionFlag.NoUpdate)
        model.select(selection, QItemSelectionModel.SelectionFlag.ClearAndSelect
                     | QItemSelectionModel.SelectionFlag.Rows)
        self.table.scrollTo(indexes[0])
        if len(person_ids) == 1 and self.tabs.currentIndex() == 0:
            card = self.map_scene.cards.get(person_ids[0])
            if card is not None and not self.map_view.viewport().rect().contains(
                    self.map_view.mapFromScene(card.pos())):
                self.map_view.centerOn(card)

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
        self.delete_selection()

    def delete_selection(self) -> None:
        """Delete the selected people and the selected lines of the map, as one undo step."""
        chosen = {p.id for p in self.selected_people()}
        if self.deal is None:
            return
        lines = [r for r in self.map_scene.selected_relations()
                 if r.source not in chosen and r.target not in chosen]
        if not chosen and not lines:
            return
        stack = self._session().undo_stack
        stack.beginMacro("Delete selection" if chosen and lines else
                         ("Delete people" if chosen else "Delete lines"))
        try:
            if chosen:
                self._push(commands.RemovePeople(self._session(), self.deal, list(chosen)))
            for relation in lines:
                self._push(commands.RemoveRelation(self._session(), self.deal.id, relation))
        finally:
            stack.endMacro()

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
        self.map_scene.show_deal(self.deal)
        self._update_map_hint()
        if changes.positions_only:
            return
        self.people_model.set_people(self.deal.people)
        self._analysis_timer.start()
        self._update_deal_header()
        self._update_title()
        self._selection_changed()
        if changes.snapshots or changes.snapshots_removed:
            if self._snapshots_dialog is not None:
                self._snapshots_dialog.set_snapshots(self.library.list_snapshots(current))
            self.statusBar().showMessage("Snapshot saved." if changes.snapshots else
                                         "Snapshot removed.", 4000)

    def _report_done(self, message: str) -> None:
        self.statusBar().showMessage(message, 10000)

    def _report_failure(self, message: str) -> None:
        self.statusBar().showMessage(message, 10000)
        QTimer.singleShot(0, lambda: QMessageBox.warning(self, APP_NAME, message))

    # -- the map ------------------------------------------------------------------------------

    def _map_selection_changed(self) -> None:
        if self._syncing_selection:
            return
        self._syncing_selection = True
        try:
            ids = self.map_scene.selected_person_ids()
            if ids:
                self.select_people(ids)
            else:
                self.table.clearSelection()
        finally:
            self._syncing_selection = False

    def _cards_moved(self, before: dict[str, Position], after: dict[str, Position]) -> None:
        self._push(commands.MovePeople(self._session(), before, after))

    def _relation_drawn(self, source: str, target: str, where: QPoint) -> None:
        """Ask which kind of line was drawn, with a menu that does not block.

        ``popup`` rather than ``exec``: a nested event loop inside a mouse-release
        handler is how re-entrancy bugs start, and the open menu stays reachable
        (``relation_menu``) for tests and accessibility tools."""
        if self.deal is None:
            return
        names = {p.id: p.name for p in self.deal.people}
        choices = [(f"{names[source]} reports to {names[target]}", RelationKind.REPORTS_TO, 1),
                   (f"{names[source]} has a dotted line to {names[target]}",
                    RelationKind.DOTTED_LINE, 1)]
        choices += [(f"{names[source]} influences {names[target]} — {label}",
                     RelationKind.INFLUENCE, strength)
                    for strength, label in ((1, "weakly"), (2, "clearly"), (3, "strongly"))]
        choices.append((f"{names[source]} and {names[target]} are in conflict",
                        RelationKind.CONFLICT, 1))
        if self.relation_menu is not None:
            self.relation_menu.close()
        menu = QMenu(self)
        menu.setTitle("Draw a line")
        for text, kind, strength in choices:
            menu.addAction(text, partial(self.draw_relation, source, target, kind, strength))
        menu.aboutToHide.connect(partial(setattr, self, "relation_menu", None))
        menu.aboutToHide.connect(menu.deleteLater)  # deferred: the picked action runs first
        self.relation_menu = menu
        menu.popup(where)

    def draw_relation(self, source: str, target: str, kind: RelationKind,
                      strength: int = 1) -> None:
        """Add a line between two cards, unless the same line is already there."""
        if self.deal is None:
            return
        for existing in self.deal.relations:
            same_ends = (existing.source, existing.target) == (source, target) or (
                kind is RelationKind.CONFLICT
                and (existing.target, existing.source) == (source, target))
            if same_ends and existing.kind is kind:
                self.statusBar().showMessage("That line is already on the map.", 5000)
                return
        self._add_relation(Relation(source=source, target=target, kind=kind,
                                    strength=strength))

    def _edit_person_from_map(self, person_id: str) -> None:
        self.select_person(person_id)
        self.inspector.texts["name"].setFocus()
        self.inspector.texts["name"].selectAll()

    def fit_map(self) -> None:
        self.map_view.fit_to_window()

    def auto_layout(self, kind: LayoutKind) -> None:
        if self.deal is None or not self.deal.people:
            return
        self.statusBar().showMessage(f"Arranging the map ({kind.value.lower()})…")
        self.layout_runner.start(kind, self.deal)

    def _layout_finished(self, deal_id: str, positions: dict[str, Position]) -> None:
        if self.deal is None or self.deal.id != deal_id:
            return
        before = {p.id: p.position for p in self.deal.people if p.id in positions}
        after = {i: pos for i, pos in positions.items()
                 if i in before and before[i] != pos}
        self.statusBar().showMessage("Map arranged. Edit ▸ Undo puts the cards back.", 5000)
        if after:
            command = commands.MovePeople(self._session(), {i: before[i] for i in after},
                                          after)
            command.setText("Arrange the map")
            self._push(command)
        self.fit_map()

    def _toggle_legend(self, checked: bool) -> None:
        self.settings.set(SHOW_LEGEND, checked)
        self.map_view.show_legend = checked
        self.map_view.viewport().update()

    def _toggle_path_action(self, checked: bool) -> None:
        if self.analysis_panel.show_path.isChecked() != checked:
            self.analysis_panel.show_path.setChecked(checked)
        else:
            self._show_path(checked)

    def _show_path(self, checked: bool) -> None:
        if self.path_action.isChecked() != checked:
            self.path_action.setChecked(checked)
        path = self.analysis.path_to_power if self.analysis is not None else None
        self.map_scene.set_path(path or () if checked else ())
        if checked and path:
            self.tabs.setCurrentIndex(0)

    def _mark_found(self, text: str) -> None:
        needle = text.strip().casefold()
        self._found = [p.id for p in self.deal.people if needle in p.name.casefold()] \
            if needle and self.deal else []
        self.map_scene.mark_found(self._found)

    def focus_next_found(self) -> None:
        """Enter in the find field: select the next match and centre the map on it."""
        if not self._found:
            return
        current = self.selected_people()
        after = 0
        if len(current) == 1 and current[0].id in self._found:
            after = (self._found.index(current[0].id) + 1) % len(self._found)
        person_id = self._found[after]
        self.tabs.setCurrentIndex(0)
        self.select_person(person_id)
        self.map_view.focus_person(person_id)

    def _update_map_hint(self) -> None:
        if self.deal is None:
            hint = "No deal selected."
        elif not self.deal.people:
            hint = "No people yet — Deal ▸ Add person (Ctrl+Shift+N)."
        else:
            hint = ""
        if hint != self.map_view.empty_hint:
            self.map_view.empty_hint = hint
            self.map_view.viewport().update()

    # -- analysis -----------------------------------------------------------------------------

    def _refresh_analysis(self) -> None:
        """Re-run the deal analysis (coalesced: one run per event-loop turn of changes)."""
        deal = self.deal
        self.analysis = analyse(deal, stale_days=self.settings.get(STALE_CONTACT_DAYS)) \
            if deal is not None and deal.people else None
        self.analysis_panel.show_analysis(deal, self.analysis)
        if self.path_action.isChecked():
            self._show_path(True)
        self._refresh_charts()

    def _refresh_charts(self) -> None:
        people = self.deal.people if self.deal else ()
        chosen = self.selected_people()
        selected = chosen[0].id if len(chosen) == 1 else None
        for view in (self.triangle_view, self.balance_view):
            view.show_data(people, self.analysis, selected)

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

    # -- files dropped on the window ---------------------------------------------------------

    def dragEnterEvent(self, event: QDragEnterEvent) -> None:
        if _local_files(event.mimeData()):
            event.acceptProposedAction()

    def dragMoveEvent(self, event: QDragMoveEvent) -> None:
        if _local_files(event.mimeData()):
            event.acceptProposedAction()

    def dropEvent(self, event: QDropEvent) -> None:
        files = _local_files(event.mimeData())
        if files:
            event.acceptProposedAction()
            # After the drop returns: the import may open dialogs.
            QTimer.singleShot(0, partial(self.exchange.import_files, files))

    def closeEvent(self, event: QCloseEvent) -> None:
        self.settings.set(WINDOW_GEOMETRY, self.saveGeometry())
        self.settings.set(SPLITTER_STATE, self.splitter.saveState())
        self.settings.set(CENTRE_SPLITTER_STATE, self.centre_splitter.saveState())
        self.settings.set(SIDE_SPLITTER_STATE, self.side_splitter.saveState())
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


def _local_files(mime: QMimeData) -> list[Path]:
    return [Path(url.toLocalFile()) for url in mime.urls() if url.isLocalFile()]
