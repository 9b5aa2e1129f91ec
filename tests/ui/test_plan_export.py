"""The plan's calendar from the window: File ▸ Export offers iCalendar, chosen by typing in
the format box; the file holds the shown deal's actions as to-dos."""

from __future__ import annotations

from pathlib import Path

import pytest
from icalendar import Calendar
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QDialog
from pytestqt.qtbot import QtBot

from desktop.ui import file_dialogs
from desktop.ui.export_dialog import ExportDialog
from desktop.ui.main_window import MainWindow
from tests.helpers.ui import answer_next_dialog, choose_by_keys, open_deal, stored_deal


def test_the_export_dialog_writes_the_plan_as_icalendar(
        window: MainWindow, tmp_path: Path, qtbot: QtBot,
        monkeypatch: pytest.MonkeyPatch) -> None:
    open_deal(qtbot, window, "Helix")
    out = tmp_path / "helix plan"  # no suffix typed: the format's is added
    monkeypatch.setattr(file_dialogs, "get_save_file_name", lambda *_args: (str(out), ""))

    def choose(dialog: QDialog) -> None:
        assert isinstance(dialog, ExportDialog)
        choose_by_keys(qtbot, dialog.format_box, "iCalendar")
        assert dialog.chosen_format() is not None
        QTest.keyClick(dialog, Qt.Key.Key_Return)

    answer_next_dialog(choose)
    window.export_deals_action.trigger()
    written = tmp_path / "helix plan.ics"
    calendar = Calendar.from_ical(written.read_bytes())
    deal = stored_deal(window)
    assert deal.actions
    assert {str(t["UID"]) for t in calendar.walk("VTODO")} == {
        f"{a.id}@deal-triangle" for a in deal.actions}
    assert str(written) in window.statusBar().currentMessage()
