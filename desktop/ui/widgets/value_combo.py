"""A combo box of Python values (enum members, objects) that gives back exactly what it was
given.

Qt converts an item's data through QVariant: a ``StrEnum`` member comes back as a plain ``str``
(``Influence.MEDIUM`` → ``"medium"``), so every choice of a combo that relied on
``currentData()`` was refused by the domain ("'medium' is not a influence value"). Here the
values stay in a Python list and an item is found by its index; the combo is calm (a passing
mouse wheel does not change it).
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QWidget

from desktop.ui.widgets.calm import CalmComboBox


class ValueCombo(CalmComboBox):
    value_chosen = Signal(object)  # the value the user chose (mouse, keys or popup)

    def __init__(self, items: Iterable[tuple[str, Any]] = (),
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._values: list[Any] = []
        for label, value in items:
            self.add(label, value)
        self.activated.connect(lambda index: self.value_chosen.emit(self._values[index]))

    def add(self, label: str, value: Any) -> None:
        self.addItem(label, value)  # also as item data, for accessibility tools and findData
        self._values.append(value)

    def clear(self) -> None:
        super().clear()
        self._values.clear()

    def value(self) -> Any:
        index = self.currentIndex()
        return self._values[index] if 0 <= index < len(self._values) else None

    def index_of(self, value: Any) -> int:
        for index, candidate in enumerate(self._values):
            if candidate is value or candidate == value:
                return index
        return -1

    def set_value(self, value: Any) -> None:
        """Show ``value`` (as the store says it is); emits nothing the user did not choose."""
        self.setCurrentIndex(self.index_of(value))
