"""The portfolio's small multiples: one cell per deal — its risk, its deal triangle in
miniature (the map card's glyph), and the figures a manager reviews — painted with any
QPainter, so the window page and the one-page print draw the very same cells.

The painter's unit is whatever the device's is (pixels on screen, points on paper); text
sizes are pixel sizes derived from the cell's height, so a cell looks alike at any size.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QColor, QFont, QFontMetricsF, QPainter, QPen

from desktop.domain.flag_types import Severity, day_text
from desktop.domain.portfolio import DealStanding
from desktop.domain.wording import money, plural
from desktop.palette import INK, MUTED_INK, OVERDUE, SEVERITY_COLOURS
from desktop.render.card_painting import paint_triangle_glyph, values_glyph

RISK_HIGH = 60  # from here a deal is shown as at high risk
RISK_MEDIUM = 35
SILENT_DAYS = 30  # a key contact older than this is printed in red
# Colour and mark together: the number is always printed in the band.
RISK_COLOURS: dict[str, tuple[str, str]] = {  # level: (band, text on it)
    "high": ("#B2182B", "#FFFFFF"),
    "medium": ("#E69F00", INK),
    "low": ("#9ECAE1", INK),
}
LINES = 6  # text lines in a cell
BORDER = "#B8B8B8"
FILL = "#FFFFFF"


def risk_level(risk: int) -> str:
    return "high" if risk >= RISK_HIGH else "medium" if risk >= RISK_MEDIUM else "low"


@dataclass(frozen=True, slots=True)
class Grid:
    """Cells of one size in rows, left to right then top to bottom."""

    columns: int
    width: float
    height: float
    gap: float = 6.0
    left: float = 0.0
    top: float = 0.0

    def rect(self, index: int) -> QRectF:
        row, column = divmod(index, self.columns)
        return QRectF(self.left + column * (self.width + self.gap),
                      self.top + row * (self.height + self.gap), self.width, self.height)

    def rows(self, count: int) -> int:
        return math.ceil(count / self.columns) if count else 0

    def index_at(self, point: QPointF, count: int) -> int | None:
        """The cell under ``point`` (None: a gap or past the last cell)."""
        x, y = point.x() - self.left, point.y() - self.top
        if x < 0 or y < 0:
            return None
        column, row = int(x // (self.width + self.gap)), int(y // (self.height + self.gap))
        if column >= self.columns or x - column * (self.width + self.gap) > self.width \
                or y - row * (self.height + self.gap) > self.height:
            return None
        index = row * self.columns + column
        return index if index < count else None


@dataclass(frozen=True, slots=True)
class PageFit:
    """How many deals one page shows, and in which grid; ``hidden`` are left for "+N more"
    (which then takes the last cell)."""

    grid: Grid
    shown: int
    hidden: int


def fit_page(count: int, area: QRectF, *, smallest: tuple[float, float] = (140.0, 60.0),
             largest: tuple[float, float] = (280.0, 118.0), gap: float = 5.0) -> PageFit:
    """The grid that gives ``count`` cells the largest legible size in ``area``; when even
    ``smallest`` cells cannot hold them all, as many as fit, the last cell saying how many
    more there are."""
    capacity_columns = max(1, int((area.width() + gap) // (smallest[0] + gap)))
    capacity_rows = max(1, int((area.height() + gap) // (smallest[1] + gap)))
    capacity = capacity_columns * capacity_rows
    if count > capacity:
        grid = _grid(capacity_columns, capacity_rows, area, largest, gap)
        return PageFit(grid, capacity - 1, count - (capacity - 1))
    best: tuple[float, Grid] | None = None
    for columns in range(1, max(1, count) + 1):
        rows = math.ceil(max(1, count) / columns)
        grid = _grid(columns, rows, area, largest, gap)
        if grid.width < smallest[0] or grid.height < smallest[1]:
            continue
        scale = min(grid.width / largest[0], grid.height / largest[1])
        if best is None or scale >= best[0] - 1e-9:  # a tie: the wider row reads better
            best = (scale, grid)
    grid = best[1] if best else _grid(capacity_columns, capacity_rows, area, largest, gap)
    return PageFit(grid, count, 0)


def _grid(columns: int, rows: int, area: QRectF, largest: tuple[float, float],
          gap: float) -> Grid:
    width = min(largest[0], (area.width() - (columns - 1) * gap) / columns)
    height = min(largest[1], (area.height() - (rows - 1) * gap) / rows)
    # Keep a cell about as wide as the text needs: a tall narrow cell wastes the page.
    height = min(height, width * 0.62)
    return Grid(columns, width, height, gap, area.left(), area.top())


def cell_font(width: float, height: float, *, bold: bool = False,
              base: QFont | None = None) -> QFont:
    """The text size a cell of ``width`` × ``height`` takes (pixel size: the painter's
    unit): six lines in its height, about 26 characters across its text column."""
    font = QFont(base) if base is not None else QFont()
    font.setPixelSize(max(5, min(13, int(height / (LINES + 1.6)), int(width / 21))))
    font.setBold(bold)
    return font


def paint_cells(painter: QPainter, grid: Grid, standings: Sequence[DealStanding],
                first: int = 0, *, hidden: int = 0, base: QFont | None = None,
                visible: QRectF | None = None, selected: str | None = None) -> None:
    """Paint ``standings`` into ``grid`` from cell ``first`` on (cells outside ``visible``
    are skipped), then a "+N more" cell when ``hidden``."""
    fonts = (cell_font(grid.width, grid.height, base=base),
             cell_font(grid.width, grid.height, bold=True, base=base))
    for offset, item in enumerate(standings):
        rect = grid.rect(first + offset)
        if visible is not None and not rect.intersects(visible):
            continue
        paint_cell(painter, rect, item, fonts, selected=item.deal_id == selected)
    if hidden:
        paint_more(painter, grid.rect(first + len(standings)), hidden, fonts[0])


def paint_cell(painter: QPainter, rect: QRectF, item: DealStanding,
               fonts: tuple[QFont, QFont], *, selected: bool = False) -> None:
    """One deal: the risk band and the triangle on the left, six lines of figures."""
    plain, bold = fonts
    painter.save()
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    painter.setPen(QPen(QColor("#009E73" if selected else BORDER), 2.0 if selected else 0.8))
    painter.setBrush(QColor(FILL))
    painter.drawRoundedRect(rect, 3.0, 3.0)
    pad = max(2.0, rect.height() * 0.05)
    side = min(rect.width() * 0.3, rect.height() * 0.62)
    band = QRectF(rect.left(), rect.top(), side, rect.height() * 0.34)
    fill, ink = RISK_COLOURS[risk_level(item.risk)]
    painter.setPen(Qt.PenStyle.NoPen)
    painter.setBrush(QColor(fill))
    painter.drawRoundedRect(band, 3.0, 3.0)
    number = QFont(bold)
    number.setPixelSize(max(6, int(band.height() * 0.62)))
    painter.setFont(number)
    painter.setPen(QColor(ink))
    painter.drawText(band, Qt.AlignmentFlag.AlignCenter, str(item.risk))
    glyph_box = QRectF(rect.left() + pad, band.bottom() + pad * 0.5, side - 2 * pad,
                       rect.bottom() - band.bottom() - pad * 1.5)
    glyph_side = min(glyph_box.width(), glyph_box.height())
    painter.translate(glyph_box.center().x() - glyph_side / 2,
                      glyph_box.center().y() - glyph_side / 2)
    paint_triangle_glyph(painter, values_glyph(item.triangle.values(),
                                               QRectF(0, 0, glyph_side, glyph_side)))
    painter.restore()
    text = QRectF(rect.left() + side + pad, rect.top() + pad,
                  rect.width() - side - 2 * pad, rect.height() - 2 * pad)
    _paint_lines(painter, text, _lines(item), plain, bold)


Line = tuple[str, str | None, bool]  # text, colour (None: ink), bold


def _lines(item: DealStanding) -> list[Line]:
    where = " · ".join(part for part in (item.account, item.stage) if part)
    worth = " · ".join(part for part in (
        short_money(item.amount, item.currency),
        f"closes {day_text(item.close_date)}" if item.close_date else "") if part)
    silence = item.days_since_key_contact
    contact = ("No key contact on record" if silence is None else
               "Key contact today" if silence == 0 else
               f"Key contact {plural(silence, 'day')} ago")
    alarm = SEVERITY_COLOURS[Severity.HIGH]
    return [
        (item.name, None, True),
        (where or "No account or stage", MUTED_INK, False),
        (worth or "No amount or close date", MUTED_INK, False),
        (f"Coverage {item.coverage:.0%} of influence", None, False),
        (f"{plural(item.high_flags, 'high flag')} · {item.overdue_actions:,} overdue",
         alarm if item.high_flags or item.overdue_actions else None, False),
        (contact, OVERDUE if silence is None or silence > SILENT_DAYS else None, False),
    ]


def short_money(amount: float | None, currency: str = "") -> str:
    """``1.25M GBP``, ``420k EUR``: a cell's line has no room for every digit."""
    if amount is None:
        return ""
    for size, suffix in ((1e9, "bn"), (1e6, "M"), (1e3, "k")):
        if abs(amount) >= size:
            return f"{amount / size:.3g}{suffix} {currency}".strip()
    return money(amount, currency)


