"""The map's items: a card per person and a line per relation. They draw what the store
says and nothing else; a card that is dragged moves on screen only until the view turns the
drag into one undo command (``desktop/ui/map_view.py``)."""

from __future__ import annotations

import math
from typing import Any

from PySide6.QtCore import QLineF, QPointF, QRectF, Qt
from PySide6.QtGui import (
    QBrush,
    QColor,
    QFont,
    QFontMetricsF,
    QPainter,
    QPainterPath,
    QPainterPathStroker,
    QPen,
    QPolygonF,
)
from PySide6.QtWidgets import (
    QGraphicsEllipseItem,
    QGraphicsItem,
    QStyleOptionGraphicsItem,
    QWidget,
)

from desktop.domain.enums import Axis
from desktop.domain.person import Person
from desktop.domain.relation import Relation
from desktop.render.card_painting import paint_badge, paint_support_symbol, paint_triangle_glyph
from desktop.render.palette import (
    AXIS_SHORT,
    HIGHLIGHT,
    INFLUENCE_BORDER,
    INFLUENCE_CARD_WIDTH,
    INK,
    MUTED_INK,
    RELATION_STYLES,
    SUPPORT_COLOURS,
    SUPPORT_SYMBOLS,
    SUPPORT_TINTS,
    relation_width,
)

CARD_HEIGHT = 66.0
STRIP = 22.0  # the support strip on the card's left
GLYPH = 34.0  # the triangle glyph's box
PAD = 6.0
CARD_Z = 10.0
LINE_Z = 0.0


class CardFonts:
    """Fonts and metrics shared by every card (measuring text is the slow part of a map)."""

    def __init__(self, base: QFont | None = None) -> None:
        base = QFont(base) if base is not None else QFont()
        self.name = QFont(base)
        self.name.setPointSizeF(9.5)
        self.name.setBold(True)
        self.title = QFont(base)
        self.title.setPointSizeF(8.0)
        self.badge = QFont(base)
        self.badge.setPointSizeF(6.5)
        self.badge.setBold(True)
        self.name_metrics = QFontMetricsF(self.name)
        self.title_metrics = QFontMetricsF(self.title)
        self.badge_metrics = QFontMetricsF(self.badge)


