"""The plan's expected effect: the projected deal, each action's expected gain (the closed
form in docs/triangle-math.md), the red flags the plan would clear, and intended against
actual at the next review."""

from __future__ import annotations

from datetime import date

import pytest
from hypothesis import given
from hypothesis import strategies as st

from desktop.demo import demo_deals
from desktop.domain.actions import Action, ActionStatus, IntendedChange
from desktop.domain.deal import Deal
from desktop.domain.enums import Axis, Influence
from desktop.domain.influence import influence_weights, stated_weights
from desktop.domain.person import Person
from desktop.domain.plan_outcomes import Outcome, intended_outcomes, judge
from desktop.domain.scores import Score, Triangle
from desktop.domain.triangle_math import deal_triangle
from desktop.domain.what_if import action_effects, projected_deal, projected_score, what_if
from tests.helpers.strategies import deals

TODAY = date(2026, 12, 3)
PID = "0b0e5c1e-0000-4000-8000-000000000001"


def scored(name: str, b: int | None, t: int | None, p: int | None,
           influence: Influence = Influence.MEDIUM) -> Person:
    return Person(name=name, influence=influence,
                  scores=Triangle(Score(b), Score(t), Score(p, private=True)))


def plan(deal: Deal, *changes: IntendedChange, status: ActionStatus = ActionStatus.OPEN,
         ) -> Deal:
    actions = [Action(f"Step {n}", intended=c, status=status) for n, c in enumerate(changes)]
    return deal.with_plan(actions=[*deal.actions, *actions])


def test_plus_two_on_a_known_score_moves_the_deal_axis_by_w_times_two_over_known_weight(
        ) -> None:
    """The named test: +2 for a person of weight w whose score was known moves the axis by
    exactly w·2 / Σ_K w (K: the people whose score on that axis is known)."""
    boss = scored("Boss", 5, 6, 4, Influence.HIGH)
    clerk = scored("Clerk", 8, None, 7, Influence.LOW)
    nobody = scored("Nobody", None, None, None, Influence.MEDIUM)  # weight, but not in K
    deal = plan(Deal("D", people=(boss, clerk, nobody)),
                IntendedChange(boss.id, Axis.BUSINESS, 7, before=5))
    weights = stated_weights(deal.people)  # 3/6, 1/6, 2/6
    known = weights[boss.id] + weights[clerk.id]
    expected = weights[boss.id] * 2 / known

    before = deal_triangle(deal.people, weights).business.value
    result = what_if(deal, weights, today=TODAY)
    assert result.triangle.business.value is not None
    assert before is not None
    assert result.triangle.business.value - before == pytest.approx(expected, abs=1e-12)
    assert expected == pytest.approx(1.5)  # (3/6)·2 / (4/6)
    (effect,) = result.effects
    assert effect.gain == pytest.approx(expected, abs=1e-12)
    assert (effect.now, effect.projected) == (5, 7)
    # the other axes do not move
    today = deal_triangle(deal.people, weights)
    assert result.triangle.technical == today.technical
    assert result.triangle.personal == today.personal


def test_a_score_that_was_unknown_joins_the_known_people_and_pulls_toward_its_target(
        ) -> None:
    """Unknown before: the person joins K, so Δ = w·(t − value) / (Σ_K w + w) — not
    w·t / Σ_K w: the denominator grows and the move is measured from the axis's value."""
    boss = scored("Boss", None, 6, 4, Influence.HIGH)
    clerk = scored("Clerk", 8, None, 7, Influence.LOW)
    other = scored("Other", 4, None, None, Influence.MEDIUM)
    deal = plan(Deal("D", people=(boss, clerk, other)),
                IntendedChange(boss.id, Axis.BUSINESS, 2))
    weights = stated_weights(deal.people)
    w = weights[boss.id]
    known = weights[clerk.id] + weights[other.id]
    value = (weights[clerk.id] * 8 + weights[other.id] * 4) / known
    expected = w * (2 - value) / (known + w)

    result = what_if(deal, weights, today=TODAY)
    assert result.triangle.business.value == pytest.approx(value + expected, abs=1e-12)
    assert result.effects[0].gain == pytest.approx(expected, abs=1e-12)
    assert expected < 0  # a low target for a new voice pulls the axis down
    assert result.triangle.business.coverage == pytest.approx(1.0)
    assert result.effects[0].gain != pytest.approx(w * 2 / known)  # not the known formula


def test_an_axis_nobody_knew_counts_as_zero_before() -> None:
    only = scored("Only", None, 5, 5)
    deal = plan(Deal("D", people=(only,)), IntendedChange(only.id, Axis.BUSINESS, 6))
    weights = stated_weights(deal.people)
    result = what_if(deal, weights, today=TODAY)
    assert result.triangle.business.value == 6
    assert result.effects[0].gain == 6


