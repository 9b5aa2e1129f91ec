"""The main window: menus, actions, the undo stack and the wiring of the panels — nothing a
panel could own.

Deals on the left (``DealListPanel``); in the middle the deal's header, the map, the
decision triangle and the balance map above the people table; on the right the inspector
and the analysis. Each panel emits what the user asks for (intent signals) and follows the
session's ``changed(ChangeSet)`` itself; the window turns each intent into an undo command:
gesture → intent → command → store → change set → each panel refreshes its part.
"""

from __future__ import annotations

from functools import partial
from typing import TYPE_CHECKING

from PySide6.QtCore import QPoint, QSettings, QSize, Qt, QTimer
from PySide6.QtGui import (
    QAction,
    QCloseEvent,
    QKeySequence,
)
from PySide6.QtWidgets import (
    QLabel,
    QMainWindow,
    QMenu,
    QMessageBox,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from desktop import APP_NAME
from desktop.domain.changes import ChangeSet
from desktop.domain.enums import Influence, Support
from desktop.domain.person import Person
from desktop.store.library import Library
from desktop.ui import commands, help_menu
from desktop.ui.deal_actions import DealActions
from desktop.ui.file_drops import FileDrops
from desktop.ui.geometry import KeptGeometry
from desktop.ui.library_files import LibraryFiles
from desktop.ui.pages import schedule_pages
from desktop.ui.panels.analysis_panel import AnalysisPanel
from desktop.ui.panels.deal_header import DealHeader
from desktop.ui.panels.deal_list_panel import DealListPanel
from desktop.ui.panels.decision_panel import DecisionPanel
from desktop.ui.panels.inspector import Inspector
from desktop.ui.panels.map_page import MapPage
from desktop.ui.panels.people_panel import PeoplePanel
from desktop.ui.panels.plan_panel import PlanPanel
from desktop.ui.panels.triangle_view import Chart, TriangleView
from desktop.ui.people_actions import PeopleActions
from desktop.ui.selection import Selection
from desktop.ui.session import LibrarySession
from desktop.ui.settings import (
    CENTRE_SPLITTER_STATE,
    SIDE_SPLITTER_STATE,
    SPLITTER_STATE,
    WINDOW_GEOMETRY,
    Settings,
)
from desktop.ui.widgets.splitter import named_splitter

if TYPE_CHECKING:
    from desktop.ui.deal_exchange import DealExchange
    from desktop.ui.printing import Printing

MAP_TAB = 0


class MainWindow(QMainWindow):
    def __init__(self, library: Library, settings: Settings | None = None) -> None:
        super().__init__()
        self.settings = settings or Settings(QSettings())
        self.session = LibrarySession(self)
        self.selection = Selection(self.session)
        self.files = LibraryFiles(self, self.session, self.settings)
        self.deals = DealActions(self, self.session)
        self._printing: Printing | None = None
        self._exchange: DealExchange | None = None
        self._build_panels()
        self.people_menu: QMenu | None = None  # the context menu, made on first use
        self.people_actions = PeopleActions(self.session, self.selection, self.map_page,
                                            self.inspector)
        self._build_actions()
        self._build_menus()
        self._wire()
        schedule_pages(self)
        self.statusBar()
        self.geometry_kept = KeptGeometry(self.settings, self, WINDOW_GEOMETRY, QSize(1360, 860))
        # The map gets the larger share: it is what a seller reads the deal from.
        self.geometry_kept.splitter(self.splitter, SPLITTER_STATE, [200, 830, 336])
        self.geometry_kept.splitter(self.centre_splitter, CENTRE_SPLITTER_STATE, [660, 170])
        self.geometry_kept.splitter(self.side_splitter, SIDE_SPLITTER_STATE, [400, 400])
        self.drops = FileDrops(self, lambda files: self.exchange.import_files(files))
        self.files.show_library(library)

    # -- building -------------------------------------------------------------------------

    def _build_panels(self) -> None:
        session, selection = self.session, self.selection
        self.deal_list = DealListPanel(session)
        self.deal_header = DealHeader(session)
        self.analysis_panel = AnalysisPanel(session, self.settings)
        self.map_page = MapPage(session, selection, self.settings, self.analysis_panel)
        self.triangle_view = TriangleView(Chart.TRIANGLE, self.analysis_panel, selection)
        self.balance_view = TriangleView(Chart.BALANCE, self.analysis_panel, selection)
        self.grid_view = TriangleView(Chart.GRID, self.analysis_panel, selection)
        self.people = PeoplePanel(session, selection)
        self.inspector = Inspector(session, selection)
        self.inspector.setMinimumWidth(300)

        self.tabs = QTabWidget()
        self.tabs.setObjectName("view_tabs")
        self.tabs.setDocumentMode(True)
        self.tabs.addTab(self.map_page, "Map")
        self.tabs.addTab(self.triangle_view, "Decision triangle")
        self.tabs.addTab(self.balance_view, "Balance map")
        self.tabs.addTab(self.grid_view, "Support × influence")
        self.plan = PlanPanel(session)
        self.tabs.addTab(self.plan, "Plan")
        self.decision = DecisionPanel(session)
        self.tabs.addTab(self.decision, "Decision")
        self.centre_splitter = named_splitter("centre_splitter", Qt.Orientation.Vertical,
                                         self.tabs, self.people)
        # A smaller screen takes a little from the table too: the map must stay readable.
        self.centre_splitter.setStretchFactor(0, 5)
        self.centre_splitter.setStretchFactor(1, 1)
        self.centre_splitter.setHandleWidth(7)  # easier to find and grab than faint dots
        self.centre_splitter.handle(1).setToolTip(
            "Drag to give the tabs or the people table more room")
        centre = QWidget()
        centre_layout = QVBoxLayout(centre)
        centre_layout.setContentsMargins(0, 6, 0, 0)
        centre_layout.addWidget(self.deal_header)
        centre_layout.addWidget(self.centre_splitter, 1)
        self.side_splitter = named_splitter("side_splitter", Qt.Orientation.Vertical,
                                       self.inspector, self.analysis_panel)
        self.splitter = named_splitter("main_splitter", Qt.Orientation.Horizontal,
                                  self.deal_list, centre, self.side_splitter)
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
        layout = QVBoxLayout(central)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)
        layout.addWidget(self.read_only_banner)
        layout.addWidget(self.splitter, 1)
        self.setCentralWidget(central)

    def _action(self, text: str, slot: object, shortcut: QKeySequence | str | None = None,
                tip: str = "") -> QAction:
        action = QAction(text, self)
        if shortcut is not None:
            action.setShortcut(QKeySequence(shortcut))
        action.setStatusTip(tip)
        action.triggered.connect(slot)
        self.addAction(action)
        return action

    def _local_shortcut(self, action: QAction, *widgets: QWidget) -> None:
        """The action's key works only where these widgets have the focus (Delete deletes
        people in the table and on the map, not a character in a text field)."""
        self.removeAction(action)
        action.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        for widget in widgets:
            widget.addAction(action)

    def _build_actions(self) -> None:
        key = QKeySequence.StandardKey
        files = self.files
        self.new_library_action = self._action("&New library…", files.new_library)
        self.open_library_action = self._action("&Open library…", files.open_library,
                                                QKeySequence(key.Open))
        self.quit_action = self._action("&Quit", self.close, QKeySequence(key.Quit))
        # Printing and import/export load their modules on first use (start-up stays fast).
        self.import_action = self._action(
            "&Import…", lambda: self.exchange.ask_import(), "Ctrl+Shift+I",
            "Import deal files, or people from CSV, GraphML or GEXF")
        self.export_deals_action = self._action(
            "E&xport deals…", lambda: self.exchange.ask_export(), "Ctrl+Shift+X",
            "Export deals to share them, or for Excel, yEd, Gephi or Kumu")
        self.backups_action = self._action("&Backups…", files.show_backups,
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
            "Export map as PN&G…", partial(self._ask_output, "PNG"),
            tip="Save the map as an image at a chosen resolution")
        deals = self.deals
        self.new_deal_action = self._action("&New deal…", deals.new_deal, QKeySequence(key.New))
        self.edit_deal_action = self._action("Deal &properties…", deals.edit_deal, "Ctrl+I")
        self.rename_deal_action = self._action("&Rename deal…", deals.rename_deal, "F2")
        # F2 renames in the deal list; in the people table it edits the cell, as it should.
        self._local_shortcut(self.rename_deal_action, self.deal_list.list)
        self.delete_deal_action = self._action("&Delete deal…", deals.delete_deal)
        people = self.people_actions
        self.add_person_action = self._action("&Add person", people.add_person, "Ctrl+Shift+N")
        self.delete_people_action = self._action("Delete s&elected", people.delete_selection,
                                                 QKeySequence(key.Delete))
        self._local_shortcut(self.delete_people_action, self.people.table, self.map_page.view)
        for action in self.map_page.toolbar.actions():
            self.addAction(action)  # the map's shortcuts work from anywhere in the window
        self.snapshot_action = self._action("&Take snapshot…", self.deals.take_snapshot,
                                            "Ctrl+Alt+S")
        self.snapshots_action = self._action("Snaps&hots…", self.deals.show_snapshots)
        self.find_action = self._action("&Find person", self.people.focus_search,
                                        QKeySequence(key.Find))
        self.search_deals_action = self._action("Search &deals", self.deal_list.focus_search,
                                                "Ctrl+Shift+F")
        self.focus_deals_action = self._action("Deal &list", self.deal_list.list.setFocus,
                                               "Ctrl+1")
        self.focus_people_action = self._action("&People", self.people.table.setFocus, "Ctrl+2")
        self.focus_inspector_action = self._action("I&nspector", self.inspector.setFocus,
                                                   "Ctrl+3")
        self.show_plan_action = self._action("Pl&an", self._focus_plan, "Ctrl+5",
                                             "The Plan tab, its list focused")
        self.focus_map_action = self._action("&Map", self._focus_map, "Ctrl+4",
                                             "The map: arrow keys move the selected cards")
        self.focus_decision_action = self._action(
            "De&cision", self._focus_decision, "Ctrl+6",
            "The Decision tab, its criteria table focused")
        self.guide_action = self._action("&User guide", lambda: help_menu.open_guide(self),
                                         QKeySequence(key.HelpContents),
                                         "How to use Deal Triangle, with pictures")
        self.shortcuts_action = self._action("&Keyboard shortcuts",
                                             lambda: help_menu.show_shortcuts(self, self.menus),
                                             tip="Every key the window answers to")
        self.about_action = self._action(f"&About {APP_NAME}", lambda: help_menu.about(
            self, self.session.library.path if self.session.is_open else None))
        self.about_qt_action = self._action("About &Qt", lambda: QMessageBox.aboutQt(self))
        stack = self.session.undo_stack
        self.undo_action = stack.createUndoAction(self, "&Undo")
        self.undo_action.setShortcuts(key.Undo)  # every key the platform knows
        self.redo_action = stack.createRedoAction(self, "&Redo")
        # Both common redo keys everywhere (Linux knows only Ctrl+Shift+Z, Windows Ctrl+Y).
        redo_keys = [*QKeySequence.keyBindings(key.Redo)]
        for extra in ("Ctrl+Shift+Z", "Ctrl+Y"):
            if QKeySequence(extra) not in redo_keys:
                redo_keys.append(QKeySequence(extra))
        self.redo_action.setShortcuts(redo_keys)

    def _build_menus(self) -> None:
        bar = self.menuBar()
        self.file_menu = bar.addMenu("&File")
        self.file_menu.addActions([self.new_library_action, self.open_library_action])
        self.files.recent_menu = self.file_menu.addMenu("Open &recent")
        self.file_menu.addSeparator()
        self.file_menu.addActions([self.import_action, self.export_deals_action,
                                   self.backups_action])
        self.file_menu.addSeparator()
        self.file_menu.addActions([self.print_preview_action, self.print_action,
                                   self.export_pdf_action, self.export_svg_action,
                                   self.export_png_action])
        self.file_menu.addSeparator()
        self.file_menu.addAction(self.quit_action)

        self.edit_menu = bar.addMenu("&Edit")
        self.edit_menu.addActions([self.undo_action, self.redo_action])
        self.edit_menu.addSeparator()
        self.edit_menu.addAction(self.find_action)

        deal = bar.addMenu("&Deal")
        deal.addActions([self.new_deal_action, self.edit_deal_action, self.rename_deal_action,
                         self.delete_deal_action])
        deal.addSeparator()
        deal.addActions([self.add_person_action, self.delete_people_action])
        self.support_menu = deal.addMenu("Set s&upport of selected")
        for support in reversed(Support):
            self.support_menu.addAction(
                f"&{support.label} ({int(support):+d})" if support else "&Neutral (0)",
                partial(self.people_actions.set_for_selected, "support", support))
        self.influence_menu = deal.addMenu("Set &influence of selected")
        for influence in reversed(Influence):
            self.influence_menu.addAction(
                f"&{influence.label}",
                partial(self.people_actions.set_for_selected, "influence", influence))
        deal.addSeparator()
        deal.addActions([self.map_page.org_chart_action, self.map_page.influence_layout_action])
        deal.addSeparator()
        deal.addActions([self.snapshot_action, self.snapshots_action])
        deal.addSeparator()
        self.plan_menu = deal.addMenu("P&lan")  # the Plan tab's keys, listed and clickable
        self.plan_menu.addActions(self.plan.actions_for_menu())

        view = bar.addMenu("&View")
        view.addActions([self.find_action, self.search_deals_action])
        view.addSeparator()
        page = self.map_page
        view.addActions([page.fit_action, page.zoom_in_action, page.zoom_out_action,
                         page.legend_action, page.path_action])
        view.addSeparator()
        view.addActions([self.focus_deals_action, self.focus_people_action,
                         self.focus_inspector_action, self.focus_map_action,
                         self.show_plan_action, self.focus_decision_action])

        help_ = bar.addMenu("&Help")
        self.menus: list[QMenu] = [self.file_menu, self.edit_menu, deal, view, self.plan_menu,
                                   help_]
        help_.addActions([self.guide_action, self.shortcuts_action])
        help_.addSeparator()
        help_.addActions([self.about_action, self.about_qt_action])

    def _wire(self) -> None:
        """Each panel's intents to the commands that carry them out."""
        session, page, people, inspector = self.session, self.map_page, self.people, self.inspector
        session.failed.connect(self.report_failure)
        session.done.connect(self.report_done)
        session.library_opened.connect(self._library_opened)
        session.deal_shown.connect(self._deal_shown)
        session.changed.connect(self._changed)
        self.selection.changed.connect(self._selection_changed)
        self.deal_list.deal_chosen.connect(session.show_deal)
        self.deal_list.new_requested.connect(self.deals.new_deal)
        self.deal_list.edit_requested.connect(self.deals.edit_deal)
        people.add_requested.connect(self.people_actions.add_person)
        people.delete_requested.connect(self.people_actions.delete_selection)
        people.score_edited.connect(lambda before, after: self.people_actions.edit_people(
            [before], [after], "score"))
        people.find_changed.connect(page.mark_found)
        people.find_next_requested.connect(self._focus_next_found)
        people.menu_requested.connect(self._people_menu)
        page.cards_moved.connect(lambda before, after: session.push(
            commands.MovePeople(session, before, after, origin=page)))
        page.cards_nudged.connect(lambda before, after: session.push(
            commands.MovePeople(session, before, after, origin=page, merge=True)))
        page.cards_arranged.connect(lambda before, after: session.push(
            commands.MovePeople(session, before, after, text="Arrange the map")))
        page.relation_requested.connect(self.people_actions.add_relation)
        page.edit_requested.connect(self._edit_person)
        page.menu_requested.connect(self._people_menu)
        page.path_shown.connect(self._path_shown)
        inspector.person_edited.connect(
            lambda before, after, what, merge: self.people_actions.edit_people(
                [before], [after], what, merge=merge, origin=inspector))
        inspector.relation_requested.connect(self.people_actions.add_relation)
        inspector.relation_removal_requested.connect(self.people_actions.remove_relation)
        self.plan.show_requested.connect(lambda: self.tabs.setCurrentWidget(self.plan))
        inspector.action_shown.connect(self._show_action)
        for asking in (self.plan, inspector, self.decision):  # each edit one EditPlan step
            asking.plan_edited.connect(lambda before, after, text: session.push(
                commands.EditPlan(session, before, after, text)))
        self.analysis_panel.people_chosen.connect(self.selection.set)

    # -- following the session ----------------------------------------------------------------

    def _library_opened(self) -> None:
        library = self.session.library
        self.read_only_banner.setText(
            f"Read-only: {library.path} cannot be written (read-only file, folder or disk). "
            "You can read, print and export; changes cannot be saved — copy the library to "
            "a writable folder to edit it.")
        self.read_only_banner.setVisible(library.read_only)
        last = self.settings.last_deal(str(library.path))
        shown = last if self.deal_list.model.row_of(last) is not None else \
            self.deal_list.first_deal()
        self.session.show_deal(shown)

    def _deal_shown(self) -> None:
        deal = self.session.deal
        if deal is not None:
            self.settings.set_last_deal(str(self.session.library.path), deal.id)
        for action in (self.edit_deal_action, self.rename_deal_action, self.delete_deal_action,
                       self.add_person_action, self.snapshot_action,
                       self.snapshots_action,
                       self.print_preview_action, self.print_action, self.export_pdf_action,
                       self.export_svg_action, self.export_png_action,
                       *self.map_page.actions_needing_a_deal()):
            action.setEnabled(deal is not None)
        self._update_title()
        self._selection_changed()

    def _changed(self, changes: ChangeSet) -> None:
        if changes.deals_added and not changes.unknown and (
                self.session.deal is None or self.session.deal.id not in changes.deals_added):
            # A deal came back (undo of a delete, redo of a new deal): show it.
            self.session.show_deal(sorted(changes.deals_added)[0])
            return
        deal = self.session.deal
        if deal is not None and (deal.id in changes.deals or changes.unknown):
            self._update_title()
        if (changes.snapshots or changes.snapshots_removed) and deal is not None:
            dialog = self.deals.snapshots_dialog
            if dialog is not None:
                dialog.set_snapshots(self.session.library.list_snapshots(deal.id))
            self.report_done("Snapshot saved." if changes.snapshots else "Snapshot removed.")

    def _update_title(self) -> None:
        name = self.session.deal.name if self.session.deal else "No deal"
        path = self.session.library.path.name if self.session.is_open else ""
        self.setWindowTitle(f"{name} — {path}")

    def _selection_changed(self) -> None:
        chosen = bool(self.selected_people())
        for widget in (self.delete_people_action, self.support_menu, self.influence_menu):
            widget.setEnabled(chosen)

    def report_done(self, message: str) -> None:
        self.statusBar().showMessage(message, 10000)

    def report_failure(self, message: str) -> None:
        self.statusBar().showMessage(message, 10000)
        QTimer.singleShot(0, lambda: QMessageBox.warning(self, APP_NAME, message))

    # -- people ---------------------------------------------------------------------------

    def selected_people(self) -> list[Person]:
        return self.selection.people(self.session.deal)

    def _edit_person(self, person_id: str) -> None:
        self.selection.set([person_id])
        self.inspector.focus_name()

    def _path_shown(self, shown: bool) -> None:
        if shown:
            self.tabs.setCurrentIndex(MAP_TAB)

    def _focus_map(self) -> None:
        self.tabs.setCurrentIndex(MAP_TAB)
        self.map_page.view.setFocus(Qt.FocusReason.ShortcutFocusReason)

    def _focus_plan(self) -> None:
        self.tabs.setCurrentWidget(self.plan)
        self.plan.tree.setFocus(Qt.FocusReason.ShortcutFocusReason)

    def _show_action(self, action_id: str) -> None:
        """An action chosen in the inspector, current in the Plan tab (F2 edits it)."""
        self._focus_plan()
        self.plan.select_action(action_id)

    def _focus_decision(self) -> None:
        self.tabs.setCurrentWidget(self.decision)
        self.decision.criteria.setFocus(Qt.FocusReason.ShortcutFocusReason)

    def _focus_next_found(self) -> None:
        self.tabs.setCurrentIndex(MAP_TAB)
        self.map_page.focus_next_found()

    def _people_menu(self, where: QPoint) -> None:
        """The context menu of the map and the table: made once and kept (a menu deleted
        after use took the shared support and influence submenus with it)."""
        if self.people_menu is None:
            self.people_menu = QMenu(self)
            self.people_menu.addActions([self.add_person_action, self.delete_people_action])
            self.people_menu.addMenu(self.support_menu)
            self.people_menu.addMenu(self.influence_menu)
        self.people_menu.popup(where)

    # -- printing and exchange, loaded on first use -------------------------------------------

    @property
    def printing(self) -> Printing:
        if self._printing is None:
            from desktop.ui.printing import Printing

            self._printing = Printing(self, self.settings, self.session, self.selection)
        return self._printing

    @property
    def exchange(self) -> DealExchange:
        if self._exchange is None:
            from desktop.ui.deal_exchange import DealExchange
            self._exchange = DealExchange(self, self.settings, self.session, self.selection,
                                          self.map_page.fit)
        return self._exchange

    def _ask_output(self, kind: str) -> None:
        from desktop.ui.print_options_dialog import OutputKind

        self.printing.ask(OutputKind[kind])

    # -- closing ---------------------------------------------------------------------------

    def closeEvent(self, event: QCloseEvent) -> None:
        self.geometry_kept.save()
        super().closeEvent(event)

