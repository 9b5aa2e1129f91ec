"""A stakeholder: one person on the customer's side of one deal.

What a person needs to move forward is not a field of theirs: it is the deal's plan
(``Deal.actions``), of which their first open action is their "next step"."""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace
from datetime import date

from desktop.domain.enums import (
    ROLE_ORDER,
    Axis,
    Coverage,
    Influence,
    ResponseMode,
    Role,
    Support,
)
from desktop.domain.errors import ValidationError
from desktop.domain.ids import check_id, new_id
from desktop.domain.position import Position
from desktop.domain.scores import Score, Triangle
from desktop.domain.text import LONG_TEXT, SHORT_TEXT, clean_name, clean_text
from desktop.domain.versus import Versus, check_versus

_EMAIL = re.compile(r"^[^@\s]+@[^@\s]+$")
_ORIGIN = Position()
_UNKNOWN_SCORES = Triangle()


@dataclass(frozen=True, slots=True)
class Person:
    """Immutable: an edit makes a new Person (``dataclasses.replace``), which is what undo keeps.

    Validation runs on construction, so an invalid person cannot exist; the error's path
    names the field (``scores.personal.value``).
    """

    name: str
    id: str = field(default_factory=new_id)
    title: str = ""
    department: str = ""
    email: str = ""
    phone: str = ""
    roles: tuple[Role, ...] = ()
    support: Support = Support.NEUTRAL
    influence: Influence = Influence.MEDIUM
    coverage: Coverage = Coverage.NONE
    mode: ResponseMode | None = None
    last_contact: date | None = None
    notes: str = ""
    organisation: str = ""  # a partner, a consultancy, a subsidiary: who they work for
    leans_to: str | None = None  # the id of the deal's alternative they favour, if known
    coaches_competitor: bool = False
    # Shared defaults: both are immutable, and building them per person is most of the cost
    # of importing ten thousand contacts.
    position: Position = field(default_factory=lambda: _ORIGIN)
    scores: Triangle = field(default_factory=lambda: _UNKNOWN_SCORES)
    # The alternative as this person sees it (issue 19's decision test); None: not scored.
    versus: Versus | None = None

    def __post_init__(self) -> None:
        fix = object.__setattr__
        fix(self, "id", check_id(self.id, "id"))
        fix(self, "name", clean_name(self.name, "name"))
        for name in ("title", "department", "phone", "organisation"):
            fix(self, name, clean_text(getattr(self, name), name, limit=SHORT_TEXT))
        email = clean_text(self.email, "email", limit=SHORT_TEXT)
        if email and not _EMAIL.match(email):
            raise ValidationError("email", f"{email!r} is not an e-mail address")
        fix(self, "email", email)
        if self.leans_to is not None:
            fix(self, "leans_to", check_id(self.leans_to, "leans_to"))
        if not isinstance(self.coaches_competitor, bool):
            raise ValidationError("coaches_competitor", "must be true or false")
        fix(self, "notes", clean_text(self.notes, "notes", limit=LONG_TEXT, multiline=True))
        fix(self, "roles", _canonical_roles(self.roles))
        _require(self.support, Support, "support")
        _require(self.influence, Influence, "influence")
        _require(self.coverage, Coverage, "coverage")
        if self.mode is not None:
            _require(self.mode, ResponseMode, "mode")
        if self.last_contact is not None and not isinstance(self.last_contact, date):
            raise ValidationError("last_contact", "must be a date")
        if not isinstance(self.position, Position):
            raise ValidationError("position", "must be a map position")
        if not isinstance(self.scores, Triangle):
            raise ValidationError("scores", "must be the three triangle scores")
        check_versus(self.versus, "versus")

    def has_role(self, role: Role) -> bool:
        return role in self.roles

    def at(self, position: Position) -> Person:
        """This person at ``position``: a copy with only the place changed. Not ``replace``,
        which validates every field again (the fields were validated when this person was
        made): laying out a 10,000-row import spent a quarter of a second on it."""
        if not isinstance(position, Position):
            raise ValidationError("position", "must be a position")
        moved = object.__new__(Person)
        for name in Person.__slots__:
            object.__setattr__(moved, name, getattr(self, name))
        object.__setattr__(moved, "position", position)
        return moved

    def with_score(self, axis: Axis, score: Score) -> Person:
        return replace(self, scores=self.scores.with_score(axis, score))


def _canonical_roles(roles: object) -> tuple[Role, ...]:
    """Roles as a duplicate-free tuple in the one display order, so equal sets compare equal."""
    if roles == ():
        return ()
    if isinstance(roles, str) or not isinstance(roles, tuple | list | set | frozenset):
        raise ValidationError("roles", "must be a list of roles")
    chosen: set[Role] = set()
    for index, role in enumerate(roles):
        if not isinstance(role, Role):
            try:
                role = Role(role)
            except ValueError:
                raise ValidationError(f"roles[{index}]", f"{role!r} is not a role") from None
        chosen.add(role)
    return tuple(role for role in ROLE_ORDER if role in chosen)


def _require(value: object, kind: type, path: str) -> None:
    if not isinstance(value, kind):
        raise ValidationError(path, f"{value!r} is not a {kind.__name__.lower()} value")
