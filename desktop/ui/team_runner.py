"""Team syncs off the GUI thread, one at a time (``docs/team.md``, "In the window").

A sync reads and writes the team folder — on a network share or a stick that can take a
while — and merges into the library, so it runs in a worker thread with its **own** library
connection, opened on the window's file and closed in the worker (an SQLite connection
belongs to one thread). The window's connection sees the commits through ``PRAGMA
data_version``; when a sync ends the runner asks the session to look at once
(``LibrarySession.check_external_changes``), so a colleague's change shows without waiting
for the session's own check. A sync that merged nothing still commits its bookkeeping (when
it read the folder): then, if no other connection wrote meanwhile, the session takes the new
version as seen without refreshing — a refresh every few minutes would re-show every panel
and wipe what the seller is typing in the inspector. The session's own check pauses while a
sync runs, for the same reason.

One sync at a time: requests while one runs coalesce into one follow-up run (a burst of
file events is two syncs, never one per event). A rule for conflicts (``decide``) asked for
meanwhile is kept for the follow-up. No Qt object is touched in the worker: it only emits a
signal of this object, queued into the GUI thread. Modules the sync needs are imported in the
GUI thread first (``desktop/ui/background.py`` says why).
"""

from __future__ import annotations

import contextlib
import logging
import threading
from collections.abc import Callable
from dataclasses import dataclass, replace
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Signal

from desktop.domain.merge import Resolution
from desktop.domain.team import SyncReport
from desktop.problems import unexpected
from desktop.store.errors import StoreError
from desktop.ui.session import LibrarySession

if TYPE_CHECKING:  # the store (sqlite-utils) is imported by the first sync, not the window
    from desktop.store.library import Library

KEPT_LINES = 200  # lines of what came in kept for the dialog

_log = logging.getLogger(__name__)


@dataclass(frozen=True, slots=True)
class Outcome:
    """One sync's end: its report, or the sentence saying why there was none."""

    report: SyncReport | None = None
    failure: str = ""
    not_set: bool = False  # no team folder (any more): nothing ran
    others_wrote: bool = True  # another connection (the window, the CLI) committed meanwhile

    @property
    def merged(self) -> bool:
        """Whether the sync may have changed deals (not only its own bookkeeping: when the
        folder was read, what each file was)."""
        report = self.report
        return report is None or bool(report.came_in) or self.others_wrote


def run_sync(path: Path, decide: Resolution | None, keep_backups: int | None,
             quick: bool = False, library: Library | None = None) -> Outcome:
    """A whole sync on a connection of its own (``library``, kept by the runner; else one
    opened and closed here); ``quick``: only what came into the folder (``team_sync.sync``'s
    ``quick``)."""
    from desktop.store.library import Library
    from desktop.team_sync import TeamNotSet, sync

    opened = library is None
    if library is None:
        try:
            library = Library.open(path, create=False)
        except StoreError as error:
            return Outcome(failure=str(error))
    try:
        before = library.data_version()  # moves only with other connections' commits
        report = sync(library, decide=decide, keep_backups=keep_backups, quick=quick)
        return Outcome(report, others_wrote=library.data_version() != before)
    except TeamNotSet:
        return Outcome(not_set=True)
    except StoreError as error:
        return Outcome(failure=str(error))
    except Exception as error:  # a bug: logged in full, one sentence for the status bar
        _log.exception("a team sync failed")
        return Outcome(failure="The team sync stopped: an unexpected problem "
                               f"({unexpected(error)}).")
    finally:
        if opened:
            library.close()


def prepare() -> None:
    """Import in the GUI thread what the worker will use (compiled modules, sqlite-utils)."""
    import sqlite_utils  # noqa: F401  (the store's team tables are read through it)

    import desktop.team_sync  # noqa: F401


