"""The team folder's state in the library (schema ``team``, ``team_shares``, ``team_files``):
read and written through the library's public façade, each write in one transaction — the
file memory in the same one as the merge it records (``desktop/team_sync.py``)."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterable, Mapping
from datetime import timedelta

from desktop.domain.dates import utc_now
from desktop.domain.ids import new_id
from desktop.domain.team import FileRecord, FileState, Share, TeamSettings
from desktop.store.library import Library
from desktop.store.machine import machine_id


def _connection(library: Library) -> sqlite3.Connection:
    return library.db.conn


def settings(library: Library) -> TeamSettings | None:
    row = _connection(library).execute(
        "SELECT folder, author_name, author_id FROM team WHERE id = 1").fetchone()
    return None if row is None else TeamSettings(row[0], row[1], row[2])


def set_settings(library: Library, chosen: TeamSettings) -> None:
    """Keep the folder and name; the author id of an earlier setting is kept (a laptop is
    one author for good, so its files keep their names) — on this computer."""
    with library.transaction():
        _connection(library).execute(
            "INSERT INTO team (id, folder, author_id, author_name, machine) "
            "VALUES (1, ?, ?, ?, ?) "
            "ON CONFLICT (id) DO UPDATE SET folder = excluded.folder, "
            "author_name = excluded.author_name",
            [chosen.folder, chosen.author_id, chosen.author_name, machine_id()])
    claim(library)


def claim(library: Library) -> TeamSettings | None:
    """The settings, with a new author id when the library was copied from another computer
    (``desktop/store/machine.py`` says why): its files and marks are then another author's,
    read like a colleague's. A library made before computers were told apart is claimed by
    the first computer that syncs it."""
    here = machine_id()
    connection = _connection(library)
    row = connection.execute("SELECT machine FROM team WHERE id = 1").fetchone()
    if row is not None and here and row[0] != here:
        with library.transaction():
            connection.execute(
                "UPDATE team SET machine = ?, author_id = CASE WHEN machine = '' "
                "THEN author_id ELSE ? END WHERE id = 1", [here, new_id()])
            connection.execute("UPDATE team_shares SET digest = ''")  # publish under it
    return settings(library)


def shares(library: Library) -> dict[str, Share]:
    return {row[0]: Share(row[0], bool(row[1]), bool(row[2])) for row in _connection(
        library).execute("SELECT deal_id, with_private, anonymised FROM team_shares")}


def share(library: Library, chosen: Share) -> None:
    with library.transaction():
        _connection(library).execute(
            "INSERT INTO team_shares (deal_id, with_private, anonymised) VALUES (?, ?, ?) "
            "ON CONFLICT (deal_id) DO UPDATE SET with_private = excluded.with_private, "
            "anonymised = excluded.anonymised, digest = ''",
            [chosen.deal_id, int(chosen.with_private), int(chosen.anonymised)])


def unshare(library: Library, deal_id: str) -> bool:
    with library.transaction():
        return _connection(library).execute(
            "DELETE FROM team_shares WHERE deal_id = ?", [deal_id]).rowcount > 0




def published_digests(library: Library) -> dict[str, tuple[str, int, int, int]]:
    """Each shared deal's last published (content digest, file size, time, inode)."""
    return {row[0]: (row[1], row[2], row[3], row[4]) for row in _connection(library).execute(
        "SELECT deal_id, digest, size, mtime_ns, inode FROM team_shares")}


def note_published(library: Library,
                   published: Mapping[str, tuple[str, int, int, int]]) -> None:
    """Record each deal's published (content digest, file size, time, inode)."""
    now = utc_now().isoformat()
    connection = _connection(library)
    with library.transaction():
        for deal_id, (digest, size, mtime_ns, inode) in published.items():
            connection.execute(
                "UPDATE team_shares SET digest = ?, size = ?, mtime_ns = ?, inode = ?, "
                "published_at = ? WHERE deal_id = ?",
                [digest, size, mtime_ns, inode, now, deal_id])
        connection.execute("UPDATE team SET last_published = ? WHERE id = 1", [now])


_STATES = {state.value: state for state in FileState}  # faster than FileState(text)


def files(library: Library) -> dict[str, FileRecord]:
    """Every file of the folder as last seen (10,000 rows are read at every sync)."""
    return {row[0]: FileRecord(row[0], row[1], row[2], _STATES[row[3]], row[4], row[5])
            for row in _connection(library).execute(
                "SELECT name, size, mtime_ns, state, note, inode FROM team_files")}


Remembered = tuple[int, int, int, str, str]  # size, mtime_ns, inode, state, note


def memory(library: Library) -> dict[str, Remembered]:
    """:func:`files` as plain tuples: what a sync compares 10,000 times (a fifth of the
    cost of making a record of each)."""
    return {row[0]: row[1:] for row in _connection(library).execute(
        "SELECT name, size, mtime_ns, inode, state, note FROM team_files")}


LAST_READ_EVERY_S = 30  # "last read" kept to this: the status bar shows the minute


def note_files(library: Library, records: Iterable[FileRecord], *,
               forget: Iterable[str] = ()) -> None:
    """Remember these files as seen now (inside the caller's transaction when there is one:
    a merge and its record land together) and forget files gone from the folder. A record's
    digest is that of a version merged; without one, the last merged digest stays."""
    now = utc_now().isoformat()
    records, forget = list(records), list(forget)
    connection = _connection(library)
    with library.transaction():
        connection.executemany(
            "INSERT INTO team_files (name, size, mtime_ns, inode, state, note, at, digest) "
            "VALUES (?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (name) DO UPDATE SET "
            "size = excluded.size, mtime_ns = excluded.mtime_ns, inode = excluded.inode, "
            "state = excluded.state, "
            "note = excluded.note, at = excluded.at, digest = CASE WHEN excluded.digest <> '' "
            "THEN excluded.digest ELSE team_files.digest END",
            [(r.name, r.size, r.mtime_ns, r.inode, r.state.value, r.note, now, r.digest)
             for r in records])
        connection.executemany("DELETE FROM team_files WHERE name = ?",
                               [(name,) for name in forget])
        # The status bar says the minute: within one, a sync that found nothing new writes
        # nothing (a commit is an fsync — a tenth of the watcher's 100 ms on a busy disk).
        recently = (utc_now() - timedelta(seconds=LAST_READ_EVERY_S)).isoformat()
        connection.execute("UPDATE team SET last_read = ? WHERE id = 1 AND "
                           "(last_read IS NULL OR last_read < ? OR ?)",
                           [now, recently, bool(records or forget)])


def times(library: Library) -> tuple[str | None, str | None]:
    """When the folder was last read and last published to (ISO UTC), if ever."""
    row = _connection(library).execute(
        "SELECT last_read, last_published FROM team WHERE id = 1").fetchone()
    return (None, None) if row is None else (row[0], row[1])
