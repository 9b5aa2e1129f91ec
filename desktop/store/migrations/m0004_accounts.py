"""Version 4: accounts, and a person's identity shared by the deals of their account.

A deal belongs to an account (``deals.account_id``; ``deals.account`` keeps the account's name,
which the store keeps equal to it). A person's identity — name, title, department,
organisation, e-mail, phone, notes, last contact — is one row of ``identities``, owned by an
account (or by no account: a deal without one); their stance in each deal — roles, support,
influence, coverage, mode, leaning, place on the map, scores — is a row of ``people`` keyed by
(deal, person), so the same person id appears in several deals of one account. Lines and
scores are keyed by deal too. ``notices`` holds what changed about a person elsewhere (a new
title, a new manager) until the seller reviews their stance in that deal.

Existing account texts become accounts, merged ignoring case; the account's id is derived
from its name (UUID 5), so two libraries upgraded apart give "Contoso" the same id and their
deal files merge by it. Existing people keep their ids and stay separate identities (the
same person in two deals of one account was two rows before; nothing is guessed here).
"""

from __future__ import annotations

import sqlite3
import uuid

_ACCOUNT_NAMESPACE = uuid.UUID("6f0b7c1e-3a7d-4d49-9a58-1d4a3b9e2c11")
_SCORE = "BETWEEN 0 AND 10"


def account_key(name: str) -> str:
    """What makes two account names the same account: case and spacing ignored (a frozen
    copy of ``desktop.domain.account_rules.account_key``: a migration never changes)."""
    return " ".join(name.split()).casefold()


def account_id_for(name: str) -> str:
    return str(uuid.uuid5(_ACCOUNT_NAMESPACE, account_key(name)))


def _accounts_from_deals(connection: sqlite3.Connection) -> None:
    names: dict[str, str] = {}
    for (name,) in connection.execute(
            "SELECT account FROM deals WHERE account <> '' ORDER BY created_at, id"):
        names.setdefault(account_key(name), name)  # the earliest deal's spelling wins
    now = connection.execute("SELECT strftime('%Y-%m-%dT%H:%M:%SZ', 'now')").fetchone()[0]
    for key, name in names.items():
        connection.execute(
            "INSERT INTO accounts (id, key, name, created_at, updated_at) VALUES (?, ?, ?, ?, ?)",
            [account_id_for(name), key, name, now, now])
    for deal_id, name in connection.execute(
            "SELECT id, account FROM deals WHERE account <> ''").fetchall():
        account = names[account_key(name)]
        connection.execute("UPDATE deals SET account_id = ?, account = ? WHERE id = ?",
                           [account_id_for(account), account, deal_id])


