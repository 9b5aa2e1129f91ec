"""Ctrl+Z typed in a number box of the inspector undoes the deal's last edit (and
Ctrl+Shift+Z redoes it): the box's own line edit claimed the keys, so a seller who typed a
score, pressed Enter and then Ctrl+Z saw nothing happen (found by a fresh-eyes tester)."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from pytestqt.qtbot import QtBot

from desktop.domain.enums import Axis
from desktop.ui.main_window import MainWindow
from tests.helpers.ui import click_row, main_window, stored_deal, type_into

CTRL = Qt.KeyboardModifier.ControlModifier
CTRL_SHIFT = Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier


@pytest.fixture
def window(qtbot: QtBot, tmp_path: Path) -> Iterator[MainWindow]:
    with main_window(qtbot, tmp_path) as opened:
        opened.resize(1366, 768)
        yield opened


def _person(window: MainWindow, name: str) -> str:
    return next(p.id for p in stored_deal(window).people if p.name == name)


def test_ctrl_z_in_a_score_box_undoes_the_score_and_ctrl_shift_z_redoes_it(
        window: MainWindow, qtbot: QtBot) -> None:
    deal = stored_deal(window)
    person = next(p for p in deal.people if p.scores.business.value not in (None, 2))
    before = person.scores.business.value
    click_row(qtbot, window, person.name)
    spin = window.inspector.scores[Axis.BUSINESS].spin
    window.inspector.form_scroll.ensureWidgetVisible(spin)
    type_into(spin, "2", finish=False)
    QTest.keyClick(spin, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: stored_deal(window).person(person.id).scores.business.value == 2,
                    timeout=3000)
    assert spin.hasFocus()
    QTest.keyClick(spin, Qt.Key.Key_Z, CTRL)
    qtbot.waitUntil(
        lambda: stored_deal(window).person(person.id).scores.business.value == before,
        timeout=3000)
    QTest.keyClick(spin, Qt.Key.Key_Z, CTRL_SHIFT)
    qtbot.waitUntil(lambda: stored_deal(window).person(person.id).scores.business.value == 2,
                    timeout=3000)


def test_ctrl_z_in_the_against_row_undoes_the_alternatives_score(
        window: MainWindow, qtbot: QtBot) -> None:
    jonas = _person(window, "Jonas Berg")
    versus = stored_deal(window).person(jonas).versus
    assert versus is not None
    click_row(qtbot, window, "Jonas Berg")
    box = window.inspector.versus
    window.inspector.form_scroll.ensureWidgetVisible(box)
    spin = box.spins[Axis.BUSINESS]
    type_into(spin, "5", finish=False)
    QTest.keyClick(spin, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: stored_deal(window).person(jonas).versus.business == 5,  # type: ignore[union-attr]
                    timeout=3000)
    QTest.keyClick(spin, Qt.Key.Key_Z, CTRL)
    qtbot.waitUntil(lambda: stored_deal(window).person(jonas).versus == versus, timeout=3000)
