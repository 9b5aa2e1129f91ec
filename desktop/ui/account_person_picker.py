"""Add a person to a deal, the account's people first: type a few letters of a name, a
title or an e-mail and the account's people who are not yet in this deal are offered —
"Kevin Liu — Head of Architecture (in Helix renewal)". Choosing one adds that very person
(the same id in both deals: one identity, a stance per deal); a name nobody has is a new
person, as Deal ▸ Add person makes one. A name typed in full that someone already in this
deal has adds nobody: Add selects that person (the hint under the field says so as it is
typed), and a name typed in full that one account person has, unchosen, is that person.

The search runs in the library (``Library.account_people``, at most ``LIMIT`` answers), so
a 10,000-person account is searched as fast as a small one.
"""

from __future__ import annotations

from collections.abc import Callable, Collection, Mapping, Sequence

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
    """``chosen``: the account person picked (None: a new person named ``name()``);
    ``existing``: the id of the person of this deal whose name was typed (nobody added)."""

    def __init__(self, account: str, search: Search,
                 deals_of: Callable[[str], Sequence[str]], exclude: Collection[str],
                 parent: QWidget | None = None, *,
                 here: Mapping[str, str] | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("account_person_picker")
        self.setWindowTitle("Add person")
        self.search = search
        self.deals_of = deals_of
        self.exclude = set(exclude)
        self.chosen: AccountPerson | None = None
        self.existing: str | None = None
        # This deal's people by name in any case: the names that would be a duplicate.
        self.here = {name.casefold(): person_id for person_id, name in (here or {}).items()}
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
        self.usual_hint = (f"People of {account} are offered first; a new name adds a new "
                           "person.")
        self.hint = hint = QLabel(self.usual_hint)
        hint.setObjectName("account_person_hint")
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
        self._say_what_add_does()

    def _say_what_add_does(self) -> None:
        """The hint says what Add will do with a name typed in full: select the person of
        this deal who has it, or add the one account person who has it."""
        typed = self.name().casefold()
        self.existing = self.here.get(typed) if self.chosen is None else None
        same = [p for p in self._offered if p.name.casefold() == typed]
        if self.existing is not None:
            self.hint.setText(f"{self.name()} is already in this deal: Add selects them "
                              "on the map and adds nobody.")
        elif self.chosen is None and len(same) == 1:
            self.hint.setText(f"Add adds {suggestion(same[0], self.deals_of(same[0].id))} "
                              "from the account.")
        else:
            self.hint.setText(self.usual_hint)

    def _picked(self, index: QModelIndex) -> None:
        row = index.row()
        if 0 <= row < len(self._offered):
            self.chosen = self._offered[row]
            self._say_what_add_does()
            # The field shows the person's name, not the whole suggestion (after the
            # completer has put the suggestion in).
            name = self.chosen.name
            QTimer.singleShot(0, lambda: self.name_field.setText(name))

    def _accept(self) -> None:
        typed = self.name().casefold()
        same = [p for p in self._offered if p.name.casefold() == typed]
        if self.chosen is None and self.existing is None and len(same) == 1:
            self.chosen = same[0]  # the account's person of that very name, not a namesake
        if self.chosen is not None or self.name():
            self.accept()
