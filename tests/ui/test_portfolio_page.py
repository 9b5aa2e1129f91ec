"""View ▸ Portfolio: the open deals riskiest first; a click on a deal opens it in the main
window; the account choice narrows the page; an edit elsewhere is shown when it lands."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import replace
from datetime import date
from pathlib import Path

import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from desktop.store.library import Library
from desktop.ui.main_window import MainWindow
from desktop.ui.portfolio_page import PortfolioWindow
from tests.domain.test_portfolio import middling, neglected, well_worked
from tests.helpers.ui import activate, open_window

TODAY = date.today()
CTRL_SHIFT = Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier


@pytest.fixture
def window(qtbot: QtBot, tmp_path: Path) -> Iterator[MainWindow]:
    path = tmp_path / "library.sqlite"
    won = replace(well_worked(TODAY, "Closed Kestrel"), stage="Closed won")
    with Library.open(path) as library:
        library.add_deals([well_worked(TODAY), middling(TODAY), neglected(TODAY), won])
    opened = open_window(qtbot, path, tmp_path)
    opened.resize(1366, 768)
    try:
        yield opened
    finally:
        opened.session.close()


def open_portfolio(qtbot: QtBot, window: MainWindow) -> PortfolioWindow:
    """Ctrl+Shift+D, as a user presses it; the page once it has read every deal."""
    activate(qtbot, window)
    QTest.keyClick(QApplication.focusWidget() or window, Qt.Key.Key_D, CTRL_SHIFT)
    page = window.findChild(PortfolioWindow)
    assert page is not None
    assert page.isVisible()
    qtbot.waitUntil(lambda: not page.reading, timeout=10_000)
    return page


def names(page: PortfolioWindow) -> list[str]:
    return [item.name for item in page.canvas.standings]


def test_the_page_lists_open_deals_riskiest_first(qtbot: QtBot, window: MainWindow) -> None:
    page = open_portfolio(qtbot, window)
    assert names(page) == ["Vega neglected", "Lumen middling", "Orbit well worked"]
    assert page.summary.text().startswith("3 open deals, riskiest first")
    menu_entries = [a.text() for a in window.menus[3].actions()]
    assert "Po&rtfolio" in menu_entries  # its own key in the View menu


def test_clicking_a_deal_opens_it_and_hides_the_page(qtbot: QtBot,
                                                     window: MainWindow) -> None:
    page = open_portfolio(qtbot, window)
    middle = next(s for s in page.canvas.standings if s.name == "Lumen middling")
    cell = page.canvas.cell_rect(middle.deal_id)
    QTest.mouseClick(page.canvas, Qt.MouseButton.LeftButton, pos=cell.center().toPoint())
    assert window.session.deal is not None
    assert window.session.deal.id == middle.deal_id
    assert not page.isVisible()
    # The gap between cells opens nothing.
    page = open_portfolio(qtbot, window)
    first = page.canvas.cell_rect(page.canvas.standings[0].deal_id)
    gap = QPoint(int(first.right()) + 3, int(first.center().y()))
    QTest.mouseClick(page.canvas, Qt.MouseButton.LeftButton, pos=gap)
    assert page.isVisible()
    assert window.session.deal.id == middle.deal_id


def test_the_account_choice_narrows_the_page(qtbot: QtBot, window: MainWindow) -> None:
    page = open_portfolio(qtbot, window)
    combo = page.account
    assert [combo.itemText(i) for i in range(combo.count())] == [
        "All accounts", "Lumen SA", "Orbit AG", "Vega Ltd"]  # not the closed deal's account
    combo.setFocus()
    QTest.keyClick(combo, Qt.Key.Key_Down)  # Lumen SA
    QTest.keyClick(combo, Qt.Key.Key_Down)  # Orbit AG
    assert names(page) == ["Orbit well worked"]
    QTest.keyClick(combo, Qt.Key.Key_Home)
    assert len(names(page)) == 3
    stage = page.stage
    assert [stage.itemText(i) for i in range(stage.count())] == [
        "All open stages", "Discover", "Proposal", "Negotiate"]  # the suggested order


def test_an_edit_of_a_deal_shows_on_the_page(qtbot: QtBot, window: MainWindow) -> None:
    page = open_portfolio(qtbot, window)
    orbit = next(s for s in page.canvas.standings if s.name == "Orbit well worked")
    deal = window.session.library.get_deal(orbit.deal_id)
    # The store operation an edit of the deal's stage goes through, announced as the
    # window announces it: the page reads that deal again and leaves it out once won.
    window.session.apply(lambda library: library.update_deal(replace(deal, stage="Closed won")))
    qtbot.waitUntil(lambda: not page.reading and "Orbit well worked" not in names(page),
                    timeout=5000)
    assert names(page) == ["Vega neglected", "Lumen middling"]


def test_escape_hides_the_page(qtbot: QtBot, window: MainWindow) -> None:
    page = open_portfolio(qtbot, window)
    QTest.keyClick(page.canvas, Qt.Key.Key_Escape)
    assert not page.isVisible()


def test_the_keyboard_moves_between_deals_and_enter_opens_one(qtbot: QtBot,
                                                               window: MainWindow) -> None:
    page = open_portfolio(qtbot, window)
    canvas = page.canvas
    page.activateWindow()
    qtbot.waitUntil(page.isActiveWindow, timeout=2000)
    page.stage.setFocus()
    QTest.keyClick(page.stage, Qt.Key.Key_Tab)  # from the choices on to the deals
    qtbot.waitUntil(canvas.hasFocus, timeout=2000)
    QTest.keyClick(canvas, Qt.Key.Key_End)
    QTest.keyClick(canvas, Qt.Key.Key_Left)  # the middle one of three
    QTest.keyClick(canvas, Qt.Key.Key_Return)
    assert window.session.deal is not None
    assert window.session.deal.name == "Lumen middling"
    assert not page.isVisible()


def test_another_programs_write_is_read_again_alone(qtbot: QtBot, window: MainWindow,
                                                     tmp_path: Path) -> None:
    page = open_portfolio(qtbot, window)
    vega = next(s for s in page.canvas.standings if s.name == "Vega neglected")
    before = dict(page.standings)
    # The command line, say, closes the deal as lost in the same file.
    with Library.open(tmp_path / "library.sqlite") as other:
        deal = other.get_deal(vega.deal_id)
        other.update_deal(replace(deal, stage="Closed lost"))
    qtbot.waitUntil(window.session.check_external_changes, timeout=5000)
    qtbot.waitUntil(lambda: not page.reading and "Vega neglected" not in names(page),
                    timeout=5000)
    assert names(page) == ["Lumen middling", "Orbit well worked"]
    for item in page.canvas.standings:  # not read again: the very same standings
        assert page.standings[item.deal_id] is before[item.deal_id]


def test_the_next_session_shows_the_kept_figures_at_once_and_reads_only_what_changed(
        qtbot: QtBot, window: MainWindow, tmp_path: Path) -> None:
    first = names(open_portfolio(qtbot, window))
    assert len(first) == 3
    window.session.close()
    window.close()
    path = tmp_path / "library.sqlite"
    with Library.open(path) as other:  # meanwhile the command line edits one deal
        orbit = next(s for s in other.list_deals() if s.name == "Orbit well worked")
        other.update_deal(replace(other.get_deal_fields(orbit.id), amount=125_000.0))
    second = open_window(qtbot, path, tmp_path / "second")
    try:
        activate(qtbot, second)
        QTest.keyClick(QApplication.focusWidget() or second, Qt.Key.Key_D, CTRL_SHIFT)
        page = second.findChild(PortfolioWindow)
        assert page is not None
        # As the key left it, before any reading between frames: the two deals unchanged
        # since are shown from the library's figures; only the edited one is still to read.
        assert page.reading
        assert names(page) == [n for n in first if n != "Orbit well worked"]
        qtbot.waitUntil(lambda: not page.reading, timeout=10_000)
        assert names(page) == first
        assert next(s for s in page.canvas.standings
                    if s.deal_id == orbit.id).amount == 125_000.0
    finally:
        second.session.close()