def test_only_open_actions_count_and_the_last_due_sets_the_end_state() -> None:
    a = scored("A", 3, 3, 3)
    deal = Deal("D", people=(a,)).with_plan(actions=[
        Action("Later", due=date(2027, 1, 9), intended=IntendedChange(a.id, Axis.TECHNICAL, 8,
                                                                       before=3)),
        Action("Sooner", due=date(2026, 12, 9), intended=IntendedChange(a.id, Axis.TECHNICAL,
                                                                         6, before=3)),
        Action("Done", status=ActionStatus.DONE,
               intended=IntendedChange(a.id, Axis.BUSINESS, 9, before=3)),
        Action("Dropped", status=ActionStatus.DROPPED,
               intended=IntendedChange(a.id, Axis.PERSONAL, 9, before=3)),
    ])
    projected = projected_deal(deal)
    assert projected.person(a.id).scores.values() == (3, 8, 3)
    effects = what_if(deal, stated_weights(deal.people), today=TODAY).effects
    assert [e.action.text for e in effects] == ["Later", "Sooner"]  # ranked by gain


def test_a_score_past_its_target_is_not_pulled_back() -> None:
    assert projected_score(10, IntendedChange(PID, Axis.BUSINESS, 9, before=7)) == 10
    assert projected_score(5, IntendedChange(PID, Axis.BUSINESS, 9, before=7)) == 9
    assert projected_score(None, IntendedChange(PID, Axis.BUSINESS, 9, before=7)) == 9
    # a plan meant to lower a score (an opponent's pull toward the alternative)
    assert projected_score(2, IntendedChange(PID, Axis.BUSINESS, 4, before=8)) == 2
    assert projected_score(6, IntendedChange(PID, Axis.BUSINESS, 4, before=8)) == 4


def test_an_action_reached_already_has_no_gain_and_is_ranked_last() -> None:
    a, b = scored("A", 9, 5, 5), scored("B", 4, 5, 5)
    deal = plan(Deal("D", people=(a, b)), IntendedChange(a.id, Axis.BUSINESS, 8, before=6),
                IntendedChange(b.id, Axis.BUSINESS, 6, before=4))
    effects = action_effects(deal, stated_weights(deal.people))
    assert [e.person for e in effects] == [b.id, a.id]
    assert effects[1].reached
    assert effects[1].gain == 0.0


def test_the_plan_clears_the_flag_it_answers_and_the_demo_shows_it() -> None:
    """Helix: the introductions are meant to learn Thomas Wright's personal win, so the plan
    done clears 'unknown personal win' for him; every demo deal's plan moves its triangle."""
    for deal in demo_deals():
        weights = dict(influence_weights(deal.people, deal.relations))
        result = what_if(deal, weights, today=TODAY)
        assert result.changes >= 2, deal.name
        today = deal_triangle(deal.people, weights)
        assert any(result.triangle[a].value != today[a].value for a in Axis), deal.name
        assert not result.raised, deal.name
        if deal.name.startswith("Helix Health clinical"):
            assert "unknown-personal-win" in [f.code for f in result.cleared]
            assert any("Thomas Wright" in f.message for f in result.cleared)
        gains = [e.gain for e in result.effects]
        assert gains == sorted(gains, reverse=True)


def test_what_if_writes_nothing_into_the_deal() -> None:
    deal = demo_deals()[0]
    before = deal.people
    what_if(deal, dict(influence_weights(deal.people, deal.relations)), today=TODAY)
    assert deal.people == before


def test_the_plain_form_is_what_show_json_prints() -> None:
    deal = demo_deals()[0]
    weights = dict(influence_weights(deal.people, deal.relations))
    plain = what_if(deal, weights, today=TODAY).to_plain({p.id: p.name for p in deal.people})
    assert set(plain) >= {"triangle", "lean"}
    assert set(plain["triangle"]) == {"business", "technical", "personal"}
    assert plain["actions"][0]["gain"] >= plain["actions"][-1]["gain"]


# -- properties -------------------------------------------------------------------------------

changes = st.tuples(st.sampled_from(list(Axis)), st.integers(0, 10),
                    st.one_of(st.none(), st.integers(0, 10)))


