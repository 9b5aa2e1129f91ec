"""The map reads at laptop size: opening a deal on a 1,366 × 768 screen shows every name at
9 px or more without zooming (the name's font size × the view's scale, as painted), whole,
with no scroll bar; the legend is shown and covers no card."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from pytestqt.qtbot import QtBot

from desktop.ui.main_window import MainWindow
from tests.helpers.ui import choose_analysis_tab, main_window
from tests.helpers.ui import open_deal as click_deal

READABLE = 9.0


def open_deal(window: MainWindow, qtbot: QtBot, name: str) -> None:
    click_deal(qtbot, window, name)
    qtbot.wait(50)  # the deferred fit, once the window is laid out


@pytest.mark.parametrize("deal", ["Northwind", "Helix"])
def test_every_name_reads_at_laptop_size_without_zooming(qtbot: QtBot, tmp_path: Path,
                                                         deal: str) -> None:
    with main_window(qtbot, tmp_path) as window:
        window.resize(1366, 728)  # 768 less the desktop's panel
        qtbot.wait(20)
        open_deal(window, qtbot, deal)
        view = window.map_page.view
        scale = view.zoom_level()
        assert window.session.deal is not None
        smallest = min(
            (card.name_as_drawn(scale)[0] * scale, card.person.name)
            for card in view.map_scene.cards.values())
        assert smallest[0] >= READABLE, f"{smallest[1]} at {smallest[0]:.1f} px"
        for card in view.map_scene.cards.values():
            _px, lines = card.name_as_drawn(scale)
            assert " ".join(lines) == card.person.name  # whole: never cut, never elided
        assert not view.horizontalScrollBar().isVisible()
        assert not view.verticalScrollBar().isVisible()
        legend = window.map_page.legend
        assert legend.isVisible()
        # The legend is a strip under the map: it covers no card.
        assert legend.geometry().top() >= view.geometry().bottom()


def test_the_analysis_is_never_cut_off_at_laptop_size(qtbot: QtBot, tmp_path: Path) -> None:
    """The panel under the inspector is short on a laptop: its text scrolls into view, the
    label is never squeezed below the height its lines need (it was: the path to power was
    half a line, under the check box), and the red flags have their own page, most of the
    panel's height (stacked under everything else they were two lines)."""
    with main_window(qtbot, tmp_path) as window:
        window.resize(1366, 728)
        open_deal(window, qtbot, "Northwind")
        panel = window.analysis_panel
        qtbot.waitUntil(lambda: "Path to power" in panel.summary.text(), timeout=5000)
        assert panel.flags.isVisible()  # the first page
        assert panel.flags.height() >= 8 * panel.flags.fontMetrics().lineSpacing()
        choose_analysis_tab(qtbot, window, "Triangle")
        qtbot.wait(20)
        summary = panel.summary
        assert summary.height() >= summary.heightForWidth(summary.width())
        assert panel.show_path.geometry().top() >= summary.geometry().bottom()


@pytest.mark.parametrize("people", [30, 40])
def test_a_deal_too_big_to_fit_readably_opens_readable_at_its_top(
        qtbot: QtBot, tmp_path: Path, people: int) -> None:
    """A 40-person org chart fitted to a laptop's map has 5 px names. It opens at the least
    zoom where every name reads (≥ 9 px), at the top of the chart (the bosses), with scroll
    bars; Ctrl+0 fits the whole map when the seller wants the overview."""
    from dataclasses import replace

    from desktop.synthetic import arranged, synthetic_deal

    deal = replace(arranged(synthetic_deal(people, seed=people), org_chart=True),
                   name=f"A {people}-person deal")
    with main_window(qtbot, tmp_path) as window:
        window.session.library.add_deals([deal])
        window.resize(1366, 728)
        qtbot.wait(20)
        window.session.show_deal(deal.id)  # (as a click in the list does)
        qtbot.wait(50)
        view = window.map_page.view
        cards = list(view.map_scene.cards.values())
        scale = view.zoom_level()
        smallest = min(card.name_as_drawn(scale)[0] for card in cards) * scale
        assert smallest >= READABLE
        shown = view.mapToScene(view.viewport().rect()).boundingRect()
        top = min(card.sceneBoundingRect().top() for card in cards)
        assert shown.top() <= top  # the top of the chart is in view
        assert view.verticalScrollBar().isVisible() or view.horizontalScrollBar().isVisible()
        window.activateWindow()
        qtbot.waitUntil(window.isActiveWindow)
        QTest.keyClick(view, Qt.Key.Key_0, Qt.KeyboardModifier.ControlModifier)
        shown = view.mapToScene(view.viewport().rect()).boundingRect()
        assert all(shown.contains(card.sceneBoundingRect()) for card in cards)
