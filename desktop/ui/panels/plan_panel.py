"""The Plan tab: the deal's actions, grouped overdue / this week / later / no date yet / done
or dropped, and worked from the keyboard.

Enter starts the next action (type its text, Enter again); Ctrl+Enter completes the current
one (or reopens it); Delete drops an open action and deletes a done or dropped one; F2 edits
the cell (the people it is for and the intended change in a small dialog). Each is one undo
step: the panel asks for the deal after the change (``plan_edited``) and the window pushes
``EditPlan``; the rows change when the session's change set comes back. The panel keeps
nothing the store does not have, and rebuilds only when it is in view.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

from PySide6.QtCore import QEvent, QModelIndex, QObject, Qt, QTimer, Signal
from PySide6.QtGui import (
    QAction,
    QColor,
    QKeyEvent,
    QKeySequence,
    QPainter,
    QPaintEvent,
    QShowEvent,
)
from PySide6.QtWidgets import (
    QAbstractItemDelegate,
    QAbstractItemView,
    QCheckBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QMainWindow,
    QPushButton,
    QTreeView,
    QVBoxLayout,
    QWidget,
)

from desktop.domain.actions import Action, ActionStatus, PlanGroup
from desktop.domain.changes import ChangeSet
from desktop.domain.deal import Deal
from desktop.domain.plan_edits import (
    find_action,
    status_verb,
    with_action_added,
    with_action_removed,
    with_action_replaced,
    with_status,
)
from desktop.palette import MUTED_INK
from desktop.ui.plan_delegates import PlanDelegate
from desktop.ui.plan_model import PlanColumn, PlanModel
from desktop.ui.session import LibrarySession

# Typical contents, measured in the tree's font: the columns fit at any size and DPI.
# The action gets the most room: it is what is read; a long owner or list of people is cut
# (the whole of it in the dialog, F2).
_COLUMN_SAMPLES = {PlanColumn.ACTION: "Send the security questionnaire answers and a",
                   PlanColumn.DUE: "2026-12-01 · overdue 12 days",
                   PlanColumn.OWNER: "Customer: Yuki Tanaka",
                   PlanColumn.FOR: "Chen Wei, Laura Stein",
                   PlanColumn.INTENDED: "Chen Wei technical 7 → 9",
                   PlanColumn.STATUS: "Dropped"}
_DIALOG_COLUMNS = (PlanColumn.FOR, PlanColumn.INTENDED)


class PlanTree(QTreeView):
    """The plan's list; empty, it says how to start (an empty list says nothing)."""

    hint = ""

    def moveCursor(self, cursorAction: QAbstractItemView.CursorAction,
                   modifiers: Qt.KeyboardModifier) -> QModelIndex:
        """Left and Right go from column to column of an action (a tree scrolls sideways or
        folds instead), so the owner and the people it is for are reached by keys; Left on
        its first column goes up to its group, as in any tree."""
        current = self.currentIndex()
        step = {QAbstractItemView.CursorAction.MoveLeft: -1,
                QAbstractItemView.CursorAction.MoveRight: 1}.get(cursorAction)
        model = self.model()
        on_action = current.isValid() and (current.parent().isValid() or (
            isinstance(model, PlanModel) and model.is_draft(current)))
        if step is None or not on_action:
            return super().moveCursor(cursorAction, modifiers)
        header = self.header()
        visual = header.visualIndex(current.column()) + step
        if visual < 0:
            return super().moveCursor(cursorAction, modifiers)
        if visual >= header.count():
            return current
        return current.siblingAtColumn(header.logicalIndex(visual))

    def closeEditor(self, editor: QWidget, hint: QAbstractItemDelegate.EndEditHint) -> None:
        """Tab and Shift+Tab in a cell commit it and move to the next (previous) column of
        the same action, without opening an editor there. A tree's own "next item" is the
        row below, and a date that re-sorts the plan made that another action: the next
        keys typed changed it."""
        step = {QAbstractItemDelegate.EndEditHint.EditNextItem: 1,
                QAbstractItemDelegate.EndEditHint.EditPreviousItem: -1}.get(hint)
        if step is None:
            super().closeEditor(editor, hint)
            return
        super().closeEditor(editor, QAbstractItemDelegate.EndEditHint.NoHint)
        current = self.currentIndex()  # the edited action's, wherever a re-sort put it
        column = min(max(current.column() + step, 0), len(PlanColumn) - 1)
        if current.isValid() and column != current.column():
            self.setCurrentIndex(current.siblingAtColumn(column))

    def paintEvent(self, event: QPaintEvent) -> None:
        super().paintEvent(event)
        model = self.model()
        if self.hint and model is not None and model.rowCount() == 0:
            painter = QPainter(self.viewport())
            painter.setPen(QColor(MUTED_INK))
            painter.drawText(self.viewport().rect().adjusted(12, 12, -12, -12),
                             int(Qt.AlignmentFlag.AlignHCenter | Qt.AlignmentFlag.AlignTop
                                 | Qt.TextFlag.TextWordWrap), self.hint)
            painter.end()


