"""matplotlib charts as vectors on any QPainter: the figure is written as SVG (text kept as
text) and drawn by QSvgRenderer, so a printed or PDF chart is sharp at any zoom and its
labels can be found and copied, where a bitmap would be blurred and mute."""

from __future__ import annotations

import io
from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import QByteArray, QRectF
from PySide6.QtGui import QPainter
from PySide6.QtSvg import QSvgRenderer

if TYPE_CHECKING:
    from matplotlib.axes import Axes


def chart_renderer(draw: Callable[[Axes], object], width_pt: float,
                   height_pt: float) -> QSvgRenderer:
    """Draw with ``draw(ax)`` on a figure of the given size (points) and return a renderer."""
    import matplotlib
    from matplotlib.backends.backend_svg import FigureCanvasSVG
    from matplotlib.figure import Figure

    with matplotlib.rc_context({"svg.fonttype": "none", "svg.hashsalt": "deal-triangle"}):
        # Constrained layout keeps the axis labels inside the figure, so nothing is cut.
        figure = Figure(figsize=(width_pt / 72.0, height_pt / 72.0), dpi=72,
                        layout="constrained")
        FigureCanvasSVG(figure)
        ax = figure.add_subplot()
        draw(ax)
        buffer = io.BytesIO()
        figure.savefig(buffer, format="svg")
    return QSvgRenderer(QByteArray(buffer.getvalue()))


def paint_chart(painter: QPainter, target: QRectF, draw: Callable[[Axes], object]) -> None:
    renderer = chart_renderer(draw, target.width(), target.height())
    renderer.render(painter, target)
