"""The library façade: typed reads and operations over one SQLite file.

Every operation is one ``BEGIN IMMEDIATE … COMMIT`` transaction (durable: WAL with
``synchronous=FULL``) and returns a :class:`ChangeSet`. Operations take and give domain
objects, so the window's undo commands simply keep the before and after values.

A ``Library`` is not thread-safe: the window drives it from one serial worker at a time.
"""

from __future__ import annotations

import contextlib
import functools
import json
import sqlite3
from collections import defaultdict
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import replace
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any

from desktop.domain.dates import format_timestamp, parse_date, parse_timestamp, utc_now
from desktop.domain.deal import Deal, Snapshot
from desktop.domain.enums import Axis
from desktop.domain.errors import ValidationError
from desktop.domain.person import Person
from desktop.domain.plain import snapshot_from_plain, snapshot_to_plain
from desktop.domain.position import Position
from desktop.domain.relation import Relation
from desktop.domain.scores import Score
from desktop.store import rows
from desktop.store.backups import DEFAULT_KEEP, backup_copy, copy_to, daily_due
from desktop.store.changes import ChangeSet
from desktop.store.errors import (
    AmbiguousReference,
    Conflict,
    LibraryCorrupt,
    LibraryUnavailable,
    NotALibrary,
    NotFound,
    translated,
)
from desktop.store.opening import open_connection, open_read_only, writable
from desktop.store.summaries import DealSummary, SnapshotInfo

if TYPE_CHECKING:
    import sqlite_utils

UPDATE_PERSON_SQL = (
    "UPDATE people SET name = :name, title = :title, department = :department, "
    "email = :email, phone = :phone, roles = :roles, support = :support, "
    "influence = :influence, coverage = :coverage, mode = :mode, "
    "last_contact = :last_contact, next_step = :next_step, notes = :notes, x = :x, y = :y "
    "WHERE id = :id"
)
UPSERT_SCORE_SQL = (
    "INSERT INTO scores (person_id, axis, value, evidence, confidence, private) "
    "VALUES (:person_id, :axis, :value, :evidence, :confidence, :private) "
    "ON CONFLICT (person_id, axis) DO UPDATE SET value = excluded.value, "
    "evidence = excluded.evidence, confidence = excluded.confidence, "
    "private = excluded.private"
)
TOUCH_DEAL_SQL = "UPDATE deals SET updated_at = ? WHERE id = ?"
LIST_DEALS_SQL = (
    "SELECT d.id, d.name, d.account, d.stage, d.amount, d.currency, d.close_date, "
    "d.updated_at, (SELECT count(*) FROM people AS p WHERE p.deal_id = d.id) AS people "
    "FROM deals AS d ORDER BY d.name COLLATE NOCASE, d.id"
)
MIN_PREFIX = 4
SNAPSHOT_COLUMNS = ("id", "deal_id", "name", "taken_at", "content")


