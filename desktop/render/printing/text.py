"""Text on printed pages: headings, wrapped paragraphs, score cells and the pages of a
table — shared by every layout, so they read alike."""

from __future__ import annotations

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QColor, QFontMetricsF, QPainter, QPen

from desktop.domain.enums import Axis
from desktop.domain.person import Person
from desktop.domain.wording import score_text
from desktop.palette import HIGHLIGHT, INK
from desktop.render.printing.choices import Orientation
from desktop.render.printing.document import Page, font
from desktop.render.printing.table import Table

WRAP = Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop | Qt.TextFlag.TextWordWrap


def score_cell(person: Person, axis: Axis) -> str:
    return score_text(person.scores[axis].value)


def table_pages(table: Table, orientation: Orientation, body: QRectF, title: str,
                 intro: str = "") -> list[Page]:
    top = 22.0
    chunks = table.pages(body.height() - top, body.height() - top)

    def painter_for(rows: range, first: bool) -> Page:
        def paint(painter: QPainter, rect: QRectF) -> None:
            painter.setFont(font(11, bold=True))
            painter.setPen(QColor(INK))
            heading = title if first else f"{title} (continued)"
            painter.drawText(QRectF(0, 0, rect.width(), 16), Qt.AlignmentFlag.AlignLeft,
                             heading)
            table.paint(painter, 0, top, rows)
        return Page(orientation, paint, title)

    return [painter_for(rows, n == 0) for n, rows in enumerate(chunks)]


def heading(painter: QPainter, y: float, width: float, text: str, *,
             left: float = 0.0) -> float:
    painter.setFont(font(10, bold=True))
    painter.setPen(QColor(INK))
    painter.drawText(QRectF(left, y, width - left, 14), Qt.AlignmentFlag.AlignLeft, text)
    painter.setPen(QPen(QColor(HIGHLIGHT), 1.0))
    painter.drawLine(QPointF(left, y + 15), QPointF(width, y + 15))
    return y + 19


def paragraph(painter: QPainter, box: QRectF, text: str, size: int, *,
               italic: bool = False, colour: str = INK) -> float:
    """Wrapped text in ``box`` (cut to its height); return the bottom of what was drawn."""
    painter.setFont(font(size, italic=italic))
    painter.setPen(QColor(colour))
    metrics = QFontMetricsF(painter.font())
    needed = metrics.boundingRect(QRectF(0, 0, box.width(), 10_000), WRAP, text)
    height = min(needed.height(), box.height())
    painter.drawText(QRectF(box.left(), box.top(), box.width(), height), WRAP, text)
    return box.top() + height
