"""New deal / deal properties: the deal's own fields in one form."""

from __future__ import annotations

from dataclasses import replace

from PySide6.QtGui import QDoubleValidator
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QWidget,
)

from desktop.domain.deal import Deal
from desktop.domain.enums import SUGGESTED_STAGES
from desktop.domain.errors import ValidationError
from desktop.domain.plan_references import with_competitor_names
from desktop.ui.widgets.calm import CalmComboBox
from desktop.ui.widgets.date_field import DateField
from desktop.ui.widgets.text_edits import CommittingTextEdit

CURRENCIES = ("EUR", "USD", "GBP", "CHF", "JPY", "CAD", "AUD", "SEK", "NOK", "DKK", "INR")


class DealDialog(QDialog):
    def __init__(self, deal: Deal | None = None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.original = deal
        self.setWindowTitle("Deal properties" if deal else "New deal")
        self.setMinimumWidth(520)
        form = QFormLayout(self)
        self.name = QLineEdit()
        self.name.setObjectName("deal_name")
        self.account = QLineEdit()
        self.stage = CalmComboBox()
        self.stage.setEditable(True)
        self.stage.addItems(["", *SUGGESTED_STAGES])
        self.amount = QLineEdit()
        self.amount.setValidator(QDoubleValidator(0, 1e15, 2))
        self.amount.setPlaceholderText("no amount yet")
        self.currency = CalmComboBox()
        self.currency.setEditable(True)
        self.currency.addItems(["", *CURRENCIES])
        self.close_date = DateField(keeps_refused=True)  # refused: kept, and OK says why
        self.close_date.edit.setAccessibleName("Close date")
        self.objective = CommittingTextEdit()
        self.objective.setPlaceholderText("The customer's objective, in their words")
        self.objective.setFixedHeight(self.fontMetrics().lineSpacing() * 4)
        self.solution = QLineEdit()
        self.solution.setPlaceholderText("Our solution in one line")
        self.competitors = QLineEdit()
        self.competitors.setPlaceholderText("Comma-separated, e.g. FleetIQ, RouteMax")
        self.error = QLabel()
        self.error.setStyleSheet("color: #b3261e")
        self.error.setWordWrap(True)
        form.addRow("&Name", self.name)
        form.addRow("&Account", self.account)
        form.addRow("&Stage", self.stage)
        form.addRow("A&mount", self.amount)
        form.addRow("C&urrency", self.currency)
        form.addRow("&Close date", self.close_date)
        form.addRow("&Objective", self.objective)
        form.addRow("Our s&olution", self.solution)
        form.addRow("Com&petitors", self.competitors)
        form.addRow(self.error)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok
                                   | QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        form.addRow(buttons)
        if deal is not None:
            self.name.setText(deal.name)
            self.account.setText(deal.account)
            self.stage.setCurrentText(deal.stage)
            self.amount.setText("" if deal.amount is None else f"{deal.amount:g}")
            self.currency.setCurrentText(deal.currency)
            self.close_date.set_value(deal.close_date)
            self.objective.set_committed_text(deal.objective)
            self.solution.setText(deal.solution)
            self.competitors.setText(", ".join(deal.competitors))
        self._result: Deal | None = None

    def deal(self) -> Deal | None:
        return self._result

    def accept(self) -> None:
        amount_text = self.amount.text().strip().replace(",", "")
        try:
            amount = float(amount_text) if amount_text else None
        except ValueError:
            self.error.setText("Amount: not a number.")
            return
        try:
            close_date = self.close_date.typed_value()
        except ValueError as error:
            self.error.setText(f"Close date: {error}.")
            return
        try:
            fields = {
                "name": self.name.text(), "account": self.account.text(),
                "stage": self.stage.currentText(), "amount": amount,
                "currency": self.currency.currentText(), "close_date": close_date,
                "objective": self.objective.toPlainText(), "solution": self.solution.text(),
            }
            result = (replace(self.original, **fields) if self.original  # type: ignore[arg-type]
                      else Deal(**fields))  # type: ignore[arg-type]
            self._result = with_competitor_names(result, self.competitors.text().split(","))
        except ValidationError as error:
            # The competitors line becomes the deal's alternatives: say it of the line.
            what = "Competitors" if error.path.startswith("alternatives") else \
                error.path.replace("_", " ").capitalize()
            self.error.setText(f"{what}: {error.problem}.")
            return
        super().accept()
