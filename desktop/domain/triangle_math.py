"""The deal's decision triangle: every person's scores, weighted by their influence.

For each axis *a* (``docs/triangle-math.md``)::

    K_a        = the people whose score on a is known
    value_a    = Σ_{i∈K_a} w_i · s_{i,a} / Σ_{i∈K_a} w_i        (unknown if K_a is empty)
    coverage_a = Σ_{i∈K_a} w_i / Σ_i w_i

Unknown scores are left out — never counted as 0 — and ``coverage_a`` says how much of the
deal's influence the figure rests on, so "7.5 on 20 % of the influence" reads as the guess
it is.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from desktop.domain.enums import Axis
from desktop.domain.person import Person


@dataclass(frozen=True, slots=True)
class AxisResult:
    value: float | None
    coverage: float
    known_people: int


@dataclass(frozen=True, slots=True)
class DealTriangle:
    business: AxisResult
    technical: AxisResult
    personal: AxisResult

    def __getitem__(self, axis: Axis) -> AxisResult:
        return getattr(self, axis.value)  # type: ignore[no-any-return]

    def values(self) -> tuple[float | None, float | None, float | None]:
        return (self.business.value, self.technical.value, self.personal.value)


def axis_result(
    people: Sequence[Person], weights: Mapping[str, float], axis: Axis
) -> AxisResult:
    total = sum(weights.get(p.id, 0.0) for p in people)
    known_weight = 0.0
    weighted_sum = 0.0
    known_people = 0
    for person in people:
        value = person.scores[axis].value
        if value is None:
            continue
        weight = weights.get(person.id, 0.0)
        known_people += 1
        known_weight += weight
        weighted_sum += weight * value
    if known_weight <= 0.0:
        return AxisResult(value=None, coverage=0.0, known_people=known_people)
    return AxisResult(
        value=weighted_sum / known_weight,
        coverage=known_weight / total if total else 0.0,
        known_people=known_people,
    )


def deal_triangle(people: Sequence[Person], weights: Mapping[str, float]) -> DealTriangle:
    """The influence-weighted triangle of a deal; ``weights`` from :mod:`influence`."""
    return DealTriangle(*(axis_result(people, weights, axis) for axis in Axis))
