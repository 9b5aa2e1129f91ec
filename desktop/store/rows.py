"""Domain objects ⇄ table rows. The only place that knows both shapes."""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterable, Mapping
from datetime import datetime
from typing import Any

from desktop.domain.dates import format_timestamp, parse_date, parse_timestamp
from desktop.domain.deal import Deal
from desktop.domain.enums import (
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
from desktop.domain.position import Position
from desktop.domain.relation import Relation
from desktop.domain.scores import Score, Triangle

Row = Mapping[str, Any] | sqlite3.Row

DEAL_COLUMNS = ("id", "name", "account", "stage", "amount", "currency", "close_date",
                "objective", "solution", "competitors", "created_at", "updated_at")
PERSON_COLUMNS = ("id", "deal_id", "ordinal", "name", "title", "department", "email", "phone",
                  "roles", "support", "influence", "coverage", "mode", "last_contact",
                  "next_step", "notes", "x", "y")
SCORE_COLUMNS = ("person_id", "axis", "value", "evidence", "confidence", "private")
RELATION_COLUMNS = ("id", "deal_id", "ordinal", "source", "target", "kind", "strength", "note")


def deal_row(deal: Deal, default_time: datetime | None = None) -> dict[str, Any]:
    created = deal.created_at or default_time
    updated = deal.updated_at or default_time
    if created is None or updated is None:
        raise ValueError("a stored deal needs its created and updated times")
    return {
        "id": deal.id,
        "name": deal.name,
        "account": deal.account,
        "stage": deal.stage,
        "amount": deal.amount,
        "currency": deal.currency,
        "close_date": deal.close_date.isoformat() if deal.close_date else None,
        "objective": deal.objective,
        "solution": deal.solution,
        "competitors": json.dumps(list(deal.competitors), ensure_ascii=False),
        "created_at": format_timestamp(created),
        "updated_at": format_timestamp(updated),
    }


def person_row(person: Person, deal_id: str, ordinal: int) -> dict[str, Any]:
    return dict(zip(PERSON_COLUMNS, person_values(person, deal_id, ordinal), strict=True))


_DEFAULT_SCORES = Triangle()


def person_values(person: Person, deal_id: str, ordinal: int) -> tuple[Any, ...]:
    """``person_row`` as a tuple in ``PERSON_COLUMNS`` order, for bulk inserts (no dict
    per row)."""
    return (person.id, deal_id, ordinal, person.name, person.title, person.department,
            person.email, person.phone,
            json.dumps([role.value for role in person.roles]) if person.roles else "[]",
            int(person.support), person.influence.value, person.coverage.value,
            person.mode.value if person.mode else None,
            person.last_contact.isoformat() if person.last_contact else None,
            person.next_step, person.notes, person.position.x, person.position.y)


def positional_insert_sql(table: str, columns: tuple[str, ...]) -> str:
    return (f"INSERT INTO {table} ({', '.join(columns)}) "  # noqa: S608 - fixed names
            f"VALUES ({', '.join('?' * len(columns))})")


def score_rows(person: Person, *, skip_defaults: bool = False) -> list[dict[str, Any]]:
    """The person's score rows. A new person's unknown, note-less scores need no row
    (reading gives the defaults back); an update writes all three, to overwrite."""
    if skip_defaults and person.scores == _DEFAULT_SCORES:  # identity first: shared default
        return []
    return [score_row(person.id, axis, score) for axis, score in person.scores.items()
            if not skip_defaults or score != _DEFAULT_SCORES[axis]]


def score_row(person_id: str, axis: Axis, score: Score) -> dict[str, Any]:
    return {
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
                  snapshots: Iterable[Any] = ()) -> Deal:
    return Deal(
        id=row["id"],
        name=row["name"],
        account=row["account"],
        stage=row["stage"],
        amount=row["amount"],
        currency=row["currency"],
        close_date=parse_date(row["close_date"], "close_date"),
        objective=row["objective"],
        solution=row["solution"],
        competitors=tuple(json.loads(row["competitors"])),
        people=tuple(people),
        relations=tuple(relations),
        snapshots=tuple(snapshots),
        created_at=parse_timestamp(row["created_at"], "created_at"),
        updated_at=parse_timestamp(row["updated_at"], "updated_at"),
    )


def score_from_row(row: Row) -> Score:
    return Score(
        value=row["value"],
        evidence=row["evidence"],
        confidence=Confidence(row["confidence"]),
        private=bool(row["private"]),
    )


def person_from_row(row: Row, scores: Mapping[str, Score]) -> Person:
    triangle = Triangle()
    for axis in Axis:
        if axis.value in scores:
            triangle = triangle.with_score(axis, scores[axis.value])
    return Person(
        id=row["id"],
        name=row["name"],
        title=row["title"],
        department=row["department"],
        email=row["email"],
        phone=row["phone"],
        roles=tuple(Role(value) for value in json.loads(row["roles"])),
        support=Support(row["support"]),
        influence=Influence(row["influence"]),
        coverage=Coverage(row["coverage"]),
        mode=ResponseMode(row["mode"]) if row["mode"] else None,
        last_contact=parse_date(row["last_contact"], "last_contact"),
        next_step=row["next_step"],
        notes=row["notes"],
        position=Position(row["x"], row["y"]),
        scores=triangle,
    )


def relation_from_row(row: Row) -> Relation:
    return Relation(
        id=row["id"],
        source=row["source"],
        target=row["target"],
        kind=RelationKind(row["kind"]),
        strength=row["strength"],
        note=row["note"],
    )


def insert_sql(table: str, columns: tuple[str, ...]) -> str:
    names = ", ".join(columns)
    marks = ", ".join(f":{column}" for column in columns)
    return f"INSERT INTO {table} ({names}) VALUES ({marks})"  # noqa: S608 - fixed names
