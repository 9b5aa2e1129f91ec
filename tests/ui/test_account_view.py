"""The account window driven by real input: its grid shows each person's stance per deal,
a double-click on a cell opens that deal in the main window with that person selected, the
org chart lays out everybody, and Print… writes the grid and the chart to a PDF."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QColor
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QDialog
from pytestqt.qtbot import QtBot

from desktop.domain.accounts import Account, AccountDeal, AccountGrid, AccountPerson, Stance
from desktop.domain.deal import Deal
from desktop.domain.enums import Role, Support
from desktop.palette import SUPPORT_TINTS
from desktop.render.stance_text import stance_text
from desktop.synthetic_account import synthetic_account
from desktop.ui.account_grid_model import FIXED_COLUMNS, AccountGridModel
from desktop.ui.account_person_picker import AccountPersonPicker
from desktop.ui.account_view import AccountView
from desktop.ui.main_window import MainWindow
from tests.helpers.pdf import pdfpages
from tests.helpers.ui import answer_next_dialog, choose_menu, main_window, press_shortcut

HELIX = "Helix Health Trust"


@pytest.fixture
def window(qtbot: QtBot, tmp_path: Path) -> Iterator[MainWindow]:
    with main_window(qtbot, tmp_path) as opened:
        yield opened


def account_view(window: MainWindow) -> AccountView:
    view: AccountView = window.account_pages.account_view()  # type: ignore[attr-defined]
    return view


def test_a_cell_says_support_and_personal_win_and_is_tinted_by_support() -> None:
    kevin = AccountPerson("8d7b8f0e-7d7e-4c43-9d8a-000000000001", "Kevin Liu",
                          "Head of Architecture")
    ada = AccountPerson("8d7b8f0e-7d7e-4c43-9d8a-000000000002", "Ada Berg", "CFO")
    renewal = AccountDeal("8d7b8f0e-7d7e-4c43-9d8a-000000000003", "Helix renewal")
    grid = AccountGrid(Account("Helix"), (ada, kevin), (renewal,),
                       {(kevin.id, renewal.id): Stance(Support.SUPPORTER, 7,
                                                      (Role.TECHNICAL_BUYER,))})
    model = AccountGridModel(grid)
    assert model.rowCount() == 2
    assert model.columnCount() == FIXED_COLUMNS + 1
    cell = model.index(1, FIXED_COLUMNS)
    assert cell.data() == "▲ +1 · PW 7"
    assert cell.data(Qt.ItemDataRole.BackgroundRole).color() == \
        QColor(SUPPORT_TINTS[Support.SUPPORTER])
    assert "Technical buyer" in cell.data(Qt.ItemDataRole.ToolTipRole)
    blank = model.index(0, FIXED_COLUMNS)
    assert blank.data() is None
    assert blank.data(Qt.ItemDataRole.BackgroundRole) is None
    assert model.headerData(FIXED_COLUMNS, Qt.Orientation.Horizontal) == "Helix renewal"


def test_unknown_personal_win_is_a_question_mark_not_zero() -> None:
    grid = synthetic_account(200, 5, seed=3)
    model = AccountGridModel(grid)
    texts = {model.index(r, c).data() for r in range(200)
             for c in range(FIXED_COLUMNS, FIXED_COLUMNS + 5)} - {None}
    assert any(text.endswith("PW ?") for text in texts)
    assert any(text.endswith("PW 0") for text in texts)  # zero is a real score
    assert len(texts) > 10


def helix_deals(window: MainWindow) -> list[Deal]:
    """The demo's two Helix Health deals (one account, people shared), the first shown."""
    library = window.session.library
    deals = [library.get_deal(d.id) for d in library.list_deals() if d.account == HELIX]
    assert len(deals) == 2
    window.session.show_deal(deals[0].id)
    return deals


def open_account_view(qtbot: QtBot, window: MainWindow) -> AccountView:
    choose_menu(qtbot, window, "Deal", "Account view")
    view = account_view(window)
    qtbot.waitExposed(view)
    return view


def double_click(view: AccountView, person_id: str, deal_id: str) -> None:
    assert view.grid is not None
    row = view.model.row_of(person_id)
    assert row is not None
    column = FIXED_COLUMNS + [d.id for d in view.grid.deals].index(deal_id)
    index = view.model.index(row, column)
    view.table.scrollTo(index)
    at = view.table.visualRect(index).center()
    QTest.mouseClick(view.table.viewport(), Qt.MouseButton.LeftButton, pos=at)
    QTest.mouseDClick(view.table.viewport(), Qt.MouseButton.LeftButton, pos=at)


def test_deal_account_view_shows_the_shown_deals_account(qtbot: QtBot,
                                                        window: MainWindow) -> None:
    first, second = helix_deals(window)
    view = open_account_view(qtbot, window)
    assert view.grid is not None
    assert view.grid.account.name == HELIX
    assert {d.id for d in view.grid.deals} == {first.id, second.id}
    everyone = {p.id for d in (first, second) for p in d.people}
    assert view.model.rowCount() == len(everyone)
    assert view.accounts.currentText() == HELIX
    shared = next(p for p in second.people if first.has_person(p.id))
    row = view.model.row_of(shared.id)
    column = FIXED_COLUMNS + [d.id for d in view.grid.deals].index(second.id)
    assert view.model.index(row, column).data() == stance_text(  # type: ignore[arg-type]
        view.grid.cells[(shared.id, second.id)])


