"""What changed about a person in another deal of their account, kept for each of their
other deals until the seller reviews their stance there.

A title is identity: edited in one deal, every deal shows the new one at once — but the
stance in the others was judged for the old job, so each gets a notice ("Kevin Liu is now
Head of Architecture — review his stance"), which the red flags show. A manager is the
reports-to line each deal draws; a changed line for a shared person gives the same notice in
the person's other deals. Editing the person in a deal clears that deal's notices for them.
Changing back to what a deal last saw clears its notice too.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Collection, Mapping

from desktop.domain.accounts import IdentityNotice, NoticeKind
from desktop.domain.dates import format_timestamp, parse_timestamp, utc_now

Managers = Mapping[str, frozenset[str]]

_UPSERT = (
    "INSERT INTO notices (deal_id, person_id, what, was, now, at) "
    "SELECT o.deal_id, o.id, :what, :was, :now, :at FROM people AS o "
    "WHERE o.id = :person AND o.deal_id <> :deal "
    "ON CONFLICT (deal_id, person_id, what) DO UPDATE SET now = excluded.now, at = excluded.at")


_UPSERT_ONE = (
    "INSERT INTO notices (deal_id, person_id, what, was, now, at) "
    "VALUES (:deal, :person, :what, :was, :now, :at) "
    "ON CONFLICT (deal_id, person_id, what) DO UPDATE SET now = excluded.now, at = excluded.at")


def note_change(connection: sqlite3.Connection, deal_id: str, person_id: str,
                what: NoticeKind, was: str, now: str) -> None:
    """``person_id``'s ``what`` changed from ``was`` to ``now`` in ``deal_id``: their other
    deals get (or update) a notice; one back at what it last saw loses it."""
    if was == now:
        return
    connection.execute(_UPSERT, {"what": what.value, "was": was, "now": now,
                                 "at": format_timestamp(utc_now()), "person": person_id,
                                 "deal": deal_id})
    connection.execute("DELETE FROM notices WHERE person_id = ? AND what = ? AND was = now",
                       [person_id, what.value])


def shared(connection: sqlite3.Connection, deal_id: str,
           person_ids: Collection[str]) -> set[str]:
    """Which of these people of the deal also take part in another deal."""
    return {row[0] for row in connection.execute(
        "SELECT DISTINCT id FROM people WHERE deal_id <> ? AND id IN "
        "(SELECT value FROM json_each(?))", [deal_id, json.dumps(list(person_ids))])}


def managers(connection: sqlite3.Connection, deal_id: str, person_ids: Collection[str]
             ) -> dict[str, frozenset[str]]:
    """Each person's managers (reports-to targets) in the deal."""
    found: dict[str, set[str]] = {pid: set() for pid in person_ids}
    for source, target in connection.execute(
            "SELECT source, target FROM relations WHERE deal_id = ? AND kind = 'reports-to'",
            [deal_id]):
        if source in found:
            found[source].add(target)
    return {pid: frozenset(targets) for pid, targets in found.items()}


def note_manager_changes(connection: sqlite3.Connection, deal_id: str, before: Managers) -> None:
    """Compare the shared people's managers in ``deal_id`` with ``before`` (read before the
    write) and give their other deals a notice where they changed."""
    if not before:
        return
    after = managers(connection, deal_id, before)
    for person_id, was in before.items():
        now = after[person_id]
        if was == now:
            continue
        # Only the deals that draw the person's managers otherwise are told.
        others = [row[0] for row in connection.execute(
            "SELECT deal_id FROM people WHERE id = ? AND deal_id <> ?", [person_id, deal_id])]
        for other in others:
            if managers(connection, other, [person_id])[person_id] == now:
                connection.execute("DELETE FROM notices WHERE deal_id = ? AND person_id = ? "
                                   "AND what = 'manager'", [other, person_id])
                continue
            connection.execute(_UPSERT_ONE, {
                "what": NoticeKind.MANAGER.value, "was": _names(connection, was),
                "now": _names(connection, now), "at": format_timestamp(utc_now()),
                "person": person_id, "deal": other})


def _names(connection: sqlite3.Connection, ids: frozenset[str]) -> str:
    return ", ".join(sorted(r[0] for r in connection.execute(
        "SELECT name FROM identities WHERE id IN (SELECT value FROM json_each(?))",
        [json.dumps(sorted(ids))])))


def clear(connection: sqlite3.Connection, deal_id: str, person_ids: Collection[str]) -> None:
    connection.execute("DELETE FROM notices WHERE deal_id = ? AND person_id IN "
                       "(SELECT value FROM json_each(?))", [deal_id, json.dumps(list(person_ids))])


def restore(connection: sqlite3.Connection, deal_id: str,
            kept: Collection[IdentityNotice]) -> None:
    """Put back notices that were read before (undoing "reviewed")."""
    connection.executemany(
        "INSERT OR REPLACE INTO notices (deal_id, person_id, what, was, now, at) "
        "VALUES (?, ?, ?, ?, ?, ?)",
        [(deal_id, n.person, n.what.value, n.was, n.now, format_timestamp(n.at)) for n in kept])


def read(connection: sqlite3.Connection, deal_id: str) -> tuple[IdentityNotice, ...]:
    return tuple(IdentityNotice(person=r[0], what=NoticeKind(r[1]), was=r[2], now=r[3],
                                at=parse_timestamp(r[4], "at")) for r in connection.execute(
        "SELECT person_id, what, was, now, at FROM notices WHERE deal_id = ? "
        "ORDER BY at, person_id, what", [deal_id]))
