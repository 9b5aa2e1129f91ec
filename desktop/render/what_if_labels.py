"""The what-if's figures ("→ 6.5") beside the projected triangle's corners, placed when the
chart is drawn.

Why at draw time: the axis ticks ("5", "10"), today's figures and the triangle's rim sit a
fixed distance in points from their corners, but how far apart those are on screen depends on
the size the chart is drawn at (a window, a PDF page). A fixed offset put "→ 5.8" on the
"10" tick at the personal-win corner and "→ 6.5" on the rim at technical fit. So each figure
is measured with the renderer about to draw it and put at the nearest place around its point
that overlaps no text (ticks, captions, today's figures, another projected figure), no
marker and no side of the rim; crossing a drawn line inside the triangle (an axis, a side of
today's or the projected triangle) only costs, so a free spot is preferred to one across a
line. The spot the chart used to use comes first, so an uncrowded chart looks as before.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

import numpy as np
from matplotlib.artist import Artist
from matplotlib.lines import Line2D

if TYPE_CHECKING:
    from matplotlib.axes import Axes
    from matplotlib.backend_bases import RendererBase
    from matplotlib.text import Text

Point = tuple[float, float]
Segment = tuple[Point, Point]
Box = tuple[float, float, float, float]  # x0, y0, x1, y1 in display pixels
_DISTANCES = (5.0, 9.0, 14.0, 20.0, 28.0, 38.0)  # points from the corner, nearest first
_DIRECTIONS = 24  # around the corner, every 15°
_BESIDE = 2  # the first rings are beside the corner; a figure further out gets a leader


@dataclass(slots=True)
class Figure:
    """One projected figure: its text, its corner (data coordinates), the direction
    (degrees) it would rather go, and the thin line back to its corner when it had to go
    further than beside it."""

    text: Text
    point: Point
    prefer_deg: float
    leader: Line2D


class WhatIfLabels(Artist):
    """An invisible artist drawn before the others in its axes that places the figures.

    ``hard``: segments no figure may touch (the rim); ``soft``: segments a figure had rather
    not cross (axes, today's and the projected sides); ``markers``: points with their
    radius in points that no figure may cover. Every other text in the axes is an obstacle.
    """

    def __init__(self, ax: Axes, *, hard: Sequence[Segment], soft: Sequence[Segment],
                 markers: Sequence[tuple[Point, float]]) -> None:
        super().__init__()
        self.ax = ax
        self.hard = list(hard)
        self.soft = list(soft)
        self.markers = list(markers)
        self.figures: list[Figure] = []
        self.set_zorder(-100.0)
        self.set_in_layout(False)
        ax.add_artist(self)

    def add(self, text: Text, point: Point, prefer_deg: float) -> None:
        text.set_in_layout(False)
        leader = Line2D([], [], color=text.get_color(), linewidth=0.7, zorder=7.7,
                        solid_capstyle="round")
        leader.set_in_layout(False)
        self.ax.add_line(leader)
        self.figures.append(Figure(text, point, prefer_deg, leader))

    def draw(self, renderer: RendererBase) -> None:
        if not self.get_visible():
            return
        points = float(np.asarray(renderer.points_to_pixels(1.0)))
        to_display = self.ax.transData.transform
        mine = {id(f.text) for f in self.figures}
        taken: list[Box] = [_box(t.get_window_extent(renderer), 1.5 * points)
                            for t in self.ax.texts if id(t) not in mine and t.get_visible()]
        for centre, radius in self.markers:
            x, y = (float(v) for v in to_display(centre))
            r = (radius + 1.0) * points
            taken.append((x - r, y - r, x + r, y + r))
        hard = [_display(s, to_display) for s in self.hard]
        soft = [_display(s, to_display) for s in self.soft]
        frame = self.ax.bbox.extents
        for figure in self.figures:
            figure.text.set_position(figure.point)
            extent = figure.text.get_window_extent(renderer)
            width, height = extent.width, extent.height
            px, py = (float(v) for v in to_display(figure.point))
            best: tuple[int, int, int] | None = None
            best_box: Box | None = None
            candidates = _candidates(px, py, width, height, points, figure.prefer_deg)
            for rank, box in enumerate(candidates):
                padded = _grow(box, 1.0 * points)
                outside = not (frame[0] <= box[0] and box[2] <= frame[2]
                               and frame[1] <= box[1] and box[3] <= frame[3])
                clash = (sum(_overlap(padded, t) for t in taken)
                         + sum(_crosses(padded, s) for s in hard) + outside)
                cost = (clash, sum(_crosses(box, s) for s in soft), rank)
                if best is None or cost < best:
                    best, best_box = cost, box
                if cost[:2] == (0, 0):
                    break
            assert best_box is not None
            corner = self.ax.transData.inverted().transform((best_box[0], best_box[1]))
            figure.text.set_horizontalalignment("left")
            figure.text.set_verticalalignment("bottom")
            figure.text.set_position((float(corner[0]), float(corner[1])))
            far = best is not None and best[2] >= _BESIDE * _DIRECTIONS
            figure.leader.set_data(*_leader(figure.point, best_box, to_display,
                                            self.ax.transData.inverted().transform)
                                   if far else ([], []))
            taken.append(_grow(best_box, 1.5 * points))
        self.stale = False


def _leader(point: Point, box: Box, to_display: Any,
            to_data: Any) -> tuple[list[float], list[float]]:
    """From the corner to the nearest point of the figure's box, in data coordinates."""
    px, py = (float(v) for v in to_display(point))
    nx, ny = min(max(px, box[0]), box[2]), min(max(py, box[1]), box[3])
    end = to_data((nx, ny))
    return [point[0], float(end[0])], [point[1], float(end[1])]


def _candidates(px: float, py: float, width: float, height: float, points: float,
                prefer_deg: float) -> list[Box]:
    """Boxes around (px, py): nearest ring first, on each ring the preferred direction first
    and then alternately either side of it. A box touches the ring at its nearest edge."""
    order = [0]
    for step in range(1, _DIRECTIONS // 2 + 1):
        order += [step, -step] if step < _DIRECTIONS // 2 else [step]
    found = []
    for distance in _DISTANCES:
        d = distance * points
        for step in order:
            angle = math.radians(prefer_deg + step * 360.0 / _DIRECTIONS)
            ux, uy = math.cos(angle), math.sin(angle)
            cx = px + d * ux + width / 2 * ux
            cy = py + d * uy + height / 2 * uy
            found.append((cx - width / 2, cy - height / 2, cx + width / 2, cy + height / 2))
    return found


def _box(extent: object, pad: float) -> Box:
    x0, y0, x1, y1 = (float(v) for v in extent.extents)  # type: ignore[attr-defined]
    return x0 - pad, y0 - pad, x1 + pad, y1 + pad


def _grow(box: Box, pad: float) -> Box:
    return box[0] - pad, box[1] - pad, box[2] + pad, box[3] + pad


def _display(segment: Segment, to_display: object) -> Segment:
    a, b = (to_display(p) for p in segment)  # type: ignore[operator]
    return (float(a[0]), float(a[1])), (float(b[0]), float(b[1]))


def _overlap(a: Box, b: Box) -> int:
    return int(a[0] < b[2] and b[0] < a[2] and a[1] < b[3] and b[1] < a[3])


def _crosses(box: Box, segment: Segment) -> int:
    """1 when the segment passes through the box (Liang–Barsky clipping)."""
    (x0, y0), (x1, y1) = segment
    dx, dy = x1 - x0, y1 - y0
    low, high = 0.0, 1.0
    for p, q in ((-dx, x0 - box[0]), (dx, box[2] - x0), (-dy, y0 - box[1]),
                 (dy, box[3] - y0)):
        if p == 0.0:
            if q < 0.0:
                return 0
            continue
        t = q / p
        if p < 0.0:
            low = max(low, t)
        else:
            high = min(high, t)
        if low > high:
            return 0
    return 1
