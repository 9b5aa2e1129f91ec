"""Adding a person, the account's people first: typed letters bring up the account's people
(not those already in the deal), chosen by keyboard; a new name stays a new person."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QAbstractItemView
from pytestqt.qtbot import QtBot

from desktop.domain.accounts import AccountPerson
from desktop.ui.account_person_picker import AccountPersonPicker, suggestion

KEVIN = AccountPerson("00000000-0000-4000-8000-000000000001", "Kevin Liu",
                      "Head of Architecture", email="kevin.liu@helix.example")
KEVINA = AccountPerson("00000000-0000-4000-8000-000000000002", "Kevina Olsen", "CFO")
ALREADY = AccountPerson("00000000-0000-4000-8000-000000000003", "Kevin Already", "CTO")
PEOPLE = (KEVIN, KEVINA, ALREADY)
IN_DEALS = {KEVIN.id: ["Helix renewal"], ALREADY.id: ["Helix renewal", "This deal"]}


def search(text: str) -> Sequence[AccountPerson]:
    """As ``Library.account_people``: name, title or e-mail contains the text, any case."""
    wanted = text.casefold()
    return [p for p in PEOPLE
            if wanted in p.name.casefold() or wanted in p.title.casefold()
            or wanted in p.email.casefold()]


def picker(qtbot: QtBot) -> AccountPersonPicker:
    dialog = AccountPersonPicker("Helix Health Trust", search,
                                 lambda person_id: IN_DEALS.get(person_id, []), {ALREADY.id},
                                 here={ALREADY.id: ALREADY.name})
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    dialog.name_field.setFocus()
    return dialog


def shown_popup(dialog: AccountPersonPicker) -> QAbstractItemView:
    popup = dialog.completer.popup()
    assert popup is not None
    return popup


def test_the_suggestion_names_the_deals_they_are_in() -> None:
    assert suggestion(KEVIN, ["Helix renewal"]) == \
        "Kevin Liu — Head of Architecture (in Helix renewal)"
    assert suggestion(KEVINA, []) == "Kevina Olsen — CFO"
    assert suggestion(KEVIN, ["A", "B", "C", "D"]) == \
        "Kevin Liu — Head of Architecture (in A, B and 2 more)"


def test_typing_offers_the_accounts_people_not_yet_in_the_deal(qtbot: QtBot) -> None:
    dialog = picker(qtbot)
    QTest.keyClicks(dialog.name_field, "Kev")
    popup = shown_popup(dialog)
    qtbot.waitUntil(popup.isVisible)
    shown = [popup.model().index(r, 0).data() for r in range(popup.model().rowCount())]
    assert shown == ["Kevin Liu — Head of Architecture (in Helix renewal)",
                     "Kevina Olsen — CFO"]  # Kevin Already is in this deal: not offered


def test_choosing_a_suggestion_by_keyboard_picks_that_person(qtbot: QtBot) -> None:
    dialog = picker(qtbot)
    QTest.keyClicks(dialog.name_field, "kev")
    popup = shown_popup(dialog)
    qtbot.waitUntil(popup.isVisible)
    QTest.keyClick(popup, Qt.Key.Key_Down)
    QTest.keyClick(popup, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: dialog.name_field.text() == "Kevin Liu")
    assert dialog.chosen == KEVIN
    with qtbot.waitSignal(dialog.accepted):
        QTest.keyClick(dialog.name_field, Qt.Key.Key_Return)
    assert dialog.chosen == KEVIN


def test_searching_by_email_finds_them_too(qtbot: QtBot) -> None:
    dialog = picker(qtbot)
    QTest.keyClicks(dialog.name_field, "helix.example")
    popup = shown_popup(dialog)
    qtbot.waitUntil(popup.isVisible)
    assert popup.model().rowCount() == 1


def test_a_new_name_and_enter_is_a_new_person(qtbot: QtBot) -> None:
    dialog = picker(qtbot)
    QTest.keyClicks(dialog.name_field, "Nora Vik")
    assert not shown_popup(dialog).isVisible()  # nobody of that name
    with qtbot.waitSignal(dialog.accepted):
        QTest.keyClick(dialog.name_field, Qt.Key.Key_Return)
    assert dialog.chosen is None
    assert dialog.name() == "Nora Vik"


def test_typing_after_a_choice_makes_it_a_new_name_again(qtbot: QtBot) -> None:
    dialog = picker(qtbot)
    QTest.keyClicks(dialog.name_field, "Kevina")
    popup = shown_popup(dialog)
    qtbot.waitUntil(popup.isVisible)
    QTest.keyClick(popup, Qt.Key.Key_Down)
    QTest.keyClick(popup, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: dialog.name_field.text() == "Kevina Olsen")
    assert dialog.chosen == KEVINA
    QTest.keyClicks(dialog.name_field, " Jr")
    assert dialog.chosen is None


def test_the_full_name_of_someone_in_this_deal_selects_them_and_adds_nobody(
        qtbot: QtBot) -> None:
    dialog = picker(qtbot)
    QTest.keyClicks(dialog.name_field, "kevin already")
    assert "already in this deal" in dialog.hint.text()
    with qtbot.waitSignal(dialog.accepted):
        QTest.keyClick(dialog.name_field, Qt.Key.Key_Return)
    assert dialog.existing == ALREADY.id
    assert dialog.chosen is None


def test_the_full_name_of_one_account_person_is_that_person_not_a_namesake(
        qtbot: QtBot) -> None:
    dialog = picker(qtbot)
    QTest.keyClicks(dialog.name_field, "Kevina Olsen")
    popup = shown_popup(dialog)
    qtbot.waitUntil(popup.isVisible)
    assert dialog.hint.text() == "Add adds Kevina Olsen — CFO from the account."
    QTest.keyClick(popup, Qt.Key.Key_Escape)
    with qtbot.waitSignal(dialog.accepted):
        QTest.keyClick(dialog.name_field, Qt.Key.Key_Return)
    assert dialog.chosen == KEVINA
    assert dialog.existing is None
