"""The deal-file reader and ``docs/deal-file.schema.json`` agree, both ways: a document the
schema validates is read, and a document the schema refuses is refused by the reader.

Documents come from random valid deals and from valid documents with one or two changes at
random places (any member or item at any depth): a value replaced by one of a palette of
type-level values, a key deleted, or a key added. JSON Schema cannot tell ``1.0`` from ``1``
and Python's ``True`` is an ``int``; our readers must, so the validator's "integer" is
``type(x) is int`` and its "number" is an int or a float, never a bool.

Documents are version 2 (the plan: alternatives, actions, criteria, process steps, the
compelling event) or version 1 (competitor names and a next step per person), as an older
release wrote them and ``export --format-version 1`` still does.

Rules JSON Schema cannot express — a line, an action, a criterion or a step names people of
its own deal and a leaning or a rating names alternatives of its own deal, ids are unique, a
date is a real day, nobody has a line to themselves, a line is not drawn twice, no
alternative is listed twice — are kept out: the palette holds no UUIDs and no dates, so a
change breaks them only by taking away the people or alternatives a record names, by giving
a line the kind of another line between the same two people, or by giving two alternatives
the same name. Those three are filtered by name (``breaks_a_reference``,
``draws_a_line_twice``, ``lists_an_alternative_twice``), and only when the reader gives that
very reason; each has its own test that the reader refuses it, and so have the others.

Derandomized in CI; DEAL_TRIANGLE_SCHEMA_EXAMPLES runs more (each example judges the valid
document and ``CHANGES_PER_DOCUMENT`` changed copies).
"""

from __future__ import annotations

import copy
import json
import os
import random
import uuid
from dataclasses import dataclass, replace
from datetime import UTC, date, datetime
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from jsonschema import Draft202012Validator, validators

from desktop.domain.actions import Action, IntendedChange
from desktop.domain.comments import Comment, CommentTarget
from desktop.domain.deal import Deal, Snapshot
from desktop.domain.decision import Alternative, CompellingEvent, Criterion, ProcessStep
from desktop.domain.enums import Axis, RelationKind
from desktop.domain.person import Person
from desktop.domain.relation import Relation
from desktop.exchange import dealfile
from desktop.problems import ImportProblem
from tests.helpers.paths import ROOT
from tests.helpers.strategies import deals, names, stamps

EXAMPLES = int(os.environ.get("DEAL_TRIANGLE_SCHEMA_EXAMPLES", "200"))
# Changed copies of each valid document: making a document costs more than judging one.
CHANGES_PER_DOCUMENT = 6

AGREEMENT = settings(max_examples=EXAMPLES, deadline=None, derandomize="CI" in os.environ,
                     suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])

SCHEMA = json.loads((ROOT / "docs" / "deal-file.schema.json").read_text(encoding="utf-8"))


def _is_integer(_checker: object, value: object) -> bool:
    return type(value) is int  # not bool, not 1.0


def _is_number(_checker: object, value: object) -> bool:
    return type(value) is int or type(value) is float  # not bool


StrictValidator = validators.extend(
    Draft202012Validator,
    type_checker=Draft202012Validator.TYPE_CHECKER.redefine_many(
        {"integer": _is_integer, "number": _is_number}),
)
VALIDATOR = StrictValidator(SCHEMA)

PALETTE: tuple[object, ...] = (
    True, False, 0, 1, 1.0, -1, 2, 3, 11, 2.5, 1e300, 10**20, "", "x", "medium", "heard",
    "reports-to", "champion", None, [], {}, ["x"],
)
# Keys to add: unknown anywhere, or known in another kind of record. Not "analysis": show
# --json's derived data, which the schema describes and readers ignore (docs/deal-file.md).
EXTRA_KEYS = ("colour", "Name", "ID", "", "support", "value", "deal", "people", "x", "note")


# -- the two judges ----------------------------------------------------------------------------


def reader_says(document: object) -> str | None:
    """None when the reader accepts the document, else its refusal."""
    try:
        dealfile.parse(json.dumps(document).encode(), "agreement.dealtri")
    except ImportProblem as problem:
        return str(problem)
    return None


def schema_accepts(document: object) -> bool:
    return bool(VALIDATOR.is_valid(document))


# -- rules JSON Schema cannot express -----------------------------------------------------------


