"""The Deal menu's dialogs — new deal, properties, rename, delete — and the snapshots: each
asks the seller, then pushes one undo command. The window only wires them to its actions.
The dialogs load when first opened: start-up does not pay for them."""

from __future__ import annotations

from dataclasses import replace
from datetime import date
from functools import partial
from typing import TYPE_CHECKING

from PySide6.QtWidgets import QInputDialog, QMessageBox, QWidget

from desktop.domain.wording import people_count
from desktop.ui import commands
from desktop.ui.session import LibrarySession
from desktop.ui.snapshot_offer import snapshot_name

if TYPE_CHECKING:
    from desktop.ui.snapshots_dialog import SnapshotsDialog


class DealActions:
    def __init__(self, window: QWidget, session: LibrarySession) -> None:
        self.window = window
        self.session = session
        self.snapshots_dialog: SnapshotsDialog | None = None  # the open one

    # -- deals ----------------------------------------------------------------------------

    def new_deal(self) -> None:
        from desktop.ui.deal_dialog import DealDialog

        dialog = DealDialog(None, self.window)
        if dialog.exec() and (deal := dialog.deal()) is not None:
            self.session.push(commands.CreateDeal(self.session, deal))  # the window shows it

    def edit_deal(self) -> None:
        deal = self.session.deal
        if deal is None:
            return
        from desktop.ui.deal_dialog import DealDialog

        dialog = DealDialog(deal, self.window)
        if dialog.exec() and (after := dialog.deal()) is not None and after != deal:
            self.session.push(commands.EditDeal(self.session, deal, after))

    def rename_deal(self) -> None:
        deal = self.session.deal
        if deal is None:
            return
        name, ok = QInputDialog.getText(self.window, "Rename deal", "Name:", text=deal.name)
        if ok and name.strip() and name.strip() != deal.name:
            self.session.push(commands.EditDeal(self.session, deal,
                                                replace(deal, name=name.strip()),
                                                text=f"Rename deal to “{name.strip()}”"))

    def delete_deal(self) -> None:
        deal = self.session.deal
        if deal is None:
            return
        answer = QMessageBox.question(
            self.window, "Delete deal",
            f"Delete “{deal.name}” with its {people_count(len(deal.people))}? "
            "You can undo this with Edit ▸ Undo.")
        if answer == QMessageBox.StandardButton.Yes:
            whole = self.session.library.get_deal(deal.id)  # with snapshots, for undo
            self.session.push(commands.DeleteDeal(self.session, whole))

    # -- snapshots --------------------------------------------------------------------------

    def take_snapshot(self) -> None:
        deal = self.session.deal
        if deal is None:
            return
        name, ok = QInputDialog.getText(self.window, "Take snapshot", "Name of this snapshot "
                                        "(e.g. the review it is for):",
                                        text=snapshot_name(date.today()))
        if ok and name.strip():
            self.session.push(commands.TakeSnapshot(self.session, deal.id, name.strip()))

    def show_snapshots(self) -> None:
        deal = self.session.deal
        if deal is None:
            return
        from desktop import team_marks
        from desktop.ui.snapshots_dialog import SnapshotsDialog

        library, session = self.session.library, self.session
        dialog = SnapshotsDialog(
            deal.name, library.list_snapshots(deal.id), load=library.get_snapshot,
            current=lambda: library.get_deal(deal.id, snapshots=False),
            take=self.take_snapshot,
            delete=partial(_delete_snapshot, session),
            parent=self.window, credit=partial(team_marks.credit, library))
        self.snapshots_dialog = dialog
        dialog.exec()
        self.snapshots_dialog = None



def _delete_snapshot(session: LibrarySession, snapshot_id: str) -> None:
    session.apply(lambda library: library.delete_snapshot(snapshot_id))
