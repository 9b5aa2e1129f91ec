"""Files dropped on the window are imported — after the drop returns, since an import may
open dialogs (a nested event loop inside a drop handler is how re-entrancy bugs start)."""

from __future__ import annotations

from collections.abc import Callable
from functools import partial
from pathlib import Path

from PySide6.QtCore import QEvent, QMimeData, QObject, QTimer
from PySide6.QtGui import QDropEvent
from PySide6.QtWidgets import QWidget


class FileDrops(QObject):
    def __init__(self, window: QWidget, import_files: Callable[[list[Path]], object]) -> None:
        super().__init__(window)
        self._import_files = import_files
        window.setAcceptDrops(True)
        window.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        kind = event.type()
        if kind in (QEvent.Type.DragEnter, QEvent.Type.DragMove, QEvent.Type.Drop) \
                and isinstance(event, QDropEvent):
            files = local_files(event.mimeData())
            if not files:
                return False
            event.acceptProposedAction()
            if kind == QEvent.Type.Drop:
                QTimer.singleShot(0, partial(self._import_files, files))
            return True
        return False


def local_files(mime: QMimeData) -> list[Path]:
    return [Path(url.toLocalFile()) for url in mime.urls() if url.isLocalFile()]
