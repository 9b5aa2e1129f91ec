"""When the library will not open because it is damaged: say so in one sentence and offer
the newest good backup. The damaged file is moved aside, never overwritten or deleted."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import QMessageBox, QWidget

from desktop import APP_NAME
from desktop.store.errors import LibraryCorrupt, NotALibrary, StoreError
from desktop.store.library import Library
from desktop.store.restoring import newest_good_backup, restore


def open_or_recover(path: Path, parent: QWidget | None, keep: int,
                    opener: type[Library] = Library) -> Library | None:
    """Open ``path``; if it is damaged and a good backup exists, offer to restore it.
    Returns None (after telling the seller why) when there is nothing to open."""
    try:
        return opener.open(path)
    except (LibraryCorrupt, NotALibrary) as error:
        good = newest_good_backup(path)
        if good is None:
            QMessageBox.critical(parent, APP_NAME, str(error))
            return None
        answer = QMessageBox.question(
            parent, APP_NAME,
            f"{path} is damaged and cannot be opened.\n\nRestore the backup taken "
            f"{good.taken_at.astimezone():%Y-%m-%d %H:%M}? The damaged file is kept beside "
            "it, renamed.",
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
            QMessageBox.StandardButton.Yes)
        if answer != QMessageBox.StandardButton.Yes:
            return None
        try:
            restore(path, good.path, keep)
            return opener.open(path)
        except StoreError as again:
            QMessageBox.critical(parent, APP_NAME, str(again))
            return None
    except StoreError as error:
        QMessageBox.critical(parent, APP_NAME, str(error))
        return None
