"""The open library as the window sees it: the store, the undo stack, and one signal.

Every edit goes gesture → undo command → :meth:`LibrarySession.apply` (one store transaction)
→ ``changed(ChangeSet)`` → each view refreshes what changed. Views never write to the store
themselves and never keep data the store does not have.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QObject, Signal
from PySide6.QtGui import QUndoStack

from desktop.store.changes import ChangeSet
from desktop.store.errors import StoreError
from desktop.store.library import Library


class LibrarySession(QObject):
    changed = Signal(object)  # ChangeSet
    failed = Signal(str)  # one sentence for the user

    def __init__(self, library: Library, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.library = library
        self.undo_stack = QUndoStack(self)

    def apply(self, operation: Callable[[Library], ChangeSet]) -> ChangeSet | None:
        """Run one store operation; on an environment error tell the user and return None."""
        try:
            changes = operation(self.library)
        except StoreError as error:
            self.failed.emit(str(error))
            return None
        self.changed.emit(changes)
        return changes

    def close(self) -> None:
        self.undo_stack.clear()
        self.library.close()
