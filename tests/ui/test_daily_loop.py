"""What a seller tripped over on a 1,366 × 768 laptop (a fresh-eyes session under Xvfb), each
as input: the map's context menu worked once per session (closing it deleted the shared
support and influence submenus) and acted on the selection, not the card clicked; Ctrl+Y did
not redo on Linux; Tab never left the people table; a find filter typed for one deal hid the
people of the next."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QPoint, QPointF, Qt
from PySide6.QtGui import QContextMenuEvent
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QMenu
from pytestqt.qtbot import QtBot

from desktop.domain.enums import Support
from desktop.ui.main_window import MainWindow
from tests.helpers.map_input import on_screen
from tests.helpers.ui import activate, click_row, main_window, stored_deal


@pytest.fixture
def window(qtbot: QtBot, tmp_path: Path) -> Iterator[MainWindow]:
    with main_window(qtbot, tmp_path) as opened:
        opened.resize(1366, 728)
        activate(qtbot, opened)
        yield opened


def right_click(window: MainWindow, at: QPointF) -> None:
    """A right click as the platform delivers it: press, the context-menu event, release."""
    viewport = window.map_page.view.viewport()
    point = at.toPoint()
    QTest.mousePress(viewport, Qt.MouseButton.RightButton, Qt.KeyboardModifier.NoModifier,
                     point)
    QApplication.sendEvent(viewport, QContextMenuEvent(
        QContextMenuEvent.Reason.Mouse, point, viewport.mapToGlobal(point)))
    QTest.mouseRelease(viewport, Qt.MouseButton.RightButton, Qt.KeyboardModifier.NoModifier,
                       point)


def choose(qtbot: QtBot, menu: QMenu, *path: str) -> None:
    for text in path:
        qtbot.waitUntil(menu.isVisible, timeout=2000)
        action = next(a for a in menu.actions() if a.text().replace("&", "").startswith(text))
        QTest.mouseClick(menu, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier,
                         menu.actionGeometry(action).center())
        submenu = action.menu()
        if isinstance(submenu, QMenu):
            menu = submenu


def test_the_map_menu_works_every_time_on_the_card_clicked(window: MainWindow,
                                                            qtbot: QtBot) -> None:
    deal = stored_deal(window)
    cards = window.map_page.scene.cards
    first, second = deal.people[0], deal.people[1]
    click_row(qtbot, window, first.name)  # someone else is selected
    for person in (second, first, second):
        right_click(window, on_screen(window, cards[person.id]) + QPointF(0, -8))
        menu = window.people_menu
        assert menu is not None
        qtbot.waitUntil(menu.isVisible, timeout=2000)
        assert [p.name for p in window.selected_people()] == [person.name]
        QTest.keyClick(menu, Qt.Key.Key_Escape)
        qtbot.waitUntil(lambda: not menu.isVisible(), timeout=2000)  # noqa: B023
    right_click(window, on_screen(window, cards[first.id]) + QPointF(0, -8))
    assert window.people_menu is not None
    choose(qtbot, window.people_menu, "Set support", "Enemy")
    assert window.session.library.get_person(first.id).support is Support.ENEMY


def has(window: MainWindow, person_id: str) -> bool:
    return any(p.id == person_id for p in stored_deal(window).people)


def test_ctrl_y_and_ctrl_shift_z_both_redo(window: MainWindow, qtbot: QtBot) -> None:
    person = stored_deal(window).people[0]
    click_row(qtbot, window, person.name)
    QTest.keyClick(window.people.table, Qt.Key.Key_Delete)  # deletes the person
    assert not has(window, person.id)
    for redo in (Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier,
                 Qt.KeyboardModifier.ControlModifier):
        QTest.keyClick(window.people.table, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
        assert has(window, person.id)
        key = Qt.Key.Key_Z if redo & Qt.KeyboardModifier.ShiftModifier else Qt.Key.Key_Y
        QTest.keyClick(window.people.table, key, redo)
        assert not has(window, person.id)


def test_tab_leaves_the_people_table(window: MainWindow, qtbot: QtBot) -> None:
    person = stored_deal(window).people[0]
    click_row(qtbot, window, person.name)
    table = window.people.table
    assert QApplication.focusWidget() is table
    QTest.keyClick(table, Qt.Key.Key_Tab)
    assert QApplication.focusWidget() is not table
    assert [p.name for p in window.selected_people()] == [person.name]  # still selected


def test_a_find_filter_does_not_follow_to_the_next_deal(window: MainWindow,
                                                        qtbot: QtBot) -> None:
    QTest.keyClicks(window.people.search, "zzz nobody")
    assert window.people.filter.rowCount() == 0
    view = window.deal_list.list
    model = view.model()
    other = next(model.index(row, 0) for row in range(model.rowCount())
                 if not str(model.index(row, 0).data()).startswith(
                     window.session.deal.name if window.session.deal else ""))
    QTest.mouseClick(view.viewport(), Qt.MouseButton.LeftButton,
                     Qt.KeyboardModifier.NoModifier, view.visualRect(other).center())
    assert window.people.search.text() == ""
    assert window.people.filter.rowCount() == len(stored_deal(window).people) > 0


def test_sorting_by_a_score_puts_the_unknown_last_both_ways(window: MainWindow,
                                                             qtbot: QtBot) -> None:
    """Sorting by personal win to find who needs most showed ten "?" rows before the 2."""
    from desktop.ui.people_model import Column

    table = window.people.table
    header = table.horizontalHeader()
    x = header.sectionViewportPosition(Column.PERSONAL) + header.sectionSize(Column.PERSONAL) // 2
    known = sorted(p.scores.personal.value for p in stored_deal(window).people
                   if p.scores.personal.value is not None)
    unknown = sum(1 for p in stored_deal(window).people if p.scores.personal.value is None)
    assert unknown >= 1
    shown_orders = []
    for _ in range(2):  # a click sorts one way, the next the other
        QTest.mouseClick(header.viewport(), Qt.MouseButton.LeftButton,
                         Qt.KeyboardModifier.NoModifier, QPoint(x, header.height() // 2))
        rows = window.people.filter.rowCount()
        shown = [window.people.filter.index(r, Column.PERSONAL).data() for r in range(rows)]
        assert shown[-unknown:] == ["?"] * unknown
        shown_orders.append([int(v) for v in shown[:-unknown]])
    assert sorted(shown_orders) == sorted([known, known[::-1]])
