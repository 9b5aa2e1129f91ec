"""File ▸ Team folder… by keyboard alone (issue 20, found by a fresh-eyes tester): Tab into
the shares list, Up/Down to a deal, Left/Right to a tick column, Space to tick it — stored at
once and a sync started, as a click does; and Tab reaches Sync now before Close."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QPushButton, QWidget
from pytestqt.qtbot import QtBot

from desktop.domain.team import Share
from desktop.store import team
from desktop.ui.main_window import MainWindow
from desktop.ui.team_dialog import PRIVATE, SHARE, TeamDialog
from tests.helpers.team import anna_with_helix_shared
from tests.helpers.ui import click, open_window
from tests.ui.test_team_window import dialog_of as menu_dialog

WAIT_MS = 15_000


@pytest.fixture
def window(qtbot: QtBot, tmp_path: Path) -> Iterator[MainWindow]:
    """Anna's window on the demo deals, a team folder set and Helix shared."""
    folder = tmp_path / "Team (Dropbox)"
    folder.mkdir()
    path, _helix = anna_with_helix_shared(tmp_path, folder)
    opened = open_window(qtbot, path, path.parent)
    yield opened
    opened.session.close()


def dialog_of(qtbot: QtBot, window: MainWindow) -> TeamDialog:
    """File ▸ Team folder…, clicked, and made the active window (for its keys)."""
    dialog = menu_dialog(qtbot, window)
    dialog.activateWindow()
    qtbot.waitUntil(dialog.isActiveWindow, timeout=2000)
    return dialog


def press(key: Qt.Key, modifier: Qt.KeyboardModifier = Qt.KeyboardModifier.NoModifier) -> None:
    """A key where the focus is, as a person presses it."""
    focused = QApplication.focusWidget()
    assert focused is not None
    QTest.keyClick(focused, key, modifier)


def tab_to(widget: QWidget, most: int = 12) -> int:
    """Press Tab until ``widget`` has the focus; how many presses it took."""
    for presses in range(1, most + 1):
        press(Qt.Key.Key_Tab)
        if widget.hasFocus():
            return presses
    raise AssertionError(f"Tab never reached {widget.accessibleName() or widget}")


def test_the_shares_are_ticked_by_keyboard(window: MainWindow, qtbot: QtBot) -> None:
    library = window.session.library
    runner = window.team.runner  # type: ignore[attr-defined]
    qtbot.waitUntil(lambda: runner.runs > 0 and not runner.busy, timeout=WAIT_MS)
    dialog = dialog_of(qtbot, window)
    tree = dialog.shares
    click(dialog.name_edit)
    tab_to(tree)
    items = [tree.topLevelItem(row) for row in range(tree.topLevelItemCount())]
    names = [item.text(0) for item in items if item is not None]
    northwind = next(row for row, name in enumerate(names) if name.startswith("Northwind"))
    deal_id = next(d.id for d in library.list_deals() if d.name == names[northwind])
    for _ in names:
        if tree.currentIndex().row() == northwind:
            break
        press(Qt.Key.Key_Down)
    assert tree.currentIndex().row() == northwind > 0  # Down went there
    press(Qt.Key.Key_Up)
    assert tree.currentIndex().row() == northwind - 1
    press(Qt.Key.Key_Down)
    assert tree.currentIndex().row() == northwind
    press(Qt.Key.Key_Right)
    assert tree.currentColumn() == SHARE
    runs = runner.runs
    press(Qt.Key.Key_Space)
    assert team.shares(library)[deal_id] == Share(deal_id)  # stored at once
    qtbot.waitUntil(lambda: runner.runs > runs, timeout=WAIT_MS)  # and a sync started
    press(Qt.Key.Key_Right)
    assert tree.currentColumn() == PRIVATE
    press(Qt.Key.Key_Space)
    assert team.shares(library)[deal_id] == Share(deal_id, with_private=True)
    item = items[northwind]
    assert item is not None
    assert item.checkState(SHARE) == item.checkState(PRIVATE) == Qt.CheckState.Checked
    press(Qt.Key.Key_Left)
    press(Qt.Key.Key_Space)  # Share unticked: no longer shared
    assert deal_id not in team.shares(library)
    assert item.checkState(PRIVATE) == Qt.CheckState.Unchecked
    assert tree.hasFocus()
    assert tree.currentColumn() == SHARE


def test_tab_reaches_sync_now_before_close(window: MainWindow, qtbot: QtBot) -> None:
    dialog = dialog_of(qtbot, window)
    close = dialog.button_box.button(dialog.button_box.StandardButton.Close)
    assert isinstance(close, QPushButton)
    click(dialog.folder_edit)
    order: list[QWidget] = []
    for _ in range(20):
        press(Qt.Key.Key_Tab)
        focused = QApplication.focusWidget()
        assert focused is not None
        if focused in order:
            break
        order.append(focused)
    assert dialog.sync_button in order
    assert close in order
    assert order.index(close) == order.index(dialog.sync_button) + 1
    browse = order[0]  # folder → Browse… → name, as before
    assert isinstance(browse, QPushButton)
    assert browse.text() == "B&rowse…"
    assert order[1] is dialog.name_edit
