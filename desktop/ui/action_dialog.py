"""One action of the plan, every field at once: what, when, whose work, for whom, and the
score it is meant to move. The Plan tab edits the common fields in place; this dialog is
for a new action from the inspector ("Add action for Chen Wei") and for the fields a cell
cannot hold (the people it is for, the intended change). It builds the action; the caller
turns it into one undo step."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from desktop.domain.actions import Action, IntendedChange, OwnerSide
from desktop.domain.deal import Deal
from desktop.domain.enums import Axis
from desktop.domain.errors import ValidationError
from desktop.ui.plan_model import example_due
from desktop.ui.widgets.date_field import DateField
from desktop.ui.widgets.value_combo import ValueCombo


class ActionDialog(QDialog):
    def __init__(self, deal: Deal, action: Action | None = None, *,
                 for_person: str | None = None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.deal = deal
        self.original = action or Action(
            "(new)", for_people=(for_person,) if for_person else ())
        self.is_new = action is None
        who = deal.person(for_person).name if for_person and deal.has_person(for_person) \
            else ""
        self.setWindowTitle(f"New action for {who}" if self.is_new and who else
                            "New action" if self.is_new else "Edit action")
        self.setObjectName("action_dialog")
        start = self.original

        self.text = QLineEdit("" if self.is_new else start.text)
        self.text.setObjectName("action_text")
        # Examples that fit any deal (a deal's own words read as if filled in from another).
        self.text.setPlaceholderText("What needs to happen — e.g. send the pricing proposal")
        self.due = DateField(keeps_refused=True)  # refused: kept, and OK refuses it too
        self.due.setObjectName("action_due")
        self.due.edit.setAccessibleName("Due date")
        self.due.set_value(start.due)
        self.due.edit.setPlaceholderText(f"none — e.g. {example_due(date.today())}")
        self.side = ValueCombo([(side.label, side) for side in OwnerSide])
        self.side.setObjectName("action_side")
        self.side.setAccessibleName("Whose work")
        self.side.set_value(start.owner_side)
        self.owner = QComboBox()
        self.owner.setObjectName("action_owner")
        self.owner.setEditable(True)
        self.owner.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
        self.owner.setAccessibleName("Owner")
        self.owner.addItems([p.name for p in deal.people])
        self.owner.setCurrentText(deal.owner_name(start))
        line_edit = self.owner.lineEdit()
        if line_edit is not None:
            line_edit.setPlaceholderText("A person of the deal, or a name on our side")
        self.for_people = QListWidget()
        self.for_people.setObjectName("action_for_people")
        self.for_people.setAccessibleName("For whom")
        self.for_people.setMaximumHeight(self.fontMetrics().lineSpacing() * 7)
        for person in deal.people:
            item = QListWidgetItem(person.name)
            item.setData(Qt.ItemDataRole.UserRole, person.id)
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            item.setCheckState(Qt.CheckState.Checked if person.id in start.for_people
                               else Qt.CheckState.Unchecked)
            self.for_people.addItem(item)
        intended = start.intended
        self.intended_person = ValueCombo([("Nobody", None)]
                                          + [(p.name, p.id) for p in deal.people])
        self.intended_person.setObjectName("action_intended_person")
        self.intended_person.setAccessibleName("Intended change: whose score")
        self.intended_person.set_value(intended.person if intended else None)
        self.axis = ValueCombo([(axis.label, axis) for axis in Axis])
        self.axis.setObjectName("action_intended_axis")
        self.axis.setAccessibleName("Intended change: which axis")
        self.axis.set_value(intended.axis if intended else Axis.TECHNICAL)
        self.target = QSpinBox()
        self.target.setObjectName("action_intended_target")
        self.target.setAccessibleName("Intended change: target score")
        self.target.setRange(0, 10)
        self.target.setValue(intended.target if intended else 8)
        intent = QHBoxLayout()
        intent.addWidget(self.intended_person, 2)
        intent.addWidget(self.axis, 2)
        intent.addWidget(QLabel("→"))
        intent.addWidget(self.target)
        self.internal = QCheckBox("Internal: our own homework, left off the mutual action "
                                  "plan the customer sees")
        self.internal.setObjectName("action_internal")
        self.internal.setChecked(start.internal)
        self.error = QLabel()
        self.error.setObjectName("action_error")
        self.error.setWordWrap(True)
        self.error.setStyleSheet("color: #b3261e;")
        self.error.hide()
        self.due.refused.connect(self._show_error)

        form = QFormLayout()
        form.addRow("&Action", self.text)
        form.addRow("&Due", self.due)
        form.addRow("&Whose work", self.side)
        form.addRow("&Owner", self.owner)
        form.addRow("&For whom", self.for_people)
        # A row whose field is a layout gets a label with no buddy, which shows its "&":
        # the label is made here, and Alt+I goes to whose score is meant to change.
        intended_label = QLabel("&Intended change")
        intended_label.setBuddy(self.intended_person)
        form.addRow(intended_label, intent)
        form.addRow("", self.internal)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok
                                   | QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.error)
        layout.addWidget(buttons)
        self.resize(max(self.sizeHint().width(), 460), self.sizeHint().height())
        self.text.setFocus(Qt.FocusReason.OtherFocusReason)

    def action(self) -> Action:
        """The action as filled in (ValidationError or ValueError when it cannot be)."""
        side = self.side.value()
        name = self.owner.currentText().strip()
        person = next((p for p in self.deal.people if p.name == name), None)
        owner = person.id if person is not None and side is not OwnerSide.US else name
        chosen = tuple(str(self.for_people.item(i).data(Qt.ItemDataRole.UserRole))
                       for i in range(self.for_people.count())
                       if self.for_people.item(i).checkState() == Qt.CheckState.Checked)
        who = self.intended_person.value()
        intended = None
        if who is not None:
            axis = self.axis.value()
            was = self.original.intended
            before = was.before if was is not None and was.person == who \
                and was.axis is axis else self.deal.person(who).scores[axis].value
            intended = IntendedChange(who, axis, self.target.value(), before)
        due: date | None = self.due.typed_value()
        return replace(self.original, text=self.text.text(), due=due, owner_side=side,
                       owner=owner, for_people=chosen, intended=intended,
                       internal=self.internal.isChecked())

    def accept(self) -> None:
        try:
            self.action()
        except ValidationError as error:
            self._show_error(f"{error.path.capitalize()}: {error.problem}.")
            return
        except ValueError as error:
            self._show_error(f"{error}.")
            return
        super().accept()

    def _show_error(self, message: str) -> None:
        self.error.setText(message)
        self.error.show()
