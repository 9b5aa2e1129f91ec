"""The usual Add person (the button, Deal ▸ Add person, Ctrl+Shift+N) offers the account's
people first: a person just added is named in the inspector's name field, and as the seller
types, the account's people who are not in this deal are offered under the field —
"Jonas Berg — Chief Medical Officer (in Helix Health clinical data platform)".

Choosing one turns the blank new person into that very person (the same id as in the other
deals, their details, a fresh stance here), where the new person was put; the add is still
one undo step, because the new person's add is taken back first and the account person's
add takes its place. Typing a name nobody has and pressing Enter is today's way, unchanged:
nothing is offered unless the deal's account has someone to offer.

The offer holds only while the undo steps since the add of that new person are edits of
their name (a person added earlier, or edited otherwise since, is never swapped).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QModelIndex, QObject, QRect, QStringListModel, Qt
from PySide6.QtWidgets import QCompleter

from desktop.domain.accounts import AccountGrid, AccountPerson
from desktop.domain.enums import RelationKind
from desktop.domain.person import Person
from desktop.domain.relation import Relation
from desktop.store.errors import StoreError
from desktop.ui import commands
from desktop.ui.account_person_picker import LIMIT, suggestion

if TYPE_CHECKING:
    from desktop.ui.main_window import MainWindow

WIDEST = 620  # the suggestions' popup at most (pixels)


class AccountNameOffer(QObject):
    """A completer on the inspector's name field, filled only for a person just added."""

    def __init__(self, window: MainWindow) -> None:
        super().__init__(window)
        self.window = window
        self.field = window.inspector.texts["name"]
        self.model = QStringListModel(self)
        self.completer = QCompleter(self.model, self.field)
        # The library has filtered already: the popup shows its answers as they are.
        self.completer.setCompletionMode(QCompleter.CompletionMode.UnfilteredPopupCompletion)
        self.completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        self.completer.setMaxVisibleItems(12)
        # The completer is the field's, but not set on it: the field keeps the letters
        # typed (no suggestion text put in it, to be taken as the name by Enter).
        self.completer.setWidget(self.field)
        self.completer.activated[QModelIndex].connect(self._picked)  # type: ignore[index]
        self.field.textEdited.connect(self._typed)
        self.offered: list[AccountPerson] = []
        self._grid: tuple[commands.AddPeople, AccountGrid] | None = None

    def fresh_add(self) -> tuple[commands.AddPeople, int] | None:
        """The add of one person the account did not know, the person in the inspector,
        with how many undo steps since: none but edits of that person's name (the
        completer's choice itself is taken as a name edit before it is reported)."""
        stack = self.window.session.undo_stack
        index = stack.index()
        shown = self.window.inspector.person()
        if index != stack.count() or shown is None:
            return None
        steps = 1
        while index - steps >= 0:
            step = stack.command(index - steps)
            if isinstance(step, commands.AddPeople):
                if len(step.people) == 1 and step.people[0].id == shown.id \
                        and shown.id in step.new:
                    return step, steps
                return None
            if not isinstance(step, commands.EditPeople) or step.field != "name" \
                    or [p.id for p in step.after] != [shown.id]:
                return None
            steps += 1
        return None

    def _account_grid(self, step: commands.AddPeople, account_id: str) -> AccountGrid:
        """The account's deals and lines, read once per new person (not per key)."""
        if self._grid is None or self._grid[0] is not step \
                or self._grid[1].account.id != account_id:
            self._grid = (step, self.window.session.library.account_grid(account_id))
        return self._grid[1]

    def _typed(self, text: str) -> None:
        found: list[AccountPerson] = []
        names: list[str] = []
        deal = self.window.session.deal
        fresh = self.fresh_add() if text.strip() else None
        if fresh is not None and deal is not None and deal.account_id:
            try:
                here = {p.id for p in deal.people}
                found = [p for p in self.window.session.library.account_people(
                    deal.account_id, text.strip(), LIMIT + len(here)) if p.id not in here][:LIMIT]
                if found:
                    grid = self._account_grid(fresh[0], deal.account_id)
                    deal_names = {d.id: d.name for d in grid.deals}
                    in_deals: dict[str, list[str]] = {}
                    for person_id, deal_id in grid.cells:
                        in_deals.setdefault(person_id, []).append(deal_names[deal_id])
                    names = [suggestion(p, sorted(in_deals.get(p.id, []))) for p in found]
            except StoreError:
                found, names = [], []
        self.offered = found
        self.model.setStringList(names)
        popup = self.completer.popup()
        if found and popup is not None:
            # As wide as the suggestions (the name field alone cut "Jonas Berg — Chief
            # Medi…"), its right edge at the field's: the inspector is at the window's right.
            width = min(max(self.field.width(), popup.sizeHintForColumn(0)
                            + popup.verticalScrollBar().sizeHint().width() + 16), WIDEST)
            self.completer.complete(QRect(self.field.width() - width, 0, width,
                                          self.field.height()))
            # Nothing highlighted: Enter keeps the typed name (a new person, as quick as
            # before); Down (or a click) chooses someone of the account.
            popup.setCurrentIndex(QModelIndex())
        elif popup is not None:
            popup.hide()

    def _picked(self, index: QModelIndex) -> None:
        row = index.row()
        fresh = self.fresh_add()
        deal = self.window.session.deal
        if not 0 <= row < len(self.offered) or fresh is None or deal is None \
                or not deal.account_id:
            return
        step, steps = fresh
        chosen = self.offered[row]
        blank = step.people[0]
        grid = self._account_grid(step, deal.account_id)
        session = self.window.session
        # Their manager as the account's other deals draw it, when the manager is here;
        # else the line the new person was given (the report of the selected person).
        here = {p.id for p in deal.people} - {blank.id}
        lines = tuple(Relation(report, manager, RelationKind.REPORTS_TO)
                      for report, manager in grid.reports
                      if report == chosen.id and manager in here)
        if not lines:
            lines = tuple(Relation(chosen.id, r.target, r.kind) for r in step.relations
                          if r.source == blank.id and r.target in here)
        person = Person(name=chosen.name, id=chosen.id, title=chosen.title,
                        department=chosen.department, email=chosen.email,
                        organisation=chosen.organisation, position=blank.position)
        for _ in range(steps):  # the blank new person goes (and out of the account)
            session.undo_stack.undo()
        session.push(commands.AddPeople(session, deal.id, [person], lines))
        self.window.selection.set([person.id])
        self.offered = []
        self.model.setStringList([])
        self.window.report_done(f"{person.name} added from the account: their details are "
                                "shared with the account's other deals, their stance here "
                                "is this deal's own.")
