"""Add a person to a deal, the account's people first: type a few letters of a name, a
title or an e-mail and the account's people who are not yet in this deal are offered —
"Kevin Liu — Head of Architecture (in Helix renewal)". Choosing one adds that very person
(the same id in both deals: one identity, a stance per deal); a name nobody has is a new
person, as Deal ▸ Add person makes one.

The search runs in the library (``Library.account_people``, at most ``LIMIT`` answers), so
a 10,000-person account is searched as fast as a small one.
"""

from __future__ import annotations

from collections.abc import Callable, Collection, Sequence

from PySide6.QtCore import QModelIndex, QStringListModel, Qt, QTimer
from PySide6.QtWidgets import (
    QCompleter,
    QDialog,
    QDialogButtonBox,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from desktop.domain.accounts import AccountPerson

LIMIT = 50
Search = Callable[[str], Sequence[AccountPerson]]


def suggestion(person: AccountPerson, deals: Sequence[str]) -> str:
    """``Kevin Liu — Head of Architecture (in Helix renewal)``."""
    text = person.name + (f" — {person.title}" if person.title else "")
    if deals:
        text += f" (in {', '.join(deals[:2])}" + (f" and {len(deals) - 2} more"
                                                  if len(deals) > 2 else "") + ")"
    return text


class AccountPersonPicker(QDialog):
    """``chosen``: the account person picked (None: a new person named ``name()``)."""

    def __init__(self, account: str, search: Search,
                 deals_of: Callable[[str], Sequence[str]], exclude: Collection[str],
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("account_person_picker")
        self.setWindowTitle("Add person")
        self.search = search
        self.deals_of = deals_of
        self.exclude = set(exclude)
        self.chosen: AccountPerson | None = None
        self._offered: list[AccountPerson] = []
        self.name_field = QLineEdit()
        self.name_field.setObjectName("account_person_name")
        self.name_field.setPlaceholderText("Name, title or e-mail")
        self.suggestions = QStringListModel(self)
        self.completer = QCompleter(self.suggestions, self)
        # The library has filtered already (name, title or e-mail contains the text):
        # the popup shows its answers as they are.
        self.completer.setCompletionMode(QCompleter.CompletionMode.UnfilteredPopupCompletion)
        self.completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        self.completer.setMaxVisibleItems(12)
        self.name_field.setCompleter(self.completer)
        self.completer.activated[QModelIndex].connect(self._picked)  # type: ignore[index]
        self.name_field.textEdited.connect(self._typed)
        hint = QLabel(f"People of {account} are offered first; a new name adds a new "
                      "person.")
        hint.setWordWrap(True)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok
                                   | QDialogButtonBox.StandardButton.Cancel)
        buttons.button(QDialogButtonBox.StandardButton.Ok).setText("Add")
        buttons.accepted.connect(self._accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        label = QLabel("&Person:")
        label.setBuddy(self.name_field)
        layout.addWidget(label)
        layout.addWidget(self.name_field)
        layout.addWidget(hint)
        layout.addWidget(buttons)
        self.setMinimumWidth(460)

    def name(self) -> str:
        return self.name_field.text().strip()

    def _typed(self, text: str) -> None:
        self.chosen = None  # typing again undoes a choice
        found = [p for p in self.search(text.strip()) if p.id not in self.exclude] \
            if text.strip() else []
        self._offered = found
        self.suggestions.setStringList([suggestion(p, self.deals_of(p.id)) for p in found])
        if found:
            self.completer.complete()

    def _picked(self, index: QModelIndex) -> None:
        row = index.row()
        if 0 <= row < len(self._offered):
            self.chosen = self._offered[row]
            # The field shows the person's name, not the whole suggestion (after the
            # completer has put the suggestion in).
            name = self.chosen.name
            QTimer.singleShot(0, lambda: self.name_field.setText(name))

    def _accept(self) -> None:
        if self.chosen is not None or self.name():
            self.accept()
