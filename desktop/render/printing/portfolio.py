"""The portfolio on one landscape page: every open deal as a small multiple, riskiest
first, for the pipeline review. However many deals there are it stays one page: the cells
shrink down to a legible size, and past that the last cell says how many more there are."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from pathlib import Path

from PySide6.QtCore import QRectF, Qt
from PySide6.QtGui import QColor, QPainter

from desktop.domain.flag_types import day_text
from desktop.domain.portfolio import DealStanding
from desktop.domain.wording import plural
from desktop.palette import INK, MUTED_INK
from desktop.render.portfolio_cells import (
    RISK_COLOURS,
    RISK_HIGH,
    RISK_MEDIUM,
    fit_page,
    paint_cells,
)
from desktop.render.printing.choices import Orientation, Paper
from desktop.render.printing.document import Header, Page, font, searchable, write_pdf

LEGEND_HEIGHT = 20.0  # points


def portfolio_page(standings: Sequence[DealStanding], today: date, scope: str = "") -> Page:
    """The page: a legend line, then the cells in risk order (``standings`` are sorted)."""

    def paint(painter: QPainter, body: QRectF) -> None:
        area = QRectF(body.left(), body.top() + LEGEND_HEIGHT, body.width(),
                      body.height() - LEGEND_HEIGHT)
        # On paper few deals get wide cells: whole names and dates, not "Helix Health cl…".
        fit = fit_page(len(standings), area, largest=(380.0, 112.0))
        _paint_legend(painter, QRectF(body.left(), body.top(), body.width(),
                                      LEGEND_HEIGHT - 4), len(standings), today)
        if not standings:
            painter.setFont(font(11))
            painter.setPen(QColor(MUTED_INK))
            painter.drawText(area, Qt.AlignmentFlag.AlignCenter,
                             "No open deals" + (f" for {scope}" if scope else "") + ".")
            return
        paint_cells(painter, fit.grid, standings[:fit.shown], hidden=fit.hidden,
                    base=searchable())

    label = ("Risk 0–100 = high red flags (up to 30) + no recent key contact (15) + overdue "
             "actions (12) + low coverage of influence (13) + weak triangle (15) + close near "
             "without backing (15)")
    return Page(Orientation.LANDSCAPE, paint, label)


def _paint_legend(painter: QPainter, rect: QRectF, count: int, today: date) -> None:
    painter.setFont(font(9, bold=True))
    painter.setPen(QColor(INK))
    title = f"{plural(count, 'open deal')}, riskiest first · as of {day_text(today)}"
    painter.drawText(rect, Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter, title)
    painter.setFont(font(8))
    keys = [("high", f"risk {RISK_HIGH}+"), ("medium", f"{RISK_MEDIUM}–{RISK_HIGH - 1}"),
            ("low", f"under {RISK_MEDIUM}")]
    x = rect.right()
    for level, words in reversed(keys):
        width = painter.fontMetrics().horizontalAdvance(words) + 4
        x -= width
        painter.setPen(QColor(MUTED_INK))
        painter.drawText(QRectF(x, rect.top(), width, rect.height()),
                         Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter, words)
        x -= 12
        painter.fillRect(QRectF(x, rect.center().y() - 4, 9, 8), QColor(RISK_COLOURS[level][0]))
        x -= 8
    painter.setPen(QColor(MUTED_INK))
    painter.drawText(QRectF(rect.left(), rect.top(), x - rect.left() - 8, rect.height()),
                     Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter,
                     "Triangle: business (top), technical (right), personal win (left)")


def write_portfolio_pdf(path: Path, standings: Sequence[DealStanding], today: date,
                        paper: Paper, scope: str = "") -> None:
    """One page, written atomically (``write_pdf``)."""
    header = Header(deal="Portfolio", account=scope, printed=today)
    write_pdf(path, [portfolio_page(standings, today, scope)], header, paper)
