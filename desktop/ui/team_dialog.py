"""File ▸ Team folder…: the folder the company's sync engine carries and your name in it,
which deals this laptop shares (and how), and the folder's state — last read and published,
files still arriving, problems, conflicts waiting with the two ways to settle them — with
Sync now (``docs/team.md``). No "Keep both" here: for a team conflict (one value both
changed) it would copy the whole person beside the original and publish the twin to every
laptop; ``team sync --on-conflict both`` keeps it for the command line's contract.

The shares list is ticked by keyboard as by mouse: Up/Down choose the deal, Left/Right the
column (the current cell shows the focus), Space ticks it — stored at once, as a click.

These are the library's settings, not edits of a deal: each change (Save, a tick) is one
store transaction of its own and is not an undo step — Edit ▸ Undo takes back deal edits
only, as for File ▸ Backups…'s "keep" count. Syncs run in the window's runner
(``team_runner.py``), never in this dialog: it stays answering while one runs, and shows
the state again when it ends.
"""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QFont, QPalette
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QListView,
    QListWidget,
    QPushButton,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from desktop.domain.errors import ValidationError
from desktop.domain.merge import Resolution
from desktop.domain.team import Share, TeamSettings
from desktop.domain.wording import plural
from desktop.store import team
from desktop.store.errors import StoreError
from desktop.ui import file_dialogs
from desktop.ui.session import LibrarySession
from desktop.ui.team_runner import TeamRunner
from desktop.ui.team_state import TeamState, read_state, when

TITLE = "Team folder"
SHARE, PRIVATE, ANONYMISED = 1, 2, 3  # the shares list's tick columns
SETTLE = (("Keep &mine", Resolution.MINE), ("Take &theirs", Resolution.THEIRS))


