"""Person cards on paper, for meeting preparation: at most two a page, most influential
first (for the Cards layout, only the people chosen). A card is as tall as what it says
(two short ones share a page in equal halves, as before); one that needs more than a page
goes on over the next, "continued" — nothing is ever cut."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from PySide6.QtCore import QRectF, Qt
from PySide6.QtGui import QColor, QPainter, QPen

from desktop.domain.analysis import DealAnalysis
from desktop.domain.deal import Deal
from desktop.domain.person import Person
from desktop.domain.relation import Relation
from desktop.palette import MUTED_INK
from desktop.render.printing.card_content import card_lines
from desktop.render.printing.choices import Orientation, PrintLayout
from desktop.render.printing.document import Page, body_rect, font
from desktop.render.printing.flow import Line, height_of, lines_of, paint_lines
from desktop.render.printing.options import PrintOptions

PADDING_X = 12.0
PADDING_Y = 10.0
GAP = 12.0  # between the two cards of a page
PER_PAGE = 2
MIN_LINES = 4  # a long card starts on a fresh page rather than with fewer lines at a foot


@dataclass(frozen=True, slots=True)
class _Piece:
    """A card, or the part of one that goes on one page."""

    person: Person
    lines: tuple[Line, ...]
    height: float  # of the card's box, in points
    continued: bool = False  # the rest of a card begun on an earlier page


def card_pages(deal: Deal, analysis: DealAnalysis, options: PrintOptions) -> list[Page]:
    orientation = options.page_orientation(PrintLayout.CARDS)
    body = body_rect(options.paper, orientation)
    chosen = set(options.card_people)
    people = [p for p in sorted(deal.people, key=lambda p: (-analysis.weights.get(p.id, 0.0),
                                                             p.name))
              if not chosen or p.id in chosen]
    names = {p.id: p.name for p in deal.people}
    touching: dict[str, list[Relation]] = {}
    for relation in deal.relations:
        touching.setdefault(relation.source, []).append(relation)
        touching.setdefault(relation.target, []).append(relation)
    width = body.width() - 2 * PADDING_X
    sheets: list[list[_Piece]] = []
    for person in people:
        lines = card_lines(person, touching.get(person.id, ()), names, analysis, width,
                           deal.open_actions_for(person.id))
        _place(sheets, person, lines, body.height(), width)
    return [_page(orientation, sheet) for sheet in sheets]


def _place(sheets: list[list[_Piece]], person: Person, lines: list[Line], page: float,
           width: float) -> None:
    """Add a card to the pages: beside the last page's card if there is room for all of
    it, else on a new page — over several if it needs them."""
    natural = height_of(lines) + 2 * PADDING_Y
    free_on_last = 0.0  # what the last page has left for a card beside its first
    if sheets and len(sheets[-1]) < PER_PAGE:
        free_on_last = page - sum(piece.height + GAP for piece in sheets[-1])
    if natural <= page:
        card = _Piece(person, tuple(lines), max(natural, (page - GAP) / 2))
        if card.height <= free_on_last:
            sheets[-1].append(card)
        else:
            sheets.append([card])
        return
    more = lines_of("(continued on the next page)", font(8, italic=True), width,
                    colour=MUTED_INK, space_before=4)
    header = lines_of(f"{person.name} (continued)", font(11, bold=True), width)
    inside = page - 2 * PADDING_Y
    first_room = free_on_last - 2 * PADDING_Y
    if _fitting(lines, first_room, [], more) < MIN_LINES:
        sheets.append([])
        first_room = inside
    parts: list[list[Line]] = []
    rest = list(lines)
    while rest:
        head = header if parts else []
        room = inside if parts else first_room
        if height_of(head + rest) <= room:  # the last part: no "continued" below it
            parts.append(head + rest)
            break
        take = _fitting(rest, room, head, more)
        parts.append(head + rest[:take] + more)
        rest = rest[take:]
    for number, part in enumerate(parts):
        piece = _Piece(person, tuple(part), height_of(part) + 2 * PADDING_Y, number > 0)
        if number:
            sheets.append([piece])
        else:
            sheets[-1].append(piece)


def _fitting(lines: Sequence[Line], room: float, head: list[Line], tail: list[Line]) -> int:
    """How many of ``lines``, from the first, fit ``room`` between ``head`` and ``tail``
    (at least one: a line is never cut)."""
    count = 0
    while count < len(lines) and height_of([*head, *lines[:count + 1], *tail]) <= room:
        count += 1
    return max(1, count)


def _page(orientation: Orientation, sheet: list[_Piece]) -> Page:
    def paint(painter: QPainter, rect: QRectF) -> None:
        y = 0.0
        for piece in sheet:
            painter.setPen(QPen(QColor("#999999"), 0.8))
            painter.setBrush(Qt.BrushStyle.NoBrush)
            painter.drawRoundedRect(QRectF(0, y, rect.width(), piece.height), 6, 6)
            paint_lines(painter, piece.lines, PADDING_X, y + PADDING_Y)
            y += piece.height + GAP

    label = "Person cards: " + ", ".join(
        p.person.name + (" (continued)" if p.continued else "") for p in sheet)
    return Page(orientation, paint, label)
