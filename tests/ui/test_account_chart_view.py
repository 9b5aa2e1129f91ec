"""The account window's org chart on the demo's Helix account, with a conflict of managers
(a line in the imaging deal draws someone under a manager other than the clinical deal's): the
pointer over his card shows the whole sentence; hovering a card shows its whole title."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QEvent, QPointF, Qt
from PySide6.QtGui import QHelpEvent
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QToolTip
from pytestqt.qtbot import QtBot

from desktop.domain.enums import RelationKind
from desktop.domain.relation import Relation
from desktop.ui.account_view import AccountView
from desktop.ui.main_window import MainWindow
from tests.helpers.ui import activate, choose_menu, main_window, open_deal

CLINICAL = "Helix Health clinical data platform"
IMAGING = "Helix Health imaging archive"


@pytest.fixture
def window(qtbot: QtBot, tmp_path: Path) -> Iterator[MainWindow]:
    with main_window(qtbot, tmp_path) as opened:
        opened.resize(1366, 728)
        activate(qtbot, opened)
        yield opened


def hover(qtbot: QtBot, view: AccountView, person_id: str) -> str:
    """Rest the pointer on the person's card; the tooltip's text."""
    item = view.chart_view.item
    assert item is not None
    card = next(c for c in item.chart.cards if c.person_id == person_id)
    view.activateWindow()  # Qt shows tooltips in the active window only
    qtbot.waitUntil(view.isActiveWindow, timeout=2000)
    at = view.chart_view.mapFromScene(QPointF(*card.centre))
    viewport = view.chart_view.viewport()
    QTest.mouseMove(viewport, at)
    # The help event Qt sends when the pointer rests (the offscreen platform has no
    # hover timer of its own).
    QApplication.sendEvent(viewport, QHelpEvent(QEvent.Type.ToolTip, at,
                                                viewport.mapToGlobal(at)))
    qtbot.waitUntil(QToolTip.isVisible, timeout=4000)
    return QToolTip.text()


def test_a_conflict_of_managers_is_marked_and_told_in_the_tooltip(
        window: MainWindow, qtbot: QtBot) -> None:
    library = window.session.library
    deals = {s.name: library.get_deal(s.id) for s in library.list_deals()
             if s.name in (CLINICAL, IMAGING)}
    clinical, imaging = deals[CLINICAL], deals[IMAGING]
    managed = {r.source: r.target for r in clinical.relations
               if r.kind is RelationKind.REPORTS_TO}
    drawn_here = {r.source: r.target for r in imaging.relations
                  if r.kind is RelationKind.REPORTS_TO}
    person = next(p for p in imaging.people if p.id in managed)
    other = next(p for p in imaging.people
                 if p.id not in (person.id, managed[person.id], drawn_here.get(person.id)))
    library.add_relation(imaging.id, Relation(person.id, other.id, RelationKind.REPORTS_TO))
    first = library.get_deal(clinical.id).person(managed[person.id]).name

    open_deal(qtbot, window, IMAGING)
    choose_menu(qtbot, window, "Deal", "Account view")
    view: AccountView = window.account_pages.account_view()  # type: ignore[attr-defined]
    qtbot.waitExposed(view)
    QTest.mouseClick(view.tabs.tabBar(), Qt.MouseButton.LeftButton,
                     pos=view.tabs.tabBar().tabRect(1).center())  # Org chart
    qtbot.waitUntil(lambda: view.chart_view.item is not None)
    chart = view.chart_view.item.chart  # type: ignore[union-attr]
    card = next(c for c in chart.cards if c.person_id == person.id)
    assert card.deals.endswith("2 managers")
    sentence = f"{person.name} reports to {first} in {CLINICAL}"
    (note,) = (n for n in chart.notes if sentence in n)
    assert f"{other.name} in {IMAGING}" in note
    assert len(chart.conflicted) >= 2
    assert sentence in hover(qtbot, view, person.id)
