"""The team folder in the window: File ▸ Team folder…, the status bar's team state, and
*when* syncs run (``docs/team.md``, "In the window"). Installed with the pages, right after
the first paint (``pages.py``); nothing runs while no team folder is set.

A sync runs (in the background, ``team_runner.py``):

* on start, and when another library is opened;
* when the app becomes active again (back from another app), at most once in
  :data:`FOCUS_GAP_S`;
* every :data:`PERIODIC_MS` while the window is open;
* when the folder changes (``QFileSystemWatcher``): at once when no sync runs (leading
  edge), so a colleague's file is merged promptly; further events while one runs coalesce
  into one follow-up. It is a quick sync (``team_sync.sync``'s ``quick``): it publishes
  nothing and reads what came in (a file written in place may fire no event: the next
  sync reads it). Its parent is watched too: the folder
  renamed or moved away starts a sync (which says offline), and its return a full one;
* when a sync found files still being written: once more (a quick one) :data:`SETTLE_MS`
  later, when they have settled — the file is merged, or its problem said, without waiting
  for the periodic sync;
* after an edit in this window, once edits have been quiet for :data:`PUBLISH_QUIET_MS`
  (each edit restarts the wait): the edit is published. Changes that came from elsewhere
  (a merge, the command line) do not start it;
* on quit, when a publish is still waiting: in the GUI thread, before the window closes
  (it takes one sync's time; a folder that hangs — a dead network share — holds the quit
  that long).

After a merge the session sees the commit (``PRAGMA data_version``) and refreshes the shown
deal from the store (the session's own check would within 1.5 s; the runner asks at once).
The undo history is then cleared, and the status bar says so: undo commands keep whole
"before" values (``commands.EditDeal`` a deal's fields, ``EditPlan`` its whole plan), so
undoing an edit made before the merge would write over what came in — and the next publish
would carry that to every laptop. A sync that merged nothing leaves the history alone.
"""

from __future__ import annotations

import time
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, QFileSystemWatcher, QObject, Qt, QTimer
from PySide6.QtGui import QAction, QGuiApplication
from PySide6.QtWidgets import QToolButton

from desktop.domain.changes import ChangeSet
from desktop.exchange.team_folder import SETTLE_SECONDS
from desktop.store.errors import StoreError
from desktop.store.team_set import team_is_set
from desktop.ui.settings import BACKUPS_KEPT
from desktop.ui.team_runner import Outcome, TeamRunner
from desktop.ui.team_state import TeamState, details, read_state, status_line

if TYPE_CHECKING:
    from desktop.ui.main_window import MainWindow
    from desktop.ui.team_dialog import TeamDialog

PUBLISH_QUIET_MS = 10_000  # an edit is published after this long without another
PERIODIC_MS = 3 * 60_000
FOCUS_GAP_S = 30.0
# A file still being written is judged once unchanged since the last look, or this long
# unwritten: the quick sync after one comes a second after that.
SETTLE_MS = int((SETTLE_SECONDS + 1) * 1000)
CAME_IN_MS = 10_000  # how long "Changes to … from Anna" stays in the status bar
UNDO_CLEARED = "Undo history cleared (undoing an earlier edit could overwrite what came in)."


