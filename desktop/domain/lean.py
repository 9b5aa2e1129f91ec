"""The lean: how far the buying group leans to us, with the uncertainty of what we know.

Each person counts as *for us* to the degree their triangle and their support say so::

    T_i = (b_i + t_i + p_i) / 30          the triangle, 0 … 1
    S_i = (support_i + 2) / 4             enemy 0, neutral ½, mentor 1
    c_i = ½ · T_i + ½ · S_i
    lean = Σ_i w_i · c_i / Σ_i w_i        in percent

Nothing of it is known exactly: a score heard directly is ±1, second-hand ±2, assumed ±3
(each widened as the last contact ages), and support and influence are as uncertain as the
best evidence we have of the person. A seeded Monte Carlo draws every such range
(10,000 draws, vectorised) and the interval is the central ``level`` of the draws.

An **unknown** is not noise: it could be anywhere 0–10, and ten people we know nothing
about do not average out to "5, surely". So unknowns are *bounds*: the low end of the
interval is the low quantile with every unknown at 0, the high end the high quantile with
every unknown at 10, the value the median with unknowns at the middle. Adding a person we
know nothing about therefore never narrows the interval (a drawn unknown would: two
uniform guesses average towards the middle), and the value always lies inside it.

Each person's draws come from their own stream (the seed and their id), so an edit of one
person moves only their own share of the figures: the interval does not jitter when
somebody else's note changes, and the question ranking (``questions.py``) can work out
exactly what learning one score would do by recomputing one person's rows.

Formulas and settings: ``docs/triangle-math.md`` ("The lean").
"""

from __future__ import annotations

import hashlib
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date

import numpy as np
import numpy.typing as npt

from desktop.domain.deal import Deal
from desktop.domain.enums import Axis, Confidence, Coverage, Support
from desktop.domain.person import Person

Floats = npt.NDArray[np.float64]
Singles = npt.NDArray[np.float32]

DRAWS = 10_000
ROWS = 5  # random rows per person: business, technical, personal, support, influence
_SUPPORT_ROW = 3
_INFLUENCE_ROW = 4
# People per chunk: their random rows (16 × 5 × 10,000 float32, 3 MB) stay in the cache and
# the buffer is reused; a buffer of everybody's rows at once was 3× slower (page faults).
_CHUNK_PEOPLE = 16
# The three variants of every draw: unknowns at the bottom, the middle, the top (an
# unknown score 0, 5, 10; the support of a person we know nothing about enemy, neutral,
# mentor).
LOW, MID, HIGH = 0, 1, 2
_MIN_LEVEL = 0.25  # influence level never drawn below this: everybody present counts a little


@dataclass(frozen=True, slots=True)
class LeanSettings:
    """How wide each range is. Scores in points (±), support in levels of the five-step
    scale (±), influence in levels of low 1 / medium 2 / high 3 (±).

    ``ageing_days``: every this many days since the person's last contact add one point to
    each of their score ranges (a score heard half a year ago is as loose as one heard
    second-hand); ``None`` switches ageing off. A person without a contact date is not aged.
    ``level``: the share of the draws the interval holds (0.8: from the 10th to the 90th
    percentile)."""

    heard: float = 1.0
    second_hand: float = 2.0
    assumed: float = 3.0
    ageing_days: int | None = 180
    support_heard: float = 0.5
    support_second_hand: float = 1.0
    support_assumed: float = 1.5
    influence_heard: float = 0.25
    influence_second_hand: float = 0.5
    influence_assumed: float = 0.75
    influence_none: float = 1.0
    level: float = 0.8

    def score_spread(self, confidence: Confidence) -> float:
        if confidence is Confidence.HEARD:
            return self.heard
        return self.second_hand if confidence is Confidence.SECOND_HAND else self.assumed

    def support_spread(self, evidence: Confidence | None) -> float:
        if evidence is Confidence.HEARD:
            return self.support_heard
        return self.support_second_hand if evidence is Confidence.SECOND_HAND \
            else self.support_assumed

    def influence_spread(self, evidence: Confidence | None) -> float:
        if evidence is Confidence.HEARD:
            return self.influence_heard
        if evidence is Confidence.SECOND_HAND:
            return self.influence_second_hand
        return self.influence_assumed if evidence is Confidence.ASSUMED else self.influence_none


DEFAULT_SETTINGS = LeanSettings()


@dataclass(frozen=True, slots=True)
class LeanEstimate:
    """Percent: the median draw and the interval around it (``low ≤ value ≤ high``)."""

    value: float
    low: float
    high: float

    @property
    def width(self) -> float:
        return self.high - self.low

    def text(self) -> str:
        """"62 % (45–78 %)"."""
        return f"{self.value:.0f} % ({self.low:.0f}–{self.high:.0f} %)"

    def to_plain(self) -> dict[str, float]:
        return {"value": round(self.value, 1), "low": round(self.low, 1),
                "high": round(self.high, 1)}


