"""A person's card on the map: name, title, role badges, support (colour and symbol),
influence (width and border), the triangle glyph — and the handle to draw a line from. A card
draws what the store says and nothing else; a dragged card moves on screen only until the
view turns the drag into one undo command (``desktop/ui/panels/map_view.py``)."""

from __future__ import annotations

import math
from dataclasses import dataclass
from datetime import date
from functools import cache
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import (
    QBrush,
    QColor,
    QFont,
    QFontMetricsF,
    QPainter,
    QPainterPath,
    QPen,
    QPolygonF,
)
from PySide6.QtWidgets import (
    QGraphicsEllipseItem,
    QGraphicsItem,
    QStyleOptionGraphicsItem,
    QWidget,
)

from desktop.domain.actions import Action
from desktop.domain.enums import Axis, Role, Support
from desktop.domain.person import Person
from desktop.domain.wording import score_text
from desktop.palette import AXIS_COLOURS, HIGHLIGHT, INFLUENCE_CARD_WIDTH, SUPPORT_SYMBOLS
from desktop.render.card_painting import symbol_polygons
from desktop.render.map.drag_layer import DragLayer
from desktop.render.map.style import (
    BADGE_PEN,
    CENTRE,
    DETAIL_LOD,
    INK_COLOUR,
    LEFT,
    MARKED_PEN,
    MUTED_COLOUR,
    NO_BRUSH,
    NO_PEN,
    OVERDUE_COLOUR,
    SELECTED_PEN,
    SUPPORT_FILL,
    SUPPORT_TINT,
    WHITE,
    border_pen,
)

if TYPE_CHECKING:
    from desktop.render.map.lines import RelationLine

CARD_HEIGHT = 74.0
STRIP = 22.0  # the support strip on the card's left
SCORES = 46.0  # the scores' column on the card's right
NARROW_SCORES = 28.0  # zoomed out: the personal win alone
PAD = 6.0
CARD_Z = 10.0


NAME_PX = 13
NAME_SMALL_PX = 11  # for a name too long for the card at NAME_PX
TITLE_PX = 11
STEP_PX = 11  # the next step's first line
PERSONAL_PX = 22  # the personal win: the card's largest number
SCORE_PX = 11  # business outcome and technical fit
NAME_TINY_PX = 9  # for a name too long even at NAME_SMALL_PX
BADGE_PX = 11  # role badges
# The smallest text on a card but a name: what decides, with the names, the scale of a
# printed map (desktop/render/printing/map_tiles.py).
SMALLEST_TEXT_PX = min(BADGE_PX, STEP_PX, TITLE_PX, SCORE_PX)
# Levels of detail, by the view's scale. From FULL_LOD up a card shows everything. Below
# it the title, the next step and the badges go — never the name: it is drawn larger, on up
# to two lines, so that it stays READABLE_PX on screen as long as it fits the card. Below
# DETAIL_LOD only the card's colours are drawn (the zoomed-out picture).
FULL_LOD = 9.5 / NAME_PX  # where a 13 px name is 9.5 px on screen
READABLE_PX = 9.5  # on screen
BIG_NAME_PX = 30  # the largest a name is drawn


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
        self.badge.setPixelSize(BADGE_PX)
        self.badge.setBold(True)
        self.name_narrow = QFont(self.name)  # a long name keeps its size, narrower
        self.name_narrow.setStretch(QFont.Stretch.SemiCondensed)
        self.name_narrow_metrics = QFontMetricsF(self.name_narrow)
        self.name_small = QFont(self.name)
        self.name_small.setPixelSize(NAME_SMALL_PX)
        self.name_metrics = QFontMetricsF(self.name)
        self.name_small_metrics = QFontMetricsF(self.name_small)
        self.name_tiny = QFont(self.name)
        self.name_tiny.setPixelSize(NAME_TINY_PX)
        self.name_tiny_metrics = QFontMetricsF(self.name_tiny)
        self.title_metrics = QFontMetricsF(self.title)
        self.badge_metrics = QFontMetricsF(self.badge)
        self.step = QFont(base)
        self.step.setPixelSize(STEP_PX)
        self.step.setItalic(True)
        self.step_metrics = QFontMetricsF(self.step)
        self.personal = QFont(base)
        self.personal.setPixelSize(PERSONAL_PX)
        self.personal.setBold(True)
        self.score = QFont(base)
        self.score.setPixelSize(SCORE_PX)
        self.score.setBold(True)
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
    step_rect: QRectF
    badge_top: float
    badge_right: float
    personal_rect: QRectF  # the personal win's number
    business_rect: QRectF
    technical_rect: QRectF


