"""Domain objects ⇄ table rows. The only place that knows both shapes."""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterable, Mapping
from datetime import date, datetime
from typing import Any

from desktop.domain.actions import Action, ActionStatus, IntendedChange, OwnerSide
from desktop.domain.comments import Comment, CommentTarget
from desktop.domain.dates import format_timestamp, parse_date, parse_timestamp
from desktop.domain.deal import DEAL_FIELDS, Deal
from desktop.domain.decision import (
    Alternative,
    AlternativeKind,
    CompellingEvent,
    Criterion,
    ProcessStep,
    StepStatus,
)
from desktop.domain.enums import (
    ROLE_ORDER,
    Axis,
    Confidence,
    Coverage,
    Influence,
    RelationKind,
    ResponseMode,
    Role,
    Support,
)
from desktop.domain.person import Person
from desktop.domain.plain import deal_fields_from_plain, deal_fields_to_plain
from desktop.domain.position import Position
from desktop.domain.relation import Relation
from desktop.domain.scores import Score, Triangle
from desktop.domain.trusted import trusted
from desktop.domain.versus import Versus

Row = Mapping[str, Any] | sqlite3.Row

# The deal's columns are its own fields, declared once in the domain (``DEAL_FIELDS``).
DEAL_COLUMNS = ("id", *DEAL_FIELDS)
DEAL_FIELD_COLUMNS = tuple(c for c in DEAL_FIELDS if c not in ("created_at", "updated_at"))
# A person is two rows: their identity, shared by the deals of their account, and their
# stance in one deal (see desktop/store/migrations/m0004_accounts.py).
IDENTITY_COLUMNS = ("id", "account_id", "name", "title", "department", "organisation", "email",
                    "phone", "notes", "last_contact")
IDENTITY_FIELD_COLUMNS = IDENTITY_COLUMNS[2:]
STANCE_COLUMNS = ("deal_id", "id", "ordinal", "roles", "support", "influence", "coverage",
                  "mode", "x", "y", "leans_to", "coaches_competitor", "versus_alternative",
                  "versus_business", "versus_technical", "versus_personal")
STANCE_FIELD_COLUMNS = STANCE_COLUMNS[3:]
SCORE_COLUMNS = ("deal_id", "person_id", "axis", "value", "evidence", "confidence", "private")
# A deal's people as ``person_from_row`` reads them: the stance joined with the identity.
PEOPLE_SELECT = ("SELECT p.*, i.name, i.title, i.department, i.organisation, i.email, i.phone, "
                 "i.notes, i.last_contact FROM people AS p JOIN identities AS i ON i.id = p.id")
RELATION_COLUMNS = ("id", "deal_id", "ordinal", "source", "target", "kind", "strength", "note")


def deal_row(deal: Deal, default_time: datetime | None = None) -> dict[str, Any]:
    row = {"id": deal.id, **deal_fields_to_plain(deal)}
    for name in ("created_at", "updated_at"):
        if row[name] is None:
            if default_time is None:
                raise ValueError("a stored deal needs its created and updated times")
            row[name] = format_timestamp(default_time)
    return row


_DEFAULT_SCORES = Triangle()


def identity_values(person: Person, account_id: str | None) -> tuple[Any, ...]:
    """The person's identity in ``IDENTITY_COLUMNS`` order."""
    return (person.id, account_id, person.name, person.title, person.department,
            person.organisation, person.email, person.phone, person.notes,
            person.last_contact.isoformat() if person.last_contact else None)


def stance_values(person: Person, deal_id: str, ordinal: int) -> tuple[Any, ...]:
    """The person's stance in one deal in ``STANCE_COLUMNS`` order, for bulk inserts."""
    return (deal_id, person.id, ordinal,
            json.dumps([role.value for role in person.roles]) if person.roles else "[]",
            int(person.support), person.influence.value, person.coverage.value,
            person.mode.value if person.mode else None,
            person.position.x, person.position.y, person.leans_to,
            int(person.coaches_competitor), *_versus_values(person.versus))


