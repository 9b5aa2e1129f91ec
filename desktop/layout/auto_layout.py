"""Automatic card placement by influence: connected people near each other (the org chart
from reports-to lines is ``org_chart.py``). Pure computation (numpy/scipy, no Qt), so the
window runs it on a worker thread and the benchmark runs it bare.

Influence layout = stress majorisation (Gansner, Koren & North 2004): place people so that
the distance on the map matches the number of hops between them, weighting near pairs most.
It starts from pivot MDS (Brandes & Pich 2006), which is already close, so a few dozen
iterations of the O(n²) update finish a 2,000-person map in well under a second — where
networkx's spring layout needs many seconds for a worse stress. Details and figures in
``docs/map.md``.
"""

from __future__ import annotations

from collections.abc import Hashable, Iterable, Sequence
from dataclasses import dataclass

import numpy as np
from numpy.typing import NDArray
from scipy.sparse import csr_matrix
from scipy.spatial import cKDTree

Edge = tuple[Hashable, Hashable]
Positions = dict[Hashable, tuple[float, float]]

HOP_LENGTH = 300.0  # scene units between neighbours: a card's width plus room for the line


@dataclass(frozen=True, slots=True)
class StressResult:
    positions: NDArray[np.float64]  # n × 2, in hops
    distances: NDArray[np.float64]  # n × n, graph hops (unreachable = longest + 1)


def hop_distances(count: int, edges: Sequence[tuple[int, int]]) -> NDArray[np.float64]:
    """All-pairs hop counts, breadth first for every source at once: the frontier of all
    sources is one dense boolean matrix pushed through the sparse adjacency, so the whole
    table takes one sparse product per level of the graph's diameter."""

    distance = np.full((count, count), np.inf)
    np.fill_diagonal(distance, 0.0)
    if not edges or count < 2:
        return _close_gaps(distance)
    rows = np.fromiter((a for a, b in edges), dtype=np.int64, count=len(edges))
    cols = np.fromiter((b for a, b in edges), dtype=np.int64, count=len(edges))
    keep = rows != cols
    rows, cols = rows[keep], cols[keep]
    ones = np.ones(len(rows) * 2, dtype=np.float32)
    adjacency = csr_matrix((ones, (np.r_[rows, cols], np.r_[cols, rows])), shape=(count, count))
    adjacency.data[:] = 1.0
    seen = np.eye(count, dtype=bool)
    frontier = np.eye(count, dtype=np.float32)
    level = 0
    while frontier.any():
        level += 1
        reached = np.asarray((adjacency @ frontier.T).T) > 0  # row s: neighbours of s's frontier
        reached &= ~seen
        if not reached.any():
            break
        distance[reached] = level
        seen |= reached
        frontier = reached.astype(np.float32)
    return _close_gaps(distance)


def _close_gaps(distance: NDArray[np.float64]) -> NDArray[np.float64]:
    """Separate components sit one hop beyond the longest path, so they stay close but apart."""
    finite = np.isfinite(distance)
    longest = float(distance[finite].max()) if finite.any() else 0.0
    distance[~finite] = longest + 1.0
    return distance


def stress_positions(count: int, edges: Sequence[tuple[int, int]], *, iterations: int = 30,
                     pivots: int = 50, seed: int = 7) -> StressResult:
    """Positions (in hops) minimising Σ d⁻² (‖xᵢ − xⱼ‖ − dᵢⱼ)²."""
    if count == 0:
        return StressResult(np.zeros((0, 2)), np.zeros((0, 0)))
    distance = hop_distances(count, edges)
    if count == 1:
        return StressResult(np.zeros((1, 2)), distance)
    positions = _pivot_mds(distance, pivots, seed)
    work = distance.astype(np.float32)
    np.fill_diagonal(work, 1.0)
    weight = work ** -2
    np.fill_diagonal(weight, 0.0)
    weighted_distance = weight * work
    weight_sum = weight.sum(axis=1)[:, None]
    x = positions.astype(np.float32)
    for _ in range(iterations):
        squared = (x * x).sum(axis=1)
        gap = squared[:, None] + squared[None, :] - 2.0 * (x @ x.T)
        np.maximum(gap, 1e-9, out=gap)
        np.sqrt(gap, out=gap)
        np.divide(weighted_distance, gap, out=gap)
        np.fill_diagonal(gap, 0.0)
        x = (weight @ x + gap.sum(axis=1)[:, None] * x - gap @ x) / weight_sum
    return StressResult(x.astype(np.float64), distance)


