"""The what-if toggle on the decision triangle: by its key from anywhere and by a click on
its checkbox, the projected triangle is drawn dashed over today's, the actions by expected
gain are listed under the chart, and nothing is written to the library."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pytest
from matplotlib.lines import Line2D
from PySide6.QtCore import QPoint, Qt
from PySide6.QtTest import QTest
from pytestqt.qtbot import QtBot

from desktop.ui.main_window import MainWindow
from desktop.ui.panels.triangle_view import TriangleView
from tests.helpers.ui import main_window, open_deal, stored_deal


@pytest.fixture
def window(qtbot: QtBot, tmp_path: Path) -> Iterator[MainWindow]:
    with main_window(qtbot, tmp_path) as opened:
        opened.resize(1366, 768)
        qtbot.waitUntil(lambda: opened.analysis_panel.runs >= 1)
        open_deal(qtbot, opened, "Helix Health clinical")  # a click in the deal list
        qtbot.waitUntil(lambda: opened.analysis_panel.deal is not None
                        and opened.analysis_panel.deal.name.startswith("Helix Health clin"))
        yield opened


def projected_lines(view: TriangleView) -> list[Line2D]:
    assert view.canvas is not None
    return [line for ax in view.canvas.figure.axes for line in ax.lines
            if line.get_gid() == "what_if"]


def test_the_key_shows_the_plan_done_dashed_over_today(window: MainWindow,
                                                       qtbot: QtBot) -> None:
    view = window.triangle_view
    deal_before = stored_deal(window)
    steps = window.session.undo_stack.count()
    assert window.tabs.currentWidget() is not view  # the map shows at start
    QTest.keySequence(window, "Ctrl+Shift+W")
    assert window.tabs.currentWidget() is view  # the key brings the chart forward
    assert view.what_if_box.isChecked()
    qtbot.waitUntil(lambda: view.canvas is not None and bool(projected_lines(view)))
    (dashed,) = projected_lines(view)
    assert dashed.get_linestyle() == "--"
    assert view.what_if is not None
    # the dashed triangle is the projection: above today's on every axis of the demo plan
    today = window.analysis_panel.analysis
    assert today is not None
    for values in today.triangle.values(), view.what_if.triangle.values():
        assert None not in values
    assert all(p >= t for p, t in zip(view.what_if.triangle.values(),  # type: ignore[operator]
                                      today.triangle.values(), strict=True))
    text = view.what_if_text.text()
    assert view.what_if_text.isVisible()
    assert text.startswith("If the open plan succeeds")
    assert "1. +0.27 technical fit" in text
    assert "Samuel Okoye 2 → 6" in text
    assert "Thomas Wright" in text  # the red flag it clears
    legend = view.canvas.figure.axes[0].get_legend()  # type: ignore[union-attr]
    assert legend is not None
    assert "If the plan succeeds" in [t.get_text() for t in legend.get_texts()]
    # the projected lean, worked out in the pool: the same figures show --json gives
    qtbot.waitUntil(lambda: "Lean to us: " in view.what_if_text.text(), timeout=10_000)
    from desktop.domain.lean import lean

    deal = window.analysis_panel.deal
    assert deal is not None
    now = lean(deal, today.weights, today=date.today())
    then = lean(view.what_if.deal, today.weights, today=date.today())
    assert f"Lean to us: {now.text()} today → {then.text()} if it succeeds" in \
        view.what_if_text.text().splitlines()
    # read only: no undo step, the library's deal as it was
    assert window.session.undo_stack.count() == steps
    assert stored_deal(window) == deal_before


def test_a_click_on_the_checkbox_turns_it_off_and_on(window: MainWindow, qtbot: QtBot) -> None:
    view = window.triangle_view
    tab_bar = window.tabs.tabBar()
    QTest.mouseClick(tab_bar, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier,
                     tab_bar.tabRect(window.tabs.indexOf(view)).center())
    qtbot.waitUntil(lambda: view.canvas is not None and view.draws > 0)
    assert not projected_lines(view)
    box = view.what_if_box

    def click() -> None:
        QTest.mouseClick(box, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier,
                         QPoint(8, box.height() // 2))

    drawn = view.draws
    click()
    qtbot.waitUntil(lambda: view.draws > drawn)
    assert window.triangle_view.what_if_action.isChecked()  # the menu item follows
    assert len(projected_lines(view)) == 1
    drawn = view.draws
    click()
    qtbot.waitUntil(lambda: view.draws > drawn)
    assert not projected_lines(view)
    assert not view.what_if_text.isVisible()
    assert not window.triangle_view.what_if_action.isChecked()


def test_the_projection_follows_an_edit(window: MainWindow, qtbot: QtBot) -> None:
    """With the toggle on, raising Amelia Novak's personal win by a key in the inspector
    works the what-if out again from the edited deal: her action has one point to go."""
    view = window.triangle_view
    QTest.keySequence(window, "Ctrl+Shift+W")
    qtbot.waitUntil(lambda: view.canvas is not None and bool(projected_lines(view)))
    assert "Amelia Novak 5 → 7" in view.what_if_text.text()
    table = window.people.table
    index = table.model().index(0, 0)
    assert index.data() == "Amelia Novak"
    QTest.mouseClick(table.viewport(), Qt.MouseButton.LeftButton,
                     Qt.KeyboardModifier.NoModifier, table.visualRect(index).center())
    spin = window.inspector.scores[next(a for a in window.inspector.scores
                                        if a.value == "personal")].spin
    spin.setFocus()
    QTest.keyClick(spin, Qt.Key.Key_Up)
    amelia = next(p for p in stored_deal(window).people if p.name == "Amelia Novak")
    assert amelia.scores.personal.value == 6

    def amelia_now() -> int | None:
        return next((e.now for e in (view.what_if.effects if view.what_if else ())
                     if e.person == amelia.id), None)

    qtbot.waitUntil(lambda: amelia_now() == 6, timeout=5000)
    # one point to go now: half the gain, so she drops from second place out of the top 3
    assert "Amelia Novak" not in view.what_if_text.text()
    assert len(projected_lines(view)) == 1


def test_a_new_empty_deal_shows_no_projection_of_the_last_one(window: MainWindow,
                                                              qtbot: QtBot) -> None:
    from tests.helpers.ui import answer_next_dialog, fill_new_deal

    view = window.triangle_view
    QTest.keySequence(window, "Ctrl+Shift+W")
    qtbot.waitUntil(lambda: view.canvas is not None and bool(projected_lines(view)))
    answer_next_dialog(fill_new_deal("Empty deal", "Nobody Ltd"))
    QTest.keySequence(window, "Ctrl+N")
    qtbot.waitUntil(lambda: window.session.deal is not None
                    and window.session.deal.name == "Empty deal")
    qtbot.waitUntil(lambda: view.what_if_text.text() == "No people, no plan to project yet.")
    assert not projected_lines(view)
    assert view.what_if_box.isChecked()  # the switch stays where the seller put it
