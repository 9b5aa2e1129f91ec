"""Version 1: deals, people, their triangle scores, relations and snapshots.

Constraints repeat the domain's rules so that not even a bug can store an impossible map:
scores 0–10 or NULL (unknown), support −2…+2, no self-relations, one line per kind and pair,
and cascades so that removing a deal or a person removes what hangs on it.
"""

from __future__ import annotations

# "DTRI" — lets the open routine tell our files from any other SQLite database.
APPLICATION_ID = 0x44545249

STATEMENTS: tuple[str, ...] = (
    f"PRAGMA application_id = {APPLICATION_ID}",
    """
    CREATE TABLE deals (
        id          TEXT PRIMARY KEY,
        name        TEXT NOT NULL CHECK (length(name) > 0),
        account     TEXT NOT NULL DEFAULT '',
        stage       TEXT NOT NULL DEFAULT '',
        amount      REAL CHECK (amount IS NULL OR amount >= 0),
        currency    TEXT NOT NULL DEFAULT '',
        close_date  TEXT,
        objective   TEXT NOT NULL DEFAULT '',
        solution    TEXT NOT NULL DEFAULT '',
        competitors TEXT NOT NULL DEFAULT '[]',
        created_at  TEXT NOT NULL,
        updated_at  TEXT NOT NULL
    ) STRICT
    """,
    """
    CREATE TABLE people (
        id           TEXT PRIMARY KEY,
        deal_id      TEXT NOT NULL REFERENCES deals(id) ON DELETE CASCADE,
        ordinal      INTEGER NOT NULL,
        name         TEXT NOT NULL CHECK (length(name) > 0),
        title        TEXT NOT NULL DEFAULT '',
        department   TEXT NOT NULL DEFAULT '',
        email        TEXT NOT NULL DEFAULT '',
        phone        TEXT NOT NULL DEFAULT '',
        roles        TEXT NOT NULL DEFAULT '[]',
        support      INTEGER NOT NULL DEFAULT 0 CHECK (support BETWEEN -2 AND 2),
        influence    TEXT NOT NULL DEFAULT 'medium'
                     CHECK (influence IN ('low', 'medium', 'high')),
        coverage     TEXT NOT NULL DEFAULT 'none'
                     CHECK (coverage IN ('none', 'light', 'good', 'in-depth')),
        mode         TEXT CHECK (mode IS NULL OR
                                 mode IN ('growth', 'trouble', 'even-keel', 'overconfident')),
        last_contact TEXT,
        next_step    TEXT NOT NULL DEFAULT '',
        notes        TEXT NOT NULL DEFAULT '',
        x            REAL NOT NULL DEFAULT 0,
        y            REAL NOT NULL DEFAULT 0
    ) STRICT
    """,
    "CREATE INDEX people_by_deal ON people (deal_id, ordinal)",
    """
    CREATE TABLE scores (
        person_id  TEXT NOT NULL REFERENCES people(id) ON DELETE CASCADE,
        axis       TEXT NOT NULL CHECK (axis IN ('business', 'technical', 'personal')),
        value      INTEGER CHECK (value IS NULL OR value BETWEEN 0 AND 10),
        evidence   TEXT NOT NULL DEFAULT '',
        confidence TEXT NOT NULL DEFAULT 'assumed'
                   CHECK (confidence IN ('heard', 'second-hand', 'assumed')),
        private    INTEGER NOT NULL DEFAULT 0 CHECK (private IN (0, 1)),
        PRIMARY KEY (person_id, axis)
    ) STRICT, WITHOUT ROWID
    """,
    """
    CREATE TABLE relations (
        id       TEXT PRIMARY KEY,
        deal_id  TEXT NOT NULL REFERENCES deals(id) ON DELETE CASCADE,
        ordinal  INTEGER NOT NULL,
        source   TEXT NOT NULL REFERENCES people(id) ON DELETE CASCADE,
        target   TEXT NOT NULL REFERENCES people(id) ON DELETE CASCADE,
        kind     TEXT NOT NULL
                 CHECK (kind IN ('reports-to', 'dotted-line', 'influence', 'conflict')),
        strength INTEGER NOT NULL DEFAULT 1 CHECK (strength BETWEEN 1 AND 3),
        note     TEXT NOT NULL DEFAULT '',
        CHECK (source <> target),
        UNIQUE (source, target, kind)
    ) STRICT
    """,
    "CREATE INDEX relations_by_deal ON relations (deal_id, ordinal)",
    "CREATE INDEX relations_by_target ON relations (target)",
    """
    CREATE TABLE snapshots (
        id       TEXT PRIMARY KEY,
        deal_id  TEXT NOT NULL REFERENCES deals(id) ON DELETE CASCADE,
        name     TEXT NOT NULL CHECK (length(name) > 0),
        taken_at TEXT NOT NULL,
        content  TEXT NOT NULL
    ) STRICT
    """,
    "CREATE INDEX snapshots_by_deal ON snapshots (deal_id, taken_at)",
)
