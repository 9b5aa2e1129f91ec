"""The plan's what-if on the synthetic deals with a plan (300 and 2,000 people, an action
each, a third with an intended change), each against what it adds to, in the same run:

- the window's what-if (projected deal, closed-form gains, one red-flag pass on the
  projection) against the analysis the window runs after every edit (``analyse``) — goal
  ≤ 1x: with the toggle on, an edit costs at most twice what it costs today;
- ``show --json``'s what-if with the projected lean against the lean alone — goal ≤ 1.3x.

The what-if gets the weights, path and flags the analysis worked out (as the window passes
them); runs alternate, median of 9.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import partial

from benchmarks.harness import Result, alternating_medians
from desktop.domain.analysis import analyse
from desktop.domain.influence import influence_weights
from desktop.domain.lean import lean
from desktop.domain.red_flags import path_to_power, red_flags
from desktop.domain.what_if import what_if
from desktop.synthetic import synthetic_deal
from desktop.synthetic_plan import TODAY, with_synthetic_plan

REPEAT = 9


def _alternating(ours: Callable[[], object], baseline: Callable[[], object]) -> tuple[float, float]:
    return alternating_medians(ours, baseline, REPEAT)


def run() -> list[Result]:
    results = []
    for people in (300, 2_000):
        deal = with_synthetic_plan(synthetic_deal(people, relations_per_person=3, seed=7))
        weights = dict(influence_weights(deal.people, deal.relations))
        path = path_to_power(deal)
        flags = red_flags(deal, weights, today=TODAY, path=path)
        changes = what_if(deal, weights, today=TODAY, flags_now=flags, path=path).changes
        window = _alternating(
            lambda: what_if(deal, weights, today=TODAY, flags_now=flags, path=path),  # noqa: B023
            lambda: analyse(deal, today=TODAY))  # noqa: B023
        lean_of = partial(lean, today=TODAY)
        command = _alternating(
            lambda: what_if(deal, weights, today=TODAY, flags_now=flags,  # noqa: B023
                            path=path, lean_of=lean_of),  # noqa: B023
            lambda: lean(deal, weights, today=TODAY))  # noqa: B023
        note = f"{len(deal.actions):,} actions, {changes:,} intended changes"
        results += [
            Result(f"what-if, {people:,} people (vs analyse)", *window, goal="≤ 1x",
                   note=note),
            Result(f"what-if + lean, {people:,} people (vs lean)", *command, goal="≤ 1.3x",
                   note="10,000 draws"),
        ]
    return results
