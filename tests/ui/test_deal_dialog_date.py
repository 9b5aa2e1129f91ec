"""A close date the deal dialog cannot read stays as typed and is refused at OK, in a
sentence: it was cleared on Tab and the deal saved without its date."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from pytestqt.qtbot import QtBot

from desktop.ui.deal_dialog import DealDialog
from tests.helpers.ui import (
    answer_next_dialog,
    main_window,
    open_deal,
    press_shortcut,
    stored_deal,
    type_into,
)


def test_an_unreadable_close_date_is_kept_and_refused(qtbot: QtBot, tmp_path: Path) -> None:
    with main_window(qtbot, tmp_path) as window:
        open_deal(qtbot, window, "Northwind")
        before = stored_deal(window)
        seen: list[tuple[str, str, bool]] = []

        def answer(dialog: object) -> None:
            assert isinstance(dialog, DealDialog)
            type_into(dialog.close_date.edit, "next friday")  # then Tab
            QTest.keyClick(dialog.name, Qt.Key.Key_Return)  # OK
            seen.append((dialog.close_date.edit.text(), dialog.error.text(),
                         dialog.isVisible()))
            dialog.reject()

        answer_next_dialog(answer)
        press_shortcut(qtbot, window, window.edit_deal_action)
        qtbot.waitUntil(lambda: bool(seen))
        typed, error, still_open = seen[0]
        assert typed == "next friday"
        assert error.startswith("Close date:")
        assert still_open
        assert stored_deal(window).close_date == before.close_date
