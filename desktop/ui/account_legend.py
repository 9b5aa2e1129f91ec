"""The account grid's legend, under the grid as under the printed one: what a cell's tint,
symbol and numbers mean ("▲ +1 supporter" on its tint, "PW: personal win 0–10, ? unknown",
blank: not in that deal) and how a cell opens its deal."""

from __future__ import annotations

from PySide6.QtWidgets import QHBoxLayout, QLabel, QWidget

from desktop.domain.enums import Support
from desktop.palette import INK, SUPPORT_SYMBOLS, SUPPORT_TINTS

EXPLAINED = ("▲ +1 · PW 7: support (symbol and −2…+2), then personal win 0–10 (PW ? when "
             "unknown). Blank: not in that deal. Double-click or Enter opens the deal.")


class AccountLegend(QWidget):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("account_legend")
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(4)
        self.swatches: list[QLabel] = []
        for support in sorted(Support, reverse=True):
            swatch = QLabel(f"{SUPPORT_SYMBOLS[support].value} {int(support):+d} "
                            f"{support.label}")
            swatch.setStyleSheet(f"background: {SUPPORT_TINTS[support]}; color: {INK}; "
                                 "padding: 2px 6px; border-radius: 3px;")
            swatch.setToolTip(f"A cell on this tint: {support.label} in that deal")
            layout.addWidget(swatch)
            self.swatches.append(swatch)
        self.explained = QLabel(EXPLAINED)
        self.explained.setWordWrap(True)
        layout.addWidget(self.explained, 1)
