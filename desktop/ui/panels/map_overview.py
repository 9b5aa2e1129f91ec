"""The zoomed-out map as one picture: level of detail for big maps.

Below the zoom where a card's text is too small to read, a card is only its colours and a
line only its stroke — yet painting 2,000 cards and 6,000 lines item by item costs ~120 ms a
frame, most of it Python calls. So the view paints the whole map once into a picture and
each frame of a pan or a zoom is one scaled blit. The picture is drawn in batches
(``desktop/render/map/overview.py``), not item by item. The picture follows the scene: the rects
the scene reports as changed (a score edit repaints one card, a selection two) are painted
again into the picture; many changes at once, or content that grew, make it paint afresh on
the next frame. During a drag it stands still (the drag has its own picture) and is painted
afresh after the drop.
"""

from __future__ import annotations

import math

from PySide6.QtCore import QRectF
from PySide6.QtGui import QImage, QPainter

from desktop.render.map.cards import PersonCard
from desktop.render.map.lines import RelationLine
from desktop.render.map.overview import paint_overview
from desktop.render.map.scene import MapScene
from desktop.render.map.style import DETAIL_LOD

MAX_PIXELS = 8_000_000  # ~32 MB: enough for a sharp overview of any map on any screen
OVERSAMPLE = 1.5  # picture pixels per screen pixel when made: a few zoom steps stay sharp
REGION_LIMIT = 64  # more changed rects than this in one turn: paint the picture afresh


class OverviewPicture:
    def __init__(self, scene: MapScene) -> None:
        self.scene = scene
        self.image: QImage | None = None
        self.source = QRectF()  # the part of the scene the picture shows
        self.scale = 0.0  # picture pixels per scene unit
        self.frozen = False
        self._stale = False
        self.renders = 0  # whole pictures made (tests check that edits do not make one)
        scene.changed.connect(self._changed)

    @staticmethod
    def applies(zoom: float) -> bool:
        return zoom < DETAIL_LOD

    def picture(self, zoom: float) -> QImage:
        """The picture for a view at ``zoom`` (device pixels per scene unit), made or made
        again when missing, stale, or too coarse or too fine for this zoom."""
        content = self.scene.content_rect()
        wanted = self._scale_for(zoom, content)
        if (self.image is None or self._stale or content != self.source
                or wanted > self.scale * 1.05 or wanted < self.scale / 3):
            self._render_all(content, wanted)
        assert self.image is not None
        return self.image

    def invalidate(self) -> None:
        self._stale = True

    def freeze(self) -> None:
        """Stop following changes (a drag); the picture is made afresh when thawed."""
        self.frozen = True

    def thaw(self) -> None:
        if self.frozen:
            self.frozen = False
            self._stale = True

    def _scale_for(self, zoom: float, content: QRectF) -> float:
        scale = min(zoom * OVERSAMPLE, DETAIL_LOD * 0.999)  # stay below the detail level
        area = content.width() * content.height()
        if area > 0:
            scale = min(scale, (MAX_PIXELS / area) ** 0.5)
        return max(scale, 1e-4)

    def _render_all(self, content: QRectF, scale: float) -> None:
        self.source = QRectF(content)
        self.scale = scale
        self._stale = False
        width = max(1, int(content.width() * scale) + 1)
        height = max(1, int(content.height() * scale) + 1)
        self.image = QImage(width, height, QImage.Format.Format_RGB32)
        self._render(content, whole=True)
        self.renders += 1

    def _render(self, region: QRectF, *, whole: bool = False) -> None:
        """Paint ``region`` of the scene into the picture (a part of it, or all)."""
        image = self.image
        if image is None or region.isEmpty():
            return
        region = region.intersected(self.source)
        if region.isEmpty():
            return
        # Whole picture pixels, so a painted-again part meets its surroundings without seams.
        source, scale = self.source, self.scale
        left = math.floor((region.left() - source.left()) * scale)
        top = math.floor((region.top() - source.top()) * scale)
        right = math.ceil((region.right() - source.left()) * scale)
        bottom = math.ceil((region.bottom() - source.top()) * scale)
        target = QRectF(left, top, right - left, bottom - top)
        region = QRectF(source.left() + left / scale, source.top() + top / scale,
                        (right - left) / scale, (bottom - top) / scale)
        scene = self.scene
        if whole:
            cards: list[PersonCard] = list(scene.cards.values())
            lines: list[RelationLine] = list(scene.lines.values())
        else:
            found = scene.items(region)
            cards = [item for item in found if isinstance(item, PersonCard)]
            lines = [item for item in found if isinstance(item, RelationLine)]
        painter = QPainter(image)
        try:
            painter.setRenderHint(QPainter.RenderHint.Antialiasing)
            painter.setClipRect(target)
            painter.fillRect(target, scene.backgroundBrush())
            painter.translate(-source.left() * scale, -source.top() * scale)
            painter.scale(scale, scale)
            paint_overview(painter, cards, lines)
        finally:
            painter.end()

    def _changed(self, regions: list[QRectF]) -> None:
        if self.image is None or self._stale:
            return
        if self.frozen or len(regions) > REGION_LIMIT:
            self._stale = True
            return
        for region in regions:
            if not self.source.contains(region) and not region.isEmpty():
                self._stale = True  # the map grew: the picture must show more
                return
        for region in regions:
            self._render(region.adjusted(-2.0, -2.0, 2.0, 2.0))
