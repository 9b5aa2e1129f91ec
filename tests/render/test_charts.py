"""The names on the balance map and on the support × influence grid: drawn for real (Agg),
then measured. A high-influence person is never left unnamed, no two names overlap, no name
covers a marker, and the chart says how many names it left out."""

from __future__ import annotations

import itertools
import math
import re
from collections import Counter
from collections.abc import Callable, Iterator

import numpy as np
import pytest
from matplotlib.axes import Axes
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.collections import PathCollection
from matplotlib.colors import to_hex
from matplotlib.figure import Figure
from matplotlib.text import Text
from matplotlib.transforms import Bbox
from pytestqt.qtbot import QtBot

from desktop.domain.analysis import analyse
from desktop.domain.deal import Deal
from desktop.domain.enums import Axis, Influence, Support
from desktop.domain.person import Person
from desktop.domain.scores import Score, Triangle
from desktop.palette import HIGHLIGHT
from desktop.render.chart_labels import importance, label_order
from desktop.render.grid_cells import stack_cell
from desktop.render.grid_figure import bands, draw_support_influence_grid
from desktop.render.label_space import Coverage, Space, segment_hits
from desktop.render.triangle_figure import barycentre, draw_balance_map
from desktop.synthetic import synthetic_deal
from desktop.ui.main_window import MainWindow
from desktop.ui.panels.triangle_view import Chart, TriangleView

Draw = Callable[[Axes, Deal, str | None], object]


def balance(ax: Axes, deal: Deal, selected: str | None) -> object:
    return draw_balance_map(ax, deal.people, analyse(deal).weights, selected)


def grid(ax: Axes, deal: Deal, selected: str | None) -> object:
    draw_support_influence_grid(ax, deal.people, analyse(deal).weights, selected)
    return None


def colours(collection: PathCollection, *, face: bool) -> list[str]:
    """The face (or edge) colours of a scatter as hex; empty for "none"."""
    rgba = np.asarray(collection.get_facecolor() if face else collection.get_edgecolor(),
                      dtype=float).reshape(-1, 4)
    return [to_hex((float(r), float(g), float(b), float(a))) for r, g, b, a in rgba]


def is_ring(collection: PathCollection) -> bool:
    """The selected person's highlight: no face, a HIGHLIGHT edge."""
    edges = colours(collection, face=False)
    return not colours(collection, face=True) and bool(edges) and edges[0] == to_hex(HIGHLIGHT)


def drawn(draw: Draw, deal: Deal, selected: str | None = None,
          size: tuple[float, float] = (6.0, 5.0)) -> tuple[Figure, Axes]:
    """As the window draws it: constrained layout, 100 dpi, then a real Agg draw."""
    figure = Figure(figsize=size, dpi=100, layout="constrained")
    FigureCanvasAgg(figure)
    ax = figure.add_subplot()
    draw(ax, deal, selected)
    figure.canvas.draw()
    return figure, ax


def names(ax: Axes) -> dict[str, Text]:
    """The drawn name of each person (a name text carries the person's id as its gid)."""
    return {t.get_gid() or "": t for t in ax.texts if t.get_gid() and t.get_visible()}


def extent(figure: Figure, artist: Text) -> Bbox:
    return artist.get_window_extent(figure.canvas.get_renderer())  # type: ignore[attr-defined]


def marker_boxes(figure: Figure, ax: Axes, *, rings: bool) -> Iterator[Bbox]:
    """Every scatter point's box in pixels (a marker of area s pt² spans √s pt)."""
    scale = figure.dpi / 72.0
    for collection in ax.collections:
        if not isinstance(collection, PathCollection):
            continue
        if is_ring(collection) and not rings:
            continue
        offsets = ax.transData.transform(np.asarray(collection.get_offsets(), dtype=float))
        sizes = np.broadcast_to(collection.get_sizes(), (len(offsets),))
        for (x, y), size in zip(offsets, sizes, strict=True):
            half = math.sqrt(float(size)) / 2 * scale
            yield Bbox.from_extents(x - half, y - half, x + half, y + half)


