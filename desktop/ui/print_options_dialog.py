"""The options asked before every print, preview and export: one dialog for all of them, so
the privacy choices are always in front of the seller before anything leaves the library.

Layout, paper, orientation, greyscale and the PNG resolution are remembered; *include private
notes* and *anonymise* start unticked every time — sharing private notes is a decision made
per document, never a default that lingers from last week.
"""

from __future__ import annotations

from enum import Enum
from typing import TypeVar

from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from desktop.domain.wording import plural
from desktop.render.printing.choices import Orientation, Paper, PrintLayout
from desktop.render.printing.options import PrintOptions, default_paper
from desktop.ui.settings import (
    OUR_COMPANY,
    PNG_DPI,
    PRINT_GREYSCALE,
    PRINT_LAYOUT,
    PRINT_ORIENTATION,
    PRINT_PAPER,
    Settings,
)
from desktop.ui.widgets.value_combo import ValueCombo

E = TypeVar("E", bound=Enum)
D = TypeVar("D")
MIN_DPI = 72
MAX_DPI = 1200


class OutputKind(Enum):
    PREVIEW = "Print preview"
    PRINTER = "Print"
    PDF = "Export as PDF"
    SVG = "Export map as SVG"
    PNG = "Export map as PNG"

    @property
    def is_document(self) -> bool:
        """Paged output (layouts, paper) rather than one picture of the map."""
        return self in (OutputKind.PREVIEW, OutputKind.PRINTER, OutputKind.PDF)


