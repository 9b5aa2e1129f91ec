"""The open library as the window sees it: the store, the undo stack, and one signal.

Every edit goes gesture → undo command → :meth:`LibrarySession.apply` (one store transaction)
→ ``changed(ChangeSet)`` → each view refreshes what changed. Views never write to the store
themselves and never keep data the store does not have.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QObject, QTimer, Signal
from PySide6.QtGui import QUndoStack

from desktop.store.changes import ChangeSet
from desktop.store.errors import StoreError
from desktop.store.library import Library

EXTERNAL_CHECK_MS = 1500


class LibrarySession(QObject):
    changed = Signal(object)  # ChangeSet
    failed = Signal(str)  # one sentence for the user

    def __init__(self, library: Library, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.library = library
        self.undo_stack = QUndoStack(self)
        # Another window or the command line may write the same file (WAL lets both work):
        # SQLite's data_version says when, and the views refresh from the store.
        self._version = self._data_version()
        self._known_deals = self._deal_ids()
        self.watch = QTimer(self)
        self.watch.setInterval(EXTERNAL_CHECK_MS)
        self.watch.timeout.connect(self.check_external_changes)
        self.watch.start()

    def _data_version(self) -> int:
        try:
            return self.library.data_version()
        except StoreError:
            return -1

    def _deal_ids(self) -> frozenset[str]:
        try:
            return frozenset(s.id for s in self.library.list_deals())
        except StoreError:
            return frozenset()

    def check_external_changes(self) -> bool:
        """Refresh when someone else committed; True when they had."""
        version = self._data_version()
        if version in (-1, self._version):
            return False
        self._version = version
        deals = self._deal_ids()
        changes = ChangeSet(deals=deals, deals_removed=self._known_deals - deals)
        self._known_deals = deals
        self.changed.emit(changes)
        return True

    def apply(self, operation: Callable[[Library], ChangeSet]) -> ChangeSet | None:
        """Run one store operation; on an environment error tell the user and return None."""
        try:
            changes = operation(self.library)
        except StoreError as error:
            self.failed.emit(str(error))
            return None
        self._known_deals = (self._known_deals | changes.deals) - changes.deals_removed
        self.changed.emit(changes)
        return changes

    def close(self) -> None:
        self.watch.stop()
        self.undo_stack.clear()
        self.library.close()
