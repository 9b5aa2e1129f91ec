"""Import and export in the window: the File actions, the conflict review, drag and drop,
one undo step per import, bad files as one sentence."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pytest
from PySide6.QtCore import QMimeData, QPointF, Qt, QUrl
from PySide6.QtGui import QDragEnterEvent, QDropEvent
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QDialog, QMessageBox
from pytestqt.qtbot import QtBot

from desktop.domain.merge import Resolution
from desktop.domain.person import Person
from desktop.exchange import dealfile
from desktop.ui import file_dialogs
from desktop.ui.export_dialog import ExportDialog
from desktop.ui.main_window import MainWindow
from desktop.ui.merge_dialog import MergeReviewDialog
from tests.helpers.cli import digest
from tests.helpers.paths import DATA, ROOT
from tests.helpers.ui import (
    answer_next_dialog,
    choose_by_keys,
    choose_in_popup,
    click_in_next_message,
    stored_deal,
)

SAMPLES = DATA


@pytest.fixture
def warnings(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    shown: list[str] = []
    monkeypatch.setattr(QMessageBox, "warning", lambda _p, _t, text: shown.append(text))
    return shown


def open_files(monkeypatch: pytest.MonkeyPatch, *paths: Path) -> None:
    monkeypatch.setattr(file_dialogs, "get_open_file_names",
                        lambda *_args: ([str(p) for p in paths], ""))


def test_import_with_a_conflict_is_reviewed_and_one_undo_step(
        window: MainWindow, qtbot: QtBot, tmp_path: Path,
        monkeypatch: pytest.MonkeyPatch) -> None:
    assert window.session.deal is not None
    mine = stored_deal(window)
    first = mine.people[0]
    theirs = replace(mine, people=(replace(first, title="Changed on the other laptop"),
                                   *mine.people[1:], Person(name="Newly Met")))
    path = tmp_path / "theirs.dealtri"
    path.write_text(dealfile.dumps([theirs]))
    open_files(monkeypatch, path)
    seen: list[MergeReviewDialog] = []

    def review(dialog: QDialog) -> None:
        assert isinstance(dialog, MergeReviewDialog)
        seen.append(dialog)
        assert dialog.table.rowCount() == 1
        item = dialog.table.item(0, 2)
        assert item is not None
        assert "Changed on the other laptop" in item.text()
        dialog.choose_all(Resolution.THEIRS)
        dialog.accept()

    answer_next_dialog(review)
    window.import_action.trigger()
    assert seen
    stored = window.session.library.get_deal(mine.id)
    assert stored.person(first.id).title == "Changed on the other laptop"
    assert any(p.name == "Newly Met" for p in stored.people)
    assert window.people.model.rowCount() == len(mine.people) + 1
    stack = window.session.undo_stack if window.session else None
    assert stack is not None
    assert stack.undoText().startswith("Import theirs.dealtri")
    stack.undo()
    restored = window.session.library.get_deal(mine.id)
    assert restored.person(first.id).title == first.title
    assert len(restored.people) == len(mine.people)
    stack.redo()
    assert len(window.session.library.get_deal(mine.id).people) == len(mine.people) + 1


def test_a_new_deal_file_adds_and_shows_the_deal(window: MainWindow, tmp_path: Path,
                                                 monkeypatch: pytest.MonkeyPatch) -> None:
    assert window.session.deal is not None
    copy = replace(stored_deal(window),
                   id="5f0e1d2c-3b4a-4958-8776-a5b4c3d2e1f0", name="Shared by a colleague")
    path = tmp_path / "colleague.dealtri"
    path.write_text(dealfile.dumps([copy]))
    count = len(window.session.library.list_deals())
    open_files(monkeypatch, path)
    window.import_action.trigger()
    assert len(window.session.library.list_deals()) == count + 1
    assert window.session.deal is not None
    assert window.session.deal.name == "Shared by a colleague"


def test_a_bad_file_is_one_sentence_and_nothing_changes(
        window: MainWindow, qtbot: QtBot, warnings: list[str],
        monkeypatch: pytest.MonkeyPatch) -> None:
    bad = SAMPLES / "bad" / "relation_to_nobody.dealtri"
    before = digest(window.session.library.path)
    open_files(monkeypatch, bad)
    window.import_action.trigger()
    qtbot.waitUntil(lambda: bool(warnings))
    assert warnings[0].startswith(str(bad))
    assert "relations[0].target" in warnings[0]
    assert "\n" not in warnings[0]
    assert digest(window.session.library.path) == before


def test_people_from_csv_join_the_current_deal(window: MainWindow,
                                               monkeypatch: pytest.MonkeyPatch) -> None:
    assert window.session.deal is not None
    deal_id = window.session.deal.id
    people = len(window.session.deal.people)
    monkeypatch.setattr(QMessageBox, "question",
                        lambda *_args: QMessageBox.StandardButton.Yes)
    open_files(monkeypatch, SAMPLES / "csv" / "google_contacts.csv")
    window.import_action.trigger()
    assert len(window.session.library.get_deal(deal_id).people) == people + 2


def test_dropping_a_file_on_the_window_imports_it(window: MainWindow, qtbot: QtBot,
                                                  monkeypatch: pytest.MonkeyPatch) -> None:
    count = len(window.session.library.list_deals())
    monkeypatch.setattr(QMessageBox, "question",
                        lambda *_args: QMessageBox.StandardButton.No)  # a new deal
    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile(str(SAMPLES / "graph" / "yed_sample.graphml"))])
    centre = window.rect().center()
    buttons, keys = Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier
    for event in (QDragEnterEvent(centre, Qt.DropAction.CopyAction, mime, buttons, keys),
                  QDropEvent(QPointF(centre), Qt.DropAction.CopyAction, mime, buttons, keys)):
        QApplication.sendEvent(window, event)  # as the platform delivers a drop
        assert event.isAccepted()
    qtbot.waitUntil(lambda: len(window.session.library.list_deals()) == count + 1)
    assert window.session.deal is not None
    assert {p.name for p in window.session.deal.people} == {"Ines Alvarez", "Kofi Mensah",
                                                            "Sara Lindqvist"}


def test_export_all_deals_to_a_deal_file(window: MainWindow, tmp_path: Path, qtbot: QtBot,
                                         monkeypatch: pytest.MonkeyPatch) -> None:
    out = tmp_path / "everything"
    monkeypatch.setattr(file_dialogs, "get_save_file_name", lambda *_args: (str(out), ""))

    def choose(dialog: QDialog) -> None:
        assert isinstance(dialog, ExportDialog)
        choose_in_popup(qtbot, dialog.scope, "All")
        labels = [dialog.format_box.itemText(i) for i in range(dialog.format_box.count())]
        assert not any("GraphML" in label for label in labels)  # one deal per graph file
        choose_by_keys(qtbot, dialog.format_box, "Deal Triangle")
        QTest.keyClick(dialog, Qt.Key.Key_Return)

    answer_next_dialog(choose)
    window.export_deals_action.trigger()
    written = tmp_path / "everything.dealtri"
    assert {d.id for d in dealfile.read_file(written)} == {
        s.id for s in window.session.library.list_deals()}
    assert str(written) in window.statusBar().currentMessage()


def test_an_unknown_layout_is_mapped_once_and_remembered(
        window: MainWindow, tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
        qtbot: QtBot) -> None:
    from desktop.exchange.people_columns import Field
    from desktop.ui.column_mapping_dialog import ColumnMappingDialog

    monkeypatch.setattr(QMessageBox, "question",
                        lambda *_args: QMessageBox.StandardButton.No)  # new deals
    first = tmp_path / "crm-april.csv"
    first.write_text("Kontakt;Rolle;Mail\nAda Byron;CTO;ada@example.com\n"
                     "Alan Turing;Chief Scientist;alan@example.com\n", encoding="utf-8")
    asked: list[ColumnMappingDialog] = []

    def map_columns(dialog: QDialog) -> None:
        assert isinstance(dialog, ColumnMappingDialog)
        asked.append(dialog)
        assert dialog.mapping().columns == {Field.EMAIL: 2}  # "Mail" is known, names not
        choose_by_keys(qtbot, dialog.choosers[2], "(ignore)")
        assert not dialog.ok.isEnabled()  # nothing holds names
        choose_by_keys(qtbot, dialog.choosers[0], Field.NAME.label)
        choose_in_popup(qtbot, dialog.choosers[1], Field.TITLE.label)
        choose_by_keys(qtbot, dialog.choosers[2], Field.EMAIL.label)
        assert dialog.ok.isEnabled()
        QTest.mouseClick(dialog.ok, Qt.MouseButton.LeftButton)

    answer_next_dialog(map_columns)
    count = len(window.session.library.list_deals())
    assert window.exchange.import_files([first])
    assert asked
    assert len(window.session.library.list_deals()) == count + 1
    assert window.session.deal is not None
    assert {(p.name, p.title) for p in window.session.deal.people} == {
        ("Ada Byron", "CTO"), ("Alan Turing", "Chief Scientist")}
    # Next month's export from the same tool: the same columns, no question.
    second = tmp_path / "crm-may.csv"
    second.write_text("Kontakt;Rolle;Mail\nGrace Hopper;Admiral;grace@example.com\n",
                      encoding="utf-8")
    asked.clear()
    assert window.exchange.import_files([second])
    assert not asked
    assert window.session.deal is not None
    assert [p.title for p in window.session.deal.people] == ["Admiral"]


def test_cancelling_a_long_import_writes_nothing(window: MainWindow, tmp_path: Path,
                                                 monkeypatch: pytest.MonkeyPatch) -> None:
    from PySide6.QtWidgets import QProgressDialog

    big = tmp_path / "big.csv"
    big.write_text("First Name,Last Name,Email Address\n" + "".join(
        f"P{i},Q{i},p{i}@example.com\n" for i in range(3000)), encoding="utf-8")
    monkeypatch.setattr(QMessageBox, "question",
                        lambda *_args: QMessageBox.StandardButton.No)
    monkeypatch.setattr(QProgressDialog, "wasCanceled", lambda _self: True)
    before = digest(window.session.library.path)
    assert not window.exchange.import_files([big])
    assert "cancelled" in window.statusBar().currentMessage()
    assert digest(window.session.library.path) == before


def test_a_deal_file_given_at_start_is_imported_and_shown(tmp_path: Path) -> None:
    """What a double-click on a .dealtri file does: the app starts with the file, imports
    it, shows it (here it quits by itself after a moment)."""
    import os
    import subprocess
    import sys

    from desktop.store.library import Library

    deal = dealfile.read_file(ROOT / "resources" / "demo" /
                              "northwind-fleet-telematics.dealtri")[0]
    shared = replace(deal, id="7a1e2b3c-4d5e-4f60-8a7b-9c0d1e2f3a4b", name="Sent by Alex")
    path = tmp_path / "from-alex.dealtri"
    path.write_text(dealfile.dumps([shared]))
    library = tmp_path / "library.sqlite"
    result = subprocess.run(
        [sys.executable, "-m", "desktop", "--db", str(library), str(path)],
        cwd=ROOT, capture_output=True, text=True,
        timeout=120, check=False,
        env={**os.environ, "QT_QPA_PLATFORM": "offscreen", "DEAL_TRIANGLE_QUIT_AFTER_MS": "3000",
             "XDG_CONFIG_HOME": str(tmp_path / "config")})
    assert result.returncode == 0, result.stderr
    with Library.open(library) as opened:
        names = {s.name for s in opened.list_deals()}
    assert "Sent by Alex" in names


def test_uneven_rows_are_offered_to_be_left_out(
        window: MainWindow, qtbot: QtBot, tmp_path: Path,
        monkeypatch: pytest.MonkeyPatch) -> None:
    """The sentence names the line and both counts; Yes leaves those rows out (said in the
    status bar), Cancel imports nothing — each clicked in the real message box."""
    path = tmp_path / "ragged.csv"
    path.write_text("Name,Title,Email\nAnna Berg,CFO,a@x.com\nBen Ode,CTO\n"
                    "Carla Diaz,CIO,c@x.com\n")
    asked: list[str] = []
    open_files(monkeypatch, path)
    before, deals = digest(window.session.library.path), len(window.session.library.list_deals())
    click_in_next_message(QMessageBox.StandardButton.Cancel, asked)
    window.import_action.trigger()
    assert "at line 3: the row has 2 cells where the header has 3" in asked[0]
    assert "Leave out the 1 row" in asked[0]
    assert digest(window.session.library.path) == before
    # Yes, then No to "Add the people to the deal shown?": they become a new deal.
    click_in_next_message(QMessageBox.StandardButton.Yes, asked, then=lambda: (
        click_in_next_message(QMessageBox.StandardButton.No, asked)))
    window.import_action.trigger()
    assert asked[1].startswith(str(path))
    assert "Add the people" in asked[2]
    assert len(window.session.library.list_deals()) == deals + 1
    assert window.session.deal is not None
    assert [p.name for p in window.session.deal.people] == ["Anna Berg", "Carla Diaz"]
    said = window.statusBar().currentMessage()
    assert said.startswith("Import ragged.csv: New deal 'ragged' with 2 people and 0 lines.")
    assert "1 row that did not fit the header left out" in said


def test_an_import_a_deal_cannot_hold_is_one_sentence_and_no_undo_step(
        window: MainWindow, qtbot: QtBot, tmp_path: Path, warnings: list[str],
        monkeypatch: pytest.MonkeyPatch) -> None:
    """Adding 19,999 people to a deal of 8 breaks the 20,000-people rule once merged: a
    ValidationError escaped as a traceback on stderr and the seller saw nothing."""
    path = tmp_path / "crm.csv"
    path.write_text("Name,Title\n" + "".join(f"Person {i},Buyer\n" for i in range(19_999)))
    monkeypatch.setattr(QMessageBox, "question",
                        lambda *_args: QMessageBox.StandardButton.Yes)  # into this deal
    open_files(monkeypatch, path)
    stack = window.session.undo_stack
    steps, before = stack.count(), digest(window.session.library.path)
    window.import_action.trigger()
    qtbot.waitUntil(lambda: bool(warnings))
    assert warnings[0].startswith(f"Nothing was imported: {path} would break a rule")
    assert "20,000" in warnings[0]
    assert "\n" not in warnings[0]
    assert stack.count() == steps
    assert digest(window.session.library.path) == before


def press_enter_in_next_message(seen: list[str]) -> None:
    """When the next message box opens, note its text and press Enter — the default button,
    what a hurried seller does."""
    def enter(dialog: QDialog) -> None:
        assert isinstance(dialog, QMessageBox)
        seen.append(dialog.text())
        QTest.keyClick(dialog, Qt.Key.Key_Return)

    answer_next_dialog(enter)


def test_enter_adds_a_file_to_the_deal_on_screen_only_when_it_speaks_of_it(
        window: MainWindow, qtbot: QtBot, tmp_path: Path,
        monkeypatch: pytest.MonkeyPatch) -> None:
    """Enter on "Add the people of …?" presses Yes only when some of the file's people are in
    the deal on screen already; another account's contacts become a deal of their own."""
    shown = window.session.deal
    assert shown is not None
    library = window.session.library
    stranger = tmp_path / "fjord.csv"
    stranger.write_text("Name,Title,Company\nLinnea Berg,CTO,Fjord Data AB\n"
                        "Oskar Lind,CFO,Fjord Data AB\n")
    asked: list[str] = []
    open_files(monkeypatch, stranger)
    press_enter_in_next_message(asked)
    window.import_action.trigger()
    assert "Add the people of fjord.csv to the deal" in asked[0]
    assert "None of the people in fjord.csv is in" in asked[0]
    assert [p.name for p in library.get_deal(shown.id).people] == [
        p.name for p in shown.people]  # the deal on screen untouched
    made = next(s for s in library.list_deals() if s.account == "Fjord Data AB")
    assert made.name == "Fjord Data AB"  # the customer's name, not the file's "fjord"
    window.session.show_deal(shown.id)
    colleague = tmp_path / "colleague.csv"
    known = shown.people[0]
    colleague.write_text(f"Name,Title,Email\n{known.name},{known.title},{known.email}\n"
                         "Newly Met,Buyer,newly@example.com\n")
    open_files(monkeypatch, colleague)
    press_enter_in_next_message(asked)
    window.import_action.trigger()
    assert "None of the people" not in asked[1]
    merged = library.get_deal(shown.id)
    newcomer = next(p for p in merged.people if p.name == "Newly Met")
    # Selected, and its card (placed below the seller's arrangement) in view.
    assert window.selection.ids == (newcomer.id,)
    view = window.map_page.view
    card = window.map_page.scene.cards[newcomer.id]
    assert view.viewport().rect().contains(view.mapFromScene(card.sceneBoundingRect().center()))