def test_double_click_on_a_cell_opens_that_deal_with_that_person_selected(
        qtbot: QtBot, window: MainWindow) -> None:
    first, second = helix_deals(window)
    view = open_account_view(qtbot, window)
    person = next(p for p in second.people if not first.has_person(p.id))
    double_click(view, person.id, second.id)
    qtbot.waitUntil(lambda: window.session.deal is not None
                    and window.session.deal.id == second.id)
    assert window.selection.ids == (person.id,)
    assert window.tabs.currentIndex() == 0  # the map, where the person is selected


def test_enter_on_a_cell_opens_that_deal_too(qtbot: QtBot, window: MainWindow) -> None:
    """The keyboard way in: click a cell (or arrow to it), then Enter."""
    first, second = helix_deals(window)
    view = open_account_view(qtbot, window)
    person = next(p for p in second.people if not first.has_person(p.id))
    assert view.grid is not None
    row = view.model.row_of(person.id)
    assert row is not None
    index = view.model.index(row, FIXED_COLUMNS + [d.id for d in view.grid.deals].index(
        second.id))
    view.table.scrollTo(index)
    QTest.mouseClick(view.table.viewport(), Qt.MouseButton.LeftButton,
                     pos=view.table.visualRect(index).center())
    QTest.keyClick(view.table, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: window.session.deal is not None
                    and window.session.deal.id == second.id)
    assert window.selection.ids == (person.id,)


def test_double_click_on_a_blank_cell_opens_nothing(qtbot: QtBot, window: MainWindow) -> None:
    first, second = helix_deals(window)
    view = open_account_view(qtbot, window)
    stranger = next(p for p in first.people if not second.has_person(p.id))
    double_click(view, stranger.id, second.id)
    qtbot.wait(50)
    assert window.session.deal is not None
    assert window.session.deal.id == first.id


def test_choosing_another_account_shows_it(qtbot: QtBot, window: MainWindow) -> None:
    helix_deals(window)
    view = open_account_view(qtbot, window)
    view.accounts.setFocus()
    other = next(i for i in range(view.accounts.count()) if view.accounts.itemText(i) != HELIX)
    QTest.keyClick(view.accounts, Qt.Key.Key_Down if other > view.accounts.currentIndex()
                   else Qt.Key.Key_Up)
    qtbot.waitUntil(lambda: view.grid is not None and view.grid.account.name != HELIX)
    assert view.grid is not None
    assert view.grid.account.name == view.accounts.itemText(other)


def test_add_person_from_account_adds_the_same_person_and_undo_takes_only_this_stance(
        qtbot: QtBot, window: MainWindow) -> None:
    first, second = helix_deals(window)
    library = window.session.library
    newcomer = next(p for p in second.people if not first.has_person(p.id))
    typed = newcomer.name[:4]

    def pick(dialog: QDialog) -> None:
        assert isinstance(dialog, AccountPersonPicker)
        QTest.keyClicks(dialog.name_field, typed)
        popup = dialog.completer.popup()
        assert popup is not None
        qtbot.waitUntil(popup.isVisible)
        offered = [popup.model().index(r, 0).data() for r in range(popup.model().rowCount())]
        wanted = next(i for i, text in enumerate(offered) if text.startswith(newcomer.name))
        assert f"(in {second.name})" in offered[wanted]
        for _ in range(wanted + 1):
            QTest.keyClick(popup, Qt.Key.Key_Down)
        QTest.keyClick(popup, Qt.Key.Key_Return)
        qtbot.waitUntil(lambda: dialog.name_field.text() == newcomer.name)
        QTest.keyClick(dialog.name_field, Qt.Key.Key_Return)

    answer_next_dialog(pick)
    press_shortcut(qtbot, window, window.account_pages.add_from_account_action)  # type: ignore[attr-defined]
    qtbot.waitUntil(lambda: library.get_deal(first.id).has_person(newcomer.id))
    here = library.get_deal(first.id).person(newcomer.id)
    assert here.name == newcomer.name
    assert here.title == newcomer.title
    assert window.selection.ids == (newcomer.id,)
    assert library.get_deal(second.id).person(newcomer.id).support == newcomer.support
    window.session.undo_stack.undo()
    assert not library.get_deal(first.id).has_person(newcomer.id)
    assert library.get_deal(second.id).has_person(newcomer.id)  # the other deal keeps them


