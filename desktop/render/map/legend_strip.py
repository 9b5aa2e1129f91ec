"""The legend as a strip under the map: the same meanings as the printed legend (support
colours and symbols, line styles, the scores on a card), laid out as entries that flow into
as many lines as the width needs.

A strip rather than an overlay: an overlay covered cards after Fit and hid itself on a
laptop's small map; a strip never covers a card, always shows, and Fit keeps the whole map in
the room above it.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QLineF, QRectF, Qt
from PySide6.QtGui import QColor, QFont, QFontMetricsF, QPainter

from desktop.domain.enums import Axis, RelationKind, Support
from desktop.palette import (
    INK,
    SUPPORT_COLOURS,
    SUPPORT_SYMBOLS,
)
from desktop.render.card_painting import paint_support_symbol
from desktop.render.map.legend import SCORE_ROWS, paint_line_sample, paint_score_sample

SWATCH = 22.0
GAP = 12.0  # between entries
PAD = 5.0
Swatch = Callable[[QPainter, QRectF, QFont], None]


def _support(support: Support) -> Swatch:
    def paint(painter: QPainter, box: QRectF, font: QFont) -> None:
        centre = box.center()
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(QColor(SUPPORT_COLOURS[support]))
        painter.drawRoundedRect(QRectF(centre.x() - 8, centre.y() - 6, 16, 12), 3, 3)
        paint_support_symbol(painter, SUPPORT_SYMBOLS[support], centre, 8.0, QColor("#FFFFFF"))
    return paint


def _line(kind: RelationKind) -> Swatch:
    def paint(painter: QPainter, box: QRectF, font: QFont) -> None:
        y = box.center().y()
        paint_line_sample(painter, QLineF(box.left() + 1, y, box.right() - 1, y), kind)
    return paint


def _score(sample: str, axis: Axis | None) -> Swatch:
    def paint(painter: QPainter, box: QRectF, font: QFont) -> None:
        paint_score_sample(painter, box, font, sample, axis)
        painter.setFont(font)
    return paint


def _entries() -> list[tuple[str, Swatch | None]]:
    """(text, swatch) in reading order; a None swatch is a group's heading."""
    entries: list[tuple[str, Swatch | None]] = [("Support:", None)]
    entries += [(s.label, _support(s)) for s in reversed(Support)]
    entries.append(("Lines:", None))
    entries += [(k.label + (" (1–3)" if k.has_strength else ""), _line(k))
                for k in RelationKind]
    entries.append(("Scores:", None))
    entries += [(text, _score(sample, axis)) for sample, axis, text in SCORE_ROWS]
    return entries


def _flow(font: QFont, width: float) -> list[tuple[QRectF, str, Swatch | None]]:
    """Where each entry goes in a strip ``width`` wide (a group heading never ends a line)."""
    metrics = QFontMetricsF(font)
    bold = QFont(font)
    bold.setBold(True)
    heading_metrics = QFontMetricsF(bold)
    line_height = max(metrics.height(), 14.0) + 4
    placed: list[tuple[QRectF, str, Swatch | None]] = []
    entries = _entries()
    x, y = PAD, PAD
    for index, (text, swatch) in enumerate(entries):
        entry_width = (metrics.horizontalAdvance(text) + SWATCH + 4 if swatch
                       else heading_metrics.horizontalAdvance(text) + 2)
        needed = entry_width
        if swatch is None and index + 1 < len(entries):  # keep a heading with its first entry
            following_text = entries[index + 1][0]
            needed += GAP / 2 + metrics.horizontalAdvance(following_text) + SWATCH + 4
        if x > PAD and x + needed > width - PAD:
            x, y = PAD, y + line_height
        placed.append((QRectF(x, y, entry_width, line_height), text, swatch))
        x += entry_width + (GAP / 2 if swatch is None else GAP)
    return placed


def strip_height(font: QFont, width: float) -> float:
    placed = _flow(font, width)
    return (placed[-1][0].bottom() + PAD) if placed else 0.0


def paint_legend_strip(painter: QPainter, rect: QRectF, font: QFont) -> None:
    painter.save()
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    painter.setFont(font)
    bold = QFont(font)
    bold.setBold(True)
    for box, text, swatch in _flow(font, rect.width()):
        box = box.translated(rect.topLeft())
        if swatch is None:
            painter.setFont(bold)
            painter.setPen(QColor(INK))
            painter.drawText(box, Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter,
                             text)
            painter.setFont(font)
            continue
        swatch(painter, QRectF(box.left(), box.top(), SWATCH, box.height()), font)
        painter.setPen(QColor(INK))
        painter.drawText(QRectF(box.left() + SWATCH + 4, box.top(), box.width() - SWATCH - 4,
                                box.height()),
                         Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter, text)
    painter.restore()