def _deals_within(document: object) -> list[dict[str, Any]]:
    """Every deal object of the document, snapshots' deals included."""
    found: list[dict[str, Any]] = []
    if not isinstance(document, dict) or not isinstance(document.get("deals"), list):
        return found
    pending = [deal for deal in document["deals"] if isinstance(deal, dict)]
    while pending:
        deal = pending.pop()
        found.append(deal)
        snapshots = deal.get("snapshots")
        if isinstance(snapshots, list):
            pending.extend(s["deal"] for s in snapshots
                           if isinstance(s, dict) and isinstance(s.get("deal"), dict))
    return found


def _lines(deal: dict[str, Any]) -> list[dict[str, Any]]:
    relations = deal.get("relations")
    return [r for r in relations if isinstance(r, dict)] if isinstance(relations, list) else []


def _records(deal: dict[str, Any], key: str) -> list[dict[str, Any]]:
    found = deal.get(key)
    return [r for r in found if isinstance(r, dict)] if isinstance(found, list) else []


def _people_named(deal: dict[str, Any]) -> list[object]:
    """Every person id a line or a plan record of this deal names."""
    named: list[object] = [line.get(end) for line in _lines(deal) for end in ("source", "target")]
    for action in _records(deal, "actions"):
        people = action.get("people")
        named += people if isinstance(people, list) else []
        intended = action.get("intended")
        named.append(intended.get("person") if isinstance(intended, dict) else None)
    named += [c.get("owner") for c in _records(deal, "criteria")]
    named += [s.get("approver") for s in _records(deal, "process")]
    return named


def _alternatives_named(deal: dict[str, Any]) -> list[object]:
    """Every alternative id a leaning, a scored alternative or a criterion's ratings name."""
    named: list[object] = [p.get("leans_to") for p in _records(deal, "people")]
    named += [v.get("alternative") for p in _records(deal, "people")
              if isinstance(v := p.get("versus"), dict)]
    for criterion in _records(deal, "criteria"):
        theirs = criterion.get("theirs")
        named += list(theirs) if isinstance(theirs, dict) else []
    return named


def breaks_a_reference(document: object) -> bool:
    """A line or a plan record of some deal names a person that deal does not have, or a
    leaning or a rating names an alternative it does not have, or a comment a person or an
    action it does not have (they were taken away or replaced): a reference between
    records, which JSON Schema cannot check."""
    for deal in _deals_within(document):
        people = {p.get("id") for p in _records(deal, "people")}
        alternatives = {a.get("id") for a in _records(deal, "alternatives")}
        if any(isinstance(named, str) and named not in people
               for named in _people_named(deal)):
            return True
        if any(isinstance(named, str) and named not in alternatives
               for named in _alternatives_named(deal)):
            return True
        actions = {a.get("id") for a in _records(deal, "actions")}
        for comment in _records(deal, "comments"):
            about, target = comment.get("about"), comment.get("target")
            known = {"person": people, "action": actions}.get(str(about))
            if known is not None and isinstance(target, str) and target not in known:
                return True
    return False


def lists_an_alternative_twice(document: object) -> bool:
    """Two alternatives of one deal have the same name, case ignored (two names were
    changed to the same text): uniqueness across records."""
    for deal in _deals_within(document):
        names = [a.get("name") for a in _records(deal, "alternatives")]
        folded = [n.casefold() for n in names if isinstance(n, str)]
        if len(folded) != len(set(folded)):
            return True
    return False


def draws_a_line_twice(document: object) -> bool:
    """Two lines of one deal join the same two people with the same kind (a line's kind
    was changed to one the pair already has): uniqueness across records."""
    for deal in _deals_within(document):
        seen: set[tuple[object, object]] = set()
        for line in _lines(deal):
            ends: object = (line.get("source"), line.get("target"))
            if line.get("kind") == "conflict":  # a conflict has no direction
                ends = frozenset((line.get("source"), line.get("target")))
            identity = (ends, line.get("kind"))
            if identity in seen:
                return True
            seen.add(identity)
    return False


# A refusal each of these rules gives, so a filtered case is refused for that reason only.
BEYOND_THE_SCHEMA = (
    (breaks_a_reference, ("is nobody in this deal", "is a person of another deal",
                          "is none of this deal's alternatives",
                          "is none of this deal's actions")),
    (draws_a_line_twice, ("line is drawn twice",)),
    (lists_an_alternative_twice, ("is listed twice",)),
)


