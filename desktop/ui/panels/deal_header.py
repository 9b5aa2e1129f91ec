"""The shown deal in one glance above the map: name, account, stage, amount, close date and
the customer's objective in their words. Follows the deal's own fields only.

Its height never changes between deals (the objective is one line, elided, whole in its
tooltip): a header that grew and shrank would re-lay out and repaint the whole window on
every deal switch.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QFont, QResizeEvent
from PySide6.QtWidgets import QLabel, QSizePolicy, QVBoxLayout, QWidget

from desktop.domain.changes import ChangeSet
from desktop.domain.wording import money
from desktop.ui.session import LibrarySession
from desktop.ui.text import html


class DealHeader(QWidget):
    def __init__(self, session: LibrarySession, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.session = session
        self.setObjectName("deal_header")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 2)
        layout.setSpacing(0)
        self.title = QLabel()
        self.title.setObjectName("deal_header_title")
        self.title.setTextFormat(Qt.TextFormat.RichText)
        self.objective = QLabel()
        self.objective.setObjectName("deal_header_objective")
        italic = QFont(self.objective.font())
        italic.setItalic(True)
        self.objective.setFont(italic)
        for label in (self.title, self.objective):
            label.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Fixed)
            layout.addWidget(label)
        lines = self.fontMetrics().lineSpacing()
        self.title.setFixedHeight(int(lines * 1.4) + 4)
        self.objective.setFixedHeight(lines + 2)
        self._objective = ""
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
            self.title.setText("<i>No deal yet — create one with Deal ▸ New deal.</i>")
            self._objective = ""
        else:
            # A deal named after its account (a contacts import) says the name once.
            account = "" if deal.account.casefold() == deal.name.casefold() else deal.account
            facts = [account, deal.stage, money(deal.amount, deal.currency),
                     f"closes {deal.close_date.isoformat()}" if deal.close_date else ""]
            shown = [html(fact) for fact in facts if fact]
            self.title.setText(f"<b style='font-size:large'>{html(deal.name)}</b>"
                               + (f"&nbsp;&nbsp;{' · '.join(shown)}" if shown else ""))
            self._objective = f"“{deal.objective}”" if deal.objective else ""
        self.objective.setToolTip(self._objective)
        self._elide()

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._elide()

    def _elide(self) -> None:
        text = " ".join(self._objective.split())
        self.objective.setText(self.objective.fontMetrics().elidedText(
            text, Qt.TextElideMode.ElideRight, max(self.width() - 4, 40)))
