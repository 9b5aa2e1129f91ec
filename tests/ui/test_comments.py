"""Comments in the window, as a manager adds them: typed into the inspector's Comments box for
the selected person (the name asked once, then kept), on an action through the Plan tab's
context menu, on a red flag through the flags' context menu — each one undo step, and the
library checked after every gesture."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QPoint, Qt, QTimer
from PySide6.QtGui import QContextMenuEvent
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QMenu, QWidget
from pytestqt.qtbot import QtBot

from desktop.domain.comments import CommentTarget, flag_key
from desktop.ui.comments_hook import ACTION_ENTRY, FLAG_ENTRY, WindowComments
from desktop.ui.main_window import MainWindow
from desktop.ui.settings import AUTHOR_NAME
from desktop.ui.text import html
from tests.helpers.plan_input import show_plan
from tests.helpers.ui import (
    activate,
    answer_text_dialog,
    choose_menu,
    click,
    click_row,
    main_window,
    press_shortcut,
    stored_deal,
    type_into,
)


@pytest.fixture
def window(qtbot: QtBot, tmp_path: Path) -> Iterator[MainWindow]:
    with main_window(qtbot, tmp_path) as opened:
        opened.resize(1366, 768)
        activate(qtbot, opened)
        yield opened


def comments_of(window: MainWindow) -> WindowComments:
    found = window.comments  # type: ignore[attr-defined]
    assert isinstance(found, WindowComments)
    return found


def right_click(widget: QWidget, point: QPoint) -> None:
    """A right click as the platform delivers it: press, the context-menu event, release."""
    QTest.mousePress(widget, Qt.MouseButton.RightButton, Qt.KeyboardModifier.NoModifier, point)
    QApplication.sendEvent(widget, QContextMenuEvent(
        QContextMenuEvent.Reason.Mouse, point, widget.mapToGlobal(point)))
    QTest.mouseRelease(widget, Qt.MouseButton.RightButton, Qt.KeyboardModifier.NoModifier,
                       point)


def click_in_next_menu(text: str, seen: list[str]) -> None:
    """When the next popup menu opens, note its entries and click the one named ``text``
    (a context menu may block in exec(), so the click is armed first)."""
    waited = 0

    def poll() -> None:
        nonlocal waited
        menu = QApplication.activePopupWidget()
        if isinstance(menu, QMenu) and menu.isVisible():
            seen.extend(a.text().replace("&", "") for a in menu.actions() if a.text())
            action = next(a for a in menu.actions() if a.text().replace("&", "") ==
                          text.replace("&", ""))
            QTest.mouseClick(menu, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier,
                             menu.actionGeometry(action).center())
            return
        waited += 20
        if waited < 5000:
            QTimer.singleShot(20, poll)

    QTimer.singleShot(0, poll)


def test_a_comment_on_the_selected_person_is_typed_signed_and_undone(
        window: MainWindow, qtbot: QtBot) -> None:
    deal = stored_deal(window)
    person = next(p for p in deal.people
                  if all(c.target != p.id for c in deal.comments))  # no thread yet
    had = deal.comments
    click_row(qtbot, window, person.name)
    box = comments_of(window).box
    qtbot.waitUntil(box.isVisible, timeout=2000)
    assert box.none.isVisible()
    assert not box.add_button.isEnabled()  # nothing typed yet
    type_into(box.edit, "Is she still our champion after the reorganisation?", finish=False)
    answer_text_dialog("Maria Manager")  # the first comment asks who signs
    click(box.add_button)
    qtbot.waitUntil(lambda: len(stored_deal(window).comments) == len(had) + 1, timeout=5000)
    comment = stored_deal(window).comments[-1]
    assert (comment.target_kind, comment.target, comment.author, comment.text) == (
        CommentTarget.PERSON, person.id, "Maria Manager",
        "Is she still our champion after the reorganisation?")
    assert window.settings.get(AUTHOR_NAME) == "Maria Manager"
    assert box.edit.text() == ""
    assert box.list.count() == 1
    assert box.list.item(0).text().startswith("Maria Manager · ")
    assert box.list.item(0).text().endswith(" · Is she still our champion after the "
                                            "reorganisation?")
    # The second is not asked for a name: Enter in the line adds it.
    type_into(box.edit, "Met her on Tuesday: yes.", finish=False)
    QTest.keyClick(box.edit, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: len(stored_deal(window).comments) == len(had) + 2, timeout=5000)
    assert [c.text for c in stored_deal(window).comments[len(had):]] == [
        comment.text, "Met her on Tuesday: yes."]
    assert box.list.count() == 2
    assert window.undo_action.text().endswith(f"Comment on “{person.name}”")
    choose_menu(qtbot, window, "Edit", "Undo")  # Ctrl+Z in the line undoes its typing
    qtbot.waitUntil(lambda: len(stored_deal(window).comments) == len(had) + 1, timeout=5000)
    assert box.list.count() == 1
    choose_menu(qtbot, window, "Edit", "Redo")
    qtbot.waitUntil(lambda: len(stored_deal(window).comments) == len(had) + 2, timeout=5000)
    # Another person has their own thread.
    other = next(p for p in deal.people if p.id != person.id)
    click_row(qtbot, window, other.name)
    theirs = [c for c in deal.comments if c.target == other.id]
    qtbot.waitUntil(lambda: box.list.count() == len(theirs), timeout=2000)


def test_declining_to_give_a_name_adds_nothing(window: MainWindow, qtbot: QtBot) -> None:
    deal = stored_deal(window)
    click_row(qtbot, window, deal.people[0].name)
    box = comments_of(window).box
    type_into(box.edit, "Unsigned", finish=False)
    answer_text_dialog("   ")  # a blank name is no name
    click(box.add_button)
    qtbot.wait(100)
    assert stored_deal(window).comments == deal.comments
    assert box.edit.text() == "Unsigned"  # kept, to try again
    assert window.settings.get(AUTHOR_NAME) == ""


def test_a_comment_on_an_action_through_the_plan_tabs_context_menu(
        window: MainWindow, qtbot: QtBot) -> None:
    window.settings.set(AUTHOR_NAME, "Sam Seller")
    deal = stored_deal(window)
    had = deal.comments
    action = next(a for a in deal.actions if all(c.target != a.id for c in had))
    show_plan(qtbot, window)
    tree = window.plan.tree
    index = window.plan.model.index_of(action.id, 0)
    tree.scrollTo(index)
    seen: list[str] = []
    click_in_next_menu(ACTION_ENTRY, seen)
    right_click(tree.viewport(), tree.visualRect(index).center())
    hook = comments_of(window)
    qtbot.waitUntil(lambda: hook.dialog is not None and hook.dialog.isVisible(), timeout=5000)
    assert "Complete or reopen action" in seen  # the tab's own entries are there too
    dialog = hook.dialog
    assert dialog is not None
    assert dialog.windowTitle() == "Comments on this action"
    assert html(action.text) in dialog.about.text()
    type_into(dialog.box.edit, "Slipped twice: why?", finish=False)
    QTest.keyClick(dialog.box.edit, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: len(stored_deal(window).comments) == len(had) + 1, timeout=5000)
    comment = stored_deal(window).comments[-1]
    assert (comment.target_kind, comment.target, comment.author, comment.text) == (
        CommentTarget.ACTION, action.id, "Sam Seller", "Slipped twice: why?")
    assert dialog.box.list.count() == 1
    choose_menu(qtbot, window, "Edit", "Undo")
    qtbot.waitUntil(lambda: stored_deal(window).comments == had, timeout=5000)
    qtbot.waitUntil(lambda: dialog.box.list.count() == 0, timeout=2000)


def test_a_comment_on_a_red_flag_through_its_context_menu(window: MainWindow,
                                                          qtbot: QtBot) -> None:
    window.settings.set(AUTHOR_NAME, "Maria Manager")
    panel = window.analysis_panel
    had = stored_deal(window).comments
    qtbot.waitUntil(lambda: panel.analysis is not None and bool(panel.analysis.flags),
                    timeout=10000)
    assert panel.analysis is not None
    flag = panel.analysis.flags[0]
    item = panel.flags.item(0)
    seen: list[str] = []
    click_in_next_menu(FLAG_ENTRY, seen)
    right_click(panel.flags.viewport(), panel.flags.visualItemRect(item).center())
    hook = comments_of(window)
    qtbot.waitUntil(lambda: hook.dialog is not None and hook.dialog.isVisible(), timeout=5000)
    assert seen == [FLAG_ENTRY]
    dialog = hook.dialog
    assert dialog is not None
    type_into(dialog.box.edit, "Lunch with the CFO booked", finish=False)
    click(dialog.box.add_button)
    qtbot.waitUntil(lambda: len(stored_deal(window).comments) == len(had) + 1, timeout=5000)
    comment = stored_deal(window).comments[-1]
    assert (comment.target_kind, comment.target, comment.text) == (
        CommentTarget.FLAG, flag_key(flag), "Lunch with the CFO booked")
    on_flag = [c for c in stored_deal(window).comments if c.target == flag_key(flag)]
    assert dialog.box.list.count() == len(on_flag)  # the flag's whole thread


def test_deleting_the_person_takes_their_comments_and_undo_brings_them_back(
        window: MainWindow, qtbot: QtBot) -> None:
    window.settings.set(AUTHOR_NAME, "Maria Manager")
    person = stored_deal(window).people[2]
    had = stored_deal(window).comments
    click_row(qtbot, window, person.name)
    box = comments_of(window).box
    type_into(box.edit, "Leaving in March", finish=False)
    QTest.keyClick(box.edit, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: len(stored_deal(window).comments) == len(had) + 1, timeout=5000)
    commented = stored_deal(window)
    click_row(qtbot, window, person.name)  # the table has the focus again
    QTest.keyClick(window.people.table, Qt.Key.Key_Delete)
    qtbot.waitUntil(lambda: not stored_deal(window).has_person(person.id), timeout=5000)
    assert stored_deal(window).comments == tuple(c for c in had if c.target != person.id)
    press_shortcut(qtbot, window, window.undo_action)
    qtbot.waitUntil(lambda: stored_deal(window).has_person(person.id), timeout=5000)
    assert stored_deal(window).comments == commented.comments


@pytest.mark.parametrize("key", [(Qt.Key.Key_F10, Qt.KeyboardModifier.ShiftModifier),
                                 (Qt.Key.Key_Menu, Qt.KeyboardModifier.NoModifier)])
def test_the_keyboard_opens_the_menu_of_the_flag_the_arrows_chose(
        window: MainWindow, qtbot: QtBot, key: tuple[Qt.Key, Qt.KeyboardModifier]) -> None:
    window.settings.set(AUTHOR_NAME, "Maria Manager")
    panel = window.analysis_panel
    qtbot.waitUntil(lambda: panel.analysis is not None and len(panel.analysis.flags) >= 2,
                    timeout=10000)
    assert panel.analysis is not None
    activate(qtbot, window)
    first = panel.flags.visualItemRect(panel.flags.item(0)).center()
    QTest.mouseClick(panel.flags.viewport(), Qt.MouseButton.LeftButton, pos=first)
    qtbot.waitUntil(panel.flags.hasFocus, timeout=2000)
    QTest.keyClick(panel.flags, Qt.Key.Key_Down)  # the arrows choose the second flag
    seen: list[str] = []
    click_in_next_menu(FLAG_ENTRY, seen)
    QTest.keyClick(panel.flags, *key)
    hook = comments_of(window)
    qtbot.waitUntil(lambda: hook.dialog is not None and hook.dialog.isVisible(), timeout=5000)
    assert hook.dialog is not None
    assert html(panel.analysis.flags[1].message) in hook.dialog.about.text()


def test_after_giving_a_name_escape_still_closes_the_comment_dialog(
        window: MainWindow, qtbot: QtBot) -> None:
    panel = window.analysis_panel
    qtbot.waitUntil(lambda: panel.analysis is not None and bool(panel.analysis.flags),
                    timeout=10000)
    click_in_next_menu(FLAG_ENTRY, [])
    right_click(panel.flags.viewport(), panel.flags.visualItemRect(panel.flags.item(0)).center())
    hook = comments_of(window)
    qtbot.waitUntil(lambda: hook.dialog is not None and hook.dialog.isVisible(), timeout=5000)
    dialog = hook.dialog
    assert dialog is not None
    answer_text_dialog("Maria Manager")  # the first comment asks who signs
    type_into(dialog.box.edit, "Ask the CFO", finish=False)
    QTest.keyClick(dialog.box.edit, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: dialog.box.list.count() >= 1, timeout=5000)
    qtbot.waitUntil(lambda: QApplication.activeWindow() is dialog, timeout=2000)
    QTest.keyClick(QApplication.focusWidget() or dialog, Qt.Key.Key_Escape)
    qtbot.waitUntil(lambda: not dialog.isVisible(), timeout=2000)
