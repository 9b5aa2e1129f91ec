"""The open library as the window sees it: the store, the deal shown, the undo stack, and the
signals every panel listens to (Anki's collection + ``operation_did_execute``).

Every edit goes gesture → intent signal → undo command → :meth:`LibrarySession.apply` (one
store transaction) → the session brings its copy of the shown deal up to date, reading only
what the change set names → ``changed(ChangeSet)`` → each panel refreshes its part, and skips
the change it asked for itself (``ChangeSet.origin``). Panels never write to the store and
never keep data the store does not have; they read the shown deal from ``session.deal``.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import replace

from PySide6.QtCore import QObject, QTimer, Signal
from PySide6.QtGui import QUndoCommand, QUndoStack

from desktop.domain.changes import ChangeSet
from desktop.domain.deal import DEAL_FIELDS, PLAN_FIELDS, Deal
from desktop.problems import unexpected
from desktop.store.errors import NotFound, StoreError
from desktop.store.library import Library

EXTERNAL_CHECK_MS = 1500


_log = logging.getLogger(__name__)

class LibrarySession(QObject):
    library_opened = Signal()  # another library file: every view starts afresh
    deal_shown = Signal()  # another deal (or none) is shown: views rebuild from session.deal
    changed = Signal(object)  # ChangeSet, after session.deal is up to date
    failed = Signal(str)  # one sentence for the user: something did not happen
    done = Signal(str)  # one sentence for the status bar: something happened

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._library: Library | None = None
        self.deal: Deal | None = None
        self.undo_stack = QUndoStack(self)
        # Another window or the command line may write the same file (WAL lets both work):
        # SQLite's data_version says when, and the views refresh from the store.
        self._version = -1
        self._known_deals: frozenset[str] = frozenset()
        self.watch = QTimer(self)
        self.watch.setInterval(EXTERNAL_CHECK_MS)
        self.watch.timeout.connect(self.check_external_changes)

    # -- the library ------------------------------------------------------------------------

    @property
    def library(self) -> Library:
        if self._library is None:
            raise RuntimeError("no library is open")
        return self._library

    @property
    def is_open(self) -> bool:
        return self._library is not None

    def open(self, library: Library) -> None:
        """Show ``library``; the previous one is closed and its undo history ends."""
        self.close()
        self._library = library
        self._version = self._data_version()
        self._known_deals = self._deal_ids()
        self.watch.start()
        self.library_opened.emit()

    def close(self) -> None:
        self.watch.stop()
        self.undo_stack.clear()
        self.deal = None
        if self._library is not None:
            self._library.close()
            self._library = None

    # -- the deal shown ---------------------------------------------------------------------

    def show_deal(self, deal_id: str | None) -> None:
        """Show another deal (None: none); the only time a whole deal is read."""
        try:
            self.deal = self.library.get_deal(deal_id, snapshots=False) if deal_id else None
        except NotFound:
            self.deal = None
        except StoreError as error:
            self.deal = None
            self.failed.emit(str(error))
        self.deal_shown.emit()

    def _follow(self, changes: ChangeSet) -> None:
        """Bring ``self.deal`` up to date with ``changes``, reading only what they name."""
        deal = self.deal
        if deal is None or not changes.touches_deal(deal.id):
            return
        library = self.library
        if deal.id in changes.deals_removed:
            self.deal = None
            return
        if changes.unknown:
            try:
                self.deal = library.get_deal(deal.id, snapshots=False)
            except NotFound:
                self.deal = None
            return
        if deal.id in changes.deals:
            deal = deal.with_fields_of(library.get_deal_fields(deal.id))
        # A plan edit may change people too (their leaning, when an alternative goes).
        plan = library.get_plan(deal.id) if deal.id in changes.plans else None
        if deal.id in changes.contents or plan is not None:
            deal = self._follow_contents(deal, changes, plan)
            if deal.notices or changes.people or changes.relations or changes.relations_added \
                    or changes.relations_removed:  # a shared person's change, seen or made
                deal = deal.with_notices(library.get_notices(deal.id))
        self.deal = deal

    def _follow_contents(self, deal: Deal, changes: ChangeSet,
                         plan: dict[str, object] | None) -> Deal:
        """``plan``: the deal's plan read again (None: unchanged), checked with the people
        it may name."""
        library = self.library
        fresh_people = library.get_people(deal.id, changes.people | changes.people_added) \
            if changes.people or changes.people_added else []
        if not changes.structure_changed:
            deal = deal.with_people_replaced(fresh_people)
            return deal.with_plan(**plan) if plan is not None else deal
        fresh_relations = library.get_relations(
            deal.id, changes.relations | changes.relations_added) \
            if changes.relations or changes.relations_added else []
        people_order, relations_order = library.deal_order(deal.id)
        people = {p.id: p for p in deal.people} | {p.id: p for p in fresh_people}
        relations = {r.id: r for r in deal.relations} | {r.id: r for r in fresh_relations}
        return Deal(**{name: getattr(deal, name) for name in DEAL_FIELDS},
                    **(plan if plan is not None else {
                        name: getattr(deal, name) for name in PLAN_FIELDS}),
                    id=deal.id, people=tuple(people[i] for i in people_order),
                    relations=tuple(relations[i] for i in relations_order),
                    notices=deal.notices)

    # -- changing ---------------------------------------------------------------------------

    def push(self, command: QUndoCommand) -> None:
        self.undo_stack.push(command)

    def apply(self, operation: Callable[[Library], ChangeSet],
              origin: object | None = None) -> ChangeSet | None:
        """Run one store operation; on an environment error tell the user and return None.
        ``origin`` is the view that asked for it (it skips its own echo)."""
        try:
            changes = operation(self.library)
        except StoreError as error:
            self.failed.emit(str(error))
            return None
        except Exception as error:
            # A bug, not the environment: logged in full; the user gets a sentence, the
            # transaction was rolled back, and the undo command drops itself (no step that
            # never happened) — instead of a traceback on stderr nobody sees.
            _log.exception("a store operation failed")
            self.failed.emit("The change was not made: an unexpected problem stopped it "
                             f"({unexpected(error)}).")
            return None
        self._known_deals = (self._known_deals | changes.deals_added) - changes.deals_removed
        self._emit(replace(changes, origin=origin))
        return changes

    def _emit(self, changes: ChangeSet) -> None:
        try:
            self._follow(changes)
        except StoreError as error:  # the file went away under us: show what can be read
            self.failed.emit(str(error))
            self.deal = None
            self.deal_shown.emit()
            return
        self.changed.emit(changes)

    def check_external_changes(self) -> bool:
        """Refresh when someone else committed; True when they had."""
        version = self._data_version()
        if version in (-1, self._version):
            return False
        self._version = version
        deals = self._deal_ids()
        changes = ChangeSet(deals_added=deals - self._known_deals,
                            deals_removed=self._known_deals - deals, unknown=True)
        self._known_deals = deals
        self._emit(changes)
        return True

    def absorb_external_changes(self) -> None:
        """Take the file as it is now as seen, without refreshing: for a caller that knows
        the commits since were only its own bookkeeping (a team sync that merged nothing but
        noted when it read the folder) — a refresh would re-show every panel for nothing,
        and reset a field the seller is typing in."""
        self._version = self._data_version()

    def _data_version(self) -> int:
        try:
            return self.library.data_version()
        except StoreError:
            return -1

    def _deal_ids(self) -> frozenset[str]:
        try:
            return self.library.deal_ids()
        except StoreError:
            return frozenset()


