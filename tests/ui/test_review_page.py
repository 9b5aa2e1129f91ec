"""The Review tab, driven as a seller drives it: the tab clicked, a snapshot chosen in the
"Since" box by keyboard and through its popup, a snapshot taken from the tab, another deal
opened, and the review printed to a PDF read back."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from pytestqt.qtbot import QtBot

from desktop.ui import file_dialogs
from desktop.ui.main_window import MainWindow
from desktop.ui.review_page import ReviewPage
from tests.helpers.pdf import pdftext
from tests.helpers.ui import (
    answer_text_dialog,
    choose_by_keys,
    choose_in_popup,
    choose_menu,
    click,
    click_row,
    main_window,
    open_deal,
)


@pytest.fixture
def window(qtbot: QtBot, tmp_path: Path) -> Iterator[MainWindow]:
    with main_window(qtbot, tmp_path) as opened:
        yield opened


def review_tab(qtbot: QtBot, window: MainWindow) -> ReviewPage:
    """Click the Review tab."""
    tabs = window.tabs
    page = window.findChild(ReviewPage)
    assert page is not None
    bar = tabs.tabBar()
    QTest.mouseClick(bar, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier,
                     bar.tabRect(tabs.indexOf(page)).center())
    qtbot.waitUntil(page.isVisible)
    return page


def shown(page: ReviewPage) -> str:
    return page.text.toPlainText()


def test_choosing_the_snapshot_changes_what_the_tab_says(window: MainWindow,
                                                          qtbot: QtBot) -> None:
    open_deal(qtbot, window, "Helix")
    page = review_tab(qtbot, window)
    box = page.since_box
    assert [box.itemText(i) for i in range(box.count())] == [
        "Discovery review — 29 Aug 2026", "QBR — 6 Nov 2026"]
    assert box.currentText().startswith("QBR")  # the newest, by default
    since_qbr = shown(page)
    assert "Added: Victor Hugo Alves" in since_qbr
    assert "Added: Benjamin Clarke" not in since_qbr  # met before the QBR
    assert "Red flags still open" in since_qbr
    assert page.summary.text().endswith("days ago · 2 snapshots in all")

    choose_by_keys(qtbot, box, "Discovery")
    qtbot.waitUntil(lambda: "Added: Benjamin Clarke" in shown(page))
    since_discovery = shown(page)
    assert "Added: Victor Hugo Alves" in since_discovery
    assert "New action: “Workshop to shape the rollout plan”" in since_discovery

    choose_in_popup(qtbot, box, "QBR")
    qtbot.waitUntil(lambda: "Added: Benjamin Clarke" not in shown(page))
    assert shown(page) == since_qbr


def test_a_snapshot_taken_from_the_tab_is_reviewed_from_then(window: MainWindow,
                                                             qtbot: QtBot) -> None:
    open_deal(qtbot, window, "Northwind")
    page = review_tab(qtbot, window)
    assert page.since_box.currentText() == "QBR — 4 Nov 2026"
    answer_text_dialog("Pipeline call")
    click(page.take_button)
    qtbot.waitUntil(lambda: page.since_box.count() == 3)
    assert page.since_box.currentText().startswith("Pipeline call")
    qtbot.waitUntil(lambda: "Nothing changed." in shown(page))
    assert "Red flags still open" in shown(page)
    window.session.undo_stack.undo()  # Edit ▸ Undo takes the snapshot back
    qtbot.waitUntil(lambda: page.since_box.count() == 2)
    assert page.since_box.currentText() == "QBR — 4 Nov 2026"


def test_another_deal_is_reviewed_when_opened(window: MainWindow, qtbot: QtBot) -> None:
    open_deal(qtbot, window, "Helix")
    page = review_tab(qtbot, window)
    assert page.since_box.currentText() == "QBR — 6 Nov 2026"
    open_deal(qtbot, window, "Northwind")
    qtbot.waitUntil(lambda: page.since_box.currentText() == "QBR — 4 Nov 2026")
    assert page.review is not None
    assert page.review.deal.name.startswith("Northwind")
    assert "Mei Lin" not in shown(page)


def test_print_review_writes_the_pdf(window: MainWindow, qtbot: QtBot, tmp_path: Path,
                                     monkeypatch: pytest.MonkeyPatch) -> None:
    out = tmp_path / "helix review.pdf"
    asked: list[str] = []

    def answer(_parent: object, _title: str, proposal: str, _filter: str) -> tuple[str, str]:
        asked.append(Path(proposal).name)
        return str(out), _filter

    monkeypatch.setattr(file_dialogs, "get_save_file_name", answer)
    open_deal(qtbot, window, "Helix")
    page = review_tab(qtbot, window)
    choose_by_keys(qtbot, page.since_box, "Discovery")
    click(page.print_button)
    qtbot.waitUntil(out.exists, timeout=20000)
    assert asked == ["Helix Health clinical data platform review.pdf"]
    words = pdftext(out)
    assert "Review since “Discovery review” (taken 29 Aug 2026)" in words
    assert "Added: Benjamin Clarke" in words
    assert "Printed the review" in window.statusBar().currentMessage()


def test_a_comment_shows_under_the_person_it_is_about(qtbot: QtBot, tmp_path: Path) -> None:
    from dataclasses import replace
    from datetime import UTC, date, datetime

    from desktop.demo import demo_deals
    from desktop.domain.comments import Comment, CommentTarget
    from desktop.domain.review import review
    from desktop.store.library import Library
    from tests.helpers.ui import open_window

    northwind = next(d for d in demo_deals() if d.name.startswith("Northwind"))
    changed = review(northwind, northwind.snapshots[-1], today=date(2026, 12, 3)).people[0]
    comment = Comment(CommentTarget.PERSON, changed.id, "Maria Lopez",
                      datetime(2026, 12, 1, 10, tzinfo=UTC), "Ask her about the budget")
    library = tmp_path / "library.sqlite"
    with Library.open(library) as opened:
        opened.add_deal(replace(northwind, comments=(comment,)))
    window = open_window(qtbot, library, tmp_path)
    try:
        open_deal(qtbot, window, "Northwind")
        page = review_tab(qtbot, window)
        lines = shown(page).splitlines()
        at = lines.index(f"• {changed.name}")
        said = "Maria Lopez, 1 Dec 2026: Ask her about the budget"
        assert said in lines[at:]
        assert lines.index(said) > at
    finally:
        window.session.close()


def test_ctrl_7_shows_the_review_tab(window: MainWindow, qtbot: QtBot) -> None:
    """View ▸ Review, after Plan (Ctrl+5) and Decision (Ctrl+6)."""
    QTest.keyClick(window, Qt.Key.Key_7, Qt.KeyboardModifier.ControlModifier)
    page = window.findChild(ReviewPage)
    qtbot.waitUntil(lambda: window.tabs.currentWidget() is page)


def test_a_snapshot_taken_from_the_deal_menu_then_an_edit_is_reviewed_from_it(
        window: MainWindow, qtbot: QtBot) -> None:
    """Deal ▸ Take snapshot, then a change: the Review tab (not chosen by hand) reviews
    from that snapshot, as the review command does."""
    open_deal(qtbot, window, "Northwind")
    page = review_tab(qtbot, window)
    answer_text_dialog("NW baseline")
    choose_menu(qtbot, window, "Deal", "Take snapshot")
    qtbot.waitUntil(lambda: page.since_box.count() == 3)
    click_row(qtbot, window, "Daniel Brandt")
    choose_menu(qtbot, window, "Deal", "Set support of selected", "Neutral")
    review_tab(qtbot, window)
    qtbot.waitUntil(lambda: page.since_box.currentText().startswith("NW baseline"))
    assert "Daniel Brandt" in shown(page)
