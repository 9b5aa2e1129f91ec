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

from PySide6.QtCore import QLineF, QPointF, QRectF, Qt
from PySide6.QtGui import QColor, QFont, QFontMetricsF, QPainter, QPen

from desktop.domain.accounts import AccountGrid
from desktop.palette import INK, MUTED_INK

BUCKET = 2_000.0  # scene units per side of a bucket
CARD_W = 210.0  # a little narrower and lower than the org chart's slot (226 × 74)
CARD_H = 64.0
BUS_DROP = 28.0  # the line to a manager's reports runs across just below them
READABLE = 0.12  # below this scale (device pixels per scene unit) names are left out
_LINE = QColor("#8C8C8C")
_BORDER = QColor("#7A7A7A")
_FILL = QColor("#FFFFFF")


@dataclass(frozen=True, slots=True)
class ChartCard:
    person_id: str
    centre: tuple[float, float]
    name: str
    detail: str  # the title and the number of deals


@dataclass(frozen=True, slots=True)
class AccountChart:
    """The laid-out chart: cards, lines (report centre → manager centre) and buckets."""

    cards: tuple[ChartCard, ...]
    lines: tuple[tuple[int, int], ...]  # indexes into cards: (report, manager)
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
        ChartCard(p.id, places[p.id], p.name,
                  " · ".join(part for part in (p.title, _deals(deals_of[p.id])) if part))
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
    return AccountChart(cards, lines, bounds,
                        {key: tuple(value) for key, value in buckets.items()})


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
    for report, manager in chart.lines:
        if report in shown_set or manager in shown_set:
            (x1, y1), (x2, y2) = chart.cards[report].centre, chart.cards[manager].centre
            top = y2 + CARD_H / 2  # an elbow: down from the manager, across, down
            middle = top + min(BUS_DROP, max((y1 - CARD_H / 2 - top) / 2, 0.0))
            painter.drawLine(QLineF(x2, top, x2, middle))
            painter.drawLine(QLineF(x2, middle, x1, middle))
            painter.drawLine(QLineF(x1, middle, x1, y1 - CARD_H / 2))
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
        painter.drawText(QPointF(left, y - 4), name_metrics.elidedText(
            card.name, Qt.TextElideMode.ElideRight, width))
        painter.setFont(detail_font)
        painter.setPen(QColor(MUTED_INK))
        painter.drawText(QPointF(left, y + 16), detail_metrics.elidedText(
            card.detail, Qt.TextElideMode.ElideRight, width))
