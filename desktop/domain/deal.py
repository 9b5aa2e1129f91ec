"""A deal: the account, what the customer wants, and the people and lines of its map."""

from __future__ import annotations

import math
from collections.abc import Iterable
from dataclasses import dataclass, field, fields, replace
from datetime import date, datetime

from desktop.domain.enums import RelationKind
from desktop.domain.errors import ValidationError
from desktop.domain.ids import check_id, new_id
from desktop.domain.person import Person
from desktop.domain.relation import Relation, line_identity
from desktop.domain.text import MEDIUM_TEXT, SHORT_TEXT, clean_name, clean_text

MAX_PEOPLE = 20_000  # a whole CRM account export fits; a map that big is for tables
MAX_RELATIONS = 100_000
MAX_COMPETITORS = 50
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
    stage: str = ""
    amount: float | None = None
    currency: str = ""
    close_date: date | None = None
    objective: str = ""
    solution: str = ""
    competitors: tuple[str, ...] = ()
    people: tuple[Person, ...] = ()
    relations: tuple[Relation, ...] = ()
    snapshots: tuple[Snapshot, ...] = ()
    created_at: datetime | None = None
    updated_at: datetime | None = None
    # Built by the graph check: where each person sits, and the lines drawn (by identity).
    _index: dict[str, int] = field(default_factory=dict, init=False, repr=False,
                                   compare=False, hash=False)
    _lines: frozenset[tuple[str, str, RelationKind]] = field(
        default=frozenset(), init=False, repr=False, compare=False, hash=False)

    def __post_init__(self) -> None:
        fix = object.__setattr__
        fix(self, "id", check_id(self.id, "id"))
        fix(self, "name", clean_name(self.name, "name"))
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
        fix(self, "competitors", _check_competitors(self.competitors))
        fix(self, "people", tuple(self.people))
        fix(self, "relations", tuple(self.relations))
        fix(self, "snapshots", tuple(self.snapshots))
        self._check_graph()

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

    def _copy(self, **changes: object) -> Deal:
        copy = object.__new__(Deal)
        for name in _ALL_FIELDS:
            object.__setattr__(copy, name, changes[name] if name in changes
                               else getattr(self, name))
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


_ALL_FIELDS = tuple(f.name for f in fields(Deal))
DEAL_FIELDS = tuple(name for name in _ALL_FIELDS if not name.startswith("_")
                    and name not in ("id", "people", "relations", "snapshots"))
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


def _check_competitors(value: object) -> tuple[str, ...]:
    if isinstance(value, str) or not isinstance(value, tuple | list):
        raise ValidationError("competitors", "must be a list of names")
    if len(value) > MAX_COMPETITORS:
        raise ValidationError("competitors", f"lists {len(value)}; the limit is {MAX_COMPETITORS}")
    names: list[str] = []
    for index, item in enumerate(value):
        name = clean_text(item, f"competitors[{index}]", limit=SHORT_TEXT)
        if name and name not in names:
            names.append(name)
    return tuple(names)
