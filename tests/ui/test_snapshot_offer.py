"""Printing a brief offers to take a snapshot first — answered by a real click on the
question's button — and asks only when it helps: not for a deal that has not changed since
its newest snapshot, nor twice in a session."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import replace
from datetime import UTC, date, datetime
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QMessageBox
from pytestqt.qtbot import QtBot

from desktop.demo import demo_deals
from desktop.domain.deal import Snapshot
from desktop.store.library import Library
from desktop.ui import file_dialogs
from desktop.ui.main_window import MainWindow
from desktop.ui.snapshot_offer import snapshot_name
from tests.helpers.pdf import pdftext
from tests.helpers.ui import (
    choose_by_keys,
    choose_menu,
    click_in_next_message,
    main_window,
    open_deal,
    open_window,
)


@pytest.fixture
def window(qtbot: QtBot, tmp_path: Path) -> Iterator[MainWindow]:
    with main_window(qtbot, tmp_path) as opened:
        yield opened


def save_as(monkeypatch: pytest.MonkeyPatch, path: Path) -> None:
    monkeypatch.setattr(file_dialogs, "get_save_file_name",
                        lambda _parent, _title, _proposal, name_filter: (str(path), name_filter))


def export_brief(qtbot: QtBot, window: MainWindow) -> None:
    """File ▸ Export as PDF, the brief chosen by keys, OK by Return."""
    choose_menu(qtbot, window, "File", "Export as PDF")
    dialog = window.printing.options_dialog
    assert dialog is not None
    qtbot.waitUntil(dialog.isVisible)
    choose_by_keys(qtbot, dialog.layout_box, "Deal brief")
    QTest.keyClick(dialog, Qt.Key.Key_Return)


def snapshot_names(window: MainWindow) -> list[str]:
    assert window.session.deal is not None
    return [s.name for s in window.session.library.list_snapshots(window.session.deal.id)]


def test_yes_takes_the_snapshot_before_the_brief_is_written(
        window: MainWindow, qtbot: QtBot, tmp_path: Path,
        monkeypatch: pytest.MonkeyPatch) -> None:
    open_deal(qtbot, window, "Northwind")  # the demo deal changed since its "QBR" snapshot
    out = tmp_path / "brief.pdf"
    save_as(monkeypatch, out)
    asked: list[str] = []
    click_in_next_message(QMessageBox.StandardButton.Yes, asked)
    export_brief(qtbot, window)
    qtbot.waitUntil(out.exists, timeout=20000)
    name = snapshot_name(date.today())
    assert asked == [f"Take a snapshot “{name}” first?"]
    assert snapshot_names(window) == ["Discovery review", "QBR", name]
    assert "Northwind" in pdftext(out)
    # The Review tab still reviews from the QBR, not from the copy the brief just took.
    page = window.review_page  # type: ignore[attr-defined]
    window.tabs.setCurrentWidget(page)
    qtbot.waitUntil(lambda: page.since_box.count() == 3)
    assert page.since_box.currentText().startswith("QBR")
    # Asked once: the next brief of this deal is written without a question.
    out.unlink()
    export_brief(qtbot, window)
    qtbot.waitUntil(out.exists, timeout=20000)
    assert QApplication.activeModalWidget() is None
    assert len(asked) == 1
    # The snapshot was taken as Deal ▸ Take snapshot takes one: Edit ▸ Undo takes it back.
    window.session.undo_stack.undo()
    assert snapshot_names(window) == ["Discovery review", "QBR"]


def test_no_prints_without_a_snapshot_and_is_not_asked_again(
        window: MainWindow, qtbot: QtBot, tmp_path: Path,
        monkeypatch: pytest.MonkeyPatch) -> None:
    open_deal(qtbot, window, "Helix")
    out = tmp_path / "brief.pdf"
    save_as(monkeypatch, out)
    asked: list[str] = []
    click_in_next_message(QMessageBox.StandardButton.No, asked)
    export_brief(qtbot, window)
    qtbot.waitUntil(out.exists, timeout=20000)
    assert len(asked) == 1
    assert snapshot_names(window) == ["Discovery review", "QBR"]
    out.unlink()
    export_brief(qtbot, window)
    qtbot.waitUntil(out.exists, timeout=20000)
    assert len(asked) == 1


def test_not_asked_when_nothing_changed_since_the_newest_snapshot(
        qtbot: QtBot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    northwind = next(d for d in demo_deals() if d.name.startswith("Northwind"))
    same = Snapshot("Monday review", datetime(2026, 11, 30, 9, tzinfo=UTC),
                    northwind.without_snapshots())
    library = tmp_path / "library.sqlite"
    with Library.open(library) as opened:
        opened.add_deal(replace(northwind, snapshots=(*northwind.snapshots, same)))
    window = open_window(qtbot, library, tmp_path)
    try:
        open_deal(qtbot, window, "Northwind")
        out = tmp_path / "brief.pdf"
        save_as(monkeypatch, out)
        export_brief(qtbot, window)
        qtbot.waitUntil(out.exists, timeout=20000)
        assert QApplication.activeModalWidget() is None
        assert snapshot_names(window) == ["Discovery review", "QBR", "Monday review"]
    finally:
        window.session.close()
