"""Starting the window: the QApplication, the library (created with the demo deals on first
start) and the main window."""

from __future__ import annotations

import sys
from pathlib import Path

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QMessageBox

from desktop import APP_ID, APP_NAME, __version__
from desktop.demo import add_demo_deals
from desktop.store.errors import StoreError
from desktop.store.library import Library
from desktop.store.location import prepare_default_folder
from desktop.ui.gui_thread_gc import GuiThreadGarbageCollector


def open_library(path: Path) -> Library:
    """Open the library; a new one starts with the demo deals so the first look is not empty."""
    prepare_default_folder(path)
    first_start = not path.exists() or path.stat().st_size == 0
    library = Library.open(path)
    if first_start:
        add_demo_deals(library)
    return library


def create_application(argv: list[str] | None = None) -> QApplication:
    existing = QApplication.instance()
    if isinstance(existing, QApplication):
        return existing
    app = QApplication(argv if argv is not None else sys.argv[:1])
    app.setApplicationName(APP_ID)
    app.setApplicationDisplayName(APP_NAME)
    app.setApplicationVersion(__version__)
    app.setOrganizationName(APP_ID)
    GuiThreadGarbageCollector(app)  # lives as the application's child
    return app


def run(library_path: Path, file: Path | None = None) -> int:
    app = create_application()
    try:
        library = open_library(library_path)
    except StoreError as error:
        QMessageBox.critical(None, APP_NAME, str(error))
        return 1
    from desktop.ui.main_window import MainWindow

    window = MainWindow(library)
    window.show()
    if file is not None:
        # A double-clicked deal file: imported (reviewed like any import), then shown.
        QTimer.singleShot(0, lambda: window.exchange.import_files([file]))
    code = app.exec()
    if window.session is not None:
        window.session.close()
    return code
