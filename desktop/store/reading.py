"""Reading the library: deals whole or in part, people and lines by id, lists for the window.

Functions over a connection, called by :class:`~desktop.store.library.Library` inside one read
transaction. The partial reads (``people``, ``relations``, ``*_order``) are what lets the
window refresh one person after an edit instead of reading the whole deal again.
"""

from __future__ import annotations

import json
import sqlite3
from collections import defaultdict
from collections.abc import Collection
from datetime import date

from desktop.domain.dates import parse_date, parse_timestamp
from desktop.domain.deal import Deal, Snapshot
from desktop.domain.errors import ValidationError
from desktop.domain.person import Person
from desktop.domain.plain import snapshot_from_plain
from desktop.domain.relation import Relation
from desktop.domain.scores import Score
from desktop.store import notices, rows
from desktop.store.errors import AmbiguousReference, NotFound
from desktop.store.summaries import DealSummary, SnapshotInfo

MIN_PREFIX = 4
_SUMMARY_SQL = (
    "SELECT d.id, d.name, d.account, d.stage, d.amount, d.currency, d.close_date, "
    "d.updated_at, (SELECT count(*) FROM people AS p WHERE p.deal_id = d.id) AS people, "
    "(SELECT count(*) FROM actions AS a WHERE a.deal_id = d.id AND a.status = 'open' "
    "AND a.due < date('now', 'localtime')) AS overdue "
    "FROM deals AS d"
)
# Lists of ids go in as one JSON parameter (json_each), so any number fits in one query.


LIST_DEALS_SQL = _SUMMARY_SQL + " ORDER BY d.name COLLATE NOCASE, d.id"


def list_deals(connection: sqlite3.Connection) -> list[DealSummary]:
    cursor = connection.execute(LIST_DEALS_SQL)
    return [_summary(row) for row in cursor]


def deal_summary(connection: sqlite3.Connection, deal_id: str) -> DealSummary:
    row = connection.execute(_SUMMARY_SQL + " WHERE d.id = ?", [deal_id]).fetchone()
    if row is None:
        raise NotFound(f"The deal {deal_id} does not exist (any more).")
    return _summary(row)


def _summary(row: sqlite3.Row) -> DealSummary:
    return DealSummary(id=row[0], name=row[1], account=row[2], stage=row[3], amount=row[4],
                       currency=row[5], close_date=_date(row[6]),
                       updated_at=parse_timestamp(row[7], "updated_at"), people=row[8],
                       overdue=row[9])


def find_deal(connection: sqlite3.Connection, reference: str) -> str:
    """The id of the deal that ``reference`` names: its id, its exact name (then ignoring
    case), or a unique id prefix of at least four characters."""
    ref = reference.strip()

    def ids(sql: str, value: str) -> list[str]:
        return [str(row[0]) for row in connection.execute(sql, [value])]

    if ids("SELECT id FROM deals WHERE id = ?", ref.lower()):
        return ref.lower()
    named = ids("SELECT id FROM deals WHERE name = ?", ref) or ids(
        "SELECT id FROM deals WHERE name = ? COLLATE NOCASE", ref)
    if len(named) == 1:
        return named[0]
    if len(named) > 1:
        raise AmbiguousReference(f"{len(named)} deals are named {ref!r}; name one by its id "
                                 f"({', '.join(i[:8] for i in named)}).")
    if len(ref) >= MIN_PREFIX:
        pattern = ref.lower().replace("\\", "").replace("%", "").replace("_", "") + "%"
        matches = ids("SELECT id FROM deals WHERE id LIKE ? ORDER BY id", pattern)
        if len(matches) == 1:
            return matches[0]
        if len(matches) > 1:
            raise AmbiguousReference(
                f"The id prefix {ref!r} fits {len(matches)} deals; type more of it.")
    # A part of a name is how people remember a deal: offer the names that contain it.
    wanted = ref.casefold()
    near = [str(row[0]) for row in connection.execute("SELECT name FROM deals ORDER BY name")
            if wanted and wanted in str(row[0]).casefold()]
    offered = [f"“{name}”" for name in near[:3]] + (
        [f"{len(near) - 3} more"] if len(near) > 3 else [])
    hint = ("; did you mean " + (" or ".join(offered) if len(offered) < 3 else
                                 ", ".join(offered[:-1]) + " or " + offered[-1]) + "?"
            if offered else ".")
    raise NotFound(f"No deal is called {ref!r} or has that id{hint}")


