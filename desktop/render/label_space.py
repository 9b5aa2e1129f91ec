"""Where a name may go on a chart: what is taken, in display pixels, and the choice of a
free place for one more name. Pure numpy, no matplotlib, so it can be tested on its own.

A name goes beside its point if there is room (right first, then left, above, below, the
corners); if not, further out on rings around the point, with a leader line back to it. A
place must lie in the allowed region and overlap no marker, no caption, no name already
placed and no leader line, and its leader may cross no name and no caption; among the free
places the nearest wins, and a leader that crosses markers or other leaders costs more. A
name that must be shown takes the least bad place when no place is free.

The markers are rasterised once per draw (one cell per point) and summed, so how much of a
box they cover is four look-ups, whatever their number: checked box against box, a
2,000-person balance map took seconds to label.
"""

from __future__ import annotations

import math

import numpy as np
from numpy.typing import NDArray

Boxes = NDArray[np.float64]  # (n, 4): x0, y0, x1, y1 in display pixels (y up)
Leader = tuple[float, float, float, float]
_ANGLES = np.radians(np.arange(0.0, 360.0, 15.0))
# Beside the point, in order of preference: right, left, above, below, then the corners.
_BESIDE = ((1.0, 0.0), (-1.0, 0.0), (0.0, 1.0), (0.0, -1.0),
           (1.0, 1.0), (-1.0, 1.0), (1.0, -1.0), (-1.0, -1.0))
_BATCH = 2 * len(_ANGLES)  # free places further out weighed at a time (about two rings)


class Coverage:
    """Boxes painted on a grid of ``cell``-sized squares over ``frame``, with the summed
    table that answers "how many covered cells in this box" in constant time."""

    def __init__(self, boxes: Boxes, frame: Boxes, cell: float) -> None:
        self.origin = frame[:2]
        self.cell = cell
        self.width = max(1, math.ceil((frame[2] - frame[0]) / cell))
        self.height = max(1, math.ceil((frame[3] - frame[1]) / cell))
        x0, y0, x1, y1 = self._cells(boxes).T
        change = np.zeros((self.height + 1, self.width + 1), dtype=np.int32)
        np.add.at(change, (y0, x0), 1)
        np.add.at(change, (y0, x1), -1)
        np.add.at(change, (y1, x0), -1)
        np.add.at(change, (y1, x1), 1)
        self.covered = change.cumsum(axis=0).cumsum(axis=1)[:-1, :-1] > 0
        self.table = np.zeros((self.height + 1, self.width + 1), dtype=np.int64)
        self.table[1:, 1:] = self.covered.cumsum(axis=0).cumsum(axis=1)

    def _cells(self, boxes: Boxes, *, outwards: bool = True) -> NDArray[np.intp]:
        """Box edges as cell indices: what is taken is rounded outwards, what is asked
        about inwards, so rounding never costs a name a place its padding leaves free."""
        scaled = (boxes.reshape(-1, 4) - np.tile(self.origin, 2)) / self.cell
        low = np.floor(scaled[:, :2]) if outwards else np.ceil(scaled[:, :2])
        high = np.ceil(scaled[:, 2:]) if outwards else np.floor(scaled[:, 2:])
        limits = np.array([self.width, self.height])
        low, high = np.clip(low, 0, limits), np.clip(high, 0, limits)
        return np.hstack([low, np.maximum(low, high)]).astype(np.intp)

    def area(self, boxes: Boxes) -> NDArray[np.int64]:
        """Covered cells inside each box."""
        x0, y0, x1, y1 = self._cells(boxes, outwards=False).T
        t = self.table
        return np.asarray(t[y1, x1] - t[y0, x1] - t[y1, x0] + t[y0, x0], dtype=np.int64)

    def along(self, segments: Boxes, centre: NDArray[np.float64],
              clear: float) -> NDArray[np.int64]:
        """Covered cells met along each segment, not counting within ``clear`` of
        ``centre`` (the leader's own marker)."""
        if not len(segments):
            return np.zeros(0, dtype=np.int64)
        start, end = segments[:, None, :2], segments[:, None, 2:]
        longest = float(np.hypot(*(segments[:, 2:] - segments[:, :2]).T).max())
        steps = np.linspace(0.0, 1.0, max(2, math.ceil(longest / self.cell) + 1))
        samples = start + (end - start) * steps[None, :, None]
        index = np.floor((samples - self.origin) / self.cell).astype(np.intp)
        inside = ((index[..., 0] >= 0) & (index[..., 0] < self.width)
                  & (index[..., 1] >= 0) & (index[..., 1] < self.height))
        index[~inside] = 0
        hit = self.covered[index[..., 1], index[..., 0]] & inside
        hit &= np.hypot(*(samples - centre).transpose(2, 0, 1)) > clear
        return np.asarray(hit.sum(axis=1), dtype=np.int64)


