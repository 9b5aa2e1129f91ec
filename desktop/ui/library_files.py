"""Which library file the window shows: new, open, recent, backups and restore.

The window's File menu calls these; opening a file goes through the one recovery routine
(a damaged file is never overwritten), and the session is handed the opened library.
"""

from __future__ import annotations

import contextlib
from functools import partial
from pathlib import Path

from PySide6.QtWidgets import QMenu, QWidget

from desktop.store.errors import StoreError
from desktop.store.library import Library
from desktop.ui import file_dialogs
from desktop.ui.session import LibrarySession
from desktop.ui.settings import BACKUPS_KEPT, LAST_LIBRARY, RECENT_LIBRARIES, Settings

LIBRARY_FILTER = "Deal Triangle libraries (*.sqlite *.db);;All files (*)"


def daily_backup(library: Library, keep: int) -> None:
    """A failed backup (disk full, read-only folder) must not stop the seller from working;
    the next start tries again."""
    with contextlib.suppress(StoreError, OSError):
        library.backup_if_due(keep)


class LibraryFiles:
    def __init__(self, window: QWidget, session: LibrarySession, settings: Settings) -> None:
        self.window = window
        self.session = session
        self.settings = settings
        self.recent_menu: QMenu | None = None  # set by the window when it builds its menus
        self.backups_dialog: QWidget | None = None  # the open one, for tests

    def show_library(self, library: Library) -> None:
        path = str(library.path)
        self.settings.set(LAST_LIBRARY, path)
        self.settings.add_recent(path)
        self.refresh_recent_menu()
        self.session.open(library)

    def new_library(self) -> None:
        name, _ = file_dialogs.get_save_file_name(self.window, "New library",
                                                  str(Path.home() / "deals.sqlite"),
                                                  LIBRARY_FILTER)
        if name:
            path = Path(name)
            if path.exists():
                self.session.failed.emit(f"{path} already exists; open it instead.")
                return
            self.open_path(path)

    def open_library(self) -> None:
        name, _ = file_dialogs.get_open_file_name(self.window, "Open library",
                                                  str(Path.home()), LIBRARY_FILTER)
        if name:
            self.open_path(Path(name))

    def open_path(self, path: Path) -> None:
        keep = self.settings.get(BACKUPS_KEPT)
        from desktop.ui.recovery import open_or_recover

        library = open_or_recover(path, self.window, keep)
        if library is None:
            return
        daily_backup(library, keep)
        self.show_library(library)

    def refresh_recent_menu(self) -> None:
        menu = self.recent_menu
        if menu is None:
            return
        menu.clear()
        recent = self.settings.get(RECENT_LIBRARIES)
        for number, path in enumerate(recent, start=1):
            menu.addAction(f"&{number} {path}", partial(self.open_path, Path(path)))
        menu.setEnabled(bool(recent))

    # -- backups ------------------------------------------------------------------------------

    def show_backups(self) -> None:
        from desktop.ui.backups_dialog import BackupsDialog

        keep = self.settings.get(BACKUPS_KEPT)
        dialog = BackupsDialog(self.session.library.path, self.back_up_now,
                               self.restore_backup, keep, self.window,
                               partial(self.settings.set, BACKUPS_KEPT))
        self.backups_dialog = dialog
        dialog.exec()

    def back_up_now(self) -> None:
        try:
            made = self.session.library.backup("manual", self.settings.get(BACKUPS_KEPT))
        except StoreError as error:
            self.session.failed.emit(str(error))
            return
        self.session.done.emit(f"Backed up to {made}.")

    def restore_backup(self, backup: Path) -> bool:
        """Close the library, restore, open it again (undo history ends with the old file)."""
        from desktop.store.restoring import restore

        path = self.session.library.path
        self.session.close()
        try:
            safety = restore(path, backup, self.settings.get(BACKUPS_KEPT))
        except StoreError as error:
            self.session.failed.emit(str(error))
            safety = None
            failed = True
        else:
            failed = False
        try:
            library = Library.open(path)
        except StoreError as error:
            self.session.failed.emit(str(error))
            return False
        self.show_library(library)
        if not failed:
            self.session.done.emit(f"Restored {path.name} from {backup.name}"
                                   + (f"; the library as it was is in {safety}." if safety
                                      else "."))
        return not failed
