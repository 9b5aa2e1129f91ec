"""The Plan tab's keys where a slip would change the wrong thing: Tab while typing a new
action or a date saves once and keeps to the action typed in; F2 edits the cell shown as
current; Left and Right move between the columns."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QColor
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QDialog, QLabel, QLineEdit, QWidget
from pytestqt.qtbot import QtBot

from desktop.demo import demo_deals
from desktop.domain.actions import ActionStatus, PlanGroup
from desktop.ui.action_dialog import ActionDialog
from desktop.ui.main_window import MainWindow
from desktop.ui.plan_delegates import CURRENT_CELL
from desktop.ui.plan_model import PlanColumn
from tests.helpers.plan_input import click_action, show_plan, window_on
from tests.helpers.ui import (
    activate,
    answer_next_dialog,
    click,
    click_row,
    stored_deal,
    type_into,
)
from tests.ui.test_plan_tab import DEMO, REFERENCE, day, planned, shown_ids, stored_action


@pytest.fixture
def window(qtbot: QtBot, tmp_path: Path) -> Iterator[MainWindow]:
    northwind = next(d for d in demo_deals() if d.name.startswith("Northwind"))
    with window_on(qtbot, tmp_path, planned(northwind)) as opened:
        yield opened


def focused() -> QWidget:
    widget = QApplication.focusWidget()
    assert widget is not None
    return widget


def settle(qtbot: QtBot) -> None:
    """Let the view's queued commits and the session's change set come back."""
    for _ in range(5):
        qtbot.wait(20)


@pytest.mark.parametrize("start", ["enter", "button"])
def test_tab_while_typing_a_new_action_adds_it_once_in_one_undo_step(
        window: MainWindow, qtbot: QtBot, start: str) -> None:
    show_plan(qtbot, window)
    activate(qtbot, window)
    click_action(window, DEMO)
    tree = window.plan.tree
    before = len(stored_deal(window).actions)
    steps = window.session.undo_stack.count()
    if start == "enter":
        QTest.keyClick(tree, Qt.Key.Key_Return)
    else:
        click(window.plan.add_button)
    QTest.keyClicks(focused(), "Call the CFO's office")
    QTest.keyClick(focused(), Qt.Key.Key_Tab)
    qtbot.waitUntil(lambda: len(stored_deal(window).actions) > before, timeout=5000)
    settle(qtbot)
    texts = [a.text for a in stored_deal(window).actions]
    assert texts.count("Call the CFO's office") == 1
    assert window.session.undo_stack.count() == steps + 1
    added = next(a for a in stored_deal(window).actions if a.text == "Call the CFO's office")
    current = window.plan.current_action()
    assert current is not None
    assert current.id == added.id
    assert tree.currentIndex().column() == PlanColumn.DUE


def test_tab_after_a_date_that_moves_the_action_stays_on_that_action(
        window: MainWindow, qtbot: QtBot) -> None:
    show_plan(qtbot, window)
    activate(qtbot, window)
    tree = window.plan.tree
    others = {a.id: a for a in stored_deal(window).actions if a.id != DEMO}
    steps = window.session.undo_stack.count()
    click_action(window, DEMO, PlanColumn.DUE)  # this week
    QTest.keyClick(tree, Qt.Key.Key_F2)
    QTest.keyClick(focused(), Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
    QTest.keyClicks(focused(), day(40).isoformat())  # later: the row moves group
    QTest.keyClick(focused(), Qt.Key.Key_Tab)
    qtbot.waitUntil(lambda: stored_action(window, DEMO).due == day(40))  # type: ignore[union-attr]
    settle(qtbot)
    assert DEMO in shown_ids(window, PlanGroup.LATER)
    current = window.plan.current_action()
    assert current is not None
    assert current.id == DEMO  # the current cell followed the action
    QTest.keyClicks(focused(), "Zed")  # whatever comes next cannot touch another action
    QTest.keyClick(focused(), Qt.Key.Key_Escape)
    settle(qtbot)
    assert {a.id: a for a in stored_deal(window).actions if a.id != DEMO} == others
    assert window.session.undo_stack.count() == steps + 1


def test_the_inspector_completes_only_the_highlighted_action(window: MainWindow,
                                                             qtbot: QtBot) -> None:
    first = stored_deal(window).people[0]
    click_row(qtbot, window, first.name)
    plan = window.inspector.person_plan
    listed = plan.list
    assert listed.count() > 1
    before = stored_deal(window).actions
    steps = window.session.undo_stack.count()
    assert not plan.complete_button.isEnabled()  # nothing highlighted: nothing to complete
    click(plan.complete_button)
    settle(qtbot)
    assert stored_deal(window).actions == before
    assert window.session.undo_stack.count() == steps
    # The second one clicked: it, and only it, is completed.
    second = str(listed.item(1).data(Qt.ItemDataRole.UserRole))
    QTest.mouseClick(listed.viewport(), Qt.MouseButton.LeftButton,
                     Qt.KeyboardModifier.NoModifier,
                     listed.visualItemRect(listed.item(1)).center())
    assert plan.complete_button.isEnabled()
    click(plan.complete_button)
    done = [a.id for a in stored_deal(window).actions if a.status is ActionStatus.DONE
            and a not in before]
    assert done == [second]
    assert not plan.complete_button.isEnabled()  # it left the list; nothing else is chosen


def test_tabbing_into_the_inspectors_actions_highlights_the_one_ctrl_enter_completes(
        window: MainWindow, qtbot: QtBot) -> None:
    first = stored_deal(window).people[0]
    click_row(qtbot, window, first.name)
    plan = window.inspector.person_plan
    listed = plan.list
    top = str(listed.item(0).data(Qt.ItemDataRole.UserRole))
    listed.setFocus(Qt.FocusReason.TabFocusReason)  # as Tab does
    assert listed.item(0).isSelected()  # shown: what Ctrl+Enter acts on
    assert plan.complete_button.isEnabled()
    QTest.keyClick(listed, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    assert stored_action(window, top).status is ActionStatus.DONE  # type: ignore[union-attr]
    others = [a for a in stored_deal(window).actions
              if a.status is ActionStatus.DONE and a.id != top]
    assert [a.text for a in others] == ["Share the pricing outline"]  # done from the start


def test_the_action_dialog_keeps_an_unreadable_date_and_refuses_it_until_fixed(
        window: MainWindow, qtbot: QtBot) -> None:
    first = stored_deal(window).people[0]
    click_row(qtbot, window, first.name)
    before = {a.id for a in stored_deal(window).actions}
    seen: dict[str, object] = {}

    def fill(dialog: QDialog) -> None:
        assert isinstance(dialog, ActionDialog)
        dialog.activateWindow()  # as a window manager does with a new dialog
        qtbot.waitUntil(dialog.isActiveWindow, timeout=2000)
        type_into(dialog.text, "Lunch with the CFO")
        type_into(dialog.due.edit, "next friday")  # Tab: the edit is finished
        seen["kept"] = dialog.due.edit.text()
        seen["error"] = dialog.error.text() if dialog.error.isVisible() else ""
        dialog.due.edit.setFocus(Qt.FocusReason.TabFocusReason)  # Shift+Tab back
        QTest.keyClick(dialog.due.edit, Qt.Key.Key_Return)
        seen["refused"] = dialog.isVisible()
        type_into(dialog.due.edit, day(4).isoformat(), finish=False)
        QTest.keyClick(dialog.due.edit, Qt.Key.Key_Return)
        seen["accepted"] = not dialog.isVisible()

    answer_next_dialog(fill)
    click(window.inspector.person_plan.add_button)
    qtbot.waitUntil(lambda: len(stored_deal(window).actions) > len(before), timeout=5000)
    assert seen["kept"] == "next friday"
    assert "not a date" in str(seen["error"])
    assert seen["refused"] is True
    assert seen["accepted"] is True
    added = [a for a in stored_deal(window).actions if a.id not in before]
    assert [(a.text, a.due) for a in added] == [("Lunch with the CFO", day(4))]


def test_alt_i_in_the_action_dialog_goes_to_the_intended_change(window: MainWindow,
                                                               qtbot: QtBot) -> None:
    """The "&Intended change" label showed its "&": a label without a buddy draws it."""
    first = stored_deal(window).people[0]
    click_row(qtbot, window, first.name)
    seen: dict[str, object] = {}

    def fill(dialog: QDialog) -> None:
        assert isinstance(dialog, ActionDialog)
        dialog.activateWindow()
        qtbot.waitUntil(dialog.isActiveWindow, timeout=2000)
        label = next(lb for lb in dialog.findChildren(QLabel)
                     if "Intended change" in lb.text())
        seen["buddy"] = label.buddy()
        QTest.keyClick(focused(), Qt.Key.Key_I, Qt.KeyboardModifier.AltModifier)
        seen["focus"] = focused()
        seen["intended"] = dialog.intended_person
        dialog.reject()

    answer_next_dialog(fill)
    click(window.inspector.person_plan.add_button)
    qtbot.waitUntil(lambda: "focus" in seen, timeout=5000)
    assert seen["buddy"] is seen["intended"]  # so "&I" is drawn as an underlined I
    assert seen["focus"] is seen["intended"]


def test_left_and_right_move_between_columns_and_the_current_cell_is_drawn(
        window: MainWindow, qtbot: QtBot) -> None:
    show_plan(qtbot, window)
    activate(qtbot, window)
    tree = window.plan.tree
    deal = stored_deal(window)
    click_action(window, DEMO, PlanColumn.DUE)
    QTest.keyClick(tree, Qt.Key.Key_Left)
    assert tree.currentIndex().column() == PlanColumn.ACTION
    assert window.plan.current_action().id == DEMO  # type: ignore[union-attr]
    for _ in range(2):
        QTest.keyClick(tree, Qt.Key.Key_Right)
    assert tree.currentIndex().column() == PlanColumn.OWNER
    assert window.plan.current_action().id == DEMO  # type: ignore[union-attr]
    # The cell F2 will edit is framed: its border is drawn in the frame's colour.
    cell = tree.visualRect(tree.currentIndex())
    image = tree.viewport().grab().toImage()
    frame = QColor(CURRENT_CELL)
    assert image.pixelColor(cell.center().x(), cell.top() + 1) == frame
    assert image.pixelColor(cell.left() + 1, cell.center().y()) == frame
    neighbour = tree.visualRect(tree.currentIndex().siblingAtColumn(PlanColumn.DUE))
    assert image.pixelColor(neighbour.center().x(), neighbour.top() + 1) != frame
    QTest.keyClick(tree, Qt.Key.Key_F2)  # the owner, as framed — not the text
    QTest.keyClick(focused(), Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
    QTest.keyClicks(focused(), deal.people[0].name)
    QTest.keyClick(focused(), Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: stored_action(window, DEMO).owner == deal.people[0].id)  # type: ignore[union-attr]
    assert stored_action(window, DEMO).text == "Book the ward-team demo"  # type: ignore[union-attr]


def test_undo_lands_on_the_action_it_brings_back_and_clears_the_dropped_message(
        window: MainWindow, qtbot: QtBot) -> None:
    show_plan(qtbot, window)
    activate(qtbot, window)
    tree = window.plan.tree
    click_action(window, REFERENCE)
    QTest.keyClick(tree, Qt.Key.Key_Delete)  # dropped
    assert "Dropped" in window.statusBar().currentMessage()
    QTest.keyClick(tree, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert stored_action(window, REFERENCE).status is ActionStatus.OPEN  # type: ignore[union-attr]
    assert "Dropped" not in window.statusBar().currentMessage()  # it is not, any more
    QTest.keyClick(tree, Qt.Key.Key_Delete)
    QTest.keyClick(tree, Qt.Key.Key_Delete)  # deleted: the next action is current
    assert stored_action(window, REFERENCE) is None
    QTest.keyClick(tree, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert stored_action(window, REFERENCE) is not None
    current = window.plan.current_action()
    assert current is not None
    assert current.id == REFERENCE  # the action brought back, not its neighbour

    before = len(stored_deal(window).actions)
    QTest.keyClick(tree, Qt.Key.Key_Return)
    QTest.keyClicks(focused(), "Call the CFO's office")
    QTest.keyClick(focused(), Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: len(stored_deal(window).actions) > before, timeout=5000)
    settle(qtbot)
    QTest.keyClick(tree, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)  # the add
    assert len(stored_deal(window).actions) == before
    assert window.plan.current_action() is not None  # an action, not a heading or nothing


@pytest.mark.parametrize("key", [Qt.Key.Key_Down, Qt.Key.Key_Return])
def test_down_or_enter_in_the_filter_goes_to_the_first_match(
        window: MainWindow, qtbot: QtBot, key: Qt.Key) -> None:
    show_plan(qtbot, window)
    activate(qtbot, window)
    type_into(window.plan.filter, "fleet", finish=False)
    QTest.keyClick(window.plan.filter, key)
    assert focused() is window.plan.tree
    current = window.plan.current_action()
    assert current is not None
    assert current.id == REFERENCE
    QTest.keyClick(window.plan.tree, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    assert stored_action(window, REFERENCE).status is ActionStatus.DONE  # type: ignore[union-attr]


def test_the_action_dialogs_examples_fit_any_deal(window: MainWindow, qtbot: QtBot) -> None:
    """Northwind's dialog once suggested "demo for the ward teams" (the hospital's deal)."""
    first = stored_deal(window).people[0]
    click_row(qtbot, window, first.name)
    seen: dict[str, str] = {}

    def fill(dialog: QDialog) -> None:
        assert isinstance(dialog, ActionDialog)
        seen["text"] = dialog.text.placeholderText()
        seen["due"] = dialog.due.edit.placeholderText()
        dialog.reject()

    answer_next_dialog(fill)
    click(window.inspector.person_plan.add_button)
    qtbot.waitUntil(lambda: "due" in seen, timeout=5000)
    assert "ward" not in seen["text"]
    assert "2027-06-30" not in seen["due"]
    assert day(14).isoformat() in seen["due"]  # a date like one the user would type
    show_plan(qtbot, window)
    activate(qtbot, window)
    click_action(window, DEMO, PlanColumn.DUE)
    QTest.keyClick(window.plan.tree, Qt.Key.Key_F2)
    editor = focused()
    assert isinstance(editor, QLineEdit)
    assert editor.placeholderText().startswith(day(14).isoformat())
    QTest.keyClick(editor, Qt.Key.Key_Escape)


def test_ctrl_shift_f2_opens_the_details_of_the_current_action_from_any_column(
        window: MainWindow, qtbot: QtBot) -> None:
    show_plan(qtbot, window)
    activate(qtbot, window)
    click_action(window, DEMO, PlanColumn.DUE)
    QTest.keyClick(window.plan.tree, Qt.Key.Key_Right)
    seen: dict[str, str] = {}

    def fill(dialog: QDialog) -> None:
        assert isinstance(dialog, ActionDialog)
        seen["text"] = dialog.text.text()
        dialog.reject()

    answer_next_dialog(fill)
    QTest.keyClick(window.plan.tree, Qt.Key.Key_F2,
                   Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier)
    qtbot.waitUntil(lambda: "text" in seen, timeout=5000)
    assert seen["text"] == "Book the ward-team demo"


def test_an_unreadable_date_in_a_cell_is_kept_to_be_corrected(window: MainWindow,
                                                              qtbot: QtBot) -> None:
    """"next friday" is refused in a sentence and its cell opens again with the words as
    typed (it was thrown away and the editor moved on); once corrected, it is stored and the
    sentence goes."""
    show_plan(qtbot, window)
    activate(qtbot, window)
    tree = window.plan.tree
    before = stored_action(window, DEMO)
    assert before is not None
    click_action(window, DEMO, PlanColumn.DUE)
    QTest.keyClick(tree, Qt.Key.Key_F2)
    QTest.keyClick(focused(), Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
    QTest.keyClicks(focused(), "next friday")
    QTest.keyClick(focused(), Qt.Key.Key_Tab)
    qtbot.waitUntil(lambda: isinstance(QApplication.focusWidget(), QLineEdit)
                    and focused().text() == "next friday", timeout=3000)  # type: ignore[attr-defined]
    assert window.plan.message.isVisible()
    assert "not a date" in window.plan.message.text()
    index = tree.currentIndex()
    assert window.plan.current_action() == before
    assert index.column() == PlanColumn.DUE
    assert stored_action(window, DEMO) == before  # nothing stored
    QTest.keyClick(focused(), Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
    QTest.keyClicks(focused(), day(9).isoformat())
    QTest.keyClick(focused(), Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: stored_action(window, DEMO).due == day(9))  # type: ignore[union-attr]
    assert not window.plan.message.isVisible()


def test_ctrl_enter_in_an_open_cell_saves_it_and_completes_the_action(
        window: MainWindow, qtbot: QtBot) -> None:
    show_plan(qtbot, window)
    activate(qtbot, window)
    tree = window.plan.tree
    steps = window.session.undo_stack.count()
    click_action(window, DEMO, PlanColumn.ACTION)
    QTest.keyClick(tree, Qt.Key.Key_F2)
    QTest.keyClick(focused(), Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
    QTest.keyClicks(focused(), "Book the ward-team demo for Tuesday")
    QTest.keyClick(focused(), Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: stored_action(window, DEMO).status  # type: ignore[union-attr]
                    is ActionStatus.DONE, timeout=3000)
    done = stored_action(window, DEMO)
    assert done is not None
    assert done.text == "Book the ward-team demo for Tuesday"
    assert window.session.undo_stack.count() == steps + 2  # the edit, then the completion