@cache
def _geometry(width: float) -> CardGeometry:
    rect = QRectF(-width / 2, -CARD_HEIGHT / 2, width, CARD_HEIGHT)
    strip = QRectF(rect.left(), rect.top(), STRIP, rect.height())
    left = rect.left() + STRIP + PAD
    fonts = CardFonts()
    name_height = fonts.name_metrics.height()
    title_height = fonts.title_metrics.height()
    step_height = fonts.step_metrics.height()
    text_width = width - STRIP - SCORES - 2 * PAD
    scores_left = rect.right() - SCORES
    return CardGeometry(
        rect=rect,
        strip_round=strip.adjusted(1, 1, 0, -1),
        strip_square=strip.adjusted(STRIP / 2, 1, 0, -1),
        symbol_centre=QPointF(strip.center().x(), rect.top() + 18.0),
        text_left=left,
        text_width=text_width,
        name_rect=QRectF(left, rect.top() + 3, text_width, name_height),
        title_rect=QRectF(left, rect.top() + 3 + name_height, text_width, title_height),
        step_rect=QRectF(left, rect.top() + 4 + name_height + title_height, text_width,
                         step_height),
        badge_top=rect.bottom() - 18.0,
        badge_right=scores_left - 2.0,
        personal_rect=QRectF(scores_left, rect.top() + 4, SCORES - 4, 30.0),
        business_rect=QRectF(scores_left, rect.top() + 38, (SCORES - 4) / 2, 16.0),
        technical_rect=QRectF(scores_left + (SCORES - 4) / 2, rect.top() + 38,
                              (SCORES - 4) / 2, 16.0),
    )


@cache
def _symbol(support: Support, width: float) -> tuple[QPolygonF, ...]:
    """The support symbol of a card of this width (shared: every card of a kind is alike)."""
    return symbol_polygons(SUPPORT_SYMBOLS[support], _geometry(width).symbol_centre, 12.0)


def _big_name_width(geometry: CardGeometry) -> float:
    """The room for a zoomed-out card's name: all but the strip and the personal win."""
    return geometry.rect.width() - STRIP - NARROW_SCORES - 2 * PAD


def _wrap_name(name: str, font: QFont, geometry: CardGeometry) -> list[str] | None:
    """``name`` in one or two lines that fit the card's text area in ``font``, or None."""
    metrics = QFontMetricsF(font)
    width = _big_name_width(geometry)
    height = geometry.rect.height() - 6.0
    if metrics.horizontalAdvance(name) <= width and metrics.height() <= height:
        return [name]
    words = name.split()
    if len(words) < 2 or 2 * metrics.height() > height:
        return None
    for cut in range(len(words) - 1, 0, -1):  # the longest first line that fits
        first, second = " ".join(words[:cut]), " ".join(words[cut:])
        if metrics.horizontalAdvance(first) <= width:
            return [first, second] if metrics.horizontalAdvance(second) <= width else None
    return None


# The axis colours darkened a little: a number in the palette's own colour is too pale to
# read on a card's tint.
AXIS_PENS = {axis: QColor(colour).darker(125) for axis, colour in AXIS_COLOURS.items()}

_CARD_FLAGS = (QGraphicsItem.GraphicsItemFlag.ItemIsMovable
               | QGraphicsItem.GraphicsItemFlag.ItemIsSelectable)


