"""Saying "reviewed" to a shared person's change from another deal.

A new title or manager recorded in another deal of the account raises the red flag
"… is now … — review their stance in this deal." Editing the person here clears it; when
the seller looks and the stance still holds, "Reviewed — the stance holds" (the flag's
context menu) clears it without a change, as one undo step."""

from __future__ import annotations

from desktop.domain.accounts import IdentityNotice
from desktop.domain.changes import ChangeSet
from desktop.store.library import Library
from desktop.ui.commands import StoreCommand
from desktop.ui.session import LibrarySession

ENTRY = "Reviewed — the stance holds"
CODE = "identity-changed"


class ReviewNotices(StoreCommand):
    def __init__(self, session: LibrarySession, deal_id: str,
                 notices: tuple[IdentityNotice, ...], name: str) -> None:
        super().__init__(session, f"Reviewed “{name}”")
        self.deal_id = deal_id
        self.notices = notices

    def forward(self, library: Library) -> ChangeSet:
        return library.review_notices(self.deal_id, {n.person for n in self.notices})

    def backward(self, library: Library) -> ChangeSet:
        return library.review_notices(self.deal_id, (), restore=self.notices)


def review(session: LibrarySession, person_id: str) -> None:
    """Push "reviewed" for ``person_id``'s notices in the shown deal (none: nothing)."""
    deal = session.deal
    if deal is None or not deal.has_person(person_id):
        return
    found = tuple(n for n in deal.notices if n.person == person_id)
    if found:
        session.push(ReviewNotices(session, deal.id, found, deal.person(person_id).name))
