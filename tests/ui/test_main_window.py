"""The main window driven as a person drives it: real widgets, a real library file."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QAbstractItemView, QMessageBox, QSpinBox
from pytestqt.qtbot import QtBot

from desktop.domain.deal import Deal
from desktop.domain.enums import Axis, Support
from desktop.resource_paths import demo_files
from desktop.store.library import Library
from desktop.ui.main_window import MainWindow
from desktop.ui.people_model import Column
from desktop.ui.settings import RECENT_LIBRARIES
from tests.helpers.ui import (
    activate,
    answer_next_dialog,
    answer_text_dialog,
    choose_menu,
    click_row,
    drag_slider,
    fill_new_deal,
    library_state,
    open_window,
    press_shortcut,
    stored_deal,
    type_into,
)


def same_content(one: Deal, other: Deal) -> bool:
    """Equal but for the time of the last change."""
    return replace(one, updated_at=None) == replace(other, updated_at=None)


def test_first_start_shows_the_demo_deals(window: MainWindow) -> None:
    assert window.deal_list.model.rowCount() == len(demo_files())
    assert window.session.deal is not None
    assert window.people.model.rowCount() == len(window.session.deal.people)
    assert window.session.deal.name in window.windowTitle()
    assert "library.sqlite" in window.windowTitle()


def test_create_deal_add_people_score_undo_redo_reopen(qtbot: QtBot, tmp_path: Path) -> None:
    path = tmp_path / "library.sqlite"
    window = open_window(qtbot, path, tmp_path)
    stack = window.session.undo_stack
    before_everything = library_state(window.session.library)

    answer_next_dialog(fill_new_deal("Globex data platform", "Globex"))
    press_shortcut(qtbot, window, window.new_deal_action)
    qtbot.waitUntil(lambda: window.session.deal is not None
                    and window.session.deal.name == "Globex data platform")
    activate(qtbot, window)
    assert window.session.deal is not None
    assert window.session.deal.name == "Globex data platform"
    assert "Globex data platform" in window.windowTitle()

    names = ["Hank Scorpio", "Frank Grimes", "Lisa Simpson"]
    for name in names:
        qtbot.mouseClick(window.people.add_button, Qt.MouseButton.LeftButton)
        name_edit = window.inspector.texts["name"]
        name_edit.selectAll()
        qtbot.keyClicks(name_edit, name)
        qtbot.keyClick(name_edit, Qt.Key.Key_Return)
    assert [p.name for p in stored_deal(window).people] == names

    # Scores through the inspector: typed, by the slider's keys, and an explicit "unknown".
    click_row(qtbot, window, names[0])
    editors = window.inspector.scores
    type_into(editors[Axis.BUSINESS].spin, "8")
    slider = editors[Axis.TECHNICAL].slider
    slider.setFocus(Qt.FocusReason.TabFocusReason)
    QTest.keyClick(slider, Qt.Key.Key_Home)
    for _ in range(3):
        QTest.keyClick(slider, Qt.Key.Key_Right)
    qtbot.mouseClick(editors[Axis.PERSONAL].unknown, Qt.MouseButton.LeftButton)  # known: 0
    qtbot.mouseClick(editors[Axis.PERSONAL].unknown, Qt.MouseButton.LeftButton)  # unknown
    stored = stored_deal(window).people[0].scores
    assert stored.business.value == 8
    assert stored.technical.value == 3
    assert stored.personal.value is None
    assert window.people.model.index(0, Column.PERSONAL).data() == "?"

    # Inline edit in the table, through the real delegate: click the cell, F2, type.
    table = window.people.table
    click_row(qtbot, window, names[1], Column.BUSINESS)
    QTest.keyClick(table, Qt.Key.Key_F2)
    editor = table.findChild(QSpinBox)
    assert editor is not None
    QTest.keyClick(editor, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
    QTest.keyClicks(editor, "6")
    qtbot.keyClick(editor, Qt.Key.Key_Return)  # the delegate commits on a queued call
    qtbot.waitUntil(lambda: table.state() != QAbstractItemView.State.EditingState)
    assert stored_deal(window).people[1].scores.business.value == 6

    after_everything = library_state(window.session.library)
    window.people.table.setFocus()
    while stack.canUndo():
        press_shortcut(qtbot, window, window.undo_action)
    assert library_state(window.session.library) == before_everything
    while stack.canRedo():
        press_shortcut(qtbot, window, window.redo_action)
    assert library_state(window.session.library) == after_everything

    deal_id = window.session.deal.id
    window.close()
    window.session.close()
    reopened = open_window(qtbot, path, tmp_path)
    try:
        assert library_state(reopened.session.library) == after_everything
        assert reopened.session.deal is not None
        assert reopened.session.deal.id == deal_id  # the last deal is reopened
    finally:
        reopened.session.close()


def test_slider_drag_is_one_undo_step(window: MainWindow, qtbot: QtBot) -> None:
    assert window.session.deal is not None
    first = window.session.deal.people[0]
    click_row(qtbot, window, first.name)
    editor = window.inspector.scores[Axis.TECHNICAL]
    stack = window.session.undo_stack
    count = stack.count()
    start = editor.slider.value()
    drag_slider(qtbot, editor.slider, [(start + step) % 11 for step in (1, 2, 3, 4, 5)])
    assert window.session.library.get_person(first.id).scores.technical.value == (start + 5) % 11
    assert stack.count() == count + 1
    assert "technical fit score" in stack.undoText()
    window.people.table.setFocus()
    press_shortcut(qtbot, window, window.undo_action)
    assert window.session.library.get_person(window.session.deal.people[0].id).scores.technical == \
        window.session.deal.people[0].scores.technical


def test_deleting_a_person_restores_their_relations_on_undo(window: MainWindow,
                                                            qtbot: QtBot) -> None:
    assert window.session.deal is not None
    before = stored_deal(window)
    hub = max(before.people, key=lambda p: len(before.relations_of(p.id)))
    click_row(qtbot, window, hub.name)
    QTest.keyClick(window.people.table, Qt.Key.Key_Delete)
    after = window.session.library.get_deal(before.id)
    assert hub.id not in {p.id for p in after.people}
    assert not after.relations_of(hub.id)
    assert window.people.model.row_of(hub.id) is None
    press_shortcut(qtbot, window, window.undo_action)
    assert same_content(stored_deal(window), before)
    assert window.people.model.people() == list(before.people)


def test_multi_person_edit_is_one_step(window: MainWindow, qtbot: QtBot) -> None:
    assert window.session.deal is not None
    click_row(qtbot, window, window.session.deal.people[0].name)
    QTest.keyClick(window.people.table, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
    assert len(window.selected_people()) == len(window.session.deal.people)
    stack = window.session.undo_stack
    count = stack.count()
    choose_menu(qtbot, window, "Deal", "Set support of selected", "Mentor")
    assert stack.count() == count + 1
    assert all(p.support is Support.MENTOR for p in stored_deal(window)
               .people)
    press_shortcut(qtbot, window, window.undo_action)
    assert same_content(stored_deal(window), window.session.deal)


def test_inspector_fields_are_saved_at_once(window: MainWindow, qtbot: QtBot) -> None:
    assert window.session.deal is not None
    person = window.session.deal.people[1]
    window.selection.set([person.id])
    title = window.inspector.texts["title"]
    title.selectAll()
    qtbot.keyClicks(title, "VP Operations")
    qtbot.keyClick(title, Qt.Key.Key_Return)
    window.inspector.roles[next(iter(window.inspector.roles))].click()
    assert window.session.library.get_person(person.id).title == "VP Operations"
    assert window.session.library.get_person(person.id).roles != person.roles


def test_bad_email_is_refused_with_a_sentence(window: MainWindow, qtbot: QtBot) -> None:
    assert window.session.deal is not None
    person = window.session.deal.people[0]
    window.selection.set([person.id])
    email = window.inspector.texts["email"]
    email.selectAll()
    qtbot.keyClicks(email, "not an address")
    qtbot.keyClick(email, Qt.Key.Key_Return)
    assert window.inspector.error.isVisibleTo(window.inspector)
    assert "e-mail" in window.inspector.error.text()
    assert window.session.library.get_person(person.id).email == person.email


def test_search_filters_deals_and_people(window: MainWindow, qtbot: QtBot) -> None:
    qtbot.keyClicks(window.deal_list.search, "helix")
    assert window.deal_list.filter.rowCount() == 2  # the account's two deals
    window.deal_list.search.clear()
    qtbot.keyClicks(window.deal_list.search, "imaging")
    assert window.deal_list.filter.rowCount() == 1
    window.deal_list.search.clear()
    assert window.deal_list.filter.rowCount() == len(demo_files())
    visible = window.people.filter.rowCount()
    qtbot.keyClicks(window.people.search, "zzzz-nobody")
    assert window.people.filter.rowCount() == 0
    window.people.search.clear()
    assert window.people.filter.rowCount() == visible


def test_delete_deal_and_undo(window: MainWindow, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(QMessageBox, "question",
                        lambda *a, **k: QMessageBox.StandardButton.Yes)
    assert window.session.deal is not None
    doomed = stored_deal(window)
    window.session.library.take_snapshot(doomed.id, "Before")
    doomed = window.session.library.get_deal(doomed.id)
    window.delete_deal_action.trigger()
    assert window.deal_list.model.row_of(doomed.id) is None
    assert window.session.deal is not None
    assert window.session.deal.id != doomed.id
    window.undo_action.trigger()
    assert window.session.library.get_deal(doomed.id) == doomed


def test_snapshot_and_what_changed(window: MainWindow, qtbot: QtBot) -> None:

    from desktop.domain.diff import diff_deals

    assert window.session.deal is not None

    deal_id = window.session.deal.id
    demo_snapshots = window.session.library.list_snapshots(deal_id)
    answer_text_dialog("QBR")
    choose_menu(qtbot, window, "Deal", "Take snapshot")
    qtbot.waitUntil(lambda: len(window.session.library.list_snapshots(deal_id))
                    > len(demo_snapshots))
    activate(qtbot, window)
    [info] = [s for s in window.session.library.list_snapshots(deal_id)
              if s not in demo_snapshots]
    assert info.name == "QBR"
    click_row(qtbot, window, window.session.deal.people[0].name)
    choose_menu(qtbot, window, "Deal", "Set support of selected", "Enemy")
    lines = diff_deals(window.session.library.get_snapshot(info.id).deal,
                       stored_deal(window)).lines()
    assert any("support" in line and "Enemy" in line for line in lines)
    window.people.table.setFocus()
    press_shortcut(qtbot, window, window.undo_action)
    press_shortcut(qtbot, window, window.undo_action)
    assert window.session.library.list_snapshots(window.session.deal.id) == demo_snapshots


def test_a_store_failure_is_reported_and_not_left_on_the_stack(
    window: MainWindow, monkeypatch: pytest.MonkeyPatch, qtbot: QtBot
) -> None:
    shown: list[str] = []
    monkeypatch.setattr(QMessageBox, "warning", lambda _p, _t, text: shown.append(text))
    assert window.session.deal is not None
    stack = window.session.undo_stack
    count = stack.count()
    window.session.library._connection.execute("PRAGMA query_only = 1")  # every write now fails
    click_row(qtbot, window, window.session.deal.people[0].name)
    choose_menu(qtbot, window, "Deal", "Set support of selected", "Enemy")
    qtbot.waitUntil(lambda: bool(shown))
    assert "cannot be written" in shown[0]
    assert stack.count() == count
    window.session.library._connection.execute("PRAGMA query_only = 0")


def test_geometry_and_recent_libraries_are_remembered(qtbot: QtBot, tmp_path: Path) -> None:
    window = open_window(qtbot, tmp_path / "a.sqlite", tmp_path)
    window.resize(760, 540)  # the offscreen screen is 800×600
    expected = window.size()
    window.close()
    window.session.close()
    again = open_window(qtbot, tmp_path / "a.sqlite", tmp_path)
    try:
        assert again.size() == expected
        assert again.settings.get(RECENT_LIBRARIES)[0] == str(tmp_path / "a.sqlite")
        second = Library.open(tmp_path / "b.sqlite")
        again.files.show_library(second)
        assert again.settings.get(RECENT_LIBRARIES)[:2] == [str(tmp_path / "b.sqlite"),
                                                          str(tmp_path / "a.sqlite")]
        assert again.session.deal is None  # an empty library
        assert again.files.recent_menu is not None
        assert again.files.recent_menu.actions()
    finally:
        again.session.close()


def test_help_opens_the_guide_by_its_key_and_the_shortcut_sheet(window: MainWindow,
                                                                 qtbot: QtBot) -> None:
    from desktop.ui.help_window import HelpWindow
    from desktop.ui.shortcuts_dialog import ShortcutsDialog

    window.activateWindow()
    QTest.keyClick(window, Qt.Key.Key_F1)
    guide = window.findChild(HelpWindow)
    assert guide is not None
    qtbot.waitUntil(guide.isVisible)
    assert "decision triangle" in guide.browser.toPlainText().lower()
    window.shortcuts_action.trigger()
    sheet = window.findChild(ShortcutsDialog)
    assert sheet is not None
    qtbot.waitUntil(sheet.isVisible)
    shown = [sheet.tree.topLevelItem(i) for i in range(sheet.tree.topLevelItemCount())]
    rows = {child.text(0): child.text(1) for item in shown if item is not None
            for child in (item.child(j) for j in range(item.childCount())) if child}
    native = QKeySequence.SequenceFormat.NativeText
    assert window.undo_action.shortcut().toString(native) in rows["Undo"].split(", ")
    assert {"Ctrl+Shift+Z", "Ctrl+Y"} <= set(rows["Redo"].split(", "))  # both redo
