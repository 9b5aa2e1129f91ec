"""The Plan tab lists the open actions by expected gain under its list; completing the top
one by its key takes it off (a done action brings nothing more), undo puts it back."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from pytestqt.qtbot import QtBot

from desktop.ui.plan_gains import PlanGains
from tests.helpers.plan_input import click_action, show_plan
from tests.helpers.ui import main_window, open_deal, stored_deal


def test_the_plan_tab_ranks_its_actions_by_expected_gain(qtbot: QtBot, tmp_path: Path) -> None:
    with main_window(qtbot, tmp_path) as window:
        window.resize(1366, 768)
        open_deal(qtbot, window, "Helix Health clinical data platform")
        show_plan(qtbot, window)
        gains = window.findChild(PlanGains)
        assert gains is not None
        qtbot.waitUntil(lambda: gains.isVisible() and "Samuel Okoye" in gains.text())
        lines = gains.text().splitlines()
        assert lines[0] == "By expected gain if done (deal axis, 0–10):"
        assert lines[1].startswith("1. +0.27 technical fit — “Security questionnaire")
        assert lines[2].startswith("2. +0.23 personal win")
        assert len(lines) == 4  # three, short

        top = next(a for a in stored_deal(window).actions
                   if a.text.startswith("Security questionnaire"))
        click_action(window, top.id)
        QTest.keyClick(window.plan.tree, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
        qtbot.waitUntil(lambda: "Samuel Okoye" not in gains.text())
        assert gains.text().splitlines()[1].startswith("1. +0.23 personal win")
        assert next(a for a in stored_deal(window).actions if a.id == top.id).status.value \
            == "done"
        QTest.keySequence(window, "Ctrl+Z")
        qtbot.waitUntil(lambda: "Samuel Okoye" in gains.text())
