"""The shown deal in one glance above the map: name, account, stage, amount, close date and
the customer's objective in their words. Follows the deal's own fields only."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QWidget

from desktop.domain.changes import ChangeSet
from desktop.domain.wording import money
from desktop.ui.session import LibrarySession
from desktop.ui.text import html


class DealHeader(QLabel):
    def __init__(self, session: LibrarySession, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.session = session
        self.setObjectName("deal_header")
        self.setWordWrap(True)
        self.setTextFormat(Qt.TextFormat.RichText)
        session.deal_shown.connect(self.refresh)
        session.changed.connect(self._changed)
        self.refresh()

    def _changed(self, changes: ChangeSet) -> None:
        deal = self.session.deal
        if deal is None or deal.id in changes.deals or changes.unknown:
            self.refresh()

    def refresh(self) -> None:
        deal = self.session.deal
        if deal is None:
            self.setText("<i>No deal yet — create one with Deal ▸ New deal.</i>")
            return
        facts = [deal.account, deal.stage, money(deal.amount, deal.currency),
                 f"closes {deal.close_date.isoformat()}" if deal.close_date else ""]
        text = f"<b style='font-size:large'>{html(deal.name)}</b><br>" + " · ".join(
            html(fact) for fact in facts if fact)
        if deal.objective:
            text += f"<br><i>“{html(deal.objective)}”</i>"
        self.setText(text)