_RANK = {Confidence.HEARD: 3, Confidence.SECOND_HAND: 2, Confidence.ASSUMED: 1}
_COVERAGE_EVIDENCE = {Coverage.IN_DEPTH: Confidence.HEARD, Coverage.GOOD: Confidence.HEARD,
                      Coverage.LIGHT: Confidence.SECOND_HAND, Coverage.NONE: None}


def person_evidence(person: Person) -> Confidence | None:
    """The best we know of a person: the best confidence among their known scores, or
    their coverage (good or in depth counts as heard, light as second-hand); None when we
    have neither — a person we know nothing about."""
    best = _COVERAGE_EVIDENCE[person.coverage]
    scores = person.scores
    for score in (scores.business, scores.technical, scores.personal):
        if score.value is not None and (best is None
                                        or _RANK[score.confidence] > _RANK[best]):
            best = score.confidence
    return best


def knows_nothing(person: Person) -> bool:
    """No known score, no coverage and the neutral support a new card starts with: their
    stance is as unknown as their scores (bounds from enemy to mentor)."""
    return person_evidence(person) is None and person.support is Support.NEUTRAL


def _age_points(person: Person, settings: LeanSettings, today: date | None) -> float:
    if settings.ageing_days is None or today is None or person.last_contact is None:
        return 0.0
    days = (today - person.last_contact).days
    return max(0, days) / settings.ageing_days


@dataclass(frozen=True, slots=True)
class PersonTerms:
    """One person's share of every draw, as linear terms of their random rows ``u``::

        w_d   = weight0 + weight1 · u_influence
        A_d   = a0 + Σ_k gamma_k · u_k              (k: three axes and support)
        c_d,x = A_d + bound_x                       (x: unknowns low / middle / high)
    """

    key: int
    weight0: float
    weight1: float
    a0: float
    gamma: tuple[float, float, float, float]
    bound: tuple[float, float, float]


def person_terms(person: Person, weight: float, settings: LeanSettings,
                 today: date | None, *, asked: Axis | None = None) -> PersonTerms:
    """The ranges of one person (``docs/triangle-math.md``) as the terms of their draws.
    ``asked``: as if that score had just been heard directly from them today, at the
    current guess (5 when unknown) — ``questions.learnt`` without building the person."""
    evidence = Confidence.HEARD if asked is not None else person_evidence(person)
    widen = 0.0 if asked is not None and today is not None else \
        _age_points(person, settings, today)
    a0 = 0.0
    gamma = [0.0, 0.0, 0.0, 0.0]
    bound = [0.0, 0.0, 0.0]
    scores = person.scores
    # (Not ``enumerate(Axis)`` and ``scores[axis]``: iterating an enum costs more than the
    # rest of this function, which runs for every person on every edit.)
    for k, (axis, score) in enumerate(((Axis.BUSINESS, scores.business),
                                       (Axis.TECHNICAL, scores.technical),
                                       (Axis.PERSONAL, scores.personal))):
        value, confidence = score.value, score.confidence
        if axis is asked:
            value, confidence = (5 if value is None else value), Confidence.HEARD
        if value is None:
            bound[MID] += 5.0 / 60.0
            bound[HIGH] += 10.0 / 60.0
            continue
        spread = settings.score_spread(confidence) + widen
        low, high = max(0.0, value - spread), min(10.0, value + spread)
        a0 += low / 60.0
        gamma[k] = (high - low) / 60.0
    if asked is None and evidence is None and person.support is Support.NEUTRAL:
        # nothing known of them at all (``knows_nothing``): enemy 0 … mentor 1
        bound[MID] += 0.5 / 2.0
        bound[HIGH] += 1.0 / 2.0
    else:
        spread = settings.support_spread(evidence)
        low = max(-2.0, int(person.support) - spread)
        high = min(2.0, int(person.support) + spread)
        a0 += (low + 2.0) / 8.0
        gamma[_SUPPORT_ROW] = (high - low) / 8.0
    level = float(person.influence.level)
    spread = settings.influence_spread(evidence)
    low_level, high_level = max(_MIN_LEVEL, level - spread), level + spread
    return PersonTerms(
        key=person_key(person.id), weight0=weight * low_level / level,
        weight1=weight * (high_level - low_level) / level, a0=a0,
        gamma=(gamma[0], gamma[1], gamma[2], gamma[3]),
        bound=(bound[0], bound[1], bound[2]))


def person_key(person_id: str) -> int:
    """A stable 64-bit number for a person id: their random stream's name."""
    return int.from_bytes(hashlib.blake2b(person_id.encode(), digest_size=8).digest(), "big")


