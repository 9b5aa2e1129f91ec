"""The one audited routine that opens a library (Anki's ``open_collection``, in Python).

In order: the folder exists; an existing file starts with SQLite's header; read-only, without
writing a byte, it is ours (``application_id``), not from a newer version (``user_version``)
and passes ``quick_check``; only then is it opened for writing with WAL, foreign keys and
durable commits, and pending migrations run in one exclusive transaction after a backup copy.
Any refusal leaves the file exactly as it was.
"""

from __future__ import annotations

import errno
import os
import sqlite3
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

from desktop.store.backups import backup_copy
from desktop.store.errors import (
    LibraryCorrupt,
    LibraryTooNew,
    LibraryUnavailable,
    NotALibrary,
    translated,
)
from desktop.store.migrations import MIGRATIONS, Migration, run_step
from desktop.store.migrations.m0001_initial import APPLICATION_ID
from desktop.store.schema_check import schema_differences

BUSY_TIMEOUT_SECONDS = 5.0


@dataclass(frozen=True, slots=True)
class Inspection:
    """What a read-only look at an existing file found."""

    application_id: int
    user_version: int
    table_count: int
    schema_problems: tuple[str, ...] = ()

    @property
    def is_blank(self) -> bool:
        return self.application_id == 0 and self.table_count == 0


def open_connection(
    path: Path,
    *,
    create: bool = True,
    migrations: Mapping[int, Migration] = MIGRATIONS,
) -> sqlite3.Connection:
    """Open (and create or upgrade) the library at ``path``; raise :class:`StoreError`."""
    path = Path(path).expanduser().absolute()
    latest = max(migrations)
    if not path.parent.is_dir():
        raise LibraryUnavailable(f"The folder {path.parent} does not exist.")
    if path.is_dir():
        raise LibraryUnavailable(f"{path} is a folder, not a library file.")
    if path.exists() and not path.is_file():  # a FIFO hung for ever; /dev/null got a journal
        raise LibraryUnavailable(f"{path} is not a regular file (a device, a pipe or a "
                                 "socket); a library is a file. Nothing was written.")
    if path.exists():
        check_header(path)
        if path.stat().st_size > 0:
            found = inspect(path)
            if found.application_id != APPLICATION_ID and not found.is_blank:
                raise NotALibrary(
                    f"{path} is an SQLite database but not a Deal Triangle library."
                )
            if found.application_id == APPLICATION_ID and (found.user_version == 0
                                                           or found.table_count == 0):
                # The first migration writes the mark, the tables and the version in one
                # transaction: a file with the mark and no version or no tables was made or
                # damaged by something else. Opening it would switch it to WAL and "upgrade"
                # it — bytes changed — so it is refused untouched.
                what = "no library version" if found.user_version == 0 else "no tables"
                raise LibraryCorrupt(f"{path} carries Deal Triangle's mark but has {what}: "
                                     "it is damaged or was not written by Deal Triangle; "
                                     "it was left untouched.")
            if found.user_version > latest:
                raise LibraryTooNew(
                    f"{path} was written by a newer Deal Triangle (library version "
                    f"{found.user_version}; this version reads up to {latest}). "
                    "Update the app to open it; the file was left untouched."
                )
            refuse_foreign_schema(path, found)
    elif not create:
        raise LibraryUnavailable(f"There is no library at {path}.")
    with translated(path):
        connection = sqlite3.connect(
            path, isolation_level=None, timeout=BUSY_TIMEOUT_SECONDS, check_same_thread=False
        )
        try:
            configure(connection)
            migrate(connection, path, migrations)
        except BaseException:
            connection.close()
            raise
    return connection


def writable(path: Path) -> bool:
    """Can this file (and its folder, for the WAL files) be written? False on read-only
    media, in read-only folders and for read-only files."""
    folder = path.parent
    try:
        if os.statvfs(folder).f_flag & os.ST_RDONLY:
            return False
    except (OSError, AttributeError):
        pass
    return os.access(folder, os.W_OK) and (not path.exists() or os.access(path, os.W_OK))


def open_read_only(path: Path) -> sqlite3.Connection:
    """Open a library that cannot be written (read-only file, folder or medium) for reading.
    ``immutable``: nobody can be writing to it, and SQLite need not create WAL files."""
    check_header(path)
    with translated(path):
        connection = sqlite3.connect(f"{path.as_uri()}?mode=ro&immutable=1", uri=True,
                                     isolation_level=None, check_same_thread=False)
        try:
            found = connection.execute("PRAGMA application_id").fetchone()[0]
            if found != APPLICATION_ID:
                raise NotALibrary(f"{path} is not a Deal Triangle library.")
            problems = [row[0] for row in connection.execute("PRAGMA quick_check(5)")]
            if problems != ["ok"]:
                raise LibraryCorrupt(f"{path} is damaged; it was left untouched.")
            version = connection.execute("PRAGMA user_version").fetchone()[0]
            refuse_foreign_schema(path, Inspection(
                found, version, 1, tuple(schema_differences(connection, version))))
            connection.execute("PRAGMA foreign_keys = ON")
        except BaseException:
            connection.close()
            raise
    return connection


