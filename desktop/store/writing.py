"""Writing the library: the statements behind each operation, over a connection that is
already inside the operation's one transaction (``Library._write``). Each returns the
:class:`~desktop.domain.changes.ChangeSet` of what it did."""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Mapping, Sequence
from dataclasses import replace
from typing import Any

from desktop.domain.account_rules import MAX_ACCOUNT_PEOPLE
from desktop.domain.accounts import NoticeKind
from desktop.domain.changes import ChangeSet
from desktop.domain.dates import format_timestamp, utc_now
from desktop.domain.deal import Deal, Snapshot
from desktop.domain.person import Person
from desktop.domain.plain import snapshot_to_plain
from desktop.domain.relation import Relation
from desktop.store import accounts, notices, reading, rows
from desktop.store.errors import Conflict, NotFound

UPDATE_STANCE_SQL = rows.update_sql("people", rows.STANCE_FIELD_COLUMNS,
                                    "deal_id = :deal_id AND id = :id")
UPDATE_IDENTITY_SQL = rows.update_sql("identities", rows.IDENTITY_FIELD_COLUMNS)
UPDATE_DEAL_SQL = rows.update_sql("deals", (*rows.DEAL_FIELD_COLUMNS, "updated_at"))
UPSERT_SCORE_SQL = (
    "INSERT INTO scores (deal_id, person_id, axis, value, evidence, confidence, private) "
    "VALUES (:deal_id, :person_id, :axis, :value, :evidence, :confidence, :private) "
    "ON CONFLICT (deal_id, person_id, axis) DO UPDATE SET value = excluded.value, "
    "evidence = excluded.evidence, confidence = excluded.confidence, "
    "private = excluded.private"
)
SNAPSHOT_COLUMNS = ("id", "deal_id", "name", "taken_at", "content")


def insert_deals(connection: sqlite3.Connection, deals: Sequence[Deal]) -> ChangeSet:
    now = utc_now()
    for deal in deals:
        if connection.execute("SELECT 1 FROM deals WHERE id = ?", [deal.id]).fetchone():
            raise Conflict(f"The library already has a deal with the id {deal.id}.")
        # The times go into the row, not a copy of the deal: re-validating a deal of
        # ten thousand people just to stamp it would cost more than storing it.
        account_id, account = accounts.resolve(connection, deal)
        connection.execute(rows.insert_sql("deals", rows.DEAL_COLUMNS),
                           {**rows.deal_row(deal, default_time=now),
                            "account_id": account_id, "account": account})
        insert_people(connection, deal.id, deal.people, 0, account_id=account_id)
        insert_relations(connection, deal.id, deal.relations)
        write_plan(connection, deal)
        connection.executemany(rows.insert_sql("snapshots", SNAPSHOT_COLUMNS),
                               [snapshot_row(deal.id, s) for s in deal.snapshots])
    ids = frozenset(deal.id for deal in deals)
    return ChangeSet(deals_added=ids, contents=ids, plans=ids)


def write_plan(connection: sqlite3.Connection, deal: Deal) -> None:
    """Make the stored plan of ``deal`` (its actions, criteria, process, alternatives and
    compelling event) exactly the deal's: the records are few (thousands at most), so they
    are written whole, in the deal's order."""
    for table, values in rows.plan_values(deal).items():
        try:
            connection.execute(f"DELETE FROM {table} WHERE deal_id = ?",  # noqa: S608
                               [deal.id])
            connection.executemany(rows.positional_insert_sql(table, rows.PLAN_TABLES[table]),
                                   values)
        except sqlite3.IntegrityError as error:
            raise Conflict(f"A plan record is already in the library ({error}).") from None
    event = deal.compelling_event
    connection.execute(
        "UPDATE deals SET compelling_event = ?, compelling_by = ? WHERE id = ?",
        [event.text if event else "", event.by.isoformat() if event and event.by else None,
         deal.id])


