"""A printed document: pages painted in points on any paged device — the printer, the print
preview and PDF files go through the same ``paint_document``.

Each page gets the same frame: a header (deal, account, date, "Confidential") and a footer
(what the page is, "page 3 of 6"). A page's own painter works in the body rectangle between
them, in points (1/72 inch), whatever the device's resolution.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Container, Sequence
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from PySide6.QtCore import QMarginsF, QRectF, Qt
from PySide6.QtGui import (
    QColor,
    QFont,
    QFontMetricsF,
    QImage,
    QPagedPaintDevice,
    QPageLayout,
    QPageSize,
    QPaintEngine,
    QPainter,
    QPdfWriter,
    QPen,
)

from desktop.palette import INK, MUTED_INK
from desktop.problems import Cancelled, ExportProblem
from desktop.render.atomic_file import atomic_file
from desktop.render.printing.choices import Orientation, Paper

MARGIN_MM = 12.0
HEADER_HEIGHT = 30.0  # points
FOOTER_HEIGHT = 18.0
PDF_RESOLUTION = 1200
GREY_PREVIEW_DPI = 150  # the preview's greyscale pages: pictures, sharp on screen

PagePainter = Callable[[QPainter, QRectF], None]
Progress = Callable[[int, int], bool]  # (done, total) → go on?


@dataclass(frozen=True, slots=True)
class Page:
    orientation: Orientation
    paint: PagePainter  # paints the body; the painter's unit is the point
    label: str = ""  # footer text: what this page is ("Map — row 2, column 1")


@dataclass(frozen=True, slots=True)
class Header:
    deal: str
    account: str
    printed: date
    anonymized: bool = False


# Ligatures glue letters into one glyph ("fi" → "ﬁ"), which a PDF reader then gives back as
# that one character: searching a printed "Sofia" would not find it. Off for every printed
# font; the shaping that scripts need (Arabic's required ligatures, "rlig") stays on.
_LIGATURES = ("liga", "clig", "dlig")


def searchable(base: QFont | None = None) -> QFont:
    """``base`` (or the default font) without ligatures, so a printed word reads back as
    typed; every font made from it by copying (the map's cards) keeps that."""
    result = QFont(base) if base is not None else QFont()
    for tag in _LIGATURES:
        result.setFeature(QFont.Tag(tag), 0)
    return result


def font(size: int, *, bold: bool = False, italic: bool = False) -> QFont:
    """A font ``size`` points tall on paper. Pixel size, because the painter's unit is the
    point: a point size would be scaled again by the device's resolution."""
    result = searchable()
    result.setPixelSize(size)
    result.setBold(bold)
    result.setItalic(italic)
    return result


_PAGE_SIZES = {Paper.A4: QPageSize(QPageSize.PageSizeId.A4),
               Paper.LETTER: QPageSize(QPageSize.PageSizeId.Letter)}
_ORIENTATIONS = {Orientation.PORTRAIT: QPageLayout.Orientation.Portrait,
                 Orientation.LANDSCAPE: QPageLayout.Orientation.Landscape}


def page_layout(paper: Paper, orientation: Orientation) -> QPageLayout:
    return QPageLayout(_PAGE_SIZES[paper], _ORIENTATIONS[orientation],
                       QMarginsF(MARGIN_MM, MARGIN_MM, MARGIN_MM, MARGIN_MM),
                       QPageLayout.Unit.Millimeter)


def body_rect(paper: Paper, orientation: Orientation) -> QRectF:
    """The area a page's painter gets, in points, with the origin at its top-left."""
    paint = page_layout(paper, orientation).paintRect(QPageLayout.Unit.Point)
    return QRectF(0, 0, paint.width(), paint.height() - HEADER_HEIGHT - FOOTER_HEIGHT)


def paint_document(device: QPagedPaintDevice, pages: Sequence[Page], header: Header,
                   paper: Paper, only: Container[int] | None = None, *,
                   grey_pictures: bool = False, progress: Progress | None = None) -> int:
    """Paint ``pages`` on ``device`` (a QPrinter or a QPdfWriter), each in its orientation;
    ``only``: the page numbers (from 1) wanted, the footers still count the whole document.
    ``grey_pictures``: each page as a greyscale picture — for the print preview, whose
    engine has no grey mode, so that choosing greyscale shows what the paper will show.
    ``progress`` is told (pages painted, pages to paint) after each page; when it returns
    False the painting stops with :class:`Cancelled`.
    Returns the number of pages painted."""
    numbered = [(n, page) for n, page in enumerate(pages, start=1) if only is None or n in only]
    if not numbered:
        return 0
    device.setPageLayout(page_layout(paper, numbered[0][1].orientation))
    painter = QPainter()
    if not painter.begin(device):
        named = getattr(device, "outputFileName", None) or getattr(device, "fileName", None)
        target = named() if callable(named) else ""
        raise ExportProblem(target or "The printer", "it could not be opened for painting")
    try:
        for index, (number, page) in enumerate(numbered):
            if index:
                _turn_to(device, paper, page.orientation)
                device.newPage()
            _paint_page(painter, device, page, header, number, len(pages), grey_pictures)
            if progress is not None and not progress(index + 1, len(numbered)):
                raise Cancelled
    finally:
        painter.end()
    return len(numbered)


def _turn_to(device: QPagedPaintDevice, paper: Paper, orientation: Orientation) -> None:
    """Give the next page its orientation where the device can change it between pages
    (PDF files and CUPS printers can; the print preview cannot, and then the page is
    painted turned a quarter on the paper, as a printer prints a landscape page)."""
    wanted = page_layout(paper, orientation)
    if device.pageLayout().orientation() != wanted.orientation() and _can_turn(device):
        device.setPageLayout(wanted)


def _can_turn(device: QPagedPaintDevice) -> bool:
    engine = device.paintEngine()
    return engine is not None and engine.type() is QPaintEngine.Type.Pdf


def _paint_page(painter: QPainter, device: QPagedPaintDevice, page: Page, header: Header,
                number: int, total: int, grey_picture: bool = False) -> None:
    painter.save()
    resolution = device.logicalDpiX()
    painter.scale(resolution / 72.0, resolution / 72.0)
    paint_rect = device.pageLayout().paintRect(QPageLayout.Unit.Point)
    whole = QRectF(0, 0, paint_rect.width(), paint_rect.height())
    if (whole.width() > whole.height()) != (page.orientation is Orientation.LANDSCAPE):
        # The paper kept the other orientation: paint the page turned a quarter
        # counter-clockwise, its top on the paper's left edge, as printers print landscape.
        painter.translate(0, whole.height())
        painter.rotate(-90)
        whole = QRectF(0, 0, whole.height(), whole.width())
    if grey_picture:
        painter.drawImage(whole, _grey_picture(whole, page, header, number, total))
    else:
        _paint_content(painter, whole, page, header, number, total)
    painter.restore()


def _paint_content(painter: QPainter, whole: QRectF, page: Page, header: Header,
                   number: int, total: int) -> None:
    """Header, footer and body of one page; the painter's unit is the point."""
    _paint_header(painter, whole, header)
    _paint_footer(painter, whole, page.label, number, total)
    body = QRectF(0, HEADER_HEIGHT, whole.width(),
                  whole.height() - HEADER_HEIGHT - FOOTER_HEIGHT)
    painter.save()
    painter.translate(body.topLeft())
    painter.setClipRect(QRectF(0, 0, body.width(), body.height()))
    page.paint(painter, QRectF(0, 0, body.width(), body.height()))
    painter.restore()


def _grey_picture(whole: QRectF, page: Page, header: Header, number: int,
                  total: int) -> QImage:
    scale = GREY_PREVIEW_DPI / 72.0
    image = QImage(math.ceil(whole.width() * scale), math.ceil(whole.height() * scale),
                   QImage.Format.Format_RGB32)
    image.fill(QColor("#FFFFFF"))
    inner = QPainter(image)
    inner.setRenderHint(QPainter.RenderHint.Antialiasing)
    inner.setRenderHint(QPainter.RenderHint.TextAntialiasing)
    inner.scale(scale, scale)
    _paint_content(inner, QRectF(0, 0, whole.width(), whole.height()), page, header, number,
                   total)
    inner.end()
    return image.convertToFormat(QImage.Format.Format_Grayscale8)


def _paint_header(painter: QPainter, whole: QRectF, header: Header) -> None:
    painter.setPen(QColor(INK))
    painter.setFont(font(11, bold=True))
    title = header.deal + (f" — {header.account}" if header.account else "")
    metrics = QFontMetricsF(painter.font())
    right_text = f"{header.printed.isoformat()} · Confidential"
    if header.anonymized:
        right_text = "Anonymised · " + right_text
    small = font(8)
    right_width = QFontMetricsF(small).horizontalAdvance(right_text) + 4
    title = metrics.elidedText(title, Qt.TextElideMode.ElideRight,
                               whole.width() - right_width - 12)
    painter.drawText(QRectF(0, 0, whole.width(), 18),
                     Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter, title)
    painter.setFont(small)
    painter.setPen(QColor(MUTED_INK))
    painter.drawText(QRectF(0, 0, whole.width(), 18),
                     Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter, right_text)
    painter.setPen(QPen(QColor("#999999"), 0.6))
    painter.drawLine(0, 22, int(whole.width()), 22)


def _paint_footer(painter: QPainter, whole: QRectF, label: str, number: int,
                  total: int) -> None:
    top = whole.height() - FOOTER_HEIGHT + 4
    painter.setPen(QPen(QColor("#999999"), 0.6))
    painter.drawLine(0, int(top), int(whole.width()), int(top))
    painter.setFont(font(8))
    painter.setPen(QColor(MUTED_INK))
    box = QRectF(0, top + 2, whole.width(), FOOTER_HEIGHT - 6)
    painter.drawText(box, Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter,
                     f"{label}" if label else "Deal Triangle")
    painter.drawText(box, Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter,
                     f"page {number} of {total}")


def write_pdf(path: Path, pages: Sequence[Page], header: Header, paper: Paper, *,
              greyscale: bool = False, progress: Progress | None = None) -> None:
    """Write the PDF atomically: into a temporary file renamed over ``path`` only when
    complete, so a failure leaves no half file and an existing file untouched."""
    with atomic_file(path) as target:
        writer = QPdfWriter(target)
        writer.setResolution(PDF_RESOLUTION)
        writer.setCreator("Deal Triangle")
        writer.setTitle(header.deal)
        if greyscale:
            writer.setColorModel(QPdfWriter.ColorModel.Grayscale)
        paint_document(writer, pages, header, paper, progress=progress)
        del writer  # flushes the PDF's trailer into the file
