"""Printing a brief offers to take a snapshot first: the brief is what a seller brings to a
review meeting, and a snapshot taken then is what the next review compares with ("what
moved since the last review?").

Asked only when it helps: the deal changed since its newest snapshot (or has none), no
snapshot of it was taken in this session, and the question was not answered for it in this
session already (Yes or No, it is asked once per deal). Yes takes the snapshot through the
same undo command as Deal ▸ Take snapshot, so Edit ▸ Undo takes it back.
"""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import QObject
from PySide6.QtWidgets import QMessageBox, QWidget

from desktop.domain.deal import Deal
from desktop.domain.diff import diff_deals
from desktop.domain.flag_types import day_text
from desktop.store.errors import StoreError
from desktop.ui import commands
from desktop.ui.session import LibrarySession


def snapshot_name(today: date) -> str:
    """"Review 3 Dec 2026"."""
    return f"Review {day_text(today)}"


def changed_since_newest(session: LibrarySession, deal: Deal) -> bool:
    """Whether ``deal`` differs from its newest snapshot in anything a review reports (a
    deal without snapshots: yes). Time passing alone is no change."""
    infos = session.library.list_snapshots(deal.id)
    if not infos:
        return True
    newest = session.library.get_snapshot(max(infos, key=lambda i: i.taken_at).id)
    day = newest.taken_at.date()
    return bool(diff_deals(newest.deal, deal.without_snapshots(), today=day, since=day))


class SnapshotOffer(QObject):
    def __init__(self, session: LibrarySession, parent: QWidget) -> None:
        super().__init__(parent)
        self.session = session
        self.window = parent
        self.answered: set[str] = set()  # deals asked about in this session

    def taken_this_session(self, deal_id: str) -> bool:
        """Whether a snapshot of the deal was taken in this session (and not undone): the
        undo stack holds the session's steps (this object is made at the first print)."""
        stack = self.session.undo_stack
        return any(isinstance(step := stack.command(i), commands.TakeSnapshot)
                   and step.deal_id == deal_id for i in range(stack.index()))

    def wanted(self, deal: Deal) -> bool:
        if deal.id in self.answered:
            return False
        if self.taken_this_session(deal.id):
            return False
        try:
            return changed_since_newest(self.session, deal)
        except StoreError:
            return False  # the print goes on; the store's trouble is said where it matters

    def offer(self, deal: Deal, today: date | None = None) -> None:
        """Ask, when it helps, and take the snapshot on Yes; return when answered."""
        if not self.wanted(deal):
            return
        self.answered.add(deal.id)
        name = snapshot_name(today or date.today())
        box = QMessageBox(QMessageBox.Icon.Question, "Take a snapshot first?",
                          f"Take a snapshot “{name}” first?",
                          QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
                          self.window)
        box.setInformativeText(f"{deal.name} changed since its last snapshot. A snapshot "
                               "taken now lets the next review show what moved since this "
                               "one (the Review tab, or the review command).")
        box.setDefaultButton(QMessageBox.StandardButton.Yes)
        box.setEscapeButton(QMessageBox.StandardButton.No)
        answer = box.exec()
        box.deleteLater()
        if answer == QMessageBox.StandardButton.Yes:
            self.session.push(commands.TakeSnapshot(self.session, deal.id, name))
