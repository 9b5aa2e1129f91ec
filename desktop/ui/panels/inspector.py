"""The inspector: the selected person, the person first.

A header that stays in view says whose details these are (name, title, support). Below it
comes what the product is about — "what does this person need to move forward?": the personal
win (score, evidence in several lines, how we know), the business outcome and technical fit,
and the next step; then the stance, the buying roles, the lines to others, the notes, and the
name and contact details, folded away until needed.

Every change asks for an edit (``person_edited``); the inspector never keeps an edited copy
of its own. When the change comes back it takes the new value without showing it again (it
produced it); a change from elsewhere (undo, the table, another program) is shown field by
field, so a field the user is typing in is not overwritten by an unrelated change.
"""

from __future__ import annotations

from dataclasses import replace
from typing import Any

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtWidgets import (
    QCheckBox,
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
from desktop.domain.decision import AlternativeKind
from desktop.domain.enums import Axis, Coverage, Influence, ResponseMode, Role, Support
from desktop.domain.errors import ValidationError
from desktop.domain.person import Person
from desktop.domain.scores import Score
from desktop.palette import SUPPORT_COLOURS, support_caption
from desktop.ui.panels.person_plan import PersonPlan
from desktop.ui.panels.versus_box import VersusBox
from desktop.ui.relation_dialog import RelationDialog, describe
from desktop.ui.score_editor import ScoreEditor
from desktop.ui.selection import Selection
from desktop.ui.session import LibrarySession
from desktop.ui.text import html
from desktop.ui.widgets.date_field import DateField
from desktop.ui.widgets.section import Section
from desktop.ui.widgets.text_edits import CommittingTextEdit
from desktop.ui.widgets.value_combo import ValueCombo

TEXT_FIELDS = ("name", "title", "department", "organisation", "email", "phone")
TEXT_LABELS = ("&Name", "&Title", "De&partment", "Or&ganisation", "E-&mail",
               "Ph&one")  # no clash with menus
NOT_KNOWN = "Not known"
LEANING_TIP = ("The alternative this person favours over us. “Not known” when you do not "
               "know, or when they favour us: their support says how much they back us.")
FIELD_NAMES = {"email": "E-mail", "last_contact": "Last contact"}
NEXT_STEP_QUESTION = "What does this person need in order to move forward?"
# The axes in the order a seller asks about them: the personal win first.
AXES_IN_ORDER = (Axis.PERSONAL, Axis.BUSINESS, Axis.TECHNICAL)


class Inspector(QWidget):
    person_edited = Signal(object, object, str, object)  # before, after, what, merge key
    plan_edited = Signal(object, object, str)  # Deal before, Deal after (an action), text
    action_shown = Signal(str)  # an action id to show in the Plan tab
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
        person_page = QWidget()
        page = QVBoxLayout(person_page)
        page.setContentsMargins(0, 0, 0, 0)
        page.setSpacing(0)
        self.header = QLabel()
        self.header.setObjectName("inspector_header")
        self.header.setWordWrap(True)
        self.header.setTextFormat(Qt.TextFormat.RichText)
        self.header.setMargin(6)
        self.header.setAccessibleName("The person shown")
        self.error = QLabel()
        self.error.setObjectName("inspector_error")
        self.error.setWordWrap(True)
        self.error.setStyleSheet("color: white; background: #b3261e; padding: 4px; "
                                 "border-radius: 3px;")
        self.error.hide()
        self.form_scroll = QScrollArea()
        self.form_scroll.setWidgetResizable(True)
        self.form_scroll.setFrameShape(QScrollArea.Shape.NoFrame)
        self.form_page = QWidget()
        self.form_scroll.setWidget(self.form_page)
        page.addWidget(self.header)
        page.addWidget(self.error)
        page.addWidget(self.form_scroll, 1)
        self.pages.addWidget(person_page)
        self._build_form()
        session.deal_shown.connect(self._follow_selection)
        session.changed.connect(self._changed)
        session.changed.connect(self._alternatives_changed)
        selection.changed.connect(self._follow_selection)

    # -- building ---------------------------------------------------------------------------

    def _build_form(self) -> None:
        layout = QVBoxLayout(self.form_page)
        layout.setContentsMargins(6, 2, 6, 6)
        layout.addWidget(self._build_needs())
        layout.addWidget(self._build_stance())
        layout.addWidget(self._build_roles())
        layout.addWidget(self._build_relations())
        notes = QWidget()
        notes_layout = QVBoxLayout(notes)
        notes_layout.setContentsMargins(0, 0, 0, 0)
        self.notes = CommittingTextEdit()
        self.notes.setObjectName("inspector_notes")
        self.notes.setAccessibleName("Notes")
        self.notes.setFixedHeight(self.fontMetrics().lineSpacing() * 5 + 10)
        self.notes.editing_finished.connect(lambda: self._set("notes",
                                                              self.notes.toPlainText()))
        notes_layout.addWidget(self.notes)
        self.notes_section = Section("Notes", notes)
        layout.addWidget(self.notes_section)
        self.contact_section = Section("Name and contact details", self._build_identity(),
                                       expanded=False)
        layout.addWidget(self.contact_section)
        layout.addStretch(1)

    def _build_needs(self) -> QGroupBox:
        box = QGroupBox("What they need to move forward")
        box.setObjectName("inspector_needs")
        layout = QVBoxLayout(box)
        self.scores: dict[Axis, ScoreEditor] = {}
        for axis in AXES_IN_ORDER:
            editor = ScoreEditor(axis, evidence_lines=3 if axis is Axis.PERSONAL else 2)
            editor.setObjectName(f"score_{axis.value}")
            editor.value_changed.connect(
                lambda score, a=axis, e=editor: self._set_score(a, score, merge=(a, e.gesture)))
            editor.details_changed.connect(
                lambda score, a=axis: self._set_score(a, score, merge=None))
            self.scores[axis] = editor
        # The personal win and the next step first — in view on a laptop without scrolling —
        # then the business outcome and technical fit.
        layout.addWidget(self.scores[Axis.PERSONAL])
        step = QLabel(f"<b>Next step</b> — {NEXT_STEP_QUESTION}")
        step.setWordWrap(True)
        # The answer: the person's open actions, soonest first, with add and complete.
        self.person_plan = PersonPlan()
        self.person_plan.plan_edited.connect(self.plan_edited)
        self.person_plan.shown_in_plan.connect(self.action_shown)
        layout.addWidget(step)
        layout.addWidget(self.person_plan)
        layout.addWidget(self.scores[Axis.BUSINESS])
        layout.addWidget(self.scores[Axis.TECHNICAL])
        self.versus = VersusBox()  # against the alternative: the decision test
        self.versus.person_edited.connect(self.person_edited)
        layout.addWidget(self.versus)
        return box

    def _build_stance(self) -> QGroupBox:
        box = QGroupBox("Stance")
        form = QFormLayout(box)
        self.support = self._combo([(f"{s.label} ({int(s):+d})" if s else "Neutral (0)", s)
                                    for s in reversed(Support)], "support", "Support")
        self.influence = self._combo([(i.label, i) for i in Influence], "influence",
                                     "Influence")
        self.coverage = self._combo([(c.label, c) for c in Coverage], "coverage",
                                    "Coverage: how well we know them")
        self.mode = self._combo([("Unknown", None)] + [(m.label, m) for m in ResponseMode],
                                "mode", "Response mode")
        self.last_contact = DateField()
        self.last_contact.setObjectName("inspector_last_contact")
        self.last_contact.edit.setAccessibleName("Last contact date")
        self.last_contact.editing_finished.connect(
            lambda value: self._set("last_contact", value))
        self.last_contact.refused.connect(lambda text: self._show_error(f"Last contact: "
                                                                        f"{text}."))
        form.addRow("&Support", self.support)
        form.addRow("&Influence", self.influence)
        form.addRow("&Coverage", self.coverage)
        form.addRow("&Response mode", self.mode)
        form.addRow("&Last contact", self.last_contact)
        # Whom else the customer could choose: the person's leaning and whether they coach a
        # competitor (tell them what we do). Alternatives are named in the Decision tab.
        self.leans_to = self._combo([(NOT_KNOWN, None)], "leans_to", "Leans to")
        self.leans_to.setToolTip(LEANING_TIP)
        self._offered: list[tuple[str, str]] = []
        self.coaches = QCheckBox("Coaches a competitor")
        self.coaches.setObjectName("inspector_coaches_competitor")
        self.coaches.setToolTip("They tell a competitor what we do and how to win")
        self.coaches.toggled.connect(lambda checked: self._set("coaches_competitor", checked))
        form.addRow("Leans to", self.leans_to)
        form.addRow("", self.coaches)
        return box

    def _build_roles(self) -> QGroupBox:
        box = QGroupBox("Buying roles")
        grid = QGridLayout(box)
        self.roles: dict[Role, QCheckBox] = {}
        for index, role in enumerate(Role):
            check = QCheckBox(role.label)
            check.setAccessibleName(f"Buying role: {role.label}")
            check.toggled.connect(self._roles_changed)
            grid.addWidget(check, index // 2, index % 2)
            self.roles[role] = check
        return box

    def _build_relations(self) -> QGroupBox:
        box = QGroupBox("Lines to others")
        layout = QVBoxLayout(box)
        self.relations = QListWidget()
        self.relations.setObjectName("inspector_relations")
        self.relations.setAccessibleName("Lines to others")
        self.relations.setMaximumHeight(self.fontMetrics().lineSpacing() * 6)
        buttons = QHBoxLayout()
        self.add_line = QPushButton("&Add line…")
        self.remove_line = QPushButton("Remove line")
        self.add_line.clicked.connect(self._ask_relation)
        self.remove_line.clicked.connect(self._remove_selected_relation)
        buttons.addWidget(self.add_line)
        buttons.addWidget(self.remove_line)
        buttons.addStretch(1)
        layout.addWidget(self.relations)
        layout.addLayout(buttons)
        return box

    def _build_identity(self) -> QWidget:
        holder = QWidget()
        form = QFormLayout(holder)
        form.setContentsMargins(0, 0, 0, 0)
        self.texts: dict[str, QLineEdit] = {}
        for field, label in zip(TEXT_FIELDS, TEXT_LABELS, strict=True):
            edit = QLineEdit()
            edit.setObjectName(f"inspector_{field}")
            edit.setAccessibleName(label.replace("&", ""))
            edit.editingFinished.connect(lambda f=field, e=edit: self._set(f, e.text()))
            form.addRow(label, edit)
            self.texts[field] = edit
        return holder

    def _combo(self, items: list[tuple[str, Any]], field: str, name: str) -> ValueCombo:
        combo = ValueCombo(items)
        combo.setObjectName(f"inspector_{field}")
        combo.setAccessibleName(name)
        combo.value_chosen.connect(lambda value, f=field: self._set(f, value))
        return combo

    def add_box(self, box: QWidget) -> None:
        """A box kept by another module (the comments: ``desktop/ui/comments_hook.py``),
        shown below the notes; it follows the selection itself."""
        layout = self.form_page.layout()
        assert isinstance(layout, QVBoxLayout)
        layout.insertWidget(layout.indexOf(self.notes_section) + 1, box)

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
        self.person_plan.show_for(fresh, deal, self.read_only)  # a few actions: cheap
        lines_changed = changes.structure_changed
        if changes.origin is self:  # our own edit: take the value, do not show it again
            self._person, self._deal = fresh, deal
            self._show_header()
            self.versus.show_for(fresh, deal, self.read_only)  # its verdict follows
            if lines_changed:
                self._show_relations()
        elif fresh != person or lines_changed or changes.unknown:
            self.show_person(fresh, deal)

    def focus_name(self) -> None:
        """Put the cursor in the name field, its text selected (a new or double-clicked
        person), unfolding the details and scrolling the form to it."""
        self.contact_section.set_expanded(True)
        name = self.texts["name"]
        form = self.form_scroll.widget()
        layout = form.layout() if form is not None else None
        if layout is not None:
            layout.activate()  # the unfolded section has its size before scrolling
        self.form_scroll.ensureWidgetVisible(name, 0, 40)
        # Once more when the window has laid itself out (the first unfolding of a session
        # resizes the form only then: the field stayed below the fold).
        QTimer.singleShot(0, lambda: self.form_scroll.ensureWidgetVisible(name, 0, 40))
        name.setFocus(Qt.FocusReason.OtherFocusReason)
        name.selectAll()

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
        if previous is None:
            self.form_scroll.verticalScrollBar().setValue(0)  # a new person: from the top
        self.pages.setCurrentIndex(1)
        self.error.hide()
        self._show_header()
        for field, edit in self.texts.items():
            if previous is None or getattr(previous, field) != getattr(person, field):
                edit.setText(getattr(person, field))
                edit.setCursorPosition(0)  # show the start of a long value, not its end
            edit.setReadOnly(self.read_only)
        for combo, value in ((self.support, person.support), (self.influence, person.influence),
                             (self.coverage, person.coverage), (self.mode, person.mode)):
            combo.set_value(value)
            combo.setEnabled(not self.read_only)
        self.last_contact.set_value(person.last_contact)
        self.last_contact.setReadOnly(self.read_only)
        self._show_leaning()
        for role, check in self.roles.items():
            check.blockSignals(True)
            check.setChecked(role in person.roles)
            check.setEnabled(not self.read_only)
            check.blockSignals(False)
        for axis, editor in self.scores.items():
            # As the text fields: a score the store did not change keeps what is being typed
            # in it (a colleague's change to another field merged meanwhile).
            if previous is None or previous.scores[axis] != person.scores[axis]:
                editor.set_score(person.scores[axis])
            editor.setReadOnly(self.read_only)
        self.person_plan.show_for(person, deal, self.read_only)
        self.versus.show_for(person, deal, self.read_only)
        if previous is None or previous.notes != person.notes:
            self.notes.set_committed_text(person.notes)
        self.notes.setReadOnly(self.read_only)
        self._show_relations()

    def _show_leaning(self) -> None:
        """The leaning combo offers the deal's alternatives (they change in the Decision
        tab); the check box says whether the person coaches a competitor."""
        person, deal = self._person, self._deal
        if person is None:
            return
        alternatives = deal.alternatives if deal else ()
        offered = [(a.name if a.kind is AlternativeKind.COMPETITOR
                    else f"{a.name} ({a.kind.label.lower()})" if a.name != a.kind.label
                    else a.name, a.id) for a in alternatives]
        if offered != self._offered:
            self._offered = offered
            self.leans_to.clear()
            self.leans_to.add(NOT_KNOWN, None)
            for label, value in offered:
                self.leans_to.add(label, value)
        self.leans_to.set_value(person.leans_to)
        self.leans_to.setEnabled(not self.read_only)
        self.coaches.blockSignals(True)
        self.coaches.setChecked(person.coaches_competitor)
        self.coaches.setEnabled(not self.read_only)
        self.coaches.blockSignals(False)

    def _alternatives_changed(self, changes: ChangeSet) -> None:
        deal = self.session.deal
        if self._person is not None and deal is not None and changes.touches_plan(deal.id) \
                and deal.has_person(self._person.id):
            self._deal = deal
            self._show_leaning()
            self.versus.show_for(self._person, deal, self.read_only)

    def _show_header(self) -> None:
        person = self._person
        if person is None:
            return
        about = " · ".join(part for part in (person.title, person.department,
                                             person.organisation) if part)
        colour = SUPPORT_COLOURS[person.support]
        self.header.setText(
            f"<span style='font-size:large'><b>{html(person.name)}</b></span><br>"
            + (f"{html(about)}<br>" if about else "")
            + f"<span style='color:{colour}'>■</span> {html(support_caption(person.support))}"
            f" · {html(person.influence.label)} influence")

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
            what = FIELD_NAMES.get(field, field.replace("_", " ").capitalize())
            self._show_error(f"{what}: {error.problem}.")
            return
        self.error.hide()
        self.person_edited.emit(person, after, field.replace("_", " "), False)

    def _roles_changed(self) -> None:
        chosen = tuple(role for role, check in self.roles.items() if check.isChecked())
        self._set("roles", chosen)

    def _set_score(self, axis: Axis, score: Score, *, merge: object) -> None:
        """``merge``: changes with the same key are one undo step (one gesture); None: none."""
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