def replace_deal(connection: sqlite3.Connection, deal: Deal) -> ChangeSet:
    """Make the stored deal exactly ``deal``: people, relations and snapshots it lacks are
    removed, the rest updated or added, in its order."""
    before = reading.deal(connection, deal.id)
    account_id = update_deal_row(connection, replace(
        deal, created_at=deal.created_at or before.created_at,
        updated_at=deal.updated_at or utc_now()), before.account_id)
    keep_people = {p.id for p in deal.people}
    keep_relations = {r.id for r in deal.relations}
    keep_snapshots = {s.id for s in deal.snapshots}
    gone_people = [p.id for p in before.people if p.id not in keep_people]
    gone_relations = [r.id for r in before.relations if r.id not in keep_relations]
    gone_snapshots = [s.id for s in before.snapshots if s.id not in keep_snapshots]
    connection.executemany("DELETE FROM people WHERE deal_id = ? AND id = ?",
                           [[deal.id, i] for i in gone_people])
    accounts.forget_unused(connection, gone_people)
    connection.executemany("DELETE FROM snapshots WHERE id = ?", [[i] for i in gone_snapshots])
    # Rewrite people and relations in the new order (ordinals are the deal's order).
    old_people = {p.id for p in before.people}
    old_relations = {r.id for r in before.relations}
    managers_before = notices.managers(connection, deal.id, notices.shared(
        connection, deal.id, keep_people & old_people))
    connection.execute("DELETE FROM relations WHERE deal_id = ?", [deal.id])
    for ordinal, person in enumerate(deal.people):
        if person.id in old_people:
            update_person(connection, deal.id, person)
            connection.execute("UPDATE people SET ordinal = ? WHERE deal_id = ? AND id = ?",
                               [ordinal, deal.id, person.id])
        else:
            insert_people(connection, deal.id, [person], ordinal, account_id=account_id)
    insert_relations(connection, deal.id, deal.relations)
    notices.note_manager_changes(connection, deal.id, managers_before)
    write_plan(connection, deal)
    old_snapshots = {s.id for s in before.snapshots}
    connection.executemany(
        rows.insert_sql("snapshots", SNAPSHOT_COLUMNS),
        [snapshot_row(deal.id, s) for s in deal.snapshots if s.id not in old_snapshots])
    return ChangeSet(deals=frozenset({deal.id}), contents=frozenset({deal.id}),
                     plans=frozenset({deal.id}),
                     people=frozenset(keep_people & old_people),
                     people_added=frozenset(keep_people - old_people),
                     people_removed=frozenset(gone_people),
                     relations=frozenset(keep_relations & old_relations),
                     relations_added=frozenset(keep_relations - old_relations),
                     relations_removed=frozenset(gone_relations),
                     snapshots=frozenset(keep_snapshots - old_snapshots),
                     snapshots_removed=frozenset(gone_snapshots))


def delete_deal(connection: sqlite3.Connection, deal_id: str) -> ChangeSet:
    """Remove a deal with everything that hangs on it (cascades)."""
    def ids(table: str) -> frozenset[str]:
        return frozenset(row[0] for row in connection.execute(
            f"SELECT id FROM {table} WHERE deal_id = ?", [deal_id]))  # noqa: S608

    people, relations, snapshots = ids("people"), ids("relations"), ids("snapshots")
    cursor = connection.execute("DELETE FROM deals WHERE id = ?", [deal_id])
    require_row(cursor, f"The deal {deal_id} does not exist (any more).")
    accounts.forget_unused(connection, list(people))
    return ChangeSet(deals_removed=frozenset({deal_id}), people_removed=people,
                     relations_removed=relations, snapshots_removed=snapshots)


def insert_people(connection: sqlite3.Connection, deal_id: str, people: Sequence[Person],
                  start: int, ordinals: Mapping[str, int] | None = None, *,
                  account_id: str | None) -> None:
    """Add people to a deal of ``account_id``. A person the account already has (same id)
    takes part with their identity as given here; one of another account, or of another
    deal without an account, is refused: a person belongs to one account."""
    ordinals = ordinals or {}
    ids = json.dumps([p.id for p in people])
    known = dict(connection.execute(
        "SELECT id, account_id FROM identities WHERE id IN (SELECT value FROM json_each(?))",
        [ids]).fetchall())
    for person in people:
        if person.id in known and (known[person.id] is None or known[person.id] != account_id):
            raise Conflict(f"{person.name} ({person.id}) already belongs to another account "
                           "or deal of the library.")
    shared = [p for p in people if p.id in known]
    for person in shared:
        # A field the incoming person leaves empty says nothing: the account's value stays.
        incoming = rows.identity_row(person)
        stored = connection.execute(
            f"SELECT {', '.join(incoming)} FROM identities WHERE id = :id",  # noqa: S608
            incoming).fetchone()
        merged = {name: value if value not in ("", None) else stored[name]
                  for name, value in incoming.items()}
        connection.execute(UPDATE_IDENTITY_SQL, merged)
        notices.note_change(connection, deal_id, person.id, NoticeKind.TITLE,
                            stored["title"], merged["title"])
    try:
        connection.executemany(
            rows.positional_insert_sql("identities", rows.IDENTITY_COLUMNS),
            [rows.identity_values(p, account_id) for p in people if p.id not in known])
        connection.executemany(
            rows.positional_insert_sql("people", rows.STANCE_COLUMNS),
            [rows.stance_values(p, deal_id, ordinals.get(p.id, start + i))
             for i, p in enumerate(people)])
    except sqlite3.IntegrityError as error:
        raise Conflict(f"A person is already in the library ({error}).") from None
    if account_id is not None and len(known) < len(people):
        held = connection.execute("SELECT count(*) FROM identities WHERE account_id = ?",
                                  [account_id]).fetchone()[0]
        if held > MAX_ACCOUNT_PEOPLE:
            name = connection.execute("SELECT name FROM accounts WHERE id = ?",
                                      [account_id]).fetchone()[0]
            raise Conflict(f"The account {name} would have {held:,} people; the limit is "
                           f"{MAX_ACCOUNT_PEOPLE:,}. Nothing was added.")
    connection.executemany(
        rows.insert_sql("scores", rows.SCORE_COLUMNS),
        [row for person in people
         for row in rows.score_rows(person, deal_id, skip_defaults=True)])


