"""The review of an import's conflicts: one row per person whose copies differ (and one for
a deal's own fields and its plan's records — actions, criteria, steps — that differ, settled
together), showing what differs, each with keep mine / take theirs / keep both,
and buttons that apply one choice to all. Nothing is written until the seller says Import.
"""

from __future__ import annotations

from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from desktop.domain.decision import CompellingEvent
from desktop.domain.merge import MergePlan, PersonConflict, Resolution
from desktop.domain.versus import versus_text
from desktop.domain.wording import plural, scores_text
from desktop.exchange.importing import ImportPlan
from desktop.ui.widgets.value_combo import ValueCombo

_CHOICES = ((Resolution.MINE, "Keep mine"), (Resolution.THEIRS, "Take theirs"),
            (Resolution.BOTH, "Keep both"))
MAX_SHOWN = 70  # characters of a value shown in the table


class MergeReviewDialog(QDialog):
    def __init__(self, plan: ImportPlan, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.plan = plan
        self.setWindowTitle("Review the import")
        self.resize(900, 480)
        layout = QVBoxLayout(self)
        added = sum(len(m.added) for m in plan.merges)
        news = [text for count, text in (
            (len(plan.new_deals), plural(len(plan.new_deals), "new deal")),
            (added, f"{plural(added, 'new person', 'new people')} in your deals"),
            (plan.plan_added, f"{plural(plan.plan_added, 'new plan record')} (actions, "
                              "criteria, steps, alternatives, comments)"))
            if count]
        summary = ((", ".join(news) + " will be added. ") if news else "") + \
            "These differ from your copy — choose for each:"
        layout.addWidget(QLabel(summary))
        self.table = QTableWidget(0, 4)
        self.table.setHorizontalHeaderLabels(["Deal", "Person", "What differs (mine → theirs)",
                                              "Choice"])
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.NoSelection)
        self.table.verticalHeader().hide()
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(2, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(3, QHeaderView.ResizeMode.ResizeToContents)
        self.person_choices: dict[str, ValueCombo] = {}
        self.deal_choices: dict[str, ValueCombo] = {}
        for merge in plan.merges:
            if merge.deal_fields or merge.plan.conflicts:  # one choice settles both
                what = ("Deal details and plan" if merge.deal_fields and merge.plan.conflicts
                        else "Deal details" if merge.deal_fields else "The deal's plan")
                self._add_row(merge.mine.name, what, _deal_differences(merge),
                              self.deal_choices, merge.mine.id, both=False)
            for conflict in merge.conflicts:
                self._add_row(merge.mine.name, f"{conflict.mine.name} "
                              f"(matched by {conflict.matched_by})",
                              _person_differences(conflict), self.person_choices,
                              conflict.key, both=True)
        self.table.resizeRowsToContents()
        layout.addWidget(self.table)
        all_row = QHBoxLayout()
        all_row.addWidget(QLabel("Apply to all:"))
        self.apply_buttons: dict[Resolution, QPushButton] = {}
        for resolution, text in _CHOICES:
            button = QPushButton(text)
            button.clicked.connect(lambda _=False, r=resolution: self.choose_all(r))
            self.apply_buttons[resolution] = button
            all_row.addWidget(button)
        all_row.addStretch(1)
        layout.addLayout(all_row)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok
                                   | QDialogButtonBox.StandardButton.Cancel)
        buttons.button(QDialogButtonBox.StandardButton.Ok).setText("Import")
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)

    def _add_row(self, deal: str, who: str, differences: str, into: dict[str, ValueCombo],
                 key: str, *, both: bool) -> None:
        row = self.table.rowCount()
        self.table.insertRow(row)
        for column, text in enumerate((deal, who, differences)):
            item = QTableWidgetItem(text)
            item.setToolTip(text)
            self.table.setItem(row, column, item)
        box = ValueCombo()
        for resolution, text in _CHOICES:
            if both or resolution is not Resolution.BOTH:
                box.add(text, resolution)
        self.table.setCellWidget(row, 3, box)
        into[key] = box

    def choose_all(self, resolution: Resolution) -> None:
        for box in (*self.person_choices.values(), *self.deal_choices.values()):
            index = box.index_of(resolution)
            if index >= 0:
                box.setCurrentIndex(index)

    def decisions(self) -> dict[str, Resolution]:
        return {key: box.value() for key, box in self.person_choices.items()}

    def deal_decision(self, deal_id: str) -> Resolution:
        box = self.deal_choices.get(deal_id)
        return box.value() if box is not None else Resolution.MINE


def _shown(value: object) -> str:
    text = value.label if hasattr(value, "label") else str(value)  # enums read as words
    if value is None:
        text = ""
    if isinstance(value, CompellingEvent):
        text = value.text + (f" (by {value.by.isoformat()})" if value.by else "")
    if isinstance(value, float):
        text = f"{value:,.2f}".removesuffix(".00")
    if isinstance(value, tuple):
        text = ", ".join(getattr(v, "label", str(v)) for v in value)
    text = " ".join(str(text).split()) or "(empty)"
    return text if len(text) <= MAX_SHOWN else text[:MAX_SHOWN - 1] + "…"


def _person_differences(conflict: PersonConflict) -> str:
    parts = []
    for name in conflict.fields:
        if name == "scores":
            mine = scores_text(conflict.mine.scores.values())
            theirs = scores_text(conflict.theirs.scores.values())
            parts.append(f"scores {mine} → {theirs}" if mine != theirs
                         else "score evidence")
        elif name == "versus":  # how they see the alternative: its three scores
            parts.append(f"against the alternative: {versus_text(conflict.mine.versus)} → "
                         f"{versus_text(conflict.theirs.versus)}")
        else:
            parts.append(f"{name.replace('_', ' ')}: {_shown(getattr(conflict.mine, name))} → "
                         f"{_shown(getattr(conflict.theirs, name))}")
    return "; ".join(parts)


def _deal_differences(merge: MergePlan) -> str:
    fields = [f"{name.replace('_', ' ')}: {_shown(getattr(merge.mine, name))} → "
              f"{_shown(getattr(merge.theirs, name))}" for name in merge.deal_fields]
    records = [f"the {kind} “{_shown(name)}” differs" for kind, name in merge.plan.conflicts]
    return "; ".join(fields + records)
