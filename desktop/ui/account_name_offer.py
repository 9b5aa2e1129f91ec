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

A name typed in full that someone already in this deal has ("Laura Stein") is offered first
as "Laura Stein — already in this deal: select them": choosing it takes the blank new person
back and selects her (nothing added, nothing left to redo). Enter on the typed name does not
silently make a namesake: the first Enter says so (the status bar, and a line in the popup),
the second adds a second person of that name — a deliberate namesake stays possible.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import (
    QEvent,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    QRect,
    QStringListModel,
    Qt,
)
from PySide6.QtGui import QKeyEvent, QUndoCommand
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
ENTER_KEYS = (Qt.Key.Key_Return, Qt.Key.Key_Enter)
HINT = "already in this deal — Enter again to add a second person of that name"


def already_here(name: str) -> str:
    """The popup's line for a person of this deal whose name was typed in full."""
    return f"{name} — already in this deal: select them"


class _Offers(QStringListModel):
    """The popup's lines; the last ``hints`` lines are said, not chosen (not selectable)."""

    def __init__(self, parent: QObject) -> None:
        super().__init__(parent)
        self.hints = 0

    def flags(self, index: QModelIndex | QPersistentModelIndex) -> Qt.ItemFlag:
        if index.isValid() and index.row() >= self.rowCount() - self.hints:
            return Qt.ItemFlag.NoItemFlags
        return super().flags(index)


class _DropRedo(QUndoCommand):
    """Pushed to end the redo of a blank new person taken back (then gone itself: obsolete)."""

    def redo(self) -> None:
        self.setObsolete(True)


class AccountNameOffer(QObject):
    """A completer on the inspector's name field, filled only for a person just added."""

    def __init__(self, window: MainWindow) -> None:
        super().__init__(window)
        self.window = window
        self.field = window.inspector.texts["name"]
        self.model = _Offers(self)
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
        self.here: list[Person] = []  # this deal's people of the typed name: offered first
        self.warned = ""  # the name whose Enter was held once: the next Enter adds it
        self._account_lines: list[str] = []  # the popup's lines for ``offered``
        self._grid: tuple[commands.AddPeople, AccountGrid] | None = None
        # Enter reaches the field directly, or through the popup when it is shown (the
        # completer forwards it); installed after the completer's own, this filter is first.
        self.field.installEventFilter(self)
        popup = self.completer.popup()
        if popup is not None:
            popup.installEventFilter(self)

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

    def _here_named(self, text: str) -> list[Person]:
        """This deal's people (but the new one) whose name is ``text``, in any case."""
        deal, shown = self.window.session.deal, self.window.inspector.person()
        typed = text.strip().casefold()
        if deal is None or not typed:
            return []
        return [p for p in deal.people if p.name.casefold() == typed
                and (shown is None or p.id != shown.id)]

    def _typed(self, text: str) -> None:
        self.warned = ""
        found: list[AccountPerson] = []
        names: list[str] = []
        deal = self.window.session.deal
        fresh = self.fresh_add() if text.strip() else None
        self.here = self._here_named(text) if fresh is not None else []
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
        self._account_lines = names
        self._show([already_here(p.name) for p in self.here] + names)

    def _show(self, lines: list[str], hint: str = "") -> None:
        """The popup with ``lines`` (a person of this deal first, then the account's), and
        ``hint`` last, said but not chosen; hidden when there is nothing to offer."""
        self.model.hints = 1 if hint else 0
        self.model.setStringList(lines + ([hint] if hint else []))
        popup = self.completer.popup()
        if lines and popup is not None:
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

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        """Enter on a name someone of this deal has, the first time: held, and said."""
        if watched is self.field and event.type() is QEvent.Type.FocusOut:
            self._leaving()
            return False
        if event.type() is not QEvent.Type.KeyPress or not isinstance(event, QKeyEvent) \
                or event.key() not in ENTER_KEYS:
            return False
        popup = self.completer.popup()
        if popup is not None and popup.isVisible() and popup.currentIndex().isValid():
            return False  # a line chosen: the completer's
        name = self.field.text().strip()
        said = f"{name} is {HINT}."
        if self.warned and self.warned.casefold() == name.casefold():
            self.warned = ""  # the second Enter: a namesake, as the seller wants
            bar = self.window.statusBar()
            if bar.currentMessage() == said:
                bar.clearMessage()
            return False
        here = self._here_named(name) if self.fresh_add() is not None else []
        if not here:
            return False
        self.warned, self.here = name, here
        self._show([already_here(p.name) for p in here] + self._account_lines,
                   "Enter again to add a second person of that name")
        self.window.report_done(said)
        return True

    def _leaving(self) -> None:
        """Leaving the field takes the typed name (Qt's editingFinished, not held): a name
        someone of this deal has makes a namesake then — not silently."""
        popup = self.completer.popup()
        if popup is not None and popup.isVisible():
            return  # the popup took the focus for a moment: the field is not left
        name = self.field.text().strip()
        if self.warned.casefold() == name.casefold() or self.fresh_add() is None:
            return  # said already (Enter held once), or not a new person's name
        if self._here_named(name):
            self.warned = ""
            self.window.report_done(f"{name} was already in this deal: this is a second "
                                    "person of that name — Edit ▸ Undo takes the name back.")

    def _picked(self, index: QModelIndex) -> None:
        row = index.row()
        fresh = self.fresh_add()
        deal = self.window.session.deal
        if fresh is None or deal is None:
            return
        if 0 <= row < len(self.here):
            self._select_here(self.here[row], fresh[1])
            return
        row -= len(self.here)
        if not 0 <= row < len(self.offered) or not deal.account_id:
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

    def _select_here(self, person: Person, steps: int) -> None:
        """The blank new person goes (nothing left to redo) and ``person`` is selected."""
        session = self.window.session
        for _ in range(steps):
            session.undo_stack.undo()
        session.push(_DropRedo("Select"))
        self.window.selection.set([person.id])
        self.here, self.offered, self.warned = [], [], ""
        self.model.setStringList([])
        self.window.report_done(f"{person.name} is already in this deal: selected on the map, "
                                "nobody added.")