def overlap(a: Bbox, b: Bbox, slack: float = 0.5) -> bool:
    """Sharing more than a hair of area (edges touching do not count)."""
    return bool(min(a.x1, b.x1) - max(a.x0, b.x0) > slack
                and min(a.y1, b.y1) - max(a.y0, b.y0) > slack)


def assert_names_apart(figure: Figure, ax: Axes, *, rings: bool) -> None:
    boxes = {pid: extent(figure, text) for pid, text in names(ax).items()}
    for (a, box_a), (b, box_b) in itertools.combinations(boxes.items(), 2):
        assert not overlap(box_a, box_b), (names(ax)[a].get_text(), names(ax)[b].get_text())
    markers = list(marker_boxes(figure, ax, rings=rings))
    for pid, box in boxes.items():
        for marker in markers:
            assert not overlap(box, marker), names(ax)[pid].get_text()


def left_out_note(ax: Axes) -> int:
    """The count the chart states ("14 names left out …"), 0 when it states none."""
    for text in ax.texts:
        found = re.match(r"([\d,]+) names? left out", text.get_text())
        if found and text.get_visible():
            return int(found.group(1).replace(",", ""))
    return 0



@pytest.fixture(scope="module")
def sixty() -> Deal:
    return synthetic_deal(60, seed=1)


def person(name: str, support: Support, influence: Influence = Influence.MEDIUM,
           personal: int | None = 5) -> Person:
    return Person(name=name, support=support, influence=influence,
                  scores=Triangle(Score(5), Score(5), Score(personal)))


# ---------------------------------------------------------------- who is named first


def test_risk_puts_opponents_and_unknown_personal_wins_first() -> None:
    friend = person("Friend", Support.SUPPORTER)
    foe = person("Foe", Support.OPPONENT)
    enemy = person("Enemy", Support.ENEMY)
    unknown = person("Unknown win", Support.SUPPORTER, personal=None)
    weights = {p.id: 0.25 for p in (friend, foe, enemy, unknown)}
    assert importance(enemy, weights) > importance(foe, weights) > importance(friend, weights)
    assert importance(unknown, weights) > importance(friend, weights)
    # Weight still counts: a much heavier friend comes before a light foe.
    assert importance(friend, {friend.id: 0.9}) > importance(foe, {foe.id: 0.1})


def test_label_order_is_selected_then_high_influence_then_importance() -> None:
    big_friend = person("Big friend", Support.MENTOR, Influence.HIGH)
    foe = person("Foe", Support.ENEMY)
    chosen = person("Chosen", Support.NEUTRAL, Influence.LOW)
    weights = {big_friend.id: 0.1, foe.id: 0.5, chosen.id: 0.01}
    order = label_order([foe, chosen, big_friend], weights, chosen.id)
    assert [p.name for p in order] == ["Chosen", "Big friend", "Foe"]


# ---------------------------------------------------------------- the balance map


@pytest.mark.parametrize("which", ["helix", "sixty"])
def test_balance_map_names_every_high_influence_person_apart(
        which: str, request: pytest.FixtureRequest) -> None:
    deal: Deal = request.getfixturevalue(which)
    figure, ax = drawn(balance, deal)
    shown = names(ax)
    not_placed = " ".join(t.get_text() for t in ax.texts if t.get_text().startswith("Not"))
    for someone in deal.people:
        if someone.influence is Influence.HIGH:
            if barycentre(someone) is None:  # nothing known: listed under the chart
                assert someone.name in not_placed
            else:
                assert someone.id in shown, someone.name
    assert_names_apart(figure, ax, rings=True)
    placed = sum(barycentre(p) is not None for p in deal.people)
    assert left_out_note(ax) == placed - len(shown)


def test_the_cfo_who_opposes_us_is_named_on_helix(helix: Deal) -> None:
    """The bug: the high-influence CFO against us was among the names left out."""
    cfo = next(p for p in helix.people if p.name == "Oliver Grant")
    assert cfo.influence is Influence.HIGH
    assert cfo.support < 0
    _, ax = drawn(balance, helix)
    assert names(ax)[cfo.id].get_text() == "Oliver Grant"
    assert left_out_note(ax) == 0  # the whole demo deal fits, with leader lines


