"""Driving the plan as a seller does: the inspector's "Add action for …" dialog filled in by
typing, and the Plan tab's list worked with keys and clicks."""

from __future__ import annotations

import contextlib
from collections.abc import Iterator
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QDialog
from pytestqt.qtbot import QtBot

from desktop.domain.actions import Action
from desktop.domain.deal import Deal
from desktop.store.library import Library
from desktop.ui.action_dialog import ActionDialog
from desktop.ui.main_window import MainWindow
from desktop.ui.plan_model import PlanColumn
from tests.helpers.ui import (
    activate,
    answer_next_dialog,
    click,
    open_window,
    stored_deal,
    type_into,
)


@contextlib.contextmanager
def window_on(qtbot: QtBot, tmp_path: Path, deal: Deal) -> Iterator[MainWindow]:
    """The window at laptop size on a library holding ``deal`` alone."""
    path = tmp_path / "library.sqlite"
    with Library.open(path) as library:
        library.add_deals([deal])
    opened = open_window(qtbot, path, tmp_path)
    opened.resize(1366, 768)
    try:
        yield opened
    finally:
        opened.session.close()


def add_action_in_inspector(qtbot: QtBot, window: MainWindow, text: str,
                            due: str = "") -> Action:
    """Click "Add action for <name>…", type the text and the due date, press Enter; the
    action as stored."""
    before = {a.id for a in stored_deal(window).actions}

    def fill(dialog: QDialog) -> None:
        assert isinstance(dialog, ActionDialog)
        type_into(dialog.text, text)
        type_into(dialog.due.edit, due, finish=False)
        QTest.keyClick(dialog.due.edit, Qt.Key.Key_Return)

    answer_next_dialog(fill)
    click(window.inspector.person_plan.add_button)
    qtbot.waitUntil(lambda: len(stored_deal(window).actions) > len(before), timeout=5000)
    activate(qtbot, window)  # as a window manager does once the dialog has closed
    return next(a for a in stored_deal(window).actions if a.id not in before)


def show_plan(qtbot: QtBot, window: MainWindow) -> None:
    """Click the Plan tab."""
    bar = window.tabs.tabBar()
    index = window.tabs.indexOf(window.plan)
    QTest.mouseClick(bar, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier,
                     bar.tabRect(index).center())
    qtbot.waitUntil(window.plan.isVisible, timeout=2000)


def click_action(window: MainWindow, action_id: str,
                 column: PlanColumn = PlanColumn.ACTION) -> None:
    """Click an action's cell in the Plan tab."""
    tree = window.plan.tree
    index = window.plan.model.index_of(action_id, column)
    assert index.isValid(), f"{action_id} is not shown"
    tree.scrollTo(index)
    QTest.mouseClick(tree.viewport(), Qt.MouseButton.LeftButton,
                     Qt.KeyboardModifier.NoModifier, tree.visualRect(index).center())
