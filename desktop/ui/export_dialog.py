"""Export deals: which deals (this one or all), which format, and whether private notes go
too (unticked every time, like printing)."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QWidget,
)

from desktop.exchange import registry
from desktop.exchange.registry import Format
from desktop.ui.widgets.value_combo import ValueCombo


class ExportDialog(QDialog):
    def __init__(self, deal_name: str | None, deal_count: int,
                 parent: QWidget | None = None, last_format: str = "dealtri") -> None:
        super().__init__(parent)
        self._last_format = last_format  # chosen first: a seller exports the same way again
        self.setWindowTitle("Export deals")
        form = QFormLayout(self)
        self.scope = ValueCombo()
        if deal_name is not None:
            self.scope.add(f"This deal: {deal_name}", False)
        self.scope.add(f"All {deal_count} deals", True)
        self.format_box = ValueCombo()
        self.private_box = QCheckBox("Include &private notes (personal-win evidence)")
        form.addRow("&Deals", self.scope)
        form.addRow("&Format", self.format_box)
        form.addRow("", self.private_box)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok
                                   | QDialogButtonBox.StandardButton.Cancel)
        buttons.button(QDialogButtonBox.StandardButton.Ok).setText("Export…")
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        form.addRow(buttons)
        self.scope.currentIndexChanged.connect(self._scope_changed)
        self._scope_changed()

    def _scope_changed(self) -> None:
        """Graph formats hold one deal: offered only when one deal is exported."""
        chosen = self.chosen_format()
        self.format_box.clear()
        for fmt in registry.writers():
            if not (fmt.one_deal_only and self.all_deals()):
                self.format_box.add(fmt.label, fmt.name)
        index = self.format_box.index_of(chosen.name if chosen else self._last_format)
        if index < 0:
            index = self.format_box.index_of("dealtri")
        self.format_box.setCurrentIndex(max(0, index))

    def all_deals(self) -> bool:
        return bool(self.scope.value())

    def chosen_format(self) -> Format | None:
        name = self.format_box.value()
        return registry.by_name(name) if name else None

    def include_private(self) -> bool:
        return self.private_box.isChecked()
