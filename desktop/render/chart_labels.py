"""Names beside the points of a chart, placed when the chart is drawn.

Why at draw time: where a name fits depends on the size the chart is drawn at (a resized
window, a PDF page, a PNG), on the layout matplotlib settles on, and on the width of the text
in the font that draws it. So the placer is an invisible artist drawn first in its axes: it
measures every name with the renderer that is about to draw it and puts it where it overlaps
no other name, no marker and no caption — beside its point when there is room, further out
with a thin leader line when not.

Who gets the good places first: the selected person, then everyone of high influence, then
the rest — each group by importance (influence weight × risk), so the people who can lose us
the deal are named before those who cannot. A name that must be shown (high influence,
selected) is never dropped: if no free place exists it overlaps a marker, and only as a last
resort another name. Anyone else who does not fit is counted, and the chart says how many.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

import numpy as np
from matplotlib.artist import Artist
from matplotlib.collections import LineCollection

from desktop.domain.enums import Axis, Influence, Support
from desktop.domain.person import Person
from desktop.palette import INK
from desktop.render.label_space import Boxes, Leader, Space

if TYPE_CHECKING:
    from matplotlib.axes import Axes
    from matplotlib.backend_bases import RendererBase
    from matplotlib.text import Text

LEADER = "#707070"
_OPPOSING = {Support.ENEMY: 1.5, Support.OPPONENT: 1.0}


def risk(person: Person) -> float:
    """How much this person can still cost us: 1 for a known friend or neutral, more for
    someone against us (enemy most), and more again when we do not know their personal win —
    the leg of the triangle that decides close deals and the one a seller forgets to ask."""
    unknown_win = 1.0 if person.scores[Axis.PERSONAL].value is None else 0.0
    return 1.0 + _OPPOSING.get(person.support, 0.0) + unknown_win


def importance(person: Person, weights: Mapping[str, float]) -> float:
    return weights.get(person.id, 0.0) * risk(person)


def must_name(person: Person, selected: str | None) -> bool:
    """A high-influence person or the selected one is always named."""
    return person.influence is Influence.HIGH or person.id == selected


def label_order(people: Sequence[Person], weights: Mapping[str, float],
                selected: str | None) -> list[Person]:
    """The selected person, then high influence, then the rest; each by importance (the
    name breaks ties, so the same deal is labelled the same way every time)."""
    return sorted(people, key=lambda p: (p.id != selected, p.influence is not Influence.HIGH,
                                         -importance(p, weights), p.name))


@dataclass(slots=True)
class Marker:
    """A point on the chart in data coordinates and its half size in points: names keep
    clear of it. A chart that moves its markers at draw time (the grid) updates ``point``.

    ``beside_pt``: how far from the point a name beside it starts (the grid lines the names
    of a column up); ``region``: a data box the name must stay in (the grid: its cell);
    ``named``: False when the chart has no room for this name (unless it must be shown)."""

    point: tuple[float, float]
    radius_pt: float
    beside_pt: float | None = None
    region: tuple[float, float, float, float] | None = None
    named: bool = True


@dataclass(slots=True)
class Label:
    """A name offered to the placer, and what became of it at the last draw."""

    text: Text
    marker: Marker
    must: bool
    placed: bool = False
    leader: Leader | None = None  # display pixels, when drawn


class LabelPlacer(Artist):
    """An invisible artist, drawn before everything else in its axes, that places the names.

    ``before`` runs first at each draw (the grid lays out its cells there); ``note`` is a
    caption whose text says how many names were left out (``note_text(count)``), hidden when
    none were. ``reach`` is how far a name that must be shown may move from its point, in
    text heights; any other name goes two thirds as far (a long leader is hard to follow).
    """

    def __init__(self, ax: Axes, *, font_size: float, reach: int = 12,
                 within_axes: bool = False) -> None:
        super().__init__()
        self.ax = ax
        self.font_size = font_size
        self.reach = reach
        self.within_axes = within_axes
        self.markers: list[Marker] = []
        self.labels: list[Label] = []
        self.obstacles: list[Artist] = []
        self.never_tried = 0  # people not offered a label at all (beyond the chart's limit)
        self.left_out = 0
        self.before: Callable[[RendererBase], None] | None = None
        self.note: Text | None = None
        self.note_text: Callable[[int], str] = str
        self.leaders = LineCollection([], colors=LEADER, linewidths=0.7, zorder=4.5,
                                      capstyle="round")
        self.leaders.set_in_layout(False)
        ax.add_collection(self.leaders, autolim=False)
        self.set_zorder(-100.0)  # drawn first: everything after sees the places
        self.set_in_layout(False)
        ax.add_artist(self)

    def add_marker(self, point: tuple[float, float], radius_pt: float) -> Marker:
        marker = Marker(point, radius_pt)
        self.markers.append(marker)
        return marker

    def add_label(self, name: str, marker: Marker, *, must: bool, bold: bool = False,
                  gid: str | None = None) -> Text:
        """A name for ``marker``; ``gid`` (the person's id) names it in SVG and for tests."""
        text = self.ax.text(*marker.point, name, ha="left", va="bottom",
                            fontsize=self.font_size, color=INK, zorder=6, clip_on=False,
                            fontweight="bold" if bold else "normal", gid=gid)
        text.set_in_layout(False)
        self.labels.append(Label(text, marker, must))
        return text

    def add_obstacle(self, artist: Artist) -> None:
        self.obstacles.append(artist)

    def draw(self, renderer: RendererBase) -> None:
        if not self.get_visible():
            return
        if self.before is not None:
            self.before(renderer)
        if self.note is not None:  # the widest it can be, so no name is put where it goes
            self.note.set_text(self.note_text(self.never_tried + len(self.labels)))
            self.note.set_visible(True)
        self._place(renderer)
        self.left_out = self.never_tried + sum(not label.placed for label in self.labels)
        if self.note is not None:
            self.note.set_text(self.note_text(self.left_out))
            self.note.set_visible(self.left_out > 0)
        self.stale = False

    def _place(self, renderer: RendererBase) -> None:
        points = pixels_per_point(renderer)
        to_display = self.ax.transData.transform
        centres = to_display(np.array([m.point for m in self.markers], dtype=float)
                             .reshape(-1, 2))
        radii = np.array([m.radius_pt for m in self.markers], dtype=float) * points
        index = {id(m): i for i, m in enumerate(self.markers)}
        pad = 1.5 * points
        grow = (radii + pad)[:, None]
        hard = [_extent(artist, renderer, pad)
                for artist in [*self.obstacles, *([self.note] if self.note else [])]
                if artist.get_visible()]
        region = self._region(points)
        space = Space(np.hstack([centres - grow, centres + grow]),
                      np.array(hard, dtype=float).reshape(-1, 4),
                      np.array(self.ax.figure.bbox.extents, dtype=float), max(points, 1.0))
        for label in self.labels:
            label.leader = None
            label.placed = False
            label.text.set_visible(False)
            if not (label.marker.named or label.must):
                continue
            label.text.set_position(label.marker.point)
            label.text.set_visible(True)
            extent = label.text.get_window_extent(renderer)
            i = index[id(label.marker)]
            beside = label.marker.beside_pt
            space.region = region if label.marker.region is None else _inset(
                self.ax.transData.transform(np.reshape(label.marker.region, (2, 2))).ravel(),
                pad)
            choice = space.choose(centres[i], radii[i], extent.width, extent.height,
                                  near=(radii[i] if beside is None else beside * points)
                                  + 2.0 * points, clear=radii[i] + pad,
                                  reach=self.reach if label.must else 2 * self.reach // 3,
                                  must=label.must)
            label.placed = choice is not None
            label.text.set_visible(label.placed)
            if choice is None:
                continue
            box, label.leader = choice
            corner = self.ax.transData.inverted().transform(box[:2])
            label.text.set_position((float(corner[0]), float(corner[1])))
            space.take(box + np.array([-pad, -pad, pad, pad]), label.leader)
        inverse = self.ax.transData.inverted().transform
        self.leaders.set_segments([inverse(np.array(label.leader).reshape(2, 2))
                                   for label in self.labels if label.leader is not None])

    def _region(self, points: float) -> Boxes:
        box = self.ax.bbox if self.within_axes else self.ax.figure.bbox
        return _inset(np.array(box.extents, dtype=float), 2.0 * points)


def pixels_per_point(renderer: RendererBase) -> float:
    return float(np.asarray(renderer.points_to_pixels(1.0)))


def _inset(box: Boxes, margin: float) -> Boxes:
    return np.array([box[0] + margin, box[1] + margin, box[2] - margin, box[3] - margin])


def _extent(artist: Artist, renderer: RendererBase, pad: float) -> list[float]:
    box = artist.get_window_extent(renderer)
    return [box.x0 - pad, box.y0 - pad, box.x1 + pad, box.y1 + pad]
