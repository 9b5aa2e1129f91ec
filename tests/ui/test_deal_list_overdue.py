"""The deal list says how many actions are overdue, so the morning starts with what slipped;
completing one in the Plan tab takes it off the count at once."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from pytestqt.qtbot import QtBot

from desktop.demo import demo_deals
from desktop.ui.main_window import MainWindow
from tests.helpers.plan_input import click_action, show_plan, window_on
from tests.helpers.ui import activate
from tests.ui.test_plan_tab import LATE, planned


@pytest.fixture
def window(qtbot: QtBot, tmp_path: Path) -> Iterator[MainWindow]:
    northwind = next(d for d in demo_deals() if d.name.startswith("Northwind"))
    with window_on(qtbot, tmp_path, planned(northwind)) as opened:
        yield opened


def line(window: MainWindow) -> str:
    model = window.deal_list.model
    return str(model.index(0, 0).data(Qt.ItemDataRole.DisplayRole))


def test_the_deal_list_counts_overdue_actions_and_follows_the_plan(
        window: MainWindow, qtbot: QtBot) -> None:
    assert line(window).splitlines()[1].startswith("1 overdue · ")
    show_plan(qtbot, window)
    activate(qtbot, window)
    click_action(window, LATE)
    QTest.keyClick(window.plan.tree, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: "overdue" not in line(window), timeout=3000)
    summary = window.session.library.list_deals()[0]
    assert summary.overdue == 0
    assert summary.to_plain()["overdue_actions"] == 0
