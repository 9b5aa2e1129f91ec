"""The main window driven as a person drives it: real widgets, a real library file."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QAbstractItemView, QDialog, QMessageBox, QSpinBox
from pytestqt.qtbot import QtBot

from desktop.domain.deal import Deal
from desktop.domain.enums import Axis, Support
from desktop.domain.plain import deal_to_plain
from desktop.store.library import Library
from desktop.ui.deal_dialog import DealDialog
from desktop.ui.main_window import MainWindow
from desktop.ui.people_model import Column
from desktop.ui.settings import RECENT_LIBRARIES
from tests.ui_helpers import answer_next_dialog, open_window


def library_state(library: Library) -> list[dict[str, Any]]:
    """Everything the library holds, as comparable plain data (without change times).

    Sorted by id: the deal list is ordered by last change, which undo/redo moves around."""
    state = []
    for summary in sorted(library.list_deals(), key=lambda s: s.id):
        plain = deal_to_plain(library.get_deal(summary.id), include_private=True)
        plain.pop("updated_at")
        state.append(plain)
    return state


def same_content(one: Deal, other: Deal) -> bool:
    """Equal but for the time of the last change."""
    return replace(one, updated_at=None) == replace(other, updated_at=None)


def fill_new_deal(name: str, account: str) -> Any:
    def fill(dialog: QDialog) -> None:
        assert isinstance(dialog, DealDialog)
        dialog.name.setText(name)
        dialog.account.setText(account)
        dialog.accept()
    return fill


def test_first_start_shows_the_demo_deals(window: MainWindow) -> None:
    assert window.deal_model.rowCount() == 2
    assert window.deal is not None
    assert window.people_model.rowCount() == len(window.deal.people)
    assert window.deal.name in window.windowTitle()
    assert "library.sqlite" in window.windowTitle()


def test_create_deal_add_people_score_undo_redo_reopen(qtbot: QtBot, tmp_path: Path) -> None:
    path = tmp_path / "library.sqlite"
    window = open_window(qtbot, path, tmp_path)
    stack = window._session().undo_stack
    before_everything = library_state(window.library)

    answer_next_dialog(fill_new_deal("Globex data platform", "Globex"))
    window.new_deal_action.trigger()
    assert window.deal is not None
    assert window.deal.name == "Globex data platform"
    assert "Globex data platform" in window.windowTitle()

    names = ["Hank Scorpio", "Frank Grimes", "Lisa Simpson"]
    for name in names:
        qtbot.mouseClick(window.add_person_button, Qt.MouseButton.LeftButton)
        name_edit = window.inspector.texts["name"]
        name_edit.selectAll()
        qtbot.keyClicks(name_edit, name)
        qtbot.keyClick(name_edit, Qt.Key.Key_Return)
    assert [p.name for p in window.library.get_deal(window.deal.id).people] == names

    # Scores through the inspector: a value, a value, and an explicit "unknown".
    window.select_person(window.people_model.people()[0].id)
    editors = window.inspector.scores
    editors[Axis.BUSINESS].spin.setValue(8)
    editors[Axis.TECHNICAL].slider.setValue(3)
    qtbot.mouseClick(editors[Axis.PERSONAL].unknown, Qt.MouseButton.LeftButton)  # known: 0
    qtbot.mouseClick(editors[Axis.PERSONAL].unknown, Qt.MouseButton.LeftButton)  # unknown
    stored = window.library.get_deal(window.deal.id).people[0].scores
    assert stored.business.value == 8
    assert stored.technical.value == 3
    assert stored.personal.value is None
    assert window.people_model.index(0, Column.PERSONAL).data() == "?"

    # Inline edit in the table, through the real delegate.
    table = window.table
    index = window.people_filter.mapFromSource(window.people_model.index(1, Column.BUSINESS))
    table.setCurrentIndex(index)
    table.edit(index)
    editor = table.findChild(QSpinBox)
    assert editor is not None
    editor.setValue(6)
    qtbot.keyClick(editor, Qt.Key.Key_Return)  # the delegate commits on a queued call
    qtbot.waitUntil(lambda: table.state() != QAbstractItemView.State.EditingState)
    assert window.library.get_deal(window.deal.id).people[1].scores.business.value == 6

    after_everything = library_state(window.library)
    while stack.canUndo():
        window.undo_action.trigger()
    assert library_state(window.library) == before_everything
    while stack.canRedo():
        window.redo_action.trigger()
    assert library_state(window.library) == after_everything

    deal_id = window.deal.id
    window.close()
    window._session().close()
    reopened = open_window(qtbot, path, tmp_path)
    try:
        assert library_state(reopened.library) == after_everything
        assert reopened.deal is not None
        assert reopened.deal.id == deal_id  # the last deal is reopened
    finally:
        reopened._session().close()


def test_slider_drag_is_one_undo_step(window: MainWindow) -> None:
    assert window.deal is not None
    window.select_person(window.deal.people[0].id)
    editor = window.inspector.scores[Axis.TECHNICAL]
    stack = window._session().undo_stack
    count = stack.count()
    for value in (1, 2, 3, 4, 5):
        editor.slider.setValue(value)
    assert stack.count() == count + 1
    assert "technical fit score" in stack.undoText()
    window.undo_action.trigger()
    assert window.library.get_person(window.deal.people[0].id).scores.technical == \
        window.deal.people[0].scores.technical


def test_deleting_a_person_restores_their_relations_on_undo(window: MainWindow,
                                                            qtbot: QtBot) -> None:
    assert window.deal is not None
    before = window.library.get_deal(window.deal.id)
    hub = max(before.people, key=lambda p: len(before.relations_of(p.id)))
    window.select_person(hub.id)
    window.table.setFocus()
    window.delete_people_action.trigger()
    after = window.library.get_deal(before.id)
    assert hub.id not in {p.id for p in after.people}
    assert not after.relations_of(hub.id)
    assert window.people_model.row_of(hub.id) is None
    window.undo_action.trigger()
    assert same_content(window.library.get_deal(before.id), before)
    assert window.people_model.people() == list(before.people)


def test_multi_person_edit_is_one_step(window: MainWindow) -> None:
    assert window.deal is not None
    window.table.selectAll()
    assert len(window.selected_people()) == len(window.deal.people)
    stack = window._session().undo_stack
    count = stack.count()
    window.set_for_selected("support", Support.MENTOR)
    assert stack.count() == count + 1
    assert all(p.support is Support.MENTOR for p in window.library.get_deal(window.deal.id)
               .people)
    window.undo_action.trigger()
    assert same_content(window.library.get_deal(window.deal.id), window.deal)


def test_inspector_fields_are_saved_at_once(window: MainWindow, qtbot: QtBot) -> None:
    assert window.deal is not None
    person = window.deal.people[1]
    window.select_person(person.id)
    title = window.inspector.texts["title"]
    title.selectAll()
    qtbot.keyClicks(title, "VP Operations")
    qtbot.keyClick(title, Qt.Key.Key_Return)
    window.inspector.roles[next(iter(window.inspector.roles))].click()
    assert window.library.get_person(person.id).title == "VP Operations"
    assert window.library.get_person(person.id).roles != person.roles


def test_bad_email_is_refused_with_a_sentence(window: MainWindow, qtbot: QtBot) -> None:
    assert window.deal is not None
    person = window.deal.people[0]
    window.select_person(person.id)
    email = window.inspector.texts["email"]
    email.selectAll()
    qtbot.keyClicks(email, "not an address")
    qtbot.keyClick(email, Qt.Key.Key_Return)
    assert window.inspector.error.isVisibleTo(window.inspector)
    assert "e-mail" in window.inspector.error.text()
    assert window.library.get_person(person.id).email == person.email


def test_search_filters_deals_and_people(window: MainWindow, qtbot: QtBot) -> None:
    qtbot.keyClicks(window.deal_search, "helix")
    assert window.deal_filter.rowCount() == 1
    window.deal_search.clear()
    assert window.deal_filter.rowCount() == 2
    visible = window.people_filter.rowCount()
    qtbot.keyClicks(window.people_search, "zzzz-nobody")
    assert window.people_filter.rowCount() == 0
    window.people_search.clear()
    assert window.people_filter.rowCount() == visible


def test_delete_deal_and_undo(window: MainWindow, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(QMessageBox, "question",
                        lambda *a, **k: QMessageBox.StandardButton.Yes)
    assert window.deal is not None
    doomed = window.library.get_deal(window.deal.id)
    window.library.take_snapshot(doomed.id, "Before")
    doomed = window.library.get_deal(doomed.id)
    window.delete_deal_action.trigger()
    assert window.deal_model.row_of(doomed.id) is None
    assert window.deal is not None
    assert window.deal.id != doomed.id
    window.undo_action.trigger()
    assert window.library.get_deal(doomed.id) == doomed


def test_snapshot_and_what_changed(window: MainWindow) -> None:
    from desktop.domain.diff import diff_deals
    from desktop.ui import commands

    assert window.deal is not None
    window._push(commands.TakeSnapshot(window._session(), window.deal.id, "QBR"))
    [info] = window.library.list_snapshots(window.deal.id)
    window.set_for_selected("support", Support.ENEMY)  # nothing selected: no change
    window.select_person(window.deal.people[0].id)
    window.set_for_selected("support", Support.ENEMY)
    lines = diff_deals(window.library.get_snapshot(info.id).deal,
                       window.library.get_deal(window.deal.id)).lines()
    assert any("support" in line and "Enemy" in line for line in lines)
    window.undo_action.trigger()
    window.undo_action.trigger()
    assert window.library.list_snapshots(window.deal.id) == []


def test_a_store_failure_is_reported_and_not_left_on_the_stack(
    window: MainWindow, monkeypatch: pytest.MonkeyPatch, qtbot: QtBot
) -> None:
    shown: list[str] = []
    monkeypatch.setattr(QMessageBox, "warning", lambda _p, _t, text: shown.append(text))
    assert window.deal is not None
    stack = window._session().undo_stack
    count = stack.count()
    window.library._connection.execute("PRAGMA query_only = 1")  # every write now fails
    window.select_person(window.deal.people[0].id)
    window.set_for_selected("support", Support.ENEMY)
    qtbot.waitUntil(lambda: bool(shown))
    assert "cannot be written" in shown[0]
    assert stack.count() == count
    window.library._connection.execute("PRAGMA query_only = 0")


def test_geometry_and_recent_libraries_are_remembered(qtbot: QtBot, tmp_path: Path) -> None:
    window = open_window(qtbot, tmp_path / "a.sqlite", tmp_path)
    window.resize(760, 540)  # the offscreen screen is 800×600
    expected = window.size()
    window.close()
    window._session().close()
    again = open_window(qtbot, tmp_path / "a.sqlite", tmp_path)
    try:
        assert again.size() == expected
        assert again.settings.get(RECENT_LIBRARIES)[0] == str(tmp_path / "a.sqlite")
        second = Library.open(tmp_path / "b.sqlite")
        again.set_library(second)
        assert again.settings.get(RECENT_LIBRARIES)[:2] == [str(tmp_path / "b.sqlite"),
                                                          str(tmp_path / "a.sqlite")]
        assert again.deal is None  # an empty library
        assert again.recent_menu.actions()
    finally:
        again._session().close()
