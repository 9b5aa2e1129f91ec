"""Numbered schema migrations: ``MIGRATIONS[n]`` brings a library from version n−1 to n.

Each migration is a list of single SQL statements (never ``executescript``, which would
commit the surrounding transaction). The open routine runs all pending ones in one exclusive
transaction after a backup copy; ``PRAGMA user_version`` records the result. Released
migrations are never edited: a change is a new number.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from desktop.store.migrations import m0001_initial

Migration = Sequence[str]

MIGRATIONS: Mapping[int, Migration] = {
    1: m0001_initial.STATEMENTS,
}
SCHEMA_VERSION = max(MIGRATIONS)
