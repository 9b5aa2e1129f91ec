"""The map page: its toolbar, the influence map (scene + view), the popup that asks which
line was drawn, find, the path to power, the legend and automatic layout.

Intent signals out: ``cards_moved`` (one drag, on release), ``cards_arranged`` (an automatic
layout), ``relation_requested`` (a line drawn and its kind chosen), ``edit_requested`` (a
double-click), ``menu_requested``. In: the session's deal and change sets (only the cards and
lines a change names are touched), the shared selection, and the analysis (the path).
"""

from __future__ import annotations

from functools import partial

from PySide6.QtCore import QPoint, Qt, QTimer, Signal
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QMenu, QToolBar, QVBoxLayout, QWidget

from desktop.domain.changes import ChangeSet
from desktop.domain.enums import RelationKind
from desktop.domain.position import Position
from desktop.domain.relation import Relation
from desktop.render.map.scene import MapScene
from desktop.ui.panels.analysis_panel import AnalysisPanel
from desktop.ui.panels.layout_runner import LayoutKind, LayoutRunner
from desktop.ui.panels.map_legend import MapLegend
from desktop.ui.panels.map_view import MapView
from desktop.ui.selection import Selection
from desktop.ui.session import LibrarySession
from desktop.ui.settings import SHOW_LEGEND, Settings