class PrintOptionsDialog(QDialog):
    def __init__(self, kind: OutputKind, settings: Settings, selected: int,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.kind = kind
        self.settings = settings
        self.selected = selected
        self.setWindowTitle(kind.value)
        self.setMinimumWidth(self.fontMetrics().averageCharWidth() * 60)
        form = QFormLayout(self)

        self.layout_box = ValueCombo()
        for layout in PrintLayout:
            self.layout_box.add(layout.label, layout)
        self.cards_note = QLabel()
        self.cards_note.setWordWrap(True)
        # The mutual action plan is the customer's page: it never carries private notes,
        # scores or support, so the privacy box does not change it — said where it is ticked.
        self.plan_note = QLabel("For the customer: the actions and the decision process "
                                "only — no scores, support or private notes, ticked or not.")
        self.plan_note.setWordWrap(True)
        # Both notes live in one box of a fixed height: choosing a layout must not move the
        # buttons under the mouse (a click meant for Preview ticked Anonymise).
        notes = QWidget()
        notes_layout = QVBoxLayout(notes)
        notes_layout.setContentsMargins(0, 0, 0, 0)
        notes_layout.addWidget(self.cards_note)
        notes_layout.addWidget(self.plan_note)
        notes_layout.addStretch(1)
        notes.setFixedHeight(self.fontMetrics().lineSpacing() * 3 + 4)
        self.company = QLineEdit(settings.get(OUR_COMPANY))
        self.company.setPlaceholderText("e.g. Acme Telematics — named on the mutual plan")
        self.company.setToolTip("Our company as the customer knows it: the mutual action "
                                "plan names our side by it")
        self.paper_box = ValueCombo()
        self.paper_box.add("A4", Paper.A4)
        self.paper_box.add("US Letter", Paper.LETTER)
        self.orientation_box = ValueCombo()
        self.orientation_box.add("As the layout suggests", None)
        self.orientation_box.add("Portrait", Orientation.PORTRAIT)
        self.orientation_box.add("Landscape", Orientation.LANDSCAPE)
        self.dpi_box = QSpinBox()
        self.dpi_box.setRange(MIN_DPI, MAX_DPI)
        self.dpi_box.setSingleStep(24)
        self.dpi_box.setSuffix(" dpi")
        self.greyscale_box = QCheckBox("&Greyscale")
        self.greyscale_box.setToolTip("Shades of grey; support stays readable by its symbols")
        self.private_box = QCheckBox("Include &private notes")
        self.private_box.setToolTip("Private evidence and notes are left out unless ticked")
        self.anonymize_box = QCheckBox("&Anonymise (initials and roles instead of names)")

        if kind.is_document:
            form.addRow("&Layout", self.layout_box)
            form.addRow("", notes)
            form.addRow("Our compan&y", self.company)
            form.addRow("Pap&er", self.paper_box)
            form.addRow("&Orientation", self.orientation_box)
        if kind is OutputKind.PNG:
            form.addRow("&Resolution", self.dpi_box)
        if kind is not OutputKind.SVG:
            form.addRow("", self.greyscale_box)
        form.addRow("", self.private_box)
        form.addRow("", self.anonymize_box)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok
                                   | QDialogButtonBox.StandardButton.Cancel)
        ok = buttons.button(QDialogButtonBox.StandardButton.Ok)
        ok.setText({OutputKind.PREVIEW: "Preview", OutputKind.PRINTER: "Print…"}
                   .get(kind, "Export…"))
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        form.addRow(buttons)
        self.layout_box.currentIndexChanged.connect(self._layout_changed)
        self._load()

    def _load(self) -> None:
        s = self.settings
        self._choose(self.layout_box, _enum(PrintLayout, s.get(PRINT_LAYOUT), PrintLayout.BRIEF))
        self._choose(self.paper_box, _enum(Paper, s.get(PRINT_PAPER), default_paper()))
        self._choose(self.orientation_box, _enum(Orientation, s.get(PRINT_ORIENTATION), None))
        self.greyscale_box.setChecked(s.get(PRINT_GREYSCALE))
        self.dpi_box.setValue(min(MAX_DPI, max(MIN_DPI, s.get(PNG_DPI))))
        self._layout_changed()

    @staticmethod
    def _choose(box: ValueCombo, value: object) -> None:
        index = box.index_of(value)
        box.setCurrentIndex(max(0, index))

    def _layout_changed(self) -> None:
        layout = self.layout_box.value()
        with_cards = layout in (PrintLayout.CARDS, PrintLayout.FULL)
        if layout is PrintLayout.FULL:  # the whole deal (PrintOptions.card_people)
            self.cards_note.setText("Person cards for everybody: “Everything” is the whole "
                                    "deal, whoever is selected.")
        elif self.selected:
            self.cards_note.setText(
                f"Person cards for the "
                f"{plural(self.selected, 'selected person', 'selected people')}.")
        else:
            self.cards_note.setText("Person cards for everybody; select people first to "
                                    "print fewer.")
        self.cards_note.setVisible(with_cards and self.kind.is_document)
        self.plan_note.setVisible(layout is PrintLayout.PLAN and self.kind.is_document)

    def options(self, people: tuple[str, ...] = ()) -> PrintOptions:
        """The choices as one typed object; ``people`` are the selected people's ids (their
        cards are the Cards layout's; "Everything" prints everybody's)."""
        return PrintOptions(layout=self.layout_box.value(),
                            paper=self.paper_box.value(),
                            orientation=self.orientation_box.value(),
                            greyscale=self.greyscale_box.isChecked()
                            and self.kind is not OutputKind.SVG,
                            include_private=self.private_box.isChecked(),
                            anonymize=self.anonymize_box.isChecked(),
                            people=people, our_company=self.company.text().strip())

    def dpi(self) -> int:
        return self.dpi_box.value()

    def accept(self) -> None:
        s = self.settings
        if self.kind.is_document:
            s.set(PRINT_LAYOUT, self.layout_box.value().value)
            s.set(PRINT_PAPER, self.paper_box.value().value)
            orientation = self.orientation_box.value()
            s.set(PRINT_ORIENTATION, orientation.value if orientation else "")
            s.set(OUR_COMPANY, self.company.text().strip())
        if self.kind is not OutputKind.SVG:
            s.set(PRINT_GREYSCALE, self.greyscale_box.isChecked())
        if self.kind is OutputKind.PNG:
            s.set(PNG_DPI, self.dpi_box.value())
        super().accept()


def _enum(kind: type[E], value: str, default: D) -> E | D:
    try:
        return kind(value)
    except ValueError:
        return default
