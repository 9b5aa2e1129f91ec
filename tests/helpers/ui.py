"""Driving the window in tests: open it on a throwaway library, and answer the next modal
dialog that opens, as a person would."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from PySide6.QtCore import QSettings, QTimer
from PySide6.QtWidgets import QApplication, QDialog, QWidget
from pytestqt.qtbot import QtBot

from desktop.domain.deal import Deal
from desktop.domain.plain import deal_to_plain
from desktop.store.library import Library
from desktop.ui.application import open_library
from desktop.ui.deal_dialog import DealDialog
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


def library_state(library: Library) -> list[dict[str, Any]]:
    """Everything the library holds, as comparable plain data (without change times).

    Sorted by id: the deal list is ordered by last change, which undo/redo moves around."""
    state = []
    for summary in sorted(library.list_deals(), key=lambda s: s.id):
        plain = deal_to_plain(library.get_deal(summary.id), include_private=True)
        plain.pop("updated_at")
        state.append(plain)
    return state


def fill_new_deal(name: str, account: str) -> Any:
    def fill(dialog: QDialog) -> None:
        assert isinstance(dialog, DealDialog)
        dialog.name.setText(name)
        dialog.account.setText(account)
        dialog.accept()
    return fill


def stored_deal(window: MainWindow) -> Deal:
    """The shown deal as the library holds it (what a test checks after a gesture)."""
    assert window.session.deal is not None
    return window.session.library.get_deal(window.session.deal.id)
