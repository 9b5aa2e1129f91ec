"""Child process of the startup benchmark: start, paint the first window, quit at once.

``python -m benchmarks.startup_probe bare`` — a bare PySide6 window (the baseline);
``python -m benchmarks.startup_probe app DB`` — the real main window on the library ``DB``.
"""

from __future__ import annotations

import sys
from pathlib import Path

from PySide6.QtCore import QEvent, QObject, QTimer
from PySide6.QtWidgets import QApplication, QLabel, QMainWindow, QWidget


class QuitOnFirstPaint(QObject):
    """Says "painted" on standard output once the window's first paint is done (the parent
    stops its clock there: tearing the process down is not start-up), then quits."""

    def __init__(self) -> None:
        super().__init__()
        self.done = False

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Paint and not self.done:
            self.done = True
            QTimer.singleShot(0, self._painted)
        return False

    def _painted(self) -> None:
        print("painted", flush=True)
        QApplication.quit()


def main(argv: list[str]) -> int:
    window: QWidget
    if argv[0] == "bare":
        app = QApplication(sys.argv[:1])
        window = QMainWindow()
        window.setCentralWidget(QLabel("Hello"))
    else:
        from desktop.ui.application import create_application, open_library
        from desktop.ui.main_window import MainWindow

        app = create_application()
        window = MainWindow(open_library(Path(argv[1])))
    watcher = QuitOnFirstPaint()
    window.installEventFilter(watcher)
    window.resize(1280, 800)
    window.show()
    QTimer.singleShot(10_000, app.quit)  # never hang a benchmark run
    return app.exec()


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