STATEMENTS = (
    """
    CREATE TABLE accounts (
        id         TEXT PRIMARY KEY,
        key        TEXT NOT NULL UNIQUE,
        name       TEXT NOT NULL CHECK (length(name) > 0),
        industry   TEXT NOT NULL DEFAULT '',
        notes      TEXT NOT NULL DEFAULT '',
        created_at TEXT NOT NULL,
        updated_at TEXT NOT NULL
    ) STRICT
    """,
    "ALTER TABLE deals ADD COLUMN account_id TEXT REFERENCES accounts(id)",
    _accounts_from_deals,
    "CREATE INDEX deals_by_account ON deals (account_id)",
    """
    CREATE TABLE identities (
        id           TEXT PRIMARY KEY,
        account_id   TEXT REFERENCES accounts(id),
        name         TEXT NOT NULL CHECK (length(name) > 0),
        title        TEXT NOT NULL DEFAULT '',
        department   TEXT NOT NULL DEFAULT '',
        organisation TEXT NOT NULL DEFAULT '',
        email        TEXT NOT NULL DEFAULT '',
        phone        TEXT NOT NULL DEFAULT '',
        notes        TEXT NOT NULL DEFAULT '',
        last_contact TEXT
    ) STRICT
    """,
    "CREATE INDEX identities_by_account ON identities (account_id, name)",
    "INSERT INTO identities (id, account_id, name, title, department, organisation, email, "
    "phone, notes, last_contact) SELECT p.id, d.account_id, p.name, p.title, p.department, "
    "p.organisation, p.email, p.phone, p.notes, p.last_contact "
    "FROM people AS p JOIN deals AS d ON d.id = p.deal_id",
    """
    CREATE TABLE stances (
        deal_id            TEXT NOT NULL REFERENCES deals(id) ON DELETE CASCADE,
        id                 TEXT NOT NULL REFERENCES identities(id),
        ordinal            INTEGER NOT NULL,
        roles              TEXT NOT NULL DEFAULT '[]',
        support            INTEGER NOT NULL DEFAULT 0 CHECK (support BETWEEN -2 AND 2),
        influence          TEXT NOT NULL DEFAULT 'medium'
                           CHECK (influence IN ('low', 'medium', 'high')),
        coverage           TEXT NOT NULL DEFAULT 'none'
                           CHECK (coverage IN ('none', 'light', 'good', 'in-depth')),
        mode               TEXT CHECK (mode IS NULL OR
                                       mode IN ('growth', 'trouble', 'even-keel',
                                                'overconfident')),
        x                  REAL NOT NULL DEFAULT 0,
        y                  REAL NOT NULL DEFAULT 0,
        leans_to           TEXT,
        coaches_competitor INTEGER NOT NULL DEFAULT 0 CHECK (coaches_competitor IN (0, 1)),
        PRIMARY KEY (deal_id, id)
    ) STRICT
    """,
    "INSERT INTO stances SELECT deal_id, id, ordinal, roles, support, influence, coverage, "
    "mode, x, y, leans_to, coaches_competitor FROM people",
    f"""
    CREATE TABLE deal_scores (
        deal_id    TEXT NOT NULL,
        person_id  TEXT NOT NULL,
        axis       TEXT NOT NULL CHECK (axis IN ('business', 'technical', 'personal')),
        value      INTEGER CHECK (value IS NULL OR value {_SCORE}),
        evidence   TEXT NOT NULL DEFAULT '',
        confidence TEXT NOT NULL DEFAULT 'assumed'
                   CHECK (confidence IN ('heard', 'second-hand', 'assumed')),
        private    INTEGER NOT NULL DEFAULT 0 CHECK (private IN (0, 1)),
        PRIMARY KEY (deal_id, person_id, axis),
        FOREIGN KEY (deal_id, person_id) REFERENCES stances (deal_id, id) ON DELETE CASCADE
    ) STRICT, WITHOUT ROWID
    """,
    "INSERT INTO deal_scores SELECT p.deal_id, s.person_id, s.axis, s.value, s.evidence, "
    "s.confidence, s.private FROM scores AS s JOIN people AS p ON p.id = s.person_id",
    """
    CREATE TABLE lines (
        id       TEXT PRIMARY KEY,
        deal_id  TEXT NOT NULL REFERENCES deals(id) ON DELETE CASCADE,
        ordinal  INTEGER NOT NULL,
        source   TEXT NOT NULL,
        target   TEXT NOT NULL,
        kind     TEXT NOT NULL
                 CHECK (kind IN ('reports-to', 'dotted-line', 'influence', 'conflict')),
        strength INTEGER NOT NULL DEFAULT 1 CHECK (strength BETWEEN 1 AND 3),
        note     TEXT NOT NULL DEFAULT '',
        CHECK (source <> target),
        UNIQUE (deal_id, source, target, kind),
        FOREIGN KEY (deal_id, source) REFERENCES stances (deal_id, id) ON DELETE CASCADE,
        FOREIGN KEY (deal_id, target) REFERENCES stances (deal_id, id) ON DELETE CASCADE
    ) STRICT
    """,
    "INSERT INTO lines SELECT id, deal_id, ordinal, source, target, kind, strength, note "
    "FROM relations",
    "DROP TABLE relations",
    "DROP TABLE scores",
    "DROP TABLE people",
    "ALTER TABLE stances RENAME TO people",
    "ALTER TABLE deal_scores RENAME TO scores",
    "ALTER TABLE lines RENAME TO relations",
    "CREATE INDEX people_by_deal ON people (deal_id, ordinal)",
    "CREATE INDEX people_by_person ON people (id)",
    "CREATE INDEX relations_by_deal ON relations (deal_id, ordinal)",
    "CREATE INDEX relations_by_target ON relations (deal_id, target)",
    """
    CREATE TABLE notices (
        deal_id   TEXT NOT NULL,
        person_id TEXT NOT NULL,
        what      TEXT NOT NULL CHECK (what IN ('title', 'manager')),
        was       TEXT NOT NULL DEFAULT '',
        now       TEXT NOT NULL DEFAULT '',
        at        TEXT NOT NULL,
        PRIMARY KEY (deal_id, person_id, what),
        FOREIGN KEY (deal_id, person_id) REFERENCES people (deal_id, id) ON DELETE CASCADE
    ) STRICT, WITHOUT ROWID
    """,
)
