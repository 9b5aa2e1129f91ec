"""A relation on the map: a line between two cards, from border to border, styled by its
kind (reports-to, dotted line, influence with its strength, conflict)."""

from __future__ import annotations

import math

from PySide6.QtCore import QLineF, QPointF, QRectF
from PySide6.QtGui import (
    QPainter,
    QPainterPath,
    QPainterPathStroker,
    QPen,
    QPolygonF,
)
from PySide6.QtWidgets import QGraphicsItem, QStyleOptionGraphicsItem, QWidget

from desktop.domain.relation import Relation
from desktop.palette import RELATION_STYLES, relation_width
from desktop.render.map.cards import PersonCard
from desktop.render.map.style import (
    FLAT,
    HIGHLIGHT_COLOUR,
    LINE_COLOURS,
    NO_PEN,
    SOLID,
    line_pen,
)

LINE_Z = 0.0
# The exposed rectangle lets a line's paint() clip it to what is on screen.
_LINE_FLAGS = (QGraphicsItem.GraphicsItemFlag.ItemIsSelectable
               | QGraphicsItem.GraphicsItemFlag.ItemUsesExtendedStyleOption)



class RelationLine(QGraphicsItem):
    """A relation between two cards, drawn from border to border."""

    ARROW = 9.0

    def __init__(self, relation: Relation, source: PersonCard, target: PersonCard) -> None:
        super().__init__()
        # The exposed rectangle lets paint() clip long lines to what is on screen.
        self.setFlags(_LINE_FLAGS)
        self.setZValue(LINE_Z)
        self.relation = relation
        self.source = source
        self.target = target
        self.on_path = False
        self.layer = source.layer
        self.moving = False
        self.offset = 0.0  # sideways shift when two people have several lines
        self._line = QLineF()
        self._path: QPainterPath | None = None
        self._arrow: QPolygonF | None = None
        self._strokes: list[QLineF] = []
        self._strokes_ready = False
        self._bounds = QRectF()
        source.lines.append(self)
        target.lines.append(self)
        self.follow(placed=False)

    @property
    def relation_id(self) -> str:
        return self.relation.id

    def set_relation(self, relation: Relation) -> None:
        self.relation = relation
        self._strokes_ready = False
        self.update()

    def tooltip_text(self) -> str:
        relation = self.relation
        return (f"{self.source.person.name} → {self.target.person.name}: {relation.kind.label}"
                + (f" (strength {relation.strength})" if relation.kind.has_strength else "")
                + (f"\n{relation.note}" if relation.note else ""))

    def detach(self) -> None:
        for card in (self.source, self.target):
            if self in card.lines:
                card.lines.remove(self)

    def follow(self, *, placed: bool = True) -> None:
        """Recompute the line after a card moved (``placed``: the line is in a scene, which
        must hear that its shape changes)."""
        sx, sy = self.source.centre
        tx, ty = self.target.centre
        dx, dy = tx - sx, ty - sy
        length = math.hypot(dx, dy)
        if length > 1e-6:
            s = _border_scale(self.source, dx, dy)
            t = _border_scale(self.target, dx, dy)
            ox = oy = 0.0
            if self.offset:  # the unit normal, as QLineF.normalVector gives it
                ox, oy = dy / length * self.offset, -dx / length * self.offset
            line = QLineF(sx + dx * s + ox, sy + dy * s + oy, tx - dx * t + ox, ty - dy * t + oy)
        else:
            line = QLineF(sx, sy, tx, ty)
        if placed:
            self.prepareGeometryChange()
        self._line = line
        self._path = None  # the hit shape is made when first asked for (mouse, rubber band)
        self._strokes_ready = False  # arrowhead and strokes: made when first painted
        grow = self.ARROW + 6.0
        self._bounds = QRectF(line.p1(), line.p2()).normalized().adjusted(-grow, -grow,
                                                                           grow, grow)

    def line(self) -> QLineF:
        return QLineF(self._line)

    def boundingRect(self) -> QRectF:
        return self._bounds  # Qt receives a copy

    def shape(self) -> QPainterPath:
        if self._path is None:
            path = QPainterPath(self._line.p1())
            path.lineTo(self._line.p2())
            stroker = QPainterPathStroker()
            stroker.setWidth(10.0)
            self._path = stroker.createStroke(path)
        return self._path

    def paint(self, painter: QPainter, option: QStyleOptionGraphicsItem,
              widget: QWidget | None = None) -> None:
        # Qt strokes a line (and its dashes) over its whole length even where it is off
        # screen, and a long line's bounding box meets most repaints: clip to the exposed
        # area first and leave at once when nothing of the line is there. The dash pattern
        # is shifted by the clipped length so it does not crawl as the view scrolls.
        if self.layer.skips(self.moving):
            return
        exposed = option.exposedRect
        visible = _clip(self._line, exposed.left() - 20, exposed.top() - 20,
                        exposed.right() + 20, exposed.bottom() + 20)
        if visible is None:
            return
        if not self._strokes_ready:
            self._prepare_strokes()
        width = self._width
        if self.isSelected() or self.on_path:
            painter.setPen(QPen(HIGHLIGHT_COLOUR, width + 6.0, SOLID, FLAT))
            painter.drawLine(visible)
        pen = self._pen
        if self._double:
            painter.setPen(pen)
            painter.drawLines(self._strokes if visible is self._line else double_strokes(visible))
        else:
            if self._dashed and visible is not self._line:
                pen = QPen(pen)
                pen.setDashOffset(QLineF(self._line.p1(), visible.p1()).length() / width)
            painter.setPen(pen)
            painter.drawLine(visible)
        if self._arrow is not None:
            painter.setPen(NO_PEN)
            painter.setBrush(self._colour)
            painter.drawPolygon(self._arrow)

    def _prepare_strokes(self) -> None:
        """The arrowhead and the conflict's double stroke and bar, made once per move, when
        the line is first painted (most lines of a big map are off screen)."""
        self._strokes_ready = True
        line = self._line
        kind = self.relation.kind
        style = RELATION_STYLES[kind]
        width = relation_width(kind, self.relation.strength)
        self._width = width
        self._pen = line_pen(kind, width)
        self._colour = LINE_COLOURS[kind]
        self._double = style.double
        self._dashed = bool(style.dashes)
        self._arrow = None
        self._strokes = []
        if line.length() < 1.0:
            return
        if style.arrow:
            self._arrow = _arrow(line, self.ARROW + width)
        if style.double:
            normal = line.normalVector().unitVector()
            middle = line.center()
            half = QPointF(normal.dx() * 7.0, normal.dy() * 7.0)
            along = line.unitVector()
            step = QPointF(along.dx() * 3.0, along.dy() * 3.0)
            self._strokes = [*double_strokes(line),
                             QLineF(middle + step + half, middle + step - half),
                             QLineF(middle - step + half, middle - step - half)]



