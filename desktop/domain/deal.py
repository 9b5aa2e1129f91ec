"""A deal: the account, what the customer wants, and the people and lines of its map."""

from __future__ import annotations

import math
from collections.abc import Iterable
from dataclasses import dataclass, field, fields, replace
from datetime import date, datetime

from desktop.domain.accounts import IdentityNotice
from desktop.domain.actions import Action
from desktop.domain.comments import Comment, CommentTarget, parse_flag_key
from desktop.domain.decision import (
    Alternative,
    AlternativeKind,
    CompellingEvent,
    Criterion,
    ProcessStep,
)
from desktop.domain.enums import RelationKind
from desktop.domain.errors import ValidationError
from desktop.domain.ids import check_id, new_id
from desktop.domain.person import Person
from desktop.domain.relation import Relation, line_identity
from desktop.domain.text import MEDIUM_TEXT, SHORT_TEXT, clean_name, clean_text

MAX_PEOPLE = 20_000  # a whole CRM account export fits; a map that big is for tables
MAX_RELATIONS = 100_000
MAX_ALTERNATIVES = 50
MAX_ACTIONS = 20_000
MAX_CRITERIA = 1_000
MAX_STEPS = 1_000
MAX_COMMENTS = 20_000
MAX_AMOUNT = 1e15


