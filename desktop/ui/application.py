"""Starting the window: the QApplication, the library (created with the demo deals on first
start) and the main window."""

from __future__ import annotations

import os
import sys
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QSettings, QTimer
from PySide6.QtGui import QIcon
from PySide6.QtWidgets import QApplication, QMessageBox

from desktop import APP_ID, APP_NAME, __version__
from desktop.resource_paths import resources_dir
from desktop.store.backups import DEFAULT_KEEP
from desktop.store.errors import LibraryCorrupt, NotALibrary, StoreError
from desktop.store.library import Library
from desktop.store.location import prepare_default_folder
from desktop.ui.gui_thread_gc import GuiThreadGarbageCollector
from desktop.ui.library_files import daily_backup
from desktop.ui.settings import BACKUPS_KEPT, Settings

if TYPE_CHECKING:
    from desktop.ui.main_window import MainWindow

DESKTOP_FILE = "org.dealtriangle.DealTriangle"
BACKUP_DELAY_MS = 3000  # the daily backup, once the window is up


def open_library(path: Path, keep: int = DEFAULT_KEEP, *, daily: bool = True) -> Library:
    """Open the library; a new one starts with the demo deals so the first look is not empty.
    The daily backup is made here when due (``daily``; the app defers it until the window is
    up, so a big library's backup never delays the first paint)."""
    prepare_default_folder(path)
    first_start = not path.exists() or path.stat().st_size == 0
    library = Library.open(path)
    if first_start:
        from desktop.demo import add_demo_deals  # first start only: not on every start-up

        add_demo_deals(library)
    if daily:
        daily_backup(library, keep)
    return library


def _deferred_daily_backup(window: MainWindow, keep: int) -> None:
    if window.session.is_open:
        daily_backup(window.session.library, keep)


def create_application(argv: list[str] | None = None) -> QApplication:
    existing = QApplication.instance()
    if isinstance(existing, QApplication):
        return existing
    app = QApplication(argv if argv is not None else sys.argv[:1])
    app.setApplicationName(APP_ID)
    app.setApplicationDisplayName(APP_NAME)
    app.setApplicationVersion(__version__)
    app.setOrganizationName(APP_ID)
    app.setDesktopFileName(DESKTOP_FILE)  # Wayland and docks match the window to its entry
    icon = resources_dir() / "icons" / "deal-triangle.svg"
    if icon.exists():
        app.setWindowIcon(QIcon(str(icon)))
    GuiThreadGarbageCollector(app)  # lives as the application's child
    return app


def run(library_path: Path, file: Path | None = None) -> int:
    app = create_application()
    settings = Settings(QSettings())
    keep = settings.get(BACKUPS_KEPT)
    try:
        library = open_library(library_path, keep, daily=False)
    except (LibraryCorrupt, NotALibrary):
        from desktop.ui.recovery import open_or_recover

        recovered = open_or_recover(library_path, None, keep)
        if recovered is None:
            return 1
        library = recovered
    except StoreError as error:
        QMessageBox.critical(None, APP_NAME, str(error))
        return 1
    from desktop.ui.main_window import MainWindow

    window = MainWindow(library, settings)
    window.show()
    QTimer.singleShot(BACKUP_DELAY_MS, partial(_deferred_daily_backup, window, keep))
    if file is not None:
        # A double-clicked deal file: imported (reviewed like any import), then shown.
        QTimer.singleShot(0, lambda: window.exchange.import_files([file]))
    quit_after = os.environ.get("DEAL_TRIANGLE_QUIT_AFTER_MS", "")
    if quit_after.isdigit():  # for smoke tests of a built bundle: start, paint, quit
        QTimer.singleShot(int(quit_after), app.quit)
    code = app.exec()
    window.session.close()
    return code