def test_the_open_account_view_follows_an_edit_in_the_window(
        qtbot: QtBot, window: MainWindow) -> None:
    first, second = helix_deals(window)
    view = open_account_view(qtbot, window)
    newcomer = next(p for p in second.people if not first.has_person(p.id))
    row = view.model.row_of(newcomer.id)
    assert view.grid is not None
    column = FIXED_COLUMNS + [d.id for d in view.grid.deals].index(first.id)
    assert view.model.index(row, column).data() is None  # type: ignore[arg-type]

    def pick(dialog: QDialog) -> None:
        assert isinstance(dialog, AccountPersonPicker)
        QTest.keyClicks(dialog.name_field, newcomer.name[:4])
        popup = dialog.completer.popup()
        assert popup is not None
        qtbot.waitUntil(popup.isVisible)
        QTest.keyClick(popup, Qt.Key.Key_Down)
        QTest.keyClick(popup, Qt.Key.Key_Return)
        qtbot.waitUntil(lambda: dialog.chosen is not None)
        QTest.keyClick(dialog.name_field, Qt.Key.Key_Return)

    answer_next_dialog(pick)
    press_shortcut(qtbot, window, window.account_pages.add_from_account_action)  # type: ignore[attr-defined]
    library = window.session.library
    qtbot.waitUntil(lambda: library.get_deal(first.id).has_person(newcomer.id)
                    or len(library.get_deal(first.id).people) > len(first.people))
    added = next(p for p in library.get_deal(first.id).people if not first.has_person(p.id))
    row = view.model.row_of(added.id)
    qtbot.waitUntil(lambda: view.model.index(row, column).data() is not None)  # type: ignore[arg-type]
    assert view.model.index(row, column).data().startswith("● +0")  # type: ignore[arg-type]


def test_a_new_name_adds_a_new_person(qtbot: QtBot, window: MainWindow) -> None:
    first, _second = helix_deals(window)
    library = window.session.library

    def new_name(dialog: QDialog) -> None:
        assert isinstance(dialog, AccountPersonPicker)
        QTest.keyClicks(dialog.name_field, "Nora Vikstrom")
        QTest.keyClick(dialog.name_field, Qt.Key.Key_Return)

    answer_next_dialog(new_name)
    press_shortcut(qtbot, window, window.account_pages.add_from_account_action)  # type: ignore[attr-defined]
    qtbot.waitUntil(lambda: len(library.get_deal(first.id).people) == len(first.people) + 1)
    added = [p for p in library.get_deal(first.id).people if not first.has_person(p.id)]
    assert [p.name for p in added] == ["Nora Vikstrom"]


def test_org_chart_tab_lays_out_everybody_once(qtbot: QtBot) -> None:
    view = AccountView()
    qtbot.addWidget(view)
    grid = synthetic_account(500, 6, seed=5)
    view.set_grid(grid)
    view.show()
    qtbot.waitExposed(view)
    QTest.keyClick(view.tabs.tabBar(), Qt.Key.Key_Right)
    assert view.tabs.currentWidget() is view.chart_view
    item = view.chart_view.item
    assert item is not None
    assert {card.person_id for card in item.chart.cards} == {p.id for p in grid.people}
    centres = {card.centre for card in item.chart.cards}
    assert len(centres) == len(grid.people)  # no two cards on one another
    assert len(item.chart.lines) == len(grid.reports)
    assert view.chart() is item.chart  # laid out once, not per visit


def test_printed_account_has_the_grid_paged_and_the_chart(
        qtbot: QtBot, tmp_path: Path) -> None:
    view = AccountView()
    qtbot.addWidget(view)
    grid = synthetic_account(80, 11, seed=7, name="Fjord Data AB")
    view.set_grid(grid)
    target = tmp_path / "fjord.pdf"
    pages = view.print_to(target)
    texts = pdfpages(target)
    assert len(texts) == pages
    assert pages >= 3  # people down, deals across (8 a page), then the chart
    assert "Account: Fjord Data AB" in texts[0]
    assert "Account org chart" in texts[-1]
    everyone = " ".join(texts[:-1])
    for person in grid.people:
        assert person.name in everyone
    for deal in grid.deals:
        assert deal.name in everyone or deal.name.split()[0] in everyone
    assert grid.people[0].name in texts[-1]  # 80 people: the chart still has names


def test_print_says_where_the_pdf_was_written_in_the_account_window(
        qtbot: QtBot, window: MainWindow, tmp_path: Path,
        monkeypatch: pytest.MonkeyPatch) -> None:
    """Print… in the account window: the save dialog, then that window's status bar says
    where the PDF went and how many pages (the main window's, behind it, said it unseen)."""
    from desktop.ui import file_dialogs
    from tests.helpers.ui import click

    out = tmp_path / "helix account.pdf"
    asked: list[str] = []

    def answer(_parent: object, _title: str, proposal: str, _filter: str) -> tuple[str, str]:
        asked.append(Path(proposal).name)
        return str(out), _filter

    monkeypatch.setattr(file_dialogs, "get_save_file_name", answer)
    helix_deals(window)
    view = open_account_view(qtbot, window)
    assert view.status.isVisible()
    assert view.status.currentMessage() == ""
    click(view.print_button)
    qtbot.waitUntil(out.exists, timeout=20000)
    assert asked == [f"{HELIX}.pdf"]
    pages = len(pdfpages(out))
    said = f"Printed the account {HELIX} to {out}: {pages} page{'s' if pages > 1 else ''}."
    qtbot.waitUntil(lambda: view.status.currentMessage() == said)
    assert window.statusBar().currentMessage() == said