class Library:
    """An open library file. Use :meth:`open`; close it (or use ``with``) when done."""

    def __init__(self, path: Path, connection: sqlite3.Connection, *,
                 read_only: bool = False) -> None:
        self.path = path
        self._connection = connection
        self.read_only = read_only  # opened for reading: the file or its folder is read-only
        connection.row_factory = sqlite3.Row

    @functools.cached_property
    def db(self) -> sqlite_utils.Database:
        """sqlite-utils over the same connection, for introspection and scripting.

        Loaded on first use: importing sqlite-utils also imports numpy (~150 ms), which
        must not stand between a double-click and the first painted window. Hot paths use
        the connection directly with parameterised SQL (see benchmarks/store_edits.py).
        """
        import sqlite_utils

        return sqlite_utils.Database(self._connection, execute_plugins=False)

    def _query(self, sql: str, parameters: Sequence[Any] = ()) -> list[sqlite3.Row]:
        return self._connection.execute(sql, parameters).fetchall()

    @classmethod
    def open(cls, path: Path | str, *, create: bool = True) -> Library:
        resolved = Path(path).expanduser().absolute()
        if resolved.is_file() and resolved.stat().st_size > 0 and not writable(resolved):
            # Read-only file, folder or medium: the deals can still be read, printed and
            # exported; every write is refused with a sentence saying why.
            return cls(resolved, open_read_only(resolved), read_only=True)
        try:
            return cls(resolved, open_connection(resolved, create=create))
        except LibraryCorrupt as error:
            from desktop.store.restoring import damage_hint

            raise LibraryCorrupt(str(error) + damage_hint(resolved)) from None
        except NotALibrary as error:
            from desktop.store.restoring import damage_hint, newest_good_backup

            if newest_good_backup(resolved) is None:  # some other file, not ours damaged
                raise
            raise NotALibrary(str(error) + damage_hint(resolved)) from None

    def data_version(self) -> int:
        """Changes when another connection — another window, the command line — commits
        to this file (never for this connection's own commits): the cue to refresh."""
        with translated(self.path):
            return int(self._connection.execute("PRAGMA data_version").fetchone()[0])

    # -- backups ----------------------------------------------------------------------------

    def backup(self, reason: str, keep: int | None = DEFAULT_KEEP) -> Path:
        """An automatic backup (``reason``: daily, before-merge, …), rotated to ``keep``."""
        with translated(self.path):
            return backup_copy(self._connection, self.path, reason, keep)

    def backup_if_due(self, keep: int = DEFAULT_KEEP) -> Path | None:
        """The daily backup, when the newest backup is a day old (or there is none)."""
        if not daily_due(self.path):
            return None
        return self.backup("daily", keep)

    def backup_to(self, target: Path) -> None:
        """A backup where the seller chooses (``deal-triangle backup -o FILE``)."""
        target = Path(target).expanduser().absolute()
        if target == self.path:
            raise LibraryUnavailable(f"{target} is the library itself; choose another file.")
        if not target.parent.is_dir():
            raise LibraryUnavailable(f"The folder {target.parent} does not exist.")
        with translated(target):
            copy_to(self._connection, target)

    def close(self) -> None:
        self._connection.close()

    def __enter__(self) -> Library:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # -- transactions -----------------------------------------------------------------------

    @contextlib.contextmanager
    def _write(self) -> Iterator[Library]:
        """One durable write transaction; on any error nothing of it remains."""
        with translated(self.path):
            self._connection.execute("BEGIN IMMEDIATE")
            try:
                yield self
                self._connection.execute("COMMIT")
            except BaseException:
                if self._connection.in_transaction:
                    self._connection.execute("ROLLBACK")
                raise

    @contextlib.contextmanager
    def _read(self) -> Iterator[Library]:
        """A read transaction: several queries see one consistent state of the file."""
        if self._connection.in_transaction:  # already inside an operation's transaction
            yield self
            return
        with translated(self.path):
            self._connection.execute("BEGIN")
            try:
                yield self
            finally:
                self._end_read()

    def _end_read(self) -> None:
        if self._connection.in_transaction:
            self._connection.execute("COMMIT")

    # -- reads ------------------------------------------------------------------------------

    def list_deals(self) -> list[DealSummary]:
        with translated(self.path):
            cursor = self._connection.execute(LIST_DEALS_SQL)
            return [
                DealSummary(
                    id=row[0], name=row[1], account=row[2], stage=row[3], amount=row[4],
                    currency=row[5], close_date=_date(row[6]),
                    updated_at=parse_timestamp(row[7], "updated_at"), people=row[8],
                )
                for row in cursor
            ]

    def find_deal(self, reference: str) -> str:
        """The id of the deal that ``reference`` names: its id, its exact name, or a unique
        id prefix (at least four characters)."""
        ref = reference.strip()
        with self._read():
            if list(self._query("SELECT id FROM deals WHERE id = ?", [ref.lower()])):
                return ref.lower()
            named = [row["id"] for row in self._query("SELECT id FROM deals WHERE name = ?", [ref])]
            if not named:
                named = [row["id"] for row in self._query(
                    "SELECT id FROM deals WHERE name = ? COLLATE NOCASE", [ref])]
            if len(named) == 1:
                return str(named[0])
            if len(named) > 1:
                raise AmbiguousReference(
                    f"{len(named)} deals are named {ref!r}; name one by its id "
                    f"({', '.join(i[:8] for i in named)})."
                )
            if len(ref) >= MIN_PREFIX:
                pattern = ref.lower().replace("\\", "").replace("%", "").replace("_", "") + "%"
                matches = [row["id"] for row in self._query(
                    "SELECT id FROM deals WHERE id LIKE ? ORDER BY id", [pattern])]
                if len(matches) == 1:
                    return str(matches[0])
                if len(matches) > 1:
                    raise AmbiguousReference(
                        f"The id prefix {ref!r} fits {len(matches)} deals; type more of it."
                    )
        raise NotFound(f"No deal is called {ref!r} or has that id.")

    def get_deal(self, deal_id: str, *, snapshots: bool = True) -> Deal:
        with self._read():
            found = list(self._query("SELECT * FROM deals WHERE id = ?", [deal_id]))
            if not found:
                raise NotFound(f"The deal {deal_id} does not exist (any more).")
            scores: dict[str, dict[str, Score]] = defaultdict(dict)
            for row in self._query(
                "SELECT s.* FROM scores AS s JOIN people AS p ON p.id = s.person_id "
                "WHERE p.deal_id = ?", [deal_id]
            ):
                scores[row["person_id"]][row["axis"]] = rows.score_from_row(row)
            people = [
                rows.person_from_row(row, scores[row["id"]])
                for row in self._query(
                    "SELECT * FROM people WHERE deal_id = ? ORDER BY ordinal, id", [deal_id])
            ]
            relations = [
                rows.relation_from_row(row)
                for row in self._query(
                    "SELECT * FROM relations WHERE deal_id = ? ORDER BY ordinal, id", [deal_id])
            ]
            taken = self._snapshots(deal_id) if snapshots else []
            return rows.deal_from_row(found[0], people, relations, taken)

    def ids_in_use(self) -> set[str]:
        """Every person, relation and snapshot id in the library (ids are unique across
        deals: an import gives new ids to what would collide)."""
        with translated(self.path):
            return {row[0] for row in self._connection.execute(
                "SELECT id FROM people UNION ALL SELECT id FROM relations "
                "UNION ALL SELECT id FROM snapshots")}

    def get_person(self, person_id: str) -> Person:
        with self._read():
            found = list(self._query("SELECT * FROM people WHERE id = ?", [person_id]))
            if not found:
                raise NotFound(f"The person {person_id} does not exist (any more).")
            scores = {
                row["axis"]: rows.score_from_row(row)
                for row in self._query("SELECT * FROM scores WHERE person_id = ?", [person_id])
            }
            return rows.person_from_row(found[0], scores)

    def deal_of_person(self, person_id: str) -> str:
        return self._deal_of("people", person_id, "person")

    def ordinals(self, deal_id: str) -> dict[str, int]:
        """Where each person and each relation sits in the deal's order, by id; undo uses it
        to put removed people and lines back exactly where they were."""
        with translated(self.path):
            return dict(self._connection.execute(
                "SELECT id, ordinal FROM people WHERE deal_id = ? "
                "UNION ALL SELECT id, ordinal FROM relations WHERE deal_id = ?",
                [deal_id, deal_id]).fetchall())

    def list_snapshots(self, deal_id: str) -> list[SnapshotInfo]:
        with translated(self.path):
            return [
                SnapshotInfo(id=row["id"], deal_id=row["deal_id"], name=row["name"],
                             taken_at=parse_timestamp(row["taken_at"], "taken_at"))
                for row in self._query(
                    "SELECT id, deal_id, name, taken_at FROM snapshots WHERE deal_id = ? "
                    "ORDER BY taken_at, id", [deal_id])
            ]

    def get_snapshot(self, snapshot_id: str) -> Snapshot:
        with translated(self.path):
            found = list(self._query("SELECT * FROM snapshots WHERE id = ?", [snapshot_id]))
        if not found:
            raise NotFound(f"The snapshot {snapshot_id} does not exist (any more).")
        return _snapshot_from_row(found[0])

    def _snapshots(self, deal_id: str) -> list[Snapshot]:
        return [
            _snapshot_from_row(row)
            for row in self._query(
                "SELECT * FROM snapshots WHERE deal_id = ? ORDER BY taken_at, id", [deal_id])
        ]

    # -- deal operations --------------------------------------------------------------------

    def add_deal(self, deal: Deal) -> ChangeSet:
        return self.add_deals([deal])

    def add_deals(self, deals: Sequence[Deal]) -> ChangeSet:
        """Store whole new deals — people, relations and snapshots — in one transaction.

        Used to create a deal, to load the demo deals, to import, and to undo a deletion:
        all of them land, or none does.
        """
        with self._write():
            return self._insert_deals(deals)

    def _insert_deals(self, deals: Sequence[Deal]) -> ChangeSet:
        now = utc_now()
        changes = ChangeSet()
        for deal in deals:
            if list(self._query("SELECT 1 FROM deals WHERE id = ?", [deal.id])):
                raise Conflict(f"The library already has a deal with the id {deal.id}.")
            # The times go into the row, not a copy of the deal: re-validating a deal of
            # ten thousand people just to stamp it would cost more than storing it.
            row = rows.deal_row(deal, default_time=now)
            self._connection.execute(rows.insert_sql("deals", rows.DEAL_COLUMNS), row)
            self._insert_people(deal.id, deal.people, 0)
            self._insert_relations(deal.id, deal.relations)
            self._connection.executemany(
                rows.insert_sql("snapshots", SNAPSHOT_COLUMNS),
                [_snapshot_row(deal.id, snapshot) for snapshot in deal.snapshots],
            )
            changes = changes | ChangeSet(
                deals=frozenset({deal.id}),
                people=frozenset(p.id for p in deal.people),
                relations=frozenset(r.id for r in deal.relations),
                snapshots=frozenset(s.id for s in deal.snapshots),
            )
        return changes

    def write_deals(self, *, add: Sequence[Deal] = (), replace_with: Sequence[Deal] = (),
                    delete: Sequence[str] = ()) -> ChangeSet:
        """Import (and its undo) in one transaction: add new deals, make existing deals
        exactly ``replace_with`` (people, relations and snapshots it lacks are removed, the
        rest updated or added, in its order), delete deals by id. All of it, or none."""
        changes = ChangeSet()
        with self._write():
            changes = changes | self._insert_deals(add)
            for deal in replace_with:
                changes = changes | self._replace_deal(deal)
            for deal_id in delete:
                changes = changes | self._delete_deal(deal_id)
        return changes

    def _replace_deal(self, deal: Deal) -> ChangeSet:
        before = self.get_deal(deal.id)
        row = rows.deal_row(replace(deal, created_at=deal.created_at or before.created_at,
                                    updated_at=deal.updated_at or utc_now()))
        self._connection.execute(
            "UPDATE deals SET name = :name, account = :account, stage = :stage, "
            "amount = :amount, currency = :currency, close_date = :close_date, "
            "objective = :objective, solution = :solution, competitors = :competitors, "
            "updated_at = :updated_at WHERE id = :id", row)
        keep_people = {p.id for p in deal.people}
        keep_relations = {r.id for r in deal.relations}
        keep_snapshots = {s.id for s in deal.snapshots}
        gone_people = [p.id for p in before.people if p.id not in keep_people]
        gone_relations = [r.id for r in before.relations if r.id not in keep_relations]
        gone_snapshots = [s.id for s in before.snapshots if s.id not in keep_snapshots]
        self._connection.executemany("DELETE FROM people WHERE id = ?",
                                     [[i] for i in gone_people])
        self._connection.executemany("DELETE FROM snapshots WHERE id = ?",
                                     [[i] for i in gone_snapshots])
        # Rewrite people and relations in the new order (ordinals are the deal's order).
        old_people = {p.id for p in before.people}
        self._connection.execute("DELETE FROM relations WHERE deal_id = ?", [deal.id])
        for ordinal, person in enumerate(deal.people):
            if person.id in old_people:
                self._connection.execute(UPDATE_PERSON_SQL,
                                         rows.person_row(person, deal.id, ordinal))
                self._connection.execute("UPDATE people SET ordinal = ? WHERE id = ?",
                                         [ordinal, person.id])
                self._connection.executemany(UPSERT_SCORE_SQL, rows.score_rows(person))
            else:
                self._insert_people(deal.id, [person], ordinal)
        self._insert_relations(deal.id, deal.relations)
        old_snapshots = {s.id for s in before.snapshots}
        self._connection.executemany(
            rows.insert_sql("snapshots", SNAPSHOT_COLUMNS),
            [_snapshot_row(deal.id, s) for s in deal.snapshots if s.id not in old_snapshots])
        return ChangeSet(deals=frozenset({deal.id}),
                         people=frozenset(keep_people),
                         relations=frozenset(keep_relations),
                         snapshots=frozenset(keep_snapshots - old_snapshots),
                         people_removed=frozenset(gone_people),
                         relations_removed=frozenset(gone_relations),
                         snapshots_removed=frozenset(gone_snapshots))

    def update_deal(self, deal: Deal) -> ChangeSet:
        """Store the deal's own fields (name, account, stage, …); people are left alone."""
        row = rows.deal_row(replace(deal, created_at=deal.created_at or utc_now(),
                                    updated_at=utc_now()))
        del row["created_at"]
        with self._write():
            cursor = self._connection.execute(
                "UPDATE deals SET name = :name, account = :account, stage = :stage, "
                "amount = :amount, currency = :currency, close_date = :close_date, "
                "objective = :objective, solution = :solution, competitors = :competitors, "
                "updated_at = :updated_at WHERE id = :id", row)
            _require_row(cursor, f"The deal {deal.id} does not exist (any more).")
        return ChangeSet(deals=frozenset({deal.id}))

    def rename_deal(self, deal_id: str, name: str) -> ChangeSet:
        return self.update_deal(replace(self.get_deal(deal_id, snapshots=False), name=name))

    def delete_deal(self, deal_id: str) -> ChangeSet:
        """Remove a deal with everything that hangs on it (cascades)."""
        with self._write():
            return self._delete_deal(deal_id)

    def _delete_deal(self, deal_id: str) -> ChangeSet:
        people = [r["id"] for r in self._query("SELECT id FROM people WHERE deal_id = ?",
                                            [deal_id])]
        relations = [r["id"] for r in self._query("SELECT id FROM relations WHERE deal_id = ?",
                                               [deal_id])]
        snapshots = [r["id"] for r in self._query("SELECT id FROM snapshots WHERE deal_id = ?",
                                               [deal_id])]
        cursor = self._connection.execute("DELETE FROM deals WHERE id = ?", [deal_id])
        _require_row(cursor, f"The deal {deal_id} does not exist (any more).")
        return ChangeSet(deals_removed=frozenset({deal_id}),
                         people_removed=frozenset(people),
                         relations_removed=frozenset(relations),
                         snapshots_removed=frozenset(snapshots))

    # -- people -----------------------------------------------------------------------------

    def add_person(self, deal_id: str, person: Person) -> ChangeSet:
        return self.add_people(deal_id, [person])

    def add_people(
        self,
        deal_id: str,
        people: Sequence[Person],
        relations: Sequence[Relation] = (),
        ordinals: Mapping[str, int] | None = None,
    ) -> ChangeSet:
        """Add people (and relations among them or to others of the deal) in one step.

        ``ordinals`` (from :meth:`ordinals`) puts people and relations back where they were
        (undoing a removal); otherwise they go to the end of the deal's order.
        """
        with self._write():
            self._require_deal(deal_id)
            start = self._connection.execute("SELECT coalesce(max(ordinal), -1) + 1 FROM people "
                               "WHERE deal_id = ?", [deal_id]).fetchone()[0]
            self._insert_people(deal_id, people, start, ordinals)
            self._check_relations(deal_id, relations)
            self._insert_relations(deal_id, relations, ordinals)
            self._touch(deal_id)
        return ChangeSet(people=frozenset(p.id for p in people),
                         relations=frozenset(r.id for r in relations))

    def update_person(self, person: Person) -> ChangeSet:
        return self.update_people([person])

    def update_people(self, people: Sequence[Person]) -> ChangeSet:
        """Store every field and score of each person: a multi-person edit is one step."""
        with self._write():
            deals = set()
            for person in people:
                deal_id = self._deal_of("people", person.id, "person")
                self._connection.execute(UPDATE_PERSON_SQL, rows.person_row(person, deal_id, 0))
                self._connection.executemany(UPSERT_SCORE_SQL, rows.score_rows(person))
                deals.add(deal_id)
            for deal_id in deals:
                self._touch(deal_id)
        return ChangeSet(people=frozenset(p.id for p in people))

    def set_score(self, person_id: str, axis: Axis, score: Score) -> ChangeSet:
        with self._write():
            deal_id = self._deal_of("people", person_id, "person")
            self._connection.execute(UPSERT_SCORE_SQL, rows.score_row(person_id, axis, score))
            self._touch(deal_id)
        return ChangeSet(people=frozenset({person_id}))

    def move_people(self, positions: Mapping[str, Position]) -> ChangeSet:
        """Store where cards sit; one drag of several cards is one call."""
        with self._write():
            deals = {self._deal_of("people", pid, "person") for pid in positions}
            self._connection.executemany(
                "UPDATE people SET x = ?, y = ? WHERE id = ?",
                [(pos.x, pos.y, pid) for pid, pos in positions.items()])
            for deal_id in deals:
                self._touch(deal_id)
        return ChangeSet(people=frozenset(positions), positions_only=True)

    def move_person(self, person_id: str, position: Position) -> ChangeSet:
        return self.move_people({person_id: position})

    def remove_people(self, person_ids: Iterable[str]) -> ChangeSet:
        """Remove people and, by cascade, every relation that touches them."""
        ids = list(dict.fromkeys(person_ids))
        with self._write():
            deals = {self._deal_of("people", pid, "person") for pid in ids}
            marks = ", ".join("?" * len(ids))
            relations = [
                row["id"] for row in self._query(
                    f"SELECT id FROM relations WHERE source IN ({marks}) "  # noqa: S608
                    f"OR target IN ({marks})", ids + ids)
            ]
            self._connection.execute(f"DELETE FROM people WHERE id IN ({marks})",  # noqa: S608
                                     ids)
            for deal_id in deals:
                self._touch(deal_id)
        return ChangeSet(people_removed=frozenset(ids), relations_removed=frozenset(relations))

    def remove_person(self, person_id: str) -> ChangeSet:
        return self.remove_people([person_id])

    # -- relations --------------------------------------------------------------------------

    def add_relation(self, deal_id: str, relation: Relation) -> ChangeSet:
        return self.add_people(deal_id, [], [relation])

    def update_relation(self, relation: Relation) -> ChangeSet:
        """Change a relation's kind, strength or note (its ends stay)."""
        with self._write():
            deal_id = self._deal_of("relations", relation.id, "relation")
            others = [r for r in self._relations(deal_id) if r.id != relation.id]
            _check_unique_line(relation, others)
            self._connection.execute(
                "UPDATE relations SET source = ?, target = ?, kind = ?, strength = ?, note = ? "
                "WHERE id = ?",
                [relation.source, relation.target, relation.kind.value, relation.strength,
                 relation.note, relation.id])
            self._touch(deal_id)
        return ChangeSet(relations=frozenset({relation.id}))

    def remove_relation(self, relation_id: str) -> ChangeSet:
        with self._write():
            deal_id = self._deal_of("relations", relation_id, "relation")
            self._connection.execute("DELETE FROM relations WHERE id = ?", [relation_id])
            self._touch(deal_id)
        return ChangeSet(relations_removed=frozenset({relation_id}))

    # -- snapshots --------------------------------------------------------------------------

    def take_snapshot(self, deal_id: str, name: str) -> tuple[Snapshot, ChangeSet]:
        """Freeze the deal as it is now (private notes included: it never leaves the file)."""
        with self._write():
            deal = self.get_deal(deal_id, snapshots=False)
            snapshot = Snapshot(name=name, taken_at=utc_now(), deal=deal)
            self._connection.execute(
                rows.insert_sql("snapshots", SNAPSHOT_COLUMNS),
                _snapshot_row(deal_id, snapshot))
        return snapshot, ChangeSet(snapshots=frozenset({snapshot.id}))

    def add_snapshot(self, deal_id: str, snapshot: Snapshot) -> ChangeSet:
        with self._write():
            self._require_deal(deal_id)
            self._connection.execute(
                rows.insert_sql("snapshots", SNAPSHOT_COLUMNS),
                _snapshot_row(deal_id, snapshot))
        return ChangeSet(snapshots=frozenset({snapshot.id}))

    def delete_snapshot(self, snapshot_id: str) -> ChangeSet:
        with self._write():
            cursor = self._connection.execute("DELETE FROM snapshots WHERE id = ?",
                                              [snapshot_id])
            _require_row(cursor, f"The snapshot {snapshot_id} does not exist (any more).")
        return ChangeSet(snapshots_removed=frozenset({snapshot_id}))

    # -- helpers ----------------------------------------------------------------------------

    def _insert_people(self, deal_id: str, people: Sequence[Person], start: int,
                       ordinals: Mapping[str, int] | None = None) -> None:
        ordinals = ordinals or {}
        try:
            self._connection.executemany(
                rows.positional_insert_sql("people", rows.PERSON_COLUMNS),
                [rows.person_values(p, deal_id, ordinals.get(p.id, start + i))
                 for i, p in enumerate(people)])
        except sqlite3.IntegrityError as error:
            raise Conflict(f"A person is already in the library ({error}).") from None
        self._connection.executemany(
            rows.insert_sql("scores", rows.SCORE_COLUMNS),
            [row for person in people for row in rows.score_rows(person, skip_defaults=True)])

    def _insert_relations(self, deal_id: str, relations: Sequence[Relation],
                          ordinals: Mapping[str, int] | None = None) -> None:
        ordinals = ordinals or {}
        start = self._connection.execute(
            "SELECT coalesce(max(ordinal), -1) + 1 FROM relations WHERE deal_id = ?",
            [deal_id]).fetchone()[0]
        self._connection.executemany(
            rows.positional_insert_sql("relations", rows.RELATION_COLUMNS),
            [rows.relation_values(r, deal_id, ordinals.get(r.id, start + i))
             for i, r in enumerate(relations)])

    def _check_relations(self, deal_id: str, relations: Sequence[Relation]) -> None:
        if not relations:
            return
        members = {row[0] for row in self._connection.execute(
            "SELECT id FROM people WHERE deal_id = ?", [deal_id])}
        existing = self._relations(deal_id)
        for relation in relations:
            for end in (relation.source, relation.target):
                if end not in members:
                    raise NotFound(f"The person {end} is not in this deal.")
            _check_unique_line(relation, existing)
            existing.append(relation)

    def _relations(self, deal_id: str) -> list[Relation]:
        return [rows.relation_from_row(row) for row in self._query(
            "SELECT * FROM relations WHERE deal_id = ?", [deal_id])]

    def _require_deal(self, deal_id: str) -> None:
        if not self._connection.execute("SELECT 1 FROM deals WHERE id = ?", [deal_id]).fetchone():
            raise NotFound(f"The deal {deal_id} does not exist (any more).")

    def _deal_of(self, table: str, item_id: str, what: str) -> str:
        row = self._connection.execute(
            f"SELECT deal_id FROM {table} WHERE id = ?", [item_id]).fetchone()  # noqa: S608
        if row is None:
            raise NotFound(f"The {what} {item_id} does not exist (any more).")
        return str(row[0])

    def _touch(self, deal_id: str) -> None:
        self._connection.execute(TOUCH_DEAL_SQL, [format_timestamp(utc_now()), deal_id])