def test_export_offers_the_format_used_last_and_import_opens_where_it_read(
        window: MainWindow, tmp_path: Path, qtbot: QtBot,
        monkeypatch: pytest.MonkeyPatch) -> None:
    """A seller who exported contacts as vCard does it the same way next time; an import
    dialog opens in the folder the last file came from, not in the home folder."""
    out = tmp_path / "out" / "people"
    out.parent.mkdir()
    monkeypatch.setattr(file_dialogs, "get_save_file_name", lambda *_args: (str(out), ""))
    offered: list[str] = []

    def choose_vcard(dialog: QDialog) -> None:
        assert isinstance(dialog, ExportDialog)
        offered.append(dialog.format_box.currentText())
        choose_by_keys(qtbot, dialog.format_box, "Contacts (vCard)")
        QTest.keyClick(dialog, Qt.Key.Key_Return)

    answer_next_dialog(choose_vcard)
    window.export_deals_action.trigger()
    assert (tmp_path / "out" / "people.vcf").is_file()

    def look(dialog: QDialog) -> None:
        assert isinstance(dialog, ExportDialog)
        offered.append(dialog.format_box.currentText())
        QTest.keyClick(dialog, Qt.Key.Key_Escape)

    answer_next_dialog(look)
    window.export_deals_action.trigger()
    assert offered == ["Deal Triangle deal files", "Contacts (vCard)"]
    elsewhere = tmp_path / "inbox"
    elsewhere.mkdir()
    picked = elsewhere / "contacts.csv"
    picked.write_text("Name,Title\nAda Byron,CTO\n")
    folders: list[str] = []

    def pick(_parent: object, _title: str, folder: str, _filters: str) -> tuple[list[str], str]:
        folders.append(folder)
        return ([str(picked)] if len(folders) == 1 else []), ""

    monkeypatch.setattr(file_dialogs, "get_open_file_names", pick)
    monkeypatch.setattr(QMessageBox, "question", lambda *_args: QMessageBox.StandardButton.No)
    window.import_action.trigger()
    window.import_action.trigger()
    assert folders == [str(tmp_path / "out"), str(elsewhere)]
    # Exports keep their own folder: importing from the inbox does not move it.
    suggested: list[str] = []

    def cancel_save(_parent: object, _title: str, name: str, _filter: str) -> tuple[str, str]:
        suggested.append(name)
        return "", ""

    monkeypatch.setattr(file_dialogs, "get_save_file_name", cancel_save)
    answer_next_dialog(lambda dialog: QTest.keyClick(dialog, Qt.Key.Key_Return))
    window.export_deals_action.trigger()
    assert Path(suggested[0]).parent == tmp_path / "out"


