"""The account view's table: an account's people down, its deals across, a person's stance
per cell — support and personal win, tinted by support as the map's cards are.

An account can hold 10,000 people across 50 deals, so everything a paint asks for is ready
before the first paint: the cell texts are made once per grid and each ``data`` call is a
dict lookup (the colours are five shared brushes). Tooltips, asked for only on hover, are
made then.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QBrush, QColor

from desktop.domain.accounts import AccountDeal, AccountGrid, AccountPerson
from desktop.domain.enums import Support
from desktop.palette import INK, SUPPORT_COLOURS, SUPPORT_TINTS
from desktop.render.stance_text import stance_text, stance_tooltip

Index = QModelIndex | QPersistentModelIndex
NAME, TITLE = 0, 1
FIXED_COLUMNS = 2  # name and title before the deals
PERSON_ID_ROLE = Qt.ItemDataRole.UserRole + 1
DEAL_ID_ROLE = Qt.ItemDataRole.UserRole + 2

_TINTS = {support: QBrush(QColor(tint)) for support, tint in SUPPORT_TINTS.items()}
_SYMBOL_INK = {support: QBrush(QColor(colour)) for support, colour in SUPPORT_COLOURS.items()}
_INK = QBrush(QColor(INK))
_CENTRE = Qt.AlignmentFlag.AlignCenter
_DISPLAY = int(Qt.ItemDataRole.DisplayRole)
_BACKGROUND = int(Qt.ItemDataRole.BackgroundRole)
_FOREGROUND = int(Qt.ItemDataRole.ForegroundRole)
_ALIGNMENT = int(Qt.ItemDataRole.TextAlignmentRole)
_TOOLTIP = int(Qt.ItemDataRole.ToolTipRole)
_ROLES_USED = frozenset((_DISPLAY, _BACKGROUND, _FOREGROUND, _ALIGNMENT, _TOOLTIP,
                         int(PERSON_ID_ROLE), int(DEAL_ID_ROLE)))


class AccountGridModel(QAbstractTableModel):
    def __init__(self, grid: AccountGrid | None = None) -> None:
        super().__init__()
        self.grid: AccountGrid | None = None
        self._texts: dict[tuple[int, int], str] = {}
        self._brushes: dict[tuple[int, int], QBrush] = {}
        self._rows = self._columns = 0
        if grid is not None:
            self.set_grid(grid)

    def set_grid(self, grid: AccountGrid) -> None:
        """Show ``grid``; every cell's text and colour is worked out here, once."""
        self.beginResetModel()
        self.grid = grid
        row_of = {person.id: row for row, person in enumerate(grid.people)}
        column_of = {deal.id: FIXED_COLUMNS + c for c, deal in enumerate(grid.deals)}
        self._texts = {}
        self._brushes = {}
        self._rows, self._columns = len(grid.people), FIXED_COLUMNS + len(grid.deals)
        for (person_id, deal_id), stance in grid.cells.items():
            row, column = row_of.get(person_id), column_of.get(deal_id)
            if row is not None and column is not None:
                self._texts[(row, column)] = stance_text(stance)
                self._brushes[(row, column)] = _TINTS[stance.support]
        self.endResetModel()

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008 - Qt's signature
        return 0 if parent.isValid() else self._rows

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else self._columns

    def person_at(self, row: int) -> AccountPerson:
        assert self.grid is not None
        return self.grid.people[row]

    def deal_at(self, column: int) -> AccountDeal | None:
        """The deal of ``column``; None for the name and title columns."""
        if self.grid is None or column < FIXED_COLUMNS:
            return None
        return self.grid.deals[column - FIXED_COLUMNS]

    def row_of(self, person_id: str) -> int | None:
        if self.grid is None:
            return None
        return next((r for r, p in enumerate(self.grid.people) if p.id == person_id), None)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        # Asked about ten times per visible cell per frame: roles are compared as ints, the
        # cell's answers are dict lookups, and roles the grid does not use end at once.
        if role not in _ROLES_USED or self.grid is None:
            return None
        row, column = index.row(), index.column()
        if row < 0:
            return None
        if role == _DISPLAY:
            if column >= FIXED_COLUMNS:
                return self._texts.get((row, column))
            person = self.grid.people[row]
            return person.name if column == NAME else person.title
        if role == _BACKGROUND:
            return self._brushes.get((row, column))
        if role == _FOREGROUND:
            return _INK if (row, column) in self._brushes else None
        if role == _ALIGNMENT:
            return _CENTRE if column >= FIXED_COLUMNS else None
        if role == _TOOLTIP:
            return self._tooltip(row, column)
        if role == PERSON_ID_ROLE:
            return self.grid.people[row].id
        deal = self.deal_at(column)  # DEAL_ID_ROLE
        return deal.id if deal is not None else None

    def _tooltip(self, row: int, column: int) -> str | None:
        assert self.grid is not None
        person = self.grid.people[row]
        deal = self.deal_at(column)
        if deal is None:
            involved = sum((person.id, d.id) in self.grid.cells for d in self.grid.deals)
            contact = f"\n{person.email}" if person.email else ""
            return f"{person.name} — {person.title or 'no title'}{contact}\n" \
                   f"In {involved} of the account's {len(self.grid.deals)} deals."
        stance = self.grid.stance(person.id, deal.id)
        return None if stance is None else stance_tooltip(person, deal, stance) + \
            "\nDouble-click to open the deal with them selected."

    def headerData(self, section: int, orientation: Qt.Orientation,
                   role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if self.grid is None or orientation != Qt.Orientation.Horizontal:
            return None
        deal = self.deal_at(section)
        if role == Qt.ItemDataRole.DisplayRole:
            return ("Name", "Title")[section] if deal is None else deal.name
        if role == Qt.ItemDataRole.ToolTipRole and deal is not None:
            return f"{deal.name}" + (f" — {deal.stage}" if deal.stage else "")
        if role == Qt.ItemDataRole.TextAlignmentRole and deal is not None:
            # A deal's name on two lines: "Helix Health / imaging archive", not "Helix He…".
            return int(Qt.AlignmentFlag.AlignCenter) | int(Qt.TextFlag.TextWordWrap)
        return None


def support_ink(support: Support) -> QBrush:
    """The support's strong colour (the symbol's on the map), for a legend."""
    return _SYMBOL_INK[support]
