"""The red-flag pass on the 2,000-person synthetic deal with a plan (2,000 actions, 50
criteria, 8 process steps, 4 alternatives): all the rules against the rules that existed
before the plan (``CORE_RULES``), in the same run. Goal: the new rules at most double it.

Both sides get the same deal, influence weights and path to power (worked out once, as
``analyse`` does), so the ratio is the rules' own cost; runs alternate, median of 15.
A second line counts the path to power in both (``red_flags(..., path=True)``).
"""

from __future__ import annotations

from collections.abc import Callable

from benchmarks.harness import Result, alternating_medians
from desktop.domain.influence import influence_weights
from desktop.domain.red_flags import CORE_RULES, RULES, path_to_power, red_flags
from desktop.synthetic import synthetic_deal
from desktop.synthetic_plan import TODAY, with_synthetic_plan

PEOPLE = 2_000
REPEAT = 15


def _alternating(ours: Callable[[], object], baseline: Callable[[], object]) -> tuple[float, float]:
    return alternating_medians(ours, baseline, REPEAT)


def run() -> list[Result]:
    deal = with_synthetic_plan(synthetic_deal(PEOPLE, relations_per_person=3, seed=7))
    weights = dict(influence_weights(deal.people, deal.relations))
    path = path_to_power(deal)
    flags = red_flags(deal, weights, today=TODAY, path=path)
    plan = (f"{len(deal.actions):,} actions, {len(deal.criteria)} criteria, "
            f"{len(deal.process)} steps; {len(flags)} flags")
    rules_only = _alternating(
        lambda: red_flags(deal, weights, today=TODAY, path=path, rules=RULES),
        lambda: red_flags(deal, weights, today=TODAY, path=path, rules=CORE_RULES))
    with_path = _alternating(
        lambda: red_flags(deal, weights, today=TODAY, path=True, rules=RULES),
        lambda: red_flags(deal, weights, today=TODAY, path=True, rules=CORE_RULES))
    return [
        Result(f"red flags, {PEOPLE:,} people + plan (vs old rules)", *rules_only,
               goal="≤ 2x", note=plan),
        Result(f"red flags + path to power, {PEOPLE:,} people", *with_path, goal="≤ 2x",
               note="path worked out on both sides"),
    ]
