"""The account org chart: the union of the reports-to lines of an account's deals, laid out
by the compact org chart (``org_chart_layout``, run by the caller: render does not import
layout) and painted as simple cards (name, title, how many deals).

The same ``paint_chart`` paints the window's page and the printed sheet. An account may
hold 10,000 people, so the cards are kept in square buckets and a paint touches only the
buckets the exposed rectangle meets; under a few pixels per card the names are left out
(they could not be read) and the cards become plain boxes.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Hashable, Mapping
from dataclasses import dataclass

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QColor, QFont, QFontMetricsF, QPainter, QPen

from desktop.domain.accounts import AccountGrid
from desktop.palette import INK, MUTED_INK

BUCKET = 2_000.0  # scene units per side of a bucket
CARD_W = 210.0  # a little narrower and lower than the org chart's slot (226 × 74)
CARD_H = 64.0
BUS_DROP = 28.0  # the line to a manager's reports runs across just below them
SIDE_GAP = 12.0  # a stacked team's line runs this far left of its cards
READABLE = 0.12  # below this scale (device pixels per scene unit) names are left out
_LINE = QColor("#8C8C8C")
_BORDER = QColor("#7A7A7A")
_FILL = QColor("#FFFFFF")


@dataclass(frozen=True, slots=True)
class ChartCard:
    person_id: str
    centre: tuple[float, float]
    name: str
    title: str
    deals: str  # "2 deals": in how many of the account's deals they take part


@dataclass(frozen=True, slots=True)
class AccountChart:
    """The laid-out chart: cards, lines (report centre → manager centre) and buckets."""

    cards: tuple[ChartCard, ...]
    lines: tuple[tuple[int, int], ...]  # indexes into cards: (report, manager)
    paths: tuple[tuple[tuple[float, float], ...], ...]  # each line's polyline, in order
    bounds: QRectF
    buckets: dict[tuple[int, int], tuple[int, ...]]

    def visible(self, rect: QRectF) -> list[int]:
        """The cards whose bucket meets ``rect`` (a few more than meet it: cheap to skip)."""
        left, top = int(rect.left() // BUCKET), int(rect.top() // BUCKET)
        right, bottom = int(rect.right() // BUCKET), int(rect.bottom() // BUCKET)
        found: list[int] = []
        for bx in range(left, right + 1):
            for by in range(top, bottom + 1):
                found.extend(self.buckets.get((bx, by), ()))
        return found


def account_chart(grid: AccountGrid,
                  places: Mapping[Hashable, tuple[float, float]]) -> AccountChart:
    """``grid``'s people as cards at ``places`` (card centres from
    ``desktop.layout.org_chart.org_chart_layout`` over the grid's reports-to lines)."""
    deals_of: dict[str, int] = defaultdict(int)
    for person_id, _deal_id in grid.cells:
        deals_of[person_id] += 1
    cards = tuple(
        ChartCard(p.id, places[p.id], p.name, p.title, _deals(deals_of[p.id]))
        for p in grid.people)
    index = {card.person_id: i for i, card in enumerate(cards)}
    lines = tuple((index[a], index[b]) for a, b in grid.reports if a in index and b in index
                  and a != b)
    buckets: dict[tuple[int, int], list[int]] = defaultdict(list)
    for i, card in enumerate(cards):
        x, y = card.centre
        buckets[(int(x // BUCKET), int(y // BUCKET))].append(i)
    if cards:
        xs = [c.centre[0] for c in cards]
        ys = [c.centre[1] for c in cards]
        bounds = QRectF(min(xs) - CARD_W / 2 - 20, min(ys) - CARD_H / 2 - 20,
                        max(xs) - min(xs) + CARD_W + 40, max(ys) - min(ys) + CARD_H + 40)
    else:
        bounds = QRectF(0, 0, CARD_W, CARD_H)
    return AccountChart(cards, lines, tuple(_paths(cards, lines)), bounds,
                        {key: tuple(value) for key, value in buckets.items()})


def _paths(cards: tuple[ChartCard, ...],
           lines: tuple[tuple[int, int], ...]) -> list[tuple[tuple[float, float], ...]]:
    """Elbows from a manager down to each report. A report stacked under a colleague
    (a team in a column) is reached from the side, along the column's left edge, so the
    line does not run through the cards above it and read as their report."""
    columns: dict[tuple[int, float], list[float]] = defaultdict(list)
    for report, manager in lines:
        x, y = cards[report].centre
        columns[(manager, round(x, 1))].append(y)
    result: list[tuple[tuple[float, float], ...]] = []
    for report, manager in lines:
        (x1, y1), (x2, y2) = cards[report].centre, cards[manager].centre
        top = y2 + CARD_H / 2
        bus = top + min(BUS_DROP, max((y1 - CARD_H / 2 - top) / 2, 0.0))
        stacked = len(columns[(manager, round(x1, 1))]) > 1
        if stacked:
            side = x1 - CARD_W / 2 - SIDE_GAP
            result.append(((x2, top), (x2, bus), (side, bus), (side, y1),
                           (x1 - CARD_W / 2, y1)))
        else:
            result.append(((x2, top), (x2, bus), (x1, bus), (x1, y1 - CARD_H / 2)))
    return result


def _deals(count: int) -> str:
    return "" if count == 0 else ("1 deal" if count == 1 else f"{count} deals")


def paint_chart(painter: QPainter, chart: AccountChart, exposed: QRectF, *,
                name_font: QFont, detail_font: QFont, labels: bool | None = None) -> None:
    """Paint the lines and cards of ``chart`` that meet ``exposed`` (scene units).
    ``labels``: whether names are painted; None decides by the painter's scale on screen
    (paper decides by the printed size of a name, which a 1,200 dpi scale hides)."""
    scale = painter.worldTransform().m11()
    shown = chart.visible(exposed.adjusted(-CARD_W, -CARD_H, CARD_W, CARD_H))
    shown_set = set(shown)
    painter.setPen(QPen(_LINE, 1.2 / max(scale, 1e-6) if scale < 1 else 1.2))
    for (report, manager), path in zip(chart.lines, chart.paths, strict=True):
        if report in shown_set or manager in shown_set:
            painter.drawPolyline([QPointF(x, y) for x, y in path])
    readable = scale >= READABLE if labels is None else labels
    painter.setBrush(_FILL)
    painter.setPen(QPen(_BORDER, 1.0))
    for i in shown:
        x, y = chart.cards[i].centre
        painter.drawRoundedRect(QRectF(x - CARD_W / 2, y - CARD_H / 2, CARD_W, CARD_H), 6, 6)
    if not readable:
        return
    name_metrics = QFontMetricsF(name_font)
    detail_metrics = QFontMetricsF(detail_font)
    for i in shown:
        card = chart.cards[i]
        x, y = card.centre
        left, width = x - CARD_W / 2 + 10, CARD_W - 20
        painter.setFont(name_font)
        painter.setPen(QColor(INK))
        painter.drawText(QPointF(left, y - 11), name_metrics.elidedText(
            card.name, Qt.TextElideMode.ElideRight, width))
        painter.setFont(detail_font)
        painter.setPen(QColor(MUTED_INK))
        for baseline, text in ((y + 8, card.title), (y + 25, card.deals)):
            painter.drawText(QPointF(left, baseline), detail_metrics.elidedText(
                text, Qt.TextElideMode.ElideRight, width))