def test_balance_map_names_move_with_the_size_the_chart_is_drawn_at(sixty: Deal) -> None:
    figure, ax = drawn(balance, sixty)
    wide = left_out_note(ax)
    figure.set_size_inches(4.0, 3.4)  # the window made smaller: drawn again
    figure.canvas.draw()
    assert left_out_note(ax) > wide  # fewer names fit, and the chart says so
    shown = names(ax)
    for someone in sixty.people:
        if someone.influence is Influence.HIGH and barycentre(someone) is not None:
            assert someone.id in shown
    boxes = [extent(figure, text) for text in shown.values()]
    for a, b in itertools.combinations(boxes, 2):
        assert not overlap(a, b)


def test_a_name_moved_away_from_its_point_has_a_leader_line(helix: Deal) -> None:
    figure, ax = drawn(balance, helix)
    leaders = [c for c in ax.collections
               if not isinstance(c, PathCollection) and c.get_segments()]  # type: ignore[attr-defined]
    assert leaders, "the crowded middle of Helix needs leader lines"
    segments = leaders[0].get_segments()  # type: ignore[attr-defined]
    points = [ax.transData.transform(point) for p in helix.people
              if (point := barycentre(p)) is not None]
    boxes = [extent(figure, t) for t in names(ax).values()]
    for segment in segments:
        start, end = ax.transData.transform(np.asarray(segment))
        assert min(math.dist(start, p) for p in points) < 20  # starts at a marker's edge
        assert any(b.x0 - 1 <= end[0] <= b.x1 + 1 and b.y0 - 1 <= end[1] <= b.y1 + 1
                   for b in boxes)  # ends on a name


def test_the_selected_person_is_named_in_bold_even_when_unimportant(sixty: Deal) -> None:
    analysis = analyse(sixty)
    quiet = min(sixty.people, key=lambda p: (barycentre(p) is None,
                                             importance(p, analysis.weights)))
    figure, ax = drawn(balance, sixty, quiet.id)
    assert names(ax)[quiet.id].get_fontweight() == "bold"
    assert_names_apart(figure, ax, rings=True)


# ---------------------------------------------------------------- the grid


def cell_of(ax: Axes, deal: Deal, someone: Person) -> tuple[float, float, float, float]:
    bottom, top = bands(deal.people)[someone.influence]
    return (int(someone.support) - 0.5, bottom, int(someone.support) + 0.5, top)


def grid_points(ax: Axes) -> list[tuple[float, float]]:
    return [(float(x), float(y)) for c in ax.collections
            if isinstance(c, PathCollection) and not is_ring(c)
            for x, y in np.asarray(c.get_offsets(), dtype=float)]


@pytest.mark.parametrize("which", ["helix", "sixty"])
def test_grid_puts_everyone_in_their_cell_apart_and_names_the_powerful(
        which: str, request: pytest.FixtureRequest) -> None:
    deal: Deal = request.getfixturevalue(which)
    figure, ax = drawn(grid, deal)
    points = grid_points(ax)
    assert len(points) == len(deal.people)  # nobody is left off the grid
    boxes = list(marker_boxes(figure, ax, rings=False))
    for a, b in itertools.combinations(boxes, 2):
        assert not overlap(a, b)  # nobody hides behind a colleague
    shown = names(ax)
    for someone in deal.people:
        x0, y0, x1, y1 = cell_of(ax, deal, someone)
        if someone.id in shown:  # a name stays in its person's cell
            box = ax.transData.inverted().transform(extent(figure, shown[someone.id]))
            assert x0 - 1e-6 <= box[0][0], someone.name
            assert box[1][0] <= x1 + 1e-6, someone.name
            assert y0 - 1e-6 <= box[0][1], someone.name
            assert box[1][1] <= y1 + 1e-6, someone.name
        if someone.influence is Influence.HIGH:
            assert someone.id in shown, someone.name
    # As many markers in each cell as people of that support and influence.
    rows = bands(deal.people)
    expected = Counter((int(p.support), p.influence) for p in deal.people)
    found: Counter[tuple[int, Influence]] = Counter()
    for x, y in points:
        row = next(r for r, (bottom, top) in rows.items() if bottom < y < top)
        assert abs(x - round(x)) < 0.5
        found[(round(x), row)] += 1
    assert found == expected
    assert_names_apart(figure, ax, rings=False)
    assert left_out_note(ax) == len(deal.people) - len(shown)


