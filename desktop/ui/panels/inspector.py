"""The inspector: every field of the selected person, each change an undo command.

It shows the store's value and, on a change, asks for an edit (``person_edited``); it never
keeps an edited copy of its own. When the change comes back it takes the new value without
showing it again (it produced it); a change from elsewhere (undo, the table, another
program) is shown field by field, so a field the user is typing in is not overwritten by an
unrelated change.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace
from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QFormLayout,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QScrollArea,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from desktop.domain.changes import ChangeSet
from desktop.domain.deal import Deal
from desktop.domain.enums import Axis, Coverage, Influence, ResponseMode, Role, Support
from desktop.domain.errors import ValidationError
from desktop.domain.person import Person
from desktop.domain.scores import Score
from desktop.ui.relation_dialog import RelationDialog, describe
from desktop.ui.score_editor import ScoreEditor
from desktop.ui.selection import Selection
from desktop.ui.session import LibrarySession
from desktop.ui.text_edits import CommittingTextEdit, OptionalDateEdit

TEXT_FIELDS = ("name", "title", "department", "email", "phone")
NEXT_STEP_QUESTION = "What does this person need in order to move forward?"


class Inspector(QWidget):
    person_edited = Signal(object, object, str, bool)  # before, after, what, merge
    relation_requested = Signal(object)  # Relation to add
    relation_removal_requested = Signal(object)  # Relation to remove

    def __init__(self, session: LibrarySession, selection: Selection,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.session = session
        self.selection = selection
        self._person: Person | None = None
        self._deal: Deal | None = None
        self.read_only = False
        self.setObjectName("inspector")

        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        self.pages = QStackedWidget()
        outer.addWidget(self.pages)
        self.placeholder = QLabel("Select a person to see and edit their details.")
        self.placeholder.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.placeholder.setWordWrap(True)
        self.placeholder.setMargin(24)
        self.pages.addWidget(self.placeholder)
        self.form_scroll = scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QScrollArea.Shape.NoFrame)
        self.form_page = QWidget()
        scroll.setWidget(self.form_page)
        self.pages.addWidget(scroll)
        self._build_form()
        session.deal_shown.connect(self._follow_selection)
        session.changed.connect(self._changed)
        selection.changed.connect(self._follow_selection)

    # -- following the session and the selection ----------------------------------------------

    def _follow_selection(self) -> None:
        self.read_only = self.session.is_open and self.session.library.read_only
        deal = self.session.deal
        chosen = self.selection.people(deal)
        if len(chosen) == 1:
            self.show_person(chosen[0], deal)
        elif chosen:
            self.show_selection_count(len(chosen))
        else:
            self.clear()

    def _changed(self, changes: ChangeSet) -> None:
        person, deal = self._person, self.session.deal
        if person is None or deal is None or not changes.touches_deal(deal.id):
            return
        if not deal.has_person(person.id):
            return  # removed: the selection follows and clears the inspector
        fresh = deal.person(person.id)
        lines_changed = changes.structure_changed
        if changes.origin is self:  # our own edit: take the value, do not show it again
            self._person, self._deal = fresh, deal
            if lines_changed:
                self._show_relations()
        elif fresh != person or lines_changed or changes.unknown:
            self.show_person(fresh, deal)

    def focus_name(self) -> None:
        """Put the cursor in the name field, its text selected (a new or double-clicked
        person), and scroll the form to it."""
        name = self.texts["name"]
        self.form_scroll.ensureWidgetVisible(name)
        name.setFocus()
        name.selectAll()

    # -- building ---------------------------------------------------------------------------

    def _build_form(self) -> None:
        layout = QVBoxLayout(self.form_page)
        self.error = QLabel()
        self.error.setWordWrap(True)
        self.error.setStyleSheet("color: palette(highlighted-text); "
                                 "background: #b3261e; padding: 4px; border-radius: 3px;")
        self.error.hide()
        layout.addWidget(self.error)

        who = QGroupBox("Person")
        form = QFormLayout(who)
        self.texts: dict[str, QLineEdit] = {}
        for field, label in zip(TEXT_FIELDS, ("&Name", "&Title", "&Department", "&E-mail",
                                              "P&hone"), strict=True):
            edit = QLineEdit()
            edit.setObjectName(f"inspector_{field}")
            edit.editingFinished.connect(lambda f=field, e=edit: self._set(f, e.text()))
            form.addRow(label, edit)
            self.texts[field] = edit
        layout.addWidget(who)

        stance = QGroupBox("Stance")
        grid = QFormLayout(stance)
        self.support = self._combo([(f"{s.label} ({int(s):+d})" if s else "Neutral (0)", s)
                                    for s in reversed(Support)], "support")
        self.influence = self._combo([(i.label, i) for i in Influence], "influence")
        self.coverage = self._combo([(c.label, c) for c in Coverage], "coverage")
        self.mode = self._combo([("Unknown", None)] + [(m.label, m) for m in ResponseMode],
                                "mode")
        self.last_contact = OptionalDateEdit()
        self.last_contact.setObjectName("inspector_last_contact")
        self.last_contact.editingFinished.connect(
            lambda: self._set("last_contact", self.last_contact.value()))
        grid.addRow("&Support", self.support)
        grid.addRow("&Influence", self.influence)
        grid.addRow("&Coverage", self.coverage)
        grid.addRow("Response &mode", self.mode)
        grid.addRow("&Last contact", self.last_contact)
        layout.addWidget(stance)

        roles_box = QGroupBox("Buying roles")
        roles = QGridLayout(roles_box)
        self.roles: dict[Role, QCheckBox] = {}
        for index, role in enumerate(Role):
            box = QCheckBox(role.label)
            box.toggled.connect(self._roles_changed)
            roles.addWidget(box, index // 2, index % 2)
            self.roles[role] = box
        layout.addWidget(roles_box)

        triangle = QGroupBox("Decision triangle")
        scores = QVBoxLayout(triangle)
        self.scores: dict[Axis, ScoreEditor] = {}
        for axis in Axis:
            editor = ScoreEditor(axis)
            editor.setObjectName(f"score_{axis.value}")
            editor.value_changed.connect(
                lambda score, a=axis: self._set_score(a, score, merge=True))
            editor.details_changed.connect(
                lambda score, a=axis: self._set_score(a, score, merge=False))
            scores.addWidget(editor)
            self.scores[axis] = editor
        layout.addWidget(triangle)

        step_box = QGroupBox("Next step")
        step_layout = QVBoxLayout(step_box)
        question = QLabel(NEXT_STEP_QUESTION)
        question.setWordWrap(True)
        self.next_step = CommittingTextEdit()
        self.next_step.setObjectName("inspector_next_step")
        self.next_step.setPlaceholderText("e.g. a reference call with another fleet operator")
        self.next_step.setFixedHeight(self.fontMetrics().lineSpacing() * 4)
        self.next_step.editing_finished.connect(
            lambda: self._set("next_step", self.next_step.toPlainText()))
        step_layout.addWidget(question)
        step_layout.addWidget(self.next_step)
        layout.addWidget(step_box)

        lines_box = QGroupBox("Relations")
        lines = QVBoxLayout(lines_box)
        self.relations = QListWidget()
        self.relations.setObjectName("inspector_relations")
        self.relations.setMaximumHeight(self.fontMetrics().lineSpacing() * 7)
        buttons = QHBoxLayout()
        self.add_line = QPushButton("&Add line…")
        self.remove_line = QPushButton("Remove line")
        self.add_line.clicked.connect(self._ask_relation)
        self.remove_line.clicked.connect(self._remove_selected_relation)
        buttons.addWidget(self.add_line)
        buttons.addWidget(self.remove_line)
        buttons.addStretch(1)
        lines.addWidget(self.relations)
        lines.addLayout(buttons)
        layout.addWidget(lines_box)

        notes_box = QGroupBox("Notes")
        notes = QVBoxLayout(notes_box)
        self.notes = CommittingTextEdit()
        self.notes.setObjectName("inspector_notes")
        self.notes.setFixedHeight(self.fontMetrics().lineSpacing() * 6)
        self.notes.editing_finished.connect(lambda: self._set("notes",
                                                              self.notes.toPlainText()))
        notes.addWidget(self.notes)
        layout.addWidget(notes_box)
        layout.addStretch(1)

    def _combo(self, items: Sequence[tuple[str, Any]], field: str) -> QComboBox:
        combo = QComboBox()
        combo.setObjectName(f"inspector_{field}")
        for label, value in items:
            combo.addItem(label, value)
        combo.activated.connect(lambda _i, c=combo, f=field: self._set(f, c.currentData()))
        return combo

    # -- showing ----------------------------------------------------------------------------

    def person(self) -> Person | None:
        return self._person

    def show_person(self, person: Person | None, deal: Deal | None) -> None:
        previous = self._person if person and self._person and \
            self._person.id == person.id else None
        self._person = person
        self._deal = deal
        if person is None:
            self.pages.setCurrentIndex(0)
            return
        self.pages.setCurrentIndex(1)
        self.error.hide()
        for field, edit in self.texts.items():
            if previous is None or getattr(previous, field) != getattr(person, field):
                edit.setText(getattr(person, field))
                edit.setCursorPosition(0)  # show the start of a long value, not its end
            edit.setReadOnly(self.read_only)
        for combo, value in ((self.support, person.support), (self.influence, person.influence),
                             (self.coverage, person.coverage), (self.mode, person.mode)):
            combo.setCurrentIndex(combo.findData(value))
            combo.setEnabled(not self.read_only)
        self.last_contact.set_value(person.last_contact)
        self.last_contact.setReadOnly(self.read_only)
        for role, box in self.roles.items():
            box.blockSignals(True)
            box.setChecked(role in person.roles)
            box.setEnabled(not self.read_only)
            box.blockSignals(False)
        for axis, editor in self.scores.items():
            editor.set_score(person.scores[axis])
            editor.setEnabled(not self.read_only)
        if previous is None or previous.next_step != person.next_step:
            self.next_step.set_committed_text(person.next_step)
        if previous is None or previous.notes != person.notes:
            self.notes.set_committed_text(person.notes)
        self.next_step.setReadOnly(self.read_only)
        self.notes.setReadOnly(self.read_only)
        self._show_relations()

    def show_selection_count(self, count: int) -> None:
        self._person = None
        self.placeholder.setText(f"{count} people selected.\nUse the Deal menu to change "
                                 "their support or influence together, or to delete them.")
        self.pages.setCurrentIndex(0)

    def clear(self) -> None:
        self.placeholder.setText("Select a person to see and edit their details.")
        self.show_person(None, None)

    def _show_relations(self) -> None:
        self.relations.clear()
        if self._person is None or self._deal is None:
            return
        names = {p.id: p.name for p in self._deal.people}
        for relation in self._deal.relations_of(self._person.id):
            item = QListWidgetItem(describe(relation, self._person.id, names))
            item.setData(Qt.ItemDataRole.UserRole, relation.id)
            if relation.note:
                item.setToolTip(relation.note)
            self.relations.addItem(item)
        self.add_line.setEnabled(not self.read_only and len(self._deal.people) > 1)
        self.remove_line.setEnabled(not self.read_only and self.relations.count() > 0)

    # -- editing ----------------------------------------------------------------------------

    def _set(self, field: str, value: Any) -> None:
        person = self._person
        if person is None or self.read_only or getattr(person, field) == value:
            return
        try:
            after = replace(person, **{field: value})
        except ValidationError as error:
            if field in self.texts:
                self.texts[field].setText(getattr(person, field))
            self.show_person(person, self._deal)
            self._show_error(f"{field.replace('_', ' ').capitalize()}: {error.problem}.")
            return
        self.error.hide()
        self.person_edited.emit(person, after, field.replace("_", " "), False)

    def _roles_changed(self) -> None:
        chosen = tuple(role for role, box in self.roles.items() if box.isChecked())
        self._set("roles", chosen)

    def _set_score(self, axis: Axis, score: Score, *, merge: bool) -> None:
        person = self._person
        if person is None or self.read_only:
            return
        after = person.with_score(axis, score)
        if after != person:
            what = f"{axis.label.lower()} score" if merge else f"{axis.label.lower()} evidence"
            self.person_edited.emit(person, after, what, merge)

    def _show_error(self, message: str) -> None:
        self.error.setText(message)
        self.error.show()

    def _ask_relation(self) -> None:
        if self._person is None or self._deal is None:
            return
        others = [p for p in self._deal.people if p.id != self._person.id]
        dialog = RelationDialog(self._person, others, self)
        if dialog.exec():
            self.relation_requested.emit(dialog.relation())

    def _remove_selected_relation(self) -> None:
        item = self.relations.currentItem()
        if item is None or self._deal is None:
            return
        relation_id = item.data(Qt.ItemDataRole.UserRole)
        for relation in self._deal.relations:
            if relation.id == relation_id:
                self.relation_removal_requested.emit(relation)
                return
