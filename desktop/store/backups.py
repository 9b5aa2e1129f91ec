"""Backup copies made with SQLite's online backup API: consistent even while the library is
open in WAL mode, unlike a file copy, which can catch a half-checkpointed file.

Automatic backups live beside the library in ``<name>-backups/`` (they travel with it):
one a day, one before every migration, before every merge-import and before a restore. The
newest ``keep`` are kept. A backup is written under a temporary name, flushed and renamed,
so a crash mid-copy never leaves something that looks like a good backup.
"""

from __future__ import annotations

import contextlib
import os
import re
import sqlite3
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path

from desktop.domain.dates import utc_now
from desktop.store.errors import BackupFailed

DEFAULT_KEEP = 10
DAILY = timedelta(hours=24)
# library-20261123T084540.123456Z-daily.sqlite (microseconds: several in one second sort)
_NAME = re.compile(r"-(\d{8}T\d{6})(?:\.(\d{6}))?Z-([a-z0-9-]+?)(?:-(\d+))?\.sqlite$")


@dataclass(frozen=True, slots=True)
class BackupInfo:
    path: Path
    taken_at: datetime
    reason: str  # "daily", "before-merge", "before-restore", "before-v2", …
    size: int  # bytes
    sequence: int = 1  # several in one second: numbered

    @property
    def label(self) -> str:
        return _REASONS.get(self.reason, self.reason.replace("-", " "))


_REASONS = {"daily": "Daily", "before-merge": "Before a merge-import",
            "before-team-merge": "Before a team-folder merge",
            "before-restore": "Before a restore", "manual": "Made by hand"}


def backup_folder(library: Path) -> Path:
    """Backups live beside the library, in ``<name>-backups/``, so they travel with it."""
    return library.with_name(f"{library.stem}-backups")


def list_backups(library: Path) -> list[BackupInfo]:
    """The automatic backups of ``library``, newest first (unfinished copies skipped)."""
    folder = backup_folder(library)
    if not folder.is_dir():
        return []
    found = []
    for path in folder.glob(f"{library.stem}-*.sqlite"):
        match = _NAME.search(path.name[len(library.stem):])
        if not match:
            continue
        taken = datetime.strptime(match[1], "%Y%m%dT%H%M%S").replace(
            tzinfo=UTC, microsecond=int(match[2] or 0))
        with contextlib.suppress(OSError):
            found.append(BackupInfo(path, taken, match[3], path.stat().st_size,
                                    int(match[4] or 1)))
    return sorted(found, key=lambda b: (b.taken_at, b.sequence), reverse=True)


def backup_copy(connection: sqlite3.Connection, library: Path, reason: str,
                keep: int | None = None) -> Path:
    """Copy the open library to a new, dated file in the backup folder and return its path;
    then delete the oldest automatic backups beyond ``keep`` (None: keep them all)."""
    folder = backup_folder(library)
    folder.mkdir(exist_ok=True)
    remove_stale_partials(folder)  # our folder: every copy killed mid-way goes
    now = datetime.now(UTC)
    stamp = f"{now:%Y%m%dT%H%M%S}.{now.microsecond:06d}Z"
    target = folder / f"{library.stem}-{stamp}-{reason}.sqlite"
    counter = 1
    while target.exists():
        counter += 1
        target = folder / f"{library.stem}-{stamp}-{reason}-{counter}.sqlite"
    copy_to(connection, target)
    if keep is not None:
        rotate(library, keep)
    return target


def copy_to(connection: sqlite3.Connection, target: Path) -> None:
    """The backup API into ``target`` — via a temporary file, fsynced, renamed.

    The temporary file carries this process's id (``name.1234.partial``). When the copy
    fails — a full disk, a file system error — the temporary file and its journal are
    removed at once (a full disk must not stay full of half a backup) and the failure is one
    sentence. A copy killed mid-way leaves them behind: the next automatic backup removes
    every one in the backup folder whose process is gone, and a backup to a chosen file
    those of the same name."""
    remove_stale_partials(target.parent, target.name)
    partial = target.with_name(f"{target.name}.{os.getpid()}{PARTIAL}")
    try:
        destination = sqlite3.connect(partial)
        try:
            connection.backup(destination)
            destination.execute("PRAGMA journal_mode = DELETE")  # one self-contained file
        finally:
            destination.close()
        with open(partial, "rb+") as handle:
            os.fsync(handle.fileno())
        os.replace(partial, target)
    except (sqlite3.Error, OSError) as error:
        _remove_partial(partial)
        raise BackupFailed(f"The backup {target} could not be made ({_why(error)}); nothing "
                           "of it was left behind.") from error
    except BaseException:
        _remove_partial(partial)
        raise
    _fsync_folder(target.parent)


PARTIAL = ".partial"
_COMPANIONS = ("", "-journal", "-wal", "-shm")
# name.1234.partial (and its journal); name.partial from before the process id was in it
_PARTIAL_NAME = re.compile(r"(?:\.(\d+))?\.partial(?:-journal|-wal|-shm)?$")


def _remove_partial(partial: Path) -> None:
    for suffix in _COMPANIONS:
        with contextlib.suppress(OSError):
            partial.with_name(partial.name + suffix).unlink()


def remove_stale_partials(folder: Path, name: str = "") -> list[Path]:
    """Remove unfinished backups whose process is gone (killed mid-copy); return them.
    ``name``: only those of that backup (in a folder the user chose, nothing else of theirs
    is touched)."""
    removed = []
    with contextlib.suppress(OSError):
        for path in folder.iterdir():
            match = _PARTIAL_NAME.search(path.name)
            if match is None or (name and path.name[:match.start()] != name):
                continue
            if _alive(int(match[1] or 0)):
                continue
            with contextlib.suppress(OSError):
                path.unlink()
                removed.append(path)
    return removed


def _alive(pid: int) -> bool:
    if pid <= 0 or pid == os.getpid():
        return False  # ours, from a copy of this process that failed before it could clean
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except (PermissionError, OverflowError):
        return pid > 0  # someone else's process: leave its file alone
    return True


def _why(error: BaseException) -> str:
    code = getattr(error, "sqlite_errorcode", None)
    if (code is not None and code & 0xFF == 13) or getattr(error, "errno", None) == 28:
        return "the disk is full"
    if isinstance(error, OSError) and error.strerror:
        return error.strerror.lower()
    return " ".join(str(error).split())[:160]


def rotate(library: Path, keep: int) -> list[Path]:
    """Delete the oldest automatic backups so that ``keep`` remain; return what went."""
    gone = []
    for old in list_backups(library)[max(1, keep):]:
        with contextlib.suppress(OSError):
            old.path.unlink()
            gone.append(old.path)
    return gone


def daily_due(library: Path, now: datetime | None = None) -> bool:
    """No backup of any kind in the last 24 hours."""
    backups = list_backups(library)
    return not backups or (now or utc_now()) - backups[0].taken_at >= DAILY


def _fsync_folder(folder: Path) -> None:
    """Make the rename itself durable (POSIX); a no-op where folders cannot be opened."""
    try:
        handle = os.open(folder, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(handle)
    except OSError:
        pass
    finally:
        os.close(handle)
