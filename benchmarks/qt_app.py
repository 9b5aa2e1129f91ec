"""One offscreen QApplication for the benchmarks that draw (created on first use), set up
exactly as the app sets itself up — including Python's garbage collector pinned to the GUI
thread's timer (``desktop/ui/gui_thread_gc.py``), so that a long GUI-thread operation such as
building a 2,000-card scene is measured as the user gets it: without collector passes over
thousands of long-lived item wrappers in the middle of it (about a fifth of that time)."""

from __future__ import annotations

import os

from PySide6.QtWidgets import QApplication


def application() -> QApplication:
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from desktop.ui.application import create_application

    return create_application(["benchmarks"])
