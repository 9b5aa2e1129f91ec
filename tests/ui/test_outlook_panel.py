"""The analysis panel shows the lean with its interval, the three questions worth asking
(a click selects the person) and the consensus; worked out off the GUI thread after an
edit, the stale results dropped."""

from __future__ import annotations

import re
from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pytest
from PySide6.QtCore import QPoint, QRect, Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QScrollArea, QWidget
from pytestqt.qtbot import QtBot

from desktop.domain.enums import Axis, Confidence
from desktop.domain.outlook import outlook
from desktop.ui.main_window import MainWindow
from desktop.ui.panels.outlook_view import PERSON_ROLE
from tests.helpers.ui import (
    choose_analysis_tab,
    choose_by_keys,
    main_window,
    stored_deal,
    type_into,
    wheel_over,
)


@pytest.fixture
def window(qtbot: QtBot, tmp_path: Path) -> Iterator[MainWindow]:
    with main_window(qtbot, tmp_path) as opened:
        opened.resize(1366, 768)
        wait_for_figures(qtbot, opened)
        yield opened


def wait_for_figures(qtbot: QtBot, window: MainWindow) -> None:
    """Until the figures shown are those of the deal as it is now."""
    view = window.analysis_panel.outlook
    qtbot.waitUntil(lambda: view.outlook is not None and view.deal is window.session.deal
                    and not view.runner.busy, timeout=10000)


def scroll_to(window: MainWindow, widget: QWidget, qtbot: QtBot) -> None:
    """The questions have their tab: clicked, then the wheel turned over it until they
    show."""
    choose_analysis_tab(qtbot, window, "Questions")
    area = widget.parentWidget()
    while area is not None and not isinstance(area, QScrollArea):
        area = area.parentWidget()
    assert area is not None
    for _ in range(20):
        if area.viewport().rect().contains(
                QRect(widget.mapTo(area.viewport(), QPoint(0, 0)), widget.size())):
            return
        wheel_over(area.viewport(), -1)
    raise AssertionError("the questions never scrolled into view")


def plain(rich: str) -> str:
    return re.sub(r"<[^>]+>", "", rich)


def test_the_panel_shows_the_lean_its_range_the_questions_and_the_consensus(
        window: MainWindow, qtbot: QtBot) -> None:
    deal = window.session.deal
    analysis = window.analysis_panel.analysis
    assert deal is not None
    assert analysis is not None
    expected = outlook(deal, analysis.weights, today=date.today())
    view = window.analysis_panel.outlook
    assert expected.lean is not None
    assert view.bar.estimate == expected.lean
    assert (f"{expected.lean.value:.0f} % ({expected.lean.low:.0f}–{expected.lean.high:.0f} %)"
            in plain(view.lean_text.text()))
    names = {p.id: p.name for p in deal.people}
    shown = [view.questions.item(i).text() for i in range(view.questions.count())]
    assert len(shown) == 3
    assert shown[0] == (f"{names[expected.questions[0].person]} — "
                        f"{expected.questions[0].axis.label.lower()} "
                        f"(−{expected.questions[0].points()})")
    assert f"Consensus: {expected.consensus.index:.2f} of 1" in plain(view.consensus_text.text())
    one_sided = [names[p] for p in expected.consensus.one_sided]
    assert one_sided  # the demo asks things of people whose win is unknown or low
    assert (f"One-sided asks: {', '.join(one_sided[:2])}"
            in plain(view.consensus_text.text()))
    choose_analysis_tab(qtbot, window, "Triangle")
    assert view.lean_row.isVisible()
    choose_analysis_tab(qtbot, window, "Questions")
    assert view.questions.isVisible()


def test_clicking_a_question_selects_the_person_it_is_about(window: MainWindow,
                                                            qtbot: QtBot) -> None:
    view = window.analysis_panel.outlook
    item = view.questions.item(1)
    scroll_to(window, view.questions, qtbot)
    QTest.mouseClick(view.questions.viewport(), Qt.MouseButton.LeftButton,
                     Qt.KeyboardModifier.NoModifier, view.questions.visualItemRect(item).center())
    assert [p.id for p in window.selected_people()] == [item.data(PERSON_ROLE)]


def test_answering_the_first_question_narrows_the_range_and_takes_it_off_the_list(
        window: MainWindow, qtbot: QtBot) -> None:
    view = window.analysis_panel.outlook
    before = view.outlook
    assert before is not None
    assert before.lean is not None
    first = before.questions[0]
    item = view.questions.item(0)
    scroll_to(window, view.questions, qtbot)
    QTest.mouseClick(view.questions.viewport(), Qt.MouseButton.LeftButton,
                     Qt.KeyboardModifier.NoModifier, view.questions.visualItemRect(item).center())
    assert [p.id for p in window.selected_people()] == [first.person]
    editor = window.inspector.scores[first.axis]
    # several edits in a row: each asks for the figures again, only the last ones show
    type_into(editor.spin, "6")
    choose_by_keys(qtbot, editor.confidence, Confidence.HEARD.label)
    stored = stored_deal(window).person(first.person).scores[first.axis]
    assert (stored.value, stored.confidence) == (6, Confidence.HEARD)
    wait_for_figures(qtbot, window)
    after = view.outlook
    assert after is not None
    assert after.lean is not None
    assert view.deal is not None
    assert view.deal.person(first.person).scores[first.axis].value == 6
    assert after.lean.width < before.lean.width - 1.0
    assert (first.person, first.axis) not in {(q.person, q.axis) for q in after.questions}
    assert all(q.axis in Axis for q in after.questions)
