"""The usual Add person (Ctrl+Shift+N, the Add person button) offers the account's people
as the new person's name is typed: choosing one adds that very person (the same id as in the
account's other deals) in one undo step; a new name typed and Enter is a new person, as
quick as before."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QAbstractItemView, QApplication
from pytestqt.qtbot import QtBot

from desktop.domain.deal import Deal
from desktop.ui.account_name_offer import AccountNameOffer
from desktop.ui.main_window import MainWindow
from tests.helpers.ui import activate, click, main_window, open_deal, press_shortcut

CLINICAL = "Helix Health clinical data platform"
IMAGING = "Helix Health imaging archive"


@pytest.fixture
def window(qtbot: QtBot, tmp_path: Path) -> Iterator[MainWindow]:
    with main_window(qtbot, tmp_path) as opened:
        opened.resize(1366, 728)
        activate(qtbot, opened)
        yield opened


def stored(window: MainWindow, name: str) -> Deal:
    library = window.session.library
    return library.get_deal(next(s.id for s in library.list_deals() if s.name == name),
                            snapshots=False)


def popup_of(window: MainWindow) -> QAbstractItemView:
    offer: AccountNameOffer = window.account_pages.name_offer  # type: ignore[attr-defined]
    popup = offer.completer.popup()
    assert popup is not None
    return popup


def offered(popup: QAbstractItemView) -> list[str]:
    return [popup.model().index(r, 0).data() for r in range(popup.model().rowCount())]


def add_and_type(qtbot: QtBot, window: MainWindow, text: str) -> None:
    """Ctrl+Shift+N, then the letters, where the focus went (the new person's name)."""
    before = len(window.session.deal.people)  # type: ignore[union-attr]
    press_shortcut(qtbot, window, window.add_person_action)
    qtbot.waitUntil(lambda: len(window.session.deal.people) == before + 1)  # type: ignore[union-attr]
    name_field = window.inspector.texts["name"]
    assert QApplication.focusWidget() is name_field
    QTest.keyClicks(name_field, text)


def test_typing_the_new_persons_name_offers_the_accounts_people(window: MainWindow,
                                                                 qtbot: QtBot) -> None:
    library = window.session.library
    jonas = next(p for p in stored(window, CLINICAL).people if p.name == "Jonas Berg")
    open_deal(qtbot, window, IMAGING)
    account = stored(window, IMAGING).account_id
    assert account is not None
    before_people = {p.id for p in stored(window, IMAGING).people}
    before_account = {p.id for p in library.account_grid(account).people}
    add_and_type(qtbot, window, "Jon")
    popup = popup_of(window)
    qtbot.waitUntil(popup.isVisible)
    assert offered(popup)[0] == f"Jonas Berg — Chief Medical Officer (in {CLINICAL})"
    # Wide enough for the whole suggestion, not the name field's width.
    assert popup.viewport().width() >= popup.fontMetrics().horizontalAdvance(offered(popup)[0])
    QTest.keyClick(popup, Qt.Key.Key_Down)
    QTest.keyClick(popup, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: stored(window, IMAGING).has_person(jonas.id))  # the same id
    imaging = stored(window, IMAGING)
    assert {p.id for p in imaging.people} == before_people | {jonas.id}  # no blank left
    assert (imaging.person(jonas.id).name, imaging.person(jonas.id).title) == (
        jonas.name, jonas.title)
    assert {p.id for p in library.account_grid(account).people} == before_account
    assert window.inspector.texts["name"].text() == "Jonas Berg"
    assert tuple(window.selection.ids) == (jonas.id,)
    assert "added from the account" in window.statusBar().currentMessage()
    # One undo step takes him out of this deal; the clinical deal keeps him.
    window.people.table.setFocus()
    press_shortcut(qtbot, window, window.undo_action)
    qtbot.waitUntil(lambda: not stored(window, IMAGING).has_person(jonas.id))
    assert {p.id for p in stored(window, IMAGING).people} == before_people
    assert stored(window, CLINICAL).person(jonas.id) == jonas
    assert window.session.undo_stack.count() == 1  # the blank's add is not there to redo


def test_a_new_name_and_enter_is_a_new_person_as_before(window: MainWindow,
                                                        qtbot: QtBot) -> None:
    open_deal(qtbot, window, IMAGING)
    add_and_type(qtbot, window, "Nora Vik")
    assert not popup_of(window).isVisible()  # nobody of that name in the account
    QTest.keyClick(window.inspector.texts["name"], Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: any(p.name == "Nora Vik" for p in stored(window, IMAGING).people))
    assert len(stored(window, IMAGING).people) == 12


def test_letters_that_match_but_no_choice_keep_the_typed_name(window: MainWindow,
                                                              qtbot: QtBot) -> None:
    """Offered but not chosen: Enter takes the typed name (a namesake stays possible)."""
    open_deal(qtbot, window, IMAGING)
    click(window.people.add_button)
    qtbot.waitUntil(lambda: len(stored(window, IMAGING).people) == 12)
    name_field = window.inspector.texts["name"]
    QTest.keyClicks(name_field, "Jonas")
    popup = popup_of(window)
    qtbot.waitUntil(popup.isVisible)
    QTest.keyClick(popup, Qt.Key.Key_Return)  # nothing highlighted: the typed name
    qtbot.waitUntil(lambda: any(p.name == "Jonas" for p in stored(window, IMAGING).people))
    assert not any(p.name == "Jonas Berg" for p in stored(window, IMAGING).people)


def test_renaming_someone_already_there_offers_nobody(window: MainWindow,
                                                      qtbot: QtBot) -> None:
    """Only a person just added is swapped: editing an existing name offers nothing."""
    from tests.helpers.ui import click_row

    open_deal(qtbot, window, IMAGING)
    first = stored(window, IMAGING).people[0]
    click_row(qtbot, window, first.name)
    name_field = window.inspector.texts["name"]
    name_field.setFocus()
    name_field.selectAll()
    QTest.keyClicks(name_field, "Jon")
    QTest.qWait(50)
    assert not popup_of(window).isVisible()


def test_a_click_on_the_offered_person_adds_them(window: MainWindow, qtbot: QtBot) -> None:
    jonas = next(p for p in stored(window, CLINICAL).people if p.name == "Jonas Berg")
    open_deal(qtbot, window, IMAGING)
    add_and_type(qtbot, window, "berg")
    popup = popup_of(window)
    qtbot.waitUntil(popup.isVisible)
    row = next(r for r, text in enumerate(offered(popup)) if text.startswith("Jonas Berg"))
    QTest.mouseClick(popup.viewport(), Qt.MouseButton.LeftButton,
                     Qt.KeyboardModifier.NoModifier,
                     popup.visualRect(popup.model().index(row, 0)).center())
    qtbot.waitUntil(lambda: stored(window, IMAGING).has_person(jonas.id))
    assert len(stored(window, IMAGING).people) == 12
    assert stored(window, IMAGING).person(jonas.id).name == "Jonas Berg"


def test_the_picker_selects_someone_already_here_instead_of_a_duplicate(
        window: MainWindow, qtbot: QtBot) -> None:
    """Deal ▸ Add person from account…, the full name of a person of this deal, Enter: that
    person is selected and the status bar says nobody was added."""
    from PySide6.QtWidgets import QDialog

    from desktop.ui.account_person_picker import AccountPersonPicker
    from tests.helpers.ui import answer_next_dialog, choose_menu

    open_deal(qtbot, window, IMAGING)
    laura = next(p for p in stored(window, IMAGING).people if p.name == "Laura Stein")

    def type_her_name(dialog: QDialog) -> None:
        assert isinstance(dialog, AccountPersonPicker)
        QTest.keyClicks(dialog.name_field, "laura stein")
        assert dialog.hint.text() == ("laura stein is already in this deal: Add selects "
                                      "them on the map and adds nobody.")
        QTest.keyClick(dialog.name_field, Qt.Key.Key_Return)

    answer_next_dialog(type_her_name)
    choose_menu(qtbot, window, "Deal", "Add person from account")
    qtbot.waitUntil(lambda: tuple(window.selection.ids) == (laura.id,))
    assert len(stored(window, IMAGING).people) == 11
    assert window.statusBar().currentMessage() == (
        "Laura Stein is already in this deal: selected on the map, nobody added.")
    assert window.session.undo_stack.count() == 0


def test_the_full_name_of_someone_here_offers_to_select_them(window: MainWindow,
                                                              qtbot: QtBot) -> None:
    """Ctrl+Shift+N, "Laura Stein" (already in this deal): the popup's first line selects
    her; chosen, nobody is added and nothing is left to undo or redo."""
    open_deal(qtbot, window, IMAGING)
    laura = next(p for p in stored(window, IMAGING).people if p.name == "Laura Stein")
    account = stored(window, IMAGING).account_id
    assert account is not None
    before_account = {p.id for p in window.session.library.account_grid(account).people}
    add_and_type(qtbot, window, "laura stein")
    popup = popup_of(window)
    qtbot.waitUntil(popup.isVisible)
    assert offered(popup)[0] == "Laura Stein — already in this deal: select them"
    QTest.keyClick(popup, Qt.Key.Key_Down)
    QTest.keyClick(popup, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: tuple(window.selection.ids) == (laura.id,))
    assert [p.name for p in stored(window, IMAGING).people].count("Laura Stein") == 1
    assert len(stored(window, IMAGING).people) == 11
    assert {p.id for p in window.session.library.account_grid(account).people} == \
        before_account
    assert window.statusBar().currentMessage() == (
        "Laura Stein is already in this deal: selected on the map, nobody added.")
    assert window.session.undo_stack.count() == 0  # no blank person to redo either
    assert window.inspector.texts["name"].text() == "Laura Stein"


def test_enter_on_the_name_of_someone_here_says_so_and_enter_again_adds_a_namesake(
        window: MainWindow, qtbot: QtBot) -> None:
    open_deal(qtbot, window, IMAGING)
    add_and_type(qtbot, window, "Laura Stein")
    popup = popup_of(window)
    qtbot.waitUntil(popup.isVisible)
    QTest.keyClick(popup, Qt.Key.Key_Return)  # nothing highlighted: the typed name
    said = ("Laura Stein is already in this deal — Enter again to add a second person of "
            "that name.")
    assert window.statusBar().currentMessage() == said
    assert popup.isVisible()
    assert offered(popup) == ["Laura Stein — already in this deal: select them",
                              "Enter again to add a second person of that name"]
    hint = popup.model().index(1, 0)
    assert not hint.flags() & Qt.ItemFlag.ItemIsEnabled  # said, not chosen
    QTest.qWait(50)
    stored_names = [p.name for p in stored(window, IMAGING).people]
    assert stored_names.count("Laura Stein") == 1  # the first Enter added no namesake
    assert "New person 12" in stored_names
    QTest.keyClick(popup, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: [p.name for p in stored(window, IMAGING).people].count(
        "Laura Stein") == 2)
    assert len(stored(window, IMAGING).people) == 12
    assert window.statusBar().currentMessage() != said
    # Undo as before: the name, then the add.
    window.people.table.setFocus()
    press_shortcut(qtbot, window, window.undo_action)
    qtbot.waitUntil(lambda: [p.name for p in stored(window, IMAGING).people].count(
        "Laura Stein") == 1)


def test_the_add_person_button_and_enter_with_no_popup_is_held_too(window: MainWindow,
                                                                    qtbot: QtBot) -> None:
    """The button, the name, Escape (the popup goes), Enter: still held once, and said."""
    open_deal(qtbot, window, IMAGING)
    click(window.people.add_button)
    qtbot.waitUntil(lambda: len(stored(window, IMAGING).people) == 12)
    name_field = window.inspector.texts["name"]
    QTest.keyClicks(name_field, "Laura Stein")
    popup = popup_of(window)
    qtbot.waitUntil(popup.isVisible)
    QTest.keyClick(popup, Qt.Key.Key_Escape)
    qtbot.waitUntil(lambda: not popup.isVisible())
    QTest.keyClick(name_field, Qt.Key.Key_Return)
    assert "Enter again to add a second person" in window.statusBar().currentMessage()
    qtbot.waitUntil(popup.isVisible)
    # Down skips the hint: the only choice is Laura, and choosing her adds nobody.
    QTest.keyClick(popup, Qt.Key.Key_Down)
    QTest.keyClick(popup, Qt.Key.Key_Down)
    assert popup.currentIndex().row() == 0
    QTest.keyClick(popup, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: len(stored(window, IMAGING).people) == 11)
    assert [p.name for p in stored(window, IMAGING).people].count("Laura Stein") == 1


def test_leaving_the_field_on_the_name_of_someone_here_says_a_namesake_was_made(
        window: MainWindow, qtbot: QtBot) -> None:
    """Leaving the field takes the typed name (no Enter to hold): not silently."""
    from tests.helpers.ui import click_row

    open_deal(qtbot, window, IMAGING)
    add_and_type(qtbot, window, "Laura Stein")
    popup = popup_of(window)
    qtbot.waitUntil(popup.isVisible)
    QTest.keyClick(popup, Qt.Key.Key_Escape)
    qtbot.waitUntil(lambda: not popup.isVisible())
    assert window.statusBar().currentMessage() == ""
    click_row(qtbot, window, "Karin Holm")
    qtbot.waitUntil(lambda: [p.name for p in stored(window, IMAGING).people].count(
        "Laura Stein") == 2)
    assert window.statusBar().currentMessage() == (
        "Laura Stein was already in this deal: this is a second person of that name — "
        "Edit ▸ Undo takes the name back.")