def deal(connection: sqlite3.Connection, deal_id: str, *, snapshots: bool = True) -> Deal:
    head = _deal_row(connection, deal_id)
    return rows.deal_from_row(head, people(connection, deal_id), relations(connection, deal_id),
                              deal_snapshots(connection, deal_id) if snapshots else [],
                              plan(connection, deal_id), notices.read(connection, deal_id))


_PLAN_READERS = (("alternatives", "alternatives", rows.alternative_from_row),
                 ("actions", "actions", rows.action_from_row),
                 ("criteria", "criteria", rows.criterion_from_row),
                 ("process", "process_steps", rows.step_from_row),
                 ("comments", "comments", rows.comment_from_row))


def plan(connection: sqlite3.Connection, deal_id: str) -> dict[str, tuple[object, ...]]:
    """The deal's plan lists, in its order, as ``Deal`` keyword arguments."""
    return {
        field: tuple(make(row) for row in connection.execute(
            f"SELECT * FROM {table} WHERE deal_id = ? ORDER BY ordinal, id",  # noqa: S608
            [deal_id]))
        for field, table, make in _PLAN_READERS}


def deal_fields(connection: sqlite3.Connection, deal_id: str) -> Deal:
    """The deal's own fields only (no people, lines or snapshots)."""
    return rows.deal_from_row(_deal_row(connection, deal_id))


def _deal_row(connection: sqlite3.Connection, deal_id: str) -> sqlite3.Row:
    row = connection.execute("SELECT * FROM deals WHERE id = ?", [deal_id]).fetchone()
    if row is None:
        raise NotFound(f"The deal {deal_id} does not exist (any more).")
    return row  # type: ignore[no-any-return]


def people(connection: sqlite3.Connection, deal_id: str,
           ids: Collection[str] | None = None) -> list[Person]:
    """The deal's people in its order; only those of ``ids`` when given (ids of other deals
    or of nobody are left out)."""
    if ids is None:
        scores_sql = "SELECT * FROM scores WHERE deal_id = ?"
        people_sql = rows.PEOPLE_SELECT + " WHERE p.deal_id = ? ORDER BY p.ordinal, p.id"
        parameters: list[object] = [deal_id]
    else:
        if not ids:
            return []
        scores_sql = ("SELECT * FROM scores WHERE deal_id = ? "
                      "AND person_id IN (SELECT value FROM json_each(?))")
        people_sql = rows.PEOPLE_SELECT + (" WHERE p.deal_id = ? AND p.id IN "  # noqa: S608
                                           "(SELECT value FROM json_each(?)) "
                                           "ORDER BY p.ordinal, p.id")
        parameters = [deal_id, json.dumps(list(ids))]
    scores: dict[str, dict[str, Score]] = defaultdict(dict)
    for row in connection.execute(scores_sql, parameters):
        scores[row["person_id"]][row["axis"]] = rows.score_from_row(row)
    no_scores: dict[str, Score] = {}
    return [rows.person_from_row(row, scores.get(row["id"], no_scores))
            for row in connection.execute(people_sql, parameters)]


def relations(connection: sqlite3.Connection, deal_id: str,
              ids: Collection[str] | None = None) -> list[Relation]:
    """The deal's lines in its order; only those of ``ids`` when given."""
    if ids is None:
        cursor = connection.execute(
            "SELECT * FROM relations WHERE deal_id = ? ORDER BY ordinal, id", [deal_id])
    elif not ids:
        return []
    else:
        cursor = connection.execute(
            "SELECT * FROM relations WHERE deal_id = ? "
            "AND id IN (SELECT value FROM json_each(?)) ORDER BY ordinal, id",
            [deal_id, json.dumps(list(ids))])
    return [rows.relation_from_row(row) for row in cursor]


def plan_names_any(connection: sqlite3.Connection, deal_id: str,
                   person_ids: Collection[str]) -> bool:
    """Whether any plan record of the deal names one of these people."""
    ids = json.dumps(list(person_ids))
    wanted = "(SELECT value FROM json_each(:ids))"
    found: int = connection.execute(
        f"SELECT EXISTS (SELECT 1 FROM actions WHERE deal_id = :deal AND ("  # noqa: S608
        f"owner IN {wanted} OR intended_person IN {wanted} OR EXISTS ("
        f"SELECT 1 FROM json_each(actions.people) WHERE value IN {wanted}))) "
        f"OR EXISTS (SELECT 1 FROM criteria WHERE deal_id = :deal AND owner IN {wanted}) "
        f"OR EXISTS (SELECT 1 FROM process_steps WHERE deal_id = :deal "
        f"AND approver IN {wanted}) "
        f"OR EXISTS (SELECT 1 FROM comments WHERE deal_id = :deal "
        f"AND target_kind = 'person' AND target IN {wanted})",
        {"deal": deal_id, "ids": ids}).fetchone()[0]
    return found == 1


