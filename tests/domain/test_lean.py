"""The lean with its uncertainty (docs/triangle-math.md, "The lean"): the issue's named
tests and the hypothesis properties."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

from hypothesis import given, settings
from hypothesis import strategies as st

from desktop.domain.deal import Deal
from desktop.domain.enums import Axis, Confidence, Coverage, Influence, Support
from desktop.domain.influence import influence_weights
from desktop.domain.lean import LeanSettings, knows_nothing, lean
from desktop.domain.person import Person
from desktop.domain.scores import Score, Triangle
from tests.helpers.strategies import deals

TODAY = date(2026, 12, 3)
DRAWS = 2_000  # the properties run many deals: fewer draws, same rules
ROUNDING = 1e-4  # points: float32 sums in another order


def all_heard(deal: Deal) -> Deal:
    """Every score heard directly (an unknown becomes a heard 5)."""
    people = tuple(replace(p, scores=Triangle(*(
        Score(5 if s.value is None else s.value, confidence=Confidence.HEARD,
              private=s.private) for _axis, s in p.scores.items()))) for p in deal.people)
    return replace(deal, people=people)


def weights_of(deal: Deal) -> dict[str, float]:
    return dict(influence_weights(deal.people, deal.relations))


def stranger(name: str = "Nobody Known", influence: Influence = Influence.MEDIUM) -> Person:
    return Person(name=name, influence=influence)


def test_every_score_heard_directly_gives_an_interval_under_five_points(
        demos: list[Deal]) -> None:
    for deal in demos:
        before = lean(deal, weights_of(deal), today=TODAY)
        heard = lean(all_heard(deal), weights_of(deal), today=TODAY)
        assert heard.width < 5.0, (deal.name, heard)
        assert before.width > 2 * heard.width  # the demo's guesses are what made it wide


def test_adding_an_unknown_person_never_narrows_the_interval(demos: list[Deal]) -> None:
    for deal in demos:
        weights = weights_of(deal)
        before = lean(deal, weights, today=TODAY)
        for influence in Influence:
            newcomer = stranger(influence=influence)
            share = 0.1 * influence.level
            after = lean(replace(deal, people=(*deal.people, newcomer)),
                         {**{k: v * (1 - share) for k, v in weights.items()},
                          newcomer.id: share}, today=TODAY)
            assert after.low <= before.low + ROUNDING
            assert after.high >= before.high - ROUNDING
            assert after.width > before.width


def test_the_same_seed_gives_the_same_figures_and_another_seed_nearly_the_same(
        helix: Deal) -> None:
    weights = weights_of(helix)
    first = lean(helix, weights, seed=7, today=TODAY)
    assert lean(helix, weights, seed=7, today=TODAY) == first
    other = lean(helix, weights, seed=8, today=TODAY)
    assert other != first
    assert abs(other.low - first.low) < 1.0
    assert abs(other.high - first.high) < 1.0


def test_an_edit_of_one_person_leaves_everybody_elses_draws_alone(helix: Deal) -> None:
    """Each person draws from their own stream: reordering the people changes nothing."""
    weights = weights_of(helix)
    reordered = replace(helix, people=tuple(reversed(helix.people)))
    first, second = lean(helix, weights, today=TODAY), lean(reordered, weights, today=TODAY)
    assert abs(first.low - second.low) < ROUNDING
    assert abs(first.high - second.high) < ROUNDING


def test_a_group_of_mentors_with_every_score_ten_leans_to_us_almost_entirely() -> None:
    people = tuple(Person(name=f"Fan {i}", support=Support.MENTOR, coverage=Coverage.IN_DEPTH,
                          scores=Triangle(*(Score(10, confidence=Confidence.HEARD)
                                            for _axis in Axis))) for i in range(4))
    deal = Deal(name="Won", people=people)
    estimate = lean(deal, weights_of(deal))
    assert 90.0 < estimate.low <= estimate.high <= 100.0
    enemies = Deal(name="Lost", people=tuple(
        replace(p, support=Support.ENEMY, scores=Triangle(*(
            Score(0, confidence=Confidence.HEARD) for _axis in Axis)))
        for p in people))
    assert lean(enemies, weights_of(enemies)).high < 10.0


def test_a_person_we_know_nothing_about_counts_from_enemy_to_mentor() -> None:
    nobody = stranger()
    assert knows_nothing(nobody)
    assert not knows_nothing(replace(nobody, support=Support.SUPPORTER))
    assert not knows_nothing(replace(nobody, coverage=Coverage.LIGHT))
    only = lean(Deal(name="Blank", people=(nobody,)), {nobody.id: 1.0})
    assert only.low == 0.0
    assert only.high == 100.0
    assert only.value == 50.0
    assert lean(Deal(name="Empty"), {}) == only


def test_old_evidence_widens_the_interval(northwind: Deal) -> None:
    weights = weights_of(northwind)
    fresh = lean(northwind, weights, today=date(2026, 11, 20))
    stale = lean(northwind, weights, today=date(2027, 11, 20))
    unaged = lean(northwind, weights, today=date(2027, 11, 20),
                  settings=LeanSettings(ageing_days=None))
    assert stale.width > fresh.width + 1.0
    assert abs(unaged.width - lean(northwind, weights).width) < ROUNDING


@settings(max_examples=40, deadline=None)
@given(deals(max_people=6), st.integers(0, 3))
def test_interval_contains_the_point_estimate_and_stays_within_0_to_100(deal: Deal,
                                                                           seed: int) -> None:
    estimate = lean(deal, weights_of(deal), seed=seed, draws=DRAWS, today=TODAY)
    assert 0.0 <= estimate.low <= estimate.value <= estimate.high <= 100.0


@settings(max_examples=40, deadline=None)
@given(deals(max_people=6), st.sampled_from([0.5, 2.0, 4.0]))
def test_weights_count_as_shares_that_sum_to_1(deal: Deal, scale: float) -> None:
    """The lean divides by the draw's total weight: scaled weights are the same shares."""
    weights = weights_of(deal)
    assert not weights or abs(sum(weights.values()) - 1.0) < 1e-9
    scaled = {k: v * scale for k, v in weights.items()}
    one, other = (lean(deal, w, draws=DRAWS, today=TODAY) for w in (weights, scaled))
    assert abs(one.low - other.low) < 1e-3
    assert abs(one.high - other.high) < 1e-3


