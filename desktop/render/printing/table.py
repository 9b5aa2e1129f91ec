"""Tables on paper: wrapped cells, rows that never split across pages, and the header row
repeated on every page. Pagination is worked out before painting (fonts are sized in points,
so the measurements are the same on every device)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from PySide6.QtCore import QRectF, Qt
from PySide6.QtGui import QColor, QFont, QFontMetricsF, QPainter, QPen

from desktop.palette import INK
from desktop.render.printing.document import font

PADDING = 3.0
MAX_LINES = 4  # a longer cell is cut with "…" rather than taking over the page
_FLAGS = Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop | Qt.TextFlag.TextWordWrap


@dataclass(frozen=True, slots=True)
class Column:
    title: str
    share: float  # of the table's width
    right: bool = False


class Table:
    """``colours``: one ink per row ("" for the usual), so an overdue action prints red."""

    def __init__(self, columns: Sequence[Column], rows: Sequence[Sequence[str]],
                 width: float, size: int = 8, colours: Sequence[str] = ()) -> None:
        self.columns = list(columns)
        self.rows = [list(row) for row in rows]
        self.colours = [*colours, *([""] * (len(self.rows) - len(colours)))]
        self.body_font = font(size)
        self.header_font = font(size, bold=True)
        total = sum(c.share for c in self.columns)
        self.widths = [width * c.share / total for c in self.columns]
        self.width = width
        metrics = QFontMetricsF(self.body_font)
        self.line_height = metrics.lineSpacing()
        self.header_height = self._height(self.header_font, [c.title for c in self.columns])
        self.heights = [self._height(self.body_font, row) for row in self.rows]

    def _height(self, cell_font: QFont, cells: Sequence[str]) -> float:
        metrics = QFontMetricsF(cell_font)
        tallest = metrics.lineSpacing()
        for text, width in zip(cells, self.widths, strict=True):
            box = metrics.boundingRect(QRectF(0, 0, width - 2 * PADDING, 10_000), _FLAGS, text)
            tallest = max(tallest, min(box.height(), MAX_LINES * metrics.lineSpacing()))
        return tallest + 2 * PADDING

    def pages(self, first_height: float, height: float) -> list[range]:
        """Rows per page: the first page has ``first_height`` for the table, the rest
        ``height``; each page repeats the header. No row is left alone on the last page:
        the page before gives it company (a lone row reads as a stray, and its header costs
        more paper than it)."""
        result: list[range] = []
        start = 0
        room = first_height - self.header_height
        used = 0.0
        for index, row_height in enumerate(self.heights):
            if used + row_height > room and index > start:
                result.append(range(start, index))
                start = index
                used = 0.0
                room = height - self.header_height
            used += row_height
        result.append(range(start, len(self.rows)))
        if len(result) > 1 and len(result[-1]) == 1 and len(result[-2]) >= 3:
            before, last = result[-2], result[-1]
            moved = self.heights[before.stop - 1] + self.heights[last.start]
            if moved <= height - self.header_height:
                result[-2:] = [range(before.start, before.stop - 1),
                               range(before.stop - 1, last.stop)]
        return result

    def fitting(self, height: float) -> range:
        """The rows, from the first, that fit ``height`` below the header (at least one):
        a table that has one page only, such as the brief's."""
        room = height - self.header_height
        used = 0.0
        for index, row_height in enumerate(self.heights):
            used += row_height
            if used > room and index > 0:
                return range(index)
        return range(len(self.rows))

    def paint(self, painter: QPainter, left: float, top: float, rows: range, *,
              header: bool = True) -> float:
        """Paint the header (unless ``header`` is False: a table continuing the columns
        of one above it on the page) and ``rows`` from (left, top); return the bottom."""
        y = top
        if header:
            y = self._paint_row(painter, left, top, [c.title for c in self.columns],
                                self.header_height, self.header_font, header=True)
        for index in rows:
            y = self._paint_row(painter, left, y, self.rows[index], self.heights[index],
                                self.body_font, shaded=index % 2 == 1,
                                ink=self.colours[index] or INK)
        return y

    def _paint_row(self, painter: QPainter, left: float, top: float, cells: Sequence[str],
                   height: float, cell_font: QFont, *, header: bool = False,
                   shaded: bool = False, ink: str = INK) -> float:
        if header or shaded:
            painter.fillRect(QRectF(left, top, self.width, height),
                             QColor("#E4E4E4" if header else "#F4F4F4"))
        painter.setFont(cell_font)
        painter.setPen(QColor(ink))
        metrics = QFontMetricsF(cell_font)
        x = left
        for column, text, width in zip(self.columns, cells, self.widths, strict=True):
            box = QRectF(x + PADDING, top + PADDING, width - 2 * PADDING, height - 2 * PADDING)
            needed = metrics.boundingRect(QRectF(0, 0, box.width(), 10_000), _FLAGS, text)
            if needed.height() > box.height() + 0.5:
                text = _cut(metrics, text, box)
            flags = _FLAGS if not column.right else (
                Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignTop)
            painter.drawText(box, flags, text)
            x += width
        painter.setPen(QPen(QColor("#C8C8C8"), 0.5))
        painter.drawLine(int(left), int(top + height), int(left + self.width), int(top + height))
        return top + height


def _cut(metrics: QFontMetricsF, text: str, box: QRectF) -> str:
    """The longest start of ``text`` (whole words, then "…") that fits ``box`` wrapped."""
    words = text.split()
    low, high = 0, len(words)
    while low < high:
        middle = (low + high + 1) // 2
        candidate = " ".join(words[:middle]) + " …"
        if metrics.boundingRect(QRectF(0, 0, box.width(), 10_000), _FLAGS,
                                candidate).height() <= box.height() + 0.5:
            low = middle
        else:
            high = middle - 1
    return " ".join(words[:low]) + " …"

