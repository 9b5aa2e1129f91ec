"""The printed deal review (portrait): since what and when, the deal triangle over every
snapshot as a small line chart per axis, then what changed — grouped as the Review tab
groups it — and the red flags raised, still open and resolved, flowing onto as many pages as
they need (nothing is cut to a guessed box)."""

from __future__ import annotations

from dataclasses import replace
from functools import partial
from pathlib import Path

from PySide6.QtCore import QRectF, Qt
from PySide6.QtGui import QColor, QPainter

from desktop.domain.enums import Axis
from desktop.domain.flag_types import day_text
from desktop.domain.red_flags import Severity
from desktop.domain.redaction import for_output
from desktop.domain.review import Review
from desktop.domain.review_text import Entry, Group, Kind, review_groups
from desktop.domain.wording import money
from desktop.palette import INK, MUTED_INK, SEVERITY_COLOURS
from desktop.render.chart_svg import paint_chart
from desktop.render.printing.choices import Orientation, Paper
from desktop.render.printing.document import Header, Page, body_rect, font, write_pdf
from desktop.render.printing.flow import Line, Span, lines_of
from desktop.render.printing.sections import SECTION_GAP, Section, flow, section_pages
from desktop.render.review_chart import draw_axis_history

TITLE_HEIGHT = 46.0  # points: the title and the "since" line above the charts
CHART_HEIGHT = 150.0
CHART_GAP = 8.0
BULLET_WIDTH = 9.0
LABEL = "Deal review"
_INDENTS = {Kind.ITEM: 0.0, Kind.HEAD: 0.0, Kind.NONE: 0.0, Kind.DETAIL: 14.0, Kind.EVIDENCE: 14.0,
            Kind.COMMENT: 14.0}


def redacted(review: Review, *, include_private: bool) -> Review:
    """The review as paper may show it: private evidence (the personal win's by default)
    left out unless asked for — the evidence of a changed score is read from today's
    deal, so redacting it is enough."""
    if include_private:
        return review
    from desktop.domain.review import people_reviews

    shown = for_output(review.deal, include_private=False)
    return replace(review, deal=shown,
                   people=people_reviews(review.since.deal, shown, review.credit))


def review_pages(review: Review, paper: Paper) -> list[Page]:
    orientation = Orientation.PORTRAIT
    body = body_rect(paper, orientation)
    since_index = next((i for i, p in enumerate(review.history) if p.at is not None
                        and p.at == review.since.taken_at), None)

    def top(painter: QPainter, rect: QRectF) -> None:
        painter.setPen(QColor(INK))
        painter.setFont(font(14, bold=True))
        painter.drawText(QRectF(0, 0, rect.width(), 20), Qt.AlignmentFlag.AlignLeft,
                         f"Review since {review.since_text}")
        painter.setFont(font(9))
        painter.setPen(QColor(MUTED_INK))
        painter.drawText(QRectF(0, 22, rect.width(), 14), Qt.AlignmentFlag.AlignLeft,
                         _facts(review))
        width = (rect.width() - 2 * CHART_GAP) / 3
        for number, axis in enumerate(Axis):
            box = QRectF(number * (width + CHART_GAP), TITLE_HEIGHT, width, CHART_HEIGHT)
            paint_chart(painter, box, partial(draw_axis_history, history=review.history,
                                              axis=axis, since=since_index, font_size=8.0))

    sections = [_section(group, body.width()) for group in review_groups(review)]
    placed = flow(sections, body.height(), TITLE_HEIGHT + CHART_HEIGHT + SECTION_GAP)
    return section_pages(placed, orientation, LABEL, top)


def _facts(review: Review) -> str:
    deal = review.deal
    days = (review.today - review.since.taken_at.date()).days
    facts = [f"{days} day{'s' if days != 1 else ''} to {day_text(review.today)}",
             f"{len(review.history) - 1} snapshot{'s' if len(review.history) != 2 else ''}",
             f"stage {deal.stage}" if deal.stage else "",
             money(deal.amount, deal.currency) if deal.amount is not None else "",
             f"closes {day_text(deal.close_date)}" if deal.close_date else ""]
    return " · ".join(fact for fact in facts if fact)


def _section(group: Group, width: float) -> Section:
    lines: list[Line] = []
    for entry in group.entries:
        lines += _entry_lines(entry, width)
    return Section(group.title, lines)


def _entry_lines(entry: Entry, width: float) -> list[Line]:
    """An entry's wrapped lines; an item's bullet hangs left of its text, so a wrapped
    change reads as one block."""
    indent = _INDENTS[entry.kind]
    italic = entry.kind in (Kind.EVIDENCE, Kind.COMMENT, Kind.NONE)
    colour = INK
    if entry.colour:
        colour = SEVERITY_COLOURS[Severity(entry.colour)]
    elif entry.kind in (Kind.EVIDENCE, Kind.COMMENT):
        colour = MUTED_INK
    face = font(9, italic=italic, bold=entry.kind is Kind.HEAD)
    bulleted = entry.kind in (Kind.ITEM, Kind.HEAD)
    hang = BULLET_WIDTH if bulleted else 0.0
    lines = lines_of(entry.text, face, width - indent - hang, x=indent + hang, colour=colour,
                     space_before=3.0 if bulleted else 0.0)
    if bulleted and lines:
        first = lines[0]
        lines[0] = replace(first, spans=(Span(indent, "•", face, colour), *first.spans))
    return lines


def write_review_pdf(review: Review, path: Path, paper: Paper, *,
                     include_private: bool = False) -> int:
    """Write the review to ``path`` (atomically); return its number of pages."""
    shown = redacted(review, include_private=include_private)
    pages = review_pages(shown, paper)
    header = Header(shown.deal.name, shown.deal.account, shown.today)
    write_pdf(path, pages, header, paper)
    return len(pages)
