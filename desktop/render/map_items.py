"""The map's items: a card per person and a line per relation. They draw what the store
says and nothing else; a card that is dragged moves on screen only until the view turns the
drag into one undo command (``desktop/ui/map_view.py``)."""

from __future__ import annotations

import math
from dataclasses import dataclass
from functools import cache
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

from desktop.domain.enums import Axis, Influence, RelationKind, Role, Support
from desktop.domain.person import Person
from desktop.domain.relation import Relation
from desktop.domain.wording import score_text
from desktop.palette import (
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
from desktop.render.card_painting import paint_triangle_glyph, symbol_polygons, triangle_glyph
from desktop.render.drag_layer import DragLayer

# Looked up once: attribute access on Qt enums and QColor parsing show up in profiles of a
# 2,000-card map.
_LEFT = Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter
_NO_PEN = Qt.PenStyle.NoPen
_NO_BRUSH = Qt.BrushStyle.NoBrush
# Flat caps: with round caps Qt strokes every dash as a path, which made one frame of a
# 2,000-person map 6× slower (128 ms against 21 ms, measured with benchmarks/map_drag.py).
_FLAT = Qt.PenCapStyle.FlatCap
_SOLID = Qt.PenStyle.SolidLine
_INK = QColor(INK)
_MUTED = QColor(MUTED_INK)
_WHITE = QColor("#FFFFFF")
_SUPPORT = {s: QColor(c) for s, c in SUPPORT_COLOURS.items()}
_BORDER = {s: c.darker(115) for s, c in _SUPPORT.items()}
_TINT = {s: QColor(c) for s, c in SUPPORT_TINTS.items()}
_CENTRE = Qt.AlignmentFlag.AlignCenter
_BADGE_PEN = QPen(QColor(MUTED_INK), 1.0)
_SELECTED_PEN = QPen(QColor(HIGHLIGHT), 6.0, Qt.PenStyle.SolidLine)
_MARKED_PEN = QPen(QColor(HIGHLIGHT), 5.0, Qt.PenStyle.DashLine)

CARD_HEIGHT = 66.0
STRIP = 22.0  # the support strip on the card's left
GLYPH = 30.0  # the triangle glyph's box
PAD = 6.0
CARD_Z = 10.0
DETAIL_LOD = 0.3  # below this zoom a card's text is under 3 px: draw the card's colours only
LINE_Z = 0.0


NAME_PX = 13
NAME_SMALL_PX = 11  # for a name too long for the card at NAME_PX
TITLE_PX = 11
SMALLEST_TEXT_PX = 9  # role badges: what decides whether a printed map stays readable


class CardFonts:
    """Fonts and metrics shared by every card (measuring text is the slow part of a map)."""

    def __init__(self, base: QFont | None = None) -> None:
        base = QFont(base) if base is not None else QFont()
        # Pixel sizes, i.e. scene units: the scene then draws the same on a screen, a PDF at
        # 1,200 dpi or a printer (a point size would be resolved against each device's DPI
        # while the cards were laid out at the screen's).
        self.name = QFont(base)
        self.name.setPixelSize(NAME_PX)
        self.name.setBold(True)
        self.title = QFont(base)
        self.title.setPixelSize(TITLE_PX)
        self.badge = QFont(base)
        self.badge.setPixelSize(SMALLEST_TEXT_PX)
        self.badge.setBold(True)
        self.name_small = QFont(self.name)
        self.name_small.setPixelSize(NAME_SMALL_PX)
        self.name_metrics = QFontMetricsF(self.name)
        self.name_small_metrics = QFontMetricsF(self.name_small)
        self.name_tiny = QFont(self.name)
        self.name_tiny.setPixelSize(SMALLEST_TEXT_PX)
        self.name_tiny_metrics = QFontMetricsF(self.name_tiny)
        self.title_metrics = QFontMetricsF(self.title)
        self.badge_metrics = QFontMetricsF(self.badge)
        self.name_height = self.name_metrics.height()
        self.title_height = self.title_metrics.height()
        self.ellipsis_width = self.badge_metrics.horizontalAdvance("…") + 8.0
        self.badge_widths = {role: self.badge_metrics.horizontalAdvance(role.abbreviation) + 8.0
                             for role in Role}


@dataclass(frozen=True, slots=True)
class CardGeometry:
    """Where everything sits on a card of one width (three widths: one per influence)."""

    rect: QRectF
    strip_round: QRectF
    strip_square: QRectF
    symbol_centre: QPointF
    text_left: float
    text_width: float
    name_rect: QRectF
    title_rect: QRectF
    badge_top: float
    badge_right: float
    glyph: QRectF


@cache
def _geometry(width: float) -> CardGeometry:
    rect = QRectF(-width / 2, -CARD_HEIGHT / 2, width, CARD_HEIGHT)
    strip = QRectF(rect.left(), rect.top(), STRIP, rect.height())
    left = rect.left() + STRIP + PAD
    metrics = QFontMetricsF(CardFonts().name)
    name_height = metrics.height()
    title_height = QFontMetricsF(CardFonts().title).height()
    return CardGeometry(
        rect=rect,
        strip_round=strip.adjusted(1, 1, 0, -1),
        strip_square=strip.adjusted(STRIP / 2, 1, 0, -1),
        symbol_centre=QPointF(strip.center().x(), rect.top() + 18.0),
        text_left=left,
        text_width=width - STRIP - GLYPH - 3 * PAD,
        name_rect=QRectF(left, rect.top() + 4, rect.width(), name_height),
        title_rect=QRectF(left, rect.top() + 4 + name_height, rect.width(), title_height),
        badge_top=rect.bottom() - 19.0,
        badge_right=rect.right() - GLYPH - PAD,
        glyph=QRectF(rect.right() - GLYPH - 4, rect.center().y() - GLYPH / 2, GLYPH, GLYPH),
    )


_BORDER_PENS: dict[tuple[Support, Influence], QPen] = {}


def _border_pen(person: Person) -> QPen:
    key = (person.support, person.influence)
    pen = _BORDER_PENS.get(key)
    if pen is None:
        pen = _BORDER_PENS[key] = QPen(_BORDER[person.support],
                                       INFLUENCE_BORDER[person.influence])
    return pen


_CARD_FLAGS = (QGraphicsItem.GraphicsItemFlag.ItemIsMovable
               | QGraphicsItem.GraphicsItemFlag.ItemIsSelectable)
# The exposed rectangle lets a line's paint() clip it to what is on screen.
_LINE_FLAGS = (QGraphicsItem.GraphicsItemFlag.ItemIsSelectable
               | QGraphicsItem.GraphicsItemFlag.ItemUsesExtendedStyleOption)


class PersonCard(QGraphicsItem):
    """One person: name, title, role badges, support (colour + symbol), influence (width and
    border), the triangle glyph. The item's position is the card's centre."""

    full_detail = False  # print and benchmarks: always draw everything

    def __init__(self, person: Person, fonts: CardFonts,
                 layer: DragLayer | None = None) -> None:
        super().__init__()
        self.fonts = fonts
        self.layer = layer or DragLayer()
        self.moving = False  # dragged right now: see drag_layer
        self.lines: list[RelationLine] = []
        self.centre = (0.0, 0.0)
        self.on_path = False
        self.found = False
        self.setFlags(_CARD_FLAGS)
        self.setAcceptHoverEvents(True)
        self.setZValue(CARD_Z)
        self._handle: ConnectHandle | None = None  # made on first hover or selection
        self.person = person
        self._rect = QRectF()
        self.set_person(person)

    @property
    def person_id(self) -> str:
        return self.person.id

    def set_person(self, person: Person) -> None:
        """Show ``person``: text is measured, elided and laid out here, once, so a paint only
        replays prepared shapes (a 2,000-card map paints every card per frame)."""
        width = INFLUENCE_CARD_WIDTH[person.influence]
        geometry = _geometry(width)
        if geometry.rect != self._rect:
            self.prepareGeometryChange()
            self._rect = geometry.rect
            self._bounds = geometry.rect.adjusted(-4.0, -4.0, 4.0, 4.0)  # room for outlines
            self.half_width = width / 2 + 3.0  # where lines stop, a little off the border
            self.half_height = CARD_HEIGHT / 2 + 3.0
        self.geometry = geometry
        self.person = person
        fonts = self.fonts
        # A long name gets a narrower font before it loses letters: printed maps must carry
        # whole names.
        self._name_font = fonts.name
        metrics = fonts.name_metrics
        for smaller, smaller_metrics in ((fonts.name_small, fonts.name_small_metrics),
                                         (fonts.name_tiny, fonts.name_tiny_metrics)):
            if metrics.horizontalAdvance(person.name) <= geometry.text_width:
                break
            self._name_font, metrics = smaller, smaller_metrics
        self._name = metrics.elidedText(person.name, Qt.TextElideMode.ElideRight,
                                                   geometry.text_width)
        self._title = fonts.title_metrics.elidedText(
            person.title or person.department, Qt.TextElideMode.ElideRight, geometry.text_width)
        self._border = _border_pen(person)
        self._symbol = symbol_polygons(SUPPORT_SYMBOLS[person.support], geometry.symbol_centre,
                                       12.0)
        self._badges = self._layout_badges(geometry)
        self._glyph = triangle_glyph(person.scores, geometry.glyph)
        if self._handle is not None:
            self._handle.setPos(geometry.rect.right(), 0.0)
        where = (person.position.x, person.position.y)
        if where != self.centre:  # lines follow only a card that moved
            self.setPos(*where)
        self.update()

    def _layout_badges(self, geometry: CardGeometry) -> list[tuple[QRectF, str]]:
        fonts = self.fonts
        badges: list[tuple[QRectF, str]] = []
        x = geometry.text_left
        for role in self.person.roles:
            width = fonts.badge_widths[role]
            if x + width > geometry.badge_right:
                badges.append((QRectF(x, geometry.badge_top, fonts.ellipsis_width, 14.0), "…"))
                break
            badges.append((QRectF(x, geometry.badge_top, width, 14.0), role.abbreviation))
            x += width + 3.0
        return badges

    @property
    def handle(self) -> ConnectHandle:
        if self._handle is None:
            self._handle = ConnectHandle(self)
            self._handle.setPos(self._rect.right(), 0.0)
        return self._handle

    def tooltip_text(self) -> str:
        """Made when the view asks (hover), not for each of 2,000 cards at build time."""
        person = self.person
        scores = " · ".join(f"{AXIS_SHORT[a]} {score_text(person.scores[a].value)}"
                            for a in Axis)
        roles = ", ".join(r.label for r in person.roles) or "no role yet"
        return (f"{person.name}\n{person.title}\n{roles}\n"
                f"{person.support.label} · {person.influence.label} influence\n{scores}")

    def boundingRect(self) -> QRectF:
        # Qt asks several times per paint; the answer is made once per size. Returning the
        # stored rectangle is safe: Qt receives a copy.
        return self._bounds

    def shape(self) -> QPainterPath:
        path = QPainterPath()
        path.addRoundedRect(self._rect, 6.0, 6.0)
        return path

    def card_rect(self) -> QRectF:
        return QRectF(self._rect)

    def paint(self, painter: QPainter, option: QStyleOptionGraphicsItem,
              widget: QWidget | None = None) -> None:
        if self.layer.skips(self.moving):
            return
        person = self.person
        geometry = self.geometry
        rect = geometry.rect
        selected = self.isSelected()
        if selected or self.on_path or self.found:
            painter.setPen(_SELECTED_PEN if selected else _MARKED_PEN)
            painter.setBrush(_NO_BRUSH)
            painter.drawRoundedRect(rect, 6.0, 6.0)
        painter.setPen(self._border)
        painter.setBrush(_TINT[person.support])
        painter.drawRoundedRect(rect, 6.0, 6.0)
        painter.setPen(_NO_PEN)
        painter.setBrush(_SUPPORT[person.support])
        painter.drawRoundedRect(geometry.strip_round, 5.0, 5.0)
        painter.drawRect(geometry.strip_square)
        if not self.full_detail and option.levelOfDetailFromTransform(
                painter.worldTransform()) < DETAIL_LOD:
            return
        painter.setBrush(_WHITE)
        for polygon in self._symbol:
            painter.drawPolygon(polygon)
        fonts = self.fonts
        painter.setPen(_INK)
        painter.setFont(self._name_font)
        painter.drawText(geometry.name_rect, _LEFT, self._name)
        painter.setFont(fonts.title)
        painter.setPen(_MUTED)
        painter.drawText(geometry.title_rect, _LEFT, self._title)
        if self._badges:
            painter.setFont(fonts.badge)
            for badge, text in self._badges:
                painter.setPen(_BADGE_PEN)
                painter.setBrush(_WHITE)
                painter.drawRoundedRect(badge, 3.0, 3.0)
                painter.setPen(_INK)
                painter.drawText(badge, _CENTRE, text)
        paint_triangle_glyph(painter, self._glyph)

    def setPos(self, *args: Any) -> None:
        """Move the card and its lines (lines follow here, not in ``itemChange``: a Python
        ``itemChange`` runs a dozen times per card just to build a scene)."""
        super().setPos(*args)
        self.moved()

    def moved(self) -> None:
        """The card moved (by ``setPos`` or a mouse drag): bring its lines along."""
        point = self.pos()
        self.centre = (point.x(), point.y())  # read by lines: pos() is slow from Python
        for line in self.lines:
            line.follow()

    def hoverEnterEvent(self, event: Any) -> None:
        self.handle.setVisible(True)
        super().hoverEnterEvent(event)

    def hoverLeaveEvent(self, event: Any) -> None:
        self.handle.setVisible(self.isSelected())
        super().hoverLeaveEvent(event)

    def show_handle(self) -> None:
        wanted = self.isSelected() or self.isUnderMouse()
        if wanted or self._handle is not None:
            self.handle.setVisible(wanted)


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
        self.setVisible(False)

    def tooltip_text(self) -> str:
        return "Drag to another card to draw a line"

    def paint(self, painter: QPainter, option: QStyleOptionGraphicsItem,
              widget: QWidget | None = None) -> None:
        if not self.card.layer.skips(self.card.moving):
            super().paint(painter, option, widget)


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
        source.lines.append(self)
        target.lines.append(self)
        self.follow()

    @property
    def relation_id(self) -> str:
        return self.relation.id

    def set_relation(self, relation: Relation) -> None:
        self.relation = relation
        self._prepare_strokes()
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

    def follow(self) -> None:
        """Recompute the line after a card moved."""
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
        self.prepareGeometryChange()
        self._line = line
        self._path = None  # the hit shape is made when first asked for (mouse, rubber band)
        self._prepare_strokes()
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
        width = self._width
        if self.isSelected() or self.on_path:
            painter.setPen(QPen(_HIGHLIGHT, width + 6.0, _SOLID, _FLAT))
            painter.drawLine(visible)
        pen = self._pen
        if self._double:
            painter.setPen(pen)
            painter.drawLines(self._strokes if visible is self._line else _double(visible))
        else:
            if self._dashed and visible is not self._line:
                pen = QPen(pen)
                pen.setDashOffset(QLineF(self._line.p1(), visible.p1()).length() / width)
            painter.setPen(pen)
            painter.drawLine(visible)
        if self._arrow is not None:
            painter.setPen(_NO_PEN)
            painter.setBrush(self._colour)
            painter.drawPolygon(self._arrow)

    def _prepare_strokes(self) -> None:
        """The arrowhead and the conflict's double stroke and bar, made once per move."""
        line = self._line
        kind = self.relation.kind
        style = RELATION_STYLES[kind]
        width = relation_width(kind, self.relation.strength)
        self._width = width
        self._pen = _line_pen(kind, width)
        self._colour = _LINE_COLOURS[kind]
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
            self._strokes = [*_double(line),
                             QLineF(middle + step + half, middle + step - half),
                             QLineF(middle - step + half, middle - step - half)]


_HIGHLIGHT = QColor(HIGHLIGHT)
_LINE_COLOURS = {kind: QColor(style.colour) for kind, style in RELATION_STYLES.items()}
_LINE_PENS: dict[tuple[RelationKind, float], QPen] = {}


def _line_pen(kind: RelationKind, width: float) -> QPen:
    pen = _LINE_PENS.get((kind, width))
    if pen is None:
        pen = QPen(_LINE_COLOURS[kind], width, _SOLID, _FLAT)
        if RELATION_STYLES[kind].dashes:
            pen.setDashPattern(list(RELATION_STYLES[kind].dashes))
        _LINE_PENS[(kind, width)] = pen
    return pen


def _double(line: QLineF) -> list[QLineF]:
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
