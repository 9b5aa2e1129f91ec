"""Undo commands: one per user edit, each calling the store, never a widget (Orange canvas).

Domain values are immutable, so a command simply keeps the before and after values. A command
whose store operation fails (disk full, file locked …) marks itself obsolete, so the undo stack
drops it instead of offering to undo something that never happened.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import replace

from PySide6.QtGui import QUndoCommand

from desktop.domain.accounts import Account
from desktop.domain.changes import Aspect, ChangeSet, person_aspects
from desktop.domain.dates import utc_now
from desktop.domain.deal import Deal, Snapshot
from desktop.domain.person import Person
from desktop.domain.plan_references import forget_people
from desktop.domain.position import Position
from desktop.domain.relation import Relation
from desktop.domain.wording import people_count
from desktop.store.library import Library
from desktop.ui.session import LibrarySession

Operation = Callable[[Library], ChangeSet]

_EDIT_PEOPLE_ID = 1001
_MOVE_PEOPLE_ID = 1002


class StoreCommand(QUndoCommand):
    """A command made of two store operations: forward and back.

    ``origin`` is the view that asked for the change and already shows it: the first run's
    change set carries it, so that view skips its own echo. Undo and redo later carry none —
    then every view shows what the store says.
    """

    def __init__(self, session: LibrarySession, text: str, origin: object | None = None) -> None:
        super().__init__(text)
        self.session = session
        self.origin = origin

    def forward(self, library: Library) -> ChangeSet:
        raise NotImplementedError

    def backward(self, library: Library) -> ChangeSet:
        raise NotImplementedError

    def redo(self) -> None:
        origin, self.origin = self.origin, None
        if self.session.apply(self.forward, origin) is None:
            self.setObsolete(True)

    def undo(self) -> None:
        if self.session.apply(self.backward) is None:
            self.setObsolete(True)


class CreateDeal(StoreCommand):
    def __init__(self, session: LibrarySession, deal: Deal) -> None:
        super().__init__(session, f"New deal “{deal.name}”")
        # Stamped once: a redo after an undo brings back the same deal, created when it was.
        now = utc_now()
        self.deal = replace(deal, created_at=deal.created_at or now,
                            updated_at=deal.updated_at or now)

    def forward(self, library: Library) -> ChangeSet:
        return library.add_deal(self.deal)

    def backward(self, library: Library) -> ChangeSet:
        return library.delete_deal(self.deal.id)


class EditDeal(StoreCommand):
    def __init__(self, session: LibrarySession, before: Deal, after: Deal,
                 text: str = "") -> None:
        super().__init__(session, text or f"Edit deal “{after.name}”")
        self.before = before
        self.after = after

    def forward(self, library: Library) -> ChangeSet:
        return self._store(library, self.before, self.after)

    def backward(self, library: Library) -> ChangeSet:
        return self._store(library, self.after, self.before)

    @staticmethod
    def _store(library: Library, was: Deal, deal: Deal) -> ChangeSet:
        """The deal's fields and, when the dialog changed its competitors, its plan (with
        the people who leaned to a dropped one): one transaction."""
        if was.alternatives == deal.alternatives:
            return library.update_deal(deal)
        with library.transaction():
            return library.update_deal(deal) | library.update_plan(
                deal, _leaning_changed(was, deal))


class DeleteDeal(StoreCommand):
    """Undo brings the whole deal back: people, relations, snapshots, ids and dates."""

    def __init__(self, session: LibrarySession, deal: Deal) -> None:
        super().__init__(session, f"Delete deal “{deal.name}”")
        self.deal = deal

    def forward(self, library: Library) -> ChangeSet:
        return library.delete_deal(self.deal.id)

    def backward(self, library: Library) -> ChangeSet:
        return library.add_deal(self.deal)


class AddPeople(StoreCommand):
    def __init__(self, session: LibrarySession, deal_id: str, people: Sequence[Person],
                 relations: Sequence[Relation] = ()) -> None:
        text = (f"Add “{people[0].name}”" if len(people) == 1
                else f"Add {people_count(len(people))}")
        super().__init__(session, text)
        self.deal_id = deal_id
        self.people = tuple(people)
        self.relations = tuple(relations)
        self.new: frozenset[str] = frozenset()  # people the account did not know before

    def forward(self, library: Library) -> ChangeSet:
        self.new = frozenset(p.id for p in self.people) - library.known_people(
            [p.id for p in self.people])
        return library.add_people(self.deal_id, self.people, self.relations)

    def backward(self, library: Library) -> ChangeSet:
        # Undoing the add of somebody new takes them out of the account too: no blank
        # "New person" left behind to be offered later.
        return library.remove_people((p.id for p in self.people), deal_id=self.deal_id,
                                     forget=self.new)


class EditPeople(StoreCommand):
    """Change one or more people in one step. Consecutive edits of the same field of the same
    people in the same gesture merge (typing a score, dragging a slider: ``merge`` is the
    gesture's key, equal within it), so undo takes back the gesture — and only that."""

    def __init__(self, session: LibrarySession, before: Sequence[Person],
                 after: Sequence[Person], *, field: str = "", text: str = "",
                 merge: object = None, origin: object | None = None) -> None:
        if not text:
            who = f"“{after[0].name}”" if len(after) == 1 else f"{len(after)} people"
            text = f"Edit {field} of {who}" if field else f"Edit {who}"
        super().__init__(session, text, origin)
        self.before = tuple(before)
        self.after = tuple(after)
        self.field = field
        self.merge = merge
        self.aspects = _aspects(self.before, self.after)
        self.deal_id = _deal_of(session, [p.id for p in self.after])

    def id(self) -> int:
        return _EDIT_PEOPLE_ID if self.merge is not None and self.merge is not False else -1

    def mergeWith(self, other: QUndoCommand) -> bool:
        if not isinstance(other, EditPeople) or self.id() == -1 \
                or other.merge != self.merge or other.field != self.field:
            return False
        if [p.id for p in other.after] != [p.id for p in self.after]:
            return False
        self.after = other.after
        self.aspects |= other.aspects
        return True

    def forward(self, library: Library) -> ChangeSet:
        return library.update_people(self.after, self.aspects, deal_id=self.deal_id)

    def backward(self, library: Library) -> ChangeSet:
        return library.update_people(self.before, self.aspects, deal_id=self.deal_id)


class RemovePeople(StoreCommand):
    """Removing people removes their lines too; undo puts both back, in their old places."""

    def __init__(self, session: LibrarySession, deal: Deal, person_ids: Sequence[str]) -> None:
        ids = set(person_ids)
        self.people = tuple(p for p in deal.people if p.id in ids)
        text = (f"Delete “{self.people[0].name}”" if len(self.people) == 1
                else f"Delete {people_count(len(self.people))}")
        super().__init__(session, text)
        self.deal_id = deal.id
        self.relations = tuple(r for r in deal.relations if r.source in ids or r.target in ids)
        self.ordinals: dict[str, int] = {}
        # The plan as it was: removing people rewrites the records that named them.
        self.plan = deal if forget_people(deal, ids) else None

    def forward(self, library: Library) -> ChangeSet:
        self.ordinals = library.ordinals(self.deal_id)
        return library.remove_people((p.id for p in self.people), deal_id=self.deal_id)

    def backward(self, library: Library) -> ChangeSet:
        with library.transaction():
            changes = library.add_people(self.deal_id, self.people, self.relations,
                                         self.ordinals)
            if self.plan is not None:
                changes = changes | library.update_plan(self.plan)
            return changes


class EditPlan(StoreCommand):
    """One change to a deal's plan — an action added, edited, completed, dropped or moved; a
    criterion, a process step, an alternative or the compelling event — as one undo step.
    ``before`` and ``after`` are whole deals (``Deal.with_plan``); people whose leaning
    changed with it (an alternative removed) are stored in the same transaction."""

    def __init__(self, session: LibrarySession, before: Deal, after: Deal, text: str,
                 origin: object | None = None) -> None:
        super().__init__(session, text, origin)
        self.before = before
        self.after = after

    def forward(self, library: Library) -> ChangeSet:
        return library.update_plan(self.after, _leaning_changed(self.before, self.after))

    def backward(self, library: Library) -> ChangeSet:
        return library.update_plan(self.before, _leaning_changed(self.after, self.before))


class AddRelation(StoreCommand):
    def __init__(self, session: LibrarySession, deal_id: str, relation: Relation,
                 text: str = "") -> None:
        super().__init__(session, text or f"Add {relation.kind.label.lower()} line")
        self.deal_id = deal_id
        self.relation = relation

    def forward(self, library: Library) -> ChangeSet:
        return library.add_relation(self.deal_id, self.relation)

    def backward(self, library: Library) -> ChangeSet:
        return library.remove_relation(self.relation.id)


class RemoveRelation(StoreCommand):
    """Undo puts the line back in its old place in the deal's order."""

    def __init__(self, session: LibrarySession, deal_id: str, relation: Relation) -> None:
        super().__init__(session, f"Remove {relation.kind.label.lower()} line")
        self.deal_id = deal_id
        self.relation = relation
        self.ordinals: dict[str, int] = {}

    def forward(self, library: Library) -> ChangeSet:
        self.ordinals = library.ordinals(self.deal_id)
        return library.remove_relation(self.relation.id)

    def backward(self, library: Library) -> ChangeSet:
        return library.add_people(self.deal_id, [], [self.relation], self.ordinals)


class EditRelation(StoreCommand):
    def __init__(self, session: LibrarySession, before: Relation, after: Relation) -> None:
        super().__init__(session, f"Edit {after.kind.label.lower()} line")
        self.before = before
        self.after = after

    def forward(self, library: Library) -> ChangeSet:
        return library.update_relation(self.after)

    def backward(self, library: Library) -> ChangeSet:
        return library.update_relation(self.before)


class MovePeople(StoreCommand):
    """One drag of one or more cards: pushed once, on mouse release. With ``merge`` (the
    arrow keys), consecutive moves of the same cards are one step: undo takes back the burst."""

    def __init__(self, session: LibrarySession, before: Mapping[str, Position],
                 after: Mapping[str, Position], *, text: str = "",
                 origin: object | None = None, merge: bool = False) -> None:
        super().__init__(session, text or ("Move card" if len(after) == 1
                                           else f"Move {len(after)} cards"), origin)
        self.before = dict(before)
        self.after = dict(after)
        self.merge = merge
        self.deal_id = _deal_of(session, list(self.after))

    def id(self) -> int:
        return _MOVE_PEOPLE_ID if self.merge else -1

    def mergeWith(self, other: QUndoCommand) -> bool:
        if not isinstance(other, MovePeople) or not other.merge \
                or other.after.keys() != self.after.keys():
            return False
        self.after = other.after
        return True

    def forward(self, library: Library) -> ChangeSet:
        return library.move_people(self.after, deal_id=self.deal_id)

    def backward(self, library: Library) -> ChangeSet:
        return library.move_people(self.before, deal_id=self.deal_id)


class TakeSnapshot(StoreCommand):
    def __init__(self, session: LibrarySession, deal_id: str, name: str) -> None:
        super().__init__(session, f"Take snapshot “{name}”")
        self.deal_id = deal_id
        self.name = name
        self.snapshot: Snapshot | None = None

    def forward(self, library: Library) -> ChangeSet:
        if self.snapshot is None:
            self.snapshot, changes = library.take_snapshot(self.deal_id, self.name)
            return changes
        return library.add_snapshot(self.deal_id, self.snapshot)

    def backward(self, library: Library) -> ChangeSet:
        assert self.snapshot is not None
        return library.delete_snapshot(self.snapshot.id)


class ImportDeals(StoreCommand):
    """An import as one undo step: new deals added, merged deals replaced by their merged
    version, accounts' empty industry and notes filled from the file; undo deletes the new
    deals, puts the merged ones back as they were and the accounts' details too."""

    def __init__(self, session: LibrarySession, text: str, added: Sequence[Deal],
                 before: Sequence[Deal], after: Sequence[Deal], *,
                 accounts_before: Sequence[Account] = (),
                 accounts_after: Sequence[Account] = ()) -> None:
        super().__init__(session, text)
        self.added = tuple(added)
        self.before = tuple(before)
        self.after = tuple(after)
        self.accounts_before = tuple(accounts_before)
        self.accounts_after = tuple(accounts_after)

    def forward(self, library: Library) -> ChangeSet:
        return library.write_deals(add=self.added, replace_with=self.after,
                                   account_details=self.accounts_after)

    def backward(self, library: Library) -> ChangeSet:
        return library.write_deals(replace_with=self.before,
                                   delete=[deal.id for deal in self.added],
                                   account_details=self.accounts_before)


def _leaning_changed(was: Deal, deal: Deal) -> list[Person]:
    """The people of ``deal`` whose leaning, or alternative scored, differs from ``was``
    (same people in both): what an alternative's removal changes about them."""
    return [p for p in deal.people if was.has_person(p.id) and (
        p.leans_to != (old := was.person(p.id)).leans_to or p.versus != old.versus)]


def _aspects(before: Sequence[Person], after: Sequence[Person]) -> Aspect:
    aspects = Aspect.NONE
    for old, new in zip(before, after, strict=True):
        aspects |= person_aspects(old, new)
    return aspects or Aspect.EVERYTHING


def _deal_of(session: LibrarySession, person_ids: Sequence[str]) -> str | None:
    """The deal an edit of these people is for: the one shown when it has them all (a
    person an account shares takes part in several deals), else None — the library finds
    the one deal they are in."""
    deal = session.deal
    if deal is not None and all(deal.has_person(pid) for pid in person_ids):
        return deal.id
    return None
