"""Headed sections that flow from page to page: a heading, lines of text and a table whose
rows may break between pages (the header repeated, never a heading alone at a page's foot).

The brief's plan sections and the mutual action plan are as long as the deal's plan: cut to
a box guessed in advance they would lose rows silently, so they are measured first and
flowed onto as many pages as they need. Everything is measured in points before painting.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field

from PySide6.QtCore import QRectF
from PySide6.QtGui import QPainter

from desktop.palette import INK
from desktop.render.printing.choices import Orientation
from desktop.render.printing.document import Page, font
from desktop.render.printing.flow import Line, lines_of, paint_lines
from desktop.render.printing.table import Table
from desktop.render.printing.text import heading

HEADING_HEIGHT = 19.0  # as text.heading draws it
SECTION_GAP = 8.0
KEEP_WHOLE = 0.3  # a section shorter than this share of a page is kept on one page
PartPainter = Callable[[QPainter, float, float], None]  # (painter, width, top)


@dataclass(slots=True)
class Section:
    """A heading, then ``lines`` (an introduction, or "None."), then ``table``, then
    ``after`` (what was left out, said in words). ``header`` False: the table's column
    titles are left out when the table above it on the page printed the same ones
    (sections that share their columns, such as the weeks of a plan)."""

    title: str
    lines: list[Line] = field(default_factory=list)
    table: Table | None = None
    after: list[Line] = field(default_factory=list)
    header: bool = True


def text_lines(text: str, width: float, size: int = 9, *, colour: str = "",
               italic: bool = False, bold: bool = False) -> list[Line]:
    """A paragraph measured into lines for a section."""
    return lines_of(text, font(size, italic=italic, bold=bold), width, colour=colour or INK)


@dataclass(slots=True)
class _Placed:
    top: float
    paint: PartPainter


def flow(sections: Sequence[Section], height: float, first_top: float = 0.0
         ) -> list[list[_Placed]]:
    """Place ``sections`` on pages ``height`` points tall, the first page's free space
    starting at ``first_top``; returns each page's parts."""
    pages: list[list[_Placed]] = [[]]
    y = first_top
    titled: tuple[str, ...] = ()  # the column titles last printed on this page

    def new_page() -> None:
        nonlocal y, titled
        pages.append([])
        y = 0.0
        titled = ()

    def place(part_height: float, paint: PartPainter) -> None:
        nonlocal y
        pages[-1].append(_Placed(y, paint))
        y += part_height

    for section in sections:
        if pages[-1]:
            y += SECTION_GAP
        needed = _first_height(section)
        whole = section_height(section)
        if whole <= height * KEEP_WHOLE:
            needed = whole  # a short section is not split: it starts a page instead
        if y + HEADING_HEIGHT + needed > height and y > 0:
            new_page()
        place(HEADING_HEIGHT, _heading(section.title))
        for line in section.lines:
            if y + line.height > height:
                new_page()
            place(line.height, _line(line))
        table = section.table
        if table is not None and table.rows:
            room = height - y
            if room < table.header_height + table.heights[0]:
                new_page()
                room = height
            # Without its titles (they are above) the first part has that much more room.
            titles = tuple(column.title for column in table.columns)
            bonus = 0.0 if section.header or titled != titles else table.header_height
            for index, rows in enumerate(table.pages(room + bonus, height)):
                if index:
                    new_page()
                header = section.header or titled != titles
                titled = titles
                bottom = y + (table.header_height if header else 0.0) + sum(
                    table.heights[i] for i in rows)
                place(bottom - y, _rows(table, rows, header))
        for line in section.after:
            if y + line.height > height:
                new_page()
            place(line.height, _line(line))
    return pages


def section_pages(placed: list[list[_Placed]], orientation: Orientation, label: str,
                  first: Callable[[QPainter, QRectF], None] | None = None) -> list[Page]:
    """Pages painting the flowed parts; ``first`` paints the first page's own top part."""

    def page(number: int, parts: list[_Placed]) -> Page:
        def paint(painter: QPainter, rect: QRectF) -> None:
            if number == 0 and first is not None:
                first(painter, rect)
            for part in parts:
                part.paint(painter, rect.width(), part.top)
        return Page(orientation, paint, label)

    return [page(n, parts) for n, parts in enumerate(placed)]


def section_height(section: Section) -> float:
    """The height of a section's parts after its heading, printed on one page."""
    table = section.table
    rows = table.header_height + sum(table.heights) if table is not None and table.rows \
        else 0.0
    return sum(line.height for line in (*section.lines, *section.after)) + rows


def _first_height(section: Section) -> float:
    """What must follow a heading on its page: its first line or table row (with the
    table's header)."""
    if section.lines:
        return section.lines[0].height
    if section.table is not None and section.table.rows:
        return section.table.header_height + section.table.heights[0]
    return section.after[0].height if section.after else 0.0


def _heading(title: str) -> PartPainter:
    def paint(painter: QPainter, width: float, top: float) -> None:
        heading(painter, top, width, title)
    return paint


def _line(line: Line) -> PartPainter:
    def paint(painter: QPainter, width: float, top: float) -> None:
        paint_lines(painter, [line], 0.0, top)
    return paint


def _rows(table: Table, rows: range, header: bool) -> PartPainter:
    def paint(painter: QPainter, width: float, top: float) -> None:
        table.paint(painter, 0.0, top, rows, header=header)
    return paint
