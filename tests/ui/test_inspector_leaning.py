"""The inspector's organisation, leaning and coaching, set as a seller sets them (typing, the
combo by keys and through its popup, a click on the check box), checked in the library and
undone step by step; the Decision tab counts the leaning at once."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QLineEdit
from pytestqt.qtbot import QtBot

from desktop.domain.person import Person
from desktop.ui.alternatives_model import LEANING
from desktop.ui.main_window import MainWindow
from tests.helpers.ui import (
    choose_by_keys,
    choose_in_popup,
    click,
    click_row,
    main_window,
    open_deal,
    press_shortcut,
    stored_deal,
    type_into,
)


@pytest.fixture
def window(qtbot: QtBot, tmp_path: Path) -> Iterator[MainWindow]:
    with main_window(qtbot, tmp_path) as opened:
        opened.resize(1366, 768)
        open_deal(qtbot, opened, "Northwind")
        yield opened


def chosen(window: MainWindow, qtbot: QtBot, name: str) -> Person:
    click_row(qtbot, window, name)
    people = window.selected_people()
    assert [p.name for p in people] == [name]
    return people[0]


def stored(window: MainWindow, person: Person) -> Person:
    return window.session.library.get_person(person.id)


def undo(qtbot: QtBot, window: MainWindow) -> None:
    window.people.table.setFocus()  # not in a text field, whose Ctrl+Z undoes typing
    press_shortcut(qtbot, window, window.undo_action)


def test_organisation_is_typed_and_shown_in_the_header(window: MainWindow,
                                                       qtbot: QtBot) -> None:
    person = chosen(window, qtbot, "Priya Raman")
    inspector = window.inspector
    click(inspector.contact_section.toggle)
    field = inspector.texts["organisation"]
    qtbot.waitUntil(field.isVisible)
    type_into(field, "Keller Logistics Consulting")
    assert stored(window, person).organisation == "Keller Logistics Consulting"
    assert "Keller Logistics Consulting" in inspector.header.text()
    undo(qtbot, window)
    assert stored(window, person).organisation == person.organisation
    assert field.text() == person.organisation


def test_leans_to_is_chosen_by_keys_and_popup_and_counted_in_the_decision_tab(
        window: MainWindow, qtbot: QtBot) -> None:
    person = chosen(window, qtbot, "Priya Raman")
    deal = stored_deal(window)
    ids = {a.name: a.id for a in deal.alternatives}
    combo = window.inspector.leans_to
    labels = [combo.itemText(i) for i in range(combo.count())]
    assert labels[0] == "Not known"
    assert "FleetIQ" in labels
    assert "Do nothing" in labels
    was = person.leans_to
    choose_by_keys(qtbot, combo, "FleetIQ")
    assert stored(window, person).leans_to == ids["FleetIQ"]
    choose_in_popup(qtbot, combo, "Do nothing")
    assert stored(window, person).leans_to == ids["Do nothing"]
    # The Decision tab says so (it refreshes when shown).
    tabs = window.tabs
    bar = tabs.tabBar()
    QTest.mouseClick(bar, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier,
                     bar.tabRect(tabs.indexOf(window.decision)).center())
    model = window.decision.alternatives_model
    row = model.row_of(ids["Do nothing"])
    assert row is not None
    assert "Priya Raman" in model.index(row, LEANING).data()
    choose_by_keys(qtbot, combo, "Not known")
    assert stored(window, person).leans_to is None
    assert "Priya Raman" not in model.index(row, LEANING).data()
    undo(qtbot, window)
    assert stored(window, person).leans_to == ids["Do nothing"]
    undo(qtbot, window)
    assert stored(window, person).leans_to == ids["FleetIQ"]
    assert combo.currentText() == "FleetIQ"
    undo(qtbot, window)
    assert stored(window, person).leans_to == was


def test_coaching_a_competitor_is_ticked_and_undone(window: MainWindow, qtbot: QtBot) -> None:
    person = chosen(window, qtbot, "Tomasz Nowak")
    check = window.inspector.coaches
    assert check.isChecked() is person.coaches_competitor
    window.inspector.form_scroll.ensureWidgetVisible(check)
    click(check)
    assert stored(window, person).coaches_competitor is not person.coaches_competitor
    undo(qtbot, window)
    assert stored(window, person).coaches_competitor is person.coaches_competitor
    assert check.isChecked() is person.coaches_competitor


def test_an_alternative_renamed_in_the_decision_tab_is_renamed_in_the_leaning_combo(
        window: MainWindow, qtbot: QtBot) -> None:
    chosen(window, qtbot, "Kevin Liu")
    combo = window.inspector.leans_to
    assert combo.currentText() == "FleetIQ"
    tabs = window.tabs
    bar = tabs.tabBar()
    QTest.mouseClick(bar, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier,
                     bar.tabRect(tabs.indexOf(window.decision)).center())
    table = window.decision.alternatives
    row = window.decision.alternatives_model.row_of(
        next(a.id for a in stored_deal(window).alternatives if a.name == "FleetIQ"))
    assert row is not None
    index = table.model().index(row, 0)
    QTest.mouseClick(table.viewport(), Qt.MouseButton.LeftButton,
                     Qt.KeyboardModifier.NoModifier, table.visualRect(index).center())
    QTest.keyClick(table, Qt.Key.Key_F2)
    qtbot.waitUntil(lambda: isinstance(QApplication.focusWidget(), QLineEdit))
    editor = QApplication.focusWidget()
    assert editor is not None
    QTest.keyClick(editor, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
    QTest.keyClicks(editor, "FleetIQ Cloud")
    QTest.keyClick(editor, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: combo.currentText() == "FleetIQ Cloud")
    assert "FleetIQ Cloud" in stored_deal(window).competitors
