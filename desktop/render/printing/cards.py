"""Person cards on paper: one person per card, everything the seller knows of them."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QColor, QPainter, QPen

from desktop.domain.analysis import DealAnalysis
from desktop.domain.deal import Deal
from desktop.domain.enums import Axis, RelationKind
from desktop.domain.person import Person
from desktop.domain.wording import score_out_of_ten
from desktop.palette import AXIS_COLOURS, INK, MUTED_INK
from desktop.render.printing.choices import PrintLayout
from desktop.render.printing.document import Page, font
from desktop.render.printing.options import PrintOptions
from desktop.render.printing.text import paragraph


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
        y = paragraph(painter, QRectF(x, y, width, 14), subtitle, 9, colour=MUTED_INK) + 2
    roles = ", ".join(r.label for r in person.roles) or "no role yet"
    stance = (f"Roles: {roles}   ·   Support: {person.support.label}   ·   Influence: "
              f"{person.influence.label} ({analysis.weights.get(person.id, 0.0):.0%} of the "
              f"deal)   ·   Coverage: {person.coverage.label}   ·   Mode: "
              f"{person.mode.label if person.mode else 'unknown'}")
    y = paragraph(painter, QRectF(x, y, width, 28), stance, 9) + 6
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
        y = paragraph(painter, QRectF(x + 150, y, width - 150, 36),
                       f"{evidence} [{score.confidence.label}]", 8) + 4
    names = {p.id: p.name for p in deal.people}
    into = [f"{names[r.source]} ({_kind(r.kind, r.strength)})" for r in deal.relations
            if r.target == person.id and r.kind is not RelationKind.CONFLICT]
    out = [f"{names[r.target]} ({_kind(r.kind, r.strength)})" for r in deal.relations
           if r.source == person.id and r.kind is not RelationKind.CONFLICT]
    conflicts = [names[r.target if r.source == person.id else r.source] for r in deal.relations
                 if r.kind is RelationKind.CONFLICT and person.id in (r.source, r.target)]
    y += 4
    y = paragraph(painter, QRectF(x, y, width, 26),
                   "Influenced by: " + ("; ".join(into) or "nobody on the map"), 9) + 2
    y = paragraph(painter, QRectF(x, y, width, 26),
                   "Influences: " + ("; ".join(out) or "nobody on the map"), 9) + 2
    if conflicts:
        y = paragraph(painter, QRectF(x, y, width, 14),
                       "In conflict with: " + "; ".join(conflicts), 9) + 2
    y += 4
    y = paragraph(painter, QRectF(x, y, width, 40),
                   "Next step: " + (person.next_step or "none written"), 9, italic=False) + 2
    contact = person.last_contact.isoformat() if person.last_contact else "never recorded"
    y = paragraph(painter, QRectF(x, y, width, 14), f"Last contact: {contact}", 9) + 2
    if person.notes:
        paragraph(painter, QRectF(x, y + 2, width, inner.bottom() - y - 2),
                   "Notes: " + person.notes, 8, colour=MUTED_INK)


def _kind(kind: RelationKind, strength: int) -> str:
    if kind is RelationKind.INFLUENCE:
        return f"influence {strength}"
    return kind.label.lower()
