"""Long work the seller can watch and stop: a window-modal progress dialog with Cancel, shown
only when the work lasts longer than half a second (reading a big table, printing a deal of
thousands of pages). Called with (done, total); ``cancelled()`` says whether Cancel was
pressed. ``setValue`` processes events, so Cancel works while the GUI thread is busy."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QProgressDialog, QWidget


class Progress:
    def __init__(self, parent: QWidget, title: str, label: str) -> None:
        self.parent = parent
        self.title = title
        self.label = label
        self.dialog: QProgressDialog | None = None

    def __call__(self, done: int, total: int) -> bool:
        """Show ``done`` of ``total``; False when the seller has cancelled."""
        if self.dialog is None:
            self.dialog = QProgressDialog(self.label, "Cancel", 0, total, self.parent)
            self.dialog.setWindowTitle(self.title)
            self.dialog.setWindowModality(Qt.WindowModality.WindowModal)
            self.dialog.setMinimumDuration(500)
        self.dialog.setMaximum(total)
        self.dialog.setValue(done)  # processes events: Cancel can be pressed
        return not self.cancelled()

    def cancelled(self) -> bool:
        return self.dialog is not None and self.dialog.wasCanceled()

    def close(self) -> None:
        if self.dialog is not None:
            self.dialog.reset()
            self.dialog.deleteLater()
            self.dialog = None
