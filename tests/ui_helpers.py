"""Driving modal dialogs in tests: answer the next one that opens, as a person would."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QDialog, QWidget


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