def configure(connection: sqlite3.Connection) -> None:
    """WAL so readers never block the writer; FULL sync so a committed edit survives power
    loss; foreign keys so cascades and references hold."""
    connection.execute(f"PRAGMA busy_timeout = {int(BUSY_TIMEOUT_SECONDS * 1000)}")
    connection.execute("PRAGMA foreign_keys = ON")
    connection.execute("PRAGMA journal_mode = WAL")
    connection.execute("PRAGMA synchronous = FULL")


def reading_uri(path: Path) -> str:
    """A URI that reads ``path`` without writing a byte beside it: *immutable* when no
    ``-wal``/``-shm`` exist (a closed library: a plain read-only connection to a WAL file
    would create both), else read-only sharing the writer's companions."""
    companions = [path.with_name(path.name + suffix) for suffix in ("-wal", "-shm")]
    closed = not any(c.exists() for c in companions)
    return f"{path.as_uri()}?mode=ro" + ("&immutable=1" if closed else "")


def inspect(path: Path) -> Inspection:
    """Look at a file without writing to it; raise if it is not a sound SQLite database.

    Not even the ``-wal``/``-shm`` companions are created: when none exist (nobody has the
    library open, or it was closed cleanly), the file is read as *immutable* — no WAL files,
    no locks. When they exist, another program has it open: a plain read-only connection
    shares them. (Never delete companions afterwards: they may belong to a writer that
    started meanwhile, whose commits would vanish with its WAL file.)"""
    with translated(path):
        connection = sqlite3.connect(reading_uri(path), uri=True, timeout=BUSY_TIMEOUT_SECONDS)
        try:
            application_id = connection.execute("PRAGMA application_id").fetchone()[0]
            user_version = connection.execute("PRAGMA user_version").fetchone()[0]
            tables = connection.execute(
                "SELECT count(*) FROM sqlite_schema WHERE type = 'table'"
            ).fetchone()[0]
            if application_id == APPLICATION_ID:
                problems = [row[0] for row in connection.execute("PRAGMA quick_check(5)")]
                if problems != ["ok"]:
                    found = [" ".join(line.split()) for p in problems for line in
                             p.splitlines() if line.strip()]
                    more = f" and {len(found) - 1} more problems" if len(found) > 1 else ""
                    raise LibraryCorrupt(
                        f"{path} is damaged ({found[0][:160]}{more}); it was left untouched."
                    )
                schema_problems = tuple(schema_differences(connection, user_version))
            else:
                schema_problems = ()
        finally:
            connection.close()
    return Inspection(application_id, user_version, tables, schema_problems)


def refuse_foreign_schema(path: Path, found: Inspection) -> None:
    """A library whose schema is not exactly ours (a planted trigger or view, an extra or
    altered table) is refused before anything is written: a trigger would run on our next
    write. ``check`` lists every difference."""
    if found.schema_problems and found.table_count:
        first, rest = found.schema_problems[0], len(found.schema_problems) - 1
        more = f" and {rest} more difference{'s' * (rest > 1)}" if rest else ""
        raise LibraryCorrupt(f"{path} holds {first}{more}: it was changed by another "
                             "program; it was left untouched.")


def migrate(
    connection: sqlite3.Connection, path: Path, migrations: Mapping[int, Migration]
) -> None:
    """Bring the library to the newest version: a backup copy first, then every pending
    migration in one exclusive transaction, so a crash leaves the old version intact."""
    latest = max(migrations)
    current = _user_version(connection)
    if current == latest:
        return
    if current > 0:
        backup_copy(connection, path, reason=f"before-v{latest}")
    connection.execute("BEGIN EXCLUSIVE")
    try:
        # Read again under the lock: another process may have migrated meanwhile.
        current = _user_version(connection)
        for number in range(current + 1, latest + 1):
            for step in migrations[number]:
                run_step(connection, step)
        connection.execute(f"PRAGMA user_version = {int(latest)}")
        connection.execute("COMMIT")
    except BaseException:
        if connection.in_transaction:
            connection.execute("ROLLBACK")
        raise


def _user_version(connection: sqlite3.Connection) -> int:
    return int(connection.execute("PRAGMA user_version").fetchone()[0])


def check_header(path: Path) -> None:
    """Refuse a file that is not an SQLite database — through SQLite, never a Python file
    handle: closing any handle on a file drops every POSIX lock this process holds on it,
    the locks of the window's own connection included, and another program would then take
    the library for closed and delete its WAL file under the window (found by a tester: a
    ``list`` in a shell while the window's team sync reopened the library, then "disk I/O
    error" and a damaged file). SQLite's connections share their locks within a process."""
    try:
        if path.stat().st_size == 0:
            return  # a new, empty file: it becomes the library
    except OSError as error:
        raise LibraryUnavailable(f"{path} cannot be read ({error.strerror}).") from None
    if not os.access(path, os.R_OK):
        raise LibraryUnavailable(f"{path} cannot be read ({os.strerror(errno.EACCES)}).")
    with translated(path):
        connection = sqlite3.connect(reading_uri(path), uri=True, timeout=BUSY_TIMEOUT_SECONDS)
        try:
            connection.execute("PRAGMA schema_version").fetchone()
        finally:
            connection.close()