_NO_VERSUS = (None, None, None, None)


def _versus_values(versus: Versus | None) -> tuple[Any, ...]:
    """The alternative a person scored and its three scores (NULLs: none scored)."""
    return _NO_VERSUS if versus is None else (versus.alternative, *versus.values())


def stance_row(person: Person, deal_id: str) -> dict[str, Any]:
    """The stance's fields by name (for ``UPDATE … WHERE deal_id AND id``; not the ordinal)."""
    row = dict(zip(STANCE_COLUMNS, stance_values(person, deal_id, 0), strict=True))
    del row["ordinal"]
    return row


def identity_row(person: Person) -> dict[str, Any]:
    """The identity's own fields by name (the account is not changed by a person's edit)."""
    row = dict(zip(IDENTITY_COLUMNS, identity_values(person, None), strict=True))
    del row["account_id"]
    return row


def positional_insert_sql(table: str, columns: tuple[str, ...]) -> str:
    return (f"INSERT INTO {table} ({', '.join(columns)}) "  # noqa: S608 - fixed names
            f"VALUES ({', '.join('?' * len(columns))})")


def score_rows(person: Person, deal_id: str, *,
               skip_defaults: bool = False) -> list[dict[str, Any]]:
    """The person's score rows in one deal. A new person's unknown, note-less scores need no
    row (reading gives the defaults back); an update writes all three, to overwrite."""
    if skip_defaults and person.scores == _DEFAULT_SCORES:  # identity first: shared default
        return []
    return [score_row(deal_id, person.id, axis, score) for axis, score in person.scores.items()
            if not skip_defaults or score != _DEFAULT_SCORES[axis]]


def score_row(deal_id: str, person_id: str, axis: Axis, score: Score) -> dict[str, Any]:
    return {
        "deal_id": deal_id,
        "person_id": person_id,
        "axis": axis.value,
        "value": score.value,
        "evidence": score.evidence,
        "confidence": score.confidence.value,
        "private": int(score.private),
    }


def relation_row(relation: Relation, deal_id: str, ordinal: int) -> dict[str, Any]:
    return dict(zip(RELATION_COLUMNS, relation_values(relation, deal_id, ordinal),
                    strict=True))


def relation_values(relation: Relation, deal_id: str, ordinal: int) -> tuple[Any, ...]:
    """A relation in ``RELATION_COLUMNS`` order, for bulk inserts."""
    return (relation.id, deal_id, ordinal, relation.source, relation.target,
            relation.kind.value, relation.strength, relation.note)


def deal_from_row(row: Row, people: Iterable[Person] = (), relations: Iterable[Relation] = (),
                  snapshots: Iterable[Any] = (), plan: Mapping[str, Any] | None = None,
                  notices: Iterable[Any] = ()) -> Deal:
    """``plan``: the plan's lists (``reading.plan``); the compelling event is in the row."""
    fields = {name: row[name] for name in DEAL_FIELDS}
    event = None
    if row["compelling_event"]:
        event = CompellingEvent(text=row["compelling_event"],
                                by=parse_date(row["compelling_by"], "compelling_by"))
    return Deal(id=row["id"], **deal_fields_from_plain(fields), people=tuple(people),
                relations=tuple(relations), snapshots=tuple(snapshots),
                compelling_event=event, notices=tuple(notices), **(plan or {}))


# -- the plan ---------------------------------------------------------------------------------

ALTERNATIVE_COLUMNS = ("id", "deal_id", "ordinal", "name", "kind")
ACTION_COLUMNS = ("id", "deal_id", "ordinal", "text", "owner_side", "owner", "due", "status",
                  "changed", "people", "intended_person", "intended_axis", "intended_target",
                  "intended_before", "internal")
CRITERION_COLUMNS = ("id", "deal_id", "ordinal", "text", "weight", "owner", "ours", "theirs",
                     "evidence")
