"""Version 3: comments — a manager's note on a person, an action or a red flag, with its
author and time. A list of the deal's plan like actions (``Deal.comments``): a table of its
own, in the deal's order, gone with the deal. What a comment is about is checked by the
domain (a person or an action of the deal; a flag by its key), not by a foreign key: a flag
has no row to point at, and removing a person or an action rewrites the comments in the same
transaction (``desktop/domain/plan_references.py``), so that undo puts them back.
"""

from __future__ import annotations

STATEMENTS = (
    """
    CREATE TABLE comments (
        id          TEXT PRIMARY KEY,
        deal_id     TEXT NOT NULL REFERENCES deals(id) ON DELETE CASCADE,
        ordinal     INTEGER NOT NULL,
        target_kind TEXT NOT NULL CHECK (target_kind IN ('person', 'action', 'flag')),
        target      TEXT NOT NULL CHECK (length(target) > 0),
        author      TEXT NOT NULL CHECK (length(author) > 0),
        at          TEXT NOT NULL,
        text        TEXT NOT NULL CHECK (length(text) > 0)
    ) STRICT
    """,
    "CREATE INDEX comments_by_deal ON comments (deal_id, ordinal)",
)
