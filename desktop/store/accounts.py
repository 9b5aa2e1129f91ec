"""Accounts in the library: which account a deal's name for it means, moving a deal's people
with it, and the reads of the account view.

A deal names its account by name (the deal dialog's text field, a file's ``account``): the
name decides, ignoring case and spacing, so "contoso " and "Contoso" are one account. An
account id a deal file carries is kept when the library has no account of that name and the
id is free, so the colleague's and our library name the account alike from then on.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Sequence

from desktop.domain.account_rules import account_key
from desktop.domain.accounts import (
    Account,
    AccountDeal,
    AccountGrid,
    AccountPerson,
    AccountSummary,
    Stance,
)
from desktop.domain.dates import format_timestamp, utc_now
from desktop.domain.deal import Deal
from desktop.domain.enums import ROLE_ORDER, Role, Support
from desktop.domain.ids import new_id
from desktop.store.errors import AmbiguousReference, Conflict, NotFound

MIN_PREFIX = 4


def resolve(connection: sqlite3.Connection, deal: Deal) -> tuple[str | None, str]:
    """The account id and name ``deal`` belongs to, made when new; (None, "") without one."""
    if not deal.account:
        return None, ""
    key = account_key(deal.account)
    row = connection.execute("SELECT id, name FROM accounts WHERE key = ?", [key]).fetchone()
    if row is not None:
        return str(row[0]), str(row[1])
    account_id = deal.account_id
    if account_id is None or connection.execute(
            "SELECT 1 FROM accounts WHERE id = ?", [account_id]).fetchone():
        account_id = new_id()
    now = format_timestamp(utc_now())
    connection.execute(
        "INSERT INTO accounts (id, key, name, created_at, updated_at) VALUES (?, ?, ?, ?, ?)",
        [account_id, key, deal.account, now, now])
    return account_id, deal.account


def incoming(connection: sqlite3.Connection, deal: Deal) -> str | None:
    """The account an incoming ``deal`` would belong to: the one of its account's name
    (case and spacing ignored), else of its account id; None when new or without one."""
    if not deal.account:
        return None
    key = account_key(deal.account)
    found = connection.execute(
        "SELECT id FROM accounts WHERE key = ? OR id = ? ORDER BY key = ? DESC",
        [key, deal.account_id or "", key]).fetchone()
    return None if found is None else str(found[0])


def set_details(connection: sqlite3.Connection, details: Sequence[Account]) -> frozenset[str]:
    """Make each account of these names (case and spacing ignored) have exactly their
    industry and notes — what an import filled in, or what its undo puts back. An account
    the library does not have is left alone: the import's deals made the ones it needs just
    before, in the same transaction. Returns the deals of the accounts that changed (their
    views show the account)."""
    now = format_timestamp(utc_now())
    changed: list[str] = []
    for account in details:
        row = connection.execute(
            "UPDATE accounts SET industry = ?, notes = ?, updated_at = ? WHERE key = ? "
            "AND (industry <> ? OR notes <> ?) RETURNING id",
            [account.industry, account.notes, now, account_key(account.name),
             account.industry, account.notes]).fetchone()
        if row is not None:
            changed.append(str(row[0]))
    if not changed:
        return frozenset()
    return frozenset(r[0] for r in connection.execute(
        "SELECT id FROM deals WHERE account_id IN (SELECT value FROM json_each(?))",
        [json.dumps(changed)]))


def move_people(connection: sqlite3.Connection, deal_id: str, was: str | None,
                now: str | None) -> None:
    """The deal moved from account ``was`` to ``now``: its people's identities move with it.
    A person who also takes part in another deal of the old account cannot move (they would
    belong to two accounts): refused, naming them and that deal."""
    if was == now:
        return
    shared = connection.execute(
        "SELECT i.name, d.name FROM people AS p JOIN identities AS i ON i.id = p.id "
        "JOIN people AS o ON o.id = p.id AND o.deal_id <> p.deal_id "
        "JOIN deals AS d ON d.id = o.deal_id WHERE p.deal_id = ? LIMIT 1", [deal_id]).fetchone()
    if shared is not None:
        raise Conflict(f"{shared[0]} also takes part in “{shared[1]}”: a deal whose people "
                       "are in other deals of its account cannot change account.")
    connection.execute("UPDATE identities SET account_id = ? WHERE id IN "
                       "(SELECT id FROM people WHERE deal_id = ?)", [now, deal_id])


def forget_unused(connection: sqlite3.Connection, person_ids: Sequence[str] | None = None) -> None:
    """Identities of no account that no deal has any more go (an account keeps its people:
    they are offered when adding someone to another of its deals)."""
    if person_ids is None:
        connection.execute("DELETE FROM identities WHERE account_id IS NULL AND NOT EXISTS "
                           "(SELECT 1 FROM people AS p WHERE p.id = identities.id)")
        return
    connection.execute(
        "DELETE FROM identities WHERE id IN (SELECT value FROM json_each(?)) AND "
        "account_id IS NULL AND NOT EXISTS (SELECT 1 FROM people AS p WHERE p.id = identities.id)",
        [json.dumps(list(person_ids))])


# -- reads ----------------------------------------------------------------------------------

def _account(row: sqlite3.Row) -> Account:
    return Account(id=row["id"], name=row["name"], industry=row["industry"],
                   notes=row["notes"])


def summaries(connection: sqlite3.Connection) -> list[AccountSummary]:
    return _summaries(connection, "", [])


def _summaries(connection: sqlite3.Connection, where: str,
               parameters: list[str]) -> list[AccountSummary]:
    sql = ("SELECT a.*, (SELECT count(*) FROM identities AS i "  # noqa: S608 - fixed text
           "WHERE i.account_id = a.id) AS people, (SELECT count(*) FROM deals AS d "
           f"WHERE d.account_id = a.id) AS deals FROM accounts AS a {where} "
           "ORDER BY a.key, a.id")
    cursor = connection.execute(sql, parameters)
    return [AccountSummary(_account(row), row["people"], row["deals"]) for row in cursor]


def summary(connection: sqlite3.Connection, account_id: str) -> AccountSummary:
    found = _summaries(connection, "WHERE a.id = ?", [account_id])
    if not found:
        raise NotFound(f"The account {account_id} does not exist (any more).")
    return found[0]


def find(connection: sqlite3.Connection, reference: str) -> str:
    """The id of the account ``reference`` names: its id, its name (case and spacing
    ignored), or a unique id prefix of at least four characters."""
    ref = reference.strip()
    row = connection.execute("SELECT id FROM accounts WHERE id = ? OR key = ?",
                             [ref.lower(), account_key(ref)]).fetchone()
    if row is not None:
        return str(row[0])
    if len(ref) >= MIN_PREFIX:
        pattern = ref.lower().replace("%", "").replace("_", "") + "%"
        matches = [r[0] for r in connection.execute(
            "SELECT id FROM accounts WHERE id LIKE ? ORDER BY id", [pattern])]
        if len(matches) == 1:
            return str(matches[0])
        if len(matches) > 1:
            raise AmbiguousReference(f"The id prefix {ref!r} fits {len(matches)} accounts; "
                                     "type more of it.")
    names = [r[0] for r in connection.execute("SELECT name FROM accounts ORDER BY key")]
    hint = f" The accounts are: {', '.join(names[:8])}." if names else ""
    raise NotFound(f"No account is called {ref!r} or has that id.{hint}")


def account(connection: sqlite3.Connection, account_id: str) -> Account:
    row = connection.execute("SELECT * FROM accounts WHERE id = ?", [account_id]).fetchone()
    if row is None:
        raise NotFound(f"The account {account_id} does not exist (any more).")
    return _account(row)


_SUPPORT = {int(s): s for s in Support}
_ROLE = {r.value: r for r in Role}


def grid(connection: sqlite3.Connection, account_id: str) -> AccountGrid:
    """The account view in four queries: people, deals, stances with the personal score,
    and the reports-to lines of all its deals."""
    head = account(connection, account_id)
    people = tuple(AccountPerson(id=r[0], name=r[1], title=r[2], department=r[3],
                                 organisation=r[4], email=r[5]) for r in connection.execute(
        "SELECT id, name, title, department, organisation, email FROM identities "
        "WHERE account_id = ? ORDER BY name COLLATE NOCASE, id", [account_id]))
    deals = tuple(AccountDeal(id=r[0], name=r[1], stage=r[2]) for r in connection.execute(
        "SELECT id, name, stage FROM deals WHERE account_id = ? ORDER BY name COLLATE NOCASE, id",
        [account_id]))
    roles_seen: dict[str, tuple[Role, ...]] = {"[]": ()}
    cells: dict[tuple[str, str], Stance] = {}
    for person_id, deal_id, support, roles, personal in connection.execute(
            "SELECT p.id, p.deal_id, p.support, p.roles, s.value FROM people AS p "
            "JOIN deals AS d ON d.id = p.deal_id "
            "LEFT JOIN scores AS s ON s.deal_id = p.deal_id AND s.person_id = p.id "
            "AND s.axis = 'personal' WHERE d.account_id = ?", [account_id]):
        chosen = roles_seen.get(roles)
        if chosen is None:
            wanted = {_ROLE[v] for v in json.loads(roles) if v in _ROLE}
            chosen = roles_seen[roles] = tuple(r for r in ROLE_ORDER if r in wanted)
        cells[(person_id, deal_id)] = Stance(_SUPPORT[support], personal, chosen)
    reports = tuple(dict.fromkeys((r[0], r[1]) for r in connection.execute(
        "SELECT r.source, r.target FROM relations AS r JOIN deals AS d ON d.id = r.deal_id "
        "WHERE d.account_id = ? AND r.kind = 'reports-to' ORDER BY r.deal_id, r.ordinal",
        [account_id])))
    return AccountGrid(head, people, deals, cells, reports)


def people(connection: sqlite3.Connection, account_id: str, text: str = "",
           limit: int = 50) -> list[AccountPerson]:
    """The account's people whose name, title or e-mail contains ``text`` (any case), those
    whose name starts with it first: what adding someone to a deal offers."""
    wanted = text.strip()
    pattern = "%" + wanted.replace("%", "").replace("_", "") + "%"
    return [AccountPerson(id=r[0], name=r[1], title=r[2], department=r[3], organisation=r[4],
                          email=r[5]) for r in connection.execute(
        "SELECT id, name, title, department, organisation, email FROM identities "
        "WHERE account_id = :account AND (name LIKE :p OR title LIKE :p OR email LIKE :p) "
        "ORDER BY (name NOT LIKE :start), name COLLATE NOCASE, id LIMIT :limit",
        {"account": account_id, "p": pattern, "start": wanted + "%", "limit": limit})]


def person_ids(connection: sqlite3.Connection, account_id: str | None) -> frozenset[str]:
    if account_id is None:
        return frozenset()
    return frozenset(r[0] for r in connection.execute(
        "SELECT id FROM identities WHERE account_id = ?", [account_id]))