def _check_unique_line(relation: Relation, existing: Iterable[Relation]) -> None:
    for other in existing:
        if other.identity == relation.identity:
            raise Conflict(f"That {relation.kind.label.lower()} line is already drawn.")
        if other.id == relation.id:
            raise Conflict(f"A relation with the id {relation.id} already exists.")


def _snapshot_row(deal_id: str, snapshot: Snapshot) -> dict[str, Any]:
    return {
        "id": snapshot.id,
        "deal_id": deal_id,
        "name": snapshot.name,
        "taken_at": format_timestamp(snapshot.taken_at),
        "content": json.dumps(snapshot_to_plain(snapshot, include_private=True)["deal"],
                              ensure_ascii=False, separators=(",", ":")),
    }


def _snapshot_from_row(row: rows.Row) -> Snapshot:
    try:
        return snapshot_from_plain({"id": row["id"], "name": row["name"],
                                    "taken_at": row["taken_at"],
                                    "deal": json.loads(row["content"])}, "snapshot")
    except (ValueError, ValidationError) as error:  # a damaged snapshot must not hide the deal
        raise NotFound(f"The snapshot {row['name']!r} is damaged ({error}).") from None


def _require_row(cursor: sqlite3.Cursor, message: str) -> None:
    if cursor.rowcount == 0:
        raise NotFound(message)


def _date(value: str | None) -> date | None:
    return parse_date(value, "close_date")

