"""The main window (placeholder until the main-window issue): the deals of the library."""

from __future__ import annotations

from PySide6.QtWidgets import QListWidget, QMainWindow

from desktop import APP_NAME
from desktop.store.library import Library


class MainWindow(QMainWindow):
    def __init__(self, library: Library) -> None:
        super().__init__()
        self.library = library
        self.setWindowTitle(f"{library.path.name} — {APP_NAME}")
        self.deals = QListWidget(self)
        for summary in library.list_deals():
            self.deals.addItem(f"{summary.name} — {summary.account} ({summary.people} people)")
        self.setCentralWidget(self.deals)
        self.resize(900, 600)
