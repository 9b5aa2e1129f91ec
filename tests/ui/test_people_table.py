"""The people table's keys, as a seller presses them: a score typed in place, Delete,
Backspace or ? on a score making it unknown, Delete on a person deleting them with a word in
the status bar, and Ctrl+Z bringing them back."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QModelIndex, Qt
from PySide6.QtGui import QKeySequence
from PySide6.QtTest import QTest
from pytestqt.qtbot import QtBot

from desktop.ui.main_window import MainWindow
from desktop.ui.people_model import Column
from tests.helpers.ui import main_window, stored_deal


@pytest.fixture
def window(qtbot: QtBot, tmp_path: Path) -> Iterator[MainWindow]:
    with main_window(qtbot, tmp_path) as opened:
        opened.resize(1366, 768)
        yield opened


def cell(window: MainWindow, row: int, column: Column) -> QModelIndex:
    table = window.people.table
    index = table.model().index(row, column)
    table.scrollTo(index)
    return index


def click_cell(window: MainWindow, row: int, column: Column) -> None:
    table = window.people.table
    index = cell(window, row, column)
    QTest.mouseClick(table.viewport(), Qt.MouseButton.LeftButton,
                     Qt.KeyboardModifier.NoModifier, table.visualRect(index).center())


def person_in_row(window: MainWindow, row: int) -> str:
    return str(cell(window, row, Column.NAME).data())


def scores_of(window: MainWindow, name: str) -> tuple[int | None, int | None, int | None]:
    person = next(p for p in stored_deal(window).people if p.name == name)
    return person.scores.values()


def test_a_score_is_typed_in_its_cell(window: MainWindow) -> None:
    name = person_in_row(window, 1)
    click_cell(window, 1, Column.BUSINESS)
    table = window.people.table
    QTest.keyClick(table, Qt.Key.Key_F2)  # edit the cell
    editor = table.focusWidget()
    assert editor is not None
    assert editor is not table
    QTest.keyClick(editor, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
    QTest.keyClicks(editor, "8")
    QTest.keyClick(editor, Qt.Key.Key_Return)
    assert scores_of(window, name)[0] == 8


@pytest.mark.parametrize("key", [Qt.Key.Key_Delete, Qt.Key.Key_Backspace,
                                 Qt.Key.Key_Question])
def test_delete_backspace_or_question_mark_make_a_score_unknown(window: MainWindow,
                                                                key: Qt.Key) -> None:
    name = person_in_row(window, 0)
    before = scores_of(window, name)
    assert before[0] is not None
    people = len(stored_deal(window).people)
    click_cell(window, 0, Column.BUSINESS)
    QTest.keyClick(window.people.table, key)
    assert scores_of(window, name) == (None, before[1], before[2])  # unknown, not 0
    assert len(stored_deal(window).people) == people  # nobody deleted
    assert cell(window, 0, Column.BUSINESS).data() == "?"


def test_delete_on_a_person_deletes_them_says_so_and_undo_brings_them_back(
        window: MainWindow) -> None:
    name = person_in_row(window, 2)
    people = len(stored_deal(window).people)
    click_cell(window, 2, Column.NAME)
    QTest.keyClick(window.people.table, Qt.Key.Key_Delete)
    assert len(stored_deal(window).people) == people - 1
    message = window.statusBar().currentMessage()
    assert message.startswith(f"Deleted {name}")
    assert window.undo_action.shortcut().toString(
        QKeySequence.SequenceFormat.NativeText) in message
    QTest.keySequence(window.people.table, window.undo_action.shortcut())
    assert len(stored_deal(window).people) == people
    assert any(p.name == name for p in stored_deal(window).people)


def test_next_action_and_due_are_in_view_and_names_stay_when_scrolled_sideways(
        window: MainWindow, qtbot: QtBot) -> None:
    """At 1366 × 768 the plan's columns were past the right edge, and scrolling to them hid
    the names. What a seller acts on next is shown right after who; scrolled to the far
    right, the names stay at the left edge, and a click on one selects that person."""
    table = window.people.table
    QTest.qWait(0)
    for column in (Column.NAME, Column.TITLE, Column.NEXT_ACTION, Column.DUE):
        right = table.columnViewportPosition(column) + table.columnWidth(column)
        assert right <= table.viewport().width(), column.header
    frozen = window.people.frozen.view
    assert not frozen.isVisible()  # at rest the table's own name column is clicked
    table.setFocus()
    QTest.keyClick(table, Qt.Key.Key_End)  # the last column (the table's own key)
    qtbot.waitUntil(lambda: table.horizontalScrollBar().value() > 0)
    assert frozen.isVisible()
    assert frozen.geometry().left() <= table.frameWidth()
    index = frozen.model().index(2, Column.NAME)
    name = str(index.data())
    QTest.mouseClick(frozen.viewport(), Qt.MouseButton.LeftButton,
                     Qt.KeyboardModifier.NoModifier, frozen.visualRect(index).center())
    assert frozen.isVisible()
    deal = stored_deal(window)
    assert [p.name for p in window.selection.people(deal)] == [name]
