"""The plan's expected effect: what the deal would look like if every open action brought
the change it intends ("demo for the ward teams → Chen Wei technical 7 → 9").

A seller plans actions to move people; this answers "if the plan works, where does the deal
stand?" — the projected deal triangle, the red flags that would clear (or be raised), the
projected lean — and "which action matters most?": each action's expected gain, the change
of the influence-weighted deal axis its intended change brings on its own
(``docs/triangle-math.md`` § The plan's expected effect)::

    known before (score s, weight w):   Δvalue_a = w · (t − s) / Σ_{K_a} w
    unknown before:                      Δvalue_a = w · (t − value_a) / (Σ_{K_a} w + w)
    nobody known on the axis:            Δvalue_a = t        (the axis counts as 0 before)

Influence weights do not depend on scores, so today's weights hold for the projection.
Pure domain: no Qt, no SQL; the closed form keeps the ranking O(people + actions).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, replace
from datetime import date
from typing import Any, Protocol

from desktop.domain.actions import Action, IntendedChange
from desktop.domain.deal import Deal
from desktop.domain.enums import Axis
from desktop.domain.flag_types import RedFlag
from desktop.domain.person import Person
from desktop.domain.red_flags import DEFAULT_STALE_DAYS, red_flags
from desktop.domain.review import flag_review
from desktop.domain.scores import Score
from desktop.domain.triangle_math import AxisResult, DealTriangle


class LeanLike(Protocol):
    """What :func:`desktop.domain.lean.lean` returns: percent, the interval around it."""

    @property
    def value(self) -> float: ...
    @property
    def low(self) -> float: ...
    @property
    def high(self) -> float: ...


LeanFunction = Callable[[Deal, Mapping[str, float]], LeanLike]


@dataclass(frozen=True, slots=True)
class ActionEffect:
    """One open action's intended change, judged on today's deal: the person's score now,
    the score it would bring, and how far the deal's axis would move with it alone."""

    action: Action
    person: str
    axis: Axis
    now: int | None
    projected: int
    gain: float  # points of the deal's axis (0–10 scale); negative: it would pull it down

    @property
    def reached(self) -> bool:
        """The score is at the target (or past it) already: the action has nothing to add."""
        return self.now == self.projected


@dataclass(frozen=True, slots=True)
class WhatIf:
    """The deal if the open plan succeeds (``deal``, its triangle and red flags), the flags
    today it would clear and those it would raise, each action's effect best first, and the
    projected lean when it was asked for."""

    deal: Deal
    triangle: DealTriangle
    effects: tuple[ActionEffect, ...]
    flags: tuple[RedFlag, ...] = ()
    cleared: tuple[RedFlag, ...] = ()
    raised: tuple[RedFlag, ...] = ()
    lean: LeanLike | None = None

    @property
    def changes(self) -> int:
        """How many intended changes move a score (those reached already do not)."""
        return sum(not effect.reached for effect in self.effects)

    @property
    def reached(self) -> int:
        """How many open actions aim at a score that is at its target already: counted
        with the plan (they are in ``effects``) but moving nothing."""
        return len(self.effects) - self.changes

    def to_plain(self, names: Mapping[str, str]) -> dict[str, Any]:
        """``analysis.what_if`` of ``show --json`` (docs/deal-file.md)."""
        return {
            "triangle": {
                axis.value: {
                    "value": _round(self.triangle[axis].value),
                    "coverage": round(self.triangle[axis].coverage, 4),
                    "known_people": self.triangle[axis].known_people,
                }
                for axis in Axis
            },
            "lean": None if self.lean is None else {
                "value": round(self.lean.value, 1), "low": round(self.lean.low, 1),
                "high": round(self.lean.high, 1)},
            "actions": [
                {"action": e.action.id, "text": e.action.text, "person": e.person,
                 "name": names.get(e.person, ""), "axis": e.axis.value, "now": e.now,
                 "target": e.projected, "gain": round(e.gain, 2)}
                for e in self.effects
            ],
            "flags_cleared": [f.code for f in self.cleared],
            "flags_raised": [f.code for f in self.raised],
        }


def projected_score(now: int | None, change: IntendedChange) -> int:
    """The score if the action succeeds: its target — unless the score has already gone past
    the target in the intended direction (planned 7 → 9 and it is 10 now: it stays 10; a
    plan's success does not pull a score back). Without a ``before`` the target is taken
    as a rise."""
    if now is None:
        return change.target
    if change.before is None or change.target >= change.before:
        return max(now, change.target)
    return min(now, change.target)


def intended_changes(actions: Iterable[Action]) -> list[tuple[Action, IntendedChange]]:
    """The open actions with an intended change, in the order they are due (undated last),
    so that when two aim at the same score the one due last sets the plan's end state."""
    found = [(a, a.intended) for a in actions if a.is_open and a.intended is not None]
    found.sort(key=lambda pair: (pair[0].due or date.max, pair[0].text.casefold(),
                                 pair[0].id))
    return found


def projected_deal(deal: Deal) -> Deal:
    """The deal with every open action's intended change applied (evidence and confidence
    kept: a plan that works is still the seller's read of the person)."""
    moved = _moved_people(deal)
    return deal.with_people_replaced(moved.values()) if moved else deal


def _moved_people(deal: Deal) -> dict[str, Person]:
    moved: dict[str, Person] = {}
    for _action, change in intended_changes(deal.actions):
        person = moved.get(change.person) or deal.person(change.person)
        value = projected_score(person.scores[change.axis].value, change)
        if value != person.scores[change.axis].value:
            moved[person.id] = _rescored(person, change.axis, value)
    return moved