STEP_COLUMNS = ("id", "deal_id", "ordinal", "name", "approver", "planned", "status")
COMMENT_COLUMNS = ("id", "deal_id", "ordinal", "target_kind", "target", "author", "at", "text")
PLAN_TABLES = {"alternatives": ALTERNATIVE_COLUMNS, "actions": ACTION_COLUMNS,
               "criteria": CRITERION_COLUMNS, "process_steps": STEP_COLUMNS,
               "comments": COMMENT_COLUMNS}


def _iso(day: date | None) -> str | None:
    return day.isoformat() if day is not None else None


def plan_values(deal: Deal) -> dict[str, list[tuple[Any, ...]]]:
    """The deal's plan records as rows, by table, in the deal's order."""
    deal_id = deal.id
    return {
        "alternatives": [(a.id, deal_id, i, a.name, a.kind.value)
                         for i, a in enumerate(deal.alternatives)],
        "actions": [
            (a.id, deal_id, i, a.text, a.owner_side.value, a.owner, _iso(a.due),
             a.status.value, _iso(a.changed), json.dumps(list(a.for_people)),
             *((a.intended.person, a.intended.axis.value, a.intended.target, a.intended.before)
               if a.intended is not None else (None, None, None, None)), int(a.internal))
            for i, a in enumerate(deal.actions)],
        "criteria": [
            (c.id, deal_id, i, c.text, c.weight, c.owner, c.ours,
             json.dumps(dict(c.theirs), ensure_ascii=False), c.evidence)
            for i, c in enumerate(deal.criteria)],
        "process_steps": [(s.id, deal_id, i, s.name, s.approver, _iso(s.planned),
                           s.status.value) for i, s in enumerate(deal.process)],
        "comments": [(c.id, deal_id, i, c.target_kind.value, c.target, c.author,
                      format_timestamp(c.at), c.text) for i, c in enumerate(deal.comments)],
    }


def action_from_row(row: Row) -> Action:
    intended = None
    if row["intended_person"] is not None and row["intended_target"] is not None:
        intended = IntendedChange(person=row["intended_person"],
                                  axis=Axis(row["intended_axis"]),
                                  target=row["intended_target"],
                                  before=row["intended_before"])
    return Action(id=row["id"], text=row["text"], owner_side=OwnerSide(row["owner_side"]),
                  owner=row["owner"], due=parse_date(row["due"], "due"),
                  status=ActionStatus(row["status"]),
                  changed=parse_date(row["changed"], "changed"),
                  for_people=tuple(json.loads(row["people"])), intended=intended,
                  internal=bool(row["internal"]))


def criterion_from_row(row: Row) -> Criterion:
    return Criterion(id=row["id"], text=row["text"], weight=row["weight"], owner=row["owner"],
                     ours=row["ours"], theirs=json.loads(row["theirs"]),
                     evidence=row["evidence"])


def step_from_row(row: Row) -> ProcessStep:
    return ProcessStep(id=row["id"], name=row["name"], approver=row["approver"],
                       planned=parse_date(row["planned"], "planned"),
                       status=StepStatus(row["status"]))


def comment_from_row(row: Row) -> Comment:
    return Comment(id=row["id"], target_kind=CommentTarget(row["target_kind"]),
                   target=row["target"], author=row["author"],
                   at=parse_timestamp(row["at"], "at"), text=row["text"])


def alternative_from_row(row: Row) -> Alternative:
    return Alternative(id=row["id"], name=row["name"], kind=AlternativeKind(row["kind"]))


