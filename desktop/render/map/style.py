"""How the map draws: colours, pens and sizes shared by cards, lines and the zoomed-out
picture, made once (attribute access on Qt enums and QColor parsing show up in profiles of a
2,000-card map)."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QPen

from desktop.domain.enums import Influence, RelationKind, Support
from desktop.palette import (
    HIGHLIGHT,
    INFLUENCE_BORDER,
    INK,
    MUTED_INK,
    OVERDUE,
    RELATION_STYLES,
    SUPPORT_COLOURS,
    SUPPORT_TINTS,
)

DETAIL_LOD = 0.3  # below this zoom a card's text is under 3 px: draw the card's colours only
LEFT = Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter
NO_PEN = Qt.PenStyle.NoPen
NO_BRUSH = Qt.BrushStyle.NoBrush
# Flat caps: with round caps Qt strokes every dash as a path, which made one frame of a
# 2,000-person map 6× slower (128 ms against 21 ms, measured with benchmarks/map_drag.py).
FLAT = Qt.PenCapStyle.FlatCap
SOLID = Qt.PenStyle.SolidLine
INK_COLOUR = QColor(INK)
MUTED_COLOUR = QColor(MUTED_INK)
OVERDUE_COLOUR = QColor(OVERDUE)
WHITE = QColor("#FFFFFF")
SUPPORT_FILL = {s: QColor(c) for s, c in SUPPORT_COLOURS.items()}
SUPPORT_BORDER = {s: c.darker(115) for s, c in SUPPORT_FILL.items()}
SUPPORT_TINT = {s: QColor(c) for s, c in SUPPORT_TINTS.items()}
CENTRE = Qt.AlignmentFlag.AlignCenter
BADGE_PEN = QPen(QColor(MUTED_INK), 1.0)
SELECTED_PEN = QPen(QColor(HIGHLIGHT), 6.0, Qt.PenStyle.SolidLine)
MARKED_PEN = QPen(QColor(HIGHLIGHT), 5.0, Qt.PenStyle.DashLine)
_BORDER_PENS: dict[tuple[Support, Influence], QPen] = {}


def border_pen(support: Support, influence: Influence) -> QPen:
    """A card's border: its support's colour, as wide as its influence."""
    key = (support, influence)
    pen = _BORDER_PENS.get(key)
    if pen is None:
        pen = _BORDER_PENS[key] = QPen(SUPPORT_BORDER[support], INFLUENCE_BORDER[influence])
    return pen


HIGHLIGHT_COLOUR = QColor(HIGHLIGHT)
LINE_COLOURS = {kind: QColor(style.colour) for kind, style in RELATION_STYLES.items()}
_LINE_PENS: dict[tuple[RelationKind, float], QPen] = {}


def line_pen(kind: RelationKind, width: float) -> QPen:
    pen = _LINE_PENS.get((kind, width))
    if pen is None:
        pen = QPen(LINE_COLOURS[kind], width, SOLID, FLAT)
        if RELATION_STYLES[kind].dashes:
            pen.setDashPattern(list(RELATION_STYLES[kind].dashes))
        _LINE_PENS[(kind, width)] = pen
    return pen

