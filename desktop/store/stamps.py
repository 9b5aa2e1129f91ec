"""The marks of shared deals in the library (schema 8: ``team_marks``, ``team_seen``,
``team_authors``; ``desktop/domain/marks.py`` says what they mean). Written inside the
caller's transaction when there is one: a merge, its file record and its marks land
together or not at all."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterable, Mapping

from desktop.domain.marks import Mark
from desktop.store.library import Library


def _connection(library: Library) -> sqlite3.Connection:
    return library.db.conn


def marks(library: Library, deal_id: str) -> dict[str, tuple[str, Mark]]:
    """Path → (digest of the value when marked, mark), tombstones included."""
    return {row[0]: (row[1], Mark(row[2], row[3], row[4])) for row in _connection(library).execute(
        "SELECT path, digest, n, author_id, at FROM team_marks WHERE deal_id = ?", [deal_id])}


def write_marks(library: Library, deal_id: str, changed: Mapping[str, tuple[str, Mark]],
                dropped: Iterable[str] = ()) -> None:
    connection = _connection(library)
    with library.transaction():
        connection.executemany(
            "INSERT OR REPLACE INTO team_marks (deal_id, path, digest, n, author_id, at) "
            "VALUES (?, ?, ?, ?, ?, ?)",
            [(deal_id, path, fingerprint, mark.n, mark.author, mark.at)
             for path, (fingerprint, mark) in changed.items()])
        connection.executemany("DELETE FROM team_marks WHERE deal_id = ? AND path = ?",
                               [(deal_id, path) for path in dropped])


def replace_marks(library: Library, deal_id: str,
                  kept: Mapping[str, tuple[str, Mark]]) -> None:
    """The deal's marks are exactly ``kept`` (after a merge)."""
    with library.transaction():
        _connection(library).execute("DELETE FROM team_marks WHERE deal_id = ?", [deal_id])
        write_marks(library, deal_id, kept)


def seen(library: Library, deal_id: str) -> dict[str, int]:
    """The deal's version vector: per author, the highest number seen."""
    return dict(_connection(library).execute(
        "SELECT author_id, n FROM team_seen WHERE deal_id = ?", [deal_id]))


def note_seen(library: Library, deal_id: str, vector: Mapping[str, int]) -> None:
    """Raise the deal's version vector to at least ``vector``."""
    with library.transaction():
        _connection(library).executemany(
            "INSERT INTO team_seen (deal_id, author_id, n) VALUES (?, ?, ?) "
            "ON CONFLICT (deal_id, author_id) DO UPDATE SET n = max(n, excluded.n)",
            [(deal_id, author, n) for author, n in vector.items()])


def pending(library: Library, deal_id: str) -> dict[str, Mark]:
    """The deal's clashes read and not settled: path → the colleague's mark."""
    return {row[0]: Mark(row[1], row[2]) for row in _connection(library).execute(
        "SELECT path, n, author_id FROM team_pending WHERE deal_id = ?", [deal_id])}


def note_pending(library: Library, deal_id: str, waiting: Mapping[str, Mark],
                 settled: Iterable[str] = ()) -> None:
    """Clashes now waiting for the seller, and those settled."""
    connection = _connection(library)
    with library.transaction():
        connection.executemany("DELETE FROM team_pending WHERE deal_id = ? AND path = ?",
                               [(deal_id, path) for path in settled])
        connection.executemany(
            "INSERT OR REPLACE INTO team_pending (deal_id, path, n, author_id) "
            "VALUES (?, ?, ?, ?)",
            [(deal_id, path, mark.n, mark.author) for path, mark in waiting.items()])


def authors(library: Library) -> dict[str, str]:
    """The names colleagues gave themselves, by author id."""
    return dict(_connection(library).execute("SELECT author_id, name FROM team_authors"))


def note_author(library: Library, author_id: str, name: str) -> None:
    with library.transaction():
        _connection(library).execute(
            "INSERT OR REPLACE INTO team_authors (author_id, name) VALUES (?, ?)",
            [author_id, name])
