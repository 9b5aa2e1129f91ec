"""Excel lists in the window: an unknown layout asks with the very dialog a CSV gets (its
columns, its first rows, the header's row), the answer is remembered for the next workbook of
the same columns, and a hostile workbook is one sentence with nothing written."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QDialog, QMessageBox
from pytestqt.qtbot import QtBot

from desktop.exchange.people_columns import Field
from desktop.ui.column_mapping_dialog import ColumnMappingDialog
from desktop.ui.main_window import MainWindow
from tests.helpers.cli import digest
from tests.helpers.handmade_xlsx import sheet_xml, write_workbook
from tests.helpers.ui import answer_next_dialog, choose_by_keys, choose_in_popup

HEADER = ["Kontaktperson", "Rolle", "Mail"]


def test_an_unknown_excel_layout_opens_the_mapping_dialog(
        window: MainWindow, tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
        qtbot: QtBot) -> None:
    monkeypatch.setattr(QMessageBox, "question",
                        lambda *_args: QMessageBox.StandardButton.No)  # new deals
    first = write_workbook(tmp_path / "crm-april.xlsx", {
        "Übersicht": sheet_xml([["Umsatz", 1200]]),
        "Kontakte": sheet_xml([["Kontakte April 2026"], [], HEADER,
                               ["Ada Byron", "CTO", "ada@example.com"],
                               ["Alan Turing", "Chief Scientist", "alan@example.com"]])})
    asked: list[ColumnMappingDialog] = []

    def map_columns(dialog: QDialog) -> None:
        assert isinstance(dialog, ColumnMappingDialog)
        asked.append(dialog)
        assert "crm-april.xlsx" in dialog.windowTitle()
        heads = [dialog.preview.horizontalHeaderItem(c) for c in range(3)]
        assert [h.text() if h else None for h in heads] == HEADER
        first_row = dialog.preview.item(1, 0)  # below the choosers
        assert first_row is not None
        assert first_row.text() == "Ada Byron"
        assert dialog.mapping().columns == {Field.EMAIL: 2}  # "Mail" is known, names not
        choose_by_keys(qtbot, dialog.choosers[0], Field.NAME.label)
        choose_in_popup(qtbot, dialog.choosers[1], Field.TITLE.label)
        assert dialog.ok.isEnabled()
        QTest.mouseClick(dialog.ok, Qt.MouseButton.LeftButton)

    answer_next_dialog(map_columns)
    count = len(window.session.library.list_deals())
    assert window.exchange.import_files([first])
    assert asked
    labels = " ".join(label.text() for label in asked[0].findChildren(type(
        asked[0].problem)))
    assert "sheet 'Kontakte', header on row 3" in labels
    assert len(window.session.library.list_deals()) == count + 1
    assert window.session.deal is not None
    assert {(p.name, p.title) for p in window.session.deal.people} == {
        ("Ada Byron", "CTO"), ("Alan Turing", "Chief Scientist")}
    # Next month's workbook from the same CRM: the same columns, no question.
    second = write_workbook(tmp_path / "crm-may.xlsx", {"Kontakte": sheet_xml(
        [HEADER, ["Grace Hopper", "Admiral", "grace@example.com"]])})
    asked.clear()
    assert window.exchange.import_files([second])
    assert not asked
    assert window.session.deal is not None
    assert [p.title for p in window.session.deal.people] == ["Admiral"]


def test_a_zip_bomb_in_the_window_is_one_sentence(
        window: MainWindow, qtbot: QtBot, tmp_path: Path,
        monkeypatch: pytest.MonkeyPatch) -> None:
    shown: list[str] = []
    monkeypatch.setattr(QMessageBox, "warning", lambda _p, _t, text: shown.append(text))
    bomb = tmp_path / "contacts.xlsx"
    xml = sheet_xml([["Name"], ["Ann"]]).replace("<sheetData>", "<sheetData>" + " " * 50_000_000)
    write_workbook(bomb, {"People": xml})
    before = digest(window.session.library.path)
    assert not window.exchange.import_files([bomb])
    qtbot.waitUntil(lambda: bool(shown))
    assert len(shown) == 1
    assert str(bomb) in shown[0]
    assert "compressed" in shown[0]
    assert digest(window.session.library.path) == before
