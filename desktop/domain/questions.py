"""The question worth asking: which unknown or weakly evidenced score, once heard directly,
would narrow the lean's interval most ("ask Thomas Wright about their personal win:
−11 points"). One question per person — the axis that narrows it most: a conversation
about one leg of their triangle is where the others come up.

Learning a score means hearing it directly from the person today: the score becomes
*heard* (±1), the person's contact is today (their other scores stop ageing), and a
person we knew nothing about now has evidence (their support and influence narrow too).
The width after learning hardly depends on the answer — it moves the interval, not its
size — so the expected width is taken at the current guess (the score, or 5 for an
unknown).

Exact and fast: each person draws from their own stream (``lean.py``), so learning one
score changes one person's share of the draw sums. The ranking subtracts that person's old
share and adds the new one — 10,000 draws, one person, no full recomputation — and the
figure is exactly what ``lean()`` gives for the learnt deal. A cheap first estimate (the
bounds removed and the variance saved) picks the candidates worth that exact work.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, replace
from datetime import date

import numpy as np

from desktop.domain.deal import Deal
from desktop.domain.enums import Axis, Confidence
from desktop.domain.lean import (
    DEFAULT_SETTINGS,
    DRAWS,
    HIGH,
    LOW,
    LeanDraws,
    LeanSettings,
    PersonTerms,
    interval_ranks,
    lean_draws,
    person_rows,
    person_terms,
    shares,
)
from desktop.domain.person import Person

EXACT = 10  # people worked out exactly (each axis); the first estimate ranks the rest out
SHOWN = 10
SMALLEST = 0.05  # points: a question that narrows less is not worth a line
_Z = 2 * 1.2816  # width of the central 80 % of a normal, in standard deviations


@dataclass(frozen=True, slots=True)
class Question:
    """Ask ``person`` (an id) about ``axis``: the interval narrows by ``narrows_by`` points."""

    person: str
    axis: Axis
    narrows_by: float

    def text(self, name: str) -> str:
        """"Ask Thomas Wright about their personal win: −11 points"."""
        return f"Ask {name} about their {self.axis.label.lower()}: −{self.points()}"

    def points(self) -> str:
        """"11 points", "1 point", "0.4 points": whole points once it is one or more."""
        if self.narrows_by < 0.95:
            return f"{self.narrows_by:.1f} points"
        whole = round(self.narrows_by)
        return f"{whole} point" if whole == 1 else f"{whole} points"

    def to_plain(self) -> dict[str, object]:
        return {"person": self.person, "axis": self.axis.value,
                "narrows_by": round(self.narrows_by, 1)}


def learnt(person: Person, axis: Axis, today: date | None) -> Person:
    """The person after asking them about ``axis`` today: that score heard directly at the
    current guess (5 when unknown), their last contact today."""
    score = person.scores[axis]
    value = 5 if score.value is None else score.value
    asked = person.with_score(axis, replace(score, value=value, confidence=Confidence.HEARD))
    return asked if today is None else replace(asked, last_contact=today)


def worth_asking(person: Person, axis: Axis, settings: LeanSettings,
                 today: date | None) -> bool:
    """Unknown, not heard directly, or heard long enough ago to have aged."""
    score = person.scores[axis]
    if score.value is None or score.confidence is not Confidence.HEARD:
        return True
    return (settings.ageing_days is not None and today is not None
            and person.last_contact is not None
            and (today - person.last_contact).days >= settings.ageing_days / 2)


def questions(deal: Deal, weights: Mapping[str, float], *,
              settings: LeanSettings = DEFAULT_SETTINGS, seed: int = 0, draws: int = DRAWS,
              today: date | None = None, base: LeanDraws | None = None,
              limit: int = SHOWN) -> list[Question]:
    """The questions that would narrow the lean's interval most, best first (at most
    ``limit``; none that narrows by less than 0.05 points). ``base``: the deal's draws when
    the caller has them already (the same settings, seed and draws)."""
    total = sum(weights.get(p.id, 0.0) for p in deal.people)
    if total <= 0.0:
        return []
    if base is None:
        base = lean_draws(deal.people, weights, settings=settings, seed=seed, draws=draws,
                          today=today)
    width = base.estimate().width
    spread = _spread(base)
    # Per person, the axes worth asking with what asking would make of their draws.
    people: list[tuple[float, Person, PersonTerms, list[tuple[Axis, PersonTerms]]]] = []
    for person in deal.people:
        weight = weights.get(person.id, 0.0)
        if weight <= 0.0:
            continue
        before = person_terms(person, weight, settings, today)
        asks = [(axis, person_terms(person, weight, settings, today, asked=axis))
                for axis in Axis if worth_asking(person, axis, settings, today)]
        if asks:
            first = max(_first_estimate(before, after, weight / total, spread)
                        for _axis, after in asks)
            people.append((first, person, before, asks))
    people.sort(key=lambda entry: -entry[0])
    found = []
    ranks = interval_ranks(base.weight.shape[0], base.level)
    for _first, person, before, asks in people[:EXACT]:
        rows = person_rows(before.key, seed, base.weight.shape[0])
        old_weight, old_mean = shares(before, rows)
        without = (base.numerator[LOW] - old_mean - np.float32(before.bound[LOW]) * old_weight,
                   base.numerator[HIGH] - old_mean - np.float32(before.bound[HIGH]) * old_weight,
                   base.weight - old_weight)
        narrower = [(width - _width_with(without, rows, after, ranks), axis)
                    for axis, after in asks]
        gain, axis = max(narrower, key=lambda c: (round(c[0], 1), _PREFERRED[c[1]]))
        if gain >= SMALLEST:
            found.append(Question(person.id, axis, gain))
    names = {p.id: p.name.casefold() for p in deal.people}
    found.sort(key=lambda q: (-round(q.narrows_by, 6), names[q.person]))
    return found[:limit]


# Between axes that narrow it equally (to a tenth of a point), ask about the personal win
# first: it is the one a seller most often guesses.
_PREFERRED = {Axis.PERSONAL: 2, Axis.BUSINESS: 1, Axis.TECHNICAL: 0}


def _width_with(without: tuple[np.ndarray, np.ndarray, np.ndarray], rows: np.ndarray,
                after: PersonTerms, ranks: tuple[int, int]) -> float:
    """The interval's width with one person's share of the draws replaced: ``without`` is
    the low and high numerators and the weight of every draw without them."""
    low_sum, high_sum, weight = without
    new_weight, new_mean = shares(after, rows)
    total = weight + new_weight
    safe = np.where(total > 0.0, total, 1.0)
    low_at, high_at = ranks
    low = np.partition((low_sum + new_mean + np.float32(after.bound[LOW]) * new_weight)
                       / safe, low_at)[low_at]
    high = np.partition((high_sum + new_mean + np.float32(after.bound[HIGH]) * new_weight)
                        / safe, high_at)[high_at]
    return float(high - low) * 100.0


def _spread(base: LeanDraws) -> float:
    """The standard deviation of the middle lean (unknowns at their middle), in points."""
    safe = np.where(base.weight > 0.0, base.weight, 1.0)
    return float(np.std(base.numerator[1] / safe)) * 100.0


def _first_estimate(before: PersonTerms, after: PersonTerms, share: float,
                    spread: float) -> float:
    """Points the width would lose, roughly: bounds removed count in full (they add up
    across people), variance removed counts as it shrinks the standard deviation."""
    bounds = (before.bound[HIGH] - before.bound[LOW]) - (after.bound[HIGH] - after.bound[LOW])
    saved = (sum(g * g for g in before.gamma) - sum(g * g for g in after.gamma)) / 12.0
    noise = _Z * share * share * saved * 1e4 / (2.0 * spread) if spread > 0.0 else 0.0
    return share * bounds * 100.0 + noise