def assert_agree(document: object) -> None:
    accepted = schema_accepts(document)
    refusal = reader_says(document)
    if accepted and refusal is not None:
        for rule, reasons in BEYOND_THE_SCHEMA:
            if rule(document) and any(reason in refusal for reason in reasons):
                return
    if accepted != (refusal is None):
        errors = "; ".join(f"{list(e.absolute_path)}: {e.message[:120]}"
                           for e in VALIDATOR.iter_errors(document))
        pytest.fail(f"schema {'accepts' if accepted else 'refuses'} ({errors or 'no errors'}), "
                    f"reader {'accepts' if refusal is None else 'refuses'} ({refusal})")


# -- documents ---------------------------------------------------------------------------------


@st.composite
def deals_with_snapshots(draw: st.DrawFn) -> Deal:
    deal = draw(deals(max_people=4))
    if draw(st.booleans()):
        taken = draw(stamps)
        then = draw(deals(max_people=2))
        deal = replace(deal, snapshots=(Snapshot(name=draw(names), taken_at=taken, deal=then),))
    return deal


@st.composite
def valid_documents(draw: st.DrawFn) -> dict[str, Any]:
    """Deals with plans (``deals`` draws alternatives, actions, criteria, steps and an
    event), written as version 3, 2 or 1."""
    chosen = draw(st.lists(deals_with_snapshots(), max_size=2))
    private = draw(st.booleans())
    version = draw(st.sampled_from((3, 3, 2, 1)))
    document: dict[str, Any] = json.loads(
        dealfile.dumps(chosen, include_private=private, version=version))
    return document


@dataclass(frozen=True)
class Spot:
    """A member of an object or an item of a list, and its shape: the path without list
    positions (``deals[].people[].support``), so that each kind of field is as likely to be
    changed as any other, however many of it a document has."""

    holder: dict[str, Any] | list[Any]
    key: str | int
    shape: str

    def set(self, value: object) -> None:
        if isinstance(self.holder, dict):
            self.holder[str(self.key)] = value
        else:
            self.holder[int(self.key)] = value

    def delete(self) -> None:
        assert isinstance(self.holder, dict)
        del self.holder[str(self.key)]

    @property
    def value(self) -> object:
        if isinstance(self.holder, dict):
            return self.holder[str(self.key)]
        return self.holder[int(self.key)]


def spots(document: dict[str, Any]) -> list[Spot]:
    """Every member of every object and every item of every list, at any depth."""
    found: list[Spot] = []
    pending: list[tuple[object, str]] = [(document, "")]
    while pending:
        node, shape = pending.pop()
        if isinstance(node, dict):
            for key, item in node.items():
                found.append(Spot(node, key, f"{shape}.{key}"))
                pending.append((item, f"{shape}.{key}"))
        elif isinstance(node, list):
            for index, item in enumerate(node):
                found.append(Spot(node, index, f"{shape}[]"))
                pending.append((item, f"{shape}[]"))
    return found


def one_of_a_kind(rnd: random.Random, candidates: list[Spot]) -> Spot:
    """A place, chosen so that each of the ~100 shapes is as likely: a ``Random`` seeded by
    the example, because ``sampled_from`` and ``st.randoms`` lean to the first choices (with
    them a deal's account was changed 20 times as often as a person's title)."""
    shape = rnd.choice(sorted({spot.shape for spot in candidates}))
    return rnd.choice([spot for spot in candidates if spot.shape == shape])


def mutated(document: dict[str, Any], rnd: random.Random) -> dict[str, Any]:
    """A copy of ``document`` with one or two changes."""
    document = copy.deepcopy(document)
    for _ in range(rnd.choice((1, 1, 2))):
        found = spots(document)
        action = rnd.choice(("replace", "replace", "replace", "delete", "add"))
        if action == "add":
            objects = [Spot({"": document}, "", ""),
                       *(spot for spot in found if isinstance(spot.value, dict))]
            target = one_of_a_kind(rnd, objects).value
            assert isinstance(target, dict)
            target[rnd.choice(EXTRA_KEYS)] = copy.deepcopy(rnd.choice(PALETTE))
        elif action == "delete":
            one_of_a_kind(rnd, [spot for spot in found if isinstance(spot.holder, dict)]).delete()
        else:
            one_of_a_kind(rnd, found).set(copy.deepcopy(rnd.choice(PALETTE)))
    return document


