"""The decision triangle and the balance map on one page, then everybody's scores."""

from __future__ import annotations

from PySide6.QtCore import QRectF
from PySide6.QtGui import QPainter

from desktop.domain.analysis import DealAnalysis
from desktop.domain.deal import Deal
from desktop.domain.enums import Axis
from desktop.render.chart_svg import paint_chart
from desktop.render.printing.choices import PrintLayout
from desktop.render.printing.document import Page, body_rect
from desktop.render.printing.options import PrintOptions
from desktop.render.printing.table import Column, Table
from desktop.render.printing.text import score_cell, table_pages
from desktop.render.triangle_figure import draw_balance_map, draw_decision_triangle


def triangle_pages(deal: Deal, analysis: DealAnalysis, options: PrintOptions) -> list[Page]:
    orientation = options.page_orientation(PrintLayout.TRIANGLE)
    body = body_rect(options.paper, orientation)
    people = sorted(deal.people, key=lambda p: (-analysis.weights.get(p.id, 0.0), p.name))
    table = Table([Column("Name", 3), Column("Roles", 2), Column("Support", 1.6),
                   Column("Business", 1, right=True), Column("Technical", 1, right=True),
                   Column("Personal", 1, right=True), Column("Weight", 1, right=True)],
                  [[p.name, " ".join(r.abbreviation for r in p.roles), p.support.label,
                    *(score_cell(p, axis) for axis in Axis),
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
    pages += table_pages(table, orientation, body, "Scores per person")
    return pages
