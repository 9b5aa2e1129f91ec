"""Panels that listen: a change re-reads only what it names, and each panel refreshes only
for the changes that are its own — driven through the window by real input."""

from __future__ import annotations

import re
import threading
import time
from collections.abc import Callable, Iterator
from dataclasses import replace
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtGui import QImage
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QSpinBox
from pytestqt.qtbot import QtBot

from desktop.domain.position import Position
from desktop.synthetic import synthetic_deal
from desktop.ui import commands
from desktop.ui.background import LatestOnly
from desktop.ui.main_window import MainWindow
from desktop.ui.panels.map_view import MapView
from tests.helpers.ui import main_window, stored_deal


@pytest.fixture
def window(qtbot: QtBot, tmp_path: Path) -> Iterator[MainWindow]:
    with main_window(qtbot, tmp_path) as opened:
        opened.resize(1366, 768)
        qtbot.waitUntil(lambda: opened.analysis_panel.runs >= 1)  # the first one, at start
        yield opened


def click_row(window: MainWindow, row: int) -> None:
    table = window.people.table
    index = table.model().index(row, 0)
    table.scrollTo(index)
    QTest.mouseClick(table.viewport(), Qt.MouseButton.LeftButton,
                     Qt.KeyboardModifier.NoModifier, table.visualRect(index).center())


def personal_spin(window: MainWindow) -> QSpinBox:
    return window.inspector.scores[next(a for a in window.inspector.scores
                                        if a.value == "personal")].spin


class Statements:
    """Every SQL statement the window's library runs while recording."""

    def __init__(self, window: MainWindow) -> None:
        self.sql: list[str] = []
        self._connection = window.session.library._connection

    def __enter__(self) -> Statements:
        self._connection.set_trace_callback(self.sql.append)
        return self

    def __exit__(self, *exc: object) -> None:
        self._connection.set_trace_callback(None)

    def reads(self) -> list[str]:
        return [s for s in self.sql if re.match(r"\s*SELECT", s, re.IGNORECASE)]


def test_a_score_edit_reads_back_one_person_and_nothing_else(window: MainWindow,
                                                             qtbot: QtBot) -> None:
    click_row(window, 0)
    person = window.selected_people()[0]
    spin = personal_spin(window)
    with Statements(window) as recorded:
        spin.setFocus()
        QTest.keyClick(spin, Qt.Key.Key_Up)
        QApplication.processEvents()
    stored = window.session.library.get_person(person.id)
    assert stored.scores.personal.value == (person.scores.personal.value or 0) + 1 or (
        person.scores.personal.value is None and stored.scores.personal.value == 0)
    reads = recorded.reads()
    people_reads = [s for s in reads if "FROM people" in s and "deal_id = " in s]
    # The person once (their row and their scores), and no whole-deal or deal-list read.
    assert len(people_reads) == 1, reads
    assert "json_each" in people_reads[0]
    assert person.id in people_reads[0]
    assert not [s for s in reads if "FROM deals AS d" in s]  # the deal list
    assert not [s for s in reads if re.search(r"FROM relations WHERE deal_id = '[^']+' "
                                              r"ORDER BY", s)]
    assert window.session.deal is not None
    assert window.session.deal.person(person.id) == stored  # what every panel reads


def test_the_inspector_is_not_shown_its_own_edit(window: MainWindow, qtbot: QtBot,
                                                 monkeypatch: pytest.MonkeyPatch) -> None:
    click_row(window, 1)
    shown: list[object] = []
    original = window.inspector.show_person

    def show_person(*args: Any) -> None:
        shown.append(args)
        original(*args)

    monkeypatch.setattr(window.inspector, "show_person", show_person)
    spin = personal_spin(window)
    spin.setFocus()
    QTest.keyClick(spin, Qt.Key.Key_Down)
    QTest.keyClick(spin, Qt.Key.Key_Down)
    assert not shown  # its own edits: taken quietly
    window.undo_action.trigger()  # not its own: shown
    assert shown


def test_a_change_to_another_deal_refreshes_nothing_shown(window: MainWindow,
                                                          qtbot: QtBot) -> None:
    shown = window.session.deal
    assert shown is not None
    library = window.session.library
    other = next(deal for deal in (library.get_deal(s.id) for s in library.list_deals())
                 if not {p.id for p in deal.people} & {p.id for p in shown.people})
    table_signals: list[str] = []
    model = window.people.model
    model.dataChanged.connect(lambda *_: table_signals.append("data"))
    model.modelReset.connect(lambda: table_signals.append("reset"))
    runs = window.analysis_panel.runs
    scene_changes: list[object] = []
    window.map_page.scene.changed.connect(scene_changes.append)
    with Statements(window) as recorded:
        window.session.push(commands.EditPeople(
            window.session, [other.people[0]],
            [replace(other.people[0], notes="Lunch with the CFO")], field="notes"))
        qtbot.wait(100)
    assert window.session.deal is shown  # not even re-read
    assert not table_signals
    assert not scene_changes
    assert window.analysis_panel.runs == runs
    assert not [s for s in recorded.reads() if s.startswith(("SELECT * FROM people",
                                                             "SELECT s.* FROM scores"))]
    assert not [s for s in recorded.reads() if "FROM deals AS d" in s]


