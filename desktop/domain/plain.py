"""Domain objects ⇄ plain JSON-ready data (dicts, lists, strings, numbers, null).

This is the one canonical shape of a deal: the deal file (format version 1, documented in
``docs/deal-file.md``), the snapshots the library stores and ``show --json`` all use it, so a
deal looks the same wherever it travels.

Reading is strict and path-aware: every problem names its place
(``people[2].scores.business.value``) so an importer can say *where* a file is wrong.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from typing import Any, TypeVar

from desktop.domain.dates import format_timestamp, parse_date, parse_timestamp
from desktop.domain.deal import DEAL_FIELDS, Deal, Snapshot
from desktop.domain.enums import (
    Axis,
    Confidence,
    Coverage,
    Influence,
    RelationKind,
    ResponseMode,
    Support,
    parse_enum,
)
from desktop.domain.errors import ValidationError
from desktop.domain.person import Person
from desktop.domain.position import Position
from desktop.domain.relation import Relation
from desktop.domain.scores import Score, Triangle

Plain = dict[str, Any]
T = TypeVar("T")

DEAL_KEYS = frozenset({"id", *DEAL_FIELDS, "people", "relations", "snapshots"})
PERSON_KEYS = frozenset({
    "id", "name", "title", "department", "email", "phone", "roles", "support", "influence",
    "coverage", "mode", "last_contact", "next_step", "notes", "position", "scores",
})
SCORE_KEYS = frozenset({"value", "evidence", "confidence", "private"})
RELATION_KEYS = frozenset({"id", "source", "target", "kind", "strength", "note"})
SNAPSHOT_KEYS = frozenset({"id", "name", "taken_at", "deal"})

# The shapes the deal file writes (docs/deal-file.schema.json says the same): a date is
# YYYY-MM-DD (``date.fromisoformat`` alone also takes 20260101 and 2026-W01-1), a timestamp
# YYYY-MM-DDTHH:MM:SS with optional fraction and zone.
_DATE_SHAPE = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")
_TIMESTAMP_SHAPE = re.compile(
    r"[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}:[0-9]{2}(\.[0-9]+)?(Z|[+-][0-9]{2}:[0-9]{2})?")
_DEAL_TEXTS = ("name", "account", "stage", "currency", "objective", "solution")
_PERSON_TEXTS = ("name", "title", "department", "email", "phone", "next_step", "notes")


# -- writing ---------------------------------------------------------------------------------


def deal_to_plain(deal: Deal, *, include_private: bool = False) -> Plain:
    """The deal as plain data. Private evidence is left out unless ``include_private``."""
    return {
        "id": deal.id,
        **deal_fields_to_plain(deal),
        "people": [person_to_plain(p, include_private=include_private) for p in deal.people],
        "relations": [relation_to_plain(r) for r in deal.relations],
        "snapshots": [
            snapshot_to_plain(s, include_private=include_private) for s in deal.snapshots
        ],
    }


def deal_fields_to_plain(deal: Deal) -> Plain:
    """The deal's own fields (``DEAL_FIELDS``, in order) as plain values: the deal file and
    the library's row both start from this."""
    plain: Plain = {name: getattr(deal, name) for name in DEAL_FIELDS}
    plain["close_date"] = deal.close_date.isoformat() if deal.close_date else None
    plain["competitors"] = list(deal.competitors)
    for name in ("created_at", "updated_at"):
        stamp = getattr(deal, name)
        plain[name] = format_timestamp(stamp) if stamp else None
    return plain


def deal_fields_from_plain(obj: Mapping[str, Any]) -> dict[str, Any]:
    """``deal_fields_to_plain`` read back (missing keys take the defaults), as keyword
    arguments for ``Deal``."""
    created = obj.get("created_at")
    updated = obj.get("updated_at")
    return {
        "name": obj["name"],
        "account": obj.get("account", ""),
        "stage": obj.get("stage", ""),
        "amount": obj.get("amount"),
        "currency": obj.get("currency", ""),
        "close_date": parse_date(obj.get("close_date"), "close_date"),
        "objective": obj.get("objective", ""),
        "solution": obj.get("solution", ""),
        "competitors": tuple(_list(obj.get("competitors", []), "competitors")),
        "created_at": parse_timestamp(created, "created_at") if created is not None else None,
        "updated_at": parse_timestamp(updated, "updated_at") if updated is not None else None,
    }


