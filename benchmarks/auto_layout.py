"""Auto-layout of 2,000 people (3 relations each) versus ``networkx.spring_layout`` on the
same graph, in the same run: goal ≤ 2 s and ≥ 5× faster, with a quality figure no worse.

Quality = normalised stress (``desktop.layout.auto_layout.normalised_stress``): how far map
distances are from hop distances after the best uniform scaling, 0 being perfect; lower is
better. Ours is measured on the positions the window would apply (after overlap removal).
"""

from __future__ import annotations

import time

import numpy as np

from benchmarks.harness import Result
from desktop.layout.auto_layout import hop_distances, influence_layout, normalised_stress
from desktop.synthetic import synthetic_deal

PEOPLE = 2_000


def run() -> list[Result]:
    import networkx as nx

    deal = synthetic_deal(PEOPLE, relations_per_person=3, seed=11)
    nodes = [p.id for p in deal.people]
    edges = [(r.source, r.target) for r in deal.relations]
    index = {node: i for i, node in enumerate(nodes)}
    distances = hop_distances(len(nodes), [(index[a], index[b]) for a, b in edges])

    start = time.perf_counter()
    ours = influence_layout(nodes, edges)
    ours_time = time.perf_counter() - start

    graph = nx.Graph()
    graph.add_nodes_from(nodes)
    graph.add_edges_from(edges)
    start = time.perf_counter()
    spring = nx.spring_layout(graph, seed=11)
    spring_time = time.perf_counter() - start

    ours_stress = normalised_stress(np.array([ours[n] for n in nodes]), distances)
    spring_stress = normalised_stress(np.array([spring[n] for n in nodes]), distances)
    return [Result(
        f"influence layout of {PEOPLE:,} people (vs spring)", ours_time, spring_time,
        goal="≤ 2 s and ≤ 0.2x, stress no worse",
        note=f"{len(edges):,} lines; stress ours {ours_stress:.3f} spring {spring_stress:.3f}")]
