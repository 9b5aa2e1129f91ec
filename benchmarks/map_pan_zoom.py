"""Panning and zooming a zoomed-out map of 2,000 people in a real ``MapView`` (1,280 × 800,
fitted to the window): each frame timed from the input (a scroll-bar step, a wheel notch)
until Qt has painted it. Goal ≤ 33 ms a frame (30 frames a second). Baseline: the same frame
painted item by item, as it was before the zoomed-out picture."""

from __future__ import annotations

import statistics
import time

from PySide6.QtCore import QPoint, QPointF, Qt
from PySide6.QtGui import QWheelEvent
from PySide6.QtWidgets import QApplication

from benchmarks.harness import Result
from benchmarks.qt_app import application
from desktop.synthetic import arranged, synthetic_deal

PEOPLE = 2_000
FRAMES = 30


def run() -> list[Result]:
    from desktop.render.map.scene import MapScene
    from desktop.ui.panels.map_view import MapView

    app = application()
    deal = arranged(synthetic_deal(PEOPLE, relations_per_person=3, seed=5))
    scene = MapScene()
    scene.show_deal(deal)
    view = MapView(scene)
    view.resize(1280, 800)
    view.show()
    app.processEvents()
    view.fit_to_window()
    view.zoom_by(1.6)  # a little closer than the whole map: room to pan
    app.processEvents()
    viewport = view.viewport()
    bar = view.horizontalScrollBar()

    def frame(step: int) -> float:
        start = time.perf_counter()
        if step % 2:
            bar.setValue(bar.value() + (25 if step % 4 == 1 else -25))
        else:
            notch = 120 if step % 4 == 0 else -120
            centre = QPointF(viewport.width() / 2, viewport.height() / 2)
            QApplication.sendEvent(viewport, QWheelEvent(
                centre, QPointF(viewport.mapToGlobal(centre.toPoint())), QPoint(0, 0),
                QPoint(0, notch), Qt.MouseButton.NoButton, Qt.KeyboardModifier.NoModifier,
                Qt.ScrollPhase.NoScrollPhase, False))
        app.processEvents()
        return time.perf_counter() - start

    frame(0)  # the first frame makes the picture
    ours = [frame(step) for step in range(1, FRAMES + 1)]
    zoom = view.zoom_level()
    applies = view.overview.applies
    view.overview.applies = lambda _zoom: False  # type: ignore[method-assign,assignment]
    try:
        item_by_item = [frame(step) for step in range(1, 11)]
    finally:
        view.overview.applies = applies  # type: ignore[method-assign]
    view.close()
    return [Result(f"pan/zoom frame, {PEOPLE:,} people zoomed out", statistics.median(ours),
                   statistics.median(item_by_item), goal="≤ 33 ms",
                   note=f"zoom {zoom:.2f}; worst {max(ours) * 1e3:.0f} ms; baseline: "
                        "painted item by item")]
