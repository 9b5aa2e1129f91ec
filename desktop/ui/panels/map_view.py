"""The map on screen: zoom, pan, fit, find, and the gestures that become undo commands.

The view never edits the store. A drag ends in one ``cards_moved(before, after)`` signal on
mouse release (one undo step however far and however many cards); the arrow keys move the
selected cards (``cards_nudged``: a burst of presses is one undo step); a line drawn from a
card's handle ends in ``relation_requested``, a double-click in ``edit_requested``; the window
turns each into a command, and the store's change set comes back to the scene.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QLineF, QPoint, QPointF, QRect, QRectF, Qt, Signal
from PySide6.QtGui import (
    QColor,
    QHelpEvent,
    QKeyEvent,
    QMouseEvent,
    QPainter,
    QPaintEvent,
    QPen,
    QPixmap,
    QResizeEvent,
    QTransform,
    QWheelEvent,
)
from PySide6.QtWidgets import (
    QGraphicsLineItem,
    QGraphicsView,
    QRubberBand,
    QStyle,
    QStyleOptionRubberBand,
    QToolTip,
    QWidget,
)

from desktop.domain.position import Position
from desktop.palette import HIGHLIGHT
from desktop.render.map.cards import ConnectHandle, PersonCard
from desktop.render.map.drag_layer import Showing
from desktop.render.map.scene import MapScene
from desktop.ui.panels.map_overview import OverviewPicture

MIN_SCALE = 0.03
READABLE_PX = 9.0  # the smallest name a deal opens with, on screen
READABLE_UP_TO = 200  # people; a bigger map opens fitted (no zoom makes all of it readable)
NUDGE, NUDGE_FAR = 10.0, 50.0  # scene units an arrow key moves the selected cards (Shift: far)
_ARROWS = {Qt.Key.Key_Left: (-1, 0), Qt.Key.Key_Right: (1, 0), Qt.Key.Key_Up: (0, -1),
           Qt.Key.Key_Down: (0, 1)}
MAX_SCALE = 4.0
ZOOM_STEP = 1.2


class MapView(QGraphicsView):
    cards_moved = Signal(object, object)  # {id: Position} before, after
    cards_nudged = Signal(object, object)  # the same, for an arrow key
    relation_requested = Signal(str, str, QPoint)  # source id, target id, global position
    edit_requested = Signal(str)  # person id

    def __init__(self, scene: MapScene, parent: QWidget | None = None) -> None:
        super().__init__(scene, parent)
        self.map_scene = scene
        self.setObjectName("map_view")
        self.setAccessibleName("Map of the deal")
        self.setAccessibleDescription("Cards of the people and the lines between them; arrow "
                                      "keys move the selected cards")
        self.setRenderHints(QPainter.RenderHint.Antialiasing
                            | QPainter.RenderHint.TextAntialiasing)
        self.setDragMode(QGraphicsView.DragMode.RubberBandDrag)
        self.setRubberBandSelectionMode(Qt.ItemSelectionMode.IntersectsItemShape)
        self.setTransformationAnchor(QGraphicsView.ViewportAnchor.AnchorUnderMouse)
        self.setResizeAnchor(QGraphicsView.ViewportAnchor.AnchorViewCenter)
        self.setViewportUpdateMode(QGraphicsView.ViewportUpdateMode.MinimalViewportUpdate)
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.empty_hint = ""
        self._drag_start: dict[str, Position] = {}
        self._connect_from: PersonCard | None = None
        self._connect_line: QGraphicsLineItem | None = None
        self._pan_from: QPoint | None = None
        self._pressed_card = False
        self._still: QPixmap | None = None  # the picture of what a drag leaves in place
        self._still_key: tuple[float, ...] = ()
        self._taking_still = False
        self.overview = OverviewPicture(scene)  # what a zoomed-out frame shows
        scene.sceneRectChanged.connect(lambda _rect: self.sync_scene_rect())
        self._fitted: tuple[float, ...] = ()  # what the last fit fitted: content and size
        self._opened_readable = False  # the last fit was a deal's opening (show_readable)

    # -- zoom and pan ---------------------------------------------------------------------

    def zoom_level(self) -> float:
        return self.transform().m11()

    def zoom_by(self, factor: float) -> None:
        current = self.zoom_level()
        factor = max(MIN_SCALE / current, min(MAX_SCALE / current, factor))
        self.scale(factor, factor)
        self.sync_scene_rect()

    def sync_scene_rect(self) -> None:
        """Scroll over the cards and the part of the map on screen, nothing more: at Fit
        that is the viewport itself, so no scroll bar shows; zoomed in, the bars reach every
        card. (The scene's own rectangle, with room to drag cards out, is for the scene.)

        The bars are switched on and off here, from the room the view has without them:
        left to Qt, a map just larger than the viewport in one direction showed a bar, which
        made the viewport smaller, which changed the rectangle, which hid the bar — a resize
        loop that ran for as long as the window was open."""
        content = self.map_scene.content_rect()
        room = self.maximumViewportSize()
        bar = self.style().pixelMetric(QStyle.PixelMetric.PM_ScrollBarExtent, None, self)
        whole = self.mapToScene(QRect(0, 0, room.width(), room.height())).boundingRect()
        wanted = whole if content.isNull() else content.united(whole)
        width, height = wanted.width() * self.zoom_level(), wanted.height() * self.zoom_level()
        across = width > room.width() + 0.5
        down = height > room.height() - (bar if across else 0) + 0.5
        across = across or (down and width > room.width() - bar + 0.5)
        self._show_bars(across, down)
        visible = self.mapToScene(self.viewport().rect()).boundingRect()
        if not content.isNull() and not across and not down:
            # The whole map fits: the view shows the viewport's worth around its centre
            # (the view's position before, e.g. zoomed in on the top, does not linger).
            centre = content.center()
            visible.moveCenter(centre)
        wanted = visible if content.isNull() else content.united(visible)
        if wanted != self.sceneRect():
            self.setSceneRect(wanted)

    def _show_bars(self, across: bool, down: bool) -> None:
        on, off = Qt.ScrollBarPolicy.ScrollBarAlwaysOn, Qt.ScrollBarPolicy.ScrollBarAlwaysOff
        if self.horizontalScrollBarPolicy() != (on if across else off):
            self.setHorizontalScrollBarPolicy(on if across else off)
        if self.verticalScrollBarPolicy() != (on if down else off):
            self.setVerticalScrollBarPolicy(on if down else off)

    def zoom_in(self) -> None:
        self.zoom_by(ZOOM_STEP)

    def zoom_out(self) -> None:
        self.zoom_by(1 / ZOOM_STEP)

    def fit_to_window(self) -> None:
        self._opened_readable = False
        rect = self.map_scene.content_rect()
        if rect.isNull():  # an empty deal: its first cards come at 100 %, not the last zoom
            self.resetTransform()
            return
        self._show_bars(False, False)  # no scroll bars while fitting: they would take room
        self._fitted = self._fit_key(rect)
        self.setSceneRect(rect)
        self.fitInView(rect, Qt.AspectRatioMode.KeepAspectRatio)
        if self.zoom_level() > 1.0:  # a small map is shown at 100 %, not blown up
            self.resetTransform()
        self.sync_scene_rect()
        self.centerOn(rect.center())

    def show_readable(self) -> None:
        """How a deal opens: fitted, unless fitting shrinks a name below ``READABLE_PX`` —
        then at the least zoom where every name reads, showing the top of the chart (the
        bosses), with scroll bars. Ctrl+0 still fits the whole map."""
        self.fit_to_window()
        self._opened_readable = True
        cards = list(self.map_scene.cards.values())
        if not cards or len(cards) > READABLE_UP_TO:
            return
        fitted = self.zoom_level()
        zoom = fitted
        while zoom < 1.0 and _smallest_name(cards, zoom) < READABLE_PX:
            zoom = min(1.0, zoom * 1.05)
        if zoom <= fitted:
            return
        rect = self.map_scene.content_rect()
        self.sync_scene_rect()
        self.setTransform(QTransform.fromScale(zoom, zoom))
        self.sync_scene_rect()
        shown = self.mapToScene(self.viewport().rect()).boundingRect()
        self.centerOn(rect.center().x(), rect.top() + shown.height() / 2)

    def fit_again_if_resized(self) -> None:
        """Open once more if the viewport or the map changed since the last fit (the window
        was still being laid out): a fit repaints everything, so it is not done for nothing."""
        rect = self.map_scene.content_rect()
        if not rect.isNull() and self._fit_key(rect) != self._fitted:
            if self._opened_readable:
                self.show_readable()
            else:
                self.fit_to_window()

    def _fit_key(self, rect: QRectF) -> tuple[float, ...]:
        size = self.viewport().size()
        return (rect.x(), rect.y(), rect.width(), rect.height(), size.width(), size.height())

    def focus_person(self, person_id: str) -> None:
        """Centre on a card at a readable zoom (finding someone on a big map)."""
        card = self.map_scene.cards.get(person_id)
        if card is None:
            return
        if self.zoom_level() < 0.7:
            self.zoom_by(0.9 / self.zoom_level())
        self.centerOn(card)

    def wheelEvent(self, event: QWheelEvent) -> None:
        touchpad = not event.pixelDelta().isNull()
        ctrl = bool(event.modifiers() & Qt.KeyboardModifier.ControlModifier)
        if touchpad and not ctrl:  # two-finger scroll pans; pinch or Ctrl zooms
            super().wheelEvent(event)
            return
        steps = event.angleDelta().y() / 120.0
        if steps:
            self.zoom_by(ZOOM_STEP ** steps)
        event.accept()

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self.sync_scene_rect()

    def keyPressEvent(self, event: QKeyEvent) -> None:
        direction = _ARROWS.get(Qt.Key(event.key()))
        cards = self._selected_cards() if direction is not None else []
        if direction is not None and cards:  # else the arrows scroll the map
            step = NUDGE_FAR if event.modifiers() & Qt.KeyboardModifier.ShiftModifier \
                else NUDGE
            before = {card.person_id: _position(card) for card in cards}
            for card in cards:
                card.setPos(card.pos() + QPointF(direction[0] * step, direction[1] * step))
            after = {card.person_id: _position(card) for card in cards}
            moved = {i: p for i, p in after.items() if p != before[i]}
            if moved:
                self.cards_nudged.emit({i: before[i] for i in moved}, moved)
            self.ensureVisible(cards[0], 40, 40)
            event.accept()
        elif event.key() in (Qt.Key.Key_Plus, Qt.Key.Key_Equal):
            self.zoom_in()
        elif event.key() == Qt.Key.Key_Minus:
            self.zoom_out()
        else:
            super().keyPressEvent(event)

    # -- gestures -------------------------------------------------------------------------

    def mousePressEvent(self, event: QMouseEvent) -> None:
        if event.button() == Qt.MouseButton.MiddleButton:
            self._pan_from = event.position().toPoint()
            self.viewport().setCursor(Qt.CursorShape.ClosedHandCursor)
            event.accept()
            return
        if event.button() == Qt.MouseButton.RightButton:  # the menu acts on the card clicked
            card = self.card_at(event.position().toPoint())
            if card is not None and not card.isSelected():
                self.map_scene.clearSelection()
                card.setSelected(True)
        item = self.itemAt(event.position().toPoint())
        if event.button() == Qt.MouseButton.LeftButton and isinstance(item, ConnectHandle):
            self._start_connecting(item.card, self.mapToScene(event.position().toPoint()))
            event.accept()
            return
        super().mousePressEvent(event)
        if event.button() == Qt.MouseButton.LeftButton:
            self._drag_start = {card.person_id: _position(card) for card in self._selected_cards()}
            self._pressed_card = self.card_at(event.position().toPoint()) is not None

    def mouseMoveEvent(self, event: QMouseEvent) -> None:
        if self._pan_from is not None:
            delta = event.position().toPoint() - self._pan_from
            self._pan_from = event.position().toPoint()
            self.horizontalScrollBar().setValue(self.horizontalScrollBar().value() - delta.x())
            self.verticalScrollBar().setValue(self.verticalScrollBar().value() - delta.y())
            event.accept()
            return
        if self._connect_line is not None and self._connect_from is not None:
            end = self.mapToScene(event.position().toPoint())
            self._connect_line.setLine(QLineF(self._connect_from.pos(), end))
            event.accept()
            return
        dragging = bool(self._drag_start and self._pressed_card
                        and event.buttons() & Qt.MouseButton.LeftButton)
        if dragging and self._still is None:
            self._take_still_picture()
        super().mouseMoveEvent(event)
        if dragging:
            for card in self._selected_cards():
                card.moved()

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:
        if self._pan_from is not None and event.button() == Qt.MouseButton.MiddleButton:
            self._pan_from = None
            self.viewport().unsetCursor()
            event.accept()
            return
        if self._connect_line is not None:
            self._finish_connecting(event)
            return
        super().mouseReleaseEvent(event)
        self._pressed_card = False
        self._drop_still_picture()
        if event.button() == Qt.MouseButton.LeftButton and self._drag_start:
            before = self._drag_start
            self._drag_start = {}
            after = {card.person_id: _position(card) for card in self._selected_cards()
                     if card.person_id in before}
            moved = {i: p for i, p in after.items() if p != before[i]}
            if moved:
                self.cards_moved.emit({i: before[i] for i in moved}, moved)
            else:
                self.map_scene.fit_scene_rect()

    def mouseDoubleClickEvent(self, event: QMouseEvent) -> None:
        item = self.itemAt(event.position().toPoint())
        card = item if isinstance(item, PersonCard) else None
        if card is None and item is not None and isinstance(item.parentItem(), PersonCard):
            card = item.parentItem()  # type: ignore[assignment]
        if card is not None:
            self.edit_requested.emit(card.person_id)
            event.accept()
            return
        super().mouseDoubleClickEvent(event)

    def _selected_cards(self) -> list[PersonCard]:
        return [i for i in self.map_scene.selectedItems() if isinstance(i, PersonCard)]

    def _start_connecting(self, card: PersonCard, at: QPointF) -> None:
        self._connect_from = card
        line = QGraphicsLineItem(QLineF(card.pos(), at))
        pen = QPen(QColor(HIGHLIGHT), 2.0, Qt.PenStyle.DashLine)
        pen.setCosmetic(True)
        line.setPen(pen)
        line.setZValue(100.0)
        self.map_scene.addItem(line)
        self._connect_line = line

    def _finish_connecting(self, event: QMouseEvent) -> None:
        source = self._connect_from
        if self._connect_line is not None:
            self.map_scene.removeItem(self._connect_line)
        self._connect_line = None
        self._connect_from = None
        event.accept()
        target = self.card_at(event.position().toPoint())
        if source is not None and target is not None and target is not source:
            self.relation_requested.emit(source.person_id, target.person_id,
                                         event.globalPosition().toPoint())

    def card_at(self, point: QPoint) -> PersonCard | None:
        for item in self.items(point):
            if isinstance(item, PersonCard):
                return item
            if isinstance(item.parentItem(), PersonCard):
                return item.parentItem()  # type: ignore[return-value]
        return None

    def viewportEvent(self, event: QEvent) -> bool:
        """Tooltips are asked of the item under the mouse when shown, never stored on it."""
        if event.type() == QEvent.Type.ToolTip and isinstance(event, QHelpEvent):
            for item in self.items(event.pos()):
                text = getattr(item, "tooltip_text", None)
                if text is not None:
                    QToolTip.showText(event.globalPos(), text(), self.viewport())
                    return True
            QToolTip.hideText()
            event.ignore()
            return True
        return super().viewportEvent(event)

    # -- the zoomed-out picture -----------------------------------------------------------

    def paintEvent(self, event: QPaintEvent) -> None:
        zoom = self.zoom_level() * self.viewport().devicePixelRatioF()
        if (self._still is not None or self._taking_still or self._connect_line is not None
                or not self.overview.applies(self.zoom_level())):
            super().paintEvent(event)
            return
        image = self.overview.picture(zoom)
        painter = QPainter(self.viewport())
        try:
            painter.setClipRegion(event.region())
            painter.fillRect(event.rect(), self.map_scene.backgroundBrush())
            painter.setRenderHint(QPainter.RenderHint.SmoothPixmapTransform)
            painter.setTransform(self.viewportTransform())
            painter.drawImage(self.overview.source, image)
            band = self.rubberBandRect()
            if not band.isEmpty():
                painter.resetTransform()
                option = QStyleOptionRubberBand()
                option.initFrom(self.viewport())
                option.rect = band
                option.shape = QRubberBand.Shape.Rectangle
                self.style().drawControl(QStyle.ControlElement.CE_RubberBand, option, painter,
                                         self.viewport())
            self.drawForeground(painter, self.mapToScene(event.rect()).boundingRect())
        finally:
            painter.end()

    # -- the drag's still picture ---------------------------------------------------------

    def _take_still_picture(self) -> None:
        """Paint, once, everything the drag leaves in place; each frame of the drag then
        shows that picture and paints only the moving cards and their lines (drag_layer).
        A 2,000-person frame drops from a whole repaint to a blit plus a few lines."""
        scene = self.map_scene
        self.overview.freeze()
        scene.mark_moving(self._selected_cards())
        scene.drag_layer.showing = Showing.STILL
        self._taking_still = True
        try:
            self._still = self.viewport().grab()
        finally:
            self._taking_still = False
        self._still_key = self._view_key()
        scene.drag_layer.showing = Showing.MOVING

    def _drop_still_picture(self) -> None:
        if self._still is not None:
            self._still = None
            self.map_scene.clear_moving()
            self.overview.thaw()

    def _view_key(self) -> tuple[float, ...]:
        """What the picture depends on: zoom, scroll position and viewport size."""
        t = self.transform()
        size = self.viewport().size()
        return (t.m11(), t.m12(), t.m21(), t.m22(), t.dx(), t.dy(),
                self.horizontalScrollBar().value(), self.verticalScrollBar().value(),
                size.width(), size.height())

    def drawBackground(self, painter: QPainter, rect: QRectF | object) -> None:
        if self._still is not None and not self._taking_still:
            if self._view_key() == self._still_key:
                painter.save()
                painter.resetTransform()
                painter.drawPixmap(0, 0, self._still)
                painter.restore()
                return
            # Zoomed or scrolled mid-drag: the picture is stale, so paint everything.
            self._drop_still_picture()
        super().drawBackground(painter, rect)  # type: ignore[arg-type]

    # -- overlay --------------------------------------------------------------------------

    def drawForeground(self, painter: QPainter, rect: QRectF | object) -> None:
        """The empty-map hint, fixed to the window, not the map (the legend is a strip under
        the map: ``map_legend.py``)."""
        if self._taking_still or not self.empty_hint:
            return
        painter.save()
        painter.resetTransform()
        painter.setPen(QColor("#777777"))
        painter.setFont(self.font())
        painter.drawText(QRectF(self.viewport().rect()), Qt.AlignmentFlag.AlignCenter,
                         self.empty_hint)
        painter.restore()


def _position(card: PersonCard) -> Position:
    return Position(round(card.pos().x(), 1), round(card.pos().y(), 1))


def _smallest_name(cards: list[PersonCard], zoom: float) -> float:
    """The smallest name on screen at ``zoom``, in pixels (the name's size × the zoom)."""
    return min(card.name_as_drawn(zoom)[0] for card in cards) * zoom
