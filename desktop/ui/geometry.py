"""The window's size and its splitters, kept between runs by declaration (Picard's
``PreserveGeometry``): a splitter is named once with its setting and first-run sizes, and
is restored now and saved when the window closes."""

from __future__ import annotations

from PySide6.QtCore import QByteArray, QSize
from PySide6.QtWidgets import QSplitter, QWidget

from desktop.ui.settings import Setting, Settings


class KeptGeometry:
    def __init__(self, settings: Settings, window: QWidget, setting: Setting[QByteArray],
                 first_size: QSize) -> None:
        self.settings = settings
        self.window = window
        self.setting = setting
        self._splitters: list[tuple[QSplitter, Setting[QByteArray]]] = []
        saved = settings.get(setting)
        if saved.isEmpty() or not window.restoreGeometry(saved):
            window.resize(first_size)

    def splitter(self, splitter: QSplitter, setting: Setting[QByteArray],
                 first_sizes: list[int]) -> None:
        if not splitter.restoreState(self.settings.get(setting)):
            splitter.setSizes(first_sizes)
        self._splitters.append((splitter, setting))

    def save(self) -> None:
        self.settings.set(self.setting, self.window.saveGeometry())
        for splitter, setting in self._splitters:
            self.settings.set(setting, splitter.saveState())
        self.settings.sync()