class PersonCard(QGraphicsItem):
    """One person: name, title, role badges, support (colour + symbol), influence (width and
    border), the triangle glyph. The item's position is the card's centre."""

    def __init__(self, person: Person, fonts: CardFonts) -> None:
        super().__init__()
        self.fonts = fonts
        self.lines: list[RelationLine] = []
        self.on_path = False
        self.found = False
        self.setFlags(QGraphicsItem.GraphicsItemFlag.ItemIsMovable
                      | QGraphicsItem.GraphicsItemFlag.ItemIsSelectable
                      | QGraphicsItem.GraphicsItemFlag.ItemSendsGeometryChanges)
        self.setAcceptHoverEvents(True)
        self.setZValue(CARD_Z)
        self.handle = ConnectHandle(self)
        self.person = person
        self._rect = QRectF()
        self.set_person(person)

    @property
    def person_id(self) -> str:
        return self.person.id

    def set_person(self, person: Person) -> None:
        """Show ``person``: text is measured and elided here, once, not on every paint."""
        width = INFLUENCE_CARD_WIDTH[person.influence]
        rect = QRectF(-width / 2, -CARD_HEIGHT / 2, width, CARD_HEIGHT)
        if rect != self._rect:
            self.prepareGeometryChange()
            self._rect = rect
        self.person = person
        text_width = width - STRIP - GLYPH - 3 * PAD
        self._name = self.fonts.name_metrics.elidedText(person.name, Qt.TextElideMode.ElideRight,
                                                        text_width)
        self._title = self.fonts.title_metrics.elidedText(
            person.title or person.department, Qt.TextElideMode.ElideRight, text_width)
        self.handle.setPos(rect.right(), 0.0)
        self.setPos(person.position.x, person.position.y)
        scores = " · ".join(
            f"{AXIS_SHORT[a]} {'?' if person.scores[a].value is None else person.scores[a].value}"
            for a in Axis)
        roles = ", ".join(r.label for r in person.roles) or "no role yet"
        self.setToolTip(f"{person.name}\n{person.title}\n{roles}\n"
                        f"{person.support.label} · {person.influence.label} influence\n{scores}")
        self.update()

    def boundingRect(self) -> QRectF:
        grow = 4.0  # selection and path outlines
        return self._rect.adjusted(-grow, -grow, grow, grow)

    def shape(self) -> QPainterPath:
        path = QPainterPath()
        path.addRoundedRect(self._rect, 6.0, 6.0)
        return path

    def card_rect(self) -> QRectF:
        return QRectF(self._rect)

    def paint(self, painter: QPainter, option: QStyleOptionGraphicsItem,
              widget: QWidget | None = None) -> None:
        person = self.person
        rect = self._rect
        support = QColor(SUPPORT_COLOURS[person.support])
        if self.isSelected() or self.on_path or self.found:
            painter.setPen(QPen(QColor(HIGHLIGHT), 6.0 if self.isSelected() else 5.0,
                                Qt.PenStyle.SolidLine if self.isSelected()
                                else Qt.PenStyle.DashLine))
            painter.setBrush(Qt.BrushStyle.NoBrush)
            painter.drawRoundedRect(rect, 6.0, 6.0)
        painter.setPen(QPen(support.darker(115), INFLUENCE_BORDER[person.influence]))
        painter.setBrush(QColor(SUPPORT_TINTS[person.support]))
        painter.drawRoundedRect(rect, 6.0, 6.0)
        strip = QRectF(rect.left(), rect.top(), STRIP, rect.height())
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(support)
        painter.drawRoundedRect(strip.adjusted(1, 1, 0, -1), 5.0, 5.0)
        painter.drawRect(strip.adjusted(STRIP / 2, 1, 0, -1))
        paint_support_symbol(painter, SUPPORT_SYMBOLS[person.support],
                             QPointF(strip.center().x(), rect.top() + 18.0), 12.0,
                             QColor("#FFFFFF"))

        left = rect.left() + STRIP + PAD
        painter.setPen(QColor(INK))
        painter.setFont(self.fonts.name)
        name_height = self.fonts.name_metrics.height()
        painter.drawText(QRectF(left, rect.top() + 4, rect.width(), name_height),
                         Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter,
                         self._name)
        painter.setFont(self.fonts.title)
        painter.setPen(QColor(MUTED_INK))
        title_top = rect.top() + 4 + name_height
        painter.drawText(QRectF(left, title_top, rect.width(), self.fonts.title_metrics.height()),
                         Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter,
                         self._title)
        self._paint_badges(painter, left, rect.bottom() - 19.0, rect.right() - GLYPH - PAD)
        paint_triangle_glyph(painter, person.scores,
                             QRectF(rect.right() - GLYPH - 4, rect.center().y() - GLYPH / 2,
                                    GLYPH, GLYPH))

    def _paint_badges(self, painter: QPainter, left: float, top: float, right: float) -> None:
        metrics = self.fonts.badge_metrics
        colour = QColor(MUTED_INK)
        x = left
        for role in self.person.roles:
            text = role.abbreviation
            width = metrics.horizontalAdvance(text) + 8.0
            if x + width > right:
                paint_badge(painter, QRectF(x, top, metrics.horizontalAdvance("…") + 8, 14.0),
                            "…", self.fonts.badge, colour)
                break
            paint_badge(painter, QRectF(x, top, width, 14.0), text, self.fonts.badge, colour)
            x += width + 3.0

    def itemChange(self, change: QGraphicsItem.GraphicsItemChange, value: Any) -> Any:
        if change is QGraphicsItem.GraphicsItemChange.ItemPositionHasChanged:
            for line in self.lines:
                line.follow()
        elif change is QGraphicsItem.GraphicsItemChange.ItemSelectedHasChanged:
            self.handle.setVisible(bool(value) or self.isUnderMouse())
        return super().itemChange(change, value)

    def hoverEnterEvent(self, event: Any) -> None:
        self.handle.setVisible(True)
        super().hoverEnterEvent(event)

    def hoverLeaveEvent(self, event: Any) -> None:
        self.handle.setVisible(self.isSelected())
        super().hoverLeaveEvent(event)


class ConnectHandle(QGraphicsEllipseItem):
    """The dot on a card's right edge: drag from it to another card to draw a relation."""

    RADIUS = 6.0

    def __init__(self, card: PersonCard) -> None:
        r = self.RADIUS
        super().__init__(-r, -r, 2 * r, 2 * r, card)
        self.card = card
        self.setBrush(QBrush(QColor(HIGHLIGHT)))
        self.setPen(QPen(QColor("#FFFFFF"), 1.5))
        self.setCursor(Qt.CursorShape.CrossCursor)
        self.setToolTip("Drag to another card to draw a line")
        self.setVisible(False)


