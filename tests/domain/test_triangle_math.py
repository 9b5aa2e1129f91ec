"""The influence-weighted deal triangle and the influence weights."""

from __future__ import annotations

import math
from dataclasses import replace

import pytest
from hypothesis import given
from hypothesis import strategies as st

from desktop.domain.analysis import analyse, tipping_point
from desktop.domain.deal import Deal
from desktop.domain.enums import Axis, Influence, RelationKind
from desktop.domain.influence import influence_weights, stated_weights
from desktop.domain.person import Person
from desktop.domain.relation import Relation
from desktop.domain.scores import Score, Triangle
from desktop.domain.triangle_math import deal_triangle
from tests.helpers.strategies import deals


def scored(name: str, b: int | None, t: int | None, p: int | None,
           influence: Influence = Influence.MEDIUM) -> Person:
    return Person(name=name, influence=influence,
                  scores=Triangle(Score(b), Score(t), Score(p, private=True)))


def test_unknown_axes_are_left_out_never_counted_as_zero() -> None:
    people = [scored("A", 8, None, 2), scored("B", None, None, 6)]
    weights = {people[0].id: 0.5, people[1].id: 0.5}
    triangle = deal_triangle(people, weights)
    assert triangle.business.value == 8  # B's unknown does not drag it to 4
    assert triangle.business.coverage == 0.5
    assert triangle.technical.value is None
    assert triangle.technical.coverage == 0.0
    assert triangle.personal.value == 4


def test_weights_shift_the_triangle_towards_the_powerful() -> None:
    boss = scored("Boss", 2, 2, 2, Influence.HIGH)
    clerk = scored("Clerk", 10, 10, 10, Influence.LOW)
    weights = stated_weights([boss, clerk])
    assert weights == {boss.id: 0.75, clerk.id: 0.25}
    assert deal_triangle([boss, clerk], weights).business.value == pytest.approx(4.0)


def test_influence_lines_raise_the_influencer() -> None:
    a, b, c = Person(name="A"), Person(name="B"), Person(name="C")
    flat = influence_weights([a, b, c], [])
    assert flat[a.id] == pytest.approx(1 / 3)
    lines = [Relation(a.id, b.id, RelationKind.INFLUENCE, 3),
             Relation(c.id, a.id, RelationKind.REPORTS_TO)]
    weighted = influence_weights([a, b, c], lines)
    assert math.isclose(sum(weighted.values()), 1.0)
    assert weighted[a.id] > weighted[b.id]
    assert weighted[a.id] > weighted[c.id]


def test_conflict_lines_carry_no_influence() -> None:
    a, b = Person(name="A"), Person(name="B")
    assert influence_weights([a, b], [Relation(a.id, b.id, RelationKind.CONFLICT)]) == \
        stated_weights([a, b])


@given(deals(max_people=10))
def test_weights_are_a_distribution(deal: Deal) -> None:
    weights = influence_weights(deal.people, deal.relations)
    if deal.people:
        assert math.isclose(sum(weights.values()), 1.0, rel_tol=1e-6)
        assert all(w > 0 for w in weights.values())
    else:
        assert weights == {}


@given(deals(max_people=10))
def test_axis_value_lies_within_the_known_scores(deal: Deal) -> None:
    result = analyse(deal)
    for axis in Axis:
        known = [v for p in deal.people if (v := p.scores[axis].value) is not None]
        value = result.triangle[axis].value
        if known:
            assert value is not None
            assert min(known) - 1e-9 <= value <= max(known) + 1e-9
            assert 0 < result.triangle[axis].coverage <= 1 + 1e-9
        else:
            assert value is None
            assert result.triangle[axis].coverage == 0
        assert result.triangle[axis].known_people == len(known)


@given(deals(max_people=8))
def test_adding_an_unknown_person_never_changes_a_known_axis_value(deal: Deal) -> None:
    stranger = Person(name="Stranger")
    weights = dict(influence_weights(deal.people, ()))
    before = deal_triangle(deal.people, weights)
    weights[stranger.id] = 0.3
    after = deal_triangle((*deal.people, stranger), weights)
    for axis in Axis:
        if before[axis].value is None:
            assert after[axis].value is None
        else:
            assert after[axis].value == pytest.approx(before[axis].value)
            assert after[axis].coverage <= before[axis].coverage + 1e-9