# -- the tests ---------------------------------------------------------------------------------


def test_the_schema_is_a_valid_schema() -> None:
    Draft202012Validator.check_schema(SCHEMA)


def test_the_validator_tells_integers_from_floats_and_bools() -> None:
    assert VALIDATOR.is_type(1, "integer")
    assert not VALIDATOR.is_type(1.0, "integer")
    assert not VALIDATOR.is_type(True, "integer")
    assert VALIDATOR.is_type(1.5, "number")
    assert VALIDATOR.is_type(2, "number")
    assert not VALIDATOR.is_type(False, "number")


@AGREEMENT
@given(valid_documents(), st.integers(0, 2**32 - 1))
def test_valid_and_changed_documents_agree(document: dict[str, Any], seed: int) -> None:
    assert schema_accepts(document)
    assert reader_says(document) is None
    rnd = random.Random(seed)
    for _ in range(CHANGES_PER_DOCUMENT):
        assert_agree(mutated(document, rnd))


def test_the_demo_deals_agree() -> None:
    for path in sorted((ROOT / "resources" / "demo").glob("*.dealtri")):
        document = json.loads(path.read_text(encoding="utf-8"))
        assert schema_accepts(document), path.name
        assert reader_says(document) is None, path.name


def _small_document() -> dict[str, Any]:
    """One deal: A and B, with an influence line and a reports-to line from A to B."""
    a, b = Person(name="A"), Person(name="B")
    deal = Deal(name="D", people=(a, b), relations=(
        Relation(a.id, b.id, RelationKind.INFLUENCE, strength=2),
        Relation(a.id, b.id, RelationKind.REPORTS_TO)))
    document: dict[str, Any] = json.loads(dealfile.dumps([deal], include_private=True))
    return document


def _person(document: dict[str, Any]) -> dict[str, Any]:
    person: dict[str, Any] = document["deals"][0]["people"][0]
    return person


@pytest.mark.parametrize(("change", "place"), [
    (lambda d: d.update(version=True), "version"),
    (lambda d: d.update(version=1.0), "version"),
    (lambda d: _person(d).update(support=1.0), "deals[0].people[0].support"),
    (lambda d: _person(d).update(support=True), "deals[0].people[0].support"),
    (lambda d: _person(d)["scores"]["business"].update(value=5.0),
     "deals[0].people[0].scores.business.value"),
    (lambda d: d["deals"][0]["relations"][0].update(strength=2.0),
     "deals[0].relations[0].strength"),
    (lambda d: d["deals"][0]["relations"][0].update(strength=False),
     "deals[0].relations[0].strength"),
])
def test_true_and_fractions_are_not_whole_numbers(change: Any, place: str) -> None:
    document = _small_document()
    change(document)
    assert not schema_accepts(document)
    with pytest.raises(ImportProblem) as caught:
        dealfile.parse(json.dumps(document).encode(), "seller.dealtri")
    assert caught.value.place == place
    assert "\n" not in str(caught.value)


def test_the_message_for_a_fraction_names_the_place() -> None:
    document = _small_document()
    _person(document)["support"] = 1.0
    assert reader_says(document) == ("agreement.dealtri at deals[0].people[0].support: "
                                     "1.0 is not a whole number from -2 to 2")


@pytest.mark.parametrize(("change", "accepted"), [
    # Shapes the palette does not make, both ways.
    (lambda d: _person(d).update(roles=["coach", "coach"]), True),  # read as one role
    (lambda d: _person(d).update(email=" a@example.com "), True),  # trimmed
    (lambda d: _person(d).update(email="a.example.com"), False),
    (lambda d: _person(d).update(name="   "), False),
    (lambda d: _person(d).update(title=None), False),
    (lambda d: d["deals"][0].update(competitors=["Rival", None]), False),
    (lambda d: d["deals"][0].update(close_date="20260101"), False),
    (lambda d: d["deals"][0].update(close_date=""), False),
    (lambda d: _person(d).update(last_contact="2026-W01-1"), False),
    (lambda d: d["deals"][0].update(created_at="2026-01-01"), False),
    (lambda d: d["deals"][0].update(created_at="2026-01-01T10:00:00+01:00"), True),
    (lambda d: d["deals"][0].update(amount=10**15), True),
    (lambda d: d["deals"][0].update(amount=True), False),
    (lambda d: _person(d).update(position={"x": 1.5, "y": -3}), True),
    (lambda d: _person(d).update(position={"x": False, "y": 0}), False),
])
def test_edge_cases_agree(change: Any, accepted: bool) -> None:
    document = _small_document()
    change(document)
    assert schema_accepts(document) is accepted
    assert_agree(document)


