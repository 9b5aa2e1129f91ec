"""The real main window on a library of synthetic deals, driven by real input, for the
benchmarks of a seller's edits (``edit_painted``, ``slider_drag``, ``deal_switch``).

The window is 1,366 × 768 (a laptop) on the offscreen platform. "Painted" means: the input
event was delivered and the event loop has run until the widgets that show the change (the
map, the table …) have been painted with it — the clock stops at the end of that pass. Work
Qt defers past the paint (indexing a new scene, a queued analysis) is not in it; it is in
the "settled" figure some benchmarks print beside. Widgets are found by their object names,
as a person finds them by sight, so the benchmarks do not depend on how the window is put
together inside.
"""

from __future__ import annotations

import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import replace
from pathlib import Path

from PySide6.QtCore import QEvent, QObject, QSettings, Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import (
    QApplication,
    QGraphicsView,
    QListView,
    QSpinBox,
    QTableView,
    QWidget,
)

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


class Paints(QObject):
    """Counts the paint events of some widgets."""

    def __init__(self, widgets: list[QWidget]) -> None:
        super().__init__()
        self.counts = {id(w): 0 for w in widgets}
        self.widgets = widgets
        for widget in widgets:
            widget.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Paint and id(watched) in self.counts:
            self.counts[id(watched)] += 1
        return False

    def reset(self) -> None:
        self.counts = dict.fromkeys(self.counts, 0)

    def all_painted(self) -> bool:
        return all(self.counts.values())

    def remove(self) -> None:
        for widget in self.widgets:
            widget.removeEventFilter(self)


def until_painted(app: QApplication, paints: Paints, start: float,
                  timeout: float = 30.0) -> float:
    """Run the event loop until every watched widget has painted; seconds since ``start``
    at the end of that pass."""
    while not paints.all_painted() and time.perf_counter() - start < timeout:
        app.processEvents()
    return time.perf_counter() - start


def map_and_table(window: QWidget) -> list[QWidget]:
    """The widgets that show a person: the map's viewport and the table's."""
    map_view = window.findChild(QGraphicsView, "map_view")
    assert map_view is not None
    return [map_view.viewport(), people_table(window).viewport()]


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


def first_person_of(app: QApplication, window: QWidget, name: str, watch: AnalysisWatch) -> None:
    """Show the deal called ``name``, click its first person, and let the analysis settle."""
    choose_deal(app, window, name)
    time.sleep(0.2)
    settle(app)
    select_first_person(app, window)
    watch.wait(app, time.perf_counter() - 60)
