"""Version 7: the team folder — where this laptop shares deals with its team, as whom, which
deals it shares and how, and what it last found in the folder (``docs/team.md``).

``team`` is one row: the folder (any folder a company's sync engine carries), this laptop's
author id (a UUID made once, in every published file's name) and display name.
``team_shares`` names the deals this laptop publishes, with the privacy chosen per deal and
the digest of the content last published with the size and time its file had then (nothing
is written again unless the deal changed or the file is not as we left it: a sync engine
that put an older copy back, a half-written or deleted file).
``team_files`` remembers each file of the folder as last seen — size and modification time,
never trusted for order, only to skip a file unchanged since it was merged — and what became
of it: merged, waiting (still being written by the sync engine), a problem (one sentence), or
conflicts waiting for the seller — with the content digest of the version last merged. It
lives in the library so that it changes in the very transaction that merges the file: a
crash can never leave a file marked merged that was not. ``team_versions`` keeps the last
versions of each deal, ours as published and each colleague's as merged (compressed JSON,
by content digest): a file says which versions it was based on, and the latest of them
both sides have seen is the common ancestor of the three-way merge
(``exchange/three_way.py``) that lets two laptops' edits of different people meet without
a conflict.
"""

from __future__ import annotations

STATEMENTS = (
    """
    CREATE TABLE team (
        id             INTEGER PRIMARY KEY CHECK (id = 1),
        folder         TEXT NOT NULL CHECK (length(folder) > 0),
        author_id      TEXT NOT NULL CHECK (length(author_id) = 36),
        author_name    TEXT NOT NULL CHECK (length(author_name) > 0),
        last_read      TEXT,
        last_published TEXT
    ) STRICT
    """,
    """
    CREATE TABLE team_shares (
        deal_id      TEXT PRIMARY KEY REFERENCES deals(id) ON DELETE CASCADE,
        with_private INTEGER NOT NULL DEFAULT 0 CHECK (with_private IN (0, 1)),
        anonymised   INTEGER NOT NULL DEFAULT 0 CHECK (anonymised IN (0, 1)),
        digest       TEXT NOT NULL DEFAULT '',
        size         INTEGER NOT NULL DEFAULT -1,
        mtime_ns     INTEGER NOT NULL DEFAULT -1,
        inode        INTEGER NOT NULL DEFAULT -1,
        published_at TEXT
    ) STRICT
    """,
    """
    CREATE TABLE team_files (
        name     TEXT PRIMARY KEY,
        size     INTEGER NOT NULL,
        mtime_ns INTEGER NOT NULL,
        inode    INTEGER NOT NULL DEFAULT 0,
        state    TEXT NOT NULL CHECK (state IN ('merged', 'waiting', 'problem', 'conflicts')),
        note     TEXT NOT NULL DEFAULT '',
        at       TEXT NOT NULL,
        digest   TEXT NOT NULL DEFAULT ''
    ) STRICT, WITHOUT ROWID
    """,
    """
    CREATE TABLE team_versions (
        deal_id   TEXT NOT NULL REFERENCES deals(id) ON DELETE CASCADE,
        author_id TEXT NOT NULL,
        digest    TEXT NOT NULL,
        document  BLOB NOT NULL,
        at        TEXT NOT NULL,
        PRIMARY KEY (deal_id, author_id, digest)
    ) STRICT, WITHOUT ROWID
    """,
)
