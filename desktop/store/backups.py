"""Backup copies made with SQLite's online backup API: consistent even while the library is
open in WAL mode, unlike a file copy, which can catch a half-checkpointed file."""

from __future__ import annotations

import os
import sqlite3
from pathlib import Path

from desktop.domain.dates import utc_now


def backup_folder(library: Path) -> Path:
    """Backups live beside the library, in ``<name>-backups/``, so they travel with it."""
    return library.with_name(f"{library.stem}-backups")


def backup_copy(connection: sqlite3.Connection, library: Path, reason: str) -> Path:
    """Copy the open library to a new, dated file and return its path.

    The copy is written to a temporary name and renamed into place, so a crash mid-copy
    never leaves something that looks like a good backup.
    """
    folder = backup_folder(library)
    folder.mkdir(exist_ok=True)
    stamp = utc_now().strftime("%Y%m%dT%H%M%SZ")
    target = folder / f"{library.stem}-{stamp}-{reason}.sqlite"
    counter = 1
    while target.exists():
        counter += 1
        target = folder / f"{library.stem}-{stamp}-{reason}-{counter}.sqlite"
    partial = target.with_name(target.name + ".partial")
    destination = sqlite3.connect(partial)
    try:
        connection.backup(destination)
    finally:
        destination.close()
    with open(partial, "rb+") as handle:
        os.fsync(handle.fileno())
    os.replace(partial, target)
    return target