class Space:
    """The taken parts of one chart while its names are placed, one name at a time."""

    def __init__(self, markers: Boxes, obstacles: Boxes, frame: Boxes, cell: float) -> None:
        self.markers = Coverage(markers, frame, cell)
        self.obstacles = obstacles.reshape(-1, 4)
        self.region = frame
        self.labels = np.zeros((0, 4))
        self.leaders = np.zeros((0, 4))

    def take(self, box: Boxes, leader: Leader | None) -> None:
        self.labels = np.vstack([self.labels, box[None, :]])
        if leader is not None:
            self.leaders = np.vstack([self.leaders, np.array(leader)[None, :]])

    def choose(self, centre: NDArray[np.float64], radius: float, width: float,
               height: float, *, near: float, clear: float, reach: int, must: bool
               ) -> tuple[Boxes, Leader | None] | None:
        """The best place for a ``width`` × ``height`` name of the marker at ``centre``
        (half size ``radius``; a name beside it starts ``near`` the centre; ``clear``: the
        marker's own padded half size), or None when nothing is free and it need not be
        shown. Returns the box and the leader line, if one is needed."""
        boxes, cost, far = candidates(centre, near, width, height, reach)
        inside = ((boxes[:, 0] >= self.region[0]) & (boxes[:, 1] >= self.region[1])
                  & (boxes[:, 2] <= self.region[2]) & (boxes[:, 3] <= self.region[3]))
        on_markers = self.markers.area(boxes)
        blocked = (overlaps(boxes, self.labels).sum(axis=1)
                   + overlaps(boxes, self.obstacles).sum(axis=1))
        free = inside & (on_markers == 0) & (blocked == 0)
        # The leaders already drawn: checked only where everything else is free (the test
        # is the dearest; a must-have name's last resort checks it everywhere).
        free[free] = segment_hits(self.leaders, boxes[free]).sum(axis=0) == 0
        beside = np.flatnonzero(free & ~far)
        if len(beside):  # cheapest first: no leader needed
            return boxes[beside[0]], None
        leaders = leader_lines(centre, radius, boxes)
        open_far = np.flatnonzero(free & far)  # in order of distance, nearest first
        for start in range(0, len(open_far), _BATCH):  # the nearest free rings suffice
            batch = open_far[start:start + _BATCH]
            lines = leaders[batch]
            through = (segment_hits(lines, self.labels).sum(axis=1)
                       + segment_hits(lines, self.obstacles).sum(axis=1))
            total = cost[batch] + self._leader_cost(lines, centre, clear)
            total = np.where(through == 0, total, np.inf)
            if np.isfinite(total).any():
                return self._result(boxes, leaders, far, int(batch[np.argmin(total)]))
        if not must:
            return None
        # Never unnamed: over a marker if need be, over a name only as a last resort.
        crossing = (blocked + segment_hits(self.leaders, boxes).sum(axis=0)
                    + far * (segment_hits(leaders, self.labels).sum(axis=1)
                             + segment_hits(leaders, self.obstacles).sum(axis=1)))
        forced = (cost + far * self._leader_cost(leaders, centre, clear)
                  + 10.0 * (on_markers > 0) + 0.01 * on_markers + 100.0 * crossing
                  + 1000.0 * ~inside)
        return self._result(boxes, leaders, far, int(np.argmin(forced)))

    def _leader_cost(self, lines: Boxes, centre: NDArray[np.float64],
                     clear: float) -> NDArray[np.float64]:
        """A leader that crosses markers or other leaders reads worse."""
        return np.asarray(1.0 * self.markers.along(lines, centre, clear)
                          + 3.0 * crossings(lines, self.leaders).sum(axis=1), dtype=np.float64)

    @staticmethod
    def _result(boxes: Boxes, leaders: Boxes, far: NDArray[np.bool_],
                pick: int) -> tuple[Boxes, Leader | None]:
        if not far[pick]:
            return boxes[pick], None
        a, b, c, d = (float(v) for v in leaders[pick])
        return boxes[pick], (a, b, c, d)