@settings(max_examples=40, deadline=None)
@given(deals(max_people=6), st.integers(0, 10), st.data())
def test_adding_a_person_we_know_nothing_about_never_narrows_it(deal: Deal, share: int,
                                                                data: st.DataObject) -> None:
    weights = weights_of(deal)
    newcomer = stranger(influence=data.draw(st.sampled_from(Influence)))
    fraction = share / 10 if weights else 1.0
    grown = replace(deal, people=(*deal.people, newcomer))
    before = lean(deal, weights, draws=DRAWS, today=TODAY)
    after = lean(grown, {**{k: v * (1 - fraction) for k, v in weights.items()},
                         newcomer.id: fraction}, draws=DRAWS, today=TODAY)
    assert after.width >= before.width - ROUNDING


_STEPS = (Confidence.ASSUMED, Confidence.SECOND_HAND, Confidence.HEARD)


@settings(max_examples=60, deadline=None)
@given(deals(max_people=6), st.data())
def test_more_evidence_never_widens_it(deal: Deal, data: st.DataObject) -> None:
    """Learning an unknown score (heard directly) or hearing a known one more directly."""
    known = [(p, axis) for p in deal.people for axis in Axis
             if p.scores[axis].confidence is not Confidence.HEARD or p.scores[axis].value is None]
    if not known:
        return
    person, axis = data.draw(st.sampled_from(known))
    score = person.scores[axis]
    if score.value is None:
        better = replace(score, value=data.draw(st.integers(0, 10)),
                         confidence=Confidence.HEARD)
    else:
        step = _STEPS.index(score.confidence)
        better = replace(score, confidence=data.draw(st.sampled_from(_STEPS[step + 1:])))
    learnt = replace(deal, people=tuple(p.with_score(axis, better) if p.id == person.id else p
                                        for p in deal.people))
    weights = weights_of(deal)
    before = lean(deal, weights, draws=DRAWS, today=TODAY)
    after = lean(learnt, weights, draws=DRAWS, today=TODAY)
    assert after.width <= before.width + 0.5  # up to sampling noise of the quantiles