class TeamRunner(QObject):
    started = Signal()
    finished = Signal(object)  # Outcome, after the session has looked for the merge
    _done = Signal(object)  # from the worker, queued into the GUI thread

    def __init__(self, session: LibrarySession, keep_backups: Callable[[], int | None],
                 parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.session = session
        self.keep_backups = keep_backups
        self.last: Outcome | None = None
        # What came in since the app started, change by change with who made it, newest
        # first (the Team folder dialog lists it): "10:42 Helix …: Kevin Liu: support …".
        self.came_in: list[str] = []
        self.runs = 0  # syncs started, for the status and tests
        self._thread: threading.Thread | None = None
        self._pending = False
        self._pending_decide: Resolution | None = None
        self._pending_quick = True  # every coalesced request was a quick one
        self._prepared = False
        self._unshown = False  # showing a result failed: the next one refreshes, whatever
        # The worker's own connection, kept from sync to sync (opening one checks the whole
        # file: ~20 ms of the watcher's 100). Owned by the running job, else by the runner.
        self._kept: Library | None = None
        self._done.connect(self._deliver)

    @property
    def busy(self) -> bool:
        return self._thread is not None

    def request(self, decide: Resolution | None = None, *, quick: bool = False) -> bool:
        """Sync now, or right after the running sync (coalesced); False when no library
        that can be written is open. ``quick``: the folder changed — read what came in,
        publish nothing (a follow-up is quick only if every request it stands for was)."""
        session = self.session
        if not session.is_open or session.library.read_only:
            return False
        if self._thread is not None:
            self._pending = True
            self._pending_decide = decide or self._pending_decide
            self._pending_quick = self._pending_quick and quick and decide is None
            return True
        self._start(session.library.path, decide, quick and decide is None)
        return True

    def _start(self, path: Path, decide: Resolution | None, quick: bool) -> None:
        if not self._prepared:
            prepare()
            self._prepared = True
        keep = self.keep_backups()
        kept, self._kept = self._kept, None

        def job() -> None:
            from desktop.store.library import Library

            library = kept
            if library is not None and library.path != path:  # another library now
                library.close()
                library = None
            if library is None:
                try:
                    library = Library.open(path, create=False)
                except StoreError as error:
                    library = None
                    outcome = Outcome(failure=str(error))
            if library is not None:
                outcome = run_sync(path, decide, keep, quick, library)
                if outcome.failure:  # the file went away, or a bug: start afresh next time
                    library.close()
                    library = None
            self._kept = library  # read in the GUI thread after the signal below
            with contextlib.suppress(RuntimeError):  # the window closed meanwhile
                self._done.emit(outcome)

        self.runs += 1
        # The session's own look for others' commits waits: this sync's bookkeeping is not
        # news, and the end of the sync says whether anything else is (``_deliver``).
        self.session.watch.stop()
        self._thread = threading.Thread(target=job, name="team-sync", daemon=True)
        self._thread.start()
        self.started.emit()

    def _deliver(self, outcome: Outcome) -> None:
        if self._thread is not None:
            self._thread.join()
            self._thread = None
        # Whatever showing the result does, the runner ends idle, the session's watch runs
        # again and ``finished`` is said: a bug here once left "Team: syncing…" for good.
        try:
            self._show(outcome)
        except Exception as error:  # a bug: logged in full, one sentence for the status bar
            _log.exception("showing a team sync's result failed")
            self._unshown = True  # its merge may be in the library, not on the screen
            outcome = replace(outcome, failure="The team sync's result could not be shown: "
                                               f"an unexpected problem ({unexpected(error)}).")
        finally:
            if self.session.is_open:
                self.session.watch.start()
        self.last = outcome
        self.finished.emit(outcome)
        if self._pending:
            decide, quick = self._pending_decide, self._pending_quick
            self._pending, self._pending_decide, self._pending_quick = False, None, True
            self.request(decide, quick=quick)

    def _show(self, outcome: Outcome) -> None:
        """Keep what came in for the dialog, and let the session show the merge."""
        self.last = outcome
        report = outcome.report
        if report is not None and report.came_in:
            at = datetime.now().strftime("%H:%M")
            lines = report.changes or tuple(line[:1].upper() + line[1:]
                                            for line in report.came_in)
            self.came_in[:0] = [f"{at}  {line}" for line in lines]
            del self.came_in[KEPT_LINES:]
        session = self.session
        if session.is_open:
            if outcome.merged or self._unshown:
                session.check_external_changes()  # the merge shows now
                self._unshown = False
            else:  # only when the folder was read: no refresh (it would reset typing)
                session.absorb_external_changes()

    def wait(self, timeout_s: float = 30.0) -> None:
        """Let a running sync end (closing the window): its result is not delivered."""
        thread = self._thread
        if thread is not None:
            thread.join(timeout_s)
        self._pending = False
        if self._thread is None or not self._thread.is_alive():
            self.release()

    def release(self) -> None:
        """Close the worker's kept connection (the window closes, or quits)."""
        kept, self._kept = self._kept, None
        if kept is not None:
            kept.close()

    def sync_here(self) -> Outcome | None:
        """One sync in the calling (GUI) thread, after the running one: for quitting with a
        publish pending, when there is no event loop left to deliver a worker's result."""
        self.wait()
        session = self.session
        if not session.is_open or session.library.read_only:
            return None
        return run_sync(session.library.path, None, self.keep_backups())
