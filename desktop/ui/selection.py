"""The people selected: one selection shared by the table, the map, the inspector and the
charts. A panel sets it when the user selects (naming itself as the origin) and follows it
otherwise, so no two widgets ever disagree about who is selected."""

from __future__ import annotations

from collections.abc import Iterable

from PySide6.QtCore import QObject, Signal

from desktop.domain.changes import ChangeSet
from desktop.domain.deal import Deal
from desktop.domain.person import Person
from desktop.ui.session import LibrarySession


class Selection(QObject):
    changed = Signal(object)  # the origin: the panel that selected, or None

    def __init__(self, session: LibrarySession) -> None:
        super().__init__(session)
        self.ids: tuple[str, ...] = ()
        session.deal_shown.connect(lambda: self.set(()))
        session.changed.connect(self._forget_removed)

    def _forget_removed(self, changes: ChangeSet) -> None:
        if changes.people_removed & set(self.ids):
            self.set(i for i in self.ids if i not in changes.people_removed)

    def set(self, ids: Iterable[str], origin: object | None = None) -> None:
        chosen = tuple(dict.fromkeys(ids))
        if chosen != self.ids:
            self.ids = chosen
            self.changed.emit(origin)

    def people(self, deal: Deal | None) -> list[Person]:
        """The selected people of ``deal``, in the deal's order."""
        if deal is None:
            return []
        chosen = [i for i in self.ids if deal.has_person(i)]
        return sorted((deal.person(i) for i in chosen),
                      key=lambda p: deal.index_of(p.id))

    def single(self, deal: Deal | None) -> Person | None:
        chosen = self.people(deal)
        return chosen[0] if len(chosen) == 1 else None
