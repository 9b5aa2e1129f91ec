"""The what-if on the decision triangle, drawn for real (Agg) and measured: its figures
("→ 5.8") keep clear of the axis ticks, the rim, today's figures and each other at the sizes
the window draws it; the projected triangle is told apart from today's by colour, dashes and
diamond corners, and the legend says what the dashed line and the hollow circles mean (a
fresh-eyes tester found "→ 5.8" on the "10" tick and "→ 6.5" on the rim)."""

from __future__ import annotations

import itertools
import warnings

import numpy as np
import pytest
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.colors import to_hex
from matplotlib.figure import Figure
from matplotlib.lines import Line2D
from matplotlib.text import Text
from matplotlib.transforms import Bbox

from desktop.demo import demo_deals
from desktop.domain.analysis import analyse
from desktop.domain.deal import Deal
from desktop.domain.enums import Axis
from desktop.domain.what_if import what_if
from desktop.palette import INK
from desktop.render.triangle_figure import draw_decision_triangle, vertex
from desktop.render.what_if_labels import _crosses


def helix() -> Deal:
    return next(d for d in demo_deals() if d.name.startswith("Helix Health clinical"))


def drawn(deal: Deal, size: tuple[float, float], selected: str | None = None) -> Figure:
    analysis = analyse(deal)
    plan = what_if(deal, analysis.weights, flags_now=analysis.flags)
    figure = Figure(figsize=size, dpi=100, layout="constrained")
    FigureCanvasAgg(figure)
    ax = figure.add_subplot()
    draw_decision_triangle(ax, deal.people, analysis.triangle, selected,
                           projected=plan.triangle)
    figure.canvas.draw()
    return figure


def extent(text: Text, figure: Figure) -> Bbox:
    return text.get_window_extent(figure.canvas.get_renderer())  # type: ignore[attr-defined]


@pytest.mark.parametrize("size", [(6.0, 5.0), (8.2, 3.6), (5.0, 3.2), (10.0, 4.2)])
def test_the_projected_figures_touch_no_tick_no_rim_and_no_other_text(
        size: tuple[float, float]) -> None:
    deal = helix()
    figure = drawn(deal, size, selected=deal.people[0].id)  # Amelia: one unknown
    ax = figure.axes[0]
    analysis = analyse(deal)
    projected = what_if(deal, analysis.weights, flags_now=analysis.flags).triangle

    def plan_value(axis: Axis) -> float:
        value = projected[axis].value
        assert value is not None
        return value
    mine = [t for t in ax.texts if t.get_gid() == "what_if_figure"]
    assert sorted(t.get_text() for t in mine) == ["→ 5.8", "→ 6.5", "→ 6.7"]
    others = [t for t in ax.texts if t.get_gid() != "what_if_figure" and t.get_visible()
              and t.get_text().strip()]
    ticks = [t for t in others if t.get_text() in {"5", "10"}]
    assert len(ticks) == 6
    for figure_text in mine:
        box = extent(figure_text, figure)
        for other in others:
            assert not box.overlaps(extent(other, figure)), \
                (figure_text.get_text(), other.get_text(), size)
        corners = [ax.transData.transform(vertex(a)) for a in Axis]
        for a, b in zip(corners, corners[1:] + corners[:1], strict=True):
            assert not _crosses((box.x0, box.y0, box.x1, box.y1), ((a[0], a[1]), (b[0], b[1]))), \
                (figure_text.get_text(), "rim", size)
        assert ax.bbox.contains(box.x0, box.y0)
        assert ax.bbox.contains(box.x1, box.y1)
    for first, second in itertools.combinations(mine, 2):
        assert not extent(first, figure).overlaps(extent(second, figure))
    # beside its corner, or tied back to it by a thin line in its colour
    leaders = [line for line in ax.lines if line.get_gid() is None
               and to_hex(line.get_color()) == to_hex(mine[0].get_color())
               and np.size(line.get_xdata()) == 2]
    for figure_text in mine:
        value = float(figure_text.get_text().removeprefix("→ "))
        axis = next(a for a in Axis if abs(plan_value(a) - value) < 0.05)
        corner = ax.transData.transform(vertex(axis, plan_value(axis) / 10))
        box = extent(figure_text, figure)
        gap = max(box.x0 - corner[0], corner[0] - box.x1, box.y0 - corner[1],
                  corner[1] - box.y1, 0.0)
        start = vertex(axis, plan_value(axis) / 10)[0]
        tied = any(abs(float(np.ravel(np.asarray(line.get_xdata()))[0]) - start) < 1e-9
                   for line in leaders)
        assert gap <= 12 * 100 / 72 or tied, (figure_text.get_text(), gap, size)


def test_the_projection_is_told_apart_and_the_legend_says_both_hollow_and_dashed() -> None:
    deal = helix()
    figure = drawn(deal, (6.0, 5.0), selected=deal.people[0].id)  # Amelia: technical unknown
    ax = figure.axes[0]
    (dashed,) = [line for line in ax.lines if line.get_gid() == "what_if"]
    assert to_hex(dashed.get_color()) != to_hex(INK)
    assert dashed.get_linewidth() >= 2.4
    corners = [line for line in ax.lines if line.get_gid() == "what_if_point"]
    assert len(corners) == 3
    assert {line.get_marker() for line in corners} == {"D"}  # not the hollow circle
    assert all(line.get_markerfacecolor() != "white" for line in corners)
    legend = ax.get_legend()
    assert legend is not None
    labels = [t.get_text() for t in legend.get_texts()]
    assert "If the plan succeeds" in labels
    assert "Score unknown (drawn at the rim)" in labels
    handle = legend.legend_handles[labels.index("If the plan succeeds")]
    assert isinstance(handle, Line2D)
    assert handle.get_marker() == "D"
    assert handle.get_linestyle() == "--"
    ring = legend.legend_handles[labels.index("Score unknown (drawn at the rim)")]
    assert isinstance(ring, Line2D)
    assert ring.get_markerfacecolor() == "white"
    # nobody selected and every deal axis known: no hollow circle drawn, none explained
    plain = drawn(deal, (6.0, 5.0)).axes[0].get_legend()
    assert plain is not None
    assert "Score unknown (drawn at the rim)" not in [t.get_text()
                                                      for t in plain.get_texts()]


def test_the_legend_fits_a_narrow_chart_in_as_many_columns_as_it_holds() -> None:
    """The brief's chart is about 3 inches wide: the legend with its 'Score unknown' entry
    used to be one row wider than the figure, and constrained layout collapsed the chart."""
    deal = helix()
    analysis = analyse(deal)
    for width, columns in ((3.15, 1), (8.2, 3)):
        figure = Figure(figsize=(width, 2.64), dpi=72, layout="constrained")
        FigureCanvasAgg(figure)
        ax = figure.add_subplot()
        draw_decision_triangle(ax, deal.people, analysis.triangle, deal.people[0].id,
                               font_size=7.0)
        with warnings.catch_warnings():
            warnings.simplefilter("error")  # "constrained_layout not applied" fails it
            figure.canvas.draw()
        legend = ax.get_legend()
        assert legend is not None
        renderer = figure.canvas.get_renderer()  # type: ignore[attr-defined]
        lefts = {round(t.get_window_extent(renderer).x0) for t in legend.get_texts()}
        assert len(lefts) == columns
        box = legend.get_window_extent(renderer)
        assert figure.bbox.x0 <= box.x0
        assert box.x1 <= figure.bbox.x1
        assert ax.bbox.height > 100  # the triangle kept its room