def test_an_import_whose_write_fails_says_so_and_nothing_else(
        window: MainWindow, tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
        warnings: list[str]) -> None:
    """The library refuses the write (a full disk, a clash): one sentence, no undo step, the
    deal as it was — and no status line claiming people were added."""
    from desktop.store.errors import StoreError

    shown = window.session.deal
    assert shown is not None
    path = tmp_path / "more.csv"
    known = shown.people[0]
    path.write_text(f"Name,Title,Email\n{known.name},{known.title},{known.email}\n"
                    "Newly Met,Buyer,newly@example.com\n")
    open_files(monkeypatch, path)
    monkeypatch.setattr(QMessageBox, "question", lambda *_args: QMessageBox.StandardButton.Yes)

    def refuse(*_args: object, **_kwargs: object) -> object:
        raise StoreError("The disk is full.")

    monkeypatch.setattr(window.session.library, "write_deals", refuse)
    steps = window.session.undo_stack.count()
    window.statusBar().clearMessage()
    window.import_action.trigger()
    assert window.session.undo_stack.count() == steps
    assert "Merged" not in window.statusBar().currentMessage()
    assert [p.name for p in window.session.library.get_deal(shown.id).people] == [
        p.name for p in shown.people]


def test_no_sends_our_export_home_and_shows_who_it_added(
        window: MainWindow, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A people file exported from another deal of the library, answered No, goes back
    into that deal: it is shown, with the people the file added selected."""
    from desktop.exchange.exporting import export_deals

    library = window.session.library
    shown = window.session.deal
    assert shown is not None
    other = next(s for s in library.list_deals() if s.id != shown.id)
    origin = library.get_deal(other.id)
    path = tmp_path / "theirs.csv"
    export_deals(library, [other.id], path)
    text = path.read_text(encoding="utf-8-sig")
    width = len(text.splitlines()[0].split(","))
    row = [origin.name, "Newly Met", "Buyer"] + [""] * (width - 3)
    row[-2] = origin.id  # the Deal id column: the row belongs to that deal
    path.write_text(text + ",".join(row) + "\r\n", encoding="utf-8-sig")
    asked: list[str] = []
    open_files(monkeypatch, path)
    click_in_next_message(QMessageBox.StandardButton.No, asked)
    window.import_action.trigger()
    assert f"theirs.csv was exported from “{origin.name}”" in asked[0]
    assert window.session.deal is not None
    assert window.session.deal.id == other.id
    newcomer = next(p for p in window.session.deal.people if p.name == "Newly Met")
    assert window.selection.ids == (newcomer.id,)


def test_a_deal_named_after_its_account_says_the_name_once(
        window: MainWindow, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "fjord.csv"
    path.write_text("Name,Title,Company\nLinnea Berg,CTO,Fjord Data AB\n")
    open_files(monkeypatch, path)
    monkeypatch.setattr(QMessageBox, "question", lambda *_args: QMessageBox.StandardButton.No)
    window.import_action.trigger()
    assert window.session.deal is not None
    assert window.session.deal.name == "Fjord Data AB"
    assert window.deal_header.title.text().count("Fjord Data AB") == 1
