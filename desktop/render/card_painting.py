"""Small drawing routines shared by map cards, the legend and printed pages: the support
symbol, the role badge and the triangle glyph. Each paints into a given rectangle with a
given painter, so screen and paper draw the very same shapes."""

from __future__ import annotations

import math
from dataclasses import dataclass
from functools import lru_cache

from PySide6.QtCore import QLineF, QPointF, QRectF, Qt
from PySide6.QtGui import QBrush, QColor, QFont, QPainter, QPen, QPolygonF

from desktop.domain.enums import Axis
from desktop.domain.scores import Triangle
from desktop.palette import AXIS_COLOURS, BADGE_FILL, INK, SupportSymbol

# Vertex directions of the decision triangle, the same as the matplotlib chart:
# business at the top, technical bottom right, personal bottom left.
AXIS_ANGLES: dict[Axis, float] = {Axis.BUSINESS: 90.0, Axis.TECHNICAL: -30.0,
                                  Axis.PERSONAL: 210.0}


_DIRECTIONS = {axis: (math.cos(math.radians(angle)), math.sin(math.radians(angle)))
               for axis, angle in AXIS_ANGLES.items()}


def axis_direction(axis: Axis) -> tuple[float, float]:
    """Unit vector from the centre to the axis' vertex, y pointing up."""
    return _DIRECTIONS[axis]


def symbol_polygons(symbol: SupportSymbol, centre: QPointF,
                    size: float) -> tuple[QPolygonF, ...]:
    """▲▲ ▲ ● ▼ ▼▼ as polygons (no font needed), stacked vertically; the dot is a 12-gon."""
    if symbol is SupportSymbol.DOT:
        radius = size * 0.36
        return (QPolygonF([QPointF(centre.x() + radius * math.cos(a * math.pi / 6),
                                   centre.y() + radius * math.sin(a * math.pi / 6))
                           for a in range(12)]),)
    half = size * 0.42
    height = size * 0.66
    count = symbol.count
    gap = size * 0.12
    total = count * height + (count - 1) * gap
    top = centre.y() - total / 2
    polygons = []
    for i in range(count):
        y0 = top + i * (height + gap)
        if symbol.pointing > 0:
            points = [QPointF(centre.x(), y0), QPointF(centre.x() + half, y0 + height),
                      QPointF(centre.x() - half, y0 + height)]
        else:
            points = [QPointF(centre.x() - half, y0), QPointF(centre.x() + half, y0),
                      QPointF(centre.x(), y0 + height)]
        polygons.append(QPolygonF(points))
    return tuple(polygons)


def paint_support_symbol(painter: QPainter, symbol: SupportSymbol, centre: QPointF,
                         size: float, colour: QColor) -> None:
    painter.setPen(Qt.PenStyle.NoPen)
    painter.setBrush(QBrush(colour))
    for polygon in symbol_polygons(symbol, centre, size):
        painter.drawPolygon(polygon)


def paint_badge(painter: QPainter, rect: QRectF, text: str, font: QFont,
                colour: QColor) -> None:
    painter.setPen(QPen(colour, 1.0))
    painter.setBrush(QColor(BADGE_FILL))
    painter.drawRoundedRect(rect, 3.0, 3.0)
    painter.setFont(font)
    painter.setPen(QColor(INK))
    painter.drawText(rect, Qt.AlignmentFlag.AlignCenter, text)


@dataclass(frozen=True, slots=True)
class TriangleGlyph:
    """The geometry of one person's glyph, computed once per score change and replayed on
    every paint (a 2,000-card map paints 2,000 glyphs per frame)."""

    outline: QPolygonF
    spokes: tuple[QLineF, ...]
    scores: QPolygonF | None  # all three known: the filled polygon
    side: QLineF | None  # exactly two known: the one side between them
    dots: tuple[tuple[QPointF, Axis, bool], ...]  # centre, axis, known
    dot: float