# Rules beyond JSON Schema: the schema accepts these documents, the reader must not.


def test_a_line_to_nobody_is_refused() -> None:
    document = _small_document()
    document["deals"][0]["people"] = []
    assert breaks_a_reference(document)
    assert schema_accepts(document)
    assert "is nobody in this deal" in (reader_says(document) or "")


def test_a_line_drawn_twice_is_refused() -> None:
    document = _small_document()
    document["deals"][0]["relations"][0]["kind"] = "reports-to"
    assert draws_a_line_twice(document)
    assert schema_accepts(document)
    assert "line is drawn twice" in (reader_says(document) or "")


@pytest.mark.parametrize(("change", "problem"), [
    (lambda d: d["deals"][0]["people"][1].update(id=_person(d)["id"]), "appears twice"),
    (lambda d: d["deals"][0].update(close_date="2026-02-30"), "not a date"),
    (lambda d: d["deals"][0]["relations"][0].update(target=_person(d)["id"]),
     "cannot be related to themselves"),
    (lambda d: d["deals"].append(copy.deepcopy(d["deals"][0])), "appears twice"),
])
def test_other_rules_beyond_the_schema_are_refused(change: Any, problem: str) -> None:
    document = _small_document()
    change(document)
    assert schema_accepts(document)
    assert problem in (reader_says(document) or "")


# -- the plan (version 2) --------------------------------------------------------------------


def _planned_document() -> dict[str, Any]:
    """One deal with A and B, an alternative B leans to, an action for A meant to move B, a
    criterion A owns rated for the alternative, a step B approves and a compelling event."""
    a, b = Person(name="A"), Person(name="B")
    rival = Alternative(name="FleetIQ")
    deal = Deal(name="D", people=(a, replace(b, leans_to=rival.id)), alternatives=(rival,),
                actions=(Action(text="Demo", for_people=(a.id,), due=date(2026, 3, 2),
                                intended=IntendedChange(b.id, Axis.TECHNICAL, 8)),),
                criteria=(Criterion(text="Uptime", weight=5, owner=a.id, ours=7,
                                    theirs={rival.id: 5}),),
                process=(ProcessStep(name="Security review", approver=b.id),),
                compelling_event=CompellingEvent("Lease ends", by=date(2026, 6, 30)))
    deal = deal.with_plan(comments=(
        Comment(CommentTarget.PERSON, a.id, "Maria", datetime(2026, 3, 1, 9, tzinfo=UTC),
                "Ask A"),
        Comment(CommentTarget.FLAG, f"weak-champion:{b.id}", "Maria",
                datetime(2026, 3, 1, 9, tzinfo=UTC), "Coach B")))
    document: dict[str, Any] = json.loads(dealfile.dumps([deal], include_private=True))
    return document


def _comment(document: dict[str, Any], index: int) -> dict[str, Any]:
    record: dict[str, Any] = document["deals"][0]["comments"][index]
    return record


def _plan(document: dict[str, Any], key: str) -> dict[str, Any]:
    record: dict[str, Any] = document["deals"][0][key][0]
    return record


