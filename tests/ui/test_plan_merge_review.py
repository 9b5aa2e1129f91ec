"""The import review in the window when only the plan differs: one row for the deal's plan
naming the action that differs, the summary counting the plan records that come in, and
the seller's choice (a real click) settling it — one undo step."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pytest
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QLabel
from pytestqt.qtbot import QtBot

from desktop.domain.actions import Action
from desktop.domain.merge import Resolution
from desktop.exchange import dealfile
from desktop.ui import file_dialogs
from desktop.ui.main_window import MainWindow
from desktop.ui.merge_dialog import MergeReviewDialog
from tests.helpers.ui import answer_next_dialog, click, stored_deal


def test_a_plan_conflict_is_reviewed_and_taken_by_a_click(
        window: MainWindow, qtbot: QtBot, tmp_path: Path,
        monkeypatch: pytest.MonkeyPatch) -> None:
    mine = stored_deal(window)
    first = mine.actions[0]
    changed = replace(first, text="Their wording of it")
    extra = Action("Their new action", for_people=(mine.people[0].id,))
    theirs = mine.with_plan(actions=(changed, *mine.actions[1:], extra))
    path = tmp_path / "theirs.dealtri"
    path.write_text(dealfile.dumps([theirs], include_private=True))
    monkeypatch.setattr(file_dialogs, "get_open_file_names", lambda *_args: ([str(path)], ""))
    seen: list[str] = []

    def review(dialog: QDialog) -> None:
        assert isinstance(dialog, MergeReviewDialog)
        assert dialog.table.rowCount() == 1
        who, what = dialog.table.item(0, 1), dialog.table.item(0, 2)
        assert who is not None
        assert what is not None
        seen.append(f"{who.text()} | {what.text()}")
        seen.extend(label.text() for label in dialog.findChildren(QLabel))
        click(dialog.apply_buttons[Resolution.THEIRS])
        buttons = dialog.findChild(QDialogButtonBox)
        assert buttons is not None
        click(buttons.button(QDialogButtonBox.StandardButton.Ok))

    answer_next_dialog(review)
    window.import_action.trigger()
    qtbot.waitUntil(lambda: bool(seen))
    assert seen[0].startswith("The deal's plan | the action “")
    assert first.text[:40] in seen[0]
    assert any("1 new plan record (actions, criteria, steps, alternatives, comments) will be "
               "added" in text for text in seen)
    stored = stored_deal(window)
    assert stored.actions[0] == changed
    assert stored.actions[-1].text == "Their new action"
    window.session.undo_stack.undo()
    assert stored_deal(window).actions == mine.actions