# Rows of our own tables are trusted (see desktop/domain/trusted.py): enums are looked up in
# dictionaries and values are not checked again. The tables' CHECK constraints hold the rules.
_CONFIDENCE = {c.value: c for c in Confidence}
_SUPPORT = {int(s): s for s in Support}
_INFLUENCE = {i.value: i for i in Influence}
_COVERAGE = {c.value: c for c in Coverage}
_MODE = {m.value: m for m in ResponseMode}
_ROLE = {r.value: r for r in Role}
_KIND = {k.value: k for k in RelationKind}
_ROLES_CACHE: dict[str, tuple[Role, ...]] = {"[]": ()}
_NO_ROLES = "[]"
_DEFAULT_TRIANGLE = Triangle()


def score_from_row(row: Row) -> Score:
    value = row["value"]
    if value is not None and not 0 <= value <= 10:  # only a file edited past its CHECKs
        raise ValueError(f"the score {value} is out of range (0 to 10, or unknown)")
    return trusted(Score, value=value, evidence=row["evidence"],
                   confidence=_CONFIDENCE[row["confidence"]], private=bool(row["private"]))


def person_from_row(row: Row, scores: Mapping[str, Score]) -> Person:
    """``scores`` by axis name; an axis without a row is unknown, as a new person's are."""
    triangle = _DEFAULT_TRIANGLE
    if scores:
        triangle = trusted(Triangle, **{axis.value: scores.get(axis.value, _DEFAULT_TRIANGLE[axis])
                                        for axis in Axis})
    roles = _ROLES_CACHE.get(row["roles"])
    if roles is None:  # a handful of distinct role sets in a deal: decode each once
        chosen = {_ROLE[value] for value in json.loads(row["roles"])}
        roles = _ROLES_CACHE[row["roles"]] = tuple(r for r in ROLE_ORDER if r in chosen)
    mode = row["mode"]
    last_contact = row["last_contact"]
    if not row["name"]:  # only a file edited past its CHECKs
        raise ValueError("the name is empty")
    return trusted(
        Person,
        name=row["name"],
        id=row["id"],
        title=row["title"],
        department=row["department"],
        email=row["email"],
        phone=row["phone"],
        roles=roles,
        support=_SUPPORT[row["support"]],
        influence=_INFLUENCE[row["influence"]],
        coverage=_COVERAGE[row["coverage"]],
        mode=_MODE[mode] if mode else None,
        last_contact=parse_date(last_contact, "last_contact") if last_contact else None,
        notes=row["notes"],
        organisation=row["organisation"],
        leans_to=row["leans_to"],
        coaches_competitor=bool(row["coaches_competitor"]),
        position=trusted(Position, x=row["x"], y=row["y"]),
        scores=triangle,
        versus=_versus_from_row(row),
    )


def _versus_from_row(row: Row) -> Versus | None:
    alternative = row["versus_alternative"]
    if alternative is None:
        return None
    values = (row["versus_business"], row["versus_technical"], row["versus_personal"])
    if any(v is not None and not 0 <= v <= 10 for v in values):  # past its CHECKs
        raise ValueError("a score of the alternative is out of range (0 to 10, or unknown)")
    return trusted(Versus, alternative=alternative, business=values[0],
                   technical=values[1], personal=values[2])


def relation_from_row(row: Row) -> Relation:
    if row["source"] == row["target"] or not 1 <= row["strength"] <= 3:  # past its CHECKs
        raise ValueError("a line from a person to themselves, or of an impossible strength")
    return trusted(Relation, source=row["source"], target=row["target"],
                   kind=_KIND[row["kind"]], strength=row["strength"], note=row["note"],
                   id=row["id"])


def update_sql(table: str, columns: tuple[str, ...], where: str = "id = :id") -> str:
    """``UPDATE table SET column = :column, … WHERE id = :id``."""
    settings = ", ".join(f"{column} = :{column}" for column in columns)
    return f"UPDATE {table} SET {settings} WHERE {where}"  # noqa: S608 - fixed names


def insert_sql(table: str, columns: tuple[str, ...]) -> str:
    names = ", ".join(columns)
    marks = ", ".join(f":{column}" for column in columns)
    return f"INSERT INTO {table} ({names}) VALUES ({marks})"  # noqa: S608 - fixed names