def people_order(connection: sqlite3.Connection, deal_id: str) -> list[str]:
    return [row[0] for row in connection.execute(
        "SELECT id FROM people WHERE deal_id = ? ORDER BY ordinal, id", [deal_id])]


def relations_order(connection: sqlite3.Connection, deal_id: str) -> list[str]:
    return [row[0] for row in connection.execute(
        "SELECT id FROM relations WHERE deal_id = ? ORDER BY ordinal, id", [deal_id])]


def ordinals(connection: sqlite3.Connection, deal_id: str) -> dict[str, int]:
    return dict(connection.execute(
        "SELECT id, ordinal FROM people WHERE deal_id = ? "
        "UNION ALL SELECT id, ordinal FROM relations WHERE deal_id = ?",
        [deal_id, deal_id]).fetchall())


def ids_in_use(connection: sqlite3.Connection) -> set[str]:
    return {row[0] for row in connection.execute(
        "SELECT id FROM identities UNION ALL SELECT id FROM relations "
        "UNION ALL SELECT id FROM snapshots UNION ALL SELECT id FROM actions "
        "UNION ALL SELECT id FROM criteria UNION ALL SELECT id FROM process_steps "
        "UNION ALL SELECT id FROM alternatives UNION ALL SELECT id FROM comments")}


def deal_of(connection: sqlite3.Connection, table: str, item_id: str, what: str) -> str:
    row = connection.execute(
        f"SELECT deal_id FROM {table} WHERE id = ?", [item_id]).fetchone()  # noqa: S608
    if row is None:
        raise NotFound(f"The {what} {item_id} does not exist (any more).")
    return str(row[0])


def deals_of_person(connection: sqlite3.Connection, person_id: str) -> list[str]:
    """The deals the person takes part in (several when their account shares them)."""
    found = [str(row[0]) for row in connection.execute(
        "SELECT deal_id FROM people WHERE id = ? ORDER BY deal_id", [person_id])]
    if not found:
        raise NotFound(f"The person {person_id} does not exist (any more).")
    return found


def account_of(connection: sqlite3.Connection, deal_id: str) -> str | None:
    row = connection.execute("SELECT account_id FROM deals WHERE id = ?", [deal_id]).fetchone()
    if row is None:
        raise NotFound(f"The deal {deal_id} does not exist (any more).")
    return row[0]  # type: ignore[no-any-return]


def require_deal(connection: sqlite3.Connection, deal_id: str) -> None:
    if not connection.execute("SELECT 1 FROM deals WHERE id = ?", [deal_id]).fetchone():
        raise NotFound(f"The deal {deal_id} does not exist (any more).")


# -- snapshots ------------------------------------------------------------------------------

def list_snapshots(connection: sqlite3.Connection, deal_id: str) -> list[SnapshotInfo]:
    return [
        SnapshotInfo(id=row["id"], deal_id=row["deal_id"], name=row["name"],
                     taken_at=parse_timestamp(row["taken_at"], "taken_at"))
        for row in connection.execute(
            "SELECT id, deal_id, name, taken_at FROM snapshots WHERE deal_id = ? "
            "ORDER BY taken_at, id", [deal_id])
    ]


def snapshot(connection: sqlite3.Connection, snapshot_id: str) -> Snapshot:
    row = connection.execute("SELECT * FROM snapshots WHERE id = ?", [snapshot_id]).fetchone()
    if row is None:
        raise NotFound(f"The snapshot {snapshot_id} does not exist (any more).")
    return snapshot_from_row(row)


def deal_snapshots(connection: sqlite3.Connection, deal_id: str) -> list[Snapshot]:
    return [snapshot_from_row(row) for row in connection.execute(
        "SELECT * FROM snapshots WHERE deal_id = ? ORDER BY taken_at, id", [deal_id])]


def snapshot_from_row(row: rows.Row) -> Snapshot:
    try:
        return snapshot_from_plain({"id": row["id"], "name": row["name"],
                                    "taken_at": row["taken_at"],
                                    "deal": json.loads(row["content"])}, "snapshot")
    except (ValueError, ValidationError) as error:  # a damaged snapshot must not hide the deal
        raise NotFound(f"The snapshot {row['name']!r} is damaged ({error}).") from None


def _date(value: str | None) -> date | None:
    return parse_date(value, "close_date")
