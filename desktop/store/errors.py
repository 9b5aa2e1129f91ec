"""Storage errors, sorted as qutebrowser sorts them: the user's environment versus our bug.

Everything a user can cause or fix — a missing folder, a full disk, a read-only or locked
file, a damaged file, a file that is not ours — becomes a :class:`StoreError` carrying one
clear sentence. Any other ``sqlite3`` error is a bug in this program and propagates as is,
so that it is reported rather than explained away.
"""

from __future__ import annotations

import contextlib
import sqlite3
from collections.abc import Iterator
from pathlib import Path


class StoreError(Exception):
    """A problem the user can understand and act on; ``str()`` is the sentence to show."""


class LibraryUnavailable(StoreError):
    """The folder is missing, or the file cannot be opened or written."""


class NotALibrary(StoreError):
    """The file is not a Deal Triangle library (not SQLite, or someone else's database)."""


class LibraryTooNew(StoreError):
    """Written by a newer Deal Triangle; we refuse it untouched."""


class LibraryCorrupt(StoreError):
    """The file is damaged. It is never overwritten; a backup may be offered."""


class LibraryBusy(StoreError):
    """Another program holds the library locked for longer than we wait."""


class LibraryReadOnly(StoreError):
    """The file or its folder cannot be written."""


class DiskFull(StoreError):
    """No space left for the library: nothing was written."""


class BackupFailed(StoreError):
    """A backup copy could not be made (full disk, file system error); its temporary files
    were removed."""


class NotFound(StoreError):
    """A deal, person, relation or snapshot that does not exist (any more)."""


class AmbiguousReference(StoreError):
    """A deal reference that fits more than one deal."""


class Conflict(StoreError):
    """An operation that would break a rule of the library (e.g. the same line twice)."""


class ValueNotStorable(StoreError):
    """A value SQLite cannot hold (text that is not Unicode, an integer past 64 bits) reached
    the store: nothing of the write remains. Validation should have refused it first; this
    is the last guard, so the user gets a sentence and no half-done undo step."""


# SQLite primary result codes (https://sqlite.org/rescode.html).
SQLITE_PERM = 3
SQLITE_BUSY = 5
SQLITE_LOCKED = 6
SQLITE_READONLY = 8
SQLITE_IOERR = 10
SQLITE_CORRUPT = 11
SQLITE_FULL = 13
SQLITE_CANTOPEN = 14
SQLITE_NOTADB = 26


def classify(error: sqlite3.Error, path: Path) -> StoreError | None:
    """The user-facing error for an environment problem, or ``None`` for a bug."""
    code = getattr(error, "sqlite_errorcode", None)
    if code is None:
        return None
    primary = code & 0xFF
    name = str(path)
    if primary == SQLITE_FULL:
        return DiskFull(f"The disk holding {name} is full: the last change was not saved.")
    if primary in (SQLITE_READONLY, SQLITE_PERM):
        return LibraryReadOnly(f"{name} cannot be written (read-only file or folder): "
                               "the last change was not saved.")
    if primary in (SQLITE_BUSY, SQLITE_LOCKED):
        return LibraryBusy(f"{name} is locked by another program; try again in a moment.")
    if primary == SQLITE_CORRUPT:
        return LibraryCorrupt(f"{name} is damaged ({error}); it was left untouched.")
    if primary == SQLITE_NOTADB:
        return NotALibrary(f"{name} is not a Deal Triangle library (not an SQLite database).")
    if primary == SQLITE_CANTOPEN:
        return LibraryUnavailable(f"{name} cannot be opened ({error}).")
    if primary == SQLITE_IOERR:
        return LibraryUnavailable(f"Reading or writing {name} failed ({error}); "
                                  "the last change was not saved.")
    return None


@contextlib.contextmanager
def translated(path: Path) -> Iterator[None]:
    """Turn environment errors from ``sqlite3`` into :class:`StoreError`; let bugs through."""
    try:
        yield
    except sqlite3.Error as error:
        friendly = classify(error, path)
        if friendly is None:
            raise
        raise friendly from error
    except UnicodeDecodeError as error:  # SQLite's own message about a mangled schema
        raise LibraryCorrupt(f"{path} is damaged (its schema holds text that is not UTF-8); "
                             "it was left untouched.") from error
    except (UnicodeEncodeError, OverflowError) as error:  # from binding a parameter
        reason = "text that is not valid Unicode" if isinstance(error, UnicodeEncodeError) \
            else "a number too large for the library"
        raise ValueNotStorable(f"{path.name} cannot store {reason}; nothing was "
                               "written") from error