class TeamWindow(QObject):
    def __init__(self, window: MainWindow) -> None:
        super().__init__(window)
        self.window = window
        session = window.session
        self.session = session
        self.state: TeamState | None = None
        self.dialog: TeamDialog | None = None  # the open one, for tests
        self.runner = TeamRunner(session, lambda: window.settings.get(BACKUPS_KEPT), self)
        self.action = QAction("&Team folder…", window)
        self.action.setObjectName("team_folder")
        self.action.setStatusTip("Share deals with your team through a folder OneDrive, "
                                 "Dropbox, Syncthing or a network share carries")
        self.action.triggered.connect(self.show_dialog)
        menu = window.file_menu
        actions = menu.actions()
        after = actions.index(window.backups_action) + 1
        if after < len(actions):
            menu.insertAction(actions[after], self.action)
        else:
            menu.addAction(self.action)
        self.status = QToolButton()
        self.status.setObjectName("team_status")
        self.status.setAutoRaise(True)
        self.status.setCursor(Qt.CursorShape.PointingHandCursor)
        self.status.setAccessibleName("Team folder state")
        self.status.clicked.connect(self.show_dialog)
        self.status.hide()
        window.statusBar().addPermanentWidget(self.status)
        self.watcher = QFileSystemWatcher(self)
        self.watcher.directoryChanged.connect(self.folder_changed)
        self.periodic = QTimer(self)
        self.periodic.timeout.connect(self.sync)
        self.publish_timer = QTimer(self)
        self.publish_timer.setSingleShot(True)
        self.publish_timer.timeout.connect(self.sync)
        self.settle_timer = QTimer(self)
        self.settle_timer.setSingleShot(True)
        self.settle_timer.timeout.connect(lambda: self.sync(quick=True))
        self._last_start = 0.0
        self._folder_there = False  # as last seen: the parent's events matter when it changes
        self.runner.started.connect(self._started)
        self.runner.finished.connect(self._finished)
        session.library_opened.connect(self._other_library)
        session.changed.connect(self._edited)
        application = QGuiApplication.instance()
        if isinstance(application, QGuiApplication):
            application.applicationStateChanged.connect(self._application_state)
        window.installEventFilter(self)
        self.library_opened()

    # -- when ----------------------------------------------------------------------------

    def library_opened(self) -> None:
        """A library (or its team setting) is new: watch its folder and sync."""
        self.publish_timer.stop()
        self.settle_timer.stop()
        self.refresh()
        if self.state is None:
            self.periodic.stop()
            self._watch()
            return
        self.periodic.start(PERIODIC_MS)
        self.sync()

    def _other_library(self) -> None:
        if self.dialog is not None:
            self.dialog.reject()  # it showed the other library's team
        self.library_opened()

    def sync(self, *, quick: bool = False) -> None:
        """A sync in the background (``quick``: the folder changed — read what came in)."""
        if self.state is None or not self.session.is_open:
            return
        self._last_start = time.monotonic()
        self.runner.request(quick=quick)

    def folder_changed(self, path: str) -> None:
        """The watcher's slot: the folder or its parent changed."""
        if self.state is None:
            return
        folder = Path(self.state.settings.folder)
        there = folder.is_dir()
        if Path(path) == folder:
            self.sync(quick=True)  # what came in, at once
        elif there != self._folder_there:  # the folder went (offline) or came back
            self.sync()  # back: publish and read everything
        self._folder_there = there

    def _application_state(self, state: Qt.ApplicationState) -> None:
        if state is Qt.ApplicationState.ApplicationActive \
                and time.monotonic() - self._last_start >= FOCUS_GAP_S:
            self.sync()

    def _edited(self, changes: ChangeSet) -> None:
        if self.state is not None and not changes.unknown:  # this window's own edit
            self.publish_timer.start(PUBLISH_QUIET_MS)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.window and event.type() is QEvent.Type.Close:
            self.periodic.stop()
            self.settle_timer.stop()
            if self.publish_timer.isActive():  # an edit not yet published
                self.publish_timer.stop()
                self.runner.sync_here()
            else:
                self.runner.wait()
        return False

    # -- what it shows -------------------------------------------------------------------

    def refresh(self) -> None:
        """Read the state again and show it in the status bar (and the dialog)."""
        session = self.session
        try:
            self.state = read_state(session.library) if session.is_open \
                and team_is_set(session.library) else None
        except StoreError:
            self.state = None
        state = self.state
        self.status.setVisible(state is not None)
        if state is not None:
            now = datetime.now().astimezone()
            self.status.setText(status_line(state, now, syncing=self.runner.busy))
            self.status.setToolTip(details(state, now))

    def _started(self) -> None:
        """Say "syncing…" from the state already read: reading it again here would race the
        sync for the library (the watcher's sync once took a third longer)."""
        state = self.state
        if state is not None:
            self.status.setText(status_line(state, datetime.now().astimezone(),
                                            syncing=True))

    def _finished(self, outcome: Outcome) -> None:
        self.refresh()
        self._watch()
        report = outcome.report
        bar = self.window.statusBar()
        said = ""
        if report is not None and report.came_in:
            said = " · ".join(line[:1].upper() + line[1:] for line in report.came_in)
            stack = self.session.undo_stack
            if stack.count():
                # An undo writes its whole "before" (a deal's fields, its plan): it would
                # write over what came in, and the next publish would carry that to everyone.
                # Cleared even when showing the result failed: the merge is in the library.
                stack.clear()
                said += f". {UNDO_CLEARED}"
        if outcome.failure:
            bar.showMessage(outcome.failure + (f" {UNDO_CLEARED}" if UNDO_CLEARED in said
                                               else ""), CAME_IN_MS)
        elif report is not None and report.offline:
            if self.state is not None:  # it could not be listed: offline, what waits stays
                self.status.setText(status_line(self.state, datetime.now().astimezone(),
                                                offline=True))
        elif said:
            bar.showMessage(said, CAME_IN_MS)
        if report is not None and report.waiting and not report.offline:
            self.settle_timer.start(SETTLE_MS)  # once they have settled: read (or said)
        if self.dialog is not None and report is not None and report.came_in:
            self.dialog.fill_shares()  # a colleague's new deal is one more to share

    def _watch(self) -> None:
        """Watch the folder, and its parent: Qt's watcher (inotify) says nothing when the
        watched folder itself is renamed or moved away — its parent does — and while the
        folder is offline only the parent can see it come back."""
        wanted: list[str] = []
        if self.state is not None:
            folder = Path(self.state.settings.folder)
            self._folder_there = folder.is_dir()
            wanted = [str(folder)] if self._folder_there else []
            if folder.parent != folder and folder.parent.is_dir():
                wanted.append(str(folder.parent))
        watched = self.watcher.directories()
        if sorted(watched) != sorted(wanted):
            if watched:
                self.watcher.removePaths(watched)
            if wanted:
                self.watcher.addPaths(wanted)

    def show_dialog(self) -> None:
        """Open File ▸ Team folder… (one at a time; not modal: the deal stays workable beside
        it, and it shows each sync's end as it happens)."""
        from desktop.ui.team_dialog import TeamDialog

        if self.dialog is not None:
            self.dialog.raise_()
            self.dialog.activateWindow()
            return
        if not self.session.is_open:
            return
        dialog = TeamDialog(self.session, self.runner, self.window)
        dialog.saved.connect(self.library_opened)
        dialog.finished.connect(lambda _result: self._dialog_closed(dialog))
        self.dialog = dialog
        dialog.show()

    def _dialog_closed(self, dialog: TeamDialog) -> None:
        self.dialog = None
        dialog.deleteLater()
        self.refresh()
