"""A deal's snapshots: take one, open one read-only, see what changed since, delete one."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPlainTextEdit,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from desktop.domain.credit import NOBODY, Credit
from desktop.domain.deal import Deal, Snapshot
from desktop.domain.diff import diff_deals
from desktop.store.summaries import SnapshotInfo
from desktop.ui.people_model import PeopleTableModel


class SnapshotsDialog(QDialog):
    def __init__(self, deal_name: str, snapshots: list[SnapshotInfo],
                 load: Callable[[str], Snapshot], current: Callable[[], Deal],
                 take: Callable[[], None], delete: Callable[[str], None],
                 parent: QWidget | None = None,
                 credit: Callable[[Deal], Credit] = lambda _deal: NOBODY) -> None:
        super().__init__(parent)
        self.setWindowTitle(f"Snapshots of {deal_name}")
        self.resize(520, 380)
        self._load = load
        self._current = current
        self._take = take
        self._delete = delete
        self._credit = credit  # who made each change, in a team's deal ("by Anna, 2 Dec")
        layout = QVBoxLayout(self)
        self.list = QListWidget()
        self.list.setObjectName("snapshot_list")
        layout.addWidget(QLabel("Frozen copies taken at reviews, oldest first:"))
        layout.addWidget(self.list)
        row = QHBoxLayout()
        self.take_button = QPushButton("&Take snapshot…")
        self.open_button = QPushButton("&Open read-only")
        self.diff_button = QPushButton("What &changed since…")
        self.delete_button = QPushButton("&Delete")
        for button in (self.take_button, self.open_button, self.diff_button, self.delete_button):
            row.addWidget(button)
        layout.addLayout(row)
        close = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        close.rejected.connect(self.reject)
        layout.addWidget(close)
        self.take_button.clicked.connect(self._on_take)
        self.open_button.clicked.connect(self._open)
        self.diff_button.clicked.connect(self._diff)
        self.delete_button.clicked.connect(self._on_delete)
        self.list.itemDoubleClicked.connect(lambda _item: self._open())
        self.set_snapshots(snapshots)

    def set_snapshots(self, snapshots: list[SnapshotInfo]) -> None:
        self.list.clear()
        for info in snapshots:
            item = QListWidgetItem(f"{info.name} — {info.taken_at:%Y-%m-%d %H:%M} UTC")
            item.setData(Qt.ItemDataRole.UserRole, info.id)
            self.list.addItem(item)
        if snapshots:
            self.list.setCurrentRow(len(snapshots) - 1)
        has = bool(snapshots)
        for button in (self.open_button, self.diff_button, self.delete_button):
            button.setEnabled(has)

    def _selected(self) -> str | None:
        item = self.list.currentItem()
        return None if item is None else str(item.data(Qt.ItemDataRole.UserRole))

    def _on_take(self) -> None:
        self._take()

    def _on_delete(self) -> None:
        chosen = self._selected()
        if chosen:
            self._delete(chosen)

    def _open(self) -> None:
        chosen = self._selected()
        if chosen:
            SnapshotView(self._load(chosen), self).exec()

    def _diff(self) -> None:
        chosen = self._selected()
        if not chosen:
            return
        snapshot = self._load(chosen)
        current = self._current()
        lines = diff_deals(snapshot.deal, current, since=snapshot.taken_at.date(),
                           credit=self._credit(current)).lines()
        dialog = QDialog(self)
        dialog.setWindowTitle(f"What changed since “{snapshot.name}”")
        dialog.resize(520, 360)
        layout = QVBoxLayout(dialog)
        text = QPlainTextEdit("\n".join(lines))
        text.setObjectName("diff_text")
        text.setReadOnly(True)
        layout.addWidget(text)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(dialog.reject)
        layout.addWidget(buttons)
        self.last_diff = lines
        dialog.exec()


class SnapshotView(QDialog):
    """A frozen deal, read-only: the same table as the main window, nothing editable."""

    def __init__(self, snapshot: Snapshot, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(f"{snapshot.deal.name} — snapshot “{snapshot.name}” "
                            f"({snapshot.taken_at:%Y-%m-%d}, read-only)")
        self.resize(900, 480)
        layout = QVBoxLayout(self)
        banner = QLabel(f"Read-only snapshot taken {snapshot.taken_at:%Y-%m-%d %H:%M} UTC.")
        layout.addWidget(banner)
        self.model = PeopleTableModel()
        self.model.read_only = True
        self.model.set_people(snapshot.deal.people)
        table = QTableView()
        table.setModel(self.model)
        table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        table.horizontalHeader().setStretchLastSection(True)
        layout.addWidget(table)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
