"""Every undo command round-trips: do → undo gives the state before, redo the state after."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import replace
from typing import Any

import pytest
from PySide6.QtWidgets import QApplication

from desktop.domain.actions import Action
from desktop.domain.changes import ChangeSet
from desktop.domain.deal import Deal
from desktop.domain.enums import Influence, RelationKind, Support
from desktop.domain.person import Person
from desktop.domain.plain import deal_to_plain
from desktop.domain.position import Position
from desktop.domain.relation import Relation
from desktop.store.library import Library
from desktop.ui import commands
from desktop.ui.session import LibrarySession

Make = Callable[[LibrarySession, Deal], commands.StoreCommand]


def state(library: Library) -> list[dict[str, Any]]:
    out = []
    for summary in library.list_deals():
        plain = deal_to_plain(library.get_deal(summary.id), include_private=True)
        plain.pop("updated_at")
        for snapshot in plain["snapshots"]:
            snapshot.pop("taken_at")
        out.append(plain)
    return out


def _edit_two(session: LibrarySession, deal: Deal) -> commands.StoreCommand:
    before = list(deal.people[:2])
    after = [replace(p, support=Support.ENEMY, influence=Influence.HIGH) for p in before]
    return commands.EditPeople(session, before, after, field="support")


def _relation(deal: Deal) -> Relation:
    existing = {r.identity for r in deal.relations}
    for a in deal.people:
        for b in deal.people:
            candidate = Relation(a.id, b.id, RelationKind.INFLUENCE, 3) if a.id != b.id else None
            if candidate is not None and candidate.identity not in existing:
                return candidate
    raise AssertionError("no free pair")


CASES: dict[str, Make] = {
    "create deal": lambda s, d: commands.CreateDeal(s, Deal(name="Fresh",
                                                            people=(Person(name="P"),))),
    "edit deal": lambda s, d: commands.EditDeal(s, d, replace(d, stage="Negotiate",
                                                              amount=9.0)),
    "delete deal": lambda s, d: commands.DeleteDeal(s, d),
    "add people": lambda s, d: commands.AddPeople(s, d.id, [Person(name="X"),
                                                            Person(name="Y")]),
    "edit people": _edit_two,
    "remove people": lambda s, d: commands.RemovePeople(s, d, [d.people[0].id,
                                                              d.people[2].id]),
    "add relation": lambda s, d: commands.AddRelation(s, d.id, _relation(d)),
    "remove relation": lambda s, d: commands.RemoveRelation(s, d.id, d.relations[0]),
    "edit relation": lambda s, d: commands.EditRelation(
        s, d.relations[0], replace(d.relations[0], note="changed")),
    "move people": lambda s, d: commands.MovePeople(
        s, {p.id: p.position for p in d.people[:3]},
        {p.id: Position(p.position.x + 50, p.position.y - 20) for p in d.people[:3]}),
    "take snapshot": lambda s, d: commands.TakeSnapshot(s, d.id, "Review"),
    "edit plan": lambda s, d: commands.EditPlan(
        s, d, d.with_plan(actions=(*d.actions, Action("Demo for the ward teams",
                                                      for_people=(d.people[0].id,)))),
        "Add action"),
}


@pytest.fixture
def session(qapp: QApplication, library: Library, demos: list[Deal]) -> Iterator[LibrarySession]:
    library.add_deals(demos)
    opened = LibrarySession()
    opened.open(library)
    yield opened
    opened.undo_stack.clear()


def shown_is_stored(session: LibrarySession) -> bool:
    """The deal the session keeps up to date change by change (reading only what each change
    names) is the deal the store holds — but for the time of its last change."""
    shown = session.deal
    if shown is None:
        return True
    stored = session.library.get_deal(shown.id, snapshots=False)
    return replace(shown, updated_at=None) == replace(stored, updated_at=None)


@pytest.mark.parametrize("name", sorted(CASES))
def test_undo_redo_round_trip(name: str, session: LibrarySession, small_demo: Deal) -> None:
    seen: list[ChangeSet] = []
    session.changed.connect(seen.append)
    session.show_deal(small_demo.id)
    deal = session.library.get_deal(small_demo.id)
    before = state(session.library)
    session.undo_stack.push(CASES[name](session, deal))
    after = state(session.library)
    assert after != before
    assert seen
    assert seen[-1]
    assert shown_is_stored(session)
    session.undo_stack.undo()
    assert state(session.library) == before
    assert shown_is_stored(session)
    session.undo_stack.redo()
    assert state(session.library) == after
    assert shown_is_stored(session)
    session.undo_stack.undo()
    assert state(session.library) == before
    assert shown_is_stored(session)
    assert len(seen) == 4


def test_consecutive_score_edits_merge(session: LibrarySession, small_demo: Deal) -> None:
    person = small_demo.people[0]
    current = person
    for value in (1, 2, 3):
        after = replace(current, notes=f"step {value}")
        session.undo_stack.push(commands.EditPeople(session, [current], [after],
                                                    field="x score", merge=True))
        current = after
    assert session.undo_stack.count() == 1
    session.undo_stack.undo()
    assert session.library.get_person(person.id) == person


def test_separate_text_edits_do_not_merge(session: LibrarySession, small_demo: Deal) -> None:
    person = small_demo.people[0]
    first = replace(person, notes="one")
    second = replace(first, notes="two")
    session.undo_stack.push(commands.EditPeople(session, [person], [first], field="notes"))
    session.undo_stack.push(commands.EditPeople(session, [first], [second], field="notes"))
    assert session.undo_stack.count() == 2
