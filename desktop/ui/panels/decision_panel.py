"""The Decision tab: how the customer decides, and between what.

At the top the compelling event — what happens if the customer does nothing, and by when —
because without one, doing nothing is the customer's easiest choice. Below, the ranked and
weighted decision criteria with our rating against each alternative's and the weighted
standing under the table; then the alternatives (competitors, doing nothing, building it
themselves) with who leans to each, and the customer's decision process as a timeline over
its steps, the close date marked.

Like every panel it keeps no data of its own: it shows ``session.deal`` and asks for each
change with ``plan_edited(before, after, text)``, which the window makes one undo step
(``commands.EditPlan``). While it is hidden it only notes that it is out of date, so editing
the map never rebuilds it.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QAbstractItemModel, Qt, Signal
from PySide6.QtGui import QKeySequence, QShowEvent
from PySide6.QtWidgets import (
    QAbstractScrollArea,
    QApplication,
    QFrame,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QScrollArea,
    QSplitter,
    QStyledItemDelegate,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from desktop.domain.changes import ChangeSet
from desktop.domain.deal import Deal
from desktop.domain.decision import (
    WEIGHT_MAX,
    WEIGHT_MIN,
    Alternative,
    AlternativeKind,
    Criterion,
    ProcessStep,
    StepStatus,
)
from desktop.domain.errors import ValidationError
from desktop.domain.plan_references import forget_alternatives
from desktop.ui.alternatives_model import LEANING, AlternativesModel
from desktop.ui.cell_editors import ChoiceDelegate, DateDelegate, NumberDelegate
from desktop.ui.criteria_model import (
    AHEAD,
    BEHIND,
    OURS,
    OWNER,
    RANK,
    TEXT,
    WEIGHT,
    CriteriaModel,
)
from desktop.ui.panels.compelling_event_box import CompellingEventBox
from desktop.ui.process_model import (
    APPROVER,
    PLANNED,
    STATUS,
    STATUS_LABELS,
    STEP,
    ProcessModel,
)
from desktop.ui.process_view import ProcessTimeline
from desktop.ui.ranked_table import RankedTable
from desktop.ui.session import LibrarySession
from desktop.ui.standing_text import standing_html


class DecisionPanel(QWidget):
    plan_edited = Signal(object, object, str)  # Deal before, Deal after, undo text

    def __init__(self, session: LibrarySession, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("decision_panel")
        self.session = session
        self.deal: Deal | None = None  # the deal shown, as last read from the session
        self.read_only = False
        self._stale = True
        # After an edit of ours: which table's current cell to put back (by record id).
        self._keep: dict[str, tuple[str, int]] = {}
        # The alternative just removed: when an undo brings it back, it is selected again.
        self._removed: str | None = None
        # The tab scrolls as a whole: on a laptop each table keeps room for its rows (five
        # criteria, five steps) instead of all of them being squeezed to one or two.
        content = QWidget()
        content.setObjectName("decision_content")
        layout = QVBoxLayout(content)
        layout.setContentsMargins(6, 6, 6, 6)
        layout.setSpacing(4)
        self.error = QLabel()
        self.error.setObjectName("decision_error")
        self.error.setWordWrap(True)
        self.error.setStyleSheet("color: white; background: #b3261e; padding: 4px; "
                                 "border-radius: 3px;")
        self.error.hide()
        self.notice = QLabel()  # what a removal cleared, and that Ctrl+Z brings it back
        self.notice.setObjectName("decision_notice")
        self.notice.setWordWrap(True)
        self.notice.setStyleSheet("background: #FFF4D6; color: #5A3E00; padding: 4px; "
                                  "border-radius: 3px;")
        self.notice.hide()
        self.event_box = CompellingEventBox()
        self.event_box.edited.connect(
            lambda event, text: self._edit(text, compelling_event=event))
        self.event_box.refused.connect(self._show_error)
        layout.addWidget(self.event_box)
        layout.addWidget(self.error)
        layout.addWidget(self.notice)
        # The criteria keep the height of their rows; the room left goes to the process below.
        layout.addWidget(self._build_criteria())
        bottom = QSplitter(Qt.Orientation.Horizontal)
        bottom.setObjectName("decision_bottom_splitter")
        bottom.setChildrenCollapsible(False)
        bottom.addWidget(self._build_alternatives())
        bottom.addWidget(self._build_process())
        bottom.setStretchFactor(0, 2)
        bottom.setStretchFactor(1, 5)
        bottom.setSizes([300, 750])
        layout.addWidget(bottom, 1)
        self.scroll_area = QScrollArea()
        self.scroll_area.setObjectName("decision_scroll")
        self.scroll_area.setFrameShape(QFrame.Shape.NoFrame)
        self.scroll_area.setWidgetResizable(True)
        self.scroll_area.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.scroll_area.setWidget(content)
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        outer.addWidget(self.scroll_area)
        session.deal_shown.connect(self._deal_shown)
        session.changed.connect(self._changed)

    # -- building ---------------------------------------------------------------------------

    def _build_criteria(self) -> QGroupBox:
        box = QGroupBox("Decision criteria — ranked, weighted, rated against each alternative")
        layout = QVBoxLayout(box)
        layout.setContentsMargins(6, 4, 6, 4)
        self.criteria_model = CriteriaModel()
        self.criteria_model.criteria_edited.connect(
            lambda criteria, text: self._edit(text, "criteria", criteria=criteria))
        self.criteria_model.refused.connect(self._show_error)
        self.criteria = RankedTable(
            "criteria_table", lambda column: column not in (RANK, TEXT, WEIGHT))
        self.criteria.setModel(self.criteria_model)
        self.criteria.setItemDelegateForColumn(WEIGHT, NumberDelegate(WEIGHT_MIN, WEIGHT_MAX,
                                                                      parent=self.criteria))
        self.criteria.setItemDelegateForColumn(OWNER, ChoiceDelegate(self._people_choices,
                                                                     self.criteria))
        self.rating_delegate = NumberDelegate(0, 10, unknown=True, parent=self.criteria)
        self.criteria.setItemDelegateForColumn(OURS, self.rating_delegate)
        self.plain_delegate = QStyledItemDelegate(self.criteria)
        self.criteria.move_requested.connect(
            lambda row, by: self._move("criteria", row, by))
        self.criteria.delete_requested.connect(lambda row: self._remove("criteria", row))
        self.criteria.clear_requested.connect(
            lambda index: self.criteria_model.setData(index, None))
        layout.addWidget(self.criteria, 1)
        self.new_criterion = QLineEdit()
        self.new_criterion.setObjectName("new_criterion")
        self.new_criterion.setAccessibleName("New criterion")
        self.new_criterion.setPlaceholderText("New criterion — Enter adds it")
        self.new_criterion.returnPressed.connect(self._add_criterion)
        row, self.criteria_buttons = self._editing_row(
            self.new_criterion, self._add_criterion, self.criteria, "criteria", "criterion")
        # What the colours of the rating cells mean, where the seller reads them.
        self.rating_legend = QLabel(
            f"<span style='background:{AHEAD.name()}'>&nbsp;green&nbsp;</span> we lead · "
            f"<span style='background:{BEHIND.name()}'>&nbsp;red&nbsp;</span> we trail")
        self.rating_legend.setObjectName("decision_rating_legend")
        self.rating_legend.setToolTip("A rating cell is green where we are rated above that "
                                      "alternative, red where it is rated above us")
        row.insertWidget(1, self.rating_legend)
        layout.addLayout(row)
        self.standing = QLabel()
        self.standing.setObjectName("decision_standing")
        self.standing.setWordWrap(True)
        self.standing.setTextFormat(Qt.TextFormat.RichText)
        layout.addWidget(self.standing)
        return box

    def _build_alternatives(self) -> QGroupBox:
        box = QGroupBox("Alternatives — what they could choose instead of us")
        layout = QVBoxLayout(box)
        layout.setContentsMargins(6, 4, 6, 4)
        self.alternatives_model = AlternativesModel()
        self.alternatives_model.alternatives_edited.connect(
            lambda alternatives, text: self._edit(text, "alternatives",
                                                  alternatives=alternatives))
        self.alternatives_model.refused.connect(self._show_error)
        self.alternatives = RankedTable("alternatives_table")
        self.alternatives.setModel(self.alternatives_model)
        self.alternatives.setAlternatingRowColors(False)
        header = self.alternatives.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(LEANING, QHeaderView.ResizeMode.Stretch)
        self.alternatives.move_requested.connect(
            lambda row, by: self._move("alternatives", row, by))
        self.alternatives.delete_requested.connect(self._remove_alternative)
        layout.addWidget(self.alternatives, 1)
        row = QHBoxLayout()
        self.new_competitor = QLineEdit()
        self.new_competitor.setObjectName("new_competitor")
        self.new_competitor.setAccessibleName("New competitor")
        self.new_competitor.setPlaceholderText("Competitor's name — Enter adds it")
        self.new_competitor.returnPressed.connect(self._add_competitor)
        self.add_competitor = QPushButton("Add")
        self.add_competitor.setAccessibleName("Add competitor")
        self.add_competitor.clicked.connect(self._add_competitor)
        self.remove_alternative = QPushButton("Remove")
        self.remove_alternative.setAccessibleName("Remove alternative")
        self.remove_alternative.setToolTip("Remove the selected alternative (Delete); "
                                           "nobody leans to it any more")
        self.remove_alternative.clicked.connect(
            lambda: self._remove_alternative(self.alternatives.currentIndex().row()))
        row.addWidget(self.new_competitor, 1)
        row.addWidget(self.add_competitor)
        row.addWidget(self.remove_alternative)
        layout.addLayout(row)
        offers = QHBoxLayout()
        self.offers: dict[AlternativeKind, QPushButton] = {}
        for kind in (AlternativeKind.DO_NOTHING, AlternativeKind.BUILD):
            button = QPushButton(f"+ {kind.label}")
            button.setObjectName(f"offer_{kind.value}")
            button.setToolTip(f"Add “{kind.label}” as an alternative: often the real "
                              "competition")
            button.clicked.connect(lambda _=False, k=kind: self._add_alternative(
                Alternative(name=k.label, kind=k)))
            offers.addWidget(button)
            self.offers[kind] = button
        offers.addStretch(1)
        layout.addLayout(offers)
        self.coaching = QLabel()
        self.coaching.setObjectName("decision_coaching")
        self.coaching.setWordWrap(True)
        layout.addWidget(self.coaching)
        return box

    def _build_process(self) -> QGroupBox:
        box = QGroupBox("Decision process — the customer's steps to a signature")
        layout = QVBoxLayout(box)
        layout.setContentsMargins(6, 4, 6, 4)
        self.timeline = ProcessTimeline()
        layout.addWidget(self.timeline)
        self.process_model = ProcessModel()
        self.process_model.process_edited.connect(
            lambda steps, text: self._edit(text, "process", process=steps))
        self.process_model.refused.connect(self._show_error)
        self.process = RankedTable("process_table",
                                   lambda column: column in (APPROVER, PLANNED))
        self.process.setModel(self.process_model)
        self.process.setItemDelegateForColumn(APPROVER, ChoiceDelegate(self._people_choices,
                                                                       self.process))
        self.process.setItemDelegateForColumn(PLANNED, DateDelegate(self.process))
        self.process.setItemDelegateForColumn(STATUS, ChoiceDelegate(
            lambda: [(label, status) for status, label in STATUS_LABELS.items()],
            self.process))
        header = self.process.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(STEP, QHeaderView.ResizeMode.Stretch)
        self.process.move_requested.connect(lambda row, by: self._move("process", row, by))
        self.process.delete_requested.connect(lambda row: self._remove("process", row))
        self.process.clear_requested.connect(
            lambda index: self.process_model.setData(index, None))
        layout.addWidget(self.process, 1)
        self.new_step = QLineEdit()
        self.new_step.setObjectName("new_step")
        self.new_step.setAccessibleName("New process step")
        self.new_step.setPlaceholderText("New step, e.g. Legal review — Enter adds it")
        self.new_step.returnPressed.connect(self._add_step)
        row, self.process_buttons = self._editing_row(self.new_step, self._add_step,
                                                      self.process, "process", "step")
        layout.addLayout(row)
        return box

    def _editing_row(self, field: QLineEdit, add: Callable[[], None], table: RankedTable,
                     kind: str, noun: str) -> tuple[QHBoxLayout, list[QToolButton]]:
        """The line to type a new row in, and the buttons that add, move and remove."""
        row = QHBoxLayout()
        row.addWidget(field, 1)
        buttons = []
        for name, text, tip, act in (
                ("add", "Add", f"Add the {noun} typed (Enter)", add),
                ("up", "↑", f"Move the {noun} up (Ctrl+Up in the table)",
                 lambda: self._move(kind, table.currentIndex().row(), -1)),
                ("down", "↓", f"Move the {noun} down (Ctrl+Down in the table)",
                 lambda: self._move(kind, table.currentIndex().row(), 1)),
                ("remove", "Remove", f"Remove the selected {noun} (Delete in the table)",
                 lambda: self._remove(kind, table.currentIndex().row()))):
            button = QToolButton()
            button.setText(text)
            button.setObjectName(f"{kind}_{name}")
            button.setAccessibleName(f"{name.capitalize()} {noun}")
            button.setToolTip(tip)
            button.clicked.connect(act)
            row.addWidget(button)
            buttons.append(button)
        return row, buttons

    def _people_choices(self) -> list[tuple[str, Any]]:
        deal = self.deal
        people = sorted(deal.people, key=lambda p: p.name.casefold()) if deal else []
        return [("Nobody", None)] + [(p.name, p.id) for p in people]

    # -- following the session --------------------------------------------------------------

    def _deal_shown(self) -> None:
        self._keep.clear()
        self._removed = None
        self.error.hide()
        self.notice.hide()
        self.refresh()

    def _changed(self, changes: ChangeSet) -> None:
        deal = self.deal
        if changes.positions_only:
            return
        if deal is None or changes.touches_deal(deal.id) or changes.unknown:
            self.refresh()

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        if self._stale:
            self.refresh()

    def refresh(self) -> None:
        """Show the session's deal (only when visible: hidden, it notes it is out of date)."""
        if not self.isVisible():
            self._stale = True
            return
        self._stale = False
        deal = self.session.deal
        self.deal = deal
        self.read_only = self.session.is_open and self.session.library.read_only
        kept = {name: self._current(table) for name, table in self._tables().items()}
        # An edit committed in a cell resets the table under its editor: the focus would be
        # lost with the editor, and the keyboard with it. It goes back to the table.
        focused = QApplication.focusWidget()
        typing_in = next((table for table in self._tables().values()
                          if focused is not None and (focused is table
                                                      or table.isAncestorOf(focused))), None)
        kept.update(self._keep)
        self._keep = {}
        if self._removed is not None and deal is not None \
                and deal.alternative(self._removed) is not None:  # undone: it is back
            kept["alternatives"] = (self._removed, 0)
            self._removed = None
            self.notice.hide()
        self.criteria_model.set_deal(deal, self.read_only)
        self.process_model.set_deal(deal, self.read_only)
        self.alternatives_model.set_deal(deal, self.read_only)
        self.timeline.set_deal(deal)
        for name, table in self._tables().items():
            self._restore(table, kept.get(name))
        if typing_in is not None:
            typing_in.setFocus(Qt.FocusReason.OtherFocusReason)
        self._size_criteria_columns()
        _fit_rows(self.criteria, least=5, most=8)
        _fit_rows(self.process, least=5, most=8)
        _fit_rows(self.alternatives, least=3, most=5)
        editable = deal is not None and not self.read_only
        self.event_box.show_deal(deal, editable)
        self.standing.setText(standing_html(deal))
        self._show_alternatives(deal)
        for widget in (self.new_criterion, self.new_step,
                       self.new_competitor, self.add_competitor, self.remove_alternative,
                       *self.criteria_buttons, *self.process_buttons):
            widget.setEnabled(editable)

    def _tables(self) -> dict[str, RankedTable]:
        return {"criteria": self.criteria, "process": self.process,
                "alternatives": self.alternatives}

    @staticmethod
    def _current(table: RankedTable) -> tuple[str, int] | None:
        index = table.currentIndex()
        model = table.model()
        if not index.isValid():
            return None
        record = _record(model, index.row())
        return (record.id, index.column()) if record is not None else None

    @staticmethod
    def _restore(table: RankedTable, kept: tuple[str, int] | None) -> None:
        if kept is None:
            return
        model = table.model()
        row = getattr(model, "row_of")(kept[0])  # noqa: B009
        if row is not None:
            index = model.index(row, min(kept[1], model.columnCount() - 1))
            table.setCurrentIndex(index)
            table.scrollTo(index)

    def _size_criteria_columns(self) -> None:
        header = self.criteria.horizontalHeader()
        model = self.criteria_model
        for column in range(model.columnCount()):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(TEXT, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(model.evidence_column, QHeaderView.ResizeMode.Stretch)
        for delegate_column in range(OURS + 1, model.evidence_column):
            self.criteria.setItemDelegateForColumn(delegate_column, self.rating_delegate)
        self.criteria.setItemDelegateForColumn(model.evidence_column, self.plain_delegate)

    def _show_alternatives(self, deal: Deal | None) -> None:
        kinds = {a.kind for a in deal.alternatives} if deal else set()
        for kind, button in self.offers.items():
            button.setVisible(deal is not None and kind not in kinds)
            button.setEnabled(not self.read_only)
        unplaced = [p.name for p in deal.people if p.coaches_competitor
                    and p.leans_to is None] if deal else []
        self.coaching.setText("Coaching a competitor, leaning not known: "
                              + ", ".join(unplaced) if unplaced else "")
        self.coaching.setVisible(bool(unplaced))
        if deal is not None and not deal.alternatives:
            self.alternatives.setToolTip("No alternatives yet: name the competitors, and "
                                         "add doing nothing")
        else:
            self.alternatives.setToolTip("")

    # -- editing ----------------------------------------------------------------------------

    def _edit(self, text: str, kind: str | None = None, keep: tuple[str, int] | None = None,
              **changes: Any) -> bool:
        """Ask for one change of the plan (one undo step); False when the domain refuses."""
        before = self.session.deal
        if before is None or self.read_only:
            return False
        try:
            after = before.with_plan(**changes)
        except ValidationError as error:
            self._show_error(f"{error.path.split('.')[-1].replace('_', ' ').capitalize()}: "
                             f"{error.problem}.")
            return False
        self.error.hide()
        self.notice.hide()
        self._removed = None
        if after == before:
            return False
        if kind is not None and keep is not None:
            self._keep[kind] = keep
        self.plan_edited.emit(before, after, text)
        return True

    def _show_error(self, message: str) -> None:
        self.error.setText(message)
        self.error.show()

    def _add_criterion(self) -> None:
        deal = self.session.deal
        text = self.new_criterion.text().strip()
        if deal is None or not text:
            return
        try:
            criterion = Criterion(text=text)
        except ValidationError as error:
            self._show_error(f"Criterion: {error.problem}.")
            return
        if self._edit(f"Add criterion “{criterion.text}”", "criteria", (criterion.id, TEXT),
                      criteria=(*deal.criteria, criterion)):
            self.new_criterion.clear()

    def _add_step(self) -> None:
        deal = self.session.deal
        text = self.new_step.text().strip()
        if deal is None or not text:
            return
        try:
            step = ProcessStep(name=text, status=StepStatus.PLANNED)
        except ValidationError as error:
            self._show_error(f"Step: {error.problem}.")
            return
        if self._edit(f"Add step “{step.name}”", "process", (step.id, PLANNED),
                      process=(*deal.process, step)):
            self.new_step.clear()

    def _add_competitor(self) -> None:
        text = self.new_competitor.text().strip()
        if not text:
            return
        try:
            alternative = Alternative(name=text)
        except ValidationError as error:
            self._show_error(f"Competitor: {error.problem}.")
            return
        if self._add_alternative(alternative):
            self.new_competitor.clear()

    def _add_alternative(self, alternative: Alternative) -> bool:
        deal = self.session.deal
        if deal is None:
            return False
        if any(a.name.casefold() == alternative.name.casefold() for a in deal.alternatives):
            self._show_error(f"“{alternative.name}” is listed already.")
            return False
        return self._edit(f"Add alternative “{alternative.name}”", "alternatives",
                          (alternative.id, 0), alternatives=(*deal.alternatives, alternative))

    def _remove_alternative(self, row: int) -> None:
        deal = self.session.deal
        if deal is None or not 0 <= row < len(deal.alternatives):
            return
        gone = deal.alternatives[row]
        rest = tuple(a for a in deal.alternatives if a.id != gone.id)
        after_row = rest[min(row, len(rest) - 1)].id if rest else None
        leaning = [p.name for p in deal.people if p.leans_to == gone.id]
        who = f" ({', '.join(leaning)} leaned to it)" if leaning else ""
        ratings = sum(1 for c in deal.criteria if gone.id in c.theirs)
        if self._edit(f"Remove alternative “{gone.name}”{who}", "alternatives",
                      (after_row, 0) if after_row else None,
                      alternatives=rest, **forget_alternatives(deal, {gone.id})):
            # No confirmation (undo is the way back), but what went with it is said.
            self.notice.setText(removal_notice(gone.name, leaning, ratings))
            self.notice.show()
            self._removed = gone.id

    def _move(self, kind: str, row: int, by: int) -> None:
        deal = self.session.deal
        if deal is None:
            return
        records = list(getattr(deal, kind))
        to = row + by
        if not (0 <= row < len(records) and 0 <= to < len(records)):
            return
        records[row], records[to] = records[to], records[row]
        table = self._tables()[kind]
        column = max(table.currentIndex().column(), 0)
        moved = records[to]
        noun = {"criteria": "criterion", "process": "step", "alternatives": "alternative"}[kind]
        label = getattr(moved, "text", None) or getattr(moved, "name", "")
        self._edit(f"Move {noun} “{label}” {'up' if by < 0 else 'down'}", kind,
                   (moved.id, column), **{kind: tuple(records)})

    def _remove(self, kind: str, row: int) -> None:
        deal = self.session.deal
        if deal is None:
            return
        records = list(getattr(deal, kind))
        if not 0 <= row < len(records):
            return
        gone = records.pop(row)
        table = self._tables()[kind]
        keep = (records[min(row, len(records) - 1)].id,
                max(table.currentIndex().column(), 0)) if records else None
        noun = {"criteria": "criterion", "process": "step"}[kind]
        label = getattr(gone, "text", None) or getattr(gone, "name", "")
        self._edit(f"Remove {noun} “{label}”", kind, keep, **{kind: tuple(records)})


def removal_notice(name: str, leaning: list[str], ratings: int) -> str:
    """"Removed FleetIQ; Kevin Liu's leaning and 5 ratings were cleared — Ctrl+Z brings
    them back": a removal clears more than its row, and the seller is told what."""
    undo = QKeySequence(QKeySequence.StandardKey.Undo).toString(
        QKeySequence.SequenceFormat.NativeText) or "Undo"
    cleared = []
    if len(leaning) == 1:
        cleared.append(f"{leaning[0]}'s leaning")
    elif leaning:
        cleared.append(f"the leanings of {', '.join(leaning[:-1])} and {leaning[-1]}")
    if ratings:
        cleared.append(f"{ratings} rating{'s' if ratings != 1 else ''}")
    if not cleared:
        return f"Removed {name} — {undo} brings it back"
    one = len(leaning) <= 1 and not (leaning and ratings) and ratings <= 1
    return (f"Removed {name}; {' and '.join(cleared)} {'was' if one else 'were'} cleared "
            f"— {undo} brings {'it' if one else 'them'} back")


def _fit_rows(table: RankedTable, *, least: int, most: int) -> None:
    """Keep room for the table's rows — at least ``least``, at most ``most`` (more scroll
    inside the table) — so the tab scrolls rather than squeezing a table to one row."""
    # Its preferred size is its rows (the scroll area lays the tab out at preferred heights).
    table.setSizeAdjustPolicy(QAbstractScrollArea.SizeAdjustPolicy.AdjustToContents)
    rows = min(max(table.model().rowCount(), least), most)
    height = (max(table.rowHeight(0), table.sizeHintForRow(0)) if table.model().rowCount()
              else table.verticalHeader().minimumSectionSize())
    table.setMinimumHeight(table.horizontalHeader().sizeHint().height() + rows * height
                           + 2 * table.frameWidth() + 2)


def _record(model: QAbstractItemModel, row: int) -> Any:
    for getter in ("criterion", "step", "alternative"):
        if hasattr(model, getter):
            return getattr(model, getter)(row)
    return None
