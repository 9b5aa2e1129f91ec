"""The analysis panel: the deal's triangle in figures, the tipping point, the path to power,
and the red flags — each flag clickable to select the people it names."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QColor
from PySide6.QtWidgets import (
    QCheckBox,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QVBoxLayout,
    QWidget,
)

from desktop.domain.analysis import DealAnalysis
from desktop.domain.deal import Deal
from desktop.domain.enums import Axis
from desktop.domain.red_flags import Severity
from desktop.palette import AXIS_COLOURS

PEOPLE_ROLE = Qt.ItemDataRole.UserRole + 1
SEVERITY_COLOURS = {Severity.HIGH: "#B2182B", Severity.MEDIUM: "#B8860B",
                    Severity.LOW: "#555555"}
SEVERITY_MARKS = {Severity.HIGH: "■■■", Severity.MEDIUM: "■■", Severity.LOW: "■"}


class AnalysisPanel(QWidget):
    people_chosen = Signal(list)  # person ids named by a clicked flag
    path_toggled = Signal(bool)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(6, 6, 6, 6)
        self.summary = QLabel()
        self.summary.setObjectName("analysis_summary")
        self.summary.setWordWrap(True)
        self.summary.setTextFormat(Qt.TextFormat.RichText)
        self.show_path = QCheckBox("Show path to power on the map")
        self.show_path.setObjectName("show_path")
        self.show_path.toggled.connect(self.path_toggled)
        self.flags = QListWidget()
        self.flags.setObjectName("red_flags")
        self.flags.setWordWrap(True)
        self.flags.setAlternatingRowColors(True)
        self.flags.itemActivated.connect(self._flag_clicked)
        self.flags.itemClicked.connect(self._flag_clicked)
        heading = QLabel("<b>Red flags</b> — click one to select its people")
        layout.addWidget(self.summary)
        layout.addWidget(self.show_path)
        layout.addWidget(heading)
        layout.addWidget(self.flags, 1)
        self.show_analysis(None, None)

    def show_analysis(self, deal: Deal | None, analysis: DealAnalysis | None) -> None:
        self.flags.clear()
        if deal is None or analysis is None or not deal.people:
            self.summary.setText("<i>No analysis: the deal has no people yet.</i>")
            self.show_path.setEnabled(False)
            return
        names = {p.id: p.name for p in deal.people}
        rows = []
        for axis in Axis:
            result = analysis.triangle[axis]
            value = "unknown" if result.value is None else f"<b>{result.value:.1f}</b>"
            rows.append(f"<span style='color:{AXIS_COLOURS[axis]}'>●</span> {axis.label}: "
                        f"{value} <span style='color:#666'>on {result.coverage:.0%} "
                        "of influence</span>")
        text = "<b>Deal triangle</b> (influence-weighted)<br>" + "<br>".join(rows)
        tip = analysis.tipping_point
        if tip is not None:
            text += (f"<br><br><b>Tipping point:</b> {_html(names[tip.person])} — a personal "
                     f"win of 10 would lift the deal's personal win by +{tip.gain:.1f}")
        path = analysis.path_to_power
        if path:
            text += "<br><b>Path to power:</b> " + " → ".join(_html(names[i]) for i in path)
        else:
            text += "<br><b>Path to power:</b> <i>none found</i>"
        self.summary.setText(text)
        self.show_path.setEnabled(bool(path))
        for flag in analysis.flags:
            item = QListWidgetItem(f"{SEVERITY_MARKS[flag.severity]}  {flag.message}")
            item.setForeground(QColor(SEVERITY_COLOURS[flag.severity]))
            item.setData(PEOPLE_ROLE, list(flag.people))
            item.setToolTip(f"{flag.severity.value.capitalize()} · {flag.code}")
            self.flags.addItem(item)
        if not analysis.flags:
            self.flags.addItem(QListWidgetItem("No red flags."))

    def _flag_clicked(self, item: QListWidgetItem) -> None:
        people = item.data(PEOPLE_ROLE)
        if people:
            self.people_chosen.emit(list(people))


def _html(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
