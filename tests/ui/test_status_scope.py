"""A status-bar sentence about one deal's people goes when another deal is shown, or when a
person it names is renamed: found by a fresh-eyes tester ("Laura Stein is already in this
deal…" read on the next deal; "New person 13 reports to Jonas Berg…" after the rename)."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from desktop.domain.enums import Support
from desktop.ui.main_window import MainWindow
from tests.helpers.ui import (
    activate,
    choose_by_keys,
    click,
    click_row,
    main_window,
    open_deal,
    press_shortcut,
)

CLINICAL = "Helix Health clinical data platform"
IMAGING = "Helix Health imaging archive"


@pytest.fixture
def window(qtbot: QtBot, tmp_path: Path) -> Iterator[MainWindow]:
    with main_window(qtbot, tmp_path) as opened:
        opened.resize(1366, 728)
        activate(qtbot, opened)
        yield opened


def message(window: MainWindow) -> str:
    return window.statusBar().currentMessage()


def test_already_in_this_deal_goes_when_another_deal_is_opened(window: MainWindow,
                                                               qtbot: QtBot) -> None:
    open_deal(qtbot, window, IMAGING)
    click(window.people.add_button)
    name_field = window.inspector.texts["name"]
    qtbot.waitUntil(lambda: QApplication.focusWidget() is name_field)
    QTest.keyClicks(name_field, "Laura Stein")
    QTest.keyClick(name_field, Qt.Key.Key_Escape)  # the popup goes; the field keeps it
    QTest.keyClick(name_field, Qt.Key.Key_Return)
    assert message(window).startswith("Laura Stein is already in this deal")
    window.people.table.setFocus()
    QTest.qWait(50)
    assert message(window).startswith("Laura Stein is already in this deal")  # still here
    open_deal(qtbot, window, CLINICAL)
    assert message(window) == ""


def test_reports_to_goes_once_the_new_person_is_named(window: MainWindow,
                                                      qtbot: QtBot) -> None:
    open_deal(qtbot, window, CLINICAL)
    click_row(qtbot, window, "Jonas Berg")
    count = len(window.session.deal.people)  # type: ignore[union-attr]
    press_shortcut(qtbot, window, window.add_person_action)
    said = (f"New person {count + 1} reports to Jonas Berg — remove the line in the "
            "inspector if they do not.")
    qtbot.waitUntil(lambda: message(window) == said)
    name_field = window.inspector.texts["name"]
    QTest.keyClicks(name_field, "Nora Vik")
    assert message(window) == said  # typing is not yet a rename
    QTest.keyClick(name_field, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: any(p.name == "Nora Vik"
                                for p in window.session.deal.people))  # type: ignore[union-attr]
    assert message(window) == ""


def test_an_edit_of_someone_else_keeps_the_sentence(window: MainWindow, qtbot: QtBot) -> None:
    """Only a change of whom it names (or another deal) makes it untrue."""
    open_deal(qtbot, window, CLINICAL)
    click_row(qtbot, window, "Jonas Berg")
    press_shortcut(qtbot, window, window.add_person_action)
    qtbot.waitUntil(lambda: "reports to Jonas Berg" in message(window))
    said = message(window)
    other = next(p for p in window.session.deal.people  # type: ignore[union-attr]
                 if p.name != "Jonas Berg" and not p.name.startswith("New person"))
    window.people.table.setFocus()
    click_row(qtbot, window, other.name)
    qtbot.waitUntil(lambda: tuple(window.selection.ids) == (other.id,))
    target = Support.SUPPORTER if other.support is not Support.SUPPORTER else Support.NEUTRAL
    window.inspector.support.setFocus()
    choose_by_keys(qtbot, window.inspector.support, target.label)
    qtbot.waitUntil(lambda: window.session.deal.person(  # type: ignore[union-attr]
        other.id).support is target)
    assert message(window) == said
