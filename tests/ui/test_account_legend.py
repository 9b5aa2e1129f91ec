"""The account grid says what its cells mean: a legend of the support tints (the same
colours as the cells) and the numbers, under the grid; the org chart tab, which has no
cells, does not show it."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor
from PySide6.QtTest import QTest
from pytestqt.qtbot import QtBot

from desktop.domain.enums import Support
from desktop.palette import SUPPORT_TINTS
from desktop.synthetic_account import synthetic_account
from desktop.ui.account_view import AccountView


def test_the_grid_has_a_legend_of_its_tints_and_numbers(qtbot: QtBot) -> None:
    view = AccountView()
    qtbot.addWidget(view)
    view.set_grid(synthetic_account(60, 4, seed=3))
    view.resize(1366, 728)
    view.show()
    qtbot.waitExposed(view)
    legend = view.legend
    assert legend.isVisible()
    assert [s.text() for s in legend.swatches] == [
        "▲▲ +2 Mentor", "▲ +1 Supporter", "● +0 Neutral", "▼ -1 Opponent", "▼▼ -2 Enemy"]
    for swatch, support in zip(legend.swatches, sorted(Support, reverse=True), strict=True):
        picture = swatch.grab().toImage()
        assert picture.pixelColor(3, swatch.height() // 2) == QColor(SUPPORT_TINTS[support])
    assert "personal win" in legend.explained.text()
    assert "Blank: not in that deal" in legend.explained.text()
    assert legend.explained.visibleRegion().boundingRect().width() > 300  # not squeezed
    QTest.keyClick(view.tabs.tabBar(), Qt.Key.Key_Right)  # the Org chart tab
    qtbot.waitUntil(lambda: not legend.isVisible())
    QTest.keyClick(view.tabs.tabBar(), Qt.Key.Key_Left)
    qtbot.waitUntil(legend.isVisible)