def _paint_lines(painter: QPainter, box: QRectF, lines: Sequence[Line], plain: QFont,
                 bold: QFont) -> None:
    step = box.height() / LINES
    metrics = {False: QFontMetricsF(plain), True: QFontMetricsF(bold)}
    for index, (words, colour, strong) in enumerate(lines):
        painter.setFont(bold if strong else plain)
        painter.setPen(QColor(colour or INK))
        line = QRectF(box.left(), box.top() + index * step, box.width(), step)
        shown = metrics[strong].elidedText(words, Qt.TextElideMode.ElideRight, box.width())
        painter.drawText(line, Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter,
                         shown)


def paint_more(painter: QPainter, rect: QRectF, hidden: int, font: QFont) -> None:
    """The last cell of a full page: how many deals did not fit."""
    painter.save()
    painter.setPen(QPen(QColor(BORDER), 0.8, Qt.PenStyle.DashLine))
    painter.setBrush(Qt.BrushStyle.NoBrush)
    painter.drawRoundedRect(rect, 3.0, 3.0)
    painter.setFont(font)
    painter.setPen(QColor(MUTED_INK))
    painter.drawText(rect.adjusted(4, 4, -4, -4),
                     Qt.AlignmentFlag.AlignCenter | Qt.TextFlag.TextWordWrap,
                     f"+{hidden:,} more (lower risk): print one account or stage")
    painter.restore()
