"""Numbered schema migrations: ``MIGRATIONS[n]`` brings a library from version n−1 to n.

Each migration is a list of steps: a single SQL statement (never ``executescript``, which
would commit the surrounding transaction), or a function of the connection for data that
only the domain knows how to move (ids derived in Python, text cleaned by its rules). The
open routine runs all pending ones in one exclusive transaction after a backup copy;
``PRAGMA user_version`` records the result. Released migrations are never edited: a change
is a new number.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable, Mapping, Sequence

from desktop.store.migrations import (
    m0001_initial,
    m0002_plan,
    m0003_comments,
    m0004_accounts,
    m0005_figures,
    m0006_versus,
    m0007_team,
    m0008_marks,
)

Step = str | Callable[[sqlite3.Connection], None]
Migration = Sequence[Step]

MIGRATIONS: Mapping[int, Migration] = {
    1: m0001_initial.STATEMENTS,
    2: m0002_plan.STATEMENTS,
    3: m0003_comments.STATEMENTS,
    4: m0004_accounts.STATEMENTS,
    5: m0005_figures.STATEMENTS,
    6: m0006_versus.STATEMENTS,
    7: m0007_team.STATEMENTS,
    8: m0008_marks.STATEMENTS,
}
SCHEMA_VERSION = max(MIGRATIONS)


def run_step(connection: sqlite3.Connection, step: Step) -> None:
    if isinstance(step, str):
        connection.execute(step)
    else:
        step(connection)