@given(st.lists(st.tuples(st.integers(0, 10), st.floats(0.01, 10)), min_size=1, max_size=20),
       st.floats(0.1, 100))
def test_scaling_all_weights_changes_nothing(rows: list[tuple[int, float]], k: float) -> None:
    people = [scored(f"P{i}", value, None, None) for i, (value, _) in enumerate(rows)]
    weights = {p.id: w for p, (_, w) in zip(people, rows, strict=True)}
    scaled = {pid: w * k for pid, w in weights.items()}
    one = deal_triangle(people, weights).business
    two = deal_triangle(people, scaled).business
    assert one.value == pytest.approx(two.value)
    assert one.coverage == pytest.approx(two.coverage)


def test_analysis_plain_form(small_demo: Deal) -> None:
    plain = analyse(small_demo).to_plain(small_demo)
    assert set(plain["triangle"]) == {"business", "technical", "personal"}
    assert len(plain["influence"]) == len(small_demo.people)
    weights = [row["weight"] for row in plain["influence"]]
    assert weights == sorted(weights, reverse=True)


@given(deals(max_people=10))
def test_tipping_point_closed_form_matches_recomputing_the_triangle(deal: Deal) -> None:
    """The O(n) formula gives the same person and gain as raising each person's personal
    win to 10 and recomputing the deal triangle (unknown counted as 0 before)."""
    weights = influence_weights(deal.people, deal.relations)
    before = deal_triangle(deal.people, weights).personal.value or 0.0
    gains = {}
    for person in deal.people:
        if person.scores.personal.value == 10:
            continue
        raised = replace(person, scores=replace(person.scores, personal=Score(10)))
        others = [raised if p.id == person.id else p for p in deal.people]
        gains[person.id] = (deal_triangle(others, weights).personal.value or 0.0) - before
    found = tipping_point(deal, weights)
    best = max(gains.values(), default=0.0)
    carriers = sum(1 for p in deal.people
                   if p.scores.personal.value is not None and weights[p.id] > 0)
    if carriers < 2 or best <= 1e-9:  # carried by one person or nobody: no tipping point
        assert found is None
    else:
        assert found is not None
        assert math.isclose(found.gain, best, abs_tol=1e-9)
        assert math.isclose(gains[found.person], best, abs_tol=1e-9)


def test_no_tipping_point_for_one_person() -> None:
    """A deal of one: raising their personal win to 10 makes the axis 10 — "+10.0"."""
    alone = scored("Alone", 5, 5, None)
    deal = Deal(name="One", people=(alone,))
    assert tipping_point(deal, influence_weights(deal.people, deal.relations)) is None
    known = Deal(name="One known", people=(scored("Known", 5, 5, 3),))
    assert tipping_point(known, influence_weights(known.people, known.relations)) is None
    assert analyse(deal).tipping_point is None


def test_no_tipping_point_while_one_person_carries_the_personal_axis() -> None:
    """Many people, one known personal win: the axis is that person's score, and any
    "gain" is only the distance to 10 or a guess about the unknown."""
    people = (scored("Known", 6, 6, 4, Influence.HIGH), scored("B", 5, None, None),
              scored("C", None, 7, None, Influence.LOW))
    deal = Deal(name="One carrier", people=people)
    assert tipping_point(deal, influence_weights(deal.people, deal.relations)) is None
    nobody = Deal(name="Nobody known", people=(scored("A", 5, 5, None),
                                               scored("B", 5, 5, None)))
    assert tipping_point(nobody, influence_weights(nobody.people, nobody.relations)) is None


def test_two_carriers_make_a_tipping_point() -> None:
    people = (scored("Low win", 6, 6, 2, Influence.HIGH), scored("High win", 5, 5, 9),
              scored("Unknown", 5, 5, None, Influence.LOW))
    deal = Deal(name="Two carriers", people=people)
    found = tipping_point(deal, influence_weights(deal.people, deal.relations))
    assert found is not None
    assert found.person == people[0].id  # the powerful person with the weak win
    assert 0 < found.gain < 10
