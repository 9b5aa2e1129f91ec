"""The portfolio's figures and risk score (docs/portfolio.md), on hand-made deals whose
order a sales manager would agree with: the neglected deal closing next week first, the
well-worked one last."""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from desktop.domain.actions import Action, ActionStatus
from desktop.domain.deal import Deal
from desktop.domain.enums import Axis, Coverage, Influence, RelationKind, Role, Support
from desktop.domain.person import Person
from desktop.domain.portfolio import (
    by_risk,
    chosen,
    days_since_key_contact,
    is_key,
    is_open_stage,
    risk_terms,
    standing,
)
from desktop.domain.relation import Relation
from desktop.domain.scores import Score, Triangle
from desktop.domain.triangle_math import AxisResult, DealTriangle

TODAY = date(2026, 12, 1)


def scored(b: int | None, t: int | None, p: int | None) -> Triangle:
    return Triangle(business=Score(b), technical=Score(t), personal=Score(p))


def well_worked(today: date = TODAY, name: str = "Orbit well worked") -> Deal:
    """A buyer and a champion both known in depth, backing us, met last week; nothing
    late; closing in four months."""
    buyer = Person("Ada Buyer", roles=(Role.ECONOMIC_BUYER, Role.DECISION_MAKER),
                   influence=Influence.HIGH, coverage=Coverage.IN_DEPTH,
                   support=Support.MENTOR, last_contact=today - timedelta(days=5),
                   scores=scored(9, 8, 9))
    coach = Person("Ben Coach", roles=(Role.COACH,), influence=Influence.MEDIUM,
                   coverage=Coverage.GOOD, support=Support.MENTOR,
                   last_contact=today - timedelta(days=2), scores=scored(8, 9, 8))
    user = Person("Cy User", roles=(Role.USER_BUYER,), influence=Influence.MEDIUM,
                  coverage=Coverage.GOOD, support=Support.SUPPORTER,
                  last_contact=today - timedelta(days=9), scores=scored(8, 8, 8))
    return Deal(name, account="Orbit AG", stage="Proposal", amount=300_000.0,
                currency="EUR", close_date=today + timedelta(days=120),
                people=(buyer, coach, user),
                relations=(Relation(coach.id, buyer.id, RelationKind.INFLUENCE, strength=3),
                           Relation(user.id, buyer.id, RelationKind.REPORTS_TO)),
                actions=(Action("Send the pilot plan", due=today + timedelta(days=7),
                                for_people=(buyer.id,)),))


def neglected(today: date = TODAY, name: str = "Vega neglected") -> Deal:
    """Nobody signs, nobody guides us, an opponent of high influence last seen two months
    ago, three actions late — and it is to close next week."""
    boss = Person("Dana Boss", influence=Influence.HIGH, coverage=Coverage.LIGHT,
                  support=Support.OPPONENT, last_contact=today - timedelta(days=60),
                  scores=scored(4, None, None))
    clerk = Person("Eli Clerk", influence=Influence.LOW, coverage=Coverage.NONE,
                   last_contact=today - timedelta(days=1), scores=scored(6, 5, 3))
    late = tuple(Action(f"Chase answer {n}", due=today - timedelta(days=n),
                        for_people=(boss.id,)) for n in (3, 10, 20))
    done = Action("Old task", due=today - timedelta(days=30), status=ActionStatus.DONE,
                  changed=today - timedelta(days=29))
    return Deal(name, account="Vega Ltd", stage="Negotiate", amount=80_000.0, currency="GBP",
                close_date=today + timedelta(days=6), people=(boss, clerk),
                actions=(*late, done))


def middling(today: date = TODAY, name: str = "Lumen middling") -> Deal:
    """A known buyer, but the champion is only lightly known and a month quiet."""
    buyer = Person("Fay Buyer", roles=(Role.ECONOMIC_BUYER,), influence=Influence.HIGH,
                   coverage=Coverage.LIGHT, support=Support.NEUTRAL,
                   last_contact=today - timedelta(days=30), scores=scored(6, 7, None))
    coach = Person("Gus Coach", roles=(Role.COACH,), coverage=Coverage.GOOD,
                   support=Support.SUPPORTER, last_contact=today - timedelta(days=12),
                   scores=scored(7, 7, 6))
    return Deal(name, account="Lumen SA", stage="Discover", amount=120_000.0, currency="EUR",
                close_date=today + timedelta(days=50), people=(buyer, coach),
                relations=(Relation(coach.id, buyer.id, RelationKind.INFLUENCE, strength=2),),
                actions=(Action("Book the workshop", due=today - timedelta(days=4),
                                for_people=(coach.id,)),))


def test_risk_orders_the_neglected_deal_first_and_the_well_worked_last() -> None:
    standings = [standing(deal, TODAY) for deal in (well_worked(), middling(), neglected())]
    ordered = by_risk(standings)
    assert [s.name for s in ordered] == ["Vega neglected", "Lumen middling",
                                         "Orbit well worked"]
    risks = [s.risk for s in ordered]
    assert risks[0] >= 70, risks
    assert risks[2] <= 20, risks
    assert risks[0] > risks[1] > risks[2]


def test_the_figures_of_a_neglected_deal() -> None:
    item = standing(neglected(), TODAY)
    assert item.overdue_actions == 3  # the done one is not late
    assert item.days_since_key_contact == 60  # the boss is key (high influence), the clerk not
    assert item.high_flags >= 2  # no economic buyer, no champion at least
    assert item.terms.flags == min(30.0, 10.0 * item.high_flags)
    assert item.terms.silence == 15.0
    assert item.terms.overdue == 12.0
    assert item.coverage == 0.0  # nobody known well
    assert item.terms.coverage == 13.0
    assert item.backing == 0.0
    assert item.terms.closing == 15.0  # six days to close, nobody backing us
    assert item.to_plain() == {"risk": item.risk, "high_flags": item.high_flags,
                               "overdue_actions": 3, "days_since_key_contact": 60}


