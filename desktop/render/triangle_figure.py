"""The decision-triangle charts, drawn with matplotlib onto a given ``Axes`` so the window
(Qt canvas), the PDF (vector) and the tests share one drawing.

Geometry: an equilateral triangle centred on the origin with circumradius 1. Each axis runs
from the centre (0) to its vertex (10): business outcome at the top, technical fit bottom
right, personal win bottom left — the same directions as the card glyph on the map.

*Decision triangle*: every person's triangle faint, the selected person's highlighted, the
deal's influence-weighted triangle bold. An unknown score is never drawn as 0: the sides that
would meet it are left out (a gap) and the vertex carries a hollow ring and a "?".

*Balance map*: each person at the barycentre of their scores — a person held by business
reasons sits near the business vertex. Unknown axes are left out of the barycentre and the
marker is hollow, so a guess never looks like knowledge. Names are placed at draw time by
:mod:`desktop.render.chart_labels`: high influence always, the rest by weight × risk, with
leader lines where points crowd.
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING

import numpy as np

from desktop.domain.enums import Axis, Influence, Support
from desktop.domain.person import Person
from desktop.domain.triangle_math import DealTriangle
from desktop.domain.wording import plural
from desktop.palette import (
    AXIS_COLOURS,
    HIGHLIGHT,
    INK,
    SUPPORT_COLOURS,
    SUPPORT_MARKERS,
)
from desktop.render.chart_labels import LabelPlacer, Marker, label_order, must_name

if TYPE_CHECKING:
    from matplotlib.axes import Axes
    from matplotlib.lines import Line2D

ANGLES = {Axis.BUSINESS: 90.0, Axis.TECHNICAL: -30.0, Axis.PERSONAL: 210.0}
FAINT = "#9A9A9A"
WHAT_IF = "#7B2CBF"  # the projected triangle: violet, apart from ink, axes and selection
WHAT_IF_WIDTH = 2.6
WHAT_IF_DASHES = (0, (3.0, 1.6))  # short dashes: the solid deal triangle never looks like it
WHAT_IF_MARKER = "D"  # its corners: filled diamonds (hollow circles are unknown scores)
LABEL_LIMIT = 40  # names offered beyond the must-haves: more would only be left out


def vertex(axis: Axis, length: float = 1.0) -> tuple[float, float]:
    angle = math.radians(ANGLES[axis])
    return length * math.cos(angle), length * math.sin(angle)


def score_point(axis: Axis, value: float) -> tuple[float, float]:
    return vertex(axis, value / 10.0)


def barycentre(person: Person) -> tuple[float, float] | None:
    """Weighted by the known scores; None when nothing is known or every score is 0."""
    known = [(axis, person.scores[axis].value) for axis in Axis
             if person.scores[axis].value is not None]
    total = sum(v for _, v in known if v is not None)
    if not known or total <= 0:
        return None
    x = sum(vertex(a)[0] * (v or 0) for a, v in known) / total
    y = sum(vertex(a)[1] * (v or 0) for a, v in known) / total
    return x, y


def _frame(ax: Axes, *, grid: bool, font_size: float) -> None:
    ax.set_aspect("equal")
    ax.set_xlim(-1.32, 1.32)
    ax.set_ylim(-0.82, 1.22)
    ax.axis("off")
    corners = [vertex(a) for a in Axis]
    ax.fill([c[0] for c in corners], [c[1] for c in corners], color="#F4F4F0", zorder=0)
    ax.plot([c[0] for c in (*corners, corners[0])], [c[1] for c in (*corners, corners[0])],
            color="#6B6B6B", linewidth=1.0, zorder=1)
    if grid:
        for step in (2, 4, 6, 8):
            ring = [vertex(a, step / 10) for a in Axis]
            ax.plot([c[0] for c in (*ring, ring[0])], [c[1] for c in (*ring, ring[0])],
                    color="#DADAD4", linewidth=0.6, zorder=1)
        for axis in Axis:
            tip = vertex(axis)
            ax.plot([0, tip[0]], [0, tip[1]], color=AXIS_COLOURS[axis], linewidth=1.2,
                    alpha=0.8, zorder=2)
            for step in (5, 10):
                px, py = vertex(axis, step / 10)
                ax.text(px + 0.035, py - 0.01, str(step), fontsize=font_size - 2.5,
                        color=FAINT, zorder=2)
    for axis in Axis:
        tip = vertex(axis, 1.1)
        ha = "center" if axis is Axis.BUSINESS else ("left" if tip[0] > 0 else "right")
        va = "bottom" if axis is Axis.BUSINESS else "top"
        if axis is not Axis.BUSINESS:
            tip = (tip[0] - 0.12 if tip[0] > 0 else tip[0] + 0.12, tip[1] - 0.02)
        ax.text(tip[0], tip[1], axis.label, ha=ha, va=va, fontsize=font_size,
                fontweight="bold", color=AXIS_COLOURS[axis], zorder=5)


def _draw_scores(ax: Axes, values: Mapping[Axis, float | None], *, colour: str, width: float,
                 alpha: float, zorder: float, fill: bool = False, marker_size: float = 0.0,
                 annotate: bool = False, font_size: float = 9.0) -> None:
    """One triangle of scores; sides touching an unknown axis are left out (a gap)."""
    order = list(Axis)
    for i, axis in enumerate(order):
        nxt = order[(i + 1) % 3]
        a, b = values[axis], values[nxt]
        if a is None or b is None:
            continue
        pa, pb = score_point(axis, a), score_point(nxt, b)
        ax.plot([pa[0], pb[0]], [pa[1], pb[1]], color=colour, linewidth=width, alpha=alpha,
                zorder=zorder, solid_capstyle="round")
    known = [score_point(a, v) for a in order if (v := values[a]) is not None]
    if fill and len(known) == 3:
        ax.fill([p[0] for p in known], [p[1] for p in known], color=colour, alpha=0.12,
                zorder=zorder - 0.1)
    if not marker_size:
        return
    for axis in order:
        value = values[axis]
        if value is None:
            tip = vertex(axis)
            ax.plot(*tip, marker="o", markersize=marker_size * 1.3, markerfacecolor="white",
                    markeredgecolor=colour, markeredgewidth=1.5, zorder=zorder + 0.2,
                    linestyle="none")
            if annotate:
                ax.text(tip[0], tip[1], "?", ha="center", va="center", fontsize=font_size - 1,
                        color=colour, fontweight="bold", zorder=zorder + 0.3)
            continue
        point = score_point(axis, value)
        ax.plot(*point, marker="o", markersize=marker_size, color=AXIS_COLOURS[axis],
                markeredgecolor=colour, markeredgewidth=1.0, zorder=zorder + 0.2,
                linestyle="none")
        if annotate:
            ax.annotate(f"{value:.1f}", point, xytext=(6, 4), textcoords="offset points",
                        fontsize=font_size, fontweight="bold", color=colour,
                        zorder=zorder + 0.3)


def _draw_faint_people(ax: Axes, people: Sequence[Person]) -> None:
    """Everybody's sides as one LineCollection: one artist for hundreds of people, not a
    line each (a 200-person chart draws in a tenth of the time)."""
    from matplotlib.collections import LineCollection

    order = list(Axis)
    segments = []
    for person in people:
        for i, axis in enumerate(order):
            nxt = order[(i + 1) % 3]
            a, b = person.scores[axis].value, person.scores[nxt].value
            if a is not None and b is not None:
                segments.append([score_point(axis, a), score_point(nxt, b)])
    if segments:
        ax.add_collection(LineCollection(segments, colors=FAINT, linewidths=0.8, alpha=0.45,
                                         zorder=3, capstyle="round"))


def draw_decision_triangle(ax: Axes, people: Sequence[Person], deal: DealTriangle,
                           selected: str | None = None, *, font_size: float = 9.0,
                           projected: DealTriangle | None = None) -> None:
    """``projected``: the deal's triangle if the open plan succeeds (the what-if), drawn
    dashed over today's."""
    _frame(ax, grid=True, font_size=font_size)
    _draw_faint_people(ax, [p for p in people if p.id != selected])
    chosen = next((p for p in people if p.id == selected), None)
    if chosen is not None:
        _draw_scores(ax, {a: chosen.scores[a].value for a in Axis}, colour=HIGHLIGHT,
                     width=2.2, alpha=1.0, zorder=6, fill=True, marker_size=5.0,
                     annotate=False, font_size=font_size)
    _draw_scores(ax, {a: deal[a].value for a in Axis}, colour=INK, width=3.0, alpha=1.0,
                 zorder=7, fill=True, marker_size=7.0, annotate=True, font_size=font_size)
    from matplotlib.lines import Line2D

    handles = [Line2D([], [], color=INK, linewidth=3.0, marker="o", markersize=5,
                      label="Deal (influence-weighted)"),
               Line2D([], [], color=FAINT, linewidth=0.8, label="Each person")]
    if chosen is not None:
        handles.insert(1, Line2D([], [], color=HIGHLIGHT, linewidth=2.2, label=chosen.name))
    if projected is not None:
        _draw_projected(ax, projected, font_size=font_size, today=deal)
        handles.insert(1, Line2D([], [], color=WHAT_IF, linewidth=WHAT_IF_WIDTH,
                                 linestyle=WHAT_IF_DASHES, marker=WHAT_IF_MARKER,
                                 markersize=5, markeredgecolor="white",
                                 label="If the plan succeeds"))
    unknown = any(deal[a].value is None for a in Axis) or (
        chosen is not None and any(chosen.scores[a].value is None for a in Axis))
    if unknown:  # hollow circles at the rim: say what they are
        handles.append(Line2D([], [], linestyle="none", marker="o", markersize=6,
                              markerfacecolor="white", markeredgecolor=INK,
                              markeredgewidth=1.5, label="Score unknown (drawn at the rim)"))
    ax.legend(handles=handles, loc="upper center", fontsize=font_size - 1, frameon=False,
              bbox_to_anchor=(0.5, -0.06), handlelength=2.2, columnspacing=1.2,
              ncols=_legend_columns(ax, [str(h.get_label()) for h in handles],
                                    font_size - 1))


