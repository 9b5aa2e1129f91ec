"""The legend strip under the map (View ▸ Show legend): as tall as its entries need at the
map's width, never over a card."""

from __future__ import annotations

import math

from PySide6.QtCore import QRectF, QSize
from PySide6.QtGui import QColor, QFont, QPainter, QPaintEvent, QResizeEvent
from PySide6.QtWidgets import QSizePolicy, QWidget

from desktop.render.map.legend_strip import paint_legend_strip, strip_height


class MapLegend(QWidget):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("map_legend")
        self.setAccessibleName("Map legend")
        self.setToolTip("A card's border is wider and bolder the more influence the person "
                        "has; its colour and symbol say their support.")
        self.legend_font = QFont(self.font())
        self.legend_font.setPointSizeF(max(7.5, self.legend_font.pointSizeF() - 1.0))
        self.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Fixed)
        self.setFixedHeight(self._height_for(600))

    def _height_for(self, width: int) -> int:
        return math.ceil(strip_height(self.legend_font, float(max(width, 200))))

    def sizeHint(self) -> QSize:
        return QSize(600, self._height_for(600))

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        wanted = self._height_for(event.size().width())
        if wanted != self.height():
            self.setFixedHeight(wanted)

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        painter.fillRect(self.rect(), QColor("#F4F4F0"))
        painter.setPen(QColor("#DDDDD5"))
        painter.drawLine(0, 0, self.width(), 0)
        paint_legend_strip(painter, QRectF(self.rect()), self.legend_font)
        painter.end()
