"""The lean (a Monte Carlo of 10,000 draws) plus the question ranking on the synthetic deals
of 300 and 2,000 people — goals ≤ 150 ms and ≤ 1 s — each against a plain numpy pass over
the same number of draws in the same run: the same uniforms (people × 5 × 10,000, 16-bit,
as float32) drawn from one generator and the per-draw weighted lean summed with one
``einsum``, then the three percentiles. That is the least any Monte Carlo of this size
does; the ratio is what per-person streams (stable figures under edits), the bounds for
unknowns and the ranking of the questions cost on top.

Runs alternate, median of 7; the note splits ours into the lean and the questions.
"""

from __future__ import annotations

import statistics
import time
from collections.abc import Callable

import numpy as np

from benchmarks.harness import Result, alternating_medians, format_seconds
from desktop.domain.influence import influence_weights
from desktop.domain.lean import DRAWS, ROWS, LeanEstimate, lean_draws
from desktop.domain.questions import Question, questions
from desktop.synthetic import synthetic_deal
from desktop.synthetic_plan import TODAY

REPEAT = 7
GOALS = {300: "≤ 150 ms", 2_000: "≤ 1 s"}
_CHUNK = 64  # people per chunk in the plain pass: its memory stays bounded too


def _alternating(ours: Callable[[], object], baseline: Callable[[], object]) -> tuple[float, float]:
    return alternating_medians(ours, baseline, REPEAT)


def plain_pass(weights: np.ndarray, scores: np.ndarray) -> tuple[float, float, float]:
    """The same draws, the plainest way: one generator, c = mean of the drawn rows, the
    weighted mean per draw, three percentiles."""
    rng = np.random.Generator(np.random.SFC64(0))
    numerator = np.zeros(DRAWS)
    total = np.zeros(DRAWS)
    for start in range(0, len(weights), _CHUNK):
        part = slice(start, start + _CHUNK)
        count = len(weights[part]) * ROWS * DRAWS
        bits = rng.bit_generator.random_raw(-(-count // 4)).view(np.uint16)[:count]
        rows = (bits * np.float32(1.0 / 65536.0)).reshape(-1, ROWS, DRAWS)
        weight = weights[part, None] * (0.75 + 0.5 * rows[:, 4])
        mean = np.einsum("mk,mkd->md", scores[part], rows[:, :4])
        numerator += np.einsum("md,md->d", weight, mean)
        total += weight.sum(axis=0)
    lean = numerator / total
    low, value, high = np.percentile(lean, [10, 50, 90])
    return float(low), float(value), float(high)


def run() -> list[Result]:
    return [_one(people) for people in (300, 2_000)]


def _one(people: int) -> Result:
    deal = synthetic_deal(people, relations_per_person=3, seed=7)
    weights = dict(influence_weights(deal.people, deal.relations))
    vector = np.array([weights[p.id] for p in deal.people], dtype=np.float32)
    scores = np.full((people, 4), 0.1, dtype=np.float32)
    parts: dict[str, list[float]] = {"lean": [], "questions": []}

    def ours() -> tuple[LeanEstimate, list[Question]]:
        start = time.perf_counter()
        base = lean_draws(deal.people, weights, today=TODAY)
        middle = time.perf_counter()
        asked = questions(deal, weights, today=TODAY, base=base)
        parts["lean"].append(middle - start)
        parts["questions"].append(time.perf_counter() - middle)
        return base.estimate(), asked

    mine, baseline = _alternating(ours, lambda: plain_pass(vector, scores))
    estimate, asked = ours()
    note = (f"lean {format_seconds(statistics.median(parts['lean']))} + questions "
            f"{format_seconds(statistics.median(parts['questions']))}; "
            f"{estimate.text()}, {len(asked)} questions")
    return Result(f"lean + questions, {people:,} people (vs plain pass)", mine, baseline,
                  goal=GOALS[people], note=note)