def person_rows(key: int, seed: int, draws: int, out: Singles | None = None) -> Singles:
    """The person's ``ROWS × draws`` uniforms on [0, 1): the same for the same seed and id,
    whoever else is in the deal. Sixteen bits each — four to a raw 64-bit output, a step of
    1/65,536, finer than any range here needs — which draws them 2–3× faster than
    ``Generator.random``: drawing is most of a Monte Carlo's time."""
    count = ROWS * draws
    raw = np.random.SFC64([seed, key]).random_raw(-(-count // 4))
    bits = raw.view(np.uint16)[:count]
    if out is None:
        out = np.empty((ROWS, draws), dtype=np.float32)
    np.multiply(bits, np.float32(1.0 / 65536.0), out=out.reshape(count))
    return out


@dataclass(frozen=True, slots=True)
class LeanDraws:
    """The deal summed over people, per draw: ``numerator[x] / weight`` is the lean of
    each draw with unknowns at ``x`` (low, middle, high). ``questions.py`` changes one
    person's share of these sums to see what learning a score would do."""

    numerator: Floats  # (3, draws)
    weight: Floats  # (draws,)
    level: float

    def estimate(self) -> LeanEstimate:
        return estimate_of(self.numerator, self.weight, self.level)


def estimate_of(numerator: Floats, weight: Floats, level: float) -> LeanEstimate:
    safe = np.where(weight > 0.0, weight, 1.0)
    low_at, high_at = interval_ranks(weight.shape[0], level)
    middle = (weight.shape[0] - 1) // 2
    low = np.partition(numerator[LOW] / safe, low_at)[low_at]
    value = np.partition(numerator[MID] / safe, middle)[middle]
    high = np.partition(numerator[HIGH] / safe, high_at)[high_at]
    return LeanEstimate(value=float(value) * 100.0, low=float(low) * 100.0,
                        high=float(high) * 100.0)


def interval_ranks(draws: int, level: float) -> tuple[int, int]:
    """Which sorted draws are the interval's ends (0.8: the 10th and 90th percentiles)."""
    low_at = round((1.0 - level) / 2.0 * (draws - 1))
    return low_at, draws - 1 - low_at


def shares(terms: PersonTerms, rows: Singles) -> tuple[Singles, Singles]:
    """One person's ``w_d`` and ``w_d · A_d`` for every draw (the bounds are added by the
    caller: ``w_d · bound_x`` is linear in ``w_d``)."""
    weight = np.float32(terms.weight0) + np.float32(terms.weight1) * rows[_INFLUENCE_ROW]
    mean = np.float32(terms.a0) + np.asarray(terms.gamma, dtype=np.float32) @ rows[:4]
    return weight, weight * mean


def lean_draws(people: Sequence[Person], weights: Mapping[str, float], *,
               settings: LeanSettings = LeanSettings(), seed: int = 0, draws: int = DRAWS,
               today: date | None = None) -> LeanDraws:
    """Every draw of the deal, people taken in chunks (so 2,000 people never hold more
    than a chunk of random numbers), the arithmetic vectorised over people and draws."""
    numerator = np.zeros((3, draws))
    total = np.zeros(draws)
    terms = [person_terms(p, weights.get(p.id, 0.0), settings, today) for p in people]
    chunk = _CHUNK_PEOPLE
    buffer = np.empty((min(chunk, max(1, len(terms))), ROWS, draws), dtype=np.float32)
    for start in range(0, len(terms), chunk):
        part = terms[start:start + chunk]
        rows = buffer[:len(part)]
        for i, term in enumerate(part):
            person_rows(term.key, seed, draws, out=rows[i])
        weight0 = np.array([t.weight0 for t in part], dtype=np.float32)
        weight1 = np.array([t.weight1 for t in part], dtype=np.float32)
        a0 = np.array([t.a0 for t in part], dtype=np.float32)
        gamma = np.array([t.gamma for t in part], dtype=np.float32)
        bound = np.array([t.bound for t in part], dtype=np.float32)
        weight = weight0[:, None] + weight1[:, None] * rows[:, _INFLUENCE_ROW]
        mean = a0[:, None] + np.matmul(gamma[:, None, :], rows[:, :4])[:, 0]
        shared = np.einsum("md,md->d", weight, mean).astype(np.float64)
        numerator += shared[None, :] + (bound.T @ weight).astype(np.float64)
        total += weight.sum(axis=0, dtype=np.float64)
    return LeanDraws(numerator=numerator, weight=total, level=settings.level)


def lean(deal: Deal, weights: Mapping[str, float], *, settings: LeanSettings = LeanSettings(),
         seed: int = 0, draws: int = DRAWS, today: date | None = None) -> LeanEstimate:
    """How far the buying group leans to us, in percent, with the interval our evidence
    allows: "the buying group leans to us 62 % (45–78 %)". ``weights`` are the influence
    weights (``influence.influence_weights``); ``today`` ages the evidence (None: not
    aged). A deal without people leans nowhere we could know: 50 % (0–100 %)."""
    if not deal.people or sum(weights.get(p.id, 0.0) for p in deal.people) <= 0.0:
        return LeanEstimate(50.0, 0.0, 100.0)
    return lean_draws(deal.people, weights, settings=settings, seed=seed, draws=draws,
                      today=today).estimate()
