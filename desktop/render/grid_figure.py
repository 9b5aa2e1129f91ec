"""The support × influence grid: the power/interest grid sellers know, with support for us
in place of interest, drawn with matplotlib onto a given ``Axes`` like the triangle charts.

Columns are support, enemy (−2) on the left to mentor (+2) on the right; rows are the
influence the seller stated, low to high. In its cell each person is a marker (support colour
and symbol, as on the cards and the balance map; size = influence weight from the analysis;
hollow = personal win unknown) with the name beside it, listed heaviest first: the order down
a list reads the analysis' weight, and nobody hides behind a colleague. A crowded cell keeps
named places for those who matter most (always the high-influence and the selected) and puts
the rest, unnamed, in tight rows under the list (:mod:`desktop.render.grid_cells`); a name
too long for its column is shortened with "…". Rows are as tall as their most crowded cell
needs, within limits (:func:`bands`).

The cells are laid out when the figure is drawn — that needs their size in points, which only
the renderer knows — and the names placed by the same placer as the balance map's
(:mod:`desktop.render.chart_labels`), which also counts the names left out.

Captions say what a seller does with each part: key opponents (against us, medium or high
influence) are won over or neutralised, key supporters kept close, the undecided with
influence won over; of the low-influence row, friends are kept informed and the rest
monitored.
"""
from __future__ import annotations

import math
from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from desktop.domain.enums import Axis, Influence, Support
from desktop.domain.person import Person
from desktop.domain.wording import plural
from desktop.palette import (
    HIGHLIGHT,
    INK,
    MUTED_INK,
    SUPPORT_COLOURS,
    SUPPORT_MARKERS,
    SUPPORT_TINTS,
    support_caption,
)
from desktop.render.chart_labels import (
    LabelPlacer,
    Marker,
    label_order,
    must_name,
    pixels_per_point,
)
from desktop.render.grid_cells import stack_cell

if TYPE_CHECKING:
    from matplotlib.axes import Axes
    from matplotlib.backend_bases import RendererBase
    from matplotlib.collections import PathCollection
    from matplotlib.legend import Legend
    from matplotlib.text import Text

ROWS: tuple[Influence, ...] = (Influence.LOW, Influence.MEDIUM, Influence.HIGH)  # bottom up
LINE = "#B8B8B0"
LABEL_LIMIT = 120  # names offered beyond the must-haves; a bigger deal names the heaviest
RING_GAP = 5.0  # the selected person's ring: this much wider than the marker, in points
# (caption, first column, last column, row): the bottom row's captions sit at its foot.
CAPTIONS = (
    ("Key opponents:\nwin them or neutralise", Support.ENEMY, Support.OPPONENT,
     Influence.HIGH),
    ("Undecided:\nwin them over", Support.NEUTRAL, Support.NEUTRAL, Influence.HIGH),
    ("Key supporters:\nkeep them close", Support.SUPPORTER, Support.MENTOR, Influence.HIGH),
    ("Monitor", Support.ENEMY, Support.NEUTRAL, Influence.LOW),
    ("Keep informed", Support.SUPPORTER, Support.MENTOR, Influence.LOW),
)


Bands = dict[Influence, tuple[float, float]]  # each row's bottom and top, in data units


def bands(people: Sequence[Person]) -> Bands:
    """Row heights follow the most crowded cell of each row (at least five lines, at most
    twelve — the rest of a crowd goes unnamed, in tight rows — but every high-influence
    person has a line, and two more for the captions of the top and bottom rows): a deal of
    many medium-influence people gives them the room; the grid spans 0 to 3 whatever."""
    crowd = Counter((p.influence, p.support) for p in people)
    need = {row: max(5, *(crowd[(row, s)] for s in Support)) for row in ROWS}
    need = {row: (lines if row is Influence.HIGH else min(12, lines))
            + (0 if row is Influence.MEDIUM else 2) for row, lines in need.items()}
    scale = 3.0 / sum(need.values())
    rows: Bands = {}
    bottom = 0.0
    for row in ROWS:
        rows[row] = (bottom, bottom + need[row] * scale)
        bottom += need[row] * scale
    return rows