def double_strokes(line: QLineF) -> list[QLineF]:
    """The conflict's two parallel strokes."""
    normal = line.normalVector().unitVector()
    offset = QPointF(normal.dx() * 2.2, normal.dy() * 2.2)
    return [line.translated(offset), line.translated(-offset)]


def _clip(line: QLineF, left: float, top: float, right: float,
          bottom: float) -> QLineF | None:
    """The part of ``line`` inside the rectangle (Liang–Barsky): ``line`` itself when it
    lies wholly inside, None when no part does or it is shorter than a pixel."""
    x1, y1, x2, y2 = line.x1(), line.y1(), line.x2(), line.y2()
    dx, dy = x2 - x1, y2 - y1
    if abs(dx) + abs(dy) < 1.0:
        return None
    low, high = 0.0, 1.0
    for p, q in ((-dx, x1 - left), (dx, right - x1), (-dy, y1 - top), (dy, bottom - y1)):
        if p == 0:
            if q < 0:
                return None
            continue
        t = q / p
        if p < 0:
            if t > low:
                low = t
        elif t < high:
            high = t
        if low > high:
            return None
    if low == 0.0 and high == 1.0:
        return line
    return QLineF(x1 + dx * low, y1 + dy * low, x1 + dx * high, y1 + dy * high)


def _border_scale(card: PersonCard, dx: float, dy: float) -> float:
    """The fraction of the centre-to-centre vector (dx, dy) that lies inside ``card``."""
    scale_x = card.half_width / abs(dx) if dx else math.inf
    scale_y = card.half_height / abs(dy) if dy else math.inf
    return min(scale_x, scale_y, 1.0)


def _arrow(line: QLineF, size: float) -> QPolygonF:
    """The arrowhead at ``line``'s end. Plain float arithmetic: QPointF operators cost
    microseconds each from Python, and a 2,000-person map has thousands of arrows."""
    x1, y1, x2, y2 = line.x1(), line.y1(), line.x2(), line.y2()
    length = math.hypot(x2 - x1, y2 - y1) or 1.0
    dx, dy = (x2 - x1) / length, (y2 - y1) / length
    bx, by = x2 - dx * size, y2 - dy * size
    sx, sy = -dy * size * 0.45, dx * size * 0.45
    return QPolygonF((QPointF(x2, y2), QPointF(bx + sx, by + sy), QPointF(bx - sx, by - sy)))