class PersonCard(QGraphicsItem):
    """One person: name, title, role badges, support (colour + symbol), influence (width and
    border), the triangle glyph. The item's position is the card's centre."""

    full_detail = False  # print and benchmarks: always draw everything

    def __init__(self, person: Person, fonts: CardFonts,
                 layer: DragLayer | None = None, step: Action | None = None) -> None:
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
        self.step = step
        self._rect = QRectF()
        self.set_person(person, step)

    @property
    def person_id(self) -> str:
        return self.person.id

    def set_person(self, person: Person, step: Action | None = None) -> None:
        """Show ``person`` and their next action ``step`` (red when overdue). Text is
        measured, elided and laid out once, when the card is first painted in detail
        (``_prepare_detail``), so a paint only replays prepared shapes — and a zoomed-out
        map of 2,000 cards never measures a name at all."""
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
        self.step = step
        self._overdue = step is not None and step.is_overdue(date.today())
        self._border = border_pen(person.support, person.influence)
        self._detail_ready = False
        self._name_cache: dict[int, tuple[QFont, list[str] | None]] = {}
        if self._handle is not None:
            self._handle.setPos(geometry.rect.right(), 0.0)
        where = (person.position.x, person.position.y)
        if where != self.centre:  # lines follow only a card that moved
            self.setPos(*where)
        self.update()

    def _prepare_detail(self) -> None:
        person, geometry, fonts = self.person, self.geometry, self.fonts
        # A long name gets a narrower font, then a smaller one, before it loses letters:
        # printed maps must carry whole names.
        self._name_font = fonts.name
        metrics = fonts.name_metrics
        for smaller, smaller_metrics in ((fonts.name_narrow, fonts.name_narrow_metrics),
                                         (fonts.name_small, fonts.name_small_metrics),
                                         (fonts.name_tiny, fonts.name_tiny_metrics)):
            if metrics.horizontalAdvance(person.name) <= geometry.text_width:
                break
            self._name_font, metrics = smaller, smaller_metrics
        self._name = metrics.elidedText(person.name, Qt.TextElideMode.ElideRight,
                                        geometry.text_width)
        self._title = fonts.title_metrics.elidedText(
            person.title or person.department, Qt.TextElideMode.ElideRight, geometry.text_width)
        step = self.step
        when = ""
        if step is not None and self._overdue:
            when = "⚠ "  # red too; the date and how late are in the tool tip
        elif step is not None and step.due is not None:
            when = f"{step.due:%d %b}: "
        self._step = fonts.step_metrics.elidedText(
            f"→ {when}{step.text}", Qt.TextElideMode.ElideRight,
            geometry.text_width) if step is not None else ""
        self._symbol = _symbol(person.support, geometry.rect.width())
        self._badges = self._layout_badges(geometry)
        self._scores = tuple(score_text(value) for value in person.scores.values())
        self._detail_ready = True

    def name_pixels(self, level: float) -> int:
        """The name's size in scene pixels at this zoom: NAME_PX when zoomed in; zoomed out,
        as large as it must be to stay readable — as far as it fits the card."""
        if level >= FULL_LOD:
            return NAME_PX
        wanted = min(BIG_NAME_PX, math.ceil(READABLE_PX / max(level, 1e-3)))
        for px in range(wanted, NAME_PX, -1):
            if self._fitted(px)[1] is not None:
                return px
        return NAME_PX

    def name_as_drawn(self, level: float) -> tuple[float, list[str]]:
        """The name's size in scene pixels and its lines as a paint at this zoom draws them
        (tests measure what a person can read: size × zoom)."""
        if level >= FULL_LOD:
            if not self._detail_ready:
                self._prepare_detail()
            return float(self._name_font.pixelSize()), [self._name]
        px = self.name_pixels(level)
        return float(px), self.name_lines(px)[1]

    def name_lines(self, px: int) -> tuple[QFont, list[str]]:
        """The name at ``px`` in at most two lines across the card's text area (one line,
        as it is, when it does not fit: ``name_pixels`` only asks for sizes that fit)."""
        font, lines = self._fitted(px)
        return font, lines if lines is not None else [self.person.name]

    def _fitted(self, px: int) -> tuple[QFont, list[str] | None]:
        """The name's font and lines at ``px``: upright, else semi-condensed (a long name on a
        narrow card keeps its size rather than shrink below readable); lines None when
        neither fits."""
        found = self._name_cache.get(px)
        if found is None:
            font = QFont(self.fonts.name)
            font.setPixelSize(px)
            lines = _wrap_name(self.person.name, font, self.geometry)
            if lines is None:
                narrow = QFont(font)
                narrow.setStretch(QFont.Stretch.SemiCondensed)
                narrow_lines = _wrap_name(self.person.name, narrow, self.geometry)
                if narrow_lines is not None:
                    font, lines = narrow, narrow_lines
            found = self._name_cache[px] = (font, lines)
        return found

    @property
    def name_px(self) -> int:
        """The pixel size of the name's font at full detail: a long name gets a smaller one
        (what a printed map's scale must keep readable)."""
        self.badge_texts()  # lays the card's text out, choosing the name's font
        return self._name_font.pixelSize()

    def badge_texts(self) -> list[str]:
        """The role badges as drawn (for tests and tooltips)."""
        if not self._detail_ready:
            self._prepare_detail()
        return [text for _, text in self._badges]

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
        scores = " · ".join(f"{a.label} {score_text(person.scores[a].value)}"
                            for a in (Axis.PERSONAL, Axis.BUSINESS, Axis.TECHNICAL))
        roles = ", ".join(r.label for r in person.roles) or "no role yet"
        step = self.step
        due = f" (due {step.due.isoformat()}{', overdue' if self._overdue else ''})" \
            if step is not None and step.due is not None else ""
        step_text = f"\nNext action: {step.text}{due}" if step is not None else ""
        return (f"{person.name}\n{person.title}\n{roles}\n"
                f"{person.support.label} · {person.influence.label} influence\n{scores}"
                f"{step_text}")

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
            painter.setPen(SELECTED_PEN if selected else MARKED_PEN)
            painter.setBrush(NO_BRUSH)
            painter.drawRoundedRect(rect, 6.0, 6.0)
        painter.setPen(self._border)
        painter.setBrush(SUPPORT_TINT[person.support])
        painter.drawRoundedRect(rect, 6.0, 6.0)
        painter.setPen(NO_PEN)
        painter.setBrush(SUPPORT_FILL[person.support])
        painter.drawRoundedRect(geometry.strip_round, 5.0, 5.0)
        painter.drawRect(geometry.strip_square)
        level = 1.0 if self.full_detail else option.levelOfDetailFromTransform(
            painter.worldTransform())
        if level < DETAIL_LOD:
            return
        if not self._detail_ready:
            self._prepare_detail()
        painter.setBrush(WHITE)
        for polygon in self._symbol:
            painter.drawPolygon(polygon)
        fonts = self.fonts
        zoomed_out = level < FULL_LOD
        self._paint_scores(painter, personal_only=zoomed_out)
        painter.setPen(INK_COLOUR)
        if zoomed_out:  # the title, the next step and the badges go first, never the name
            font, lines = self.name_lines(self.name_pixels(level))
            painter.setFont(font)
            height = QFontMetricsF(font).height()
            top = rect.center().y() - height * len(lines) / 2
            width = _big_name_width(geometry)
            for number, line in enumerate(lines):
                painter.drawText(QRectF(geometry.text_left, top + number * height, width,
                                        height), LEFT, line)
            return
        painter.setFont(self._name_font)
        painter.drawText(geometry.name_rect, LEFT, self._name)
        painter.setFont(fonts.title)
        painter.setPen(MUTED_COLOUR)
        painter.drawText(geometry.title_rect, LEFT, self._title)
        if self._step:
            painter.setFont(fonts.step)
            painter.setPen(OVERDUE_COLOUR if self._overdue else INK_COLOUR)
            painter.drawText(geometry.step_rect, LEFT, self._step)
        if self._badges:
            painter.setFont(fonts.badge)
            for badge, text in self._badges:
                painter.setPen(BADGE_PEN)
                painter.setBrush(WHITE)
                painter.drawRoundedRect(badge, 3.0, 3.0)
                painter.setPen(INK_COLOUR)
                painter.drawText(badge, CENTRE, text)

    def _paint_scores(self, painter: QPainter, *, personal_only: bool = False) -> None:
        """The three scores as numbers in their axis colours, the personal win the largest:
        what this person weighs, readable from across a table. Zoomed out (``personal_only``)
        the small two would be unreadable: the personal win alone, in a narrower column."""
        geometry, fonts = self.geometry, self.fonts
        business, technical, personal = self._scores
        painter.setFont(fonts.personal)
        painter.setPen(AXIS_PENS[Axis.PERSONAL])
        if personal_only:
            rect = geometry.rect
            painter.drawText(QRectF(rect.right() - NARROW_SCORES, rect.top(), NARROW_SCORES,
                                    rect.height()), CENTRE, personal)
            return
        painter.drawText(geometry.personal_rect, CENTRE, personal)
        painter.setFont(fonts.score)
        painter.setPen(AXIS_PENS[Axis.BUSINESS])
        painter.drawText(geometry.business_rect, CENTRE, business)
        painter.setPen(AXIS_PENS[Axis.TECHNICAL])
        painter.drawText(geometry.technical_rect, CENTRE, technical)

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