def person_to_plain(person: Person, *, include_private: bool = False) -> Plain:
    return {
        "id": person.id,
        "name": person.name,
        "title": person.title,
        "department": person.department,
        "email": person.email,
        "phone": person.phone,
        "roles": [role.value for role in person.roles],
        "support": int(person.support),
        "influence": person.influence.value,
        "coverage": person.coverage.value,
        "mode": person.mode.value if person.mode else None,
        "last_contact": person.last_contact.isoformat() if person.last_contact else None,
        "next_step": person.next_step,
        "notes": person.notes if include_private else "",
        "position": {"x": person.position.x, "y": person.position.y},
        "scores": {
            axis.value: score_to_plain(score, include_private=include_private)
            for axis, score in person.scores.items()
        },
    }


def score_to_plain(score: Score, *, include_private: bool = False) -> Plain:
    hide = score.private and not include_private
    return {
        "value": score.value,
        "evidence": "" if hide else score.evidence,
        "confidence": score.confidence.value,
        "private": score.private,
    }


def relation_to_plain(relation: Relation) -> Plain:
    return {
        "id": relation.id,
        "source": relation.source,
        "target": relation.target,
        "kind": relation.kind.value,
        "strength": relation.strength,
        "note": relation.note,
    }


def snapshot_to_plain(snapshot: Snapshot, *, include_private: bool = False) -> Plain:
    return {
        "id": snapshot.id,
        "name": snapshot.name,
        "taken_at": format_timestamp(snapshot.taken_at),
        "deal": deal_to_plain(snapshot.deal, include_private=include_private),
    }


# -- reading ---------------------------------------------------------------------------------


def deal_from_plain(data: object, path: str = "") -> Deal:
    obj = _object(data, path, DEAL_KEYS, required=("id", "name"))
    _check_texts(obj, path, _DEAL_TEXTS)
    for index, item in enumerate(_list(obj.get("competitors", []), _join(path, "competitors"))):
        _check_text(item, _join(path, f"competitors[{index}]"))
    _check_date(obj, path, "close_date")
    _check_timestamp(obj, path, "created_at", nullable=True)
    _check_timestamp(obj, path, "updated_at", nullable=True)
    people = [
        person_from_plain(item, _join(path, f"people[{i}]"))
        for i, item in enumerate(_list(obj.get("people", []), _join(path, "people")))
    ]
    relations = [
        relation_from_plain(item, _join(path, f"relations[{i}]"))
        for i, item in enumerate(_list(obj.get("relations", []), _join(path, "relations")))
    ]
    snapshots = [
        snapshot_from_plain(item, _join(path, f"snapshots[{i}]"))
        for i, item in enumerate(_list(obj.get("snapshots", []), _join(path, "snapshots")))
    ]
    return _build(
        path,
        lambda: Deal(id=obj["id"], **deal_fields_from_plain(obj), people=tuple(people),
                     relations=tuple(relations), snapshots=tuple(snapshots)),
    )


def person_from_plain(data: object, path: str) -> Person:
    obj = _object(data, path, PERSON_KEYS, required=("id", "name"))
    _check_texts(obj, path, _PERSON_TEXTS)
    _check_date(obj, path, "last_contact")
    scores_obj = _object(obj.get("scores", {}), _join(path, "scores"),
                         frozenset(a.value for a in Axis), required=())
    scores = Triangle()
    for axis in Axis:
        if axis.value in scores_obj:
            scores = scores.with_score(
                axis, score_from_plain(scores_obj[axis.value], _join(path, f"scores.{axis.value}"),
                                       axis=axis))
    position_obj = _object(obj.get("position", {"x": 0, "y": 0}), _join(path, "position"),
                           frozenset({"x", "y"}), required=("x", "y"))
    position = _build(_join(path, "position"),
                      lambda: Position(x=position_obj["x"], y=position_obj["y"]))
    support = obj.get("support", 0)
    if type(support) is not int:  # not true, not 1.0 (Support(1.0) would be a supporter)
        raise ValidationError(_join(path, "support"),
                              f"{_shown(support)} is not a whole number from -2 to 2")
    mode = obj.get("mode")
    return _build(
        path,
        lambda: Person(
            id=obj["id"],
            name=obj["name"],
            title=obj.get("title", ""),
            department=obj.get("department", ""),
            email=obj.get("email", ""),
            phone=obj.get("phone", ""),
            roles=tuple(_list(obj.get("roles", []), "roles")),
            support=parse_enum(Support, support, "support"),
            influence=parse_enum(Influence, obj.get("influence", "medium"), "influence"),
            coverage=parse_enum(Coverage, obj.get("coverage", "none"), "coverage"),
            mode=None if mode is None else parse_enum(ResponseMode, mode, "mode"),
            last_contact=parse_date(obj.get("last_contact"), "last_contact"),
            next_step=obj.get("next_step", ""),
            notes=obj.get("notes", ""),
            position=position,
            scores=scores,
        ),
    )


