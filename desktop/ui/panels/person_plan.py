"""The inspector's answer to "what does this person need to move forward?": the person's
open actions, soonest first, overdue ones in red with how late they are, a button to add
one for them (our work, by default) and one to complete the highlighted one (Ctrl+Enter in
the list too; with none highlighted, nothing is completed). Every change is asked for as
the deal after it (``plan_edited``), one undo step.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

from PySide6.QtCore import QEvent, QItemSelectionModel, QObject, Qt, Signal
from PySide6.QtGui import QAction, QBrush, QColor, QFocusEvent, QKeySequence, QResizeEvent
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from desktop.domain.action_wording import due_words, overdue_words
from desktop.domain.actions import Action, ActionStatus
from desktop.domain.deal import Deal
from desktop.domain.person import Person
from desktop.domain.plan_edits import status_verb, with_action_added, with_status
from desktop.domain.plan_reading import owner_text
from desktop.palette import OVERDUE

ACTION_ID_ROLE = Qt.ItemDataRole.UserRole


class PersonPlan(QWidget):
    plan_edited = Signal(object, object, str)  # Deal before, Deal after, the undo step's text
    shown_in_plan = Signal(str)  # an action id: Enter or a double-click opens it in the plan

    def __init__(self, parent: QWidget | None = None,
                 today: Callable[[], date] = date.today) -> None:
        super().__init__(parent)
        self.today = today
        self._person: Person | None = None
        self._deal: Deal | None = None
        self.read_only = False
        self._add_label = "Add action…"
        self.list = QListWidget()
        self.list.setObjectName("inspector_actions")
        self.list.setAccessibleName("Open actions")
        self.list.setWordWrap(False)
        self.list.setUniformItemSizes(True)
        self.list.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.list.itemSelectionChanged.connect(self._enable)
        self.list.installEventFilter(self)
        self.list.itemActivated.connect(lambda item: self.shown_in_plan.emit(
            str(item.data(ACTION_ID_ROLE))))
        self.list.setToolTip("Enter or double-click: show it in the Plan tab, to edit it")
        self.none = QLabel("No open action yet.")
        self.none.setObjectName("inspector_no_actions")
        self.none.setStyleSheet("color: #555555;")
        self.add_button = QPushButton("Add action…")
        self.add_button.setObjectName("inspector_add_action")
        self.add_button.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Fixed)
        self.add_button.clicked.connect(self.add_action)
        self.complete_button = QPushButton("Complete")
        self.complete_button.setObjectName("inspector_complete_action")
        self.complete_button.setToolTip("Mark the chosen action done (Ctrl+Enter in the list)")
        self.complete_button.clicked.connect(self.complete_current)
        complete = QAction("Complete action", self.list)
        complete.setShortcuts([QKeySequence("Ctrl+Return"), QKeySequence("Ctrl+Enter")])
        complete.setShortcutContext(Qt.ShortcutContext.WidgetShortcut)
        complete.triggered.connect(self.complete_current)
        self.list.addAction(complete)
        buttons = QHBoxLayout()
        buttons.addWidget(self.add_button, 1)
        buttons.addWidget(self.complete_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.list)
        layout.addWidget(self.none)
        layout.addLayout(buttons)

    def show_for(self, person: Person | None, deal: Deal | None, read_only: bool) -> None:
        """The person's open actions as the deal has them now (the chosen one kept, when it
        is still open; nothing is chosen for the user: Complete acts on a highlighted action
        only, and a current but unhighlighted one completed an action nobody had chosen)."""
        self._person, self._deal, self.read_only = person, deal, read_only
        chosen = self.chosen()
        kept = chosen.data(ACTION_ID_ROLE) if chosen is not None else None
        self.list.clear()
        actions = deal.open_actions_for(person.id) if person and deal else ()
        today = self.today()
        for action in actions:
            item = QListWidgetItem(self._line(action, today))
            item.setData(ACTION_ID_ROLE, action.id)
            item.setData(Qt.ItemDataRole.AccessibleTextRole, self._line(action, today))
            assert deal is not None
            item.setToolTip("\n".join(part for part in (
                action.text, due_words(action, today), owner_text(deal, action),
                "Internal: left off the mutual action plan" if action.internal else "")
                if part))
            if action.is_overdue(today):
                item.setForeground(QBrush(QColor(OVERDUE)))
            if action.internal:  # as in the Plan tab: ours alone, in italics
                font = item.font()
                font.setItalic(True)
                item.setFont(font)
            self.list.addItem(item)
            if action.id == kept:
                self.list.setCurrentItem(item)
        self.list.setVisible(bool(actions))
        self._fit_list()
        self.none.setVisible(not actions)
        if person is not None:
            self.none.setText(f"No open action for {person.name} yet.")
            self._add_label = f"Add action for {person.name}…"
            self.add_button.setToolTip(self._add_label.removesuffix("…"))
            self.add_button.setAccessibleName(self._add_label.removesuffix("…"))
            self._fit_add_label()
        self._enable()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        """Tabbed into with nothing highlighted, the list highlights its current action:
        Ctrl+Enter then completes the one shown, never one the user cannot see. (A click
        chooses for itself.)"""
        if watched is self.list and event.type() is QEvent.Type.FocusIn \
                and isinstance(event, QFocusEvent) \
                and event.reason() is not Qt.FocusReason.MouseFocusReason \
                and self.chosen() is None and self.list.count():
            self.list.setCurrentRow(max(self.list.currentRow(), 0),
                                    QItemSelectionModel.SelectionFlag.ClearAndSelect)
        return super().eventFilter(watched, event)

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._fit_add_label()
        self._fit_list()

    def _fit_list(self) -> None:
        """As tall as its actions (wrapped at this width), up to about six lines: one action
        does not leave a box of empty lines, ten do not push the scores out of view."""
        rows = self.list.count()
        if not rows:
            return
        used = sum(self.list.sizeHintForRow(row) for row in range(rows))
        frame = 2 * self.list.frameWidth() + 4
        cap = self.fontMetrics().lineSpacing() * 6 + frame
        self.list.setFixedHeight(min(used + frame, cap))
        room = self.list.viewport().width() - 8
        metrics = self.list.fontMetrics()
        for row in range(rows):
            item = self.list.item(row)
            line = str(item.data(Qt.ItemDataRole.AccessibleTextRole))
            item.setText(metrics.elidedText(line, Qt.TextElideMode.ElideRight, room)
                         if room > 40 else line)

    def _fit_add_label(self) -> None:
        """The whole name when it fits; a long one cut at its end (the tooltip has it)."""
        room = self.add_button.width() - 20
        metrics = self.add_button.fontMetrics()
        label = self._add_label
        if 0 < room < metrics.horizontalAdvance(label):
            label = metrics.elidedText(label.removesuffix("…"), Qt.TextElideMode.ElideRight,
                                       room)
        self.add_button.setText(label)

    @staticmethod
    def _line(action: Action, today: date) -> str:
        """When first, then what — one line each (cut at the end; the tooltip has it all):
        "overdue 3 days · Send the answers", "2026-12-09 · Demo …", or the text alone."""
        late = overdue_words(action, today)
        when = late or (action.due.isoformat() if action.due else "")
        return f"{when} · {action.text}" if when else action.text

    def _enable(self) -> None:
        writable = self._person is not None and self._deal is not None and not self.read_only
        self.add_button.setEnabled(writable)
        self.complete_button.setEnabled(writable and self.chosen() is not None)

    def chosen(self) -> QListWidgetItem | None:
        """The highlighted action: what Complete and Ctrl+Enter act on (the list's current
        item alone may be one the user never picked, e.g. the first when tabbed into)."""
        selected = self.list.selectedItems()
        return selected[0] if selected else None

    def add_action(self) -> None:
        """Ask for the new action (its text, date, owner …), for this person."""
        from desktop.ui.action_dialog import ActionDialog

        person, deal = self._person, self._deal
        if person is None or deal is None or self.read_only:
            return
        dialog = ActionDialog(deal, for_person=person.id, parent=self)
        if dialog.exec():
            action = dialog.action()
            self.plan_edited.emit(deal, with_action_added(deal, action),
                                  f"Add action “{action.text}”")

    def complete_current(self) -> None:
        item, deal = self.chosen(), self._deal
        if item is None or deal is None or self.read_only:
            return
        action_id = str(item.data(ACTION_ID_ROLE))
        after = with_status(deal, action_id, ActionStatus.DONE, self.today())
        if after is not deal:
            action = next(a for a in deal.actions if a.id == action_id)
            text = action.text
            self.plan_edited.emit(deal, after, f"{status_verb(ActionStatus.DONE)} “{text}”")
