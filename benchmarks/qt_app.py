"""One offscreen QApplication for the benchmarks that draw (created on first use)."""

from __future__ import annotations

import os

from PySide6.QtWidgets import QApplication


def application() -> QApplication:
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    app = QApplication.instance()
    if isinstance(app, QApplication):
        return app
    return QApplication(["benchmarks"])
