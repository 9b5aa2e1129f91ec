"""One call that answers "where does this deal stand?" for the CLI, the window and print."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date
from typing import Any

from desktop.domain.deal import Deal
from desktop.domain.decision_test import (
    DEFAULTS,
    DecisionSettings,
    DecisionTest,
    decision_tests,
    decision_tests_to_plain,
)
from desktop.domain.enums import Axis
from desktop.domain.influence import influence_weights
from desktop.domain.red_flags import DEFAULT_STALE_DAYS, RedFlag, path_to_power, red_flags
from desktop.domain.triangle_math import DealTriangle, deal_triangle


@dataclass(frozen=True, slots=True)
class TippingPoint:
    """The person whose personal win, raised to 10, would lift the deal's personal axis most."""

    person: str
    gain: float


@dataclass(frozen=True, slots=True)
class DealAnalysis:
    weights: dict[str, float]
    triangle: DealTriangle
    flags: tuple[RedFlag, ...] = ()
    path_to_power: tuple[str, ...] | None = None
    tipping_point: TippingPoint | None = None
    decision_tests: tuple[DecisionTest, ...] = ()

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
            "flags": [
                {"code": f.code, "severity": f.severity.value, "message": f.message,
                 "people": list(f.people)}
                for f in self.flags
            ],
            "path_to_power": None if self.path_to_power is None else list(self.path_to_power),
            "tipping_point": None if self.tipping_point is None else {
                "person": self.tipping_point.person,
                "gain": round(self.tipping_point.gain, 2),
            },
            "decision_tests": decision_tests_to_plain(self.decision_tests),
        }


def analyse(deal: Deal, *, today: date | None = None,
            stale_days: int = DEFAULT_STALE_DAYS,
            decision: DecisionSettings = DEFAULTS) -> DealAnalysis:
    weights = dict(influence_weights(deal.people, deal.relations))
    path = path_to_power(deal)
    return DealAnalysis(
        weights=weights,
        triangle=deal_triangle(deal.people, weights),
        flags=tuple(red_flags(deal, weights, today=today, stale_days=stale_days, path=path,
                              decision=decision)),
        path_to_power=None if path is None else tuple(path),
        tipping_point=tipping_point(deal, weights),
        decision_tests=tuple(decision_tests(deal, decision)),
    )


def tipping_point(deal: Deal, weights: Mapping[str, float]) -> TippingPoint | None:
    """Raise one person's personal win to 10 (unknown counts as becoming known at 10) and see
    how much the deal's personal axis moves; the largest gain wins. An unknown axis before
    counts as 0 for the gain, so learning a powerful person's win can be the tipping point.

    The personal axis is Σ w·s / Σ w over the people whose win is known, so each candidate's
    effect has a closed form: O(n) for the deal instead of recomputing the axis per person
    (which made a 2,000-person deal take seconds on every edit).

    None when fewer than two people carry the axis (a known personal win and some weight):
    the axis is then one person's score, or nobody's, and raising anyone to 10 just reads
    "+10.0" or "10 minus that score" — a number that tells the seller nothing.
    """
    known_sum = 0.0
    known_weight = 0.0
    carriers = 0
    for person in deal.people:
        value = person.scores.personal.value
        if value is not None:
            weight = weights.get(person.id, 0.0)
            known_sum += weight * value
            known_weight += weight
            carriers += 1 if weight > 0.0 else 0
    if carriers < 2:
        return None
    before = known_sum / known_weight if known_weight > 0.0 else 0.0
    best: TippingPoint | None = None
    for person in deal.people:
        value = person.scores.personal.value
        if value == 10:
            continue
        weight = weights.get(person.id, 0.0)
        if value is None:
            total = known_weight + weight
            after = (known_sum + 10 * weight) / total if total > 0.0 else 0.0
        else:
            after = (known_sum + weight * (10 - value)) / known_weight if known_weight > 0.0 \
                else 0.0
        gain = after - before
        if gain > 1e-12 and (best is None or gain > best.gain + 1e-12):
            best = TippingPoint(person.id, gain)
    return best


def _round(value: float | None) -> float | None:
    return None if value is None else round(value, 2)
