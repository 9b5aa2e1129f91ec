"""Version 2: the deal's plan — actions, decision criteria, decision process, alternatives
and the compelling event — and, per person, organisation, leaning and coaching.

Each person's free-text next step becomes their first open action, and the deal's competitor
names become alternatives, with the ids :mod:`desktop.domain.version1` derives (a v1 file
read elsewhere gives the same ids). The old columns are then dropped: one source of truth.

References to people and alternatives are checked by the domain (``Deal``) and kept whole by
the operations that remove people or alternatives (``desktop/domain/plan_references.py``);
lists of people and ratings per alternative are JSON, as roles are.
"""

from __future__ import annotations

import json
import sqlite3

from desktop.domain import version1
from desktop.domain.errors import ValidationError

_SCORE = "BETWEEN 0 AND 10"


def _move_next_steps(connection: sqlite3.Connection) -> None:
    rows = connection.execute(
        "SELECT id, deal_id, next_step FROM people WHERE next_step <> '' "
        "ORDER BY deal_id, ordinal, id").fetchall()
    ordinals: dict[str, int] = {}
    for person_id, deal_id, text in rows:
        try:
            action = version1.action_from_next_step(person_id, text)
        except ValidationError:
            continue  # text past the domain's rules: only a file edited by hand has it
        if action is None:
            continue
        ordinal = ordinals.get(deal_id, 0)
        ordinals[deal_id] = ordinal + 1
        connection.execute(
            "INSERT INTO actions (id, deal_id, ordinal, text, owner_side, people) "
            "VALUES (?, ?, ?, ?, 'us', ?)",
            [action.id, deal_id, ordinal, action.text, json.dumps([person_id])])


def _move_competitors(connection: sqlite3.Connection) -> None:
    for deal_id, text in connection.execute("SELECT id, competitors FROM deals").fetchall():
        try:
            alternatives = version1.alternatives_from_competitors(deal_id, json.loads(text))
        except (ValueError, ValidationError):
            continue  # not a list of names: nothing readable to keep
        connection.executemany(
            "INSERT INTO alternatives (id, deal_id, ordinal, name, kind) "
            "VALUES (?, ?, ?, ?, 'competitor')",
            [(a.id, deal_id, i, a.name) for i, a in enumerate(alternatives)])


STATEMENTS = (
    """
    CREATE TABLE alternatives (
        id      TEXT PRIMARY KEY,
        deal_id TEXT NOT NULL REFERENCES deals(id) ON DELETE CASCADE,
        ordinal INTEGER NOT NULL,
        name    TEXT NOT NULL CHECK (length(name) > 0),
        kind    TEXT NOT NULL DEFAULT 'competitor'
                CHECK (kind IN ('competitor', 'do-nothing', 'build'))
    ) STRICT
    """,
    "CREATE INDEX alternatives_by_deal ON alternatives (deal_id, ordinal)",
    f"""
    CREATE TABLE actions (
        id              TEXT PRIMARY KEY,
        deal_id         TEXT NOT NULL REFERENCES deals(id) ON DELETE CASCADE,
        ordinal         INTEGER NOT NULL,
        text            TEXT NOT NULL CHECK (length(text) > 0),
        owner_side      TEXT NOT NULL DEFAULT 'us'
                        CHECK (owner_side IN ('us', 'customer', 'partner')),
        owner           TEXT NOT NULL DEFAULT '',
        due             TEXT,
        status          TEXT NOT NULL DEFAULT 'open'
                        CHECK (status IN ('open', 'done', 'dropped')),
        changed         TEXT,
        people          TEXT NOT NULL DEFAULT '[]',
        intended_person TEXT,
        intended_axis   TEXT CHECK (intended_axis IS NULL OR
                                    intended_axis IN ('business', 'technical', 'personal')),
        intended_target INTEGER CHECK (intended_target IS NULL OR intended_target {_SCORE}),
        intended_before INTEGER CHECK (intended_before IS NULL OR intended_before {_SCORE}),
        internal        INTEGER NOT NULL DEFAULT 0 CHECK (internal IN (0, 1))
    ) STRICT
    """,
    "CREATE INDEX actions_by_deal ON actions (deal_id, ordinal)",
    f"""
    CREATE TABLE criteria (
        id       TEXT PRIMARY KEY,
        deal_id  TEXT NOT NULL REFERENCES deals(id) ON DELETE CASCADE,
        ordinal  INTEGER NOT NULL,
        text     TEXT NOT NULL CHECK (length(text) > 0),
        weight   INTEGER NOT NULL DEFAULT 3 CHECK (weight BETWEEN 1 AND 5),
        owner    TEXT,
        ours     INTEGER CHECK (ours IS NULL OR ours {_SCORE}),
        theirs   TEXT NOT NULL DEFAULT '{{}}',
        evidence TEXT NOT NULL DEFAULT ''
    ) STRICT
    """,
    "CREATE INDEX criteria_by_deal ON criteria (deal_id, ordinal)",
    """
    CREATE TABLE process_steps (
        id       TEXT PRIMARY KEY,
        deal_id  TEXT NOT NULL REFERENCES deals(id) ON DELETE CASCADE,
        ordinal  INTEGER NOT NULL,
        name     TEXT NOT NULL CHECK (length(name) > 0),
        approver TEXT,
        planned  TEXT,
        status   TEXT NOT NULL DEFAULT 'planned'
                 CHECK (status IN ('planned', 'under-way', 'done', 'skipped'))
    ) STRICT
    """,
    "CREATE INDEX process_steps_by_deal ON process_steps (deal_id, ordinal)",
    "ALTER TABLE deals ADD COLUMN compelling_event TEXT NOT NULL DEFAULT ''",
    "ALTER TABLE deals ADD COLUMN compelling_by TEXT",
    "ALTER TABLE people ADD COLUMN organisation TEXT NOT NULL DEFAULT ''",
    "ALTER TABLE people ADD COLUMN leans_to TEXT",
    "ALTER TABLE people ADD COLUMN coaches_competitor INTEGER NOT NULL DEFAULT 0 "
    "CHECK (coaches_competitor IN (0, 1))",
    _move_next_steps,
    _move_competitors,
    "ALTER TABLE people DROP COLUMN next_step",
    "ALTER TABLE deals DROP COLUMN competitors",
)
