"""Consensus and the win-win ledger (docs/triangle-math.md, "Consensus")."""

from __future__ import annotations

from datetime import date

from hypothesis import given, settings
from hypothesis import strategies as st

from desktop.domain.actions import Action
from desktop.domain.consensus import consensus, key_people, strongest_axes
from desktop.domain.deal import Deal
from desktop.domain.decision import ProcessStep, StepStatus
from desktop.domain.enums import Axis, Influence, RelationKind
from desktop.domain.influence import influence_weights
from desktop.domain.person import Person
from desktop.domain.relation import Relation
from desktop.domain.scores import Score, Triangle
from tests.helpers.strategies import deals


def scored(name: str, b: int | None, t: int | None, p: int | None,
           influence: Influence = Influence.MEDIUM) -> Person:
    return Person(name=name, influence=influence,
                  scores=Triangle(Score(b), Score(t), Score(p, private=True)))


def weights_of(deal: Deal) -> dict[str, float]:
    return dict(influence_weights(deal.people, deal.relations))


def test_identical_triangles_agree_completely() -> None:
    crowd = tuple(scored(f"P{i}", 8, 6, 7, influence) for i, influence
                  in enumerate([Influence.HIGH, Influence.MEDIUM, Influence.LOW, Influence.HIGH]))
    deal = Deal(name="Aligned", people=crowd)
    result = consensus(deal, weights_of(deal))
    assert result.index == 1.0
    assert result.shared_axis is Axis.BUSINESS  # every key person scores it 8
    assert result.conflicts == ()


def test_two_powerful_people_apart_and_in_conflict_are_named_below_0_4() -> None:
    cfo = scored("Chris Finance", 9, 4, 5, Influence.HIGH)
    cto = scored("Tara Tech", 4, 9, 5, Influence.HIGH)
    user = scored("Uma User", 6, 6, 6, Influence.LOW)
    deal = Deal(name="Split", people=(cfo, cto, user),
                relations=(Relation(cfo.id, cto.id, RelationKind.CONFLICT),))
    result = consensus(deal, weights_of(deal))
    assert result.index < 0.4
    assert set(result.key_people) == {cfo.id, cto.id}
    assert result.conflicts == ((cfo.id, cto.id),)
    assert result.strongest[cfo.id] == (Axis.BUSINESS,)
    assert result.strongest[cto.id] == (Axis.TECHNICAL,)
    assert result.shared_axis is None
    calm = consensus(Deal(name="No line", people=deal.people), weights_of(deal))
    assert result.index < calm.index < 1.0  # the conflict line is what pushes it under


def test_the_ledger_flags_an_ask_of_someone_whose_win_is_unknown_or_weak() -> None:
    buyer = scored("Bea Buyer", 8, 7, None, Influence.HIGH)
    champ = scored("Cam Champion", 7, 8, 9, Influence.HIGH)
    blocker = scored("Bo Blocker", 5, 5, 2, Influence.LOW)
    quiet = scored("Quinn Quiet", 6, 6, 2, Influence.LOW)
    deal = Deal(name="Asks", people=(buyer, champ, blocker, quiet),
                actions=(Action("Budget sign-off", for_people=(buyer.id,)),
                         Action("Intro to the board", owner=champ.id),
                         Action("Done already", for_people=(quiet.id,)).done(
                             date(2026, 11, 1))),
                process=(ProcessStep("Security review", approver=blocker.id),
                         ProcessStep("Pilot", approver=quiet.id, status=StepStatus.DONE)))
    result = consensus(deal, weights_of(deal))
    rows = {row.person: row for row in result.ledger}
    assert rows[buyer.id].asks == ("Budget sign-off",)
    assert rows[buyer.id].one_sided  # unknown win
    assert not rows[champ.id].one_sided
    assert rows[blocker.id].asks == ("approves Security review",)
    assert rows[blocker.id].one_sided  # a win of 2
    assert quiet.id not in rows  # nothing open is asked of them and they are not key
    assert set(result.one_sided) == {buyer.id, blocker.id}


def test_one_known_score_says_nothing_about_what_matters_most() -> None:
    assert strongest_axes(scored("A", 7, None, None)) == ()
    assert strongest_axes(scored("B", 7, 7, 3)) == (Axis.BUSINESS, Axis.TECHNICAL)


@settings(max_examples=60, deadline=None)
@given(deals(max_people=7))
def test_index_and_parts_stay_between_0_and_1_and_key_people_hold_half(deal: Deal) -> None:
    weights = weights_of(deal)
    result = consensus(deal, weights)
    for part in (result.index, result.spread, result.disagreement, result.conflict):
        assert -1e-9 <= part <= 1.0 + 1e-9
    if weights:
        assert abs(sum(weights.values()) - 1.0) < 1e-9
        assert sum(weights[k] for k in key_people(deal.people, weights)) >= 0.5 - 1e-9


@settings(max_examples=40, deadline=None)
@given(st.integers(0, 10), st.integers(0, 10), st.integers(0, 10), st.integers(2, 6))
def test_any_group_of_identical_triangles_agrees_completely(b: int, t: int, p: int,
                                                             size: int) -> None:
    crowd = tuple(scored(f"P{i}", b, t, p) for i in range(size))
    deal = Deal(name="Same", people=crowd)
    assert consensus(deal, weights_of(deal)).index == 1.0