class TeamDialog(QDialog):
    saved = Signal()  # the folder or the name changed: the window watches the new folder

    def __init__(self, session: LibrarySession, runner: TeamRunner,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.session = session
        self.runner = runner
        self._filling = False
        self.setWindowTitle(TITLE)
        # Side by side: a laptop's screen is wide, not tall (1366 × 768 with a title bar).
        self.resize(1060, 600)
        layout = QVBoxLayout(self)
        columns = QHBoxLayout()
        left = QVBoxLayout()
        left.addWidget(self._setting_box())
        left.addWidget(self._shares_box(), 1)
        columns.addLayout(left, 1)
        columns.addWidget(self._state_box(), 1)
        layout.addLayout(columns, 1)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        self.button_box = buttons
        self.sync_button = buttons.addButton("&Sync now", QDialogButtonBox.ButtonRole.ActionRole)
        self.sync_button.setToolTip("Publish your shared deals, then read and merge the "
                                    "others' files")
        self.sync_button.clicked.connect(lambda: self.runner.request())
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        close = buttons.button(QDialogButtonBox.StandardButton.Close)
        if close is not None:  # Tab reaches them as they read, Sync now first (once in the
            QWidget.setTabOrder(self.sync_button, close)  # dialog: reparenting resets it)
        runner.started.connect(self.show_state)
        runner.finished.connect(self.show_state)
        self._fill_setting()
        self.fill_shares()
        self.show_state()

    # -- building ---------------------------------------------------------------------------

    def _setting_box(self) -> QGroupBox:
        box = QGroupBox("Folder and name")
        form = QFormLayout(box)
        self.folder_edit = QLineEdit()
        self.folder_edit.setPlaceholderText("e.g. ~/Dropbox/Deal Triangle team")
        self.folder_edit.setToolTip("Any folder OneDrive, Dropbox, Google Drive, Syncthing "
                                    "or a network share carries between the laptops")
        browse = QPushButton("B&rowse…")
        browse.clicked.connect(self._browse)
        row = QHBoxLayout()
        row.addWidget(self.folder_edit, 1)
        row.addWidget(browse)
        form.addRow("&Folder:", row)
        label = form.labelForField(row)
        if isinstance(label, QLabel):
            label.setBuddy(self.folder_edit)
        self.name_edit = QLineEdit()
        form.addRow("Your &name (what colleagues see):", self.name_edit)
        self.author_label = QLabel()
        self.author_label.setForegroundRole(QPalette.ColorRole.PlaceholderText)
        small = QFont(self.author_label.font())
        small.setPointSizeF(max(small.pointSizeF() * 0.85, 7.0))
        self.author_label.setFont(small)
        self.author_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.save_button = QPushButton("Sa&ve")
        self.save_button.clicked.connect(self.save)
        self.setting_message = QLabel()
        self.setting_message.setWordWrap(True)
        self.setting_message.hide()  # shown with a sentence
        saving = QHBoxLayout()
        saving.addWidget(self.author_label, 1)
        saving.addWidget(self.save_button)
        form.addRow(saving)
        form.addRow(self.setting_message)
        self.folder_edit.textEdited.connect(self._edited)
        self.name_edit.textEdited.connect(self._edited)
        return box

    def _shares_box(self) -> QGroupBox:
        box = QGroupBox("Deals shared with the team")
        layout = QVBoxLayout(box)
        self.shares = QTreeWidget()
        self.shares.setObjectName("team_shares")
        self.shares.setAccessibleName("Deals shared with the team")
        self.shares.setRootIsDecorated(False)
        # One cell current, not a whole row: Left/Right move between the tick columns and
        # Space ticks the current one (the item delegate's own handling of Space).
        self.shares.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectItems)
        self.shares.setHeaderLabels(["Deal", "Share", "With private notes", "Anonymised"])
        header = self.shares.header()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        for column in (SHARE, PRIVATE, ANONYMISED):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.ResizeToContents)
        header.setStretchLastSection(False)
        self.shares.itemChanged.connect(self._share_ticked)
        layout.addWidget(self.shares)
        note = QLabel("Private notes and evidence stay on this laptop unless ticked; "
                      "anonymised: people as initials and roles, no contact details.")
        note.setWordWrap(True)
        note.setForegroundRole(QPalette.ColorRole.PlaceholderText)
        layout.addWidget(note)
        return box

    def _state_box(self) -> QGroupBox:
        box = QGroupBox("State")
        layout = QVBoxLayout(box)
        self.state_label = QLabel()
        self.state_label.setWordWrap(True)
        self.state_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        layout.addWidget(self.state_label)
        self.problems_label = QLabel("Team folder problems:")
        self.problems = QListWidget()
        self.problems.setAccessibleName("Team folder problems")
        self.problems.setWordWrap(True)
        # Wrapped, never scrolled sideways: a sentence cut at the right edge is unread.
        self.problems.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.problems.setResizeMode(QListView.ResizeMode.Adjust)
        self.problems.setMinimumHeight(_lines_high(self.problems, 3))
        self.problems.setMaximumHeight(_lines_high(self.problems, 4))
        self.problems_label.setBuddy(self.problems)
        layout.addWidget(self.problems_label)
        layout.addWidget(self.problems)
        self.conflicts_label = QLabel("Conflicts waiting (changed here and by a colleague):")
        self.conflicts = QListWidget()
        self.conflicts.setAccessibleName("Conflicts waiting")
        self.conflicts.setWordWrap(True)
        self.conflicts.setMinimumHeight(_lines_high(self.conflicts, 3))
        self.conflicts_label.setBuddy(self.conflicts)
        # The conflicts wait for the seller: they get two thirds of the room, what came in
        # the rest (each at least 3 lines); hidden, the other takes it all.
        layout.addWidget(self.conflicts_label)
        layout.addWidget(self.conflicts, 2)
        settle = QHBoxLayout()
        self.settle_label = QLabel("Settle them all:")
        settle.addWidget(self.settle_label)
        self.settle_buttons: dict[Resolution, QPushButton] = {}
        for text, rule in SETTLE:
            button = QPushButton(text)
            button.clicked.connect(lambda _=False, rule=rule: self.runner.request(rule))
            settle.addWidget(button)
            self.settle_buttons[rule] = button
        settle.addStretch(1)
        layout.addLayout(settle)
        self.came_in_label = QLabel("What came in (since the app started, newest first):")
        self.came_in = QListWidget()  # stretch 1 (see the conflicts)
        self.came_in.setAccessibleName("What came in")
        self.came_in.setWordWrap(True)
        self.came_in.setMinimumHeight(_lines_high(self.came_in, 3))
        self.came_in_label.setBuddy(self.came_in)
        layout.addWidget(self.came_in_label)
        layout.addWidget(self.came_in, 1)
        layout.addStretch(0)
        return box

    # -- the setting ------------------------------------------------------------------------

    def _say(self, sentence: str) -> None:
        """A sentence under the setting (an error, or "Saved."); empty hides it."""
        self.setting_message.setText(sentence)
        self.setting_message.setVisible(bool(sentence))

    def _current(self) -> TeamSettings | None:
        try:
            return team.settings(self.session.library)
        except StoreError as error:
            self._say(str(error))
            return None

    def _fill_setting(self) -> None:
        chosen = self._current()
        self.folder_edit.setText(chosen.folder if chosen else "")
        self.name_edit.setText(chosen.author_name if chosen else "")
        self.author_label.setText(
            f"Author id {chosen.author_id} (this laptop, for good)" if chosen else
            "This laptop gets an author id when you save.")
        self.save_button.setEnabled(False)
        self.shares.setEnabled(chosen is not None)  # shared once there is a folder

    def _edited(self) -> None:
        self.save_button.setEnabled(True)
        self.save_button.setDefault(True)
        self._say("")

    def _browse(self) -> None:
        start = self.folder_edit.text().strip() or str(Path.home())
        chosen = file_dialogs.get_existing_directory(self, "Team folder", start)
        if chosen:
            self.folder_edit.setText(chosen)
            self._edited()

    def save(self) -> None:
        """Keep the folder and the name (the author id of an earlier setting stays)."""
        folder = Path(self.folder_edit.text().strip()).expanduser()
        if not self.folder_edit.text().strip() or not folder.is_dir():
            self._say(
                f"{folder} is not a folder: create it (or let the sync engine create it) "
                "first." if self.folder_edit.text().strip() else "Choose the team folder.")
            return
        before = self._current()
        try:
            chosen = TeamSettings(str(folder.absolute()), self.name_edit.text(),
                                  *([before.author_id] if before else []))
            team.set_settings(self.session.library, chosen)
        except ValidationError:
            self._say("Type your name as colleagues should see it.")
            return
        except StoreError as error:
            self._say(str(error))
            return
        self._fill_setting()
        self._say("Saved. Tick the deals to share below.")
        self.saved.emit()
        self.show_state()

    # -- the shares -------------------------------------------------------------------------

    def fill_shares(self) -> None:
        try:
            deals = self.session.library.list_deals()
            shared = team.shares(self.session.library)
        except StoreError as error:
            self._say(str(error))
            return
        # Filled again when a colleague's deal came in: the keyboard's place stays.
        current = self.shares.currentItem()
        kept = current.data(0, Qt.ItemDataRole.UserRole) if current is not None else None
        column = max(self.shares.currentColumn(), 0)
        self._filling = True
        self.shares.clear()
        for summary in sorted(deals, key=lambda d: d.name.casefold()):
            item = QTreeWidgetItem([summary.name, "", "", ""])
            item.setData(0, Qt.ItemDataRole.UserRole, summary.id)
            self._tick(item, shared.get(summary.id))
            self.shares.addTopLevelItem(item)
            if summary.id == kept:
                self.shares.setCurrentItem(item, column)
        self._filling = False

    def _tick(self, item: QTreeWidgetItem, share: Share | None) -> None:
        checked, unchecked = Qt.CheckState.Checked, Qt.CheckState.Unchecked
        base = Qt.ItemFlag.ItemIsSelectable | Qt.ItemFlag.ItemIsUserCheckable
        item.setFlags(base | Qt.ItemFlag.ItemIsEnabled)
        item.setCheckState(SHARE, checked if share else unchecked)
        for column, on in ((PRIVATE, share is not None and share.with_private),
                           (ANONYMISED, share is not None and share.anonymised)):
            item.setCheckState(column, checked if on else unchecked)
        item.setToolTip(PRIVATE, "Private notes and evidence go to the team folder too")
        item.setToolTip(ANONYMISED, "People as initials and roles, no contact details")

    def _share_ticked(self, item: QTreeWidgetItem, column: int) -> None:
        if self._filling or column not in (SHARE, PRIVATE, ANONYMISED):
            return
        deal_id = str(item.data(0, Qt.ItemDataRole.UserRole))
        checked = Qt.CheckState.Checked
        shared = item.checkState(SHARE) == checked
        if column != SHARE and not shared:  # an option of a deal not shared: share it so
            shared = True
        share = Share(deal_id, item.checkState(PRIVATE) == checked,
                      item.checkState(ANONYMISED) == checked) if shared else None
        try:
            if share is not None:
                team.share(self.session.library, share)
            else:
                team.unshare(self.session.library, deal_id)
        except StoreError as error:
            self._say(str(error))
            share = team.shares(self.session.library).get(deal_id)
        self._filling = True
        self._tick(item, share)
        self._filling = False
        if share is not None:
            self.runner.request()  # published at once, not at the next timer

    # -- the state --------------------------------------------------------------------------

    def show_state(self) -> None:
        try:
            state = read_state(self.session.library) if self.session.is_open else None
        except StoreError as error:
            self.state_label.setText(str(error))
            return
        self.sync_button.setEnabled(state is not None)
        if state is None:
            self.state_label.setText("No team folder yet: choose one above and save.")
            self._lists(None)
            return
        self.state_label.setText(self._state_text(state, datetime.now().astimezone()))
        self._lists(state)

    def _state_text(self, state: TeamState, now: datetime) -> str:
        lines = ["Syncing…" if self.runner.busy else
                 ("The folder is there." if state.online else
                  "Team folder offline: it is not there now (unplugged, not mounted). You "
                  "can keep working; the next sync catches up."),
                 f"Last read {when(state.last_read, now)} · last published "
                 f"{when(state.last_published, now)}."]
        last = self.runner.last
        if last is not None and last.failure:
            lines.append(last.failure)
        if state.waiting:
            lines.append(f"{plural(len(state.waiting), 'file')} still being written (read "
                         f"once settled, in a few seconds): {', '.join(state.waiting[:3])}"
                         f"{' …' if len(state.waiting) > 3 else ''}")
        return "\n".join(lines)

    def _lists(self, state: TeamState | None) -> None:
        problems = state.problems if state else ()
        conflicts = state.conflicts if state else ()
        for view, lines in ((self.problems, problems), (self.conflicts, conflicts)):
            view.clear()
            view.addItems(list(lines))
            for row, line in enumerate(lines):
                item = view.item(row)
                if item is not None:
                    item.setToolTip(line)
        for widget in (self.problems_label, self.problems):
            widget.setVisible(bool(problems))
        for widget in (self.conflicts_label, self.conflicts, self.settle_label):
            widget.setVisible(bool(conflicts))
        for button in self.settle_buttons.values():
            button.setVisible(bool(conflicts))
            button.setEnabled(not self.runner.busy)
        came_in = self.runner.came_in
        if [self.came_in.item(row).text() for row in range(self.came_in.count())] != came_in:
            self.came_in.clear()
            self.came_in.addItems(came_in)
            for row, line in enumerate(came_in):
                item = self.came_in.item(row)
                if item is not None:
                    item.setToolTip(line)
        for widget in (self.came_in_label, self.came_in):
            widget.setVisible(bool(came_in))


def _lines_high(view: QListWidget, lines: int) -> int:
    """The height of ``lines`` lines of text in ``view`` (a list that stays small)."""
    return view.fontMetrics().lineSpacing() * lines + 2 * view.frameWidth() + 6
