"""A status-bar sentence belongs to the deal shown when it was said, and to the people of
that deal it names: it goes (before its ten seconds are up) when another deal is shown, or
when a person it names is renamed or taken out of the deal — "Laura Stein is already in
this deal…" read on the next deal, or "New person 13 reports to Jonas Berg…" once she is
named, told the seller something no longer true.

A sentence said while no deal was shown is kept when one is; any other ("Backed up to …"
too) goes with its deal: what the seller reads under a deal is about that deal.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject

from desktop.domain.changes import ChangeSet

if TYPE_CHECKING:
    from desktop.ui.main_window import MainWindow


class StatusScope(QObject):
    def __init__(self, window: MainWindow) -> None:
        super().__init__(window)
        self.window = window
        self.bar = window.statusBar()
        self.deal_id: str | None = None  # the deal shown when the sentence was said
        self.named: dict[str, str] = {}  # person id → the name the sentence calls them
        self.bar.messageChanged.connect(self._said)
        window.session.deal_shown.connect(self._deal_shown)
        window.session.changed.connect(self._changed)

    def _said(self, text: str) -> None:
        deal = self.window.session.deal
        self.deal_id = deal.id if deal is not None and text else None
        self.named = {}
        if deal is not None and text:
            # A name as a whole word ("New person 1" is not named by "New person 13").
            self.named = {p.id: p.name for p in deal.people if p.name and re.search(
                rf"(?<!\w){re.escape(p.name)}(?!\w)", text)}

    def _deal_shown(self) -> None:
        deal = self.window.session.deal
        if self.deal_id is not None and (deal is None or deal.id != self.deal_id):
            self.bar.clearMessage()

    def _changed(self, changes: ChangeSet) -> None:
        deal = self.window.session.deal
        if not self.named or deal is None or deal.id != self.deal_id \
                or not changes.touches_deal(deal.id):
            return
        if any(not deal.has_person(person_id) or deal.person(person_id).name != name
               for person_id, name in self.named.items()):
            self.bar.clearMessage()