@dataclass(slots=True)
class _Entry:
    person: Person
    marker: Marker
    size: float  # scatter area, points²
    group: int  # which scatter (one per marker shape and fill)
    slot: int  # place in the scatter's offsets
    text: Text | None = None  # the name, when offered one
    must: bool = False  # named whatever the room: high influence, or selected


def draw_support_influence_grid(ax: Axes, people: Sequence[Person],
                                weights: Mapping[str, float], selected: str | None = None, *,
                                font_size: float = 9.0) -> None:
    """Draw the grid: every person in their support × influence cell, named where there
    is room (always when of high influence or selected), the selected one ringed."""
    rows = bands(people)
    _frame(ax, rows, font_size=font_size)
    captions = _captions(ax, rows, font_size)
    labels = LabelPlacer(ax, font_size=font_size - 1.5, reach=1, within_axes=True)
    for caption in captions:
        labels.add_obstacle(caption)
    largest = max(weights.values(), default=0.0) or 1.0
    entries, scatters = _scatter(ax, people, weights, largest, labels)
    ring: PathCollection | None = None
    chosen = next((e for e in entries if e.person.id == selected), None)
    if chosen is not None:  # a snug ring: it must not push the names of the rows around
        ring = ax.scatter([0.0], [0.0], s=(math.sqrt(chosen.size) + RING_GAP) ** 2,
                          marker="o", facecolors="none", edgecolors=HIGHLIGHT,
                          linewidths=2.0, zorder=5)
    by_id = {e.person.id: e for e in entries}
    ranked = label_order([e.person for e in entries], weights, selected)
    offered = [p for p in ranked if must_name(p, selected)]
    offered += [p for p in ranked if not must_name(p, selected)][:LABEL_LIMIT]
    for person in offered:
        entry = by_id[person.id]
        entry.must = must_name(person, selected)
        entry.text = labels.add_label(person.name, entry.marker,
                                      must=must_name(person, selected),
                                      bold=person.id == selected, gid=person.id)
    labels.never_tried = len(entries) - len(offered)
    rank = {person.id: i for i, person in enumerate(ranked)}

    def stack(renderer: RendererBase) -> None:
        _stack(ax, renderer, entries, weights, rank, rows, scatters, captions,
               font_size - 1.5)
        if ring is not None and chosen is not None:
            ring.set_offsets([chosen.marker.point])

    labels.before = stack
    labels.add_obstacle(_legend(ax, font_size, selected=chosen is not None))
    labels.note_text = _left_out
    # Under the axis title, measured by the layout at its widest ("all left out").
    labels.note = ax.annotate(_left_out(len(entries)), (0.5, 0.0), xycoords=ax.xaxis.label,
                              xytext=(0, -2), textcoords="offset points", ha="center",
                              va="top", fontsize=font_size - 2, color="#666666")


def _left_out(count: int) -> str:
    return (f"{plural(count, 'name')} left out where people crowd "
            "(every name is in the table)")


def _frame(ax: Axes, rows: Bands, *, font_size: float) -> None:
    """Five support columns, three influence rows; tinted against / for us, the
    key rows split from the low one by a firmer line."""
    ax.set_xlim(-2.5, 2.5)
    ax.set_ylim(0.0, 3.0)
    against, favour = SUPPORT_TINTS[Support.OPPONENT], SUPPORT_TINTS[Support.SUPPORTER]
    ax.axvspan(-2.5, -0.5, color=against, alpha=0.55, zorder=0, linewidth=0)
    ax.axvspan(0.5, 2.5, color=favour, alpha=0.55, zorder=0, linewidth=0)
    key = rows[Influence.MEDIUM][0]  # the key rows (medium, high) over the low one
    ax.axhspan(key, 3.0, color="#000000", alpha=0.03, zorder=0, linewidth=0)
    for x in (-1.5, 1.5):
        ax.axvline(x, color=LINE, linewidth=0.6, linestyle=(0, (2, 3)), zorder=1)
    ax.axhline(rows[Influence.HIGH][0], color=LINE, linewidth=0.6, linestyle=(0, (2, 3)),
               zorder=1)
    for x in (-0.5, 0.5):
        ax.axvline(x, color="#8C8C84", linewidth=1.1, zorder=1)
    ax.axhline(key, color="#8C8C84", linewidth=1.1, zorder=1)
    ax.set_xticks([int(s) for s in Support], [support_caption(s) for s in Support],
                  fontsize=font_size - 1)
    for tick, support in zip(ax.get_xticklabels(), Support, strict=True):
        tick.set_color(SUPPORT_COLOURS[support])
    ax.set_yticks([sum(rows[r]) / 2 for r in ROWS], [r.label for r in ROWS],
                  fontsize=font_size - 1, rotation=90, va="center")
    ax.tick_params(length=0, pad=4)
    ax.set_xlabel("Support for us", fontsize=font_size, color=MUTED_INK)
    ax.set_ylabel("Influence", fontsize=font_size, color=MUTED_INK)
    for spine in ax.spines.values():
        spine.set_color("#8C8C84")


