"""File ▸ Backups…: the automatic backups beside the library, with dates, kinds and sizes;
back up now; restore one after a confirmation (the current library is backed up first)."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QMessageBox,
    QPushButton,
    QSpinBox,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from desktop.store.backups import BackupInfo, backup_folder, list_backups

Restorer = Callable[[Path], bool]  # restore this backup; True when it worked
MIN_KEPT = 1
MAX_KEPT = 100


class BackupsDialog(QDialog):
    def __init__(self, library: Path, back_up_now: Callable[[], None], restorer: Restorer,
                 keep: int, parent: QWidget | None = None,
                 keep_changed: Callable[[int], None] | None = None) -> None:
        super().__init__(parent)
        self.library = library
        self._back_up_now = back_up_now
        self._restorer = restorer
        self.setWindowTitle("Backups")
        self.resize(640, 380)
        layout = QVBoxLayout(self)
        layout.addWidget(QLabel(
            f"Automatic backups of {library.name} in {backup_folder(library)}: one a day, "
            "before every upgrade, merge-import and restore."))
        keep_row = QHBoxLayout()
        keep_label = QLabel("&Keep the newest")
        keep_row.addWidget(keep_label)
        self.keep_box = QSpinBox()
        self.keep_box.setRange(MIN_KEPT, MAX_KEPT)
        self.keep_box.setValue(min(MAX_KEPT, max(MIN_KEPT, keep)))
        self.keep_box.setSuffix(" backups")
        keep_label.setBuddy(self.keep_box)
        keep_row.addWidget(self.keep_box)
        keep_row.addStretch(1)
        layout.addLayout(keep_row)
        if keep_changed is not None:
            self.keep_box.valueChanged.connect(keep_changed)
        self.tree = QTreeWidget()
        self.tree.setHeaderLabels(["Taken", "Kind", "Size"])
        self.tree.setRootIsDecorated(False)
        self.tree.header().setSectionResizeMode(0, QHeaderView.ResizeMode.ResizeToContents)
        self.tree.header().setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        self.tree.itemSelectionChanged.connect(self._selection_changed)
        layout.addWidget(self.tree)
        row = QHBoxLayout()
        self.now_button = QPushButton("&Back up now")
        self.now_button.clicked.connect(self.back_up_now)
        self.restore_button = QPushButton("&Restore…")
        self.restore_button.clicked.connect(self.restore_selected)
        row.addWidget(self.now_button)
        row.addWidget(self.restore_button)
        row.addStretch(1)
        layout.addLayout(row)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        self.refresh()

    def refresh(self) -> None:
        self.tree.clear()
        self.backups = list_backups(self.library)
        for backup in self.backups:
            item = QTreeWidgetItem([f"{backup.taken_at.astimezone():%Y-%m-%d %H:%M}",
                                    backup.label, _size(backup.size)])
            item.setTextAlignment(2, Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
            item.setToolTip(0, str(backup.path))
            self.tree.addTopLevelItem(item)
        first = self.tree.topLevelItem(0)
        if first is not None:
            self.tree.setCurrentItem(first)
        self._selection_changed()

    def selected(self) -> BackupInfo | None:
        item = self.tree.currentItem()
        if item is None:
            return None
        return self.backups[self.tree.indexOfTopLevelItem(item)]

    def _selection_changed(self) -> None:
        self.restore_button.setEnabled(self.selected() is not None)

    def back_up_now(self) -> None:
        self._back_up_now()
        self.refresh()

    def restore_selected(self) -> None:
        backup = self.selected()
        if backup is None:
            return
        answer = QMessageBox.question(
            self, "Restore a backup",
            f"Replace the library with the backup taken "
            f"{backup.taken_at.astimezone():%Y-%m-%d %H:%M}?\n\nThe library as it is now is "
            "backed up first, and undo history ends.",
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
            QMessageBox.StandardButton.No)
        if answer == QMessageBox.StandardButton.Yes and self._restorer(backup.path):
            self.refresh()


def _size(size: int) -> str:
    return f"{size / 1e6:.1f} MB" if size >= 1e6 else f"{max(1, round(size / 1e3))} kB"
