"""The decision test against the alternative (issue 19, part 1): which corner decides, per
person, and the red flag when a person who weighs is at parity and their personal win
favours the alternative."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

import pytest
from hypothesis import given
from hypothesis import strategies as st

from desktop.domain.analysis import analyse
from desktop.domain.deal import Deal
from desktop.domain.decision import Alternative, AlternativeKind, Criterion
from desktop.domain.decision_flags import CODE
from desktop.domain.decision_test import (
    Decides,
    DecisionSettings,
    Favours,
    decision_tests,
    default_alternative,
    run_test,
)
from desktop.domain.enums import Influence
from desktop.domain.errors import ValidationError
from desktop.domain.person import Person
from desktop.domain.plan_references import forget_alternatives
from desktop.domain.scores import Score, Triangle
from desktop.domain.versus import Versus, strongest_alternative

EPIC = Alternative("Epic Systems")
TODAY = date(2026, 12, 3)
DANA = "00000000-0000-4000-8000-0000000000da"
ANN = "00000000-0000-4000-8000-0000000000a1"
BEN = "00000000-0000-4000-8000-0000000000b1"


def person(ours: tuple[int | None, int | None, int | None],
           theirs: tuple[int | None, int | None, int | None], **fields: object) -> Person:
    b, t, p = ours
    return Person("Dana Whitfield", scores=Triangle(Score(b), Score(t), Score(p)),
                  versus=Versus(EPIC.id, *theirs), **fields)  # type: ignore[arg-type]


def test_the_named_case_parity_and_the_personal_win_favours_the_alternative() -> None:
    """Business 8 vs 7, technical 7 vs 7, personal 4 vs 8: parity; the personal win
    favours the alternative."""
    who = person((8, 7, 4), (7, 7, 8))
    decides, favours, verdict = run_test(who, who.versus, "Epic Systems")  # type: ignore[arg-type]
    assert decides is Decides.PERSONAL
    assert favours is Favours.ALTERNATIVE
    assert verdict == "parity: personal win decides — favours Epic Systems (Epic Systems 8, us 4)"


def test_a_business_gap_over_parity_decides_on_business() -> None:
    who = person((8, 7, 2), (6, 9, 9))
    decides, favours, verdict = run_test(who, who.versus, "Epic")  # type: ignore[arg-type]
    assert (decides, favours) == (Decides.BUSINESS, Favours.US)
    assert verdict == "business outcome decides — favours us (us 8, Epic 6)"


@pytest.mark.parametrize(("ours", "theirs", "decides", "favours", "words"), [
    ((None, 7, 5), (7, 7, 8), Decides.UNKNOWN, Favours.NEITHER,
     "cannot run: the business outcome is not defined (business outcome for us unknown)"),
    ((8, None, 5), (7, 7, 8), Decides.UNKNOWN, Favours.NEITHER,
     "cannot run: technical fit for us unknown"),
    ((8, 5, 9), (7, 7, 2), Decides.TECHNICAL, Favours.ALTERNATIVE,
     "technical fit decides — we are under the bar: favours Epic (Epic 7, us 5, bar 6)"),
    ((8, 7, 2), (9, 4, 9), Decides.TECHNICAL, Favours.US,
     "technical fit decides — Epic is under the bar: favours us (us 7, Epic 4, bar 6)"),
    ((8, 5, 2), (9, 4, 9), Decides.TECHNICAL, Favours.NEITHER,
     "neither meets the technical bar (us 5, Epic 4, bar 6)"),
    ((7, 6, 6), (8, 6, 6), Decides.PERSONAL, Favours.NEITHER,
     "parity: personal win decides — a tie (us 6, Epic 6)"),
    ((7, 6, None), (8, 6, 6), Decides.PERSONAL, Favours.NEITHER,
     "parity: personal win decides — unknown for us: ask"),
    ((7, 6, 9), (8, 6, 3), Decides.PERSONAL, Favours.US,
     "parity: personal win decides — favours us (us 9, Epic 3)"),
])
def test_every_branch_says_what_decides(ours: tuple[int | None, int | None, int | None],
                                        theirs: tuple[int | None, int | None, int | None],
                                        decides: Decides, favours: Favours,
                                        words: str) -> None:
    who = person(ours, theirs)
    assert run_test(who, who.versus, "Epic") == (decides, favours, words)  # type: ignore[arg-type]


def test_the_settings_move_the_bar_and_the_parity() -> None:
    who = person((8, 7, 4), (6, 7, 8))  # a gap of 2: business decides by default
    assert run_test(who, who.versus, "Epic")[0] is Decides.BUSINESS  # type: ignore[arg-type]
    wide = DecisionSettings(technical_bar=8, parity=2)
    assert run_test(who, who.versus, "Epic", wide)[:2] == (  # type: ignore[arg-type]
        Decides.TECHNICAL, Favours.NEITHER)
    loose = DecisionSettings(technical_bar=6, parity=2)
    assert run_test(who, who.versus, "Epic", loose)[:2] == (  # type: ignore[arg-type]
        Decides.PERSONAL, Favours.ALTERNATIVE)


scores = st.one_of(st.none(), st.integers(0, 10))
triangles = st.tuples(scores, scores, scores)


@given(triangles, triangles, st.integers(0, 10), st.integers(0, 10))
def test_properties_of_every_verdict(ours: tuple[int | None, int | None, int | None],
                                     theirs: tuple[int | None, int | None, int | None],
                                     bar: int, parity: int) -> None:
    who = person(ours, theirs)
    decides, favours, verdict = run_test(who, who.versus, "Epic",  # type: ignore[arg-type]
                                         DecisionSettings(bar, parity))
    # The test runs only when the outcome is defined and both technical fits are known.
    runs = None not in (ours[0], theirs[0], ours[1], theirs[1])
    assert (decides is not Decides.UNKNOWN) == runs
    if decides is Decides.BUSINESS:
        assert abs(ours[0] - theirs[0]) > parity  # type: ignore[operator]
        assert (favours is Favours.US) == (ours[0] > theirs[0])  # type: ignore[operator]
    if decides is Decides.PERSONAL and favours is not Favours.NEITHER:
        assert (favours is Favours.US) == (ours[2] > theirs[2])  # type: ignore[operator]
    # Swapping the two sides swaps who is favoured, never what decides.
    mirror = person(theirs, ours)
    swapped = run_test(mirror, mirror.versus, "Epic",  # type: ignore[arg-type]
                       DecisionSettings(bar, parity))
    assert swapped[0] is decides
    flip = {Favours.US: Favours.ALTERNATIVE, Favours.ALTERNATIVE: Favours.US,
            Favours.NEITHER: Favours.NEITHER}
    assert swapped[1] is flip[favours]
    assert verdict  # always says something


@given(triangles, triangles, st.integers(0, 9))
def test_a_wider_parity_never_turns_a_personal_decision_into_a_business_one(
        ours: tuple[int | None, int | None, int | None],
        theirs: tuple[int | None, int | None, int | None], parity: int) -> None:
    who = person(ours, theirs)
    narrow = run_test(who, who.versus, "Epic", DecisionSettings(6, parity))  # type: ignore[arg-type]
    wide = run_test(who, who.versus, "Epic", DecisionSettings(6, parity + 1))  # type: ignore[arg-type]
    if narrow[0] is Decides.PERSONAL:
        assert wide[0] is Decides.PERSONAL


def helix(influence: Influence = Influence.HIGH) -> Deal:
    nothing = Alternative("Do nothing", AlternativeKind.DO_NOTHING)
    dana = person((8, 7, 4), (7, 7, 8), influence=influence, id=DANA)
    others = [Person(f"Person {i}", influence=Influence.MEDIUM) for i in range(3)]
    return Deal("Helix", alternatives=(EPIC, nothing), people=(dana, *others))


def test_a_high_weight_person_at_parity_favouring_the_alternative_raises_a_high_flag() -> None:
    deal = helix()
    analysis = analyse(deal, today=TODAY)
    flags = [f for f in analysis.flags if f.code == CODE]
    assert len(flags) == 1
    assert flags[0].severity.value == "high"
    assert flags[0].people == (DANA,)
    assert "Dana Whitfield sees us and Epic Systems at parity" in flags[0].message
    assert "at parity on business outcome (us 8, Epic Systems 7)" in flags[0].message
    assert "favours Epic Systems (Epic Systems 8, us 4)" in flags[0].message
    assert analysis.to_plain(deal)["decision_tests"] == [{
        "person": DANA, "favours": "alternative", "alternative": EPIC.id,
        "decides": "personal",
        "verdict": "parity: personal win decides — favours Epic Systems (Epic Systems 8, us 4)"}]


def test_the_flag_names_both_sides_in_every_pair_and_a_score_at_the_bar_is_at_or_over(
        ) -> None:
    """Technical 6 against 6 with the bar at 6 meets it: the flag says "at or over", not
    "over"; each pair of scores says whose is whose, in either order (a fresh-eyes tester
    read "(8 vs 7)" us-first and "(8 vs 4)" them-first in one sentence)."""
    nothing = Alternative("Do nothing", AlternativeKind.DO_NOTHING)
    dana = person((8, 6, 4), (7, 6, 8), id=DANA, influence=Influence.HIGH)
    others = [Person(f"Person {i}", influence=Influence.MEDIUM) for i in range(3)]
    deal = Deal("Helix", alternatives=(EPIC, nothing), people=(dana, *others))
    (flag,) = [f for f in analyse(deal, today=TODAY).flags if f.code == CODE]
    assert ("Dana Whitfield sees us and Epic Systems at parity on business outcome "
            "(us 8, Epic Systems 7), both at or over the technical bar (6), and their "
            "personal win favours Epic Systems (Epic Systems 8, us 4)") in flag.message
    assert " vs " not in flag.message


def test_no_flag_for_a_person_who_does_not_weigh_or_when_we_win_the_personal_corner() -> None:
    light = helix(Influence.LOW)
    assert not [f for f in analyse(light, today=TODAY).flags if f.code == CODE]
    deal = helix()
    won = deal.with_people_replaced([replace(deal.person(DANA), versus=Versus(
        EPIC.id, 7, 7, 2))])
    assert not [f for f in analyse(won, today=TODAY).flags if f.code == CODE]
    wider = analyse(deal, today=TODAY, decision=DecisionSettings(technical_bar=8))
    assert not [f for f in wider.flags if f.code == CODE]


def test_the_alternative_defaults_to_the_leaning_then_the_strongest() -> None:
    other = Alternative("Oracle Health")
    criteria = (Criterion("EHR integration", ours=5, theirs={other.id: 9, EPIC.id: 6}),)
    deal = Deal("Helix", alternatives=(EPIC, other), criteria=criteria,
                people=(Person("Ann", id=ANN), Person("Ben", id=BEN,
                                                          leans_to=EPIC.id)))
    assert strongest_alternative(deal.alternatives, deal.criteria) == other
    assert strongest_alternative(deal.alternatives) == EPIC  # unrated: the first competitor
    assert strongest_alternative(()) is None
    assert default_alternative(deal, deal.person(ANN)) == other
    assert default_alternative(deal, deal.person(BEN)) == EPIC


def test_scores_of_an_alternative_the_deal_lacks_are_refused_and_go_with_it() -> None:
    with pytest.raises(ValidationError) as refused:
        Deal("Helix", people=(person((8, 7, 4), (7, 7, 8)),))
    assert refused.value.path == "people[0].versus.alternative"
    with pytest.raises(ValidationError):
        Versus(EPIC.id, business=11)
    deal = helix()
    changes = forget_alternatives(deal, {EPIC.id})
    after = deal.with_plan(alternatives=deal.alternatives[1:], **changes)
    assert after.person(DANA).versus is None
    assert decision_tests(after) == []


def test_a_review_and_a_merge_say_how_the_view_of_the_alternative_changed() -> None:
    from desktop.domain.diff import person_changes

    before = person((8, 7, 4), (7, 7, 8))
    after = replace(before, versus=Versus(EPIC.id, 7, 7, 3))
    assert person_changes(before, after, {EPIC.id: "Epic Systems"}) == (
        "against the alternative Epic Systems 7/7/8 → Epic Systems 7/7/3",)
    assert person_changes(before, replace(before, versus=None), {EPIC.id: "Epic"}) == (
        "against the alternative Epic 7/7/8 → none",)