def score_from_plain(data: object, path: str, *, axis: Axis) -> Score:
    obj = _object(data, path, SCORE_KEYS, required=())
    _check_texts(obj, path, ("evidence",))
    default_private = axis is Axis.PERSONAL
    return _build(
        path,
        lambda: Score(
            value=obj.get("value"),
            evidence=obj.get("evidence", ""),
            confidence=parse_enum(Confidence, obj.get("confidence", "assumed"), "confidence"),
            private=obj.get("private", default_private),
        ),
    )


def relation_from_plain(data: object, path: str) -> Relation:
    obj = _object(data, path, RELATION_KEYS, required=("id", "source", "target", "kind"))
    _check_texts(obj, path, ("note",))
    return _build(
        path,
        lambda: Relation(
            id=obj["id"],
            source=obj["source"],
            target=obj["target"],
            kind=parse_enum(RelationKind, obj["kind"], "kind"),
            strength=obj.get("strength", 1),
            note=obj.get("note", ""),
        ),
    )


def snapshot_from_plain(data: object, path: str) -> Snapshot:
    obj = _object(data, path, SNAPSHOT_KEYS, required=("id", "name", "taken_at", "deal"))
    _check_texts(obj, path, ("name",))
    _check_timestamp(obj, path, "taken_at", nullable=False)
    deal = deal_from_plain(obj["deal"], _join(path, "deal"))
    return _build(
        path,
        lambda: Snapshot(
            id=obj["id"],
            name=obj["name"],
            taken_at=parse_timestamp(obj["taken_at"], "taken_at"),
            deal=deal,
        ),
    )


def _join(path: str, key: str) -> str:
    return f"{path}.{key}" if path else key


def _build(path: str, make: Callable[[], T]) -> T:
    try:
        return make()
    except ValidationError as error:
        raise error.within(path) from None


def _object(value: object, path: str, keys: frozenset[str], *,
            required: tuple[str, ...]) -> Mapping[str, Any]:
    where = path or "the top level"
    if not isinstance(value, dict):
        raise ValidationError(where, f"expected an object, found {_kind(value)}")
    for key in value:
        if key not in keys:
            raise ValidationError(where, f"unknown field {str(key)[:40]!r}")
    for key in required:
        if key not in value:
            raise ValidationError(where, f"the field {key!r} is missing")
    return value


def _check_texts(obj: Mapping[str, Any], path: str, names: tuple[str, ...]) -> None:
    """Text fields hold text: null is not an empty text (the file writes "")."""
    for name in names:
        if name in obj:
            _check_text(obj[name], _join(path, name))


def _check_text(value: object, path: str) -> None:
    if not isinstance(value, str):
        raise ValidationError(path, f"expected text, found {_kind(value)}")


def _check_date(obj: Mapping[str, Any], path: str, name: str) -> None:
    """A date is null or YYYY-MM-DD ("" is not a date; whether the day exists is the
    domain's check)."""
    value = obj.get(name)
    if value is not None and not (isinstance(value, str) and _DATE_SHAPE.fullmatch(value)):
        raise ValidationError(_join(path, name),
                              f"{_shown(value)} is not a date (YYYY-MM-DD) or null")


def _check_timestamp(obj: Mapping[str, Any], path: str, name: str, *, nullable: bool) -> None:
    value = obj.get(name)
    if value is None and nullable:
        return
    if not (isinstance(value, str) and _TIMESTAMP_SHAPE.fullmatch(value)):
        raise ValidationError(_join(path, name),
                              f"{_shown(value)} is not a timestamp (YYYY-MM-DDTHH:MM:SSZ)")


def _shown(value: object) -> str:
    """A value as a refusal quotes it: text cut to 40 characters, a list or an object named."""
    if isinstance(value, str):
        return repr(value[:40])
    if value is None or isinstance(value, int | float):
        return repr(value)
    return _kind(value)


def _list(value: object, path: str) -> list[Any]:
    if not isinstance(value, list):
        raise ValidationError(path, f"expected a list, found {_kind(value)}")
    return value


def _kind(value: object) -> str:
    return {dict: "an object", list: "a list", str: "text", bool: "true/false",
            int: "a number", float: "a number", type(None): "null"}.get(type(value),
                                                                      type(value).__name__)