def _rescored(person: Person, axis: Axis, value: int) -> Person:
    """``person`` with one score's value changed, without validating every field again
    (``replace`` does, and a what-if on a 2,000-person plan moved hundreds): the value is
    a target or a score already held, both checked where they entered."""
    score = object.__new__(Score)
    for name in Score.__slots__:
        object.__setattr__(score, name, getattr(person.scores[axis], name))
    object.__setattr__(score, "value", value)
    copy = object.__new__(Person)
    for name in Person.__slots__:
        object.__setattr__(copy, name, getattr(person, name))
    object.__setattr__(copy, "scores", replace(person.scores, **{axis.value: score}))
    return copy


@dataclass(slots=True)
class _AxisSums:
    known_sum: float  # Σ_{K} w·s
    known_weight: float  # Σ_{K} w
    known_people: int

    def result(self, total_weight: float) -> AxisResult:
        """The axis as :func:`triangle_math.axis_result` gives it, from the sums."""
        if self.known_weight <= 0.0:
            return AxisResult(None, 0.0, self.known_people)
        return AxisResult(self.known_sum / self.known_weight,
                          self.known_weight / total_weight if total_weight else 0.0,
                          self.known_people)


def _sums(people: Sequence[Person], weights: Mapping[str, float]) -> dict[Axis, _AxisSums]:
    sums = {axis: _AxisSums(0.0, 0.0, 0) for axis in Axis}
    order = tuple(sums.values())  # in Axis order, as a triangle's values()
    for person in people:
        weight = weights.get(person.id, 0.0)
        for into, value in zip(order, person.scores.values(), strict=True):
            if value is not None:
                into.known_sum += weight * value
                into.known_weight += weight
                into.known_people += 1
    return sums


def _projected_triangle(deal: Deal, moved: Mapping[str, Person],
                        weights: Mapping[str, float],
                        sums: Mapping[Axis, _AxisSums]) -> DealTriangle:
    """Today's sums with the moved people's scores swapped in: the projected triangle
    without another pass over everybody."""
    total = sum(weights.get(p.id, 0.0) for p in deal.people)
    after = {axis: _AxisSums(s.known_sum, s.known_weight, s.known_people)
             for axis, s in sums.items()}
    for person_id, person in moved.items():
        weight = weights.get(person_id, 0.0)
        was = deal.person(person_id).scores.values()
        for into, old, new in zip(after.values(), was, person.scores.values(), strict=True):
            if old == new:
                continue
            if old is not None:
                into.known_sum -= weight * old
                into.known_weight -= weight
                into.known_people -= 1
            if new is not None:
                into.known_sum += weight * new
                into.known_weight += weight
                into.known_people += 1
    return DealTriangle(*(after[axis].result(total) for axis in Axis))


def axis_gain(sums_known: float, known_weight: float, weight: float, now: int | None,
              target: int) -> float:
    """How far the deal's axis moves when one person's score goes from ``now`` to
    ``target`` (the closed form in the module's docstring)."""
    before = sums_known / known_weight if known_weight > 0.0 else 0.0
    if now is None:
        total = known_weight + weight
        after = (sums_known + weight * target) / total if total > 0.0 else before
    else:
        after = before + weight * (target - now) / known_weight if known_weight > 0.0 \
            else before
    return after - before


def action_effects(deal: Deal, weights: Mapping[str, float],
                   sums: Mapping[Axis, _AxisSums] | None = None) -> tuple[ActionEffect, ...]:
    """Every open action with an intended change, by expected gain (largest first; then the
    one due soonest)."""
    sums = _sums(deal.people, weights) if sums is None else sums
    effects = []
    for action, change in intended_changes(deal.actions):
        now = deal.person(change.person).scores[change.axis].value
        target = projected_score(now, change)
        axis = sums[change.axis]
        gain = 0.0 if target == now else axis_gain(
            axis.known_sum, axis.known_weight, weights.get(change.person, 0.0), now, target)
        effects.append(ActionEffect(action, change.person, change.axis, now, target, gain))
    effects.sort(key=lambda e: (-round(e.gain, 9), e.action.due or date.max,
                                e.action.text.casefold()))
    return tuple(effects)


def what_if(deal: Deal, weights: Mapping[str, float], *, today: date | None = None,
            stale_days: int = DEFAULT_STALE_DAYS, flags_now: Sequence[RedFlag] | None = None,
            path: list[str] | bool | None = True,
            lean_of: LeanFunction | None = None) -> WhatIf:
    """The deal if its open plan succeeds. ``flags_now``: today's red flags when the caller
    has them (else worked out here); ``path``: the path to power as ``red_flags`` takes it
    (scores do not change it); ``lean_of``: how to work out the lean (None: not asked)."""
    moved = _moved_people(deal)
    projected = deal.with_people_replaced(moved.values()) if moved else deal
    sums = _sums(deal.people, weights)
    flags = tuple(red_flags(projected, weights, today=today, stale_days=stale_days,
                            path=path))
    if flags_now is None:
        flags_now = red_flags(deal, weights, today=today, stale_days=stale_days, path=path)
    matched = flag_review(flags_now, flags)
    return WhatIf(deal=projected, triangle=_projected_triangle(deal, moved, weights, sums),
                  effects=action_effects(deal, weights, sums), flags=flags,
                  cleared=matched.resolved, raised=matched.new,
                  lean=None if lean_of is None else lean_of(projected, weights))


def _round(value: float | None) -> float | None:
    return None if value is None else round(value, 2)
