"""Driving the window in tests: open it on a throwaway library, and answer the next modal
dialog that opens, as a person would."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

from PySide6.QtCore import QSettings, QTimer
from PySide6.QtWidgets import QApplication, QDialog, QWidget
from pytestqt.qtbot import QtBot

from desktop.ui.application import open_library
from desktop.ui.main_window import MainWindow
from desktop.ui.settings import Settings


def make_settings(folder: Path) -> Settings:
    return Settings(QSettings(str(folder / "settings.ini"), QSettings.Format.IniFormat))


def open_window(qtbot: QtBot, path: Path, folder: Path) -> MainWindow:
    window = MainWindow(open_library(path), make_settings(folder))
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    return window


@contextmanager
def main_window(qtbot: QtBot, folder: Path) -> Iterator[MainWindow]:
    """The window on a new library (with the demo deals) in ``folder``; closed after."""
    opened = open_window(qtbot, folder / "library.sqlite", folder)
    try:
        yield opened
    finally:
        if opened.session is not None:
            opened.session.close()


def answer_next_dialog(fill: Callable[[QDialog], None], *, timeout_ms: int = 5000) -> None:
    """When the next modal dialog opens, call ``fill(dialog)`` (which should accept or
    reject it). Gives up after ``timeout_ms`` so a test never hangs."""
    waited = 0

    def poll() -> None:
        nonlocal waited
        widget: QWidget | None = QApplication.activeModalWidget()
        if isinstance(widget, QDialog):
            try:
                fill(widget)
            except BaseException:
                widget.reject()  # a failed check must fail the test, not hang it in exec()
                raise
            return
        waited += 20
        if waited < timeout_ms:
            QTimer.singleShot(20, poll)

    QTimer.singleShot(0, poll)
