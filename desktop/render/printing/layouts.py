"""The printed layouts: map (one page, or tiles when text would shrink below 6 pt), triangle,
people table, one-page deal brief and person cards. Each builds ``Page`` objects whose
painters draw in points; ``build_document`` applies the privacy choices first, so no layout
can show what the options leave out.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QColor, QFont, QFontMetricsF, QPainter, QPen

from desktop.domain.analysis import DealAnalysis, analyse
from desktop.domain.deal import Deal
from desktop.domain.enums import Axis, Influence, RelationKind
from desktop.domain.person import Person
from desktop.domain.redaction import for_output
from desktop.domain.wording import average_text, money, score_out_of_ten, score_text
from desktop.palette import (
    AXIS_COLOURS,
    HIGHLIGHT,
    INFLUENCE_CARD_WIDTH,
    INK,
    MUTED_INK,
)
from desktop.render.chart_svg import paint_chart
from desktop.render.map.cards import CARD_HEIGHT, SMALLEST_TEXT_PX
from desktop.render.map.legend import legend_size, paint_legend
from desktop.render.map.scene import MapScene
from desktop.render.printing.document import Header, Page, body_rect, font, write_pdf
from desktop.render.printing.options import Orientation, PrintLayout, PrintOptions
from desktop.render.printing.table import Column, Table
from desktop.render.triangle_figure import draw_balance_map, draw_decision_triangle

MIN_TEXT_PT = 6.0  # the smallest printed text a reader can still read
PRINT_MARGIN = 10.0  # scene units around the cards on a printed map
MAX_MAP_SCALE = 1.0  # points per scene unit: a small map is not blown up past this
# What two neighbouring tiles both show: a whole card, so that every card is whole on at
# least one page, plus room to glue the pages together.
TILE_OVERLAP_X_PT = (INFLUENCE_CARD_WIDTH[Influence.HIGH] + 12) * MIN_TEXT_PT / SMALLEST_TEXT_PX
TILE_OVERLAP_Y_PT = (CARD_HEIGHT + 12) * MIN_TEXT_PT / SMALLEST_TEXT_PX
SECTIONS = (PrintLayout.BRIEF, PrintLayout.MAP, PrintLayout.TRIANGLE, PrintLayout.PEOPLE,
            PrintLayout.CARDS)
_WRAP = Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop | Qt.TextFlag.TextWordWrap


@dataclass(frozen=True, slots=True)
class Document:
    header: Header
    pages: list[Page]
    deal: Deal  # as printed: private fields and names already handled


def build_document(deal: Deal, options: PrintOptions, today: date | None = None) -> Document:
    today = today or date.today()
    shown = for_output(deal, include_private=options.include_private,
                       anonymize=options.anonymize)
    analysis = analyse(shown, today=today)
    sections = SECTIONS if options.layout is PrintLayout.FULL else (options.layout,)
    pages: list[Page] = []
    for section in sections:
        pages += _BUILDERS[section](shown, analysis, options)
    header = Header(deal.name, deal.account, today, anonymized=options.anonymize)
    return Document(header, pages, shown)


# -- map ----------------------------------------------------------------------------------


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
    """One page when the smallest text stays ≥ 6 pt; else tiles at exactly that size."""
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
    scene = MapScene(indexed=False)
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


# -- triangle -------------------------------------------------------------------------------


def triangle_pages(deal: Deal, analysis: DealAnalysis, options: PrintOptions) -> list[Page]:
    orientation = options.page_orientation(PrintLayout.TRIANGLE)
    body = body_rect(options.paper, orientation)
    people = sorted(deal.people, key=lambda p: (-analysis.weights.get(p.id, 0.0), p.name))
    table = Table([Column("Name", 3), Column("Roles", 2), Column("Support", 1.6),
                   Column("Business", 1, right=True), Column("Technical", 1, right=True),
                   Column("Personal", 1, right=True), Column("Weight", 1, right=True)],
                  [[p.name, " ".join(r.abbreviation for r in p.roles), p.support.label,
                    *(_score(p, axis) for axis in Axis),
                    f"{analysis.weights.get(p.id, 0.0):.0%}"] for p in people],
                  body.width())
    chart_height = min(body.height() * 0.42, body.width() * 0.62)

    def charts(painter: QPainter, rect: QRectF) -> None:
        half = QRectF(0, 0, rect.width(), chart_height)
        paint_chart(painter, half, lambda ax: draw_decision_triangle(
            ax, deal.people, analysis.triangle, font_size=8.0))
        below = QRectF(0, chart_height + 8, rect.width(), chart_height)
        paint_chart(painter, below, lambda ax: draw_balance_map(
            ax, deal.people, analysis.weights, font_size=8.0))

    pages = [Page(orientation, charts, "Decision triangle and balance map")]
    pages += _table_pages(table, orientation, body, "Scores per person")
    return pages


def _score(person: Person, axis: Axis) -> str:
    return score_text(person.scores[axis].value)


def _table_pages(table: Table, orientation: Orientation, body: QRectF, title: str,
                 intro: str = "") -> list[Page]:
    top = 22.0
    chunks = table.pages(body.height() - top, body.height() - top)

    def painter_for(rows: range, first: bool) -> Page:
        def paint(painter: QPainter, rect: QRectF) -> None:
            painter.setFont(font(11, bold=True))
            painter.setPen(QColor(INK))
            heading = title if first else f"{title} (continued)"
            painter.drawText(QRectF(0, 0, rect.width(), 16), Qt.AlignmentFlag.AlignLeft,
                             heading)
            table.paint(painter, 0, top, rows)
        return Page(orientation, paint, title)

    return [painter_for(rows, n == 0) for n, rows in enumerate(chunks)]


# -- people table --------------------------------------------------------------------------


def people_pages(deal: Deal, analysis: DealAnalysis, options: PrintOptions) -> list[Page]:
    orientation = options.page_orientation(PrintLayout.PEOPLE)
    body = body_rect(options.paper, orientation)
    people = sorted(deal.people, key=lambda p: (-analysis.weights.get(p.id, 0.0), p.name))
    rows = [[p.name, p.title, " ".join(r.abbreviation for r in p.roles), p.support.label,
             p.influence.label, *(_score(p, axis) for axis in Axis),
             p.last_contact.isoformat() if p.last_contact else "", p.next_step]
            for p in people]
    table = Table([Column("Name", 2.2), Column("Title", 2.6), Column("Roles", 1.3),
                   Column("Support", 1.5), Column("Influence", 1.1),
                   Column("B", 0.45, right=True), Column("T", 0.45, right=True),
                   Column("P", 0.45, right=True), Column("Last contact", 1.4),
                   Column("Next step", 5.0)], rows, body.width())
    return _table_pages(table, orientation, body, "People")


# -- deal brief --------------------------------------------------------------------------


def brief_pages(deal: Deal, analysis: DealAnalysis, options: PrintOptions) -> list[Page]:
    orientation = options.page_orientation(PrintLayout.BRIEF)
    body = body_rect(options.paper, orientation)
    scene = MapScene(indexed=False)
    scene.set_full_detail(True)
    scene.setBackgroundBrush(QColor("#FFFFFF"))
    scene.show_deal(deal)
    scene.set_path(analysis.path_to_power or ())
    names = {p.id: p.name for p in deal.people}
    order = {"high": 0, "medium": 1, "low": 2}
    flags = sorted(analysis.flags, key=lambda f: order.get(f.severity.value, 3))[:6]
    steps = [p for p in sorted(deal.people, key=lambda p: -analysis.weights.get(p.id, 0.0))
             if p.next_step][:8]
    steps_table = Table([Column("Person", 2.2), Column("Support", 1.4),
                         Column("Next step", 6.4)],
                        [[p.name, p.support.label, p.next_step] for p in steps], body.width())

    def paint(painter: QPainter, rect: QRectF) -> None:
        width = rect.width()
        y = 0.0
        facts = [deal.stage, _money(deal), f"closes {deal.close_date.isoformat()}"
                 if deal.close_date else "", f"{len(deal.people)} people"]
        painter.setFont(font(9))
        painter.setPen(QColor(MUTED_INK))
        painter.drawText(QRectF(0, y, width, 12), Qt.AlignmentFlag.AlignLeft,
                         " · ".join(f for f in facts if f))
        y += 14
        if deal.objective:
            y = _paragraph(painter, QRectF(0, y, width, 40), f"“{deal.objective}”", 9,
                           italic=True) + 4
        content = scene.content_rect()
        aspect = content.width() / content.height() if not content.isEmpty() else 2.0
        thumb = QRectF(0, y, width, min(210.0, width / aspect))
        painter.setPen(QPen(QColor("#BBBBBB"), 0.6))
        painter.setBrush(Qt.BrushStyle.NoBrush)
        painter.drawRect(thumb)
        if not content.isEmpty():
            painter.save()
            painter.setRenderHint(QPainter.RenderHint.Antialiasing)
            painter.setClipRect(thumb)
            scene.render(painter, thumb.adjusted(2, 2, -2, -2), content,
                         Qt.AspectRatioMode.KeepAspectRatio)
            painter.restore()
        y = thumb.bottom() + 10
        chart = QRectF(0, y, width * 0.42, 190.0)
        paint_chart(painter, chart, lambda ax: draw_decision_triangle(
            ax, deal.people, analysis.triangle, font_size=7.0))
        text_left = chart.right() + 10
        text_width = width - text_left
        ty = _heading(painter, y, width, "Where the deal stands", left=text_left)
        legs = []
        for axis in Axis:
            result = analysis.triangle[axis]
            legs.append(f"{axis.label}: {average_text(result.value)} "
                        f"({result.coverage:.0%} of influence known)")
        lines = ["Deal triangle (influence-weighted):", *legs]
        if analysis.tipping_point is not None:
            lines.append(f"Tipping point: {names[analysis.tipping_point.person]} — a personal "
                         f"win of 10 would lift the deal's by "
                         f"+{analysis.tipping_point.gain:.1f}")
        if analysis.path_to_power:
            lines.append("Path to power: " + " → ".join(names[i]
                                                        for i in analysis.path_to_power))
        for line in lines:
            ty = _paragraph(painter, QRectF(text_left, ty, text_width, 30), line, 9) + 3
        y = max(chart.bottom(), ty)
        y += 6
        y = _heading(painter, y, width, f"Top red flags ({len(analysis.flags)} in all)")
        if not flags:
            y = _paragraph(painter, QRectF(0, y, width, 14), "None.", 9) + 2
        for flag in flags:
            painter.setPen(Qt.PenStyle.NoPen)
            painter.setBrush(QColor({"high": "#B2182B", "medium": "#E08214"}
                                    .get(flag.severity.value, "#777777")))
            painter.drawRect(QRectF(0, y + 3, 5, 5))
            y = _paragraph(painter, QRectF(10, y, width - 10, 28),
                           f"[{flag.severity.value}] {flag.message}", 9) + 2
        y += 6
        y = _heading(painter, y, width, "Next steps")
        chunks = steps_table.pages(rect.height() - y, rect.height())
        if steps:
            steps_table.paint(painter, 0, y, chunks[0])
        else:
            _paragraph(painter, QRectF(0, y, width, 14), "No next steps written yet.", 9)

    return [Page(orientation, paint, "Deal brief")]


def _heading(painter: QPainter, y: float, width: float, text: str, *,
             left: float = 0.0) -> float:
    painter.setFont(font(10, bold=True))
    painter.setPen(QColor(INK))
    painter.drawText(QRectF(left, y, width - left, 14), Qt.AlignmentFlag.AlignLeft, text)
    painter.setPen(QPen(QColor(HIGHLIGHT), 1.0))
    painter.drawLine(QPointF(left, y + 15), QPointF(width, y + 15))
    return y + 19


def _paragraph(painter: QPainter, box: QRectF, text: str, size: int, *,
               italic: bool = False, colour: str = INK) -> float:
    """Wrapped text in ``box`` (cut to its height); return the bottom of what was drawn."""
    painter.setFont(font(size, italic=italic))
    painter.setPen(QColor(colour))
    metrics = QFontMetricsF(painter.font())
    needed = metrics.boundingRect(QRectF(0, 0, box.width(), 10_000), _WRAP, text)
    height = min(needed.height(), box.height())
    painter.drawText(QRectF(box.left(), box.top(), box.width(), height), _WRAP, text)
    return box.top() + height


def _money(deal: Deal) -> str:
    return money(deal.amount, deal.currency)


# -- person cards --------------------------------------------------------------------------


def card_pages(deal: Deal, analysis: DealAnalysis, options: PrintOptions) -> list[Page]:
    """Two cards per page, most influential first (or the people chosen)."""
    orientation = options.page_orientation(PrintLayout.CARDS)
    chosen = set(options.people)
    people = [p for p in sorted(deal.people, key=lambda p: (-analysis.weights.get(p.id, 0.0),
                                                             p.name))
              if not chosen or p.id in chosen]
    pages = []
    for start in range(0, len(people), 2):
        pair = people[start:start + 2]

        def paint(painter: QPainter, rect: QRectF, pair: Sequence[Person] = pair) -> None:
            height = (rect.height() - 12) / 2
            for index, person in enumerate(pair):
                _person_card(painter, QRectF(0, index * (height + 12), rect.width(), height),
                             person, deal, analysis)

        label = "Person cards: " + ", ".join(p.name for p in pair)
        pages.append(Page(orientation, paint, label))
    return pages


def _person_card(painter: QPainter, box: QRectF, person: Person, deal: Deal,
                 analysis: DealAnalysis) -> None:
    painter.setPen(QPen(QColor("#999999"), 0.8))
    painter.setBrush(Qt.BrushStyle.NoBrush)
    painter.drawRoundedRect(box, 6, 6)
    inner = box.adjusted(12, 10, -12, -10)
    width = inner.width()
    x, y = inner.left(), inner.top()
    painter.setFont(font(15, bold=True))
    painter.setPen(QColor(INK))
    painter.drawText(QRectF(x, y, width, 20), Qt.AlignmentFlag.AlignLeft, person.name)
    y += 20
    subtitle = " · ".join(t for t in (person.title, person.department) if t)
    if subtitle:
        y = _paragraph(painter, QRectF(x, y, width, 14), subtitle, 9, colour=MUTED_INK) + 2
    roles = ", ".join(r.label for r in person.roles) or "no role yet"
    stance = (f"Roles: {roles}   ·   Support: {person.support.label}   ·   Influence: "
              f"{person.influence.label} ({analysis.weights.get(person.id, 0.0):.0%} of the "
              f"deal)   ·   Coverage: {person.coverage.label}   ·   Mode: "
              f"{person.mode.label if person.mode else 'unknown'}")
    y = _paragraph(painter, QRectF(x, y, width, 28), stance, 9) + 6
    for axis in Axis:
        score = person.scores[axis]
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(QColor(AXIS_COLOURS[axis]))
        painter.drawEllipse(QPointF(x + 4, y + 6), 4, 4)
        value = score_out_of_ten(score.value)
        painter.setFont(font(9, bold=True))
        painter.setPen(QColor(INK))
        painter.drawText(QRectF(x + 12, y, 140, 12), Qt.AlignmentFlag.AlignLeft,
                         f"{axis.label}: {value}")
        evidence = score.evidence or ("(private — not printed)" if score.private
                                      else "no evidence yet")
        y = _paragraph(painter, QRectF(x + 150, y, width - 150, 36),
                       f"{evidence} [{score.confidence.label}]", 8) + 4
    names = {p.id: p.name for p in deal.people}
    into = [f"{names[r.source]} ({_kind(r.kind, r.strength)})" for r in deal.relations
            if r.target == person.id and r.kind is not RelationKind.CONFLICT]
    out = [f"{names[r.target]} ({_kind(r.kind, r.strength)})" for r in deal.relations
           if r.source == person.id and r.kind is not RelationKind.CONFLICT]
    conflicts = [names[r.target if r.source == person.id else r.source] for r in deal.relations
                 if r.kind is RelationKind.CONFLICT and person.id in (r.source, r.target)]
    y += 4
    y = _paragraph(painter, QRectF(x, y, width, 26),
                   "Influenced by: " + ("; ".join(into) or "nobody on the map"), 9) + 2
    y = _paragraph(painter, QRectF(x, y, width, 26),
                   "Influences: " + ("; ".join(out) or "nobody on the map"), 9) + 2
    if conflicts:
        y = _paragraph(painter, QRectF(x, y, width, 14),
                       "In conflict with: " + "; ".join(conflicts), 9) + 2
    y += 4
    y = _paragraph(painter, QRectF(x, y, width, 40),
                   "Next step: " + (person.next_step or "none written"), 9, italic=False) + 2
    contact = person.last_contact.isoformat() if person.last_contact else "never recorded"
    y = _paragraph(painter, QRectF(x, y, width, 14), f"Last contact: {contact}", 9) + 2
    if person.notes:
        _paragraph(painter, QRectF(x, y + 2, width, inner.bottom() - y - 2),
                   "Notes: " + person.notes, 8, colour=MUTED_INK)


def _kind(kind: RelationKind, strength: int) -> str:
    if kind is RelationKind.INFLUENCE:
        return f"influence {strength}"
    return kind.label.lower()


_BUILDERS = {
    PrintLayout.BRIEF: brief_pages,
    PrintLayout.MAP: map_pages,
    PrintLayout.TRIANGLE: triangle_pages,
    PrintLayout.PEOPLE: people_pages,
    PrintLayout.CARDS: card_pages,
}


def print_pdf(deal: Deal, path: Path, options: PrintOptions,
              today: date | None = None) -> int:
    """Print ``deal`` to a PDF file (atomically); return the number of pages."""
    document = build_document(deal, options, today)
    write_pdf(path, document.pages, document.header, options.paper,
              greyscale=options.greyscale)
    return len(document.pages)