def test_grid_markers_match_their_people(helix: Deal) -> None:
    """Each person's marker is in their own cell (found by the name beside it)."""
    figure, ax = drawn(grid, helix)
    shown = names(ax)
    points = ax.transData.transform(np.array(grid_points(ax)))
    for someone in helix.people:
        if someone.id not in shown:
            continue
        box = extent(figure, shown[someone.id])
        nearest = min(points, key=lambda p: math.dist(p, (box.x0, (box.y0 + box.y1) / 2)))
        x0, y0, x1, y1 = cell_of(ax, helix, someone)
        x, y = ax.transData.inverted().transform(nearest)
        assert x0 < x < x1, someone.name
        assert y0 < y < y1, someone.name


def test_grid_captions_tell_a_seller_what_to_do(helix: Deal) -> None:
    _, ax = drawn(grid, helix)
    words = " ".join(t.get_text() for t in ax.texts)
    for caption in ("Key opponents", "win them or neutralise", "Key supporters",
                    "Undecided", "Keep informed", "Monitor"):
        assert caption in words
    ticks = [t.get_text() for t in ax.get_xticklabels()]
    assert ticks[0].endswith("Enemy")
    assert ticks[-1].endswith("Mentor")
    assert [t.get_text() for t in ax.get_yticklabels()] == ["Low", "Medium", "High"]


def test_grid_rings_the_selected_person_and_hollows_unknown_personal_wins(helix: Deal) -> None:
    chosen = next(p for p in helix.people if p.influence is Influence.LOW)
    figure, ax = drawn(grid, helix, chosen.id)
    rings = [c for c in ax.collections if isinstance(c, PathCollection) and is_ring(c)]
    assert len(rings) == 1
    ring = ax.transData.transform(np.asarray(rings[0].get_offsets())[0])
    label = extent(figure, names(ax)[chosen.id])
    assert abs(ring[1] - (label.y0 + label.y1) / 2) < 3  # the ring is on the named row
    assert 0 < label.x0 - ring[0] < 25
    assert names(ax)[chosen.id].get_fontweight() == "bold"
    hollow = sum(p.scores[Axis.PERSONAL].value is None for p in helix.people)
    white = 0
    for c in ax.collections:
        if isinstance(c, PathCollection) and not is_ring(c):
            faces = colours(c, face=True)  # one colour is shared by every point
            points = len(np.asarray(c.get_offsets()))
            white += (faces * points if len(faces) == 1 else faces).count("#ffffff")
    assert white == hollow


def test_a_crowded_grid_cell_keeps_names_for_the_heaviest(sixty: Deal) -> None:
    figure, ax = drawn(grid, sixty, size=(4.0, 3.4))
    shown = names(ax)
    assert left_out_note(ax) == len(sixty.people) - len(shown) > 0
    for someone in sixty.people:
        if someone.influence is Influence.HIGH:
            assert someone.id in shown
    assert_names_apart(figure, ax, rings=False)


def test_stack_cell_lists_then_overflows_into_a_tight_row() -> None:
    box = (0.0, 0.0, 100.0, 60.0)  # room for 5 lines of 12 px, one column of names
    few = stack_cell(box, 4, slot=12.0, radius=5.0, name_width=80.0)
    assert few.unnamed == []
    assert [y for _, y in few.named] == [54.0, 42.0, 30.0, 18.0]  # top down, a line apart
    many = stack_cell(box, 20, slot=12.0, radius=5.0, name_width=80.0)
    assert len(many.named) + len(many.unnamed) == 20
    assert len(many.named) >= 1
    every = many.named + many.unnamed
    for (ax_, ay), (bx, by) in itertools.combinations(every, 2):
        assert abs(ax_ - bx) >= 10.0 or abs(ay - by) >= 10.0  # two radii apart
    assert all(0.0 <= x <= 100.0 and 0.0 <= y <= 60.0 for x, y in every)
    wide = stack_cell((0.0, 0.0, 300.0, 60.0), 8, slot=12.0, radius=5.0, name_width=80.0)
    assert wide.unnamed == []
    assert len({x for x, _ in wide.named}) == 2  # two named columns