def _captions(ax: Axes, rows: Bands, font_size: float) -> list[Text]:
    texts: list[Text] = []
    for caption, first, last, row in CAPTIONS:
        top = row is not Influence.LOW
        texts.append(ax.annotate(
            caption, ((int(first) + int(last)) / 2, rows[row][1 if top else 0]),
            xytext=(0, -3 if top else 3), textcoords="offset points", ha="center",
            va="top" if top else "bottom", fontsize=font_size - 1, fontweight="bold",
            color=MUTED_INK, zorder=2, linespacing=1.1))
    return texts


def _scatter(ax: Axes, people: Sequence[Person], weights: Mapping[str, float],
             largest: float, labels: LabelPlacer
             ) -> tuple[list[_Entry], list[PathCollection]]:
    """One scatter per marker shape and fill (matplotlib takes one shape per call); the
    places are set when the figure is drawn."""
    groups: dict[tuple[str, bool], list[Person]] = {}
    for person in people:
        hollow = person.scores[Axis.PERSONAL].value is None
        groups.setdefault((SUPPORT_MARKERS[person.support], hollow), []).append(person)
    entries: list[_Entry] = []
    scatters: list[PathCollection] = []
    for index, ((shape, hollow), group) in enumerate(sorted(groups.items())):
        colours = [SUPPORT_COLOURS[p.support] for p in group]
        sizes = [16 + 84 * (weights.get(p.id, 0.0) / largest) for p in group]
        scatters.append(ax.scatter([0.0] * len(group), [0.0] * len(group), s=sizes,
                                   marker=shape, facecolors="white" if hollow else colours,
                                   edgecolors=colours, linewidths=1.8, zorder=4))
        for slot, (person, size) in enumerate(zip(group, sizes, strict=True)):
            marker = labels.add_marker((0.0, 0.0), math.sqrt(size) / 2 + 1.0)
            entries.append(_Entry(person, marker, size, index, slot))
    return entries, scatters