class PlanPanel(QWidget):
    plan_edited = Signal(object, object, str)  # Deal before, Deal after, the undo step's text
    show_requested = Signal()  # a menu command needs the tab in view

    def __init__(self, session: LibrarySession, parent: QWidget | None = None,
                 today: Callable[[], date] = date.today) -> None:
        super().__init__(parent)
        self.setObjectName("plan_panel")
        self.session = session
        self.today = today
        self.model = PlanModel(today)
        self.model.edit_requested.connect(self._edit)
        self.model.status_requested.connect(self.set_status)
        self.model.added.connect(self._add)
        self.model.refused.connect(self._show_message)
        self.model.refused.connect(self._edit_refused_again)
        self._retried: tuple[str, PlanColumn, str] | None = None
        self._dirty = True
        self._select: tuple[str, PlanColumn] | None = None  # an action to make current
        self._collapsed: set[PlanGroup] = set()  # groups the user folded: they stay folded
        self._said = ""  # the tab's last status-bar sentence: stale once the plan changes

        self.filter = QLineEdit()
        self.filter.setObjectName("plan_filter")
        self.filter.setAccessibleName("Filter actions")
        self.filter.setPlaceholderText("Filter actions (text, owner, person, date …)")
        self.filter.setClearButtonEnabled(True)
        self.filter.textChanged.connect(self.model.set_filter)
        self.filter.textChanged.connect(lambda _: self._after_relayout())
        self.filter.returnPressed.connect(self._into_results)
        self.filter.installEventFilter(self)
        self.show_closed = QCheckBox("Show done and dropped")
        self.show_closed.setObjectName("plan_show_closed")
        self.show_closed.setChecked(True)
        self.show_closed.toggled.connect(self.model.set_show_closed)
        self.show_closed.toggled.connect(lambda _: self._after_relayout())
        self.add_button = QPushButton("New action")
        self.add_button.setObjectName("plan_add")
        self.add_button.setToolTip("Start the next action (Enter in the list)")
        self.complete_button = QPushButton("Complete")
        self.complete_button.setObjectName("plan_complete")
        self.complete_button.setToolTip("Mark the action done (Ctrl+Enter); on a done or "
                                        "dropped one: reopen it")
        self.drop_button = QPushButton("Drop")
        self.drop_button.setObjectName("plan_drop")
        self.drop_button.setToolTip("Drop an open action; delete a done or dropped one "
                                    "(Delete)")
        self.details_button = QPushButton("Details…")
        self.details_button.setObjectName("plan_details")
        self.details_button.setToolTip("Every field of the action: for whom, the intended "
                                       "change … (F2 on those columns)")
        self.add_button.clicked.connect(self.start_new_action)
        self.complete_button.clicked.connect(self.toggle_done)
        self.drop_button.clicked.connect(self.drop_or_delete)
        self.details_button.clicked.connect(self.edit_details)
        bar = QHBoxLayout()
        bar.addWidget(self.filter, 1)
        bar.addWidget(self.show_closed)
        for button in (self.add_button, self.complete_button, self.drop_button,
                       self.details_button):
            bar.addWidget(button)
        self.message = QLabel()
        self.message.setObjectName("plan_message")
        self.message.setWordWrap(True)
        self.message.setStyleSheet("color: #b3261e;")
        self.message.hide()

        self.tree = self._build_tree()
        self._build_actions()
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 4, 0, 0)
        layout.addLayout(bar)
        layout.addWidget(self.message)
        layout.addWidget(self.tree, 1)
        session.deal_shown.connect(self._deal_shown)
        session.changed.connect(self._changed)
        self._deal_shown()

    def _build_tree(self) -> PlanTree:
        tree = PlanTree()
        tree.setObjectName("plan_tree")
        tree.setAccessibleName("The deal's plan")
        tree.setModel(self.model)
        delegate = PlanDelegate(self.model, tree)
        delegate.complete_requested.connect(lambda: QTimer.singleShot(0, self.toggle_done))
        tree.setItemDelegate(delegate)
        tree.setUniformRowHeights(True)
        tree.setAllColumnsShowFocus(False)  # the current cell is framed (PlanDelegate)
        tree.setAlternatingRowColors(True)
        tree.setSortingEnabled(True)
        tree.sortByColumn(-1, Qt.SortOrder.AscendingOrder)  # the plan's own order
        tree.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        tree.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        tree.setEditTriggers(QAbstractItemView.EditTrigger.DoubleClicked
                             | QAbstractItemView.EditTrigger.EditKeyPressed
                             | QAbstractItemView.EditTrigger.AnyKeyPressed)
        tree.setIndentation(12)
        tree.setWordWrap(False)
        tree.doubleClicked.connect(self._double_clicked)
        tree.collapsed.connect(lambda index: self._fold(index, True))
        tree.expanded.connect(lambda index: self._fold(index, False))
        header = tree.header()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setStretchLastSection(True)
        header.setSortIndicatorShown(True)
        metrics = tree.fontMetrics()
        bold = header.fontMetrics()
        for column, sample in _COLUMN_SAMPLES.items():
            header.resizeSection(column, max(bold.horizontalAdvance(column.header) + 28,
                                             metrics.horizontalAdvance(sample) + 20))
        tree.selectionModel().currentChanged.connect(lambda *_: self._enable())
        tree.itemDelegate().closeEditor.connect(lambda *_: QTimer.singleShot(
            0, self._editor_closed))
        return tree

    def _build_actions(self) -> None:
        """The tab's keys, active where the list has the focus (a cell being edited keeps
        its Enter and Delete); the window lists them in its Plan menu."""
        def action(text: str, slot: Callable[[], None], *keys: str) -> QAction:
            made = QAction(text, self)
            made.setShortcuts([QKeySequence(key) for key in keys])
            made.setShortcutContext(Qt.ShortcutContext.WidgetShortcut)
            made.triggered.connect(slot)
            self.tree.addAction(made)
            return made

        self.new_action = action("&New action", self.start_new_action, "Return", "Enter")
        self.complete_action = action("&Complete or reopen action", self.toggle_done,
                                      "Ctrl+Return", "Ctrl+Enter")
        self.drop_action = action("&Drop or delete action", self.drop_or_delete, "Delete")
        self.edit_action = action("&Edit action", self.edit_current, "F2")
        self.details_action = action("Action de&tails…", self.edit_details, "Ctrl+Shift+F2")

    def actions_for_menu(self) -> list[QAction]:
        return [self.new_action, self.complete_action, self.drop_action, self.edit_action,
                self.details_action]

    # -- following the session ----------------------------------------------------------------

    def _deal_shown(self) -> None:
        self.model.cancel_draft()
        self.filter.clear()
        self.message.hide()
        self.model.read_only = self.session.is_open and self.session.library.read_only
        self._refresh()

    def _changed(self, changes: ChangeSet) -> None:
        deal = self.session.deal
        if deal is not None and changes.touches_plan(deal.id):
            self._unsay()
        if deal is None or changes.touches_plan(deal.id) or (
                changes.touches_deal(deal.id) and not changes.positions_only):
            self._refresh()

    def _say(self, sentence: str) -> None:
        self._said = sentence
        self.session.done.emit(sentence)

    def _unsay(self) -> None:
        """"Dropped … — Delete again deletes it" is wrong once an undo (or any change of
        the plan) has come since: the status bar forgets it."""
        window = self.window()
        if self._said and isinstance(window, QMainWindow) \
                and window.statusBar().currentMessage() == self._said:
            window.statusBar().clearMessage()
        self._said = ""

    def _refresh(self) -> None:
        """Read the shown deal again — now if the tab is in view, else when it comes."""
        if not self.isVisible():
            self._dirty = True
            return
        self._dirty = False
        before, shown = self.model.deal, self._shown_ids()
        self.model.set_deal(self.session.deal)
        after = self.model.deal
        if self._select is None and before is not None and after is not None \
                and before.id == after.id:
            self._follow_change(before, after, shown)
        self._after_relayout()

    def _shown_ids(self) -> list[str]:
        return [row.action.id for _, rows in self.model.groups() for row in rows]

    def _follow_change(self, before: Deal, after: Deal, shown: list[str]) -> None:
        """A change the tab did not ask for (an undo, a redo, the inspector) makes the
        action it changed current — the one an undo brought back, not its neighbour; one
        taken away (an add undone) leaves the action shown next to it current, never a
        group's heading or nothing."""
        old = {action.id: action for action in before.actions}
        column = PlanColumn(max(self.tree.currentIndex().column(), 0))
        changed = [action.id for action in after.actions if old.get(action.id) != action
                   and self.model.index_of(action.id).isValid()]
        if changed:
            self._select = (changed[0], column)
            return
        if self.current_action() is not None:
            return
        kept = set(self._shown_ids())
        gone = [n for n, action_id in enumerate(shown) if action_id not in kept]
        if gone:
            place = gone[0]
            nearby = [i for i in shown[place:] if i in kept] + \
                [i for i in reversed(shown[:place]) if i in kept]
            if nearby:
                self._select = (nearby[0], column)

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        if self._dirty:
            self._refresh()

    def _after_relayout(self) -> None:
        """Groups span the row and stay open; a new action becomes current."""
        tree = self.tree
        for row in range(self.model.rowCount()):
            index = self.model.index(row, 0)
            group = self.model.group_at(index)
            tree.setFirstColumnSpanned(row, QModelIndex(), group is not None)
            if group is not None and group not in self._collapsed \
                    and not tree.isExpanded(index):
                tree.expand(index)
        if self._select is not None:
            action_id, column = self._select
            index = self.model.index_of(action_id, column)
            if index.isValid():
                self._select = None
                tree.setCurrentIndex(index)
                tree.scrollTo(index)
        self._enable()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        """Down in the filter goes into what it found (as Enter does)."""
        if watched is self.filter and event.type() is QEvent.Type.KeyPress \
                and isinstance(event, QKeyEvent) and event.key() == Qt.Key.Key_Down \
                and not event.modifiers():
            self._into_results()
            return True
        return super().eventFilter(watched, event)

    def _into_results(self) -> None:
        """The list takes the keys, on the current action if the filter kept it shown,
        else on the first action found."""
        if self.current_action() is None:
            first = next((row.action.id for _, rows in self.model.groups() for row in rows),
                         None)
            if first is not None:
                self.select_action(first)
        self.tree.setFocus(Qt.FocusReason.ShortcutFocusReason)

    def _fold(self, index: QModelIndex, folded: bool) -> None:
        group = self.model.group_at(index)
        if group is not None:
            (self._collapsed.add if folded else self._collapsed.discard)(group)

    def _enable(self) -> None:
        writable = self.session.deal is not None and not self.model.read_only
        deal = self.session.deal
        self.tree.hint = "" if deal is None else (
            "No action matches the filter." if deal.actions and self.filter.text() else
            "Nothing planned yet. What does the customer need to move forward? Press Enter "
            "(or New action) and type the first action." if not deal.actions else
            "Every action is done or dropped — Show done and dropped lists them. Enter adds "
            "the next one.")
        self.tree.viewport().update()
        action = self.current_action()
        self.add_button.setEnabled(writable)
        self.new_action.setEnabled(writable)
        for widget in (self.complete_button, self.drop_button, self.details_button,
                       self.complete_action, self.drop_action, self.details_action):
            widget.setEnabled(writable and action is not None)
        closed = action is not None and not action.is_open
        self.complete_button.setText("Reopen" if closed else "Complete")
        self.drop_button.setText("Delete" if closed else "Drop")

    # -- what the user works on -----------------------------------------------------------------

    def current_action(self) -> Action | None:
        return self.model.action_at(self.tree.currentIndex())

    def start_new_action(self) -> None:
        """A new row for the next action, its text being typed (Enter adds it, Escape
        forgets it)."""
        if self.session.deal is None or self.model.read_only:
            return
        if not self.isVisible():
            self.show_requested.emit()
        self.message.hide()
        index = self.model.start_draft()
        self.tree.setFocus(Qt.FocusReason.OtherFocusReason)
        self.tree.setCurrentIndex(index)
        self.tree.scrollTo(index)
        self.tree.edit(index)

    def _editor_closed(self) -> None:
        if self.model.draft == "":
            self.model.cancel_draft()

    def toggle_done(self) -> None:
        action = self.current_action()
        if action is not None:
            self.set_status(action.id, ActionStatus.DONE if action.is_open
                            else ActionStatus.OPEN)

    def drop_or_delete(self) -> None:
        """Drop an open action; delete one already done or dropped. Both are undone by
        Ctrl+Z, so nothing asks first."""
        action, deal = self.current_action(), self.session.deal
        if action is None or deal is None or self.model.read_only:
            return
        if action.is_open:
            self.set_status(action.id, ActionStatus.DROPPED)
            self._say(f"Dropped “{action.text}” — Delete again deletes it; "
                      "Edit ▸ Undo brings it back.")
            return
        self._select_neighbour(action.id)
        self.plan_edited.emit(deal, with_action_removed(deal, action.id),
                              f"Delete action “{action.text}”")
        self._say(f"Deleted “{action.text}” — Edit ▸ Undo brings it back.")

    def set_status(self, action_id: str, status: ActionStatus) -> None:
        deal = self.session.deal
        action = find_action(deal, action_id) if deal is not None else None
        if deal is None or action is None or self.model.read_only:
            return
        after = with_status(deal, action_id, status, self.today())
        self.message.hide()  # an earlier refusal is not about this
        if after is not deal:
            self._select = (action_id, PlanColumn(max(self.tree.currentIndex().column(), 0)))
            self.plan_edited.emit(deal, after, f"{status_verb(status)} “{action.text}”")

    def edit_current(self) -> None:
        """F2: edit the cell in place, or the dialog for what a cell cannot hold."""
        index = self.tree.currentIndex()
        if self.model.action_at(index) is None:
            return
        if index.column() in _DIALOG_COLUMNS or not (
                self.model.flags(index) & Qt.ItemFlag.ItemIsEditable):
            self.edit_details()
        else:
            self.tree.edit(index)

    def edit_details(self) -> None:
        from desktop.ui.action_dialog import ActionDialog

        action, deal = self.current_action(), self.session.deal
        if action is None or deal is None or self.model.read_only:
            return
        dialog = ActionDialog(deal, action, parent=self)
        if dialog.exec():
            self._edit(dialog.action(), "details")

    def _double_clicked(self, index: QModelIndex) -> None:
        if index.column() in _DIALOG_COLUMNS and self.model.action_at(index) is not None:
            self.edit_details()

    # -- asking for changes ---------------------------------------------------------------------

    def _add(self, action: Action) -> None:
        deal = self.session.deal
        if deal is None:
            return
        self._select = (action.id, PlanColumn.DUE)  # a date next: type it, or Enter again
        self.plan_edited.emit(deal, with_action_added(deal, action),
                              f"Add action “{action.text}”")
        self._after_relayout()

    def _edit(self, action: Action, what: str) -> None:
        deal = self.session.deal
        if deal is None or find_action(deal, action.id) is None:
            return
        self.message.hide()
        current = self.tree.currentIndex()
        if current.isValid():
            self._select = (action.id, PlanColumn(current.column()))
        self.plan_edited.emit(deal, with_action_replaced(deal, action),
                              f"Edit {what} of “{action.text}”")
        self._after_relayout()

    def _select_neighbour(self, action_id: str) -> None:
        """After a deletion the next row (or the one before) becomes current."""
        index = self.model.index_of(action_id)
        for candidate in (index.siblingAtRow(index.row() + 1),
                          index.siblingAtRow(index.row() - 1)):
            neighbour = self.model.action_at(candidate)
            if neighbour is not None:
                self._select = (neighbour.id, PlanColumn.ACTION)
                return

    def _show_message(self, text: str) -> None:
        self.message.setText(text)
        self.message.show()

    def _edit_refused_again(self, _text: str) -> None:
        """A value the plan cannot take ("next friday" for a date) is not thrown away: its
        cell opens again with what was typed, once the closing editor is gone. Left again
        unchanged, it is dropped (Escape forgets it too): a cell is never a trap."""
        refused, self.model.last_refused = self.model.last_refused, None
        if refused is None or refused == self._retried:
            self._retried = None  # refused again as it was: left, not a trap
            return
        self._retried = refused
        action_id, column, text = refused

        def again() -> None:
            index = self.model.index_of(action_id, column)
            if not index.isValid():
                return
            delegate = self.tree.itemDelegate()
            if isinstance(delegate, PlanDelegate):
                delegate.retry_text = text
            self.tree.setCurrentIndex(index)
            self.tree.edit(index)

        QTimer.singleShot(0, again)

    def select_action(self, action_id: str) -> None:
        """Make the action current (the inspector's "show in plan"), clearing a filter
        that hides it."""
        if not self.model.index_of(action_id).isValid() and self.filter.text():
            self.filter.clear()
        self._select = (action_id, PlanColumn.ACTION)
        self._after_relayout()
