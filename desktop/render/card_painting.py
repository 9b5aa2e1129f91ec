"""Small drawing routines shared by map cards, the legend and printed pages: the support
symbol, the role badge and the triangle glyph. Each paints into a given rectangle with a
given painter, so screen and paper draw the very same shapes."""

from __future__ import annotations

import math

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QBrush, QColor, QFont, QPainter, QPen, QPolygonF

from desktop.domain.enums import Axis
from desktop.domain.scores import Triangle
from desktop.render.palette import AXIS_COLOURS, BADGE_FILL, INK, SupportSymbol

# Vertex directions of the decision triangle, the same as the matplotlib chart:
# business at the top, technical bottom right, personal bottom left.
AXIS_ANGLES: dict[Axis, float] = {Axis.BUSINESS: 90.0, Axis.TECHNICAL: -30.0,
                                  Axis.PERSONAL: 210.0}


def axis_direction(axis: Axis) -> tuple[float, float]:
    """Unit vector from the centre to the axis' vertex, y pointing up."""
    angle = math.radians(AXIS_ANGLES[axis])
    return math.cos(angle), math.sin(angle)


def paint_support_symbol(painter: QPainter, symbol: SupportSymbol, centre: QPointF,
                         size: float, colour: QColor) -> None:
    """▲▲ ▲ ● ▼ ▼▼ as filled polygons (no font needed), stacked vertically."""
    painter.setPen(Qt.PenStyle.NoPen)
    painter.setBrush(QBrush(colour))
    if symbol is SupportSymbol.DOT:
        painter.drawEllipse(centre, size * 0.36, size * 0.36)
        return
    half = size * 0.42
    height = size * 0.66
    count = symbol.count
    gap = size * 0.12
    total = count * height + (count - 1) * gap
    top = centre.y() - total / 2
    for i in range(count):
        y0 = top + i * (height + gap)
        if symbol.pointing > 0:
            points = [QPointF(centre.x(), y0), QPointF(centre.x() + half, y0 + height),
                      QPointF(centre.x() - half, y0 + height)]
        else:
            points = [QPointF(centre.x() - half, y0), QPointF(centre.x() + half, y0),
                      QPointF(centre.x(), y0 + height)]
        painter.drawPolygon(QPolygonF(points))


def paint_badge(painter: QPainter, rect: QRectF, text: str, font: QFont,
                colour: QColor) -> None:
    painter.setPen(QPen(colour, 1.0))
    painter.setBrush(QColor(BADGE_FILL))
    painter.drawRoundedRect(rect, 3.0, 3.0)
    painter.setFont(font)
    painter.setPen(QColor(INK))
    painter.drawText(rect, Qt.AlignmentFlag.AlignCenter, text)


def paint_triangle_glyph(painter: QPainter, scores: Triangle, rect: QRectF) -> None:
    """The person's three scores in miniature: spokes to the three vertices, a filled dot at
    each known score (0 at the centre, 10 at the vertex), a hollow ring at the vertex of an
    unknown axis, and the polygon closed only between known scores."""
    radius = min(rect.width(), rect.height()) * 0.5
    centre = QPointF(rect.center().x(), rect.center().y() + radius * 0.18)
    outline = QPen(QColor("#9A9A9A"), 0.8)
    painter.setPen(outline)
    painter.setBrush(Qt.BrushStyle.NoBrush)
    vertices = {axis: _point(centre, axis, radius) for axis in Axis}
    painter.drawPolygon(QPolygonF([vertices[a] for a in Axis]))
    for axis in Axis:
        painter.drawLine(centre, vertices[axis])
    known = {axis: _point(centre, axis, radius * (scores[axis].value or 0) / 10.0)
             for axis in Axis if scores[axis].value is not None}
    if len(known) >= 2:
        painter.setPen(QPen(QColor(INK), 1.1))
        points = [known[a] for a in Axis if a in known]
        if len(points) == 3:
            painter.setBrush(QColor(0, 0, 0, 40))
            painter.drawPolygon(QPolygonF(points))
        else:
            painter.drawLine(points[0], points[1])
    dot = max(1.8, radius * 0.16)
    for axis in Axis:
        colour = QColor(AXIS_COLOURS[axis])
        if axis in known:
            painter.setPen(Qt.PenStyle.NoPen)
            painter.setBrush(colour)
            painter.drawEllipse(known[axis], dot, dot)
        else:
            painter.setPen(QPen(colour, 1.2))
            painter.setBrush(QColor("#FFFFFF"))
            painter.drawEllipse(vertices[axis], dot * 1.15, dot * 1.15)


def _point(centre: QPointF, axis: Axis, length: float) -> QPointF:
    dx, dy = axis_direction(axis)
    return QPointF(centre.x() + dx * length, centre.y() - dy * length)