def update_person(connection: sqlite3.Connection, deal_id: str, person: Person) -> None:
    """Store the person's identity (every deal of the account shows it) and their stance
    and scores in ``deal_id``. A changed identity touches the person's other deals too (what
    they show changed); a new title gives them a notice; this deal's notices for the person
    are cleared: the seller has just looked at them here."""
    identity = rows.identity_row(person)
    stored = connection.execute(
        f"SELECT {', '.join(identity)} FROM identities WHERE id = :id",  # noqa: S608
        identity).fetchone()
    cursor = connection.execute(UPDATE_STANCE_SQL, rows.stance_row(person, deal_id))
    require_row(cursor, f"The person {person.id} is not in this deal.")
    connection.executemany(UPSERT_SCORE_SQL, rows.score_rows(person, deal_id))
    if stored is not None and tuple(stored) != tuple(identity.values()):
        # Most edits are of the stance (support, a score): the identity is written only
        # when it changed, and only then are the person's other deals touched.
        connection.execute(UPDATE_IDENTITY_SQL, identity)
        connection.execute(
            "UPDATE deals SET updated_at = ? WHERE id IN "
            "(SELECT deal_id FROM people WHERE id = ? AND deal_id <> ?)",
            [format_timestamp(utc_now()), person.id, deal_id])
        title = stored[tuple(identity).index("title")]
        notices.note_change(connection, deal_id, person.id, NoticeKind.TITLE, title,
                            person.title)
    notices.clear(connection, deal_id, [person.id])


def update_deal_row(connection: sqlite3.Connection, deal: Deal, was: str | None) -> str | None:
    """Store the deal's own fields; its account is the one its account name means (made
    when new), and its people move with it when that changes. The account id it ends in."""
    account_id, account = accounts.resolve(connection, deal)
    cursor = connection.execute(UPDATE_DEAL_SQL, {**rows.deal_row(deal), "account_id": account_id,
                                                  "account": account})
    require_row(cursor, f"The deal {deal.id} does not exist (any more).")
    accounts.move_people(connection, deal.id, was, account_id)
    return account_id


def insert_relations(connection: sqlite3.Connection, deal_id: str,
                     relations: Sequence[Relation],
                     ordinals: Mapping[str, int] | None = None) -> None:
    ordinals = ordinals or {}
    start = connection.execute(
        "SELECT coalesce(max(ordinal), -1) + 1 FROM relations WHERE deal_id = ?",
        [deal_id]).fetchone()[0]
    connection.executemany(
        rows.positional_insert_sql("relations", rows.RELATION_COLUMNS),
        [rows.relation_values(r, deal_id, ordinals.get(r.id, start + i))
         for i, r in enumerate(relations)])


def check_new_relations(connection: sqlite3.Connection, deal_id: str,
                        relations: Sequence[Relation]) -> None:
    """Every new line joins two people of the deal, is not drawn already, has a new id."""
    if not relations:
        return
    members = set(reading.people_order(connection, deal_id))
    for relation in relations:
        for end in (relation.source, relation.target):
            if end not in members:
                raise NotFound(f"The person {end} is not in this deal.")
    check_unique_lines(connection, deal_id, relations)


def check_unique_lines(connection: sqlite3.Connection, deal_id: str,
                       relations: Sequence[Relation], *, replacing: bool = False) -> None:
    """The same line twice is refused, by the one rule of what makes two lines the same
    (``line_identity``, which ``Deal.has_line`` asks too)."""
    changed = {r.id for r in relations}
    existing = [r for r in reading.relations(connection, deal_id)
                if not (replacing and r.id in changed)]
    if not replacing:
        taken = {r.id for r in existing}
        for relation in relations:
            if relation.id in taken:
                raise Conflict(f"A relation with the id {relation.id} already exists.")
    drawn = {r.identity for r in existing}
    for relation in relations:
        if relation.identity in drawn:
            raise Conflict(f"That {relation.kind.label.lower()} line is already drawn.")
        drawn.add(relation.identity)


def touch(connection: sqlite3.Connection, deal_id: str) -> None:
    connection.execute("UPDATE deals SET updated_at = ? WHERE id = ?",
                       [format_timestamp(utc_now()), deal_id])


def snapshot_row(deal_id: str, snapshot: Snapshot) -> dict[str, Any]:
    return {
        "id": snapshot.id,
        "deal_id": deal_id,
        "name": snapshot.name,
        "taken_at": format_timestamp(snapshot.taken_at),
        "content": json.dumps(snapshot_to_plain(snapshot, include_private=True)["deal"],
                              ensure_ascii=False, separators=(",", ":")),
    }


def require_row(cursor: sqlite3.Cursor, message: str) -> None:
    if cursor.rowcount == 0:
        raise NotFound(message)
