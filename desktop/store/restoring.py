"""Putting a backup back: checked first, the current library backed up (or, when it is
damaged, moved aside — never overwritten), then the backup copied in with SQLite's backup API.
Also: which backup is the newest good one, for the message a damaged library gets.
"""

from __future__ import annotations

import os
import sqlite3
from pathlib import Path

from desktop.domain.dates import utc_now
from desktop.store.backups import DEFAULT_KEEP, BackupInfo, backup_copy, copy_to, list_backups
from desktop.store.damage import damaged_rows
from desktop.store.errors import LibraryCorrupt, NotALibrary, StoreError, translated
from desktop.store.migrations import SCHEMA_VERSION
from desktop.store.migrations.m0001_initial import APPLICATION_ID
from desktop.store.opening import (
    check_header,
    inspect,
    open_connection,
    reading_uri,
    refuse_foreign_schema,
)


def check_backup(path: Path) -> None:
    """Raise unless ``path`` is a sound Deal Triangle library this version can read."""
    if not path.is_file():
        raise NotALibrary(f"{path} is not a file.")
    check_header(path)
    found = inspect(path)  # raises LibraryCorrupt when quick_check fails
    if found.application_id != APPLICATION_ID:
        raise NotALibrary(f"{path} is not a Deal Triangle library.")
    if found.user_version > SCHEMA_VERSION:
        raise NotALibrary(f"{path} was written by a newer Deal Triangle.")
    if found.user_version == 0 or found.table_count == 0:
        raise LibraryCorrupt(f"{path} carries Deal Triangle's mark but holds no library.")
    refuse_foreign_schema(path, found)
    with translated(path):
        connection = sqlite3.connect(reading_uri(path), uri=True)
        try:
            damaged = damaged_rows(connection, limit=1)
        finally:
            connection.close()
    if damaged:
        raise LibraryCorrupt(f"{path} is damaged: {damaged[0]}; it was not restored.")


def newest_good_backup(library: Path) -> BackupInfo | None:
    for backup in list_backups(library):
        try:
            check_backup(backup.path)
        except StoreError:
            continue
        return backup
    return None


def damage_hint(library: Path) -> str:
    """What to say after "the library is damaged": the way back, if there is one."""
    good = newest_good_backup(library)
    if good is None:
        return " No good backup was found beside it."
    return (f" The newest good backup is {good.path} "
            f"({good.taken_at:%Y-%m-%d %H:%M} UTC); restore it with File ▸ Backups or "
            f"`deal-triangle restore {good.path}`.")


def restore(library: Path, backup: Path, keep: int = DEFAULT_KEEP) -> Path | None:
    """Make ``library`` a copy of ``backup``. Returns the safety copy of what was there (a
    backup made first, or the damaged file moved aside), or None when there was nothing."""
    library = Path(library).expanduser().absolute()
    backup = Path(backup).expanduser().absolute()
    check_backup(backup)
    if backup == library:
        raise NotALibrary(f"{backup} is the library itself.")
    safety: Path | None = None
    if library.exists():
        try:
            check_header(library)
            inspect(library)
            intact = True
        except (LibraryCorrupt, NotALibrary):
            intact = False
        except StoreError:
            raise
        if intact:
            connection = open_connection(library)
            try:
                safety = backup_copy(connection, library, "before-restore", keep)
                with translated(library):
                    source = sqlite3.connect(f"{backup.as_uri()}?mode=ro", uri=True)
                    try:
                        source.backup(connection)
                    finally:
                        source.close()
            finally:
                connection.close()
            open_connection(library).close()  # migrate an older backup, check it opens
            return safety
        safety = _move_aside(library)
    with translated(backup):
        source = sqlite3.connect(f"{backup.as_uri()}?mode=ro", uri=True)
        try:
            copy_to(source, library)
        finally:
            source.close()
    open_connection(library).close()
    return safety


def _move_aside(library: Path) -> Path:
    """Rename a damaged library (and its WAL files) out of the way, never deleting it."""
    stamp = utc_now().strftime("%Y%m%dT%H%M%SZ")
    aside = library.with_name(f"{library.stem}.damaged-{stamp}{library.suffix}")
    os.replace(library, aside)
    for suffix in ("-wal", "-shm"):
        companion = library.with_name(library.name + suffix)
        if companion.exists():
            os.replace(companion, aside.with_name(aside.name + suffix))
    return aside
