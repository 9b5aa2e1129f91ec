"""Each red-flag rule: a deal that raises it and one that does not; path to power; tipping point."""

from __future__ import annotations

from datetime import date

import pytest

from desktop.domain.analysis import analyse
from desktop.domain.deal import Deal
from desktop.domain.decision import CompellingEvent, Criterion
from desktop.domain.enums import Coverage, Influence, RelationKind, Role, Support
from desktop.domain.influence import influence_weights
from desktop.domain.person import Person
from desktop.domain.red_flags import path_to_power, red_flags
from desktop.domain.relation import Relation
from desktop.domain.scores import Score, Triangle

TODAY = date(2026, 11, 23)


def person(name: str, *roles: Role, support: Support = Support.NEUTRAL,
           influence: Influence = Influence.MEDIUM, coverage: Coverage = Coverage.GOOD,
           scores: tuple[int | None, int | None, int | None] = (5, 5, 5),
           contact: date | None = TODAY) -> Person:
    b, t, p = scores
    return Person(name=name, roles=roles, support=support, influence=influence,
                  coverage=coverage, last_contact=contact,
                  scores=Triangle(Score(b), Score(t), Score(p, private=True)))


def healthy() -> Deal:
    """A deal that raises no flag at all (its compelling event and the economic buyer's rated
    criterion keep the plan rules quiet too; tests/domain/test_red_flags_plan.py)."""
    eb = person("Eve", Role.ECONOMIC_BUYER, support=Support.SUPPORTER)
    coach = person("Carl", Role.COACH, support=Support.MENTOR)
    foe = person("Fred", Role.TECHNICAL_BUYER, support=Support.OPPONENT)
    return Deal(name="Healthy", people=(eb, coach, foe),
                relations=(Relation(coach.id, eb.id, RelationKind.INFLUENCE, 3),),
                compelling_event=CompellingEvent("The old system loses support", TODAY),
                criteria=(Criterion("Total cost", owner=eb.id, ours=7),))


def codes(deal: Deal) -> set[str]:
    weights = influence_weights(deal.people, deal.relations)
    return {f.code for f in red_flags(deal, weights, today=TODAY)}


def test_a_healthy_deal_raises_nothing() -> None:
    assert codes(healthy()) == set()


def replace_person(deal: Deal, name: str, **changes: object) -> Deal:
    from dataclasses import replace

    people = tuple(replace(p, **changes) if p.name == name else p  # type: ignore[arg-type]
                   for p in deal.people)
    return replace(deal, people=people)


@pytest.mark.parametrize(("change", "code"), [
    (lambda d: replace_person(d, "Eve", roles=()), "no-economic-buyer"),
    (lambda d: replace_person(d, "Fred", roles=(Role.ECONOMIC_BUYER,)), "several-economic-buyers"),
    (lambda d: replace_person(d, "Carl", roles=(Role.USER_BUYER,)), "no-champion"),
    (lambda d: replace_person(d, "Carl", influence=Influence.LOW), "weak-champion"),
    (lambda d: Deal(name="X", people=d.people), "no-path-to-power"),
    (lambda d: replace_person(d, "Fred", support=Support.NEUTRAL), "no-opponent"),
    (lambda d: replace_person(d, "Eve", influence=Influence.HIGH,
                              scores=Triangle(Score(5), Score(5), Score(None))),
     "unknown-personal-win"),
    (lambda d: replace_person(d, "Eve", influence=Influence.HIGH,
                              scores=Triangle(Score(5), Score(5), Score(2))),
     "weak-personal-win"),
    (lambda d: replace_person(d, "Fred", influence=Influence.HIGH), "high-influence-opponent"),
    (lambda d: replace_person(replace_person(d, "Carl", coverage=Coverage.LIGHT), "Fred",
                              coverage=Coverage.NONE), "single-threaded"),
    (lambda d: replace_person(replace_person(replace_person(
        d, "Eve", last_contact=date(2026, 1, 1)), "Carl", last_contact=None), "Fred",
        last_contact=date(2026, 10, 1)), "no-recent-contact"),
    (lambda d: replace_person(d, "Fred", roles=()), "unknown-roles"),
    (lambda d: replace_person(d, "Eve", scores=Triangle(Score(8), Score(9), Score(3))),
     "eb-personal-win-gap"),
])
def test_each_rule_raises_its_flag(change: object, code: str) -> None:
    deal = change(healthy())  # type: ignore[operator]
    assert code in codes(deal)


def test_reports_to_cycle() -> None:
    deal = healthy()
    a, b, c = deal.people
    looped = Deal(name="Loop", people=deal.people, relations=(
        *deal.relations,
        Relation(a.id, b.id, RelationKind.REPORTS_TO),
        Relation(b.id, c.id, RelationKind.REPORTS_TO),
        Relation(c.id, a.id, RelationKind.REPORTS_TO)))
    assert "reports-to-cycle" in codes(looped)
    flag = next(f for f in red_flags(looped, {}, today=TODAY) if f.code == "reports-to-cycle")
    assert set(flag.people) == {a.id, b.id, c.id}


def test_path_to_power_avoids_opponents_and_prefers_strong_lines() -> None:
    eb = person("Eve", Role.ECONOMIC_BUYER)
    coach = person("Carl", Role.COACH)
    friend = person("Fay")
    foe = person("Fred", support=Support.ENEMY)
    deal = Deal(name="Paths", people=(eb, coach, friend, foe), relations=(
        Relation(coach.id, foe.id, RelationKind.INFLUENCE, 3),
        Relation(foe.id, eb.id, RelationKind.INFLUENCE, 3),
        Relation(coach.id, friend.id, RelationKind.INFLUENCE, 1),
        Relation(friend.id, eb.id, RelationKind.REPORTS_TO),
    ))
    assert path_to_power(deal) == [coach.id, friend.id, eb.id]
    cut = Deal(name="Cut", people=deal.people, relations=deal.relations[:2])
    assert path_to_power(cut) is None


def test_tipping_point_is_the_most_powerful_weak_personal_win(demos: list[Deal]) -> None:
    for deal in demos:
        result = analyse(deal, today=TODAY)
        assert result.tipping_point is not None
        assert result.tipping_point.gain > 0
        assert result.flags  # the demo deals are realistic: they have problems
        assert result.path_to_power is not None


def test_demo_flags_name_real_people(demos: list[Deal]) -> None:
    for deal in demos:
        ids = {p.id for p in deal.people}
        for flag in analyse(deal, today=TODAY).flags:
            assert set(flag.people) <= ids
            assert flag.message.endswith((".", "?"))