def test_the_figures_of_a_well_worked_deal() -> None:
    item = standing(well_worked(), TODAY)
    assert item.high_flags == 0
    assert item.overdue_actions == 0
    assert item.days_since_key_contact == 5  # the buyer, not the coach met two days ago
    assert item.coverage == pytest.approx(1.0)
    assert item.backing == pytest.approx(1.0)
    assert item.terms.flags == item.terms.silence == item.terms.overdue == 0.0
    assert item.terms.closing == 0.0  # four months away
    assert item.people == 3
    assert item.account == "Orbit AG"
    assert item.is_open


def test_each_term_of_the_formula() -> None:
    triangle = DealTriangle(business=AxisResult(6.0, 1.0, 2), technical=AxisResult(4.0, 1.0, 2),
                            personal=AxisResult(None, 0.0, 0))
    terms = risk_terms(high_flags=2, days_since_key_contact=29,
                       overdue_actions=1, coverage=0.25, triangle=triangle, backing=0.2,
                       days_to_close=37)
    assert terms.flags == 20.0
    assert terms.silence == pytest.approx(15.0 * 15 / 31)  # 29 days: 15 past the free 14
    assert terms.overdue == 4.0
    assert terms.coverage == pytest.approx(13.0 * 0.75)
    assert terms.triangle == pytest.approx(8.0 + 7.0 * 0.6)  # personal unknown, weakest 4
    assert terms.closing == pytest.approx(15.0 * 0.5 * 0.8)  # 37 days: half-way to calm
    assert terms.total == round(20 + 15 * 15 / 31 + 4 + 9.75 + 12.2 + 6.0)


@pytest.mark.parametrize(("days", "points"), [(None, 15.0), (0, 0.0), (14, 0.0), (45, 15.0),
                                               (400, 15.0)])
def test_silence_from_key_people(days: int | None, points: float) -> None:
    triangle = DealTriangle(*(AxisResult(10.0, 1.0, 1) for _ in Axis))
    terms = risk_terms(high_flags=0, days_since_key_contact=days, overdue_actions=0,
                       coverage=1.0, triangle=triangle, backing=1.0, days_to_close=None)
    assert terms.silence == pytest.approx(points)
    assert terms.total == round(points)  # everything else is at its best: 0 points


def test_the_caps_add_up_to_one_hundred() -> None:
    worst = DealTriangle(*(AxisResult(None, 0.0, 0) for _ in Axis))
    terms = risk_terms(high_flags=9, days_since_key_contact=None, overdue_actions=9,
                       coverage=0.0, triangle=worst, backing=0.0, days_to_close=-5)
    assert terms.total == 100


def test_key_people_and_the_latest_contact() -> None:
    decider = Person("Low DM", roles=(Role.DECISION_MAKER,), influence=Influence.LOW,
                     last_contact=TODAY - timedelta(days=40))
    chief = Person("High nobody", influence=Influence.HIGH,
                   last_contact=TODAY - timedelta(days=70))
    chatty = Person("Medium talker", last_contact=TODAY)  # not key: does not count
    assert is_key(decider)
    assert is_key(chief)
    assert not is_key(chatty)
    assert days_since_key_contact([decider, chief, chatty], TODAY) == 40
    assert days_since_key_contact([chatty], TODAY) is None
    planned = Person("Met tomorrow", influence=Influence.HIGH,
                     last_contact=TODAY + timedelta(days=1))
    assert days_since_key_contact([planned], TODAY) == 0


def test_ties_go_to_the_nearer_close_date_then_the_name() -> None:
    base = standing(middling(), TODAY)
    from dataclasses import replace

    later = replace(base, name="Alpha later", deal_id="a", close_date=TODAY + timedelta(30))
    sooner = replace(base, name="Zulu sooner", deal_id="z", close_date=TODAY + timedelta(3))
    undated = replace(base, name="Beta undated", deal_id="b", close_date=None)
    same_day = replace(base, name="Alpha sooner", deal_id="c", close_date=TODAY + timedelta(3))
    assert [s.name for s in by_risk([undated, later, sooner, same_day])] == [
        "Alpha sooner", "Zulu sooner", "Alpha later", "Beta undated"]


def test_closed_deals_are_left_out_and_filters_ignore_case() -> None:
    from dataclasses import replace

    won = replace(well_worked(), name="Won already", stage="Closed won")
    lost = replace(neglected(), name="Lost already", stage="closed lost")
    items = [standing(d, TODAY) for d in (won, lost, middling(), neglected())]
    assert [s.name for s in chosen(items)] == ["Vega neglected", "Lumen middling"]
    assert [s.name for s in chosen(items, account="vega ltd")] == ["Vega neglected"]
    assert [s.name for s in chosen(items, stage="DISCOVER")] == ["Lumen middling"]
    assert len(chosen(items, open_only=False)) == 4
    assert not is_open_stage("Closed won")
    assert is_open_stage("Qualify")
    assert is_open_stage("")


def test_an_empty_deal_is_all_risk_it_can_be_without_dates() -> None:
    item = standing(Deal("Empty"), TODAY)
    assert item.coverage == 0.0
    assert item.days_since_key_contact is None
    assert item.terms.closing == 0.0  # no close date: no urgency
    assert item.risk == round(item.terms.flags + 15 + 13 + 15)