@given(deals(max_people=6), st.data())
def test_each_gain_is_the_axis_move_of_that_action_alone(deal: Deal, data: st.DataObject,
                                                          ) -> None:
    """The closed form agrees with recomputing the triangle for every action on its own;
    the projection keeps every value within 0–10 and never lowers coverage."""
    if not deal.people:
        return
    person = data.draw(st.sampled_from(deal.people))
    axis, target, before = data.draw(changes)
    deal = plan(deal.without_snapshots().with_plan(actions=[], comments=[]),
                IntendedChange(person.id, axis, target, before))
    weights = stated_weights(deal.people)
    result = what_if(deal, weights, today=TODAY)
    today = deal_triangle(deal.people, weights)
    alone = deal_triangle(projected_deal(deal).people, weights)
    (effect,) = result.effects
    after, was = alone[axis].value, today[axis].value
    assert after is not None
    assert effect.gain == pytest.approx(after - (was or 0.0), abs=1e-9)
    for a in Axis:
        value = result.triangle[a].value
        assert value is None or 0.0 - 1e-9 <= value <= 10.0 + 1e-9
        assert result.triangle[a].coverage >= today[a].coverage - 1e-12


@given(deals(max_people=6), st.lists(st.tuples(st.integers(0, 5), changes), max_size=6))
def test_the_projected_triangle_is_the_triangle_of_the_projected_deal(
        deal: Deal, planned: list[tuple[int, tuple[Axis, int, int | None]]]) -> None:
    """The what-if's triangle (today's sums with the moved scores swapped in) equals the
    deal triangle worked out afresh on the projected deal, for any plan."""
    if not deal.people:
        return
    deal = plan(deal.without_snapshots().with_plan(actions=[], comments=[]), *(
        IntendedChange(deal.people[i % len(deal.people)].id, axis, target, before)
        for i, (axis, target, before) in planned))
    weights = stated_weights(deal.people)
    fast = what_if(deal, weights, today=TODAY)
    fresh = deal_triangle(fast.deal.people, weights)
    assert fast.deal == projected_deal(deal)
    for a in Axis:
        assert fast.triangle[a].known_people == fresh[a].known_people
        assert fast.triangle[a].coverage == pytest.approx(fresh[a].coverage, abs=1e-9)
        if fresh[a].value is None:
            assert fast.triangle[a].value is None
        else:
            assert fast.triangle[a].value == pytest.approx(fresh[a].value, abs=1e-9)


@given(st.integers(0, 10), st.one_of(st.none(), st.integers(0, 10)),
       st.one_of(st.none(), st.integers(0, 10)))
def test_a_projected_score_is_the_target_or_past_it(target: int, before: int | None,
                                                    now: int | None) -> None:
    change = IntendedChange(PID, Axis.BUSINESS, target, before)
    projected = projected_score(now, change)
    assert judge(change, projected) is Outcome.REACHED
    assert projected in (target, now)


# -- intended against actual ------------------------------------------------------------------


def test_intended_against_actual_says_reached_part_way_not_moved_and_the_other_way() -> None:
    a, b, c, d = (scored(n, 5, 5, 5) for n in "ABCD")
    then = plan(Deal("D", people=(a, b, c, d)),
                IntendedChange(a.id, Axis.TECHNICAL, 8, before=5),
                IntendedChange(b.id, Axis.TECHNICAL, 9, before=5),
                IntendedChange(c.id, Axis.TECHNICAL, 7, before=5),
                IntendedChange(d.id, Axis.TECHNICAL, 7, before=5))
    moved = {a.id: 9, b.id: 7, d.id: 4}
    now = then.with_people_replaced(
        p.with_score(Axis.TECHNICAL, Score(moved[p.id])) for p in then.people if p.id in moved)
    now = now.with_plan(actions=[now.actions[0].done(TODAY), *now.actions[1:]])
    found = intended_outcomes(then, now)
    assert [o.outcome for o in found] == [Outcome.REACHED, Outcome.PART_WAY, Outcome.NOT_MOVED,
                                          Outcome.WRONG_WAY]
    assert found[0].text == ("“Step 0” (done): A's technical fit, meant 5 → 8, now 9 — "
                             "reached")
    assert found[1].text.endswith("now 7 — part way (+2 of +4)")
    assert found[2].text.endswith("not moved yet")
    assert found[3].text.endswith("moved the other way (-1)")


def test_actions_closed_before_the_snapshot_are_not_judged_again() -> None:
    a = scored("A", 5, 5, 5)
    then = plan(Deal("D", people=(a,)), IntendedChange(a.id, Axis.BUSINESS, 8, before=5),
                status=ActionStatus.DONE)
    assert intended_outcomes(then, then) == ()


def test_the_demo_review_judges_the_plan() -> None:
    """Helix's board case was planned when Jonas Berg's business outcome was 6 (the QBR);
    it is 8 now: part way."""
    from desktop.domain.review import find_since, review
    from desktop.domain.review_text import plain_text

    deal = demo_deals()[0]
    shown = review(deal, find_since(deal.snapshots, None, now=deal.without_snapshots()),
                   today=TODAY)
    text = plain_text(shown)
    assert "The plan: intended against actual" in text
    assert "Jonas Berg's business outcome, meant 6 → 9, now 8 — part way (+2 of +3)" in text
