"""The map legend: what colours, symbols and lines mean. One painter routine, used as the
map view's overlay and on every printed map page."""

from __future__ import annotations

import math

from PySide6.QtCore import QLineF, QPointF, QRectF, Qt
from PySide6.QtGui import QColor, QFont, QFontMetricsF, QPainter, QPen

from desktop.domain.enums import Axis, RelationKind, Support
from desktop.palette import (
    AXIS_COLOURS,
    INK,
    RELATION_STYLES,
    SUPPORT_COLOURS,
    SUPPORT_SYMBOLS,
    relation_width,
)
from desktop.render.card_painting import paint_support_symbol

ROW = 16.0
SWATCH = 26.0


GUTTER = 18.0
INFLUENCE_NOTE = "Card border and width grow with influence: low · medium · high"


# The scores' column on a card: the personal win large, then business and technical; "?" is
# an unknown score, never a 0.
SCORE_ROWS: tuple[tuple[str, Axis | None, str], ...] = (
    ("5", Axis.PERSONAL, "Personal win (large)"), ("7", Axis.BUSINESS, "Business outcome"),
    ("6", Axis.TECHNICAL, "Technical fit"), ("?", None, "Unknown, never 0"))


def _labels() -> list[str]:
    return [s.label for s in Support] + [k.label + " (1–3)" for k in RelationKind] + \
        [text for _, _, text in SCORE_ROWS] + ["Scores on a card"]


VERTICAL_ROWS = (len(Support) + 1) + (len(RelationKind) + 1) + (len(SCORE_ROWS) + 1) + 2


def enlarge(font: QFont, factor: float) -> None:
    """Make ``font`` larger, whether it was sized in pixels (print) or points (screen)."""
    if font.pixelSize() > 0:
        font.setPixelSize(max(1, round(font.pixelSize() * factor)))
    else:
        font.setPointSizeF(font.pointSizeF() * factor)


def legend_size(font: QFont, *, vertical: bool = False) -> QRectF:
    """The legend's size in this font: three columns (support, lines, triangle) and a note,
    or (``vertical``, for a page's side strip) the three sections stacked."""
    metrics = QFontMetricsF(font)
    text = max(metrics.horizontalAdvance(label) for label in _labels())
    column = SWATCH + 6 + text
    if vertical:
        return QRectF(0, 0, math.ceil(column + 16), VERTICAL_ROWS * ROW + 12)
    rows = max(len(Support), len(RelationKind), len(SCORE_ROWS)) + 2
    width = max(3 * column + 2 * GUTTER, metrics.horizontalAdvance(INFLUENCE_NOTE)) + 16
    return QRectF(0, 0, math.ceil(width), rows * ROW + 12)


def paint_legend(painter: QPainter, origin: QPointF, font: QFont, *,
                 vertical: bool = False) -> QRectF:
    """Paint the legend with its top-left at ``origin``; return the rectangle used."""
    size = legend_size(font, vertical=vertical)
    box = QRectF(origin, size.size())
    painter.save()
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    painter.setPen(QPen(QColor("#BBBBBB"), 1.0))
    painter.setBrush(QColor(255, 255, 255, 235))
    painter.drawRoundedRect(box, 5.0, 5.0)
    painter.setFont(font)
    metrics = QFontMetricsF(font)
    column = SWATCH + 6 + max(metrics.horizontalAdvance(label) for label in _labels())
    x0 = box.left() + 8
    top = box.top() + 6

    def label(x: float, row: int, text: str) -> None:
        painter.setPen(QColor(INK))
        painter.drawText(QRectF(x + SWATCH + 6, top + row * ROW, column - SWATCH - 6, ROW),
                         Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter, text)

    bold = QFont(font)
    bold.setBold(True)

    def heading(x: float, text: str) -> None:
        painter.setFont(bold)
        painter.setPen(QColor(INK))
        painter.drawText(QRectF(x, top, column, ROW),
                         Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter, text)
        painter.setFont(font)

    heading(x0, "Support")
    for row, support in enumerate(reversed(Support), start=1):
        centre = QPointF(x0 + SWATCH / 2, top + row * ROW + ROW / 2)
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(QColor(SUPPORT_COLOURS[support]))
        painter.drawRoundedRect(QRectF(centre.x() - 9, centre.y() - 7, 18, 14), 3, 3)
        paint_support_symbol(painter, SUPPORT_SYMBOLS[support], centre, 9.0, QColor("#FFFFFF"))
        label(x0, row, support.label)

    x1 = x0 + column + GUTTER
    if vertical:
        x1 = x0
        top = box.top() + 6 + (len(Support) + 1) * ROW
    heading(x1, "Lines")
    for row, kind in enumerate(RelationKind, start=1):
        y = top + row * ROW + ROW / 2
        paint_line_sample(painter, QLineF(x1, y, x1 + SWATCH, y), kind, arrow=(7.0, 4.0))
        label(x1, row, kind.label + (" (1–3)" if kind.has_strength else ""))

    x2 = x1 + column + GUTTER
    if vertical:
        x2 = x0
        top = box.top() + 6 + (len(Support) + len(RelationKind) + 2) * ROW
    heading(x2, "Scores on a card")
    for row, (sample, axis, text) in enumerate(SCORE_ROWS, start=1):
        paint_score_sample(painter, QRectF(x2, top + row * ROW, SWATCH, ROW), bold, sample,
                           axis)
        painter.setFont(font)
        label(x2, row, text)
    last = max(len(Support), len(RelationKind), len(SCORE_ROWS)) + 1
    note = QRectF(x0, top + last * ROW, size.width() - 16, ROW)
    if vertical:
        note = QRectF(x0, top + (len(SCORE_ROWS) + 1) * ROW, size.width() - 16, 2 * ROW)
    painter.setPen(QColor(INK))
    painter.drawText(note, Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter
                     | Qt.TextFlag.TextWordWrap, INFLUENCE_NOTE)
    painter.restore()
    return box


def paint_line_sample(painter: QPainter, line: QLineF, kind: RelationKind, *,
                      arrow: tuple[float, float] = (6.0, 3.5)) -> None:
    """A line of ``kind`` as the map draws it — colour, dashes, double, arrowhead (length,
    half width) — for the legends on screen and on paper."""
    style = RELATION_STYLES[kind]
    pen = QPen(QColor(style.colour), relation_width(kind, 2 if kind.has_strength else 1))
    if style.dashes:
        pen.setDashPattern(list(style.dashes))
    painter.setPen(pen)
    if style.double:
        painter.drawLine(line.translated(0, -2))
        painter.drawLine(line.translated(0, 2))
    else:
        painter.drawLine(line)
    if style.arrow:
        length, half = arrow
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(QColor(style.colour))
        tip = line.p2()
        painter.drawPolygon([tip, QPointF(tip.x() - length, tip.y() - half),
                             QPointF(tip.x() - length, tip.y() + half)])


def paint_score_sample(painter: QPainter, box: QRectF, bold: QFont, sample: str,
                       axis: Axis | None) -> None:
    """A score number as a card shows it: bold, in its axis colour, the personal win
    larger. Leaves ``painter``'s font set to the number's."""
    number = QFont(bold)
    number.setBold(True)
    if axis is Axis.PERSONAL:
        enlarge(number, 1.3)
    painter.setFont(number)
    painter.setPen(QColor(AXIS_COLOURS[axis]).darker(125) if axis else QColor(INK))
    painter.drawText(box, Qt.AlignmentFlag.AlignCenter, sample)
