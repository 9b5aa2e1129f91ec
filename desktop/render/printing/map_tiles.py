"""The map on paper: one page when every name stays at least 7 pt, else tiles at exactly
that size, overlapping by a whole card so every card is whole on some page; tiles that show
no card are left out (the page grid on each tile draws them dotted).

The page's orientation (unless the seller chose one) and where the legend goes — a strip
beside the map or a band below it — are chosen for the fewest sheets: Helix's 25 people
print on two portrait pages side by side, where landscape pages with a side legend took six.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass, replace

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QColor, QFont, QPainter, QPen

from desktop.domain.analysis import DealAnalysis
from desktop.domain.deal import Deal
from desktop.domain.enums import Influence
from desktop.palette import INFLUENCE_CARD_WIDTH, INK, MUTED_INK
from desktop.render.map.cards import CARD_HEIGHT, NAME_TINY_PX, SMALLEST_TEXT_PX
from desktop.render.map.legend import legend_size, paint_legend
from desktop.render.map.legend_strip import paint_legend_strip, strip_height
from desktop.render.map.scene import MapScene
from desktop.render.printing.choices import Orientation, PrintLayout
from desktop.render.printing.document import Page, body_rect, font, searchable
from desktop.render.printing.options import PrintOptions

# What a reader can still read: every name at least MIN_NAME_PT (a long name is drawn in a
# smaller font: the smallest name of the map decides), every other text (role badges, the
# next step, SMALLEST_TEXT_PX) at least MIN_TEXT_PT. Every scale below keeps both.
MIN_NAME_PT = 7.0
MIN_TEXT_PT = 6.0


def min_scale(name_px: float = NAME_TINY_PX) -> float:
    """Points per scene unit that keep names of ``name_px`` and every other text readable."""
    return max(MIN_NAME_PT / name_px, MIN_TEXT_PT / SMALLEST_TEXT_PX)

PRINT_MARGIN = 10.0  # scene units around the cards on a printed map
MAX_MAP_SCALE = 1.0  # points per scene unit: a small map is not blown up past this
# What two neighbouring tiles both show, in scene units: a whole card, so that every card is
# whole on at least one page, plus room to glue the pages together.
TILE_OVERLAP_X = INFLUENCE_CARD_WIDTH[Influence.HIGH] + 12
TILE_OVERLAP_Y = CARD_HEIGHT + 12
GLUE = 12.0  # scene units two tiles share at least, to glue them together
LEGEND_GAP = 10.0  # points between the map and its legend
INDEX_WIDTH = 110.0  # points: the page index beside a legend band below the map


@dataclass(frozen=True, slots=True)
class MapPlan:
    """How the map goes on paper: the scale (points per scene unit) and the tiles."""

    scale: float
    rows: int
    columns: int
    tile: QRectF  # the map area of a page, in points
    content: QRectF  # the scene area to print
    orientation: Orientation = Orientation.LANDSCAPE
    legend_below: bool = False  # the legend as a band under the map (else a strip beside)
    # Where each column's and each row's tiles start, in scene units (empty: one tile).
    lefts: tuple[float, ...] = ()
    tops: tuple[float, ...] = ()
    name_px: float = NAME_TINY_PX  # the smallest name's font on the map, scene units

    @property
    def smallest_text_pt(self) -> float:
        return SMALLEST_TEXT_PX * self.scale

    @property
    def smallest_name_pt(self) -> float:
        return self.name_px * self.scale

    def overlap_pt(self, row: int, column: int) -> tuple[float, float]:
        """Points of tile (row, column) that its right-hand and lower neighbours show again
        (where the next page's picture starts)."""
        here, right, below = (self.source(row, column), self.source(row, column + 1),
                              self.source(row + 1, column))
        return ((here.right() - right.left()) * self.scale,
                (here.bottom() - below.top()) * self.scale)

    def source(self, row: int, column: int) -> QRectF:
        """The scene rectangle on tile (row, column); neighbours overlap."""
        left = self.lefts[min(column, len(self.lefts) - 1)] if self.lefts else \
            self.content.left()
        top = self.tops[min(row, len(self.tops) - 1)] if self.tops else self.content.top()
        return QRectF(left, top, self.tile.width() / self.scale,
                      self.tile.height() / self.scale)


def plan_map(content: QRectF, area: QRectF, cards: Sequence[QRectF] | None = None,
             name_px: float = NAME_TINY_PX) -> MapPlan:
    """One page when every text stays readable (``min_scale``); else tiles at exactly that
    scale. ``name_px``: the smallest name's font on the map (the smallest possible if unsaid).

    Tiles overlap so that every card is whole on at least one page. Overlapping by a whole
    card guarantees it for any map; with the ``cards`` known, fewer tiles spread evenly over
    the map (overlapping less) are tried first and kept when every card is still whole on
    one of them — rows and columns apart, since a card is whole on a tile when its width
    fits the tile's column and its height the tile's row."""
    if content.isEmpty():
        return MapPlan(1.0, 1, 1, area, QRectF(0, 0, area.width(), area.height()),
                       name_px=name_px)
    fit = min(area.width() / content.width(), area.height() / content.height())
    smallest = min_scale(name_px)
    if fit >= smallest:
        scale = min(fit, MAX_MAP_SCALE)
        # Centre the map on the page.
        w, h = area.width() / scale, area.height() / scale
        centred = QRectF(content.center().x() - w / 2, content.center().y() - h / 2, w, h)
        return MapPlan(scale, 1, 1, area, centred, name_px=name_px)
    lefts = _starts(content.left(), content.right(), area.width() / smallest, TILE_OVERLAP_X,
                    None if cards is None else [(c.left(), c.right()) for c in cards])
    tops = _starts(content.top(), content.bottom(), area.height() / smallest, TILE_OVERLAP_Y,
                   None if cards is None else [(c.top(), c.bottom()) for c in cards])
    return MapPlan(smallest, len(tops), len(lefts), area, content, name_px=name_px,
                   lefts=lefts, tops=tops)


def _starts(begin: float, end: float, tile: float, overlap: float,
            cards: Sequence[tuple[float, float]] | None) -> tuple[float, ...]:
    """Where the tiles of ``tile`` scene units start along one axis to cover [begin, end].

    With the cards' intervals known, greedily: each next tile starts at the first card
    that the tiles so far do not hold whole (or sooner, so that neighbours always share
    GLUE) — the fewest tiles that hold every card whole somewhere. Unknown cards: tiles
    overlapping by a whole card (``overlap``), which holds any card whole."""
    if end - begin <= tile:
        return (begin,)
    if cards is None:
        count = max(1, math.ceil((end - begin - overlap) / (tile - overlap)))
        step = (end - begin - tile) / max(1, count - 1)
        return tuple(begin + i * step for i in range(count))
    ordered = sorted(cards)
    last_card = max((b for _, b in ordered), default=begin)
    starts = [begin]
    while starts[-1] + tile < last_card - 1e-6:
        reach = starts[-1] + tile
        cut = next((a for a, b in ordered if b > reach + 1e-6), reach)
        starts.append(max(starts[-1] + GLUE, min(cut, reach - GLUE)))
    if len(starts) > 1:  # the last tile ends with the map: it shows more of what it cuts
        starts[-1] = max(starts[-2] + GLUE, min(starts[-1], end - tile))
    return tuple(starts)


def choose_plan(scene: MapScene, options: PrintOptions) -> MapPlan:
    """The plan printing the fewest sheets, over the orientations allowed (the seller's
    choice, else both) and the two places for the legend; at equal sheets the larger
    scale, then the natural orientation (landscape) with the legend beside."""
    content = scene.cards_rect().adjusted(-PRINT_MARGIN, -PRINT_MARGIN, PRINT_MARGIN,
                                          PRINT_MARGIN)  # paper is dear: a thin margin
    natural = options.page_orientation(PrintLayout.MAP)
    orientations = [natural] if options.orientation is not None else \
        [natural] + [o for o in Orientation if o is not natural]
    cards = [card.sceneBoundingRect() for card in scene.cards.values()]
    name_px = min((card.name_px for card in scene.cards.values()), default=NAME_TINY_PX)
    legend_font = font(7)
    best: tuple[tuple[int, float, int], MapPlan] | None = None
    for preference, (orientation, below) in enumerate(
            (o, b) for o in orientations for b in (False, True)):
        body = body_rect(options.paper, orientation)
        if below:
            band = strip_height(legend_font, body.width() - INDEX_WIDTH - LEGEND_GAP)
            area = QRectF(0, 0, body.width(), body.height() - band - LEGEND_GAP)
        else:
            side = legend_size(legend_font, vertical=True)
            area = QRectF(0, 0, body.width() - side.width() - LEGEND_GAP, body.height())
        plan = replace(plan_map(content, area, cards, name_px), orientation=orientation,
                       legend_below=below)
        rank = (len(_tiles_with_cards(scene, plan)), -round(plan.scale, 3), preference)
        if best is None or rank < best[0]:
            best = (rank, plan)
    assert best is not None
    return best[1]


def map_pages(deal: Deal, analysis: DealAnalysis, options: PrintOptions) -> list[Page]:
    legend_font = font(7)
    scene = MapScene(indexed=False, font=searchable())
    scene.set_full_detail(True)
    scene.setBackgroundBrush(QColor("#FFFFFF"))
    scene.show_deal(deal)
    plan = choose_plan(scene, options)
    printed = _tiles_with_cards(scene, plan)
    total = len(printed)
    pages = []
    for number, (row, column) in enumerate(printed, start=1):
        label = "Map" if plan.rows * plan.columns == 1 else \
            f"Map — row {row + 1}, column {column + 1} — page {number} of {total}"
        pages.append(Page(plan.orientation, _MapTile(scene, plan, row, column, legend_font,
                                                     frozenset(printed)), label))
    return pages


def _tiles_with_cards(scene: MapScene, plan: MapPlan) -> list[tuple[int, int]]:
    """The tiles that show at least part of a card, row by row: a tile with nothing but
    the ends of lines is not worth a sheet of paper (the index marks it as left out)."""
    if plan.rows * plan.columns == 1:
        return [(0, 0)]
    # Each card's band of rows and of columns, instead of every card against every tile
    # (2,000 people on 789 tiles, for four candidate plans, took 11 s).
    rows = [plan.source(r, 0) for r in range(plan.rows)]
    columns = [plan.source(0, c) for c in range(plan.columns)]
    shown: set[tuple[int, int]] = set()
    for card in (card.sceneBoundingRect() for card in scene.cards.values()):
        hit_rows = [r for r, band in enumerate(rows)
                    if band.top() < card.bottom() and card.top() < band.bottom()]
        hit_columns = [c for c, band in enumerate(columns)
                       if band.left() < card.right() and card.left() < band.right()]
        shown.update((r, c) for r in hit_rows for c in hit_columns)
    return sorted(shown)


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
        tiled = plan.rows * plan.columns > 1
        if tiled:
            self._assembly_marks(painter)
        if plan.legend_below:
            top = plan.tile.bottom() + LEGEND_GAP
            paint_legend_strip(painter, QRectF(0, top, body.width() - INDEX_WIDTH - LEGEND_GAP,
                                               body.height() - top), self.legend_font)
            if tiled:
                self._index(painter, QRectF(body.width() - INDEX_WIDTH, top, INDEX_WIDTH,
                                            body.height() - top))
            return
        size = legend_size(self.legend_font, vertical=True)
        left = body.width() - size.width()
        paint_legend(painter, QPointF(left, 0), self.legend_font, vertical=True)
        if tiled:
            self._index(painter, QRectF(left, size.height() + 12, size.width(),
                                        body.height() - size.height() - 12))

    def _assembly_marks(self, painter: QPainter) -> None:
        """Dashed lines where the neighbouring tile's picture starts, with corner ticks:
        cut along one page's line and lay it on the other's."""
        tile = self.plan.tile
        overlap_x, overlap_y = self.plan.overlap_pt(self.row, self.column)
        before_x, _ = self.plan.overlap_pt(self.row, self.column - 1)
        _, before_y = self.plan.overlap_pt(self.row - 1, self.column)
        pen = QPen(QColor("#777777"), 0.5, Qt.PenStyle.DashLine)
        painter.setPen(pen)
        edges = []
        if self.column + 1 < self.plan.columns:
            x = tile.right() - overlap_x
            edges.append((x, tile.top(), x, tile.bottom()))
        if self.column > 0:
            x = tile.left() + before_x
            edges.append((x, tile.top(), x, tile.bottom()))
        if self.row + 1 < self.plan.rows:
            y = tile.bottom() - overlap_y
            edges.append((tile.left(), y, tile.right(), y))
        if self.row > 0:
            y = tile.top() + before_y
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