def _legend_columns(ax: Axes, labels: Sequence[str], size: float) -> int:
    """As many columns (at most three) as the figure's width holds: a legend wider than the
    figure collapses its constrained layout (the brief's narrow chart did). Every column is
    counted as wide as the longest label (measured in the font) with its handle and gaps."""
    from matplotlib.font_manager import FontProperties
    from matplotlib.textpath import text_to_path

    props = FontProperties(size=size)
    longest = max(text_to_path.get_text_width_height_descent(label, props, ismath=False)[0]
                  for label in labels)
    entry = longest + (2.2 + 0.8 + 1.2) * size  # handle, pad and column spacing in em
    room = ax.get_figure(root=True).get_figwidth() * 72.0 * 0.95  # type: ignore[union-attr]
    return max(1, min(len(labels), 3, int(room // entry)))


def _draw_projected(ax: Axes, projected: DealTriangle, *, font_size: float,
                    today: DealTriangle | None = None) -> None:
    """The what-if triangle: dashed, unfilled, in its own colour, its corners filled diamonds
    (a hollow circle on this chart means an unknown score), its figures ("→ 6.7") beside
    them where they differ from ``today``'s, placed at draw time clear of the ticks, the rim
    and each other (:mod:`desktop.render.what_if_labels`). The sides are one artist, ``gid``
    "what_if", so a test can find it. A side touching an unknown axis is left out."""
    from desktop.render.what_if_labels import WhatIfLabels

    order = list(Axis)
    points = {a: score_point(a, v) for a in order if (v := projected[a].value) is not None}
    xs: list[float] = []
    ys: list[float] = []
    for i, axis in enumerate(order):
        nxt = order[(i + 1) % 3]
        if axis in points and nxt in points:
            xs += [points[axis][0], points[nxt][0], math.nan]
            ys += [points[axis][1], points[nxt][1], math.nan]
    if xs:
        ax.plot(xs, ys, color=WHAT_IF, linewidth=WHAT_IF_WIDTH, linestyle=WHAT_IF_DASHES,
                zorder=7.5, gid="what_if")
    for point in points.values():
        ax.plot(*point, marker=WHAT_IF_MARKER, markersize=5.5, color=WHAT_IF,
                markeredgecolor="white", markeredgewidth=0.8, zorder=7.6, linestyle="none",
                gid="what_if_point")
    corners = [vertex(a) for a in order]
    rim = [(corners[i], corners[(i + 1) % 3]) for i in range(3)]
    soft = [((0.0, 0.0), c) for c in corners]
    for triangle in (today, projected):
        if triangle is None:
            continue
        known = [score_point(a, v) for a in order if (v := triangle[a].value) is not None]
        soft += [(known[i], known[(i + 1) % len(known)]) for i in range(len(known))]
    markers = [(_only_point(line), float(line.get_markersize()) / 2) for line in ax.lines
               if line.get_marker() not in (None, "None", "", " ")
               and np.size(line.get_xdata()) == 1]
    labels = WhatIfLabels(ax, hard=rim, soft=soft, markers=markers)
    for axis, point in points.items():
        value = projected[axis].value
        if today is not None and value is not None and (
                (was := today[axis].value) is None or abs(value - was) >= 0.05):
            text = ax.text(*point, f"→ {value:.1f}", fontsize=font_size - 1,
                           fontweight="bold", color=WHAT_IF, zorder=7.7, gid="what_if_figure")
            labels.add(text, point, _WHAT_IF_PREFER[axis])


def _only_point(line: Line2D) -> tuple[float, float]:
    """The one point a marker-only line is drawn at."""
    x, y = np.ravel(np.asarray(line.get_xdata())), np.ravel(np.asarray(line.get_ydata()))
    return float(x[0]), float(y[0])


# Where a projected figure would rather go (degrees): away from today's (up and right of its
# point); the placer turns from there when a tick, the rim or another figure is in the way.
_WHAT_IF_PREFER: dict[Axis, float] = {Axis.BUSINESS: 170.0, Axis.TECHNICAL: -60.0,
                                      Axis.PERSONAL: -120.0}


def draw_balance_map(ax: Axes, people: Sequence[Person], weights: Mapping[str, float],
                     selected: str | None = None, *, font_size: float = 9.0) -> list[Person]:
    """Draw the balance map; return the people who could not be placed (nothing known).

    Names are placed when the figure is drawn (:mod:`desktop.render.chart_labels`): the
    selected person and everyone of high influence always, then the others by influence
    weight × risk while there is room; the chart says how many names it left out."""
    _frame(ax, grid=False, font_size=font_size)
    _shade_regions(ax)
    labels = LabelPlacer(ax, font_size=font_size - 1.5)
    for caption in ax.texts:  # the axis captions stay readable
        labels.add_obstacle(caption)
    largest = max(weights.values(), default=0.0) or 1.0
    unplaced: list[Person] = []
    placed: list[tuple[Person, tuple[float, float], float]] = []
    for person in people:
        point = barycentre(person)
        if point is None:
            unplaced.append(person)
        else:
            placed.append((person, point, 40 + 360 * (weights.get(person.id, 0.0) / largest)))
    _scatter_people(ax, placed)
    markers: dict[str, Marker] = {}
    for person, point, size in placed:
        if person.id == selected:  # the ring is part of the marker: names keep clear of it
            ax.scatter([point[0]], [point[1]], s=size * 2.2, marker="o", facecolors="none",
                       edgecolors=HIGHLIGHT, linewidths=2.5, zorder=5)
            size *= 2.2
        markers[person.id] = labels.add_marker(point, math.sqrt(size) / 2 + 1.25)
    ranked = label_order([person for person, _, _ in placed], weights, selected)
    offered = [p for p in ranked if must_name(p, selected)]
    offered += [p for p in ranked if not must_name(p, selected)][:LABEL_LIMIT]
    for person in offered:
        labels.add_label(person.name, markers[person.id], must=must_name(person, selected),
                         bold=person.id == selected, gid=person.id)
    labels.never_tried = len(placed) - len(offered)
    from matplotlib.lines import Line2D

    handles = [Line2D([], [], marker=SUPPORT_MARKERS[s], linestyle="none",
                      markerfacecolor=SUPPORT_COLOURS[s], markeredgecolor=SUPPORT_COLOURS[s],
                      markersize=7, label=s.label) for s in reversed(Support)]
    handles.append(Line2D([], [], marker="o", linestyle="none", markerfacecolor="white",
                          markeredgecolor="#666666", markersize=7, label="An axis unknown"))
    labels.add_obstacle(ax.legend(
        handles=handles, loc="upper left", fontsize=font_size - 1.5, frameon=False,
        bbox_to_anchor=(0.0, 1.0), title="Size = influence", title_fontsize=font_size - 1.5))
    if unplaced:
        labels.add_obstacle(ax.text(0.0, -0.80, _not_placed(unplaced, weights), ha="center",
                                    va="bottom", fontsize=font_size - 2, color="#666666"))
    labels.note = ax.text(0.0, -0.74, "", ha="center", va="bottom", fontsize=font_size - 2,
                          color="#666666")
    labels.note_text = _left_out
    return unplaced


def _not_placed(unplaced: Sequence[Person], weights: Mapping[str, float]) -> str:
    """The people with no score known, high influence first: the list is cut after six
    names, but never before a high-influence one."""
    ranked = label_order(unplaced, weights, None)
    shown = max(6, sum(p.influence is Influence.HIGH for p in ranked))
    names = ", ".join(p.name for p in ranked[:shown])
    return f"Not placed, no score known: {names}" + (" …" if len(ranked) > shown else "")


def _left_out(count: int) -> str:
    return (f"{plural(count, 'name')} left out where points crowd "
            "(every name is in the table)")


def _scatter_people(ax: Axes,
                    placed: Sequence[tuple[Person, tuple[float, float], float]]) -> None:
    """One scatter per marker shape (matplotlib takes one shape per call), the biggest
    points first so that small ones stay visible on top. Hollow: an axis is unknown."""
    by_marker: dict[str, list[tuple[Person, tuple[float, float], float]]] = {}
    for entry in sorted(placed, key=lambda e: -e[2]):
        by_marker.setdefault(SUPPORT_MARKERS[entry[0].support], []).append(entry)
    for marker, group in by_marker.items():
        complete = [all(p.scores[a].value is not None for a in Axis) for p, _, _ in group]
        colours = [SUPPORT_COLOURS[p.support] for p, _, _ in group]
        ax.scatter([pt[0] for _, pt, _ in group], [pt[1] for _, pt, _ in group],
                   s=[size for _, _, size in group], marker=marker,
                   facecolors=[c if full else "white" for c, full in zip(colours, complete,
                                                                        strict=True)],
                   edgecolors=colours, linewidths=[1.8 if full else 2.0 for full in complete],
                   zorder=4, alpha=0.9)


def _shade_regions(ax: Axes) -> None:
    """The three kites nearest each vertex, tinted in the axis colour: where a point sits
    tells which reason holds that person most."""
    order = list(Axis)
    for i, axis in enumerate(order):
        tip = vertex(axis)
        after = vertex(order[(i + 1) % 3])
        before = vertex(order[(i + 2) % 3])
        mid_after = ((tip[0] + after[0]) / 2, (tip[1] + after[1]) / 2)
        mid_before = ((tip[0] + before[0]) / 2, (tip[1] + before[1]) / 2)
        xs = [tip[0], mid_after[0], 0.0, mid_before[0]]
        ys = [tip[1], mid_after[1], 0.0, mid_before[1]]
        ax.fill(xs, ys, color=AXIS_COLOURS[axis], alpha=0.10, zorder=0.5, linewidth=0)
        ax.plot([mid_after[0], 0.0], [mid_after[1], 0.0], color="#C8C8C0", linewidth=0.7,
                linestyle=(0, (4, 3)), zorder=0.6)
