"""One call that answers "where does this deal stand?" for the CLI, the window and print."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from desktop.domain.deal import Deal
from desktop.domain.enums import Axis
from desktop.domain.influence import influence_weights
from desktop.domain.triangle_math import DealTriangle, deal_triangle


@dataclass(frozen=True, slots=True)
class DealAnalysis:
    weights: dict[str, float]
    triangle: DealTriangle

    def to_plain(self, deal: Deal) -> dict[str, Any]:
        """The ``"analysis"`` object of ``show --json`` (documented in docs/deal-file.md)."""
        return {
            "triangle": {
                axis.value: {
                    "value": _round(self.triangle[axis].value),
                    "coverage": round(self.triangle[axis].coverage, 4),
                    "known_people": self.triangle[axis].known_people,
                }
                for axis in Axis
            },
            "influence": [
                {"person": p.id, "name": p.name, "weight": round(self.weights[p.id], 4)}
                for p in sorted(deal.people, key=lambda p: (-self.weights[p.id], p.name))
            ],
        }


def analyse(deal: Deal) -> DealAnalysis:
    weights = dict(influence_weights(deal.people, deal.relations))
    return DealAnalysis(weights=weights, triangle=deal_triangle(deal.people, weights))


def _round(value: float | None) -> float | None:
    return None if value is None else round(value, 2)
