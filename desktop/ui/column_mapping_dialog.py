"""Which column holds what, for a contacts table whose layout Deal Triangle does not know:
a preview of the first rows with a chooser above each column. The choice is remembered for
that set of column names, so next month's export from the same tool imports without asking.
"""

from __future__ import annotations

from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from desktop.exchange.people_columns import ColumnMapping, Field
from desktop.exchange.text_sniffing import TextTable
from desktop.ui.widgets.value_combo import ValueCombo

PREVIEW_ROWS = 8


class ColumnMappingDialog(QDialog):
    def __init__(self, file_name: str, table: TextTable, guess: ColumnMapping,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(f"Columns of {file_name}")
        self.resize(980, 420)
        layout = QVBoxLayout(self)
        layout.addWidget(QLabel(
            f"Choose what each column of {file_name} holds ({_layout(table)}). "
            "A name, first and last name, or an e-mail is needed."))
        columns = len(table.header)
        self.preview = QTableWidget(min(PREVIEW_ROWS, len(table.rows)) + 1, columns)
        self.preview.setHorizontalHeaderLabels(table.header)
        self.preview.verticalHeader().hide()
        by_column = {column: fld for fld, column in guess.columns.items()}
        self.choosers: list[ValueCombo] = []
        for column in range(columns):
            box = ValueCombo()
            box.add("(ignore)", None)
            for fld in Field:
                box.add(fld.label, fld)
            box.setCurrentIndex(max(0, box.index_of(by_column.get(column))))
            box.currentIndexChanged.connect(self._update)
            self.preview.setCellWidget(0, column, box)
            self.choosers.append(box)
        for row, (_line, cells) in enumerate(table.rows[:PREVIEW_ROWS], start=1):
            for column in range(columns):
                text = cells[column] if column < len(cells) else ""
                self.preview.setItem(row, column, QTableWidgetItem(text))
        self.preview.resizeColumnsToContents()
        layout.addWidget(self.preview)
        self.problem = QLabel()
        self.problem.setStyleSheet("color: #b3261e")
        layout.addWidget(self.problem)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok
                                        | QDialogButtonBox.StandardButton.Cancel)
        ok = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        assert isinstance(ok, QPushButton)
        ok.setText("Import")
        self.ok = ok
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout.addWidget(self.buttons)
        self._update()

    def mapping(self) -> ColumnMapping:
        columns: dict[Field, int] = {}
        for column, box in enumerate(self.choosers):
            fld = box.value()
            if isinstance(fld, Field) and fld not in columns:
                columns[fld] = column
        return ColumnMapping(columns)

    def _update(self) -> None:
        chosen = [box.value() for box in self.choosers if box.value() is not None]
        twice = {f for f in chosen if chosen.count(f) > 1}
        problem = ""
        if not self.mapping().has_name():
            problem = "Choose the column with names (or first and last names, or e-mails)."
        elif twice:
            problem = "Each kind of data can come from one column only: " + ", ".join(
                f.label for f in twice) + "."
        self.problem.setText(problem)
        self.ok.setEnabled(not problem)


def _layout(table: TextTable) -> str:
    """"UTF-8, comma-separated, header on line 3"; for a workbook (no delimiter: its
    "encoding" names the sheet) "sheet 'Contacts', header on row 3"."""
    if not table.delimiter:
        return f"{table.encoding}, header on row {table.header_line}"
    return (f"{table.encoding}, {_delimiter_name(table.delimiter)}, header on line "
            f"{table.header_line}")


def _delimiter_name(delimiter: str) -> str:
    return {",": "comma-separated", ";": "semicolon-separated", "\t": "tab-separated"}.get(
        delimiter, "delimited")
