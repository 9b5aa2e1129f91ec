"""The mutual action plan: the page a seller hands to the customer's champion.

It lists the work both sides agreed to — week by week, who owns each action and for whom —
the decision process with its dates, and why it matters now (the compelling event). It is
written for the customer to read, so it carries nothing of the seller's own judgement: no
scores, no support or influence, no roles, no private notes or evidence, and no intended
score change (an action meant to lift someone's technical fit shows as the action alone).
Dropped actions are left out; done ones are listed briefly, as progress made together.
"""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import QRectF, Qt
from PySide6.QtGui import QColor, QPainter

from desktop.domain.actions import Action, OwnerSide
from desktop.domain.analysis import DealAnalysis
from desktop.domain.deal import Deal
from desktop.domain.plan_reading import day_text, for_whom, sections_by_week
from desktop.palette import INK, MUTED_INK, OVERDUE
from desktop.render.printing.choices import PrintLayout
from desktop.render.printing.document import Page, body_rect, font
from desktop.render.printing.options import PrintOptions
from desktop.render.printing.plan_tables import process_section
from desktop.render.printing.sections import Section, flow, section_pages, text_lines
from desktop.render.printing.table import Column, Table

TITLE_HEIGHT = 74.0  # points: the title block above the first section


def mutual_plan_pages(deal: Deal, analysis: DealAnalysis, options: PrintOptions
                      ) -> list[Page]:
    """The plan week by week, then the decision process; as many pages as it needs."""
    del analysis  # nothing of the seller's analysis goes on the customer's page
    orientation = options.page_orientation(PrintLayout.PLAN)
    body = body_rect(options.paper, orientation)
    today = options.today or date.today()
    width = body.width()
    ours = options.our_company.strip()
    sections = plan_sections(deal, width, today, ours)
    sections.append(process_section(deal, width, today, for_customer=True))

    def title(painter: QPainter, rect: QRectF) -> None:
        _paint_title(painter, rect, deal, today, ours)

    placed = flow(sections, body.height(), TITLE_HEIGHT)
    return section_pages(placed, orientation, "Mutual action plan", title)


def plan_sections(deal: Deal, width: float, today: date, ours: str = "") -> list[Section]:
    """One section per week with something due (past due first, no date and done last)."""
    result = []
    shared = [a for a in deal.actions if not a.internal]  # our homework stays ours
    for part in sections_by_week(shared, today):
        section = Section(part.title)
        if part.title == "Done":
            section.table = Table(
                [Column("Action", 7.0), Column("Owner", 3.0), Column("Completed", 2.0)],
                [[a.text, owner(deal, a, ours), day_text(a.changed)]
                 for a in part.actions],
                width)
        else:
            section.header = False  # the weeks share their columns: titled once a page
            section.table = Table(
                [Column("Action", 5.0), Column("Owner", 2.6), Column("For", 2.4),
                 Column("Due", 2.0)],
                [[a.text, owner(deal, a, ours), for_whom(deal, a), day_text(a.due)]
                 for a in part.actions], width,
                colours=[OVERDUE if part.late else "" for _a in part.actions])
        result.append(section)
    if not result:
        result.append(Section("Actions", lines=text_lines("No actions agreed yet.", width)))
    return result


def owner(deal: Deal, action: Action, ours: str = "") -> str:
    """The side as the customer reads it (their company and ours by name), then the
    owner."""
    side = {OwnerSide.CUSTOMER: deal.account or "Customer", OwnerSide.US: ours or "Our team",
            OwnerSide.PARTNER: "Partner"}[action.owner_side]
    name = deal.owner_name(action)
    return f"{side}: {name}" if name else side


def plan_title(deal: Deal, ours: str = "") -> str:
    """"Northwind Logistics × Acme Telematics — Northwind fleet telematics": the two
    companies, then what the plan is about."""
    parties = " × ".join(p for p in (deal.account, ours) if p)
    return f"{parties} — {deal.name}" if parties else deal.name


def _paint_title(painter: QPainter, rect: QRectF, deal: Deal, today: date,
                 ours: str = "") -> None:
    left = Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter
    painter.setFont(font(15, bold=True))
    painter.setPen(QColor(INK))
    painter.drawText(QRectF(0, 0, rect.width(), 20), left, "Mutual action plan")
    painter.setFont(font(11))
    painter.drawText(QRectF(0, 21, rect.width(), 16), left, painter.fontMetrics().elidedText(
        plan_title(deal, ours), Qt.TextElideMode.ElideRight, int(rect.width())))
    facts = [f"As of {day_text(today)}"]
    if deal.close_date is not None:
        facts.append(f"target decision by {day_text(deal.close_date)}")
    open_count = sum(1 for a in deal.actions if a.is_open and not a.internal)
    facts.append(f"{open_count} open action{'s' if open_count != 1 else ''}")
    painter.setFont(font(9))
    painter.setPen(QColor(MUTED_INK))
    painter.drawText(QRectF(0, 40, rect.width(), 13), left, " · ".join(facts))
    painter.drawText(QRectF(0, 53, rect.width(), 13), left,
                     "What both teams agreed to do, who owns each step, and by when.")
