"""What one operation changed, so each view refreshes only its part (Anki's ``OpChanges``).

A store operation returns a :class:`ChangeSet`; the session stamps it with the view that
asked for the change (``origin``) and sends it to every view. Each view reads the ids and
the kind of change that concern it, touches only that, and skips work it produced itself:
the inspector that typed a score does not get its own value shown back.
"""

from __future__ import annotations

import enum
from dataclasses import dataclass, field, fields

from desktop.domain.person import Person


class Aspect(enum.Flag):
    """What changed about the people a change set names in ``people``."""

    NONE = 0
    FIELDS = enum.auto()  # identity, stance, contacts, next step, notes
    SCORES = enum.auto()  # the triangle: values, evidence, confidence, privacy
    POSITION = enum.auto()  # where the card sits on the map
    EVERYTHING = FIELDS | SCORES | POSITION


_EMPTY: frozenset[str] = frozenset()


@dataclass(frozen=True, slots=True)
class ChangeSet:
    """Ids touched by one operation; ``*_removed`` ids no longer exist after it.

    ``deals`` are deals whose own fields (name, account, stage …) changed; ``contents`` are
    deals whose people, lines or scores changed — together they say which deal a view must
    look at again, and a view showing another deal does nothing.
    """

    deals: frozenset[str] = _EMPTY
    deals_added: frozenset[str] = _EMPTY
    deals_removed: frozenset[str] = _EMPTY
    contents: frozenset[str] = _EMPTY
    people: frozenset[str] = _EMPTY
    people_added: frozenset[str] = _EMPTY
    people_removed: frozenset[str] = _EMPTY
    relations: frozenset[str] = _EMPTY
    relations_added: frozenset[str] = _EMPTY
    relations_removed: frozenset[str] = _EMPTY
    snapshots: frozenset[str] = _EMPTY
    snapshots_removed: frozenset[str] = _EMPTY
    plans: frozenset[str] = _EMPTY
    """Deals whose plan (actions, criteria, process, alternatives, compelling event)
    changed."""
    aspects: Aspect = Aspect.EVERYTHING
    """What changed about ``people`` (added people are new in every aspect)."""
    unknown: bool = False
    """Another program changed the file: anything may differ, so views read everything."""
    origin: object | None = field(default=None, compare=False)
    """The view that asked for this change, which already shows its result."""

    def __bool__(self) -> bool:
        return self.unknown or any(
            getattr(self, f.name) for f in fields(self)
            if f.name not in ("aspects", "unknown", "origin"))

    def __or__(self, other: ChangeSet) -> ChangeSet:
        merged: dict[str, object] = {
            f.name: getattr(self, f.name) | getattr(other, f.name) for f in fields(self)
            if f.name not in ("aspects", "unknown", "origin")}
        aspects = (self.aspects if self.people else Aspect.NONE) | (
            other.aspects if other.people else Aspect.NONE)
        return ChangeSet(**merged,  # type: ignore[arg-type]
                         aspects=aspects if merged["people"] else Aspect.EVERYTHING,
                         unknown=self.unknown or other.unknown,
                         origin=self.origin if self.origin is other.origin else None)

    # -- questions views ask ----------------------------------------------------------------

    def touches_deal(self, deal_id: str | None) -> bool:
        """Whether the deal ``deal_id`` (its fields or its contents) may look different."""
        return deal_id is not None and (
            self.unknown or deal_id in self.deals or deal_id in self.contents
            or deal_id in self.deals_removed or deal_id in self.plans)

    def touches_plan(self, deal_id: str | None) -> bool:
        """Whether the plan of ``deal_id`` may look different (or people it names)."""
        return deal_id is not None and (
            self.unknown or deal_id in self.plans or deal_id in self.deals_removed
            or (bool(self.people_added or self.people_removed) and deal_id in self.contents))

    def changes_deal_list(self) -> bool:
        """Whether the list of deals (names, accounts, how many people) may look different."""
        return bool(self.unknown or self.deals or self.deals_added or self.deals_removed
                    or self.people_added or self.people_removed or self.plans)

    @property
    def positions_only(self) -> bool:
        """Only cards moved: tables, charts and the analysis need nothing."""
        return (not self.unknown and self.aspects == Aspect.POSITION and not (
            self.deals or self.deals_added or self.deals_removed or self.plans
            or self.people_added
            or self.people_removed or self.relations or self.relations_added
            or self.relations_removed))

    @property
    def people_touched(self) -> frozenset[str]:
        return self.people | self.people_added | self.people_removed

    @property
    def structure_changed(self) -> bool:
        """People or lines came or went (the graph changed, not only values)."""
        return bool(self.unknown or self.people_added or self.people_removed
                    or self.relations_added or self.relations_removed or self.relations)


def person_aspects(before: Person, after: Person) -> Aspect:
    """Which aspects differ between two versions of one person."""
    aspects = Aspect.NONE
    if before.position != after.position:
        aspects |= Aspect.POSITION
    if before.scores != after.scores:
        aspects |= Aspect.SCORES
    if any(getattr(before, name) != getattr(after, name) for name in _FIELD_NAMES):
        aspects |= Aspect.FIELDS
    return aspects


_FIELD_NAMES = tuple(f.name for f in fields(Person) if f.name not in ("position", "scores",
                                                                        "id"))
