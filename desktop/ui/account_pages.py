"""The account window's place in the main window: Deal ▸ Account view… (the shown deal's
account) and View ▸ Accounts… (the first account, the others one choice away); a
double-click in the grid brings the main window forward on that deal, that person selected.
Also Deal ▸ Add person from account…, which offers the account's people first, and the
offer of the account's people as a person just added by the usual Add person is named."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QMessageBox

from desktop.domain.enums import RelationKind
from desktop.domain.person import Person
from desktop.domain.position import Position
from desktop.domain.relation import Relation
from desktop.domain.wording import plural
from desktop.store.errors import StoreError
from desktop.ui import commands
from desktop.ui.account_name_offer import AccountNameOffer
from desktop.ui.account_view import AccountView

if TYPE_CHECKING:
    from desktop.ui.account_person_picker import AccountPersonPicker
    from desktop.ui.main_window import MainWindow

MAP_TAB = 0


def _new_stance(window: MainWindow, picker: AccountPersonPicker) -> Person:
    """The person to add: the chosen account person's identity (same id) with a fresh
    stance, or a new person of the typed name; placed in free space where the map is
    looked at."""
    from desktop.layout.free_spot import free_spot

    deal = window.session.deal
    assert deal is not None
    view = window.map_page.view
    centre = view.mapToScene(view.viewport().rect().center())
    x, y = free_spot(((p.position.x, p.position.y) for p in deal.people),
                     (centre.x(), centre.y()))
    place = Position(round(x, 1), round(y, 1))
    chosen = picker.chosen
    if chosen is None:
        return Person(name=picker.name(), position=place)
    return Person(name=chosen.name, id=chosen.id, title=chosen.title,
                  department=chosen.department, email=chosen.email,
                  organisation=chosen.organisation, position=place)


class AccountPages:
    def __init__(self, window: MainWindow) -> None:
        self.window = window
        self.view: AccountView | None = None
        self.name_offer = AccountNameOffer(window)
        deal_menu, view_menu = window.menus[2], window.menus[3]
        self.account_action = QAction("Account &view…", window)
        self.account_action.setObjectName("show_account")
        self.account_action.setStatusTip("The shown deal's account: its people across its "
                                         "deals, and its org chart")
        self.account_action.triggered.connect(self.show_deal_account)
        self.accounts_action = QAction("Acco&unts…", window)
        self.accounts_action.setObjectName("show_accounts")
        self.accounts_action.setShortcut(QKeySequence("Ctrl+Shift+A"))
        self.accounts_action.triggered.connect(self.show_first_account)
        self.add_from_account_action = QAction("Add person fro&m account…", window)
        self.add_from_account_action.setObjectName("add_account_person")
        self.add_from_account_action.setShortcut(QKeySequence("Ctrl+Alt+N"))
        self.add_from_account_action.setStatusTip(
            "Add someone the account's other deals already know (search as you type), or a "
            "new person")
        self.add_from_account_action.triggered.connect(self.add_account_person)
        deal_menu.insertAction(window.delete_people_action, self.add_from_account_action)
        window.addAction(self.add_from_account_action)
        deal_menu.addSeparator()
        deal_menu.addAction(self.account_action)
        view_menu.addSeparator()
        view_menu.addAction(self.accounts_action)
        window.addAction(self.accounts_action)

    def account_view(self) -> AccountView:
        if self.view is None:
            self.view = AccountView(self.window.session, self.window)
            self.view.open_requested.connect(self.open_in_window)
            self.view.print_requested.connect(self.print_account)
        return self.view

    def show_deal_account(self) -> None:
        deal = self.window.session.deal
        account_id = deal.account_id if deal is not None else None
        if not account_id:
            self.window.report_done("This deal has no account: give it one in Deal ▸ Edit "
                                    "deal…")
            return
        self._show(account_id)

    def show_first_account(self) -> None:
        try:
            accounts = self.window.session.library.accounts()
        except StoreError as error:
            self.window.report_failure(str(error))
            return
        deal = self.window.session.deal
        shown = deal.account_id if deal is not None else None
        if not accounts:
            self.window.report_done("The library has no accounts yet: give a deal an "
                                    "account in Deal ▸ Edit deal…")
            return
        self._show(shown or accounts[0].account.id)

    def _show(self, account_id: str) -> None:
        view = self.account_view()
        try:
            view.show_account(account_id)
        except StoreError as error:
            self.window.report_failure(str(error))
            return
        deal = self.window.session.deal
        if deal is not None:
            chosen = self.window.selection.ids
            if chosen:
                view.select_person(chosen[0])
        view.show()
        view.raise_()
        view.activateWindow()

    def open_in_window(self, deal_id: str, person_id: str) -> None:
        """Show ``deal_id`` in the main window with ``person_id`` selected on the map."""
        window = self.window
        if window.session.deal is None or window.session.deal.id != deal_id:
            window.session.show_deal(deal_id)
        window.selection.set([person_id])
        window.tabs.setCurrentIndex(MAP_TAB)
        window.raise_()
        window.activateWindow()
        window.setFocus(Qt.FocusReason.OtherFocusReason)

    def add_account_person(self) -> None:
        """Ask for the person (the account's people offered first) and add them to the
        shown deal, on the map where it is looked at, as one undo step."""
        from desktop.ui.account_person_picker import LIMIT, AccountPersonPicker

        window = self.window
        deal = window.session.deal
        if deal is None:
            return
        library = window.session.library
        account_id = deal.account_id
        if account_id:
            grid = library.account_grid(account_id)
            names = {d.id: d.name for d in grid.deals}
            deals_of: dict[str, list[str]] = {}
            for person_id, deal_id in grid.cells:
                deals_of.setdefault(person_id, []).append(names[deal_id])
            account_name = grid.account.name
        else:
            deals_of, account_name = {}, "no account"
        picker = AccountPersonPicker(
            account_name,
            lambda text: library.account_people(account_id, text, LIMIT) if account_id else [],
            lambda person_id: sorted(deals_of.get(person_id, [])),
            {p.id for p in deal.people}, window, here={p.id: p.name for p in deal.people})
        if picker.exec() != AccountPersonPicker.DialogCode.Accepted:
            return
        if picker.existing is not None:  # their name typed in full: no duplicate
            window.selection.set([picker.existing])
            window.report_done(f"{deal.person(picker.existing).name} is already in this "
                               "deal: selected on the map, nobody added.")
            return
        person = _new_stance(window, picker)
        lines: tuple[Relation, ...] = ()
        if picker.chosen is not None and account_id:
            # Their manager, as the account's other deals draw it, when the manager is in
            # this deal too (their reports' lines are this deal's own to draw).
            here = {p.id for p in deal.people}
            lines = tuple(Relation(report, manager, RelationKind.REPORTS_TO)
                          for report, manager in grid.reports
                          if report == person.id and manager in here)
        window.session.push(commands.AddPeople(window.session, deal.id, [person], lines))
        window.selection.set([person.id])
        if picker.chosen is not None:
            window.report_done(f"{person.name} added from the account: their details are "
                               "shared with the account's other deals, their stance here "
                               "is this deal's own.")

    def print_account(self) -> None:
        from desktop.problems import ExportProblem
        from desktop.render.printing.account import account_pages
        from desktop.render.printing.options import default_paper
        from desktop.ui.busy import busy
        from desktop.ui.printing import LARGE_PRINT_PAGES
        from desktop.ui.save_dialog import ask_save_path, file_stem

        view = self.account_view()
        chart = view.chart()
        if view.grid is None or chart is None:
            return
        name = view.grid.account.name
        count = len(account_pages(view.grid, chart, default_paper()))
        if count > LARGE_PRINT_PAGES and QMessageBox.question(
                view, "A long print",
                f"The account {name} is {count:,} pages on paper. Go on?",
                QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.Cancel,
                QMessageBox.StandardButton.Cancel) != QMessageBox.StandardButton.Yes:
            return
        path = ask_save_path(view, self.window.settings, "Print account to PDF",
                             file_stem(name, "account"), (".pdf",), "PDF files (*.pdf)")
        if path is None:
            return
        try:
            with busy():
                pages = view.print_to(path)
        except ExportProblem as error:
            view.report(str(error))
            self.window.report_failure(str(error))
            return
        said = f"Printed the account {name} to {path}: {plural(pages, 'page')}."
        view.report(said)  # where the seller looks: the account window
        self.window.report_done(said)