def test_stack_cell_keeps_named_places_for_those_who_must_be_named() -> None:
    box = (0.0, 0.0, 100.0, 60.0)
    crowded = stack_cell(box, 40, slot=12.0, radius=5.0, name_width=80.0, keep=7)
    assert len(crowded.named) >= 7  # squeezed into a second column rather than unnamed
    few_names = stack_cell(box, 4, slot=12.0, radius=5.0, name_width=80.0, names=1)
    assert len(few_names.named) == 1  # no listed marker without its name
    assert len(few_names.unnamed) == 3


def test_stack_cell_draws_a_crowd_smaller_rather_than_on_top_of_each_other() -> None:
    layout = stack_cell((0.0, 0.0, 100.0, 60.0), 300, slot=12.0, radius=5.0, name_width=80.0)
    every = layout.named + layout.unnamed
    assert len(every) == 300
    assert layout.unnamed_size < 10.0
    for (ax_, ay), (bx, by) in itertools.combinations(layout.unnamed, 2):
        assert max(abs(ax_ - bx), abs(ay - by)) >= layout.unnamed_size  # apart, if small
    assert all(-1e-9 <= x <= 100.0 and -1e-9 <= y <= 60.0 for x, y in every)


def test_label_space_counts_markers_and_crossings() -> None:
    markers = np.array([[10.0, 10.0, 20.0, 20.0], [50.0, 50.0, 60.0, 60.0]])
    frame = np.array([0.0, 0.0, 100.0, 100.0])
    coverage = Coverage(markers, frame, 1.0)
    assert list(coverage.area(np.array([[0.0, 0.0, 30.0, 30.0], [25.0, 25.0, 45.0, 45.0],
                                        [19.5, 10.0, 40.0, 20.0]]))) == [100, 0, 0]
    flat = np.array([[0.0, 15.0, 100.0, 15.0]])  # horizontal: its span has no area
    assert segment_hits(flat, markers).tolist() == [[True, False]]
    assert 9 <= coverage.along(flat, np.array([15.0, 15.0]), 0.0)[0] <= 11  # one per cell
    assert coverage.along(flat, np.array([15.0, 15.0]), 8.0)[0] == 0  # its own marker
    space = Space(markers, np.zeros((0, 4)), frame, 1.0)
    placed = space.choose(np.array([15.0, 15.0]), 5.0, 20.0, 6.0, near=7.0, clear=6.5,
                          reach=4, must=False)
    assert placed is not None
    box, leader = placed
    assert leader is None  # room right beside it
    assert box[0] >= 21.0


# ---------------------------------------------------------------- in the window


def test_triangle_view_shows_the_grid(window: MainWindow, qtbot: QtBot) -> None:
    qtbot.waitUntil(lambda: window.analysis_panel.analysis is not None, timeout=10_000)
    view = TriangleView(Chart.GRID, window.analysis_panel, window.selection)
    qtbot.addWidget(view)
    view.resize(900, 500)
    view.show()
    qtbot.waitExposed(view)
    deal = window.session.deal
    assert deal is not None
    chosen = deal.people[0]
    window.selection.set([chosen.id])
    qtbot.waitUntil(lambda: view.draws > 0 and view.canvas is not None)
    assert view.objectName() == "grid_chart"
    assert view.canvas is not None
    view.canvas.draw()
    ax = view.canvas.figure.axes[0]
    assert any("Key opponents" in t.get_text() for t in ax.texts)
    assert names(ax)[chosen.id].get_fontweight() == "bold"
    assert len(grid_points(ax)) == len(deal.people)
