"""The account on paper: its people × deals grid, paged down (people) and across (deals,
``DEALS_PER_PAGE`` at a time, the names repeated on every page), then the account org chart
fitted to one landscape page.

The grid is painted as the window shows it: a cell tinted by support, with the support
symbol and value and the personal-win score, so it reads in greyscale too.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from pathlib import Path

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QColor, QFontMetricsF, QPainter, QPen

from desktop.domain.accounts import AccountGrid
from desktop.domain.enums import Support
from desktop.palette import INK, MUTED_INK, SUPPORT_SYMBOLS, SUPPORT_TINTS
from desktop.render.account_chart import AccountChart, paint_chart
from desktop.render.printing.choices import Orientation, Paper
from desktop.render.printing.document import Header, Page, PagePainter, body_rect, font, write_pdf
from desktop.render.printing.layouts import refuse_too_many_pages
from desktop.render.stance_text import stance_text

DEALS_PER_PAGE = 8
WIDEST_DEAL = 110.0  # points: a deal's column when few deals share the page
NAME_SHARE, TITLE_SHARE = 0.17, 0.14  # of the page's width; the deals share the rest
ROW_HEIGHT = 12.0
HEADER_ROW = 28.0
LEGEND_HEIGHT = 16.0
PAD = 3.0
CHART_NAME_SIZE = 17  # scene units: the card's name, as on the map
LABELS_FROM = 0.22  # the chart's names are printed from this scale on (≥ 3.7 pt)


@dataclass(frozen=True, slots=True)
class _Slice:
    rows: range
    deals: range


def account_pages(grid: AccountGrid, chart: AccountChart, paper: Paper) -> list[Page]:
    """The grid's pages (people down, deals across) and the chart's page."""
    body = body_rect(paper, Orientation.LANDSCAPE)
    per_page = max(1, int((body.height() - HEADER_ROW - LEGEND_HEIGHT) // ROW_HEIGHT))
    people = len(grid.people)
    deal_starts = range(0, max(len(grid.deals), 1), DEALS_PER_PAGE)
    pages: list[Page] = []
    for start in range(0, max(people, 1), per_page):
        rows = range(start, min(start + per_page, people))
        for first in deal_starts:
            deals = range(first, min(first + DEALS_PER_PAGE, len(grid.deals)))
            part = _Slice(rows, deals)
            label = (f"People × deals — people {rows.start + 1}–{rows.stop}"
                     + (f", deals {deals.start + 1}–{deals.stop}" if len(grid.deals)
                        > DEALS_PER_PAGE else "")) if people else "People × deals"
            pages.append(Page(Orientation.LANDSCAPE, _grid_painter(grid, part), label))
    pages.append(Page(Orientation.LANDSCAPE, lambda p, r: _paint_chart_page(p, r, chart),
                      "Account org chart"))
    return pages


def _grid_painter(grid: AccountGrid, part: _Slice) -> PagePainter:
    return lambda painter, rect: _paint_grid(painter, rect, grid, part)


def write_account_pdf(grid: AccountGrid, chart: AccountChart, path: Path, paper: Paper,
                      today: date | None = None, *, max_pages: int | None = None) -> int:
    """Print the account to ``path`` (atomically); return the number of pages. More than
    ``max_pages`` is refused, with the count, before anything is painted (10,000 people
    across 50 deals is about 1,800 pages)."""
    pages = account_pages(grid, chart, paper)
    refuse_too_many_pages(path, len(pages), max_pages)
    header = Header(f"Account: {grid.account.name}", grid.account.industry,
                    today or date.today())
    write_pdf(path, pages, header, paper)
    return len(pages)


def _paint_grid(painter: QPainter, rect: QRectF, grid: AccountGrid, part: _Slice) -> None:
    width = rect.width()
    name_w, title_w = width * NAME_SHARE, width * TITLE_SHARE
    across = max(1, min(DEALS_PER_PAGE, len(grid.deals)))  # the same on every page
    deal_w = min(WIDEST_DEAL, (width - name_w - title_w) / across)
    table_w = name_w + title_w + across * deal_w
    bold, body = font(7, bold=True), font(7)
    bold_metrics, metrics = QFontMetricsF(bold), QFontMetricsF(body)
    painter.fillRect(QRectF(0, 0, table_w, HEADER_ROW), QColor("#E4E4E4"))
    painter.setPen(QColor(INK))
    painter.setFont(bold)
    top_left = Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter
    painter.drawText(QRectF(PAD, 0, name_w - 2 * PAD, HEADER_ROW), top_left, "Name")
    painter.drawText(QRectF(name_w + PAD, 0, title_w - 2 * PAD, HEADER_ROW), top_left, "Title")
    for column, d in enumerate(part.deals):
        deal = grid.deals[d]
        box = QRectF(name_w + title_w + column * deal_w + PAD, 1, deal_w - 2 * PAD,
                     HEADER_ROW - 2)
        painter.drawText(box, Qt.AlignmentFlag.AlignCenter | Qt.TextFlag.TextWordWrap,
                         _two_lines(bold_metrics, deal.name, box.width()))
    y = HEADER_ROW
    painter.setFont(body)
    for row in part.rows:
        person = grid.people[row]
        if row % 2:
            painter.fillRect(QRectF(0, y, name_w + title_w, ROW_HEIGHT), QColor("#F4F4F4"))
        painter.setPen(QColor(INK))
        painter.drawText(QRectF(PAD, y, name_w - 2 * PAD, ROW_HEIGHT), top_left,
                         metrics.elidedText(person.name, Qt.TextElideMode.ElideRight,
                                            name_w - 2 * PAD))
        painter.setPen(QColor(MUTED_INK))
        painter.drawText(QRectF(name_w + PAD, y, title_w - 2 * PAD, ROW_HEIGHT), top_left,
                         metrics.elidedText(person.title, Qt.TextElideMode.ElideRight,
                                            title_w - 2 * PAD))
        for column, d in enumerate(part.deals):
            stance = grid.stance(person.id, grid.deals[d].id)
            if stance is None:
                continue
            cell = QRectF(name_w + title_w + column * deal_w, y, deal_w, ROW_HEIGHT)
            painter.fillRect(cell.adjusted(0.5, 0.5, -0.5, -0.5),
                             QColor(SUPPORT_TINTS[stance.support]))
            painter.setPen(QColor(INK))
            painter.drawText(cell, Qt.AlignmentFlag.AlignCenter, stance_text(stance))
        y += ROW_HEIGHT
    painter.setPen(QPen(QColor("#C8C8C8"), 0.5))
    for column in range(len(part.deals) + 1):
        x = name_w + title_w + column * deal_w
        painter.drawLine(QPointF(x, 0), QPointF(x, y))
    painter.drawLine(QPointF(0, y), QPointF(table_w, y))
    _paint_legend(painter, QRectF(0, rect.height() - LEGEND_HEIGHT + 4, width, 10))


def _two_lines(metrics: QFontMetricsF, text: str, width: float) -> str:
    """``text`` as it fits two wrapped lines of ``width``; a longer name is cut with "…"."""
    box = metrics.boundingRect(QRectF(0, 0, width, 1000), Qt.TextFlag.TextWordWrap, text)
    if box.height() < 2.5 * metrics.lineSpacing():
        return text
    words = text.split()
    while len(words) > 1:
        words.pop()
        cut = " ".join(words) + " …"
        box = metrics.boundingRect(QRectF(0, 0, width, 1000), Qt.TextFlag.TextWordWrap, cut)
        if box.height() < 2.5 * metrics.lineSpacing():
            return cut
    return metrics.elidedText(text, Qt.TextElideMode.ElideRight, width)


def _paint_legend(painter: QPainter, box: QRectF) -> None:
    painter.setFont(font(7))
    x = box.left()
    for support in sorted(Support, reverse=True):
        text = f"{SUPPORT_SYMBOLS[support].value} {int(support):+d} {support.label}"
        width = QFontMetricsF(painter.font()).horizontalAdvance(text) + 8
        painter.fillRect(QRectF(x, box.top(), width, box.height()),
                         QColor(SUPPORT_TINTS[support]))
        painter.setPen(QColor(INK))
        painter.drawText(QRectF(x, box.top(), width, box.height()),
                         Qt.AlignmentFlag.AlignCenter, text)
        x += width + 4
    painter.setPen(QColor(MUTED_INK))
    painter.drawText(QRectF(x + 6, box.top(), box.right() - x - 6, box.height()),
                     Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter,
                     "PW: personal win 0–10 (? unknown). Blank: not in that deal.")


def _paint_chart_page(painter: QPainter, rect: QRectF, chart: AccountChart) -> None:
    bounds = chart.bounds
    scale = min(rect.width() / bounds.width(), rect.height() / bounds.height(), 1.0)
    painter.save()
    painter.translate(rect.left() + (rect.width() - bounds.width() * scale) / 2,
                      rect.top())
    painter.scale(scale, scale)
    painter.translate(-bounds.left(), -bounds.top())
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    paint_chart(painter, chart, bounds, name_font=font(CHART_NAME_SIZE, bold=True),
                detail_font=font(CHART_NAME_SIZE - 3), labels=scale >= LABELS_FROM)
    painter.restore()
    if scale < LABELS_FROM:
        painter.setFont(font(8))
        painter.setPen(QColor(MUTED_INK))
        painter.drawText(QRectF(0, rect.height() - 12, rect.width(), 12),
                         Qt.AlignmentFlag.AlignLeft,
                         f"{len(chart.cards):,} people: too many for names on one page — "
                         "the account window's Org chart tab shows them.")