@dataclass(frozen=True, slots=True)
class Deal:
    """A whole deal, as one immutable value.

    Invariants checked here, so that every layer can rely on them: person and relation ids are
    unique, every relation joins two people of this deal, and the same line is not drawn twice.
    """

    name: str
    id: str = field(default_factory=new_id)
    account: str = ""
    # The account record's id (``desktop.domain.accounts``): the store sets it from the
    # account's name when a deal is written; a deal file carries it so that accounts merge.
    # Not part of equality: it says where a library filed the deal, not what the deal is.
    account_id: str | None = field(default=None, compare=False)
    stage: str = ""
    amount: float | None = None
    currency: str = ""
    close_date: date | None = None
    objective: str = ""
    solution: str = ""
    compelling_event: CompellingEvent | None = None
    people: tuple[Person, ...] = ()
    relations: tuple[Relation, ...] = ()
    alternatives: tuple[Alternative, ...] = ()
    actions: tuple[Action, ...] = ()
    criteria: tuple[Criterion, ...] = ()
    process: tuple[ProcessStep, ...] = ()
    comments: tuple[Comment, ...] = ()
    snapshots: tuple[Snapshot, ...] = ()
    # What changed about its people in other deals of the account (the library's, never a
    # file's): shown as red flags until the seller reviews the person here.
    notices: tuple[IdentityNotice, ...] = field(default=(), compare=False)
    created_at: datetime | None = None
    updated_at: datetime | None = None
    # Built by the graph check: where each person sits, and the lines drawn (by identity).
    _index: dict[str, int] = field(default_factory=dict, init=False, repr=False,
                                   compare=False, hash=False)
    _lines: frozenset[tuple[str, str, RelationKind]] = field(
        default=frozenset(), init=False, repr=False, compare=False, hash=False)
    # Built on first use: each person's open actions, soonest first.
    _open_actions: dict[str, tuple[Action, ...]] | None = field(
        default=None, init=False, repr=False, compare=False, hash=False)

    def __post_init__(self) -> None:
        fix = object.__setattr__
        fix(self, "id", check_id(self.id, "id"))
        fix(self, "name", clean_name(self.name, "name"))
        if self.account_id is not None:
            fix(self, "account_id", check_id(self.account_id, "account_id"))
        for name in ("account", "stage"):
            fix(self, name, clean_text(getattr(self, name), name, limit=SHORT_TEXT))
        currency = clean_text(self.currency, "currency", limit=8).upper()
        fix(self, "currency", currency)
        fix(self, "objective", clean_text(self.objective, "objective", limit=MEDIUM_TEXT,
                                          multiline=True))
        fix(self, "solution", clean_text(self.solution, "solution", limit=MEDIUM_TEXT))
        fix(self, "amount", _check_amount(self.amount))
        if self.close_date is not None and not isinstance(self.close_date, date):
            raise ValidationError("close_date", "must be a date")
        if self.compelling_event is not None and not isinstance(self.compelling_event,
                                                                CompellingEvent):
            raise ValidationError("compelling_event", "must be a compelling event")
        for name in ("people", "relations", *_PLAN_LISTS, "snapshots", "notices"):
            fix(self, name, tuple(getattr(self, name)))
        self._check_graph()
        self._check_plan()

    def _check_graph(self) -> None:
        if len(self.people) > MAX_PEOPLE:
            raise ValidationError("people", f"has {len(self.people):,} people; the limit is "
                                            f"{MAX_PEOPLE:,}")
        if len(self.relations) > MAX_RELATIONS:
            raise ValidationError("relations", f"has {len(self.relations):,} relations; the "
                                               f"limit is {MAX_RELATIONS:,}")
        seen: dict[str, int] = {}
        for index, person in enumerate(self.people):
            if person.id in seen:
                raise ValidationError(f"people[{index}].id", f"{person.id} appears twice")
            seen[person.id] = index
        relation_ids: set[str] = set()
        lines: set[tuple[str, str, object]] = set()
        for index, relation in enumerate(self.relations):
            where = f"relations[{index}]"
            if relation.id in relation_ids:
                raise ValidationError(f"{where}.id", f"{relation.id} appears twice")
            relation_ids.add(relation.id)
            for end in ("source", "target"):
                if getattr(relation, end) not in seen:
                    raise ValidationError(f"{where}.{end}",
                                          f"{getattr(relation, end)} is nobody in this deal")
            if relation.identity in lines:
                raise ValidationError(where, f"the same {relation.kind.value} line is drawn twice")
            lines.add(relation.identity)
        object.__setattr__(self, "_index", seen)
        object.__setattr__(self, "_lines", frozenset(lines))

    def _check_plan(self) -> None:
        """Every record of the plan has a unique id and names only people and alternatives
        of this deal: a plan pointing to nobody is refused where it enters, with its path."""
        for name, limit in _PLAN_LIMITS.items():
            records = getattr(self, name)
            if len(records) > limit:
                raise ValidationError(name, f"has {len(records):,} entries; the limit is "
                                            f"{limit:,}")
            ids: set[str] = set()
            for index, record in enumerate(records):
                if record.id in ids:
                    raise ValidationError(f"{name}[{index}].id", f"{record.id} appears twice")
                ids.add(record.id)
        alternatives = {a.id for a in self.alternatives}
        names: set[str] = set()
        for index, alternative in enumerate(self.alternatives):
            key = alternative.name.casefold()
            if key in names:
                raise ValidationError(f"alternatives[{index}].name",
                                      f"{alternative.name!r} is listed twice")
            names.add(key)
        people = self._index

        def require(person_id: str | None, path: str) -> None:
            if person_id is not None and person_id not in people:
                raise ValidationError(path, f"{person_id} is nobody in this deal")

        for index, person in enumerate(self.people):
            if person.leans_to is not None and person.leans_to not in alternatives:
                raise ValidationError(f"people[{index}].leans_to",
                                      f"{person.leans_to} is none of this deal's alternatives")
            if person.versus is not None and person.versus.alternative not in alternatives:
                raise ValidationError(f"people[{index}].versus.alternative",
                                      f"{person.versus.alternative} is none of this deal's "
                                      "alternatives")
        for index, action in enumerate(self.actions):
            for number, person_id in enumerate(action.for_people):
                require(person_id, f"actions[{index}].for_people[{number}]")
            if action.intended is not None:
                require(action.intended.person, f"actions[{index}].intended.person")
        for index, criterion in enumerate(self.criteria):
            require(criterion.owner, f"criteria[{index}].owner")
            for rated in criterion.theirs:
                if rated not in alternatives:
                    raise ValidationError(f"criteria[{index}].theirs",
                                          f"{rated} is none of this deal's alternatives")
        for index, step in enumerate(self.process):
            require(step.approver, f"process[{index}].approver")
        self._check_comments()

    def _check_comments(self) -> None:
        """A comment is about a person or an action of this deal (a flag's key only has
        to parse: flags are computed, not stored)."""
        if not self.comments:
            return
        action_ids = {a.id for a in self.actions}
        for index, comment in enumerate(self.comments):
            where = f"comments[{index}].target"
            if not isinstance(comment, Comment):
                raise ValidationError(f"comments[{index}]", "expected a comment")
            if comment.target_kind is CommentTarget.PERSON:
                if comment.target not in self._index:
                    raise ValidationError(where, f"the comment is on {comment.target}, "
                                                 "who is nobody in this deal")
            elif comment.target_kind is CommentTarget.ACTION:
                if comment.target not in action_ids:
                    raise ValidationError(where, f"the comment is on {comment.target}, "
                                                 "which is none of this deal's actions")
            else:
                parse_flag_key(comment.target, where)

    # -- queries ----------------------------------------------------------------------------

    def person(self, person_id: str) -> Person:
        return self.people[self._index[person_id]]

    def has_person(self, person_id: str) -> bool:
        return person_id in self._index

    def index_of(self, person_id: str) -> int:
        """Where the person sits in the deal's order."""
        return self._index[person_id]

    def has_line(self, source: str, target: str, kind: RelationKind) -> bool:
        """Whether this line is drawn already (a conflict line in either direction): the one
        rule for "the same line twice", used by the map, the inspector and the store."""
        return line_identity(source, target, kind) in self._lines

    def relations_of(self, person_id: str) -> tuple[Relation, ...]:
        return tuple(r for r in self.relations if r.touches(person_id))

    @property
    def competitors(self) -> tuple[str, ...]:
        """The competitors by name (the alternatives that are another vendor)."""
        return tuple(a.name for a in self.alternatives if a.kind is AlternativeKind.COMPETITOR)

    def alternative(self, alternative_id: str) -> Alternative | None:
        return next((a for a in self.alternatives if a.id == alternative_id), None)

    def open_actions_for(self, person_id: str) -> tuple[Action, ...]:
        """The person's open actions, soonest first (undated last)."""
        index = self._open_actions
        if index is None:
            built: dict[str, list[Action]] = {}
            for action in self.actions:
                if action.is_open:
                    for person in _people_of(action):
                        built.setdefault(person, []).append(action)
            index = {person: tuple(sorted(found, key=_soonest))
                     for person, found in built.items()}
            object.__setattr__(self, "_open_actions", index)
        return index.get(person_id, ())

    def next_action(self, person_id: str) -> Action | None:
        """What this person needs to move forward: their first open action."""
        actions = self.open_actions_for(person_id)
        return actions[0] if actions else None

    def owner_name(self, action: Action) -> str:
        """Who owns an action, as a reader says it: a person of the deal by name."""
        if action.owner in self._index:
            return self.person(action.owner).name
        return action.owner

    def without_snapshots(self) -> Deal:
        return replace(self, snapshots=())

    # -- new versions without checking again what cannot have changed -----------------------

    def with_people_replaced(self, people: Iterable[Person]) -> Deal:
        """This deal with new values for some of its people (same ids, same places).

        Nobody comes or goes and no line changes, so the graph's invariants still hold and
        are not checked again: what keeps one edit on a 10,000-person deal cheap.
        """
        crowd = list(self.people)
        for person in people:
            crowd[self._index[person.id]] = person  # KeyError: not a person of this deal
        return self._copy(people=tuple(crowd))

    def with_fields_of(self, other: Deal) -> Deal:
        """This deal's people, lines and snapshots with ``other``'s own fields (name,
        account, stage …): ``other`` is a valid deal, so nothing needs checking."""
        if other.id != self.id:
            raise ValueError("not the same deal")
        return self._copy(**{name: getattr(other, name) for name in _OWN_FIELDS})

    def with_notices(self, notices: Iterable[IdentityNotice]) -> Deal:
        """This deal with the library's notices read again (nothing else to check)."""
        return self._copy(notices=tuple(notices))

    def with_plan(self, **changes: object) -> Deal:
        """This deal with new plan records (``alternatives``, ``actions``, ``criteria``,
        ``process``, ``comments``, ``compelling_event``) and, optionally, ``people`` whose
        leaning changed with them: checked again, the graph is not."""
        unknown = set(changes) - {*_PLAN_FIELDS, "people"}
        if unknown:
            raise ValueError(f"not plan fields: {sorted(unknown)}")
        if "people" in changes:
            changes["people"] = self.with_people_replaced(
                changes["people"]).people  # type: ignore[arg-type]
        for name in _PLAN_LISTS:
            if name in changes:
                changes[name] = tuple(changes[name])  # type: ignore[arg-type]
        copy = self._copy(**changes)
        object.__setattr__(copy, "_open_actions", None)
        copy._check_plan()
        return copy

    def _copy(self, **changes: object) -> Deal:
        copy = object.__new__(Deal)
        for name in _ALL_FIELDS:
            object.__setattr__(copy, name, changes[name] if name in changes
                               else getattr(self, name))
        if "actions" in changes or "people" in changes:
            object.__setattr__(copy, "_open_actions", None)
        return copy