def _pivot_mds(distance: NDArray[np.float64], pivots: int, seed: int) -> NDArray[np.float64]:
    """Classical MDS on the distances to a few far-apart pivots: a good start in O(n·k)."""
    count = len(distance)
    rng = np.random.default_rng(seed)
    chosen = [int(rng.integers(count))]
    nearest = distance[chosen[0]].copy()
    for _ in range(min(pivots, count) - 1):
        far = int(np.argmax(nearest))
        chosen.append(far)
        np.minimum(nearest, distance[far], out=nearest)
    squared = distance[:, chosen] ** 2
    centred = -0.5 * (squared - squared.mean(axis=0) - squared.mean(axis=1)[:, None]
                      + squared.mean())
    left, singular, _ = np.linalg.svd(centred, full_matrices=False)
    start = left[:, :2] * singular[:2]
    if start.shape[1] < 2:  # a graph with one dimension of spread
        start = np.c_[start, np.zeros(count)]
    # Nudge coincident points (twins with the same neighbours) apart, reproducibly.
    return np.asarray(start + rng.normal(scale=1e-3, size=start.shape), dtype=np.float64)


def normalised_stress(positions: NDArray[np.float64], distance: NDArray[np.float64]) -> float:
    """Stress after the best uniform scaling, so layouts of any scale compare fairly
    (0 = every distance exact). Used by the benchmark and the tests."""
    count = len(positions)
    if count < 2:
        return 0.0
    upper = np.triu_indices(count, 1)
    target = distance[upper]
    diff = positions[upper[0]] - positions[upper[1]]
    drawn = np.sqrt((diff * diff).sum(axis=1))
    weight = target ** -2.0
    scale = (weight * target * drawn).sum() / max((weight * drawn * drawn).sum(), 1e-12)
    return float((weight * (scale * drawn - target) ** 2).sum() / (weight * target ** 2).sum())


def influence_layout(nodes: Sequence[Hashable], edges: Iterable[Edge]) -> Positions:
    """Scene positions for every node, neighbours about one card-and-a-line apart, then
    spread until cards no longer cover each other."""
    index = {node: i for i, node in enumerate(nodes)}
    pairs = [(index[a], index[b]) for a, b in edges if a in index and b in index]
    result = stress_positions(len(nodes), pairs)
    xy = remove_overlaps(result.positions * HOP_LENGTH)
    if len(xy):
        xy -= xy.min(axis=0)
    return {node: (float(xy[i, 0]), float(xy[i, 1])) for i, node in enumerate(nodes)}


CARD_BOX = (246.0, 98.0)  # a card with room around it: what must not overlap


def remove_overlaps(xy: NDArray[np.float64], box: tuple[float, float] = CARD_BOX,
                    rounds: int = 40) -> NDArray[np.float64]:
    """Spread a layout so that no two card boxes overlap, keeping its shape.

    First a uniform scale, so that a typical card has room (dense graphs pack many people
    within a hop); then pairwise pushes along the axis of least overlap, found with a k-d
    tree, for a bounded number of rounds: O(n log n) each.
    """
    count = len(xy)
    if count < 2:
        return xy
    width, height = box
    scaled = xy / np.array([width, height])  # a card is a unit square in these units
    tree = cKDTree(scaled)
    nearest, _ = tree.query(scaled, k=2)
    typical = float(np.median(nearest[:, 1]))
    if 0 < typical < 1.2:
        scaled *= 1.2 / typical
    rng = np.random.default_rng(3)
    for _ in range(rounds):
        pairs = cKDTree(scaled).query_pairs(r=1.5, output_type="ndarray")
        if not len(pairs):
            break
        a, b = pairs[:, 0], pairs[:, 1]
        delta = scaled[b] - scaled[a]
        overlap = 1.0 - np.abs(delta)
        hit = (overlap[:, 0] > 0) & (overlap[:, 1] > 0)
        if not hit.any():
            break
        a, b, delta, overlap = a[hit], b[hit], delta[hit], overlap[hit]
        along_x = overlap[:, 0] < overlap[:, 1]
        sign = np.where(delta == 0, rng.choice((-1.0, 1.0), size=delta.shape), np.sign(delta))
        push = np.zeros_like(delta)
        push[along_x, 0] = overlap[along_x, 0] * sign[along_x, 0] * 0.5
        push[~along_x, 1] = overlap[~along_x, 1] * sign[~along_x, 1] * 0.5
        moves = np.zeros_like(scaled)
        np.add.at(moves, a, -push)
        np.add.at(moves, b, push)
        scaled += moves * 0.6
    return np.asarray(scaled * np.array([width, height]), dtype=np.float64)


