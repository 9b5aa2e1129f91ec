"""The window's size and its splitters, kept between runs by declaration (Picard's
``PreserveGeometry``): a splitter is named once with its setting and first-run sizes, and
is restored now and saved when the window closes."""

from __future__ import annotations

from PySide6.QtCore import QByteArray, QSize
from PySide6.QtGui import QGuiApplication
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
            window.resize(fitting(window, first_size))

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


def fitting(window: QWidget, wanted: QSize) -> QSize:
    """``wanted``, made no larger than the screen's free area (a 1366 × 768 laptop's is
    smaller than a first window of 1360 × 860: it must not open taller than the screen)."""
    free = (window.screen() or QGuiApplication.primaryScreen()).availableGeometry()
    frame = 40  # the title bar and borders the window manager adds
    return QSize(min(wanted.width(), free.width()), min(wanted.height(), free.height() - frame))