@dataclass(frozen=True, slots=True)
class Snapshot:
    """A dated, frozen copy of a deal taken at a review, to show later what changed."""

    name: str
    taken_at: datetime
    deal: Deal
    id: str = field(default_factory=new_id)

    def __post_init__(self) -> None:
        object.__setattr__(self, "id", check_id(self.id, "id"))
        object.__setattr__(self, "name", clean_name(self.name, "name"))
        if not isinstance(self.taken_at, datetime):
            raise ValidationError("taken_at", "must be a timestamp")
        if self.deal.snapshots:
            object.__setattr__(self, "deal", self.deal.without_snapshots())


_PLAN_LISTS = ("alternatives", "actions", "criteria", "process", "comments")
_PLAN_FIELDS = ("compelling_event", *_PLAN_LISTS)
PLAN_FIELDS = _PLAN_FIELDS
"""The deal's plan: what the customer needs to move forward, how they decide, and between
what. Stored in their own tables, carried by deal files from version 2."""
_PLAN_LIMITS = {"alternatives": MAX_ALTERNATIVES, "actions": MAX_ACTIONS,
                "criteria": MAX_CRITERIA, "process": MAX_STEPS, "comments": MAX_COMMENTS}
_ALL_FIELDS = tuple(f.name for f in fields(Deal))
DEAL_FIELDS = tuple(name for name in _ALL_FIELDS if not name.startswith("_")
                    and name not in ("id", "people", "relations", "snapshots", "notices",
                                     *_PLAN_FIELDS))
"""The deal's own fields, in order: the store's columns and the deal file's keys derive
from this one list."""
_OWN_FIELDS = DEAL_FIELDS


def _check_amount(value: object) -> float | None:
    if value is None:
        return None
    if isinstance(value, bool) or not isinstance(value, int | float):
        raise ValidationError("amount", f"{value!r} is not a number")
    if not math.isfinite(value) or not 0 <= value <= MAX_AMOUNT:
        raise ValidationError("amount", f"{value!r} is not an amount between 0 and 10^15")
    return float(value)


def _people_of(action: Action) -> set[str]:
    people = set(action.for_people)
    people.add(action.owner)
    if action.intended is not None:
        people.add(action.intended.person)
    return people


def _soonest(action: Action) -> tuple[date, str]:
    return (action.due or date.max, action.text.casefold())
