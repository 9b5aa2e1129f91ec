"""The map as a picture file: SVG (vectors, text kept as text) or PNG at a chosen DPI.
Same scene, same render call as the screen and the printer; written atomically."""

from __future__ import annotations

import math
from pathlib import Path

from PySide6.QtCore import QByteArray, QRectF, QSize, Qt
from PySide6.QtGui import QColor, QImage, QImageWriter, QPainter
from PySide6.QtSvg import QSvgGenerator

from desktop.domain.deal import Deal
from desktop.problems import ExportProblem
from desktop.render.atomic_file import atomic_file
from desktop.render.map.scene import MapScene

SCREEN_DPI = 96.0  # a scene unit is one pixel at 100 % zoom: 1/96 inch
MAX_PNG_PIXELS = 400_000_000  # ~1.6 GB of memory: a larger request is refused, not tried


def _scene(deal: Deal) -> MapScene:
    scene = MapScene(indexed=False)
    scene.set_full_detail(True)
    scene.setBackgroundBrush(QColor("#FFFFFF"))
    scene.show_deal(deal)
    return scene


def png_size(content: QRectF, dpi: float) -> QSize:
    """Pixels for the map at ``dpi``: a scene unit is 1/96 inch (as on a standard screen)."""
    scale = dpi / SCREEN_DPI
    return QSize(max(1, math.ceil(content.width() * scale)),
                 max(1, math.ceil(content.height() * scale)))


def largest_dpi(content: QRectF) -> int:
    """The highest whole dpi at which this map's picture stays within ``MAX_PNG_PIXELS``."""
    area = max(content.width(), 1.0) * max(content.height(), 1.0)
    dpi = int(SCREEN_DPI * math.sqrt(MAX_PNG_PIXELS / area))
    while dpi > 1:
        size = png_size(content, dpi)
        if size.width() * size.height() <= MAX_PNG_PIXELS:
            return dpi
        dpi -= 1
    return 1


def export_png(deal: Deal, path: Path, dpi: float = 192.0, *, greyscale: bool = False) -> QSize:
    scene = _scene(deal)
    content = scene.content_rect()
    size = png_size(content, dpi)
    if size.width() * size.height() > MAX_PNG_PIXELS:
        largest = largest_dpi(content)
        raise ExportProblem(path, f"{size.width()} × {size.height()} pixels at {dpi:g} dpi is "
                            f"too large; this map can be exported at up to {largest} dpi")
    image = QImage(size, QImage.Format.Format_ARGB32_Premultiplied)
    image.fill(QColor("#FFFFFF"))
    dots_per_metre = round(dpi / 0.0254)
    image.setDotsPerMeterX(dots_per_metre)
    image.setDotsPerMeterY(dots_per_metre)
    painter = QPainter(image)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    painter.setRenderHint(QPainter.RenderHint.TextAntialiasing)
    scene.render(painter, QRectF(0, 0, size.width(), size.height()), content,
                 Qt.AspectRatioMode.KeepAspectRatio)
    painter.end()
    if greyscale:
        image = image.convertToFormat(QImage.Format.Format_Grayscale8)
    with atomic_file(path) as target:
        if not QImageWriter(target, QByteArray(b"png")).write(image):
            raise ExportProblem(path, "the image could not be encoded")
    return size


def export_svg(deal: Deal, path: Path) -> None:
    scene = _scene(deal)
    content = scene.content_rect()
    with atomic_file(path) as target:
        generator = QSvgGenerator()
        generator.setOutputDevice(target)
        generator.setSize(QSize(math.ceil(content.width()), math.ceil(content.height())))
        generator.setViewBox(QRectF(0, 0, content.width(), content.height()))
        generator.setTitle(deal.name)
        generator.setDescription("Stakeholder map drawn by Deal Triangle")
        painter = QPainter()
        if not painter.begin(generator):
            raise ExportProblem(path, "the SVG could not be started")
        scene.render(painter, QRectF(0, 0, content.width(), content.height()), content)
        painter.end()

