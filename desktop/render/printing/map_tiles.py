"""The map on paper: one page when its smallest text stays at least 7 pt, else tiles at
exactly that size, overlapping by a whole card so every card is whole on some page; tiles
that show no card are left out (the page grid on each tile draws them dotted)."""

from __future__ import annotations

import math
from dataclasses import dataclass

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QColor, QFont, QPainter, QPen

from desktop.domain.analysis import DealAnalysis
from desktop.domain.deal import Deal
from desktop.domain.enums import Influence
from desktop.palette import INFLUENCE_CARD_WIDTH, INK, MUTED_INK
from desktop.render.map.cards import CARD_HEIGHT, SMALLEST_TEXT_PX
from desktop.render.map.legend import legend_size, paint_legend
from desktop.render.map.scene import MapScene
from desktop.render.printing.choices import PrintLayout
from desktop.render.printing.document import Page, body_rect, font, searchable
from desktop.render.printing.options import PrintOptions

# The smallest printed text a reader can still read (role badges and the smallest names,
# SMALLEST_TEXT_PX scene units): every scale below keeps it at least this tall.
MIN_TEXT_PT = 7.0
PRINT_MARGIN = 10.0  # scene units around the cards on a printed map
MAX_MAP_SCALE = 1.0  # points per scene unit: a small map is not blown up past this
# What two neighbouring tiles both show: a whole card, so that every card is whole on at
# least one page, plus room to glue the pages together.
TILE_OVERLAP_X_PT = (INFLUENCE_CARD_WIDTH[Influence.HIGH] + 12) * MIN_TEXT_PT / SMALLEST_TEXT_PX
TILE_OVERLAP_Y_PT = (CARD_HEIGHT + 12) * MIN_TEXT_PT / SMALLEST_TEXT_PX


@dataclass(frozen=True, slots=True)
class MapPlan:
    """How the map goes on paper: the scale (points per scene unit) and the tiles."""

    scale: float
    rows: int
    columns: int
    tile: QRectF  # the map area of a page, in points
    content: QRectF  # the scene area to print

    @property
    def smallest_text_pt(self) -> float:
        return SMALLEST_TEXT_PX * self.scale

    def source(self, row: int, column: int) -> QRectF:
        """The scene rectangle on tile (row, column); neighbours overlap."""
        width = self.tile.width() / self.scale
        height = self.tile.height() / self.scale
        overlap_x = TILE_OVERLAP_X_PT / self.scale
        overlap_y = TILE_OVERLAP_Y_PT / self.scale
        return QRectF(self.content.left() + column * (width - overlap_x),
                      self.content.top() + row * (height - overlap_y), width, height)


def plan_map(content: QRectF, area: QRectF) -> MapPlan:
    """One page when the smallest text stays ≥ 7 pt; else tiles at exactly that size."""
    if content.isEmpty():
        return MapPlan(1.0, 1, 1, area, QRectF(0, 0, area.width(), area.height()))
    fit = min(area.width() / content.width(), area.height() / content.height())
    smallest = MIN_TEXT_PT / SMALLEST_TEXT_PX
    if fit >= smallest:
        scale = min(fit, MAX_MAP_SCALE)
        # Centre the map on the page.
        w, h = area.width() / scale, area.height() / scale
        centred = QRectF(content.center().x() - w / 2, content.center().y() - h / 2, w, h)
        return MapPlan(scale, 1, 1, area, centred)
    step_w = (area.width() - TILE_OVERLAP_X_PT) / smallest
    step_h = (area.height() - TILE_OVERLAP_Y_PT) / smallest
    columns = max(1, math.ceil((content.width() - TILE_OVERLAP_X_PT / smallest) / step_w))
    rows = max(1, math.ceil((content.height() - TILE_OVERLAP_Y_PT / smallest) / step_h))
    return MapPlan(smallest, rows, columns, area, content)


def map_pages(deal: Deal, analysis: DealAnalysis, options: PrintOptions) -> list[Page]:
    orientation = options.page_orientation(PrintLayout.MAP)
    body = body_rect(options.paper, orientation)
    legend_font = font(7)
    legend = legend_size(legend_font, vertical=True)  # a side strip: the map keeps its height
    area = QRectF(0, 0, body.width() - legend.width() - 10, body.height())
    scene = MapScene(indexed=False, font=searchable())
    scene.set_full_detail(True)
    scene.setBackgroundBrush(QColor("#FFFFFF"))
    scene.show_deal(deal)
    # Paper is dear: the cards with a thin margin, not the screen's generous one.
    plan = plan_map(scene.cards_rect().adjusted(-PRINT_MARGIN, -PRINT_MARGIN, PRINT_MARGIN,
                                                PRINT_MARGIN), area)
    printed = _tiles_with_cards(scene, plan)
    total = len(printed)
    pages = []
    for number, (row, column) in enumerate(printed, start=1):
        label = "Map" if plan.rows * plan.columns == 1 else \
            f"Map — row {row + 1}, column {column + 1} — page {number} of {total}"
        pages.append(Page(orientation, _MapTile(scene, plan, row, column, legend_font,
                                                frozenset(printed)), label))
    return pages


