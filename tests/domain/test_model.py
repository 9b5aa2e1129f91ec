"""Domain rules: every field validated, errors that name the field and the problem."""

from __future__ import annotations

from dataclasses import replace

import pytest
from hypothesis import given
from hypothesis import strategies as st

from desktop.domain.deal import Deal
from desktop.domain.enums import Axis, Coverage, RelationKind, Role
from desktop.domain.errors import ValidationError
from desktop.domain.person import Person
from desktop.domain.plain import deal_from_plain, deal_to_plain
from desktop.domain.plan_references import with_competitor_names
from desktop.domain.position import Position
from desktop.domain.relation import Relation
from desktop.domain.scores import Score, Triangle
from tests.helpers.strategies import deals


def test_unknown_is_not_zero() -> None:
    assert Score().value is None
    assert not Score().known
    assert Score(0).known


@pytest.mark.parametrize(("value", "message"), [
    (11, "11 is out of range"), (-1, "-1 is out of range"), (5.5, "not a whole number"),
    (True, "not a whole number"), ("7", "not a whole number"),
])
def test_score_value_rules(value: object, message: str) -> None:
    with pytest.raises(ValidationError, match=message) as caught:
        Score(value)  # type: ignore[arg-type]
    assert caught.value.path == "value"


def test_personal_win_evidence_is_private_by_default() -> None:
    triangle = Triangle()
    assert triangle.personal.private
    assert not triangle.business.private
    assert not triangle.technical.private


def test_person_requires_a_name_and_names_the_field() -> None:
    with pytest.raises(ValidationError) as caught:
        Person(name="   ")
    assert caught.value.path == "name"
    assert "empty" in caught.value.problem


def test_person_email_is_checked() -> None:
    with pytest.raises(ValidationError, match="e-mail") as caught:
        Person(name="A", email="not an address")
    assert caught.value.path == "email"


def test_text_is_cleaned_of_control_characters() -> None:
    person = Person(name="Ann\x00 \x1b[31mLee\u202e", notes="line one\r\nline two\x07")
    assert person.name == "Ann [31mLee"
    assert person.notes == "line one\nline two"


def test_roles_are_canonical_and_deduplicated() -> None:
    person = Person(name="A", roles=(Role.LEGAL, Role.ECONOMIC_BUYER, Role.LEGAL))
    assert person.roles == (Role.ECONOMIC_BUYER, Role.LEGAL)
    with pytest.raises(ValidationError) as caught:
        Person(name="A", roles=("economic-buyer", "wizard"))  # type: ignore[arg-type]
    assert caught.value.path == "roles[1]"


def test_position_must_be_finite() -> None:
    with pytest.raises(ValidationError):
        Position(float("nan"), 0)
    with pytest.raises(ValidationError):
        Position(0, 1e12)


def test_relation_rules() -> None:
    a, b = Person(name="A"), Person(name="B")
    with pytest.raises(ValidationError, match="themselves"):
        Relation(a.id, a.id, RelationKind.INFLUENCE)
    with pytest.raises(ValidationError, match="1, 2 or 3") as caught:
        Relation(a.id, b.id, RelationKind.INFLUENCE, strength=4)
    assert caught.value.path == "strength"
    one = Relation(a.id, b.id, RelationKind.CONFLICT)
    other = Relation(b.id, a.id, RelationKind.CONFLICT)
    assert one.identity == other.identity, "conflict has no direction"
    assert Relation(a.id, b.id, RelationKind.INFLUENCE).identity != \
        Relation(b.id, a.id, RelationKind.INFLUENCE).identity


def test_deal_checks_its_graph() -> None:
    a, b = Person(name="A"), Person(name="B")
    stranger = Person(name="C")
    with pytest.raises(ValidationError, match="nobody in this deal") as caught:
        Deal(name="D", people=(a, b), relations=(Relation(a.id, stranger.id,
                                                          RelationKind.INFLUENCE),))
    assert caught.value.path == "relations[0].target"
    with pytest.raises(ValidationError, match="appears twice"):
        Deal(name="D", people=(a, a))
    with pytest.raises(ValidationError, match="drawn twice"):
        Deal(name="D", people=(a, b), relations=(
            Relation(a.id, b.id, RelationKind.CONFLICT),
            Relation(b.id, a.id, RelationKind.CONFLICT)))


def test_deal_amount_and_competitors() -> None:
    with pytest.raises(ValidationError, match="amount"):
        Deal(name="D", amount=-5)
    deal = with_competitor_names(Deal(name="D", currency="eur"), ("X", "X", " ", "Y", "x"))
    assert deal.currency == "EUR"
    assert deal.competitors == ("X", "Y")


def test_with_score_replaces_one_axis() -> None:
    person = Person(name="A").with_score(Axis.TECHNICAL, Score(4, "said so"))
    assert person.scores.technical.value == 4
    assert person.scores.business.value is None


@given(deals())
def test_plain_round_trip(deal: Deal) -> None:
    assert deal_from_plain(deal_to_plain(deal, include_private=True)) == deal


def test_private_evidence_stays_out_unless_asked() -> None:
    person = Person(name="A").with_score(Axis.PERSONAL, Score(3, "wants a promotion",
                                                              private=True))
    deal = Deal(name="D", people=(person,))
    hidden = deal_to_plain(deal)
    assert hidden["people"][0]["scores"]["personal"]["evidence"] == ""
    assert hidden["people"][0]["scores"]["personal"]["value"] == 3
    shown = deal_to_plain(deal, include_private=True)
    assert shown["people"][0]["scores"]["personal"]["evidence"] == "wants a promotion"


@pytest.mark.parametrize(("mutate", "path", "problem"), [
    (lambda d: d["people"][0]["scores"]["business"].update(value=11),
     "people[0].scores.business.value", "out of range"),
    (lambda d: d["people"][0].update(support=3), "people[0].support", "not one of"),
    (lambda d: d["people"][0].update(coverage="total"), "people[0].coverage", "not one of"),
    (lambda d: d["people"][0].update(colour="red"), "people[0]", "unknown field 'colour'"),
    (lambda d: d["people"][0].pop("name"), "people[0]", "'name' is missing"),
    (lambda d: d.update(close_date="31/12/2026"), "close_date", "not a date"),
    (lambda d: d["relations"][0].update(target="5f1e8f9a-0000-4000-8000-000000000000"),
     "relations[0].target", "nobody in this deal"),
    (lambda d: d.update(people="everyone"), "people", "expected a list"),
])
def test_reading_plain_names_the_place(mutate: object, path: str, problem: str) -> None:
    a, b = Person(name="A"), Person(name="B")
    plain = deal_to_plain(Deal(name="D", people=(a, b),
                               relations=(Relation(a.id, b.id, RelationKind.INFLUENCE),)))
    mutate(plain)  # type: ignore[operator]
    with pytest.raises(ValidationError) as caught:
        deal_from_plain(plain)
    assert caught.value.path == path
    assert problem in caught.value.problem


def test_enums_have_labels() -> None:
    assert Role.COACH.label == "Coach / champion"
    assert Coverage.IN_DEPTH.label == "In depth"
    assert [axis.label for axis in Axis] == ["Business outcome", "Technical fit", "Personal win"]
    assert replace(Person(name="A"), name="B").name == "B"


@given(st.text(max_size=80))
def test_derived_ids_are_uuid5(name: str) -> None:
    import uuid

    from desktop.domain.ids import derived_id

    namespace = uuid.UUID("5b0c8a54-2f7e-4d0e-9d44-3a9f0f2e7c61")
    assert derived_id(namespace, name) == str(uuid.uuid5(namespace, name))
