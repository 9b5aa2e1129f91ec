"""The question worth asking: ranked by how much hearing the answer narrows the lean."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

from hypothesis import given, settings
from hypothesis import strategies as st

from desktop.domain.deal import Deal
from desktop.domain.enums import Axis, Confidence
from desktop.domain.influence import influence_weights
from desktop.domain.lean import DEFAULT_SETTINGS, lean, person_terms
from desktop.domain.person import Person
from desktop.domain.questions import Question, learnt, questions
from desktop.domain.scores import Score, Triangle
from tests.helpers.strategies import deals, people

TODAY = date(2026, 12, 3)


def asked(deal: Deal, question: Question) -> Deal:
    return replace(deal, people=tuple(learnt(p, question.axis, TODAY) if p.id == question.person
                                      else p for p in deal.people))


def test_answering_the_first_question_narrows_at_least_as_much_as_the_second(
        demos: list[Deal]) -> None:
    for deal in demos:
        weights = influence_weights(deal.people, deal.relations)
        width = lean(deal, weights, today=TODAY).width
        first, second, *_ = questions(deal, weights, today=TODAY)
        narrowed = [width - lean(asked(deal, q), weights, today=TODAY).width
                    for q in (first, second)]
        assert narrowed[0] >= narrowed[1] > 0.0, deal.name
        # and the figure the ranking gives is what answering does
        assert abs(narrowed[0] - first.narrows_by) < 1e-3
        assert abs(narrowed[1] - second.narrows_by) < 1e-3


def test_the_person_we_know_nothing_about_with_high_influence_comes_first(
        northwind: Deal) -> None:
    weights = influence_weights(northwind.people, northwind.relations)
    found = questions(northwind, weights, today=TODAY)
    names = {p.id: p.name for p in northwind.people}
    assert names[found[0].person] == "Richard Hale"
    assert found[0].axis is Axis.PERSONAL  # all three unknown: the personal win is asked
    assert found[0].narrows_by > 5.0
    assert len({q.person for q in found}) == len(found)  # one question per person
    assert [q.narrows_by for q in found] == sorted((q.narrows_by for q in found), reverse=True)
    assert found[0].text("Richard Hale") == \
        f"Ask Richard Hale about their personal win: −{round(found[0].narrows_by)} points"
    assert found[0].to_plain() == {"person": found[0].person, "axis": "personal",
                                   "narrows_by": round(found[0].narrows_by, 1)}


def test_nothing_to_ask_when_every_score_was_just_heard() -> None:
    heard = Triangle(*(Score(6, confidence=Confidence.HEARD) for _axis in Axis))
    crowd = tuple(Person(name=f"P{i}", scores=heard, last_contact=TODAY) for i in range(3))
    deal = Deal(name="Known", people=crowd)
    assert questions(deal, influence_weights(crowd, ()), today=TODAY) == []
    old = replace(deal, people=tuple(replace(p, last_contact=date(2026, 1, 5)) for p in crowd))
    assert questions(old, influence_weights(crowd, ()), today=TODAY)  # aged: worth asking again


def test_points_are_whole_from_one_and_tenths_below() -> None:
    assert Question("x", Axis.BUSINESS, 11.4).points() == "11 points"
    assert Question("x", Axis.BUSINESS, 1.2).points() == "1 point"
    assert Question("x", Axis.BUSINESS, 0.42).points() == "0.4 points"


@settings(max_examples=60, deadline=None)
@given(people(), st.sampled_from(Axis), st.one_of(st.none(), st.just(TODAY)))
def test_asking_in_place_is_the_same_as_building_the_learnt_person(
        person: Person, axis: Axis, today: date | None) -> None:
    assert person_terms(person, 0.3, DEFAULT_SETTINGS, today, asked=axis) == \
        person_terms(learnt(person, axis, today), 0.3, DEFAULT_SETTINGS, today)


@settings(max_examples=30, deadline=None)
@given(deals(max_people=5))
def test_every_question_narrows_the_interval_by_what_it_says(deal: Deal) -> None:
    weights = influence_weights(deal.people, deal.relations)
    width = lean(deal, weights, draws=2_000, today=TODAY).width
    for question in questions(deal, weights, draws=2_000, today=TODAY, limit=3):
        after = lean(asked(deal, question), weights, draws=2_000, today=TODAY).width
        assert abs(width - after - question.narrows_by) < 1e-3
        assert question.narrows_by > 0.0