def _tiles_with_cards(scene: MapScene, plan: MapPlan) -> list[tuple[int, int]]:
    """The tiles that show at least part of a card, row by row: a tile with nothing but
    the ends of lines is not worth a sheet of paper (the index marks it as left out)."""
    cards = [card.sceneBoundingRect() for card in scene.cards.values()]
    tiles = [(r, c) for r in range(plan.rows) for c in range(plan.columns)]
    if len(tiles) == 1:
        return tiles
    return [(r, c) for r, c in tiles
            if any(card.intersects(plan.source(r, c)) for card in cards)]


class _MapTile:
    def __init__(self, scene: MapScene, plan: MapPlan, row: int, column: int,
                 legend_font: QFont, printed: frozenset[tuple[int, int]]) -> None:
        self.scene = scene  # kept alive for as long as the page may be painted
        self.plan = plan
        self.row = row
        self.column = column
        self.legend_font = legend_font
        self.printed = printed

    def __call__(self, painter: QPainter, body: QRectF) -> None:
        plan = self.plan
        source = plan.source(self.row, self.column)
        target = QRectF(plan.tile.topLeft(), source.size() * plan.scale)
        painter.save()
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.setRenderHint(QPainter.RenderHint.TextAntialiasing)
        painter.setClipRect(plan.tile)
        self.scene.render(painter, target, source, Qt.AspectRatioMode.IgnoreAspectRatio)
        painter.restore()
        if plan.rows * plan.columns > 1:
            self._assembly_marks(painter)
        size = legend_size(self.legend_font, vertical=True)
        left = body.width() - size.width()
        paint_legend(painter, QPointF(left, 0), self.legend_font, vertical=True)
        if plan.rows * plan.columns > 1:
            self._index(painter, QRectF(left, size.height() + 12, size.width(),
                                        body.height() - size.height() - 12))

    def _assembly_marks(self, painter: QPainter) -> None:
        """Dashed lines where the neighbouring tile's picture starts, with corner ticks:
        cut along one page's line and lay it on the other's."""
        tile = self.plan.tile
        pen = QPen(QColor("#777777"), 0.5, Qt.PenStyle.DashLine)
        painter.setPen(pen)
        edges = []
        if self.column + 1 < self.plan.columns:
            x = tile.right() - TILE_OVERLAP_X_PT
            edges.append((x, tile.top(), x, tile.bottom()))
        if self.column > 0:
            x = tile.left() + TILE_OVERLAP_X_PT
            edges.append((x, tile.top(), x, tile.bottom()))
        if self.row + 1 < self.plan.rows:
            y = tile.bottom() - TILE_OVERLAP_Y_PT
            edges.append((tile.left(), y, tile.right(), y))
        if self.row > 0:
            y = tile.top() + TILE_OVERLAP_Y_PT
            edges.append((tile.left(), y, tile.right(), y))
        for x1, y1, x2, y2 in edges:
            painter.drawLine(QPointF(x1, y1), QPointF(x2, y2))
        painter.setPen(QPen(QColor(INK), 0.8))
        for x, y in ((tile.left(), tile.top()), (tile.right(), tile.top()),
                     (tile.left(), tile.bottom()), (tile.right(), tile.bottom())):
            painter.drawLine(QPointF(x - 6, y), QPointF(x + 6, y))
            painter.drawLine(QPointF(x, y - 6), QPointF(x, y + 6))

    def _index(self, painter: QPainter, area: QRectF) -> None:
        """A small grid of all tiles with this one filled: where this page goes."""
        rows, columns = self.plan.rows, self.plan.columns
        cell = max(3.0, min(14.0, (area.height() - 14) / rows, area.width() / columns))
        left, top = area.left(), area.top() + 12
        painter.setFont(font(7))
        painter.setPen(QColor(MUTED_INK))
        painter.drawText(QRectF(left, area.top(), 200, 11), Qt.AlignmentFlag.AlignLeft,
                         f"Pages: {rows} row{'s' if rows > 1 else ''} × {columns} "
                         f"column{'s' if columns > 1 else ''}")
        left_out = rows * columns - len(self.printed)
        if left_out:
            painter.drawText(QRectF(left, top + rows * cell + 2, 200, 11),
                             Qt.AlignmentFlag.AlignLeft,
                             f"Dotted: {left_out} empty, not printed")
        for r in range(rows):
            for c in range(columns):
                box = QRectF(left + c * cell, top + r * cell, cell - 1, cell - 1)
                here = (r, c) == (self.row, self.column)
                empty = (r, c) not in self.printed
                painter.setPen(QPen(QColor(MUTED_INK if empty else INK), 0.5,
                                    Qt.PenStyle.DotLine if empty else Qt.PenStyle.SolidLine))
                painter.setBrush(QColor(INK) if here else QColor("#FFFFFF"))
                painter.drawRect(box)