class MapPage(QWidget):
    cards_moved = Signal(object, object)  # {id: Position} before, after
    cards_nudged = Signal(object, object)  # the same, by an arrow key (bursts merge)
    cards_arranged = Signal(object, object)  # {id: Position} before, after
    relation_requested = Signal(object)  # Relation
    edit_requested = Signal(str)  # person id
    menu_requested = Signal(QPoint)  # global position
    path_shown = Signal(bool)

    def __init__(self, session: LibrarySession, selection: Selection, settings: Settings,
                 analysis: AnalysisPanel, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.session = session
        self.selection = selection
        self.settings = settings
        self.analysis = analysis
        self.relation_menu: QMenu | None = None
        self._found: list[str] = []
        self._find_text = ""
        self._selecting = False
        self.scene = MapScene(self)
        self.view = MapView(self.scene)
        self.layout_runner = LayoutRunner(self)
        self.toolbar = QToolBar("Map")
        self.toolbar.setObjectName("map_toolbar")
        self._build_actions()
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)
        layout.addWidget(self.toolbar)
        layout.addWidget(self.view, 1)
        self.legend = MapLegend()
        self.legend.setVisible(self.legend_action.isChecked())
        layout.addWidget(self.legend)

        self.scene.selectionChanged.connect(self._scene_selection_changed)
        self.view.cards_moved.connect(self.cards_moved)
        self.view.cards_nudged.connect(self.cards_nudged)
        self.view.relation_requested.connect(self._relation_drawn)
        self.view.edit_requested.connect(self.edit_requested)
        self.view.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        self.view.customContextMenuRequested.connect(
            lambda pos: self.menu_requested.emit(self.view.viewport().mapToGlobal(pos)))
        self.layout_runner.finished.connect(self._arranged)
        self.layout_runner.failed.connect(session.failed)
        session.deal_shown.connect(self._deal_shown)
        session.changed.connect(self._changed)
        selection.changed.connect(self._selection_changed)
        analysis.analysis_shown.connect(lambda _analysis: self._show_path())
        analysis.path_toggled.connect(self.path_action.setChecked)

    def _action(self, text: str, slot: object, shortcut: QKeySequence | str | None = None,
                tip: str = "") -> QAction:
        action = QAction(text, self)
        if shortcut is not None:
            action.setShortcut(QKeySequence(shortcut))
        action.setStatusTip(tip)
        action.triggered.connect(slot)
        return action

    def _build_actions(self) -> None:
        key = QKeySequence.StandardKey
        self.zoom_in_action = self._action("Zoom &in", self.view.zoom_in,
                                           QKeySequence(key.ZoomIn), "Zoom the map in")
        self.zoom_out_action = self._action("Zoom &out", self.view.zoom_out,
                                            QKeySequence(key.ZoomOut), "Zoom the map out")
        self.fit_action = self._action("Fi&t map to window", self.fit, "Ctrl+0",
                                       "Show the whole map")
        self.org_chart_action = self._action(
            "Arrange as &org chart", partial(self.arrange, LayoutKind.ORG_CHART),
            "Ctrl+Shift+O", "Place cards top-down by reports-to lines (one undo step)")
        self.influence_layout_action = self._action(
            "Arrange by influen&ce", partial(self.arrange, LayoutKind.INFLUENCE),
            "Ctrl+Shift+L", "Place connected people near each other (one undo step)")
        self.legend_action = self._action("Show le&gend", self._toggle_legend)
        self.legend_action.setCheckable(True)
        self.legend_action.setChecked(self.settings.get(SHOW_LEGEND))
        self.path_action = QAction("Show path to po&wer", self)
        self.path_action.setStatusTip("Highlight the shortest friendly path from your champion "
                                      "to the economic buyer")
        self.path_action.setCheckable(True)
        self.path_action.toggled.connect(self._path_toggled)
        for action in (self.fit_action, self.zoom_in_action, self.zoom_out_action):
            self.toolbar.addAction(action)
        self.toolbar.addSeparator()
        self.toolbar.addAction(self.org_chart_action)
        self.toolbar.addAction(self.influence_layout_action)
        self.toolbar.addSeparator()
        self.toolbar.addAction(self.path_action)
        self.toolbar.addAction(self.legend_action)

    def actions_needing_a_deal(self) -> tuple[QAction, ...]:
        return (self.org_chart_action, self.influence_layout_action, self.fit_action)

    # -- the session's deal ---------------------------------------------------------------------

    def _deal_shown(self) -> None:
        self.path_action.setChecked(False)
        self.scene.show_deal(self.session.deal)
        self._mark_found_again()
        self._update_hint()
        self.view.show_readable()  # before the first paint: one paint, at the right zoom
        QTimer.singleShot(0, self.view.fit_again_if_resized)  # the window was being laid out

    def _changed(self, changes: ChangeSet) -> None:
        deal = self.session.deal
        if deal is None:
            if self.scene.deal_id is not None:
                self.scene.show_deal(None)
                self._update_hint()
            return
        if not changes.touches_deal(deal.id):
            return
        if changes.origin is self and changes.positions_only:
            return  # our own drag: the cards are where the store now says
        self.scene.apply_changes(deal, changes)
        if changes.people_added or changes.people_removed or changes.unknown:
            self._update_hint()
            self._mark_found_again()

    def _update_hint(self) -> None:
        deal = self.session.deal
        if deal is None:
            hint = "No deal selected."
        elif not deal.people:
            hint = "No people yet — Deal ▸ Add person (Ctrl+Shift+N)."
        else:
            hint = ""
        if hint != self.view.empty_hint:
            self.view.empty_hint = hint
            self.view.viewport().update()

    # -- selection --------------------------------------------------------------------------

    def _scene_selection_changed(self) -> None:
        if not self._selecting:
            self.selection.set(self.scene.selected_person_ids(), origin=self)

    def _selection_changed(self, origin: object) -> None:
        if origin is self:
            return
        self._selecting = True
        try:
            self.scene.select_people(self.selection.ids)
        finally:
            self._selecting = False
        if len(self.selection.ids) == 1 and self.isVisible():
            card = self.scene.cards.get(self.selection.ids[0])
            if card is not None and not self.view.viewport().rect().contains(
                    self.view.mapFromScene(card.pos())):
                self.view.centerOn(card)

    # -- drawing a line -------------------------------------------------------------------------

    def _relation_drawn(self, source: str, target: str, where: QPoint) -> None:
        """Ask which kind of line was drawn, with a menu that does not block.

        ``popup`` rather than ``exec``: a nested event loop inside a mouse-release handler is
        how re-entrancy bugs start, and the open menu stays reachable (``relation_menu``)
        for tests and accessibility tools."""
        deal = self.session.deal
        if deal is None:
            return
        a, b = deal.person(source).name, deal.person(target).name
        choices = [(f"{a} reports to {b}", RelationKind.REPORTS_TO, 1),
                   (f"{a} has a dotted line to {b}", RelationKind.DOTTED_LINE, 1)]
        choices += [(f"{a} influences {b} — {label}", RelationKind.INFLUENCE, strength)
                    for strength, label in ((1, "weakly"), (2, "clearly"), (3, "strongly"))]
        choices.append((f"{a} and {b} are in conflict", RelationKind.CONFLICT, 1))
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
        """Ask for a line between two cards, unless the same line is already there."""
        deal = self.session.deal
        if deal is None:
            return
        if deal.has_line(source, target, kind):
            self.session.done.emit("That line is already on the map.")
            return
        self.relation_requested.emit(Relation(source=source, target=target, kind=kind,
                                              strength=strength))

    # -- layout -----------------------------------------------------------------------------

    def fit(self) -> None:
        self.view.fit_to_window()

    def arrange(self, kind: LayoutKind) -> None:
        deal = self.session.deal
        if deal is None or not deal.people:
            return
        self.session.done.emit(f"Arranging the map ({kind.value.lower()})…")
        viewport = self.view.viewport()
        self.layout_runner.start(kind, deal, aspect=viewport.width() / max(1, viewport.height()))

    def _arranged(self, deal_id: str, positions: dict[str, Position]) -> None:
        deal = self.session.deal
        if deal is None or deal.id != deal_id:
            return
        before = {p.id: p.position for p in deal.people if p.id in positions}
        after = {i: pos for i, pos in positions.items() if i in before and before[i] != pos}
        self.session.done.emit("Map arranged. Edit ▸ Undo puts the cards back.")
        if after:
            self.cards_arranged.emit({i: before[i] for i in after}, after)
        self.fit()

    # -- legend, path, find -----------------------------------------------------------------

    def _toggle_legend(self, checked: bool) -> None:
        self.settings.set(SHOW_LEGEND, checked)
        self.legend.setVisible(checked)

    def _path_toggled(self, checked: bool) -> None:
        if self.analysis.show_path.isChecked() != checked:
            self.analysis.show_path.setChecked(checked)
        self._show_path()
        self.path_shown.emit(checked)

    def _show_path(self) -> None:
        analysis = self.analysis.analysis
        path = analysis.path_to_power if analysis is not None else None
        self.scene.set_path(path or () if self.path_action.isChecked() else ())

    def mark_found(self, text: str) -> None:
        needle = text.strip().casefold()
        deal = self.session.deal
        self._found = [p.id for p in deal.people if needle in p.name.casefold()] \
            if needle and deal is not None else []
        self.scene.mark_found(self._found)
        self._find_text = text

    def _mark_found_again(self) -> None:
        self.mark_found(self._find_text)

    def focus_next_found(self) -> None:
        """Enter in the find field: select the next match and centre the map on it."""
        if not self._found:
            return
        current = self.selection.ids
        after = 0
        if len(current) == 1 and current[0] in self._found:
            after = (self._found.index(current[0]) + 1) % len(self._found)
        person_id = self._found[after]
        self.selection.set([person_id])
        self.view.focus_person(person_id)
