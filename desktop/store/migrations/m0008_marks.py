"""Version 8: who last changed each value of a shared deal, and what each deal has seen
(``desktop/domain/marks.py``), replacing version 7's kept versions.

Version 7 merged a colleague's file three ways, on a common ancestor chosen among the last
versions each side had kept (``team_versions``). With five laptops a file could arrive
based on versions the reader never had: no ancestor, and edits that did not clash became
questions. Marks need no ancestor: each value carries the Lamport number, author and time of
its last change, each deal the highest number it has seen of each author.

``team_marks``: per deal and value path, the digest of the value when it was marked (to
notice a change) and the mark; a tombstone has the digest ``-``. ``team_seen``: the deal's
version vector. ``team_pending``: clashes read and not settled yet (the colleague's mark
per value): the version vector covers them, the value does not, and the files say so.
``team_authors``: the names colleagues gave themselves, for "by Anna".
``team.machine``: the computer this library's author id was made on (``store/machine.py``):
a library copied to another computer becomes another author there.
"""

from __future__ import annotations

STATEMENTS = (
    "DROP TABLE team_versions",
    "ALTER TABLE team ADD COLUMN machine TEXT NOT NULL DEFAULT ''",
    """
    CREATE TABLE team_marks (
        deal_id   TEXT NOT NULL REFERENCES deals(id) ON DELETE CASCADE,
        path      TEXT NOT NULL,
        digest    TEXT NOT NULL,
        n         INTEGER NOT NULL CHECK (n >= 0),
        author_id TEXT NOT NULL,
        at        TEXT NOT NULL,
        PRIMARY KEY (deal_id, path)
    ) STRICT, WITHOUT ROWID
    """,
    """
    CREATE TABLE team_seen (
        deal_id   TEXT NOT NULL REFERENCES deals(id) ON DELETE CASCADE,
        author_id TEXT NOT NULL,
        n         INTEGER NOT NULL CHECK (n >= 0),
        PRIMARY KEY (deal_id, author_id)
    ) STRICT, WITHOUT ROWID
    """,
    """
    CREATE TABLE team_pending (
        deal_id   TEXT NOT NULL REFERENCES deals(id) ON DELETE CASCADE,
        path      TEXT NOT NULL,
        n         INTEGER NOT NULL CHECK (n >= 0),
        author_id TEXT NOT NULL,
        PRIMARY KEY (deal_id, path)
    ) STRICT, WITHOUT ROWID
    """,
    """
    CREATE TABLE team_authors (
        author_id TEXT PRIMARY KEY,
        name      TEXT NOT NULL
    ) STRICT, WITHOUT ROWID
    """,
)
