"""The portfolio's figures cache (``deal_figures``, schema version 5): read and kept.

A row exists only while its deal is unchanged — triggers delete it inside any transaction
that writes the deal (``migrations/m0005_figures.py``) — so reading needs no date check.
Keeping is the delicate part: figures are worked out from reads made *before* the write, so
another program's commit in between could make them stale the moment they are kept. They
are therefore kept only when ``PRAGMA data_version`` is still what it was when the deals were
read (our own connection's writes do not move it, and none can happen in between: the
library belongs to one thread). A cache is never worth an error: a read-only or busy file
simply keeps nothing, and the figures are worked out again next time.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Mapping
from typing import TYPE_CHECKING

from desktop.store.errors import StoreError

if TYPE_CHECKING:
    from desktop.store.library import Library


def cached(connection: sqlite3.Connection, recipe: int) -> dict[str, str]:
    """The kept figures made by ``recipe``, as JSON text, by deal id."""
    return {row[0]: row[1] for row in connection.execute(
        "SELECT deal_id, figures FROM deal_figures WHERE recipe = ? AND typeof(figures) = 'text'",
        [recipe])}


def keep(library: Library, connection: sqlite3.Connection, recipe: int,
         made: Mapping[str, str], as_of: int) -> bool:
    """Keep ``made`` (JSON by deal id) unless the file changed since ``as_of``; whether kept.
    A deal removed meanwhile is skipped (its row would have no deal)."""
    if library.read_only or not made:
        return False
    try:
        with library.transaction():
            if library.data_version() != as_of:
                return False
            connection.executemany(
                "INSERT OR REPLACE INTO deal_figures (deal_id, recipe, figures) "
                "SELECT id, ?, ? FROM deals WHERE id = ?",
                [(recipe, text, deal_id) for deal_id, text in made.items()])
        return True
    except StoreError:
        return False