@pytest.mark.parametrize(("change", "accepted"), [
    (lambda d: None, True),
    (lambda d: d.update(version=1), True),  # the keys are read whatever the version says
    (lambda d: d.update(version=2), True),  # comments too are read whatever it says
    (lambda d: d.update(version=4), False),
    (lambda d: d["deals"][0].update(compelling_event=None), True),
    (lambda d: d["deals"][0]["compelling_event"].update(text="  "), False),
    (lambda d: d["deals"][0]["compelling_event"].pop("by"), True),
    (lambda d: _plan(d, "actions").update(status="waiting"), False),
    (lambda d: _plan(d, "actions").update(owner_side="them"), False),
    (lambda d: _plan(d, "actions").update(owner=None), False),
    (lambda d: _plan(d, "actions").update(text="\n \n"), False),
    (lambda d: _plan(d, "actions").update(due="2026-3-2"), False),
    (lambda d: _plan(d, "actions").update(people=[]), True),
    (lambda d: _plan(d, "actions").update(intended=None), True),
    (lambda d: _plan(d, "actions")["intended"].pop("target"), False),
    (lambda d: _plan(d, "actions")["intended"].update(target=8.0), False),
    (lambda d: _plan(d, "actions")["intended"].update(before=11), False),
    (lambda d: _plan(d, "criteria").update(weight=-1), False),
    (lambda d: _plan(d, "criteria").update(weight=5.0), False),
    (lambda d: _plan(d, "criteria").update(weight=True), False),
    (lambda d: _plan(d, "criteria").pop("weight"), True),  # 3, the middle
    (lambda d: _plan(d, "criteria").update(ours=None, owner=None), True),
    (lambda d: _plan(d, "criteria").update(theirs={"FleetIQ": 5}), False),
    (lambda d: _plan(d, "criteria").update(theirs={}), True),
    (lambda d: _plan(d, "process").update(status="pending"), False),
    (lambda d: _plan(d, "process").update(approver=None), True),
    (lambda d: _plan(d, "alternatives").update(kind="partner"), False),
    (lambda d: _plan(d, "alternatives").pop("kind"), True),  # a competitor
    (lambda d: _person(d).update(coaches_competitor=1), False),
    (lambda d: _person(d).update(organisation=None), False),
    (lambda d: _person(d).update(leans_to="FleetIQ"), False),
    (lambda d: _person(d).update(next_step="Call back"), True),  # version 1's, read
    (lambda d: d["deals"][0].update(competitors=["fleetiq", " "]), True),  # one, known
    (lambda d: _plan(d, "comments").update(about="deal"), False),
    (lambda d: _plan(d, "comments").update(about="flag"), False),  # an id is no flag key
    (lambda d: _comment(d, 1).update(about="person"), False),  # nor a key an id
    (lambda d: _comment(d, 1).update(target="no-champion:"), True),  # names nobody
    (lambda d: _comment(d, 1).update(target="No champion:"), False),
    (lambda d: _comment(d, 1).update(target="no-champion"), False),
    (lambda d: _plan(d, "comments").update(text=" \n "), False),
    (lambda d: _plan(d, "comments").update(author=""), False),
    (lambda d: _plan(d, "comments").update(at=None), False),
    (lambda d: _plan(d, "comments").update(at="2026-03-01T10:00:00+01:00"), True),
    (lambda d: _plan(d, "comments").pop("author"), False),
    (lambda d: d["deals"][0].update(comments=[]), True),
])
def test_plan_edge_cases_agree(change: Any, accepted: bool) -> None:
    document = _planned_document()
    change(document)
    assert schema_accepts(document) is accepted
    assert_agree(document)


@pytest.mark.parametrize(("change", "problem"), [
    (lambda d: d["deals"][0]["people"].pop(0), "is nobody in this deal"),
    (lambda d: d["deals"][0]["people"].pop(1), "is nobody in this deal"),
    (lambda d: d["deals"][0].update(alternatives=[]), "is none of this deal's alternatives"),
])
def test_a_plan_naming_nobody_is_refused(change: Any, problem: str) -> None:
    document = _planned_document()
    change(document)
    assert breaks_a_reference(document)
    assert schema_accepts(document)
    assert problem in (reader_says(document) or "")


def test_an_alternative_listed_twice_is_refused() -> None:
    document = _planned_document()
    twin = {**_plan(document, "alternatives"), "id": str(uuid.uuid4()), "name": "fleetiq"}
    document["deals"][0]["alternatives"].append(twin)
    assert lists_an_alternative_twice(document)
    assert schema_accepts(document)
    assert "is listed twice" in (reader_says(document) or "")


@pytest.mark.parametrize(("change", "problem"), [
    (lambda d: _plan(d, "actions").update(due="2026-02-30"), "not a date"),
    (lambda d: d["deals"][0]["process"].append(dict(_plan(d, "process"))), "appears twice"),
])
def test_other_plan_rules_beyond_the_schema_are_refused(change: Any, problem: str) -> None:
    document = _planned_document()
    change(document)
    assert schema_accepts(document)
    assert problem in (reader_says(document) or "")
