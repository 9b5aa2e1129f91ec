"""A seller's session across an account (issue 18's story): the title that changed in one
deal is flagged in the other and goes once the seller looks at that person there; a person
of the account's other deal is added to this one — the same person, by keyboard from the
offered names; their new title, typed here, shows in the other deal with a flag; the account
view shows them in both deals; undo takes each step back."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QDialog
from pytestqt.qtbot import QtBot

from desktop.domain.deal import Deal
from desktop.ui.account_person_picker import AccountPersonPicker
from desktop.ui.main_window import MainWindow
from tests.helpers.ui import (
    activate,
    answer_next_dialog,
    choose_menu,
    click_row,
    main_window,
    open_deal,
    press_shortcut,
)

CLINICAL = "Helix Health clinical data platform"
IMAGING = "Helix Health imaging archive"


@pytest.fixture
def window(qtbot: QtBot, tmp_path: Path) -> Iterator[MainWindow]:
    with main_window(qtbot, tmp_path) as opened:
        opened.resize(1366, 728)
        activate(qtbot, opened)
        yield opened


def flags_shown(window: MainWindow) -> list[str]:
    panel = window.analysis_panel.flags
    return [panel.item(i).text() for i in range(panel.count())]


def stored(window: MainWindow, name: str) -> Deal:
    library = window.session.library
    return library.get_deal(next(s.id for s in library.list_deals() if s.name == name),
                            snapshots=False)


def test_a_sellers_session_across_the_account(window: MainWindow, qtbot: QtBot) -> None:
    library = window.session.library
    # 1. The clinical deal says Nadia Petrova has a new job (set in the imaging deal).
    open_deal(qtbot, window, CLINICAL)
    qtbot.waitUntil(lambda: any("Nadia Petrova is now Head of Enterprise Architecture" in f
                                for f in flags_shown(window)))
    # 2. The seller reviews her stance here — her support, by the Deal menu — and the flag goes.
    click_row(qtbot, window, "Nadia Petrova")
    choose_menu(qtbot, window, "Deal", "Set support of selected", "Mentor")
    qtbot.waitUntil(lambda: not any("Nadia Petrova" in f and "is now" in f
                                    for f in flags_shown(window)))
    assert stored(window, CLINICAL).notices == ()
    clinical = stored(window, CLINICAL)
    jonas = next(p for p in clinical.people if p.name == "Jonas Berg")
    assert not stored(window, IMAGING).has_person(jonas.id)

    # 3. In the imaging deal, the seller adds the CMO from the account: typed, offered, chosen.
    open_deal(qtbot, window, IMAGING)

    def pick(dialog: QDialog) -> None:
        assert isinstance(dialog, AccountPersonPicker)
        QTest.keyClicks(dialog.name_field, "Jon")
        popup = dialog.completer.popup()
        assert popup is not None
        qtbot.waitUntil(popup.isVisible)
        offered = [popup.model().index(r, 0).data() for r in range(popup.model().rowCount())]
        assert offered[0] == f"Jonas Berg — Chief Medical Officer (in {CLINICAL})"
        QTest.keyClick(popup, Qt.Key.Key_Down)
        QTest.keyClick(popup, Qt.Key.Key_Return)
        qtbot.waitUntil(lambda: dialog.name_field.text() == "Jonas Berg")
        QTest.keyClick(dialog.name_field, Qt.Key.Key_Return)

    answer_next_dialog(pick)
    choose_menu(qtbot, window, "Deal", "Add person from account")
    qtbot.waitUntil(lambda: stored(window, IMAGING).has_person(jonas.id))  # the same id
    here = stored(window, IMAGING).person(jonas.id)
    assert (here.name, here.email) == (jonas.name, jonas.email)  # one identity
    assert here.roles == ()  # a stance of this deal's own, to be judged here
    amelia = next(p.id for p in clinical.people if p.name == "Amelia Novak")
    imaging = stored(window, IMAGING)
    assert any(r.source == jonas.id and r.target == amelia and r.kind.value == "reports-to"
               for r in imaging.relations)  # his manager came with him: she is here too
    assert stored(window, CLINICAL).person(jonas.id).roles == jonas.roles

    # 4. He was promoted: typed in the inspector here, it shows in the clinical deal, flagged.
    title = window.inspector.texts["title"]
    qtbot.waitUntil(lambda: title.text() == "Chief Medical Officer")
    title.setFocus()
    title.selectAll()
    QTest.keyClicks(title, "Chief Operating Officer")
    QTest.keyClick(title, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: stored(window, CLINICAL).person(jonas.id).title
                    == "Chief Operating Officer")
    (notice,) = stored(window, CLINICAL).notices
    assert (notice.person, notice.was, notice.now) == (
        jonas.id, "Chief Medical Officer", "Chief Operating Officer")

    # 5. The account view has him in both deals.
    choose_menu(qtbot, window, "Deal", "Account view")
    view = window.account_pages.account_view()  # type: ignore[attr-defined]
    qtbot.waitUntil(view.isVisible)
    grid = library.account_grid(clinical.account_id)  # type: ignore[arg-type]
    assert {deal for person, deal in grid.cells if person == jonas.id} == {
        clinical.id, stored(window, IMAGING).id}
    view.close()

    # 6. Undo: the title goes back (and with it the clinical deal's flag), then the stance.
    activate(qtbot, window)
    window.people.table.setFocus()
    press_shortcut(qtbot, window, window.undo_action)
    qtbot.waitUntil(lambda: stored(window, CLINICAL).person(jonas.id).title
                    == "Chief Medical Officer")
    assert stored(window, CLINICAL).notices == ()
    press_shortcut(qtbot, window, window.undo_action)
    qtbot.waitUntil(lambda: not stored(window, IMAGING).has_person(jonas.id))
    assert stored(window, CLINICAL).person(jonas.id) == jonas  # the other deal untouched


def test_a_changed_title_is_marked_reviewed_from_the_flags_menu(window: MainWindow,
                                                                qtbot: QtBot) -> None:
    """The stance still holds: "Reviewed" on the flag's context menu clears it without an
    edit, as one undo step."""
    from desktop.ui import notice_review
    from tests.ui.test_comments import click_in_next_menu, right_click

    open_deal(qtbot, window, CLINICAL)
    panel = window.analysis_panel.flags
    qtbot.waitUntil(lambda: any("Nadia Petrova is now" in f for f in flags_shown(window)))
    row = next(i for i, f in enumerate(flags_shown(window)) if "Nadia Petrova is now" in f)
    seen: list[str] = []
    click_in_next_menu(notice_review.ENTRY, seen)
    right_click(panel.viewport(), panel.visualItemRect(panel.item(row)).center())
    qtbot.waitUntil(lambda: stored(window, CLINICAL).notices == ())
    assert notice_review.ENTRY in seen
    qtbot.waitUntil(lambda: not any("Nadia Petrova is now" in f for f in flags_shown(window)))
    nadia = next(p for p in stored(window, CLINICAL).people if p.name == "Nadia Petrova")
    assert nadia.support == 1  # nothing of her stance changed
    window.people.table.setFocus()
    press_shortcut(qtbot, window, window.undo_action)
    qtbot.waitUntil(lambda: len(stored(window, CLINICAL).notices) == 1)
    qtbot.waitUntil(lambda: any("Nadia Petrova is now" in f for f in flags_shown(window)))


def test_the_account_window_fits_the_laptop_screen_and_escape_closes_it(
        window: MainWindow, qtbot: QtBot) -> None:
    open_deal(qtbot, window, IMAGING)
    choose_menu(qtbot, window, "Deal", "Account view")
    view = window.account_pages.account_view()  # type: ignore[attr-defined]
    qtbot.waitUntil(view.isVisible)
    free = view.screen().availableGeometry()
    assert view.height() <= free.height() - 40
    assert view.width() <= free.width()
    view.activateWindow()
    QTest.keyClick(view, Qt.Key.Key_Escape)
    qtbot.waitUntil(lambda: not view.isVisible())


def test_undoing_the_add_of_a_new_person_leaves_no_ghost_in_the_account(
        window: MainWindow, qtbot: QtBot) -> None:
    """Add person, then Undo: the new person is gone from the deal and from the account
    (the account view and the picker never offer a blank "New person")."""
    library = window.session.library
    open_deal(qtbot, window, IMAGING)
    account = stored(window, IMAGING).account_id
    before = {p.id for p in library.account_grid(account).people}  # type: ignore[arg-type]
    choose_menu(qtbot, window, "Deal", "Add person")
    qtbot.waitUntil(lambda: len(stored(window, IMAGING).people) == 12)
    window.people.table.setFocus()
    press_shortcut(qtbot, window, window.undo_action)
    qtbot.waitUntil(lambda: len(stored(window, IMAGING).people) == 11)
    assert {p.id for p in library.account_grid(account).people} == before  # type: ignore[arg-type]
