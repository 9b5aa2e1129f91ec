"""The people table on paper: everybody, their stance and scores, and their next step."""

from __future__ import annotations

from desktop.domain.analysis import DealAnalysis
from desktop.domain.deal import Deal
from desktop.domain.enums import Axis
from desktop.render.printing.choices import PrintLayout
from desktop.render.printing.document import Page, body_rect
from desktop.render.printing.options import PrintOptions
from desktop.render.printing.table import Column, Table
from desktop.render.printing.text import score_cell, table_pages


def people_pages(deal: Deal, analysis: DealAnalysis, options: PrintOptions) -> list[Page]:
    orientation = options.page_orientation(PrintLayout.PEOPLE)
    body = body_rect(options.paper, orientation)
    people = sorted(deal.people, key=lambda p: (-analysis.weights.get(p.id, 0.0), p.name))
    rows = [[p.name, p.title, " ".join(r.abbreviation for r in p.roles), p.support.label,
             p.influence.label, *(score_cell(p, axis) for axis in Axis),
             p.last_contact.isoformat() if p.last_contact else "",
             step.text if (step := deal.next_action(p.id)) is not None else ""]
            for p in people]
    table = Table([Column("Name", 2.2), Column("Title", 2.6), Column("Roles", 1.3),
                   Column("Support", 1.5), Column("Influence", 1.1),
                   Column("B", 0.45, right=True), Column("T", 0.45, right=True),
                   Column("P", 0.45, right=True), Column("Last contact", 1.4),
                   Column("Next step", 5.0)], rows, body.width())
    return table_pages(table, orientation, body, "People")
