"""Whether a library has a team folder set, asked without loading sqlite-utils.

The window asks right after its first paint; the store's team module reads through
sqlite-utils, whose import (numpy with it) takes ~200 ms of the GUI thread — a freeze just
when the seller starts working, for the many libraries that have no team. This reads the one
row with a short read-only connection of its own: SQLite shares its file locks between the
connections of one process, so opening and closing it leaves the window's connection whole.
"""

from __future__ import annotations

import contextlib
import sqlite3

from desktop.store.library import Library


def team_is_set(library: Library) -> bool:
    """True when ``team set`` (or File ▸ Team folder…) chose a folder for this library;
    False also when the file cannot be read this way (a read-only medium: no syncing there)."""
    try:
        with contextlib.closing(sqlite3.connect(f"{library.path.as_uri()}?mode=ro",
                                                uri=True, timeout=1.0)) as connection:
            row = connection.execute("SELECT 1 FROM team WHERE id = 1").fetchone()
    except sqlite3.Error:
        return False
    return row is not None
