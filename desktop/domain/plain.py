"""Domain objects ⇄ plain JSON-ready data (dicts, lists, strings, numbers, null).

This is the one canonical shape of a deal: the deal file (format version 2, documented in
``docs/deal-file.md``), the snapshots the library stores and ``show --json`` all use it, so a
deal looks the same wherever it travels.

Version 2 added the plan (``alternatives``, ``compelling_event``, ``actions``, ``criteria``,
``process``) and, per person, ``organisation``, ``leans_to`` and ``coaches_competitor``;
version 3 added ``comments`` (``version=2`` leaves them out).
Reading takes both shapes: a version-1 deal (a file, or a snapshot stored before the
upgrade) has ``competitors`` and per-person ``next_step``, turned into alternatives and open
actions by :mod:`desktop.domain.version1`. Writing version 1 (``version=1``) is for a
colleague on an older release: the plan is left out but for each person's first open action,
written as their next step.

Reading is strict and path-aware: every problem names its place
(``people[2].scores.business.value``) so an importer can say *where* a file is wrong.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from datetime import date
from typing import Any, TypeVar

from desktop.domain import version1
from desktop.domain.actions import Action, ActionStatus, IntendedChange, OwnerSide
from desktop.domain.comments import Comment, CommentTarget
from desktop.domain.dates import format_timestamp, parse_date, parse_timestamp
from desktop.domain.deal import DEAL_FIELDS, Deal, Snapshot
from desktop.domain.decision import (
    Alternative,
    AlternativeKind,
    CompellingEvent,
    Criterion,
    ProcessStep,
    StepStatus,
)
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
from desktop.domain.ids import check_id
from desktop.domain.person import Person
from desktop.domain.position import Position
from desktop.domain.relation import Relation
from desktop.domain.scores import Score, Triangle
from desktop.domain.versus import Versus

Plain = dict[str, Any]
T = TypeVar("T")

PLAN_KEYS = ("alternatives", "compelling_event", "actions", "criteria", "process", "comments")
DEAL_KEYS = frozenset({"id", *DEAL_FIELDS, "people", "relations", *PLAN_KEYS, "snapshots",
                       "competitors"})
PERSON_V2_KEYS = ("organisation", "leans_to", "coaches_competitor")
PERSON_KEYS = frozenset({
    "id", "name", "title", "department", "email", "phone", "roles", "support", "influence",
    "coverage", "mode", "last_contact", "next_step", "notes", "position", "scores",
    *PERSON_V2_KEYS, "versus",
})
VERSUS_KEYS = frozenset({"alternative", *(axis.value for axis in Axis)})
ACTION_KEYS = frozenset({"id", "text", "owner_side", "owner", "due", "status", "changed",
                         "people", "intended", "internal"})
INTENDED_KEYS = frozenset({"person", "axis", "target", "before"})
CRITERION_KEYS = frozenset({"id", "text", "weight", "owner", "ours", "theirs", "evidence"})
STEP_KEYS = frozenset({"id", "name", "approver", "planned", "status"})
COMMENT_KEYS = frozenset({"id", "about", "target", "author", "at", "text"})
ALTERNATIVE_KEYS = frozenset({"id", "name", "kind"})
EVENT_KEYS = frozenset({"text", "by"})
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
_PERSON_TEXTS = ("name", "title", "department", "email", "phone", "next_step", "notes",
                 "organisation")
LATEST_VERSION = 3
ACCOUNTS_VERSION = 3  # from version 3 a deal carries its account's id


# -- writing ---------------------------------------------------------------------------------


def deal_to_plain(deal: Deal, *, include_private: bool = False,
                  version: int = LATEST_VERSION) -> Plain:
    """The deal as plain data. Private evidence is left out unless ``include_private``;
    ``version=1`` writes the shape an older release reads (see the module's note)."""
    people = [person_to_plain(p, include_private=include_private) for p in deal.people]
    plain: Plain = {"id": deal.id, **deal_fields_to_plain(deal)}
    if version < ACCOUNTS_VERSION:  # an older release refuses keys it does not know
        del plain["account_id"]
    if version < ACCOUNTS_VERSION:  # the scored alternative came with version 3's readers
        for row in people:
            row.pop("versus", None)
    if version == 1:
        plain["competitors"] = list(deal.competitors)
        for person, row in zip(deal.people, people, strict=True):
            for key in PERSON_V2_KEYS:
                del row[key]
            step = deal.next_action(person.id)
            row["next_step"] = step.text if step is not None else ""
        plain["people"] = people
        plain["relations"] = [relation_to_plain(r) for r in deal.relations]
    else:
        plain["compelling_event"] = (None if deal.compelling_event is None else {
            "text": deal.compelling_event.text,
            "by": _iso(deal.compelling_event.by)})
        plain["people"] = people
        plain["relations"] = [relation_to_plain(r) for r in deal.relations]
        plain["alternatives"] = [{"id": a.id, "name": a.name, "kind": a.kind.value}
                                 for a in deal.alternatives]
        plain["actions"] = [action_to_plain(a) for a in deal.actions]
        plain["criteria"] = [criterion_to_plain(c) for c in deal.criteria]
        plain["process"] = [{"id": s.id, "name": s.name, "approver": s.approver,
                             "planned": _iso(s.planned), "status": s.status.value}
                            for s in deal.process]
        if version >= 3:
            plain["comments"] = [
                {"id": c.id, "about": c.target_kind.value, "target": c.target,
                 "author": c.author, "at": format_timestamp(c.at), "text": c.text}
                for c in deal.comments]
    plain["snapshots"] = [snapshot_to_plain(s, include_private=include_private, version=version)
                          for s in deal.snapshots]
    return plain


def action_to_plain(action: Action) -> Plain:
    intended = action.intended
    return {
        "id": action.id,
        "text": action.text,
        "owner_side": action.owner_side.value,
        "owner": action.owner,
        "due": _iso(action.due),
        "status": action.status.value,
        "changed": _iso(action.changed),
        "people": list(action.for_people),
        "intended": None if intended is None else {
            "person": intended.person, "axis": intended.axis.value,
            "target": intended.target, "before": intended.before},
        "internal": action.internal,
    }


def criterion_to_plain(criterion: Criterion) -> Plain:
    return {"id": criterion.id, "text": criterion.text, "weight": criterion.weight,
            "owner": criterion.owner, "ours": criterion.ours,
            "theirs": dict(criterion.theirs), "evidence": criterion.evidence}


def _iso(day: date | None) -> str | None:
    return day.isoformat() if day is not None else None


def deal_fields_to_plain(deal: Deal) -> Plain:
    """The deal's own fields (``DEAL_FIELDS``, in order) as plain values: the deal file and
    the library's row both start from this."""
    plain: Plain = {name: getattr(deal, name) for name in DEAL_FIELDS}
    plain["close_date"] = deal.close_date.isoformat() if deal.close_date else None
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
        "account_id": obj.get("account_id"),
        "stage": obj.get("stage", ""),
        "amount": obj.get("amount"),
        "currency": obj.get("currency", ""),
        "close_date": parse_date(obj.get("close_date"), "close_date"),
        "objective": obj.get("objective", ""),
        "solution": obj.get("solution", ""),
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
        "notes": person.notes if include_private else "",
        "organisation": person.organisation,
        "leans_to": person.leans_to,
        "coaches_competitor": person.coaches_competitor,
        "position": {"x": person.position.x, "y": person.position.y},
        "scores": {
            axis.value: score_to_plain(score, include_private=include_private)
            for axis, score in person.scores.items()
        },
        **({} if person.versus is None else {"versus": person.versus.to_plain()}),
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


def snapshot_to_plain(snapshot: Snapshot, *, include_private: bool = False,
                      version: int = LATEST_VERSION) -> Plain:
    return {
        "id": snapshot.id,
        "name": snapshot.name,
        "taken_at": format_timestamp(snapshot.taken_at),
        "deal": deal_to_plain(snapshot.deal, include_private=include_private, version=version),
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
    ]  # each with its version-1 next step ("" in version 2)
    relations = [
        relation_from_plain(item, _join(path, f"relations[{i}]"))
        for i, item in enumerate(_list(obj.get("relations", []), _join(path, "relations")))
    ]
    snapshots = [
        snapshot_from_plain(item, _join(path, f"snapshots[{i}]"))
        for i, item in enumerate(_list(obj.get("snapshots", []), _join(path, "snapshots")))
    ]
    deal_id = _build(path, lambda: check_id(obj["id"], "id"))
    plan = _plan_from_plain(obj, path, deal_id, people)
    return _build(
        path,
        lambda: Deal(id=deal_id, **deal_fields_from_plain(obj), people=tuple(p for p, _ in people),
                     relations=tuple(relations), snapshots=tuple(snapshots), **plan),
        in_file=True,
    )


def _plan_from_plain(obj: Mapping[str, Any], path: str, deal_id: str,
                     people: list[tuple[Person, str]]) -> dict[str, Any]:
    """The plan records; a version-1 deal's competitors and next steps become alternatives
    and actions (see :mod:`desktop.domain.version1`)."""
    alternatives = [
        _alternative_from_plain(item, _join(path, f"alternatives[{i}]"))
        for i, item in enumerate(_list(obj.get("alternatives", []), _join(path, "alternatives")))
    ]
    if "competitors" in obj:
        where = _join(path, "competitors")
        for index, item in enumerate(_list(obj["competitors"], where)):
            _check_text(item, f"{where}[{index}]")
        known = {a.name.casefold() for a in alternatives}
        alternatives += [a for a in _build(path, lambda: version1.alternatives_from_competitors(
            deal_id, obj["competitors"])) if a.name.casefold() not in known]
    actions = [
        action_from_plain(item, _join(path, f"actions[{i}]"))
        for i, item in enumerate(_list(obj.get("actions", []), _join(path, "actions")))
    ]
    known_actions = {a.id for a in actions}
    for index, (person, next_step) in enumerate(people):
        step = _build(_join(path, f"people[{index}]"),
                      lambda: version1.action_from_next_step(person.id, next_step))  # noqa: B023
        if step is not None and step.id not in known_actions:
            actions.append(step)
    criteria = [
        criterion_from_plain(item, _join(path, f"criteria[{i}]"))
        for i, item in enumerate(_list(obj.get("criteria", []), _join(path, "criteria")))
    ]
    process = [
        step_from_plain(item, _join(path, f"process[{i}]"))
        for i, item in enumerate(_list(obj.get("process", []), _join(path, "process")))
    ]
    event = obj.get("compelling_event")
    compelling = None
    if event is not None:
        where = _join(path, "compelling_event")
        event_obj = _object(event, where, EVENT_KEYS, required=("text",))
        _check_texts(event_obj, where, ("text",))
        _check_date(event_obj, where, "by")
        compelling = _build(where, lambda: CompellingEvent(
            text=event_obj["text"], by=parse_date(event_obj.get("by"), "by")))
    comments = [
        comment_from_plain(item, _join(path, f"comments[{i}]"))
        for i, item in enumerate(_list(obj.get("comments", []), _join(path, "comments")))
    ]
    return {"alternatives": tuple(alternatives), "actions": tuple(actions),
            "criteria": tuple(criteria), "process": tuple(process),
            "comments": tuple(comments), "compelling_event": compelling}


def comment_from_plain(data: object, path: str) -> Comment:
    obj = _object(data, path, COMMENT_KEYS, required=("id", "about", "target", "author", "at",
                                                      "text"))
    _check_texts(obj, path, ("target", "author", "text"))
    _check_timestamp(obj, path, "at", nullable=False)
    return _build(path, lambda: Comment(
        id=obj["id"], target_kind=parse_enum(CommentTarget, obj["about"], "about"),
        target=obj["target"], author=obj["author"], at=parse_timestamp(obj["at"], "at"),
        text=obj["text"]))


def _alternative_from_plain(data: object, path: str) -> Alternative:
    obj = _object(data, path, ALTERNATIVE_KEYS, required=("id", "name"))
    _check_texts(obj, path, ("name",))
    return _build(path, lambda: Alternative(
        id=obj["id"], name=obj["name"],
        kind=parse_enum(AlternativeKind, obj.get("kind", "competitor"), "kind")))


def action_from_plain(data: object, path: str) -> Action:
    obj = _object(data, path, ACTION_KEYS, required=("id", "text"))
    _check_texts(obj, path, ("text", "owner"))
    _check_date(obj, path, "due")
    _check_date(obj, path, "changed")
    people = _list(obj.get("people", []), _join(path, "people"))
    internal = obj.get("internal", False)
    if not isinstance(internal, bool):
        raise ValidationError(_join(path, "internal"), f"{_shown(internal)} is not true or false")
    intended = None
    if obj.get("intended") is not None:
        where = _join(path, "intended")
        intended_obj = _object(obj["intended"], where, INTENDED_KEYS,
                               required=("person", "axis", "target"))
        intended = _build(where, lambda: IntendedChange(
            person=intended_obj["person"],
            axis=parse_enum(Axis, intended_obj["axis"], "axis"),
            target=intended_obj["target"], before=intended_obj.get("before")))
    return _build(path, lambda: Action(
        id=obj["id"], text=obj["text"],
        owner_side=parse_enum(OwnerSide, obj.get("owner_side", "us"), "owner_side"),
        owner=obj.get("owner", ""),
        due=parse_date(obj.get("due"), "due"),
        status=parse_enum(ActionStatus, obj.get("status", "open"), "status"),
        changed=parse_date(obj.get("changed"), "changed"),
        for_people=tuple(people), intended=intended, internal=internal), in_file=True)


def criterion_from_plain(data: object, path: str) -> Criterion:
    obj = _object(data, path, CRITERION_KEYS, required=("id", "text"))
    _check_texts(obj, path, ("text", "evidence"))
    theirs = obj.get("theirs", {})
    if not isinstance(theirs, dict):
        raise ValidationError(_join(path, "theirs"), f"expected an object, found {_kind(theirs)}")
    return _build(path, lambda: Criterion(
        id=obj["id"], text=obj["text"], weight=obj.get("weight", 3), owner=obj.get("owner"),
        ours=obj.get("ours"), theirs=theirs, evidence=obj.get("evidence", "")))


def step_from_plain(data: object, path: str) -> ProcessStep:
    obj = _object(data, path, STEP_KEYS, required=("id", "name"))
    _check_texts(obj, path, ("name",))
    _check_date(obj, path, "planned")
    return _build(path, lambda: ProcessStep(
        id=obj["id"], name=obj["name"], approver=obj.get("approver"),
        planned=parse_date(obj.get("planned"), "planned"),
        status=parse_enum(StepStatus, obj.get("status", "planned"), "status")))


def person_from_plain(data: object, path: str) -> tuple[Person, str]:
    """The person, and their version-1 "next step" text ("" when the file has none)."""
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
    versus = None
    if obj.get("versus") is not None:  # scored alternative: only when the seller scored one
        found = _object(obj["versus"], _join(path, "versus"), VERSUS_KEYS,
                        required=("alternative",))
        versus = _build(_join(path, "versus"), lambda: Versus(**found))
    coaches = obj.get("coaches_competitor", False)
    if not isinstance(coaches, bool):
        raise ValidationError(_join(path, "coaches_competitor"),
                              f"{_shown(coaches)} is not true or false")
    person = _build(
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
            notes=obj.get("notes", ""),
            organisation=obj.get("organisation", ""),
            leans_to=obj.get("leans_to"),
            coaches_competitor=coaches,
            position=position,
            scores=scores,
            versus=versus,
        ),
    )
    return person, obj.get("next_step", "")


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


def _build(path: str, make: Callable[[], T], *, in_file: bool = False) -> T:
    """``make()``, its refusal placed at ``path``; ``in_file``: named by the file's keys
    where the domain's differ (an action's ``for_people`` is ``people`` in the file)."""
    try:
        return make()
    except ValidationError as error:
        placed = error.within(path)
        if in_file:
            placed = ValidationError(_FILE_KEYS.sub(r"\1.people", placed.path), placed.problem)
        raise placed from None


_FILE_KEYS = re.compile(r"(actions\[\d+\])\.for_people\b")


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