class RelationLine(QGraphicsItem):
    """A relation between two cards, drawn from border to border."""

    ARROW = 9.0

    def __init__(self, relation: Relation, source: PersonCard, target: PersonCard) -> None:
        super().__init__()
        self.setFlags(QGraphicsItem.GraphicsItemFlag.ItemIsSelectable)
        self.setZValue(LINE_Z)
        self.relation = relation
        self.source = source
        self.target = target
        self.on_path = False
        self.offset = 0.0  # sideways shift when two people have several lines
        self._line = QLineF()
        self._path = QPainterPath()
        source.lines.append(self)
        target.lines.append(self)
        self.set_relation(relation)

    @property
    def relation_id(self) -> str:
        return self.relation.id

    def set_relation(self, relation: Relation) -> None:
        self.relation = relation
        self.setToolTip(f"{relation.kind.label}"
                        + (f" (strength {relation.strength})" if relation.kind.has_strength
                           else "")
                        + (f"\n{relation.note}" if relation.note else ""))
        self.follow()

    def detach(self) -> None:
        for card in (self.source, self.target):
            if self in card.lines:
                card.lines.remove(self)

    def follow(self) -> None:
        """Recompute the line after a card moved."""
        start = self.source.pos()
        end = self.target.pos()
        line = QLineF(start, end)
        if line.length() > 1e-6:
            line = QLineF(_border_point(self.source, end, start),
                          _border_point(self.target, start, end))
            if self.offset:
                normal = QLineF(start, end).normalVector().unitVector()
                line.translate(normal.dx() * self.offset, normal.dy() * self.offset)
        self.prepareGeometryChange()
        self._line = line
        path = QPainterPath(line.p1())
        path.lineTo(line.p2())
        stroker = QPainterPathStroker()
        stroker.setWidth(10.0)
        self._path = stroker.createStroke(path)
        self._bounds = self._path.boundingRect().adjusted(-self.ARROW, -self.ARROW,
                                                          self.ARROW, self.ARROW)

    def line(self) -> QLineF:
        return QLineF(self._line)

    def boundingRect(self) -> QRectF:
        return QRectF(self._bounds)

    def shape(self) -> QPainterPath:
        return self._path

    def paint(self, painter: QPainter, option: QStyleOptionGraphicsItem,
              widget: QWidget | None = None) -> None:
        line = self._line
        if line.length() < 1.0:
            return
        kind = self.relation.kind
        style = RELATION_STYLES[kind]
        width = relation_width(kind, self.relation.strength)
        if self.isSelected() or self.on_path:
            painter.setPen(QPen(QColor(HIGHLIGHT), width + 6.0, Qt.PenStyle.SolidLine,
                                Qt.PenCapStyle.RoundCap))
            painter.drawLine(line)
        pen = QPen(QColor(style.colour), width, Qt.PenStyle.SolidLine, Qt.PenCapStyle.RoundCap)
        if style.dashes:
            pen.setDashPattern(list(style.dashes))
        painter.setPen(pen)
        if style.double:
            normal = line.normalVector().unitVector()
            offset = QPointF(normal.dx() * 2.2, normal.dy() * 2.2)
            painter.drawLine(line.translated(offset))
            painter.drawLine(line.translated(-offset))
            _paint_bar(painter, line, QColor(style.colour), width)
        else:
            painter.drawLine(line)
        if style.arrow:
            _paint_arrow(painter, line, QColor(style.colour), self.ARROW + width)


def _border_point(card: PersonCard, towards: QPointF, centre: QPointF) -> QPointF:
    """Where the segment from the card's centre towards ``towards`` leaves the card."""
    rect = card.card_rect()
    dx = towards.x() - centre.x()
    dy = towards.y() - centre.y()
    if abs(dx) < 1e-9 and abs(dy) < 1e-9:
        return centre
    scale_x = (rect.width() / 2 + 3) / abs(dx) if dx else math.inf
    scale_y = (rect.height() / 2 + 3) / abs(dy) if dy else math.inf
    scale = min(scale_x, scale_y, 1.0)
    return QPointF(centre.x() + dx * scale, centre.y() + dy * scale)


def _paint_arrow(painter: QPainter, line: QLineF, colour: QColor, size: float) -> None:
    unit = line.unitVector()
    dx, dy = unit.dx(), unit.dy()
    tip = line.p2()
    back = QPointF(tip.x() - dx * size, tip.y() - dy * size)
    side = QPointF(-dy * size * 0.45, dx * size * 0.45)
    painter.setPen(Qt.PenStyle.NoPen)
    painter.setBrush(colour)
    painter.drawPolygon(QPolygonF([tip, back + side, back - side]))


def _paint_bar(painter: QPainter, line: QLineF, colour: QColor, width: float) -> None:
    """Conflict: a short cross bar at the middle, ⟂ — a second cue besides colour."""
    middle = line.center()
    normal = line.normalVector().unitVector()
    half = QPointF(normal.dx() * 7.0, normal.dy() * 7.0)
    along = line.unitVector()
    step = QPointF(along.dx() * 3.0, along.dy() * 3.0)
    painter.setPen(QPen(colour, width + 0.6, Qt.PenStyle.SolidLine, Qt.PenCapStyle.FlatCap))
    for shift in (-step, step):
        painter.drawLine(QLineF(middle + shift + half, middle + shift - half))
