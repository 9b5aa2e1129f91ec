"""The real main window on a library of synthetic deals, driven by real input, for the
benchmarks of a seller's edits (``edit_painted``, ``slider_drag``, ``deal_switch``).

The window is 1,366 × 768 (a laptop) on the offscreen platform. "Painted" means: the input
event was delivered, every event and zero-delay timer it caused was processed, and the
window's dirty regions were painted (Qt paints on the ``UpdateRequest`` events that
``processEvents`` delivers). Widgets are found by their object names, as a person finds
them by sight, so the benchmarks do not depend on how the window is put together inside.
"""

from __future__ import annotations

import tempfile
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import replace
from pathlib import Path

from PySide6.QtCore import QSettings, Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QListView, QSpinBox, QTableView, QWidget

from benchmarks.qt_app import application
from desktop.domain.deal import Deal
from desktop.store.library import Library
from desktop.synthetic import synthetic_deal

SIZES = (25, 300, 2_000, 10_000)
WIDTH, HEIGHT = 1366, 768


def deal_of(people: int) -> Deal:
    return replace(synthetic_deal(people, relations_per_person=2, seed=people),
                   name=f"{people:05d} people")


def settle(app: QApplication) -> None:
    """Deliver everything pending, paints included."""
    for _ in range(3):
        app.processEvents()


@contextmanager
def window_on(deals: list[Deal]) -> Iterator[tuple[QApplication, QWidget, Path]]:
    app = application()
    from desktop.ui.main_window import MainWindow
    from desktop.ui.settings import Settings

    folder = Path(tempfile.mkdtemp(prefix="bench-window-"))
    path = folder / "library.sqlite"
    with Library.open(path) as library:
        library.add_deals(deals)
    settings = Settings(QSettings(str(folder / "settings.ini"), QSettings.Format.IniFormat))
    window = MainWindow(Library.open(path), settings)
    window.resize(WIDTH, HEIGHT)
    window.show()
    settle(app)
    try:
        yield app, window, path
    finally:
        window.close()
        session = getattr(window, "session", None)
        if session is not None:
            session.close()
        window.deleteLater()
        settle(app)


def deal_list(window: QWidget) -> QListView:
    found = window.findChild(QListView, "deal_list")
    assert found is not None
    return found


def people_table(window: QWidget) -> QTableView:
    found = window.findChild(QTableView, "people_table")
    assert found is not None
    return found


def choose_deal(app: QApplication, window: QWidget, name: str) -> None:
    """Click the deal in the list."""
    view = deal_list(window)
    model = view.model()
    for row in range(model.rowCount()):
        index = model.index(row, 0)
        if str(index.data()).startswith(name):
            view.scrollTo(index)
            QTest.mouseClick(view.viewport(), Qt.MouseButton.LeftButton,
                             Qt.KeyboardModifier.NoModifier, view.visualRect(index).center())
            settle(app)
            return
    raise LookupError(name)


def select_first_person(app: QApplication, window: QWidget) -> None:
    """Click the first row of the people table."""
    table = people_table(window)
    table.scrollToTop()
    settle(app)
    index = table.model().index(0, 0)
    QTest.mouseClick(table.viewport(), Qt.MouseButton.LeftButton,
                     Qt.KeyboardModifier.NoModifier, table.visualRect(index).center())
    settle(app)


def score_spin(window: QWidget, axis: str = "personal") -> QSpinBox:
    editor = window.findChild(QWidget, f"score_{axis}")
    assert editor is not None
    spin = editor.findChild(QSpinBox)
    assert spin is not None
    return spin


def timed(app: QApplication, gesture: Callable[[], None]) -> float:
    start = time.perf_counter()
    gesture()
    settle(app)
    return time.perf_counter() - start


def store_write_time(path: Path, person_id: str, repeat: int = 5) -> float:
    """The baseline: the store write of the same score change, alone."""
    from desktop.domain.enums import Axis

    times = []
    with Library.open(path) as library:
        person = library.get_person(person_id)
        for step in range(repeat):
            score = person.scores[Axis.PERSONAL]
            changed = person.with_score(Axis.PERSONAL, replace(score, value=step % 10))
            start = time.perf_counter()
            library.update_people([changed])
            times.append(time.perf_counter() - start)
    times.sort()
    return times[len(times) // 2]


class AnalysisWatch:
    """When the analysis panel last showed a result (its ``analysis_shown`` signal)."""

    def __init__(self, window: QWidget) -> None:
        self.shown_at = 0.0
        panel = window.findChild(QWidget, "analysis_panel")
        assert panel is not None
        signal = getattr(panel, "analysis_shown", None)
        if signal is not None:
            signal.connect(self._mark)
        else:  # the window before panels had signals: wrap the method it called
            original = panel.show_analysis  # type: ignore[attr-defined]

            def wrapped(*args: object) -> None:
                original(*args)
                self._mark()

            panel.show_analysis = wrapped  # type: ignore[attr-defined]

    def _mark(self, *_args: object) -> None:
        self.shown_at = time.perf_counter()

    def wait(self, app: QApplication, since: float, timeout: float = 30.0) -> float:
        """Seconds from ``since`` until the analysis was shown after it."""
        while self.shown_at < since and time.perf_counter() - since < timeout:
            app.processEvents()
            time.sleep(0.0005)
        return self.shown_at - since