def test_moving_cards_refreshes_only_the_map(window: MainWindow, qtbot: QtBot) -> None:
    deal = window.session.deal
    assert deal is not None
    table_signals: list[object] = []
    window.people.model.dataChanged.connect(table_signals.append)
    runs = window.analysis_panel.runs
    person = deal.people[0]
    window.session.push(commands.MovePeople(window.session, {person.id: person.position},
                                            {person.id: Position(900.0, 900.0)}))
    qtbot.wait(100)
    card = window.map_page.scene.cards[person.id]
    assert (card.pos().x(), card.pos().y()) == (900.0, 900.0)
    assert not table_signals
    assert window.analysis_panel.runs == runs


def test_a_burst_of_edits_is_analysed_once(window: MainWindow, qtbot: QtBot) -> None:
    click_row(window, 2)
    qtbot.wait(100)
    runs = window.analysis_panel.runs
    slider = window.inspector.scores[next(iter(window.inspector.scores))].slider
    slider.setFocus()
    for _ in range(6):  # a drag of the slider, step by step
        QTest.keyClick(slider, Qt.Key.Key_Right)
    assert window.analysis_panel.runs == runs  # not in the middle of the gesture
    qtbot.waitUntil(lambda: window.analysis_panel.runs == runs + 1, timeout=3000)
    qtbot.wait(150)
    assert window.analysis_panel.runs == runs + 1
    assert window.session.undo_stack.count() >= 1
    assert window.analysis_panel.deal == window.session.deal


def test_zoomed_out_map_is_one_picture_mended_where_it_changed(
        qtbot: QtBot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    with main_window(qtbot, tmp_path) as window:
        window.resize(1366, 768)
        big = synthetic_deal(400, relations_per_person=2, seed=3, name="Big deal")
        window.session.push(commands.CreateDeal(window.session, big))
        qtbot.waitUntil(lambda: window.session.deal is not None
                        and window.session.deal.id == big.id)
        view = window.map_page.view
        view.fit_to_window()
        qtbot.wait(50)
        assert view.overview.applies(view.zoom_level())
        first = view.viewport().grab().toImage()
        renders = view.overview.renders
        assert renders >= 1
        # The same frame as painting item by item.
        direct_pixels = _direct_frame(view, monkeypatch)
        assert _difference(first, direct_pixels) < 0.02
        # An edit mends the picture where the card is; it is not made again.
        person = stored_deal(window).people[5]
        window.session.push(commands.EditPeople(
            window.session, [person], [replace(person, support=person.support.__class__(2))],
            field="support"))
        qtbot.wait(50)
        view.viewport().grab()
        assert view.overview.renders == renders
        # Panning shows the same picture: no new one.
        view.horizontalScrollBar().setValue(view.horizontalScrollBar().value() + 40)
        view.viewport().grab()
        assert view.overview.renders == renders


def _direct_frame(view: MapView, monkeypatch: pytest.MonkeyPatch) -> QImage:
    """The same view painted item by item, as it is when zoomed in."""
    with monkeypatch.context() as patched:
        patched.setattr(view.overview, "applies", lambda zoom: False)
        return view.viewport().grab().toImage()


def _difference(one: QImage, other: QImage) -> float:
    """The share of 4 × 4 pixel blocks whose colour differs clearly: the picture is
    resampled, so a thin line may sit half a pixel aside — blocks see what a person sees."""
    size = one.size() / 4
    mode = Qt.TransformationMode.SmoothTransformation
    small = [image.scaled(size, Qt.AspectRatioMode.IgnoreAspectRatio, mode)
             for image in (one, other)]
    differ = 0
    for y in range(size.height()):
        for x in range(size.width()):
            a, b = (image.pixelColor(QPoint(x, y)) for image in small)
            if abs(a.red() - b.red()) + abs(a.green() - b.green()) + abs(a.blue() - b.blue()) > 60:
                differ += 1
    return differ / (size.width() * size.height())


def test_latest_only_runs_one_job_at_a_time_and_drops_stale_results(qtbot: QtBot) -> None:
    runner = LatestOnly()
    results: list[object] = []
    runner.finished.connect(results.append)
    started: list[int] = []
    release = threading.Event()

    def job(n: int) -> Callable[[], object]:
        def work() -> int:
            started.append(n)
            if n == 1:
                release.wait(5)
            return n
        return work

    runner.request(job(1))
    qtbot.waitUntil(lambda: started == [1])
    for n in (2, 3, 4):  # a burst while the first runs: only the newest will run
        runner.request(job(n))
    release.set()
    qtbot.waitUntil(lambda: results == [4], timeout=3000)
    time.sleep(0.05)
    qtbot.wait(50)
    assert started == [1, 4]  # 2 and 3 never ran; 1's result was stale and dropped
    assert results == [4]
    assert not runner.busy
