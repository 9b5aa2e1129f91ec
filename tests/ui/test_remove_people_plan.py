"""Deleting people the plan names is one undo step: the store rewrites the records that
named them, and undo puts back the people, their lines and every plan record exactly as
they were — same ids, same order, same owners, intended changes and approvers."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import replace

import pytest
from PySide6.QtWidgets import QApplication

from desktop.domain.deal import Deal
from desktop.domain.plain import deal_to_plain
from desktop.store.library import Library
from desktop.ui import commands
from desktop.ui.session import LibrarySession


@pytest.fixture
def session(qapp: QApplication, library: Library, demos: list[Deal]) -> Iterator[LibrarySession]:
    library.add_deals(demos)
    opened = LibrarySession()
    opened.open(library)
    yield opened
    opened.undo_stack.clear()


def _named_people(deal: Deal) -> list[str]:
    """Someone who owns an action of the customer's side, and someone who owns a criterion
    or approves a step: the records a removal rewrites in every way."""
    owner = next(a.owner for a in deal.actions if deal.has_person(a.owner))
    judge = next(p for p in [*(c.owner for c in deal.criteria),
                             *(s.approver for s in deal.process)] if p and p != owner)
    return [owner, judge]


def _plain(library: Library, deal_id: str) -> dict[str, object]:
    plain = deal_to_plain(library.get_deal(deal_id), include_private=True)
    plain.pop("updated_at")
    return plain


def test_undo_puts_the_plan_back_exactly(session: LibrarySession, helix: Deal) -> None:
    session.show_deal(helix.id)
    deal = session.library.get_deal(helix.id)
    gone = _named_people(deal)
    owners = [a for a in deal.actions if a.owner in gone]
    assert owners  # a customer-side action one of them owns
    assert any(c.owner in gone for c in deal.criteria) or any(
        s.approver in gone for s in deal.process)
    before = _plain(session.library, helix.id)
    session.undo_stack.push(commands.RemovePeople(session, deal, gone))
    after = session.library.get_deal(helix.id)
    names = {p.id: p.name for p in deal.people}
    for action in owners:
        now = next(a for a in after.actions if a.id == action.id)
        assert now.owner == names[action.owner]  # who promised it, by name
    assert not any(set(a.for_people) & set(gone) for a in after.actions)
    assert not any(a.intended and a.intended.person in gone for a in after.actions)
    assert not any(c.owner in gone for c in after.criteria)
    assert not any(s.approver in gone for s in after.process)
    assert [a.id for a in after.actions] == [a.id for a in deal.actions]  # none deleted
    session.undo_stack.undo()
    assert _plain(session.library, helix.id) == before
    shown = session.deal
    assert shown is not None
    assert replace(shown, updated_at=None, snapshots=()) == replace(
        session.library.get_deal(helix.id, snapshots=False), updated_at=None)
    session.undo_stack.redo()
    assert session.library.get_deal(helix.id).actions == after.actions
    session.undo_stack.undo()
    assert _plain(session.library, helix.id) == before
