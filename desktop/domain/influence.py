"""Influence weight: how much each person's view counts in the decision.

The seller's stated influence (low/medium/high) is a judgement; the map's lines are evidence
of it. We blend the two (``docs/triangle-math.md``)::

    stated_i = level_i / Σ level            (low = 1, medium = 2, high = 3)
    network_i = PageRank of i over "defers to" edges
    weight_i = ½ · stated_i + ½ · network_i      (Σ weight = 1)

"Defers to" edges point at the person with power: a report defers to their manager
(reports-to, weight 2; dotted-line, weight 1), and someone influenced defers to the
influencer (weight = strength 1–3). Conflict lines carry no deference. A deal without such
lines falls back to the stated weights alone: PageRank of an empty graph is uniform and would
only blur what the seller said.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import networkx as nx

from desktop.domain.enums import RelationKind
from desktop.domain.person import Person
from desktop.domain.relation import Relation

STATED_SHARE = 0.5
PAGERANK_DAMPING = 0.85
_DEFERENCE_WEIGHT = {RelationKind.REPORTS_TO: 2.0, RelationKind.DOTTED_LINE: 1.0}


def deference_graph(people: Sequence[Person], relations: Sequence[Relation]) -> nx.DiGraph:
    """People as nodes; an edge u → v when u defers to v, weighted by how strongly."""
    import networkx as nx  # on use: start-up need not pay ~0.15 s for it

    graph = nx.DiGraph()
    graph.add_nodes_from(person.id for person in people)
    for relation in relations:
        if relation.kind is RelationKind.INFLUENCE:
            source, target, weight = relation.target, relation.source, float(relation.strength)
        elif relation.kind in _DEFERENCE_WEIGHT:
            source, target = relation.source, relation.target
            weight = _DEFERENCE_WEIGHT[relation.kind]
        else:
            continue
        if graph.has_edge(source, target):
            graph[source][target]["weight"] += weight
        else:
            graph.add_edge(source, target, weight=weight)
    return graph


def stated_weights(people: Sequence[Person]) -> dict[str, float]:
    total = sum(person.influence.level for person in people)
    if not total:
        return {}
    return {person.id: person.influence.level / total for person in people}


def influence_weights(
    people: Sequence[Person], relations: Sequence[Relation]
) -> Mapping[str, float]:
    """Each person's share of influence; the shares add up to 1 (an empty deal has none)."""
    import networkx as nx  # on use: start-up need not pay ~0.15 s for it

    stated = stated_weights(people)
    graph = deference_graph(people, relations)
    if graph.number_of_edges() == 0:
        return stated
    network = nx.pagerank(graph, alpha=PAGERANK_DAMPING, weight="weight")
    return {
        pid: STATED_SHARE * stated[pid] + (1.0 - STATED_SHARE) * network[pid] for pid in stated
    }
