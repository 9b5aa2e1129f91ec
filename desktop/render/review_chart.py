"""The deal triangle over time: one small line chart per axis (business outcome, technical
fit, personal win), a point per snapshot and one for now — drawn with matplotlib on a given
``Axes`` so the Review tab and the printed review share one drawing.

An axis nobody's score is known on is a gap in its line, never a drop to 0; the snapshot the
review starts from is marked by a dashed line, so "since" reads at a glance.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from desktop.domain.enums import Axis
from desktop.domain.flag_types import day_text
from desktop.domain.review import TrianglePoint
from desktop.palette import AXIS_COLOURS, INK

if TYPE_CHECKING:
    from matplotlib.axes import Axes

SINCE_COLOUR = "#6B6B6B"
LABEL_CHARS = 12  # a snapshot's name on the time axis is cut to this many characters


def point_label(point: TrianglePoint) -> str:
    """"QBR\n9 Nov": the snapshot's name (cut) above its day; "Now" above today."""
    name = point.label if len(point.label) <= LABEL_CHARS else point.label[:LABEL_CHARS - 1] \
        + "…"
    return f"{name}\n{day_text(point.day).rsplit(' ', 1)[0]}"


def draw_axis_history(ax: Axes, history: Sequence[TrianglePoint], axis: Axis, *,
                      since: int | None = None, font_size: float = 8.0) -> None:
    """One axis of the deal triangle over ``history`` (oldest first, now last);
    ``since``: the index of the snapshot the review starts from."""
    colour = AXIS_COLOURS[axis]
    xs = list(range(len(history)))
    values = [point.value(axis) for point in history]
    ys = [float("nan") if value is None else value for value in values]
    ax.plot(xs, ys, color=colour, linewidth=1.8, marker="o", markersize=4, zorder=3)
    for x, value in zip(xs, values, strict=True):
        if value is None:
            ax.text(x, 5, "?", ha="center", va="center", color=colour,
                    fontsize=font_size, zorder=3)
    if values and values[-1] is not None:
        ax.annotate(f"{values[-1]:.1f}", (xs[-1], values[-1]), textcoords="offset points",
                    xytext=(0, 6), ha="center", fontsize=font_size, color=INK)
    if since is not None and 0 <= since < len(history):
        ax.axvline(since, color=SINCE_COLOUR, linewidth=0.8, linestyle="--", zorder=1)
    ax.set_title(axis.label, fontsize=font_size + 1, color=colour, loc="left")
    ax.set_ylim(0, 10.8)
    ax.set_yticks([0, 5, 10])
    ax.set_xlim(-0.4, max(0.4, len(history) - 0.6))
    ax.set_xticks(xs)
    crowded = len(history) > 3  # three small charts side by side: more labels overlap
    ax.set_xticklabels([point_label(p) if not crowded or i in (0, len(history) - 1)
                        or i == since else "" for i, p in enumerate(history)])
    ax.tick_params(labelsize=font_size - 1, length=2)
    ax.grid(axis="y", color="#E4E4E0", linewidth=0.6)
    for side in ("top", "right"):
        ax.spines[side].set_visible(False)
