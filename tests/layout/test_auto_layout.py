"""Automatic layouts: the org chart reads top-down, the influence layout keeps neighbours
close, and neither leaves two cards on top of each other."""

from __future__ import annotations

import itertools

import networkx as nx
import numpy as np
from hypothesis import given, settings
from hypothesis import strategies as st

from desktop.layout.auto_layout import (
    CARD_BOX,
    hop_distances,
    influence_layout,
    normalised_stress,
    remove_overlaps,
    stress_positions,
)
from desktop.layout.org_chart import CARD_HEIGHT, CARD_WIDTH, LEVEL, org_chart_layout

Layout = dict[object, tuple[float, float]]


def overlapping(positions: Layout,
                box: tuple[float, float] = (226.0, 80.0)) -> list[tuple[object, object]]:
    """Pairs whose card rectangles (the widest card, 226 × 80) intersect."""
    width, height = box
    return [(a, b) for (a, pa), (b, pb) in itertools.combinations(positions.items(), 2)
            if abs(pa[0] - pb[0]) < width and abs(pa[1] - pb[1]) < height]


def test_hop_distances_match_networkx() -> None:
    graph = nx.gnm_random_graph(60, 90, seed=4)
    distance = hop_distances(60, list(graph.edges))
    lengths = dict(nx.all_pairs_shortest_path_length(graph))
    longest = max(d for row in lengths.values() for d in row.values())
    for a in range(60):
        for b in range(60):
            assert distance[a, b] == lengths[a].get(b, longest + 1)


def test_org_chart_puts_managers_above_their_reports() -> None:
    reports_to = [("cto", "ceo"), ("cfo", "ceo"), ("dev1", "cto"), ("dev2", "cto"),
                  ("lead", "cto"), ("junior", "lead"), ("analyst", "cfo")]
    nodes = ["ceo", "cto", "cfo", "dev1", "dev2", "lead", "junior", "analyst", "loner"]
    positions = org_chart_layout(nodes, reports_to)
    assert set(positions) == set(nodes)
    for report, manager in reports_to:
        assert positions[report][1] >= positions[manager][1] + LEVEL - 1e-6
    assert overlapping(positions) == []


def test_a_big_team_is_stacked_not_spread() -> None:
    nodes = ["boss", *(f"r{i}" for i in range(20))]
    positions = org_chart_layout(nodes, [(f"r{i}", "boss") for i in range(20)])
    xs = {round(positions[f"r{i}"][0]) for i in range(20)}
    assert len(xs) <= 7  # stacked in a few columns, not twenty cards side by side
    assert overlapping(positions) == []


def test_a_wide_level_wraps_to_fill_a_laptop_map() -> None:
    """Twelve managers with two reports each under one head: a tidy tree is one strip 24
    cards wide; the compact chart wraps it to about the map's shape."""
    managers = [f"m{i}" for i in range(12)]
    reports = [f"r{i}{j}" for i in range(12) for j in range(2)]
    edges = [(m, "head") for m in managers] + [(f"r{i}{j}", f"m{i}") for i in range(12)
                                               for j in range(2)]
    positions = org_chart_layout(["head", *managers, *reports], edges, aspect=2.0)
    xs = [x for x, _ in positions.values()]
    ys = [y for _, y in positions.values()]
    width, height = max(xs) - min(xs) + CARD_WIDTH, max(ys) - min(ys) + CARD_HEIGHT
    assert 1.0 <= width / height <= 3.5
    assert overlapping(positions) == []
    for manager in managers:
        assert positions[manager][1] > positions["head"][1]


def test_the_chart_follows_the_shape_of_the_map() -> None:
    nodes = ["head", *(f"m{i}" for i in range(8)), *(f"r{i}" for i in range(24))]
    edges = [(f"m{i}", "head") for i in range(8)] + [(f"r{i}", f"m{i % 8}") for i in range(24)]

    def shape(aspect: float) -> float:
        positions = org_chart_layout(nodes, edges, aspect=aspect)
        xs = [x for x, _ in positions.values()]
        ys = [y for _, y in positions.values()]
        return (max(xs) - min(xs) + CARD_WIDTH) / (max(ys) - min(ys) + CARD_HEIGHT)

    assert shape(3.0) > shape(1.0)


def test_cycles_and_second_managers_do_not_break_the_chart() -> None:
    edges = [("a", "b"), ("b", "c"), ("c", "a"), ("d", "a"), ("d", "b"), ("e", "e")]
    positions = org_chart_layout(["a", "b", "c", "d", "e"], edges)
    assert set(positions) == {"a", "b", "c", "d", "e"}
    assert all(np.isfinite(v).all() for v in positions.values())
    assert overlapping(positions) == []


@settings(max_examples=25, deadline=None)
@given(st.integers(0, 40), st.lists(st.tuples(st.integers(0, 39), st.integers(0, 39)),
                                    max_size=80), st.sampled_from(["org", "influence"]))
def test_any_graph_gets_a_finite_layout_without_overlaps(count: int, edges: list[tuple[int, int]],
                                                         kind: str) -> None:
    nodes = list(range(count))
    pairs = [(a, b) for a, b in edges if a < count and b < count]
    layout = org_chart_layout if kind == "org" else influence_layout
    positions = layout(nodes, pairs)
    assert set(positions) == set(nodes)
    assert all(np.isfinite(p).all() for p in positions.values())
    assert overlapping(positions) == []


def test_influence_layout_is_deterministic_and_keeps_neighbours_close() -> None:
    graph = nx.connected_watts_strogatz_graph(80, 4, 0.1, seed=2)
    nodes, edges = list(graph.nodes), list(graph.edges)
    first = influence_layout(nodes, edges)
    assert first == influence_layout(nodes, edges)
    def gap(a: object, b: object) -> float:
        return float(np.hypot(first[a][0] - first[b][0], first[a][1] - first[b][1]))
    neighbours = np.median([gap(a, b) for a, b in edges])
    strangers = np.median([gap(a, b) for a, b in itertools.combinations(nodes[:40], 2)
                           if not graph.has_edge(a, b)])
    assert neighbours < strangers / 2


def test_stress_beats_random_and_spring_layout() -> None:
    graph = nx.gnm_random_graph(200, 400, seed=9)
    edges = list(graph.edges)
    result = stress_positions(200, edges)
    ours = normalised_stress(result.positions, result.distances)
    rng = np.random.default_rng(1)
    random = normalised_stress(rng.uniform(size=(200, 2)), result.distances)
    spring = nx.spring_layout(graph, seed=1)
    theirs = normalised_stress(np.array([spring[i] for i in range(200)]), result.distances)
    assert ours < random / 2
    assert ours <= theirs


def test_remove_overlaps_separates_a_pile() -> None:
    pile = np.zeros((30, 2)) + np.random.default_rng(0).normal(scale=1.0, size=(30, 2))
    spread = remove_overlaps(pile)
    width, height = CARD_BOX
    for a, b in itertools.combinations(range(30), 2):
        assert abs(spread[a, 0] - spread[b, 0]) >= width - 1e-6 or \
            abs(spread[a, 1] - spread[b, 1]) >= height - 1e-6