def _stack(ax: Axes, renderer: RendererBase, entries: Sequence[_Entry],
           weights: Mapping[str, float], rank: Mapping[str, int], rows: Bands,
           scatters: Sequence[PathCollection], captions: Sequence[Text],
           label_size: float) -> None:
    """Lay every cell out (:func:`desktop.render.grid_cells.stack_cell`) at the size the
    figure is drawn: who gets a named place goes by ``rank`` (the label order), the order
    down a list by weight."""
    import numpy as np
    from matplotlib.font_manager import FontProperties

    points = pixels_per_point(renderer)
    font = FontProperties(size=label_size)

    def measure(name: str) -> float:
        return float(renderer.get_text_width_height_descent(name, font, ismath=False)[0])

    to_display = ax.transData.transform
    to_data = ax.transData.inverted().transform
    caption_boxes = [c.get_window_extent(renderer) for c in captions]
    cells: dict[tuple[int, Influence], list[_Entry]] = {}
    for entry in entries:
        cells.setdefault((int(entry.person.support), entry.person.influence), []
                         ).append(entry)
    offsets = [np.asarray(s.get_offsets(), dtype=float).reshape(-1, 2).copy()
               for s in scatters]
    sizes = [np.zeros(len(o)) for o in offsets]
    line = label_size * 1.55 * points
    for (column, row), group in cells.items():
        bottom, top = rows[row]
        (x0, y0), (x1, y1) = to_display([(column - 0.5, bottom), (column + 0.5, top)])
        for box in caption_boxes:  # keep the people clear of the captions
            if box.x1 > x0 and box.x0 < x1 and y0 < box.y1 and box.y0 < y1:
                if (box.y0 + box.y1) / 2 > (y0 + y1) / 2:
                    y1 = min(y1, box.y0)
                else:
                    y0 = max(y0, box.y1)
        inset = 4.0 * points
        radius = max(math.sqrt(e.size) for e in group) / 2 * points
        beside = radius + (1.0 + RING_GAP / 2 + 2.0) * points  # as the placer puts names
        by_rank = sorted(group, key=lambda e: rank[e.person.id])
        widths = sorted(measure(e.person.name) for e in by_rank[:12])  # enough to judge
        layout = stack_cell((x0 + inset, y0 + inset, x1 - inset, y1 - inset), len(group),
                            slot=max(line, 2 * radius + 1.5 * points), radius=radius,
                            name_width=beside - radius + widths[(len(widths) * 3) // 4],
                            keep=sum(e.must for e in group),
                            names=sum(e.text is not None for e in group))
        heaviest = lambda e: (-weights.get(e.person.id, 0.0), e.person.name)  # noqa: E731
        named = sorted(by_rank[:len(layout.named)], key=heaviest)
        unnamed = sorted(by_rank[len(layout.named):], key=heaviest)
        for entry, place, has_name in [*((e, p, True) for e, p in zip(named, layout.named,
                                                                      strict=True)),
                                       *((e, p, False) for e, p in zip(unnamed, layout.unnamed,
                                                                       strict=True))]:
            data = to_data(place)
            entry.marker.point = (float(data[0]), float(data[1]))
            entry.marker.beside_pt = (beside - 2.0 * points) / points
            entry.marker.region = (column - 0.5, bottom, column + 0.5, top)
            entry.marker.named = has_name
            offsets[entry.group][entry.slot] = data
            size = entry.size if has_name else min(entry.size,
                                                   (layout.unnamed_size / points) ** 2)
            sizes[entry.group][entry.slot] = size
            entry.marker.radius_pt = math.sqrt(size) / 2 + 1.0
            if entry.text is not None:
                # A name ends before the next column's markers (they start at its edge,
                # less their padding) or, in the last column, before the cell's edge.
                edge = x0 + inset + layout.column_width * (1 + round(
                    (place[0] - radius - x0 - inset) / layout.column_width))
                edge = x1 if edge >= x1 - inset - 1.0 else edge
                _fit(entry.text, entry.person.name, renderer,
                     edge - 2.5 * points - (place[0] + beside))
    for scatter, placed, drawn in zip(scatters, offsets, sizes, strict=True):
        scatter.set_offsets(placed)
        scatter.set_sizes(drawn)  # an unnamed marker in a crowded cell is drawn smaller


def _fit(text: Text, name: str, renderer: RendererBase, room: float) -> None:
    """The name, or as much of it as the column holds with an ellipsis ("Chloé Ekwu…"):
    a narrow chart still tells who is where; the table has the full name."""
    font = text.get_fontproperties()

    def width(candidate: str) -> float:
        return renderer.get_text_width_height_descent(candidate, font, ismath=False)[0]

    if width(name) <= room:
        text.set_text(name)
        return
    low, high = 1, len(name) - 1  # the longest prefix that fits, found by halving
    while low < high:
        middle = (low + high + 1) // 2
        if width(name[:middle].rstrip() + "…") <= room:
            low = middle
        else:
            high = middle - 1
    text.set_text(name[:low].rstrip() + "…")


def _legend(ax: Axes, font_size: float, *, selected: bool) -> Legend:
    from matplotlib.lines import Line2D

    grey = "#666666"
    handles = [Line2D([], [], marker="o", linestyle="none", markerfacecolor=grey,
                      markeredgecolor=grey, markersize=5, label="Size = influence weight"),
               Line2D([], [], marker="o", linestyle="none", markerfacecolor="white",
                      markeredgecolor=grey, markersize=7, label="Hollow = personal win unknown"),
               Line2D([], [], marker="o", linestyle="none", markerfacecolor="none",
                      markeredgecolor=HIGHLIGHT, markeredgewidth=2.0, markersize=9,
                      label="Selected")][:3 if selected else 2]
    return ax.legend(handles=handles, loc="lower center", bbox_to_anchor=(0.5, 1.0),
                     ncols=len(handles), fontsize=font_size - 1.5, frameon=False, handletextpad=0.3,
                     columnspacing=1.4, labelcolor=INK)