def triangle_glyph(scores: Triangle, rect: QRectF) -> TriangleGlyph:
    """The person's three scores in miniature: spokes to the three vertices, a filled dot at
    each known score (0 at the centre, 10 at the vertex), a hollow ring at the vertex of an
    unknown axis, and the polygon closed only between known scores.

    Cached by value: there are at most 12³ score triples per card size, and a big map has
    many people with the same ones."""
    values = (scores.business.value, scores.technical.value, scores.personal.value)
    return _glyph(values, (rect.x(), rect.y(), rect.width(), rect.height()))


def values_glyph(values: tuple[float | None, float | None, float | None],
                 rect: QRectF) -> TriangleGlyph:
    """The same miniature for averages — a deal's influence-weighted triangle (the
    portfolio's small multiples): business, technical, personal, each 0–10 or unknown."""
    return _glyph(values, (rect.x(), rect.y(), rect.width(), rect.height()))


@lru_cache(maxsize=8192)
def _glyph(values: tuple[float | None, float | None, float | None],
           box: tuple[float, float, float, float]) -> TriangleGlyph:
    rect = QRectF(*box)
    scores = dict(zip(Axis, values, strict=True))
    radius = min(rect.width(), rect.height()) * 0.5
    centre = QPointF(rect.center().x(), rect.center().y() + radius * 0.18)
    vertices = {axis: _point(centre, axis, radius) for axis in Axis}
    known = {axis: _point(centre, axis, radius * (scores[axis] or 0) / 10.0)
             for axis in Axis if scores[axis] is not None}
    points = [known[a] for a in Axis if a in known]
    return TriangleGlyph(
        outline=QPolygonF([vertices[a] for a in Axis]),
        spokes=tuple(QLineF(centre, vertices[a]) for a in Axis),
        scores=QPolygonF(points) if len(points) == 3 else None,
        side=QLineF(points[0], points[1]) if len(points) == 2 else None,
        dots=tuple((known.get(a, vertices[a]), a, a in known) for a in Axis),
        dot=max(1.8, radius * 0.16),
    )


_OUTLINE_PEN = QPen(QColor("#9A9A9A"), 0.8)
_SCORE_PEN = QPen(QColor(INK), 1.1)
_SCORE_FILL = QColor(0, 0, 0, 40)
_AXIS_QCOLOURS = {axis: QColor(colour) for axis, colour in AXIS_COLOURS.items()}
_UNKNOWN_PENS = {axis: QPen(colour, 1.2) for axis, colour in _AXIS_QCOLOURS.items()}
_WHITE = QColor("#FFFFFF")


def paint_triangle_glyph(painter: QPainter, glyph: TriangleGlyph) -> None:
    painter.setPen(_OUTLINE_PEN)
    painter.setBrush(Qt.BrushStyle.NoBrush)
    painter.drawPolygon(glyph.outline)
    painter.drawLines(list(glyph.spokes))
    if glyph.scores is not None:
        painter.setPen(_SCORE_PEN)
        painter.setBrush(_SCORE_FILL)
        painter.drawPolygon(glyph.scores)
    elif glyph.side is not None:
        painter.setPen(_SCORE_PEN)
        painter.drawLine(glyph.side)
    for centre, axis, known in glyph.dots:
        if known:
            painter.setPen(Qt.PenStyle.NoPen)
            painter.setBrush(_AXIS_QCOLOURS[axis])
            painter.drawEllipse(centre, glyph.dot, glyph.dot)
        else:
            painter.setPen(_UNKNOWN_PENS[axis])
            painter.setBrush(_WHITE)
            painter.drawEllipse(centre, glyph.dot * 1.15, glyph.dot * 1.15)


def _point(centre: QPointF, axis: Axis, length: float) -> QPointF:
    dx, dy = axis_direction(axis)
    return QPointF(centre.x() + dx * length, centre.y() - dy * length)