def candidates(centre: NDArray[np.float64], near: float, width: float, height: float,
               reach: int) -> tuple[Boxes, NDArray[np.float64], NDArray[np.bool_]]:
    """Boxes ``near`` the point (no leader needed), then rings further out (a leader
    needed); with their base cost (nearer is better) and whether each is far."""
    x, y = float(centre[0]), float(centre[1])
    beside = np.array(_BESIDE)
    middles = np.column_stack([x + beside[:, 0] * (near + width / 2),
                               y + beside[:, 1] * (near + height / 2)])
    rings = np.arange(1, reach + 1, dtype=float)
    distance = (near + rings * 0.9 * height)[:, None]  # (rings, 1)
    ux, uy = np.cos(_ANGLES)[None, :], np.sin(_ANGLES)[None, :]
    around = np.column_stack([(x + ux * (distance + width / 2)).ravel(),
                              (y + uy * (distance + height / 2)).ravel()])
    centres = np.vstack([middles, around])
    half = np.array([width / 2, height / 2])
    boxes = np.hstack([centres - half, centres + half])
    cost = np.concatenate([0.05 * np.arange(len(_BESIDE)),
                           (1.0 + 0.5 * rings[:, None] + 0.001 * np.arange(len(_ANGLES))[None, :]
                            ).ravel()])
    far = np.arange(len(cost)) >= len(_BESIDE)
    return boxes, cost, far


def leader_lines(centre: NDArray[np.float64], radius: float, boxes: Boxes) -> Boxes:
    """From the marker's edge to the nearest point of each box."""
    nearest = np.column_stack([np.clip(centre[0], boxes[:, 0], boxes[:, 2]),
                               np.clip(centre[1], boxes[:, 1], boxes[:, 3])])
    direction = nearest - centre
    length = np.maximum(np.hypot(direction[:, 0], direction[:, 1]), 1e-9)
    start = centre + direction * (radius / length)[:, None]
    return np.hstack([start, nearest])


def overlaps(boxes: Boxes, others: Boxes) -> NDArray[np.bool_]:
    """(n, m): box i and other j share some area."""
    if not len(others):
        return np.zeros((len(boxes), 0), dtype=bool)
    shared: NDArray[np.bool_] = (
        (boxes[:, None, 0] < others[None, :, 2]) & (boxes[:, None, 2] > others[None, :, 0])
        & (boxes[:, None, 1] < others[None, :, 3]) & (boxes[:, None, 3] > others[None, :, 1]))
    return shared


def segment_hits(segments: Boxes, boxes: Boxes) -> NDArray[np.bool_]:
    """(n, m): segment i passes through box j — the slab test, run only on the pairs whose
    bounding boxes meet (most do not, and the test is the dearest of all)."""
    hits = np.zeros((len(segments), len(boxes)), dtype=bool)
    if not len(segments) or not len(boxes):
        return hits
    spans = np.hstack([np.minimum(segments[:, :2], segments[:, 2:]),
                       np.maximum(segments[:, :2], segments[:, 2:])])
    rows, columns = np.nonzero(_touching(spans, boxes))
    if not len(rows):
        return hits
    start = segments[rows, :2]
    delta = segments[rows, 2:] - start
    low, high = boxes[columns, :2], boxes[columns, 2:]
    with np.errstate(divide="ignore", invalid="ignore"):
        t1 = (low - start) / delta
        t2 = (high - start) / delta
    flat = delta == 0.0
    within = (start > low) & (start < high)
    enter = np.where(flat, np.where(within, -np.inf, np.inf), np.minimum(t1, t2))
    leave = np.where(flat, np.where(within, np.inf, -np.inf), np.maximum(t1, t2))
    first = np.maximum(enter.max(axis=1), 0.0)
    last = np.minimum(leave.min(axis=1), 1.0)
    hits[rows, columns] = first < last
    return hits


def _touching(spans: Boxes, boxes: Boxes) -> NDArray[np.bool_]:
    """(n, m): span i and box j meet, edges included (a horizontal or vertical segment's
    span is flat, and shares no area with anything)."""
    met: NDArray[np.bool_] = (
        (spans[:, None, 0] <= boxes[None, :, 2]) & (spans[:, None, 2] >= boxes[None, :, 0])
        & (spans[:, None, 1] <= boxes[None, :, 3]) & (spans[:, None, 3] >= boxes[None, :, 1]))
    return met


def crossings(segments: Boxes, others: Boxes) -> NDArray[np.bool_]:
    """(n, m): segment i properly crosses segment j."""
    if not len(segments) or not len(others):
        return np.zeros((len(segments), len(others)), dtype=bool)
    a, b = segments[:, None, :2], segments[:, None, 2:]
    c, d = others[None, :, :2], others[None, :, 2:]

    def side(p: NDArray[np.float64], q: NDArray[np.float64],
             r: NDArray[np.float64]) -> NDArray[np.float64]:
        return np.asarray((q[..., 0] - p[..., 0]) * (r[..., 1] - p[..., 1])
                          - (q[..., 1] - p[..., 1]) * (r[..., 0] - p[..., 0]))

    crossing: NDArray[np.bool_] = ((side(a, b, c) * side(a, b, d) < 0)
                                   & (side(c, d, a) * side(c, d, b) < 0))
    return crossing
