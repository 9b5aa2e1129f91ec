"""The library façade: typed reads and operations over one SQLite file.

Every operation is one ``BEGIN IMMEDIATE … COMMIT`` transaction (durable: WAL with
``synchronous=FULL``) and returns a :class:`ChangeSet`. Operations take and give domain
objects, so the window's undo commands simply keep the before and after values.

A ``Library`` is not thread-safe: it belongs to the thread that opened it (the window's GUI
thread; each command-line run its own). Reads are split from writes (``reading.py``,
``writing.py``); this class is the façade that gives each operation its transaction.
"""

from __future__ import annotations

import contextlib
import functools
import json
import sqlite3
from collections.abc import Collection, Iterable, Iterator, Mapping, Sequence
from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING

from desktop import protected_files
from desktop.domain.accounts import AccountGrid, AccountPerson, AccountSummary, IdentityNotice
from desktop.domain.changes import Aspect, ChangeSet
from desktop.domain.comments import CommentTarget
from desktop.domain.dates import utc_now
from desktop.domain.deal import Deal, Snapshot
from desktop.domain.person import Person
from desktop.domain.plan_references import forget_people
from desktop.domain.position import Position
from desktop.domain.relation import Relation
from desktop.store import accounts, figures, notices, reading, rows, writing
from desktop.store.backups import DEFAULT_KEEP, backup_copy, copy_to, daily_due
from desktop.store.damage import damage_named
from desktop.store.errors import (
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

    from desktop.domain.accounts import Account


class Library:
    """An open library file. Use :meth:`open`; close it (or use ``with``) when done."""

    def __init__(self, path: Path, connection: sqlite3.Connection, *,
                 read_only: bool = False) -> None:
        self.path = path
        self._connection = connection
        self.read_only = read_only  # opened for reading: the file or its folder is read-only
        self._writing = False  # inside a write transaction (``_write``/``transaction``)
        # While open, no export, print or backup may write over it or its companions.
        self._guarded = protected_files.library_files(path)
        protected_files.guard(self._guarded)
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
        refused = protected_files.refusal(target)
        if target == self.path or refused:
            raise LibraryUnavailable(f"{target} could not be written: "
                                     f"{refused or 'it is the library itself'}.")
        if not target.parent.is_dir():
            raise LibraryUnavailable(f"The folder {target.parent} does not exist.")
        with translated(target):
            copy_to(self._connection, target)

    def close(self) -> None:
        self._connection.close()
        protected_files.release(self._guarded)
        self._guarded = []

    def __enter__(self) -> Library:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # -- transactions -----------------------------------------------------------------------

    @contextlib.contextmanager
    def _write(self) -> Iterator[Library]:
        """One durable write transaction; on any error nothing of it remains. Inside
        :meth:`transaction` it is part of that one."""
        if self._writing:
            yield self
            return
        with translated(self.path):
            self._connection.execute("BEGIN IMMEDIATE")
            self._writing = True
            try:
                yield self
                self._connection.execute("COMMIT")
            except BaseException:
                if self._connection.in_transaction:
                    self._connection.execute("ROLLBACK")
                raise
            finally:
                self._writing = False

    def transaction(self) -> contextlib.AbstractContextManager[Library]:
        """Reads and writes that must see one state of the file and land together: the
        write lock is taken first, so what was decided from the reads is still true when
        the writes commit (two imports of the same file at once: the second finds the
        deal there and has nothing to import, instead of failing on it)."""
        return self._write()

    @contextlib.contextmanager
    def _read(self) -> Iterator[Library]:
        """A read transaction: several queries see one consistent state of the file."""
        if self._connection.in_transaction:  # already inside an operation's transaction
            with damage_named(self._connection, self.path):
                yield self
            return
        with translated(self.path):
            self._connection.execute("BEGIN")
            try:
                with damage_named(self._connection, self.path):
                    yield self
            finally:
                self._end_read()

    def _end_read(self) -> None:
        if self._connection.in_transaction:
            self._connection.execute("COMMIT")

    # -- reads ------------------------------------------------------------------------------

    def list_deals(self) -> list[DealSummary]:
        with translated(self.path), damage_named(self._connection, self.path):
            return reading.list_deals(self._connection)

    def deal_ids(self) -> frozenset[str]:
        """The ids of every deal (cheaper than the list: no people counted)."""
        with translated(self.path):
            return frozenset(row[0] for row in self._connection.execute("SELECT id FROM deals"))

    def deal_summary(self, deal_id: str) -> DealSummary:
        """One line of the deal list (after an edit of that deal alone)."""
        with translated(self.path), damage_named(self._connection, self.path):
            return reading.deal_summary(self._connection, deal_id)

    def find_deal(self, reference: str) -> str:
        """The id of the deal that ``reference`` names: its id, its exact name, or a unique
        id prefix (at least four characters)."""
        with self._read():
            return reading.find_deal(self._connection, reference)

    def get_deal(self, deal_id: str, *, snapshots: bool = True) -> Deal:
        with self._read():
            return reading.deal(self._connection, deal_id, snapshots=snapshots)

    def get_deal_fields(self, deal_id: str) -> Deal:
        """The deal's own fields (name, account, stage …), without its people and lines."""
        with self._read():
            return reading.deal_fields(self._connection, deal_id)

    def get_plan(self, deal_id: str) -> dict[str, object]:
        """The deal's plan as ``Deal.with_plan`` keyword arguments (its lists and the
        compelling event): what a view reads again after a plan edit, not the whole deal."""
        with self._read():
            head = reading.deal_fields(self._connection, deal_id)
            return {**reading.plan(self._connection, deal_id),
                    "compelling_event": head.compelling_event}

    def get_people(self, deal_id: str, ids: Collection[str]) -> list[Person]:
        """These people of the deal, in its order (ids that are not its people are left
        out): what a view reads again after an edit, instead of the whole deal."""
        with self._read():
            return reading.people(self._connection, deal_id, ids)

    def get_person(self, person_id: str) -> Person:
        """One person, wherever they are (the command line's and the tests' look-up)."""
        with self._read():
            deal_id = reading.deals_of_person(self._connection, person_id)[0]
            return reading.people(self._connection, deal_id, [person_id])[0]

    def get_notices(self, deal_id: str) -> tuple[IdentityNotice, ...]:
        """What changed about the deal's shared people in their other deals."""
        with self._read():
            return notices.read(self._connection, deal_id)

    def review_notices(self, deal_id: str, person_ids: Collection[str],
                       restore: Sequence[IdentityNotice] = ()) -> ChangeSet:
        """The seller has looked at these people here and keeps their stance: their notices
        in this deal go (``restore``: put these notices back — undo)."""
        with self._write():
            reading.require_deal(self._connection, deal_id)
            notices.clear(self._connection, deal_id, person_ids)
            notices.restore(self._connection, deal_id, restore)
        changed = frozenset(person_ids) | frozenset(n.person for n in restore)
        return ChangeSet(contents=frozenset({deal_id}), people=changed, aspects=Aspect.FIELDS)

    def get_relations(self, deal_id: str, ids: Collection[str]) -> list[Relation]:
        with self._read():
            return reading.relations(self._connection, deal_id, ids)

    def deal_order(self, deal_id: str) -> tuple[list[str], list[str]]:
        """The ids of the deal's people and of its lines, each in the deal's order."""
        with self._read():
            return (reading.people_order(self._connection, deal_id),
                    reading.relations_order(self._connection, deal_id))

    def ids_in_use(self) -> set[str]:
        """Every person, relation and snapshot id in the library (ids are unique across
        deals: an import gives new ids to what would collide)."""
        with translated(self.path):
            return reading.ids_in_use(self._connection)

    def ordinals(self, deal_id: str) -> dict[str, int]:
        """Where each person and each relation sits in the deal's order, by id; undo uses it
        to put removed people and lines back exactly where they were."""
        with translated(self.path):
            return reading.ordinals(self._connection, deal_id)

    def cached_figures(self, recipe: int) -> dict[str, str]:
        """Each deal's portfolio figures kept by ``recipe``, as JSON, by deal id."""
        with self._read():
            return figures.cached(self._connection, recipe)

    def keep_figures(self, recipe: int, made: Mapping[str, str], as_of: int) -> bool:
        """Keep figures worked out from what was read at ``data_version`` ``as_of``."""
        return figures.keep(self, self._connection, recipe, made, as_of)

    def list_snapshots(self, deal_id: str) -> list[SnapshotInfo]:
        with translated(self.path), damage_named(self._connection, self.path):
            return reading.list_snapshots(self._connection, deal_id)

    def get_snapshot(self, snapshot_id: str) -> Snapshot:
        with translated(self.path), damage_named(self._connection, self.path):
            return reading.snapshot(self._connection, snapshot_id)

    # -- accounts ---------------------------------------------------------------------------

    def accounts(self) -> list[AccountSummary]:
        with self._read():
            return accounts.summaries(self._connection)

    def account_summary(self, account_id: str | None) -> AccountSummary | None:
        """The account (with its counts of people and deals); None for no account."""
        if account_id is None:
            return None
        with self._read():
            return accounts.summary(self._connection, account_id)

    def find_account(self, reference: str) -> str:
        """The id of the account ``reference`` names: its id, its name (any case), or a
        unique id prefix."""
        with self._read():
            return accounts.find(self._connection, reference)

    def account_grid(self, account_id: str) -> AccountGrid:
        """The account view: its people × its deals, a stance per cell."""
        with self._read():
            return accounts.grid(self._connection, account_id)

    def account_people(self, account_id: str, text: str = "",
                       limit: int = 50) -> list[AccountPerson]:
        """The account's people matching ``text``: what adding someone to a deal offers
        (``limit`` -1: all of them)."""
        with self._read():
            return accounts.people(self._connection, account_id, text, limit)

    def incoming_account(self, deal: Deal) -> str | None:
        """The account an incoming ``deal`` would belong to (``accounts.incoming``)."""
        with self._read():
            return accounts.incoming(self._connection, deal)

    # -- deal operations --------------------------------------------------------------------

    def add_deal(self, deal: Deal) -> ChangeSet:
        return self.add_deals([deal])

    def add_deals(self, deals: Sequence[Deal]) -> ChangeSet:
        """Store whole new deals — people, relations and snapshots — in one transaction.

        Used to create a deal, to load the demo deals, to import, and to undo a deletion:
        all of them land, or none does.
        """
        with self._write():
            return writing.insert_deals(self._connection, deals)

    def write_deals(self, *, add: Sequence[Deal] = (), replace_with: Sequence[Deal] = (),
                    delete: Sequence[str] = (),
                    account_details: Sequence[Account] = ()) -> ChangeSet:
        """Import (and its undo) in one transaction: add new deals, make existing deals
        exactly ``replace_with`` (people, relations and snapshots it lacks are removed, the
        rest updated or added, in its order), delete deals by id, then give the accounts of
        ``account_details``' names their industry and notes. All of it, or none."""
        with self._write():
            changes = writing.insert_deals(self._connection, add)
            for deal in replace_with:
                changes = changes | writing.replace_deal(self._connection, deal)
            for deal_id in delete:
                changes = changes | writing.delete_deal(self._connection, deal_id)
            shown = accounts.set_details(self._connection, account_details)
        return changes | ChangeSet(deals=shown) if shown else changes

    def update_deal(self, deal: Deal) -> ChangeSet:
        """Store the deal's own fields (name, account, stage, …); people are left alone."""
        stamped = replace(deal, created_at=deal.created_at or utc_now(), updated_at=utc_now())
        with self._write():
            was = reading.account_of(self._connection, deal.id)
            writing.update_deal_row(self._connection, stamped, was)
        return ChangeSet(deals=frozenset({deal.id}))

    def delete_deal(self, deal_id: str) -> ChangeSet:
        """Remove a deal with everything that hangs on it (cascades)."""
        with self._write():
            return writing.delete_deal(self._connection, deal_id)

    # -- people -----------------------------------------------------------------------------

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
        connection = self._connection
        with self._write():
            reading.require_deal(connection, deal_id)
            start = connection.execute("SELECT coalesce(max(ordinal), -1) + 1 FROM people "
                                       "WHERE deal_id = ?", [deal_id]).fetchone()[0]
            writing.insert_people(connection, deal_id, people, start, ordinals,
                                  account_id=reading.account_of(connection, deal_id))
            writing.check_new_relations(connection, deal_id, relations)
            before = self._managers_before(deal_id, relations)
            writing.insert_relations(connection, deal_id, relations, ordinals)
            notices.note_manager_changes(connection, deal_id, before)
            writing.touch(connection, deal_id)
        return ChangeSet(contents=frozenset({deal_id}),
                         people_added=frozenset(p.id for p in people),
                         relations_added=frozenset(r.id for r in relations))

    def update_people(self, people: Sequence[Person], aspects: Aspect = Aspect.EVERYTHING,
                      *, deal_id: str | None = None) -> ChangeSet:
        """Store every field and score of each person: a multi-person edit is one step.
        ``aspects`` says what the caller changed, for the views (all is always stored).
        The identity (name, title, contacts …) shows in every deal of the person's account;
        the stance and scores are ``deal_id``'s (default: the one deal the person is in)."""
        connection = self._connection
        with self._write():
            deals = set()
            for person in people:
                in_deal = deal_id or self._only_deal(person.id)
                for chosen in (person.leans_to, person.versus and person.versus.alternative):
                    if chosen and not connection.execute("SELECT 1 FROM alternatives WHERE "
                                                         "id = ? AND deal_id = ?",
                                                         [chosen, in_deal]).fetchone():
                        raise NotFound(f"The alternative {chosen} is not in this deal.")
                writing.update_person(connection, in_deal, person)
                deals.add(in_deal)
            for changed in deals:
                writing.touch(connection, changed)
        return ChangeSet(contents=frozenset(deals), people=frozenset(p.id for p in people),
                         aspects=aspects)

    def _only_deal(self, person_id: str) -> str:
        deals = reading.deals_of_person(self._connection, person_id)
        if len(deals) > 1:
            raise NotFound(f"The person {person_id} takes part in {len(deals)} deals; "
                           "name the deal.")
        return deals[0]

    def _managers_before(self, deal_id: str, relations: Iterable[Relation] | None = None,
                         people: Iterable[str] = ()) -> notices.Managers:
        """The managers, in this deal, of its shared people whom these lines (or people)
        touch: read before a write, compared after it (``notices``)."""
        touched = set(people)
        if relations is None:
            touched |= set(reading.people_order(self._connection, deal_id))
        else:
            touched |= {end for r in relations for end in (r.source, r.target)}
        shared = notices.shared(self._connection, deal_id, touched)
        return notices.managers(self._connection, deal_id, shared) if shared else {}

    def move_people(self, positions: Mapping[str, Position], *,
                    deal_id: str | None = None) -> ChangeSet:
        """Store where cards sit; one drag of several cards is one call."""
        connection = self._connection
        with self._write():
            placed = [(deal_id or self._only_deal(pid), pid, pos)
                      for pid, pos in positions.items()]
            connection.executemany(
                "UPDATE people SET x = ?, y = ? WHERE deal_id = ? AND id = ?",
                [(pos.x, pos.y, in_deal, pid) for in_deal, pid, pos in placed])
            deals = {in_deal for in_deal, _pid, _pos in placed}
            for changed in deals:
                writing.touch(connection, changed)
        return ChangeSet(contents=frozenset(deals), people=frozenset(positions),
                         aspects=Aspect.POSITION)

    def known_people(self, person_ids: Collection[str]) -> frozenset[str]:
        """Which of these ids are people the library has (in any deal or account)."""
        with self._read():
            return frozenset(row[0] for row in self._connection.execute(
                "SELECT id FROM identities WHERE id IN (SELECT value FROM json_each(?))",
                [json.dumps(list(person_ids))]))

    def remove_people(self, person_ids: Iterable[str], *, deal_id: str | None = None,
                      forget: Collection[str] = ()) -> ChangeSet:
        """Remove people from their deal and, by cascade, every relation that touches them
        there. An account keeps their identity (another deal may add them again)."""
        ids = list(dict.fromkeys(person_ids))
        connection = self._connection
        with self._write():
            deals = {self._only_deal(pid) for pid in ids} if deal_id is None else {deal_id}
            # The plan may name them: rewrite it without them (plan_references), once
            # they are gone.
            plans = {}
            managers = {}
            for in_deal in deals:
                managers[in_deal] = self._managers_before(in_deal, people=ids)
                if not reading.plan_names_any(connection, in_deal, ids):
                    continue
                deal = reading.deal(connection, in_deal, snapshots=False)
                gone = set(ids)
                plans[in_deal] = replace(
                    deal, people=tuple(p for p in deal.people if p.id not in gone),
                    relations=tuple(r for r in deal.relations
                                    if r.source not in gone and r.target not in gone),
                    **forget_people(deal, gone))
            marks = ", ".join("?" * len(ids))
            in_deals = ", ".join("?" * len(deals))
            relations = [row[0] for row in connection.execute(
                f"SELECT id FROM relations WHERE deal_id IN ({in_deals}) AND "  # noqa: S608
                f"(source IN ({marks}) OR target IN ({marks}))", [*deals, *ids, *ids])]
            connection.execute(f"DELETE FROM people WHERE deal_id IN ({in_deals}) "  # noqa: S608
                               f"AND id IN ({marks})", [*deals, *ids])
            accounts.forget_unused(connection, ids)
            if forget:  # undoing their addition: not even the account keeps them
                connection.execute(
                    "DELETE FROM identities WHERE id IN (SELECT value FROM json_each(?)) AND "
                    "NOT EXISTS (SELECT 1 FROM people AS p WHERE p.id = identities.id)",
                    [json.dumps(sorted(forget))])
            for deal in plans.values():
                writing.write_plan(connection, deal)
            for changed in deals:
                notices.note_manager_changes(connection, changed, {
                    pid: was for pid, was in managers[changed].items() if pid not in ids})
                writing.touch(connection, changed)
        return ChangeSet(contents=frozenset(deals), people_removed=frozenset(ids),
                         relations_removed=frozenset(relations), plans=frozenset(plans))

    # -- the plan ---------------------------------------------------------------------------

    def update_plan(self, deal: Deal, people: Sequence[Person] = ()) -> ChangeSet:
        """Store the plan of ``deal`` (actions, criteria, process, alternatives, compelling
        event) and ``people`` whose leaning changed with it, as one step. The deal value was
        checked whole (``Deal.with_plan``): no record names anyone outside it."""
        connection = self._connection
        with self._write():
            reading.require_deal(connection, deal.id)
            for person in people:
                writing.update_person(connection, deal.id, person)
            writing.write_plan(connection, deal)
            stored = {row[0] for row in connection.execute(
                "SELECT id FROM people WHERE deal_id = ?", [deal.id])}
            named = {p for a in deal.actions for p in a.for_people} | {
                a.intended.person for a in deal.actions if a.intended} | {
                c.owner for c in deal.criteria if c.owner} | {
                s.approver for s in deal.process if s.approver} | {
                c.target for c in deal.comments if c.target_kind is CommentTarget.PERSON}
            if not named <= stored:
                raise NotFound(f"The person {sorted(named - stored)[0]} is not in this deal.")
            writing.touch(connection, deal.id)
        return ChangeSet(plans=frozenset({deal.id}), people=frozenset(p.id for p in people),
                         aspects=Aspect.FIELDS)

    # -- relations --------------------------------------------------------------------------

    def add_relation(self, deal_id: str, relation: Relation) -> ChangeSet:
        return self.add_people(deal_id, [], [relation])

    def update_relation(self, relation: Relation) -> ChangeSet:
        """Change a relation's kind, strength or note (its ends stay)."""
        connection = self._connection
        with self._write():
            deal_id = reading.deal_of(connection, "relations", relation.id, "relation")
            writing.check_unique_lines(connection, deal_id, [relation], replacing=True)
            old = reading.relations(connection, deal_id, [relation.id])
            before = self._managers_before(deal_id, [*old, relation])
            connection.execute(
                "UPDATE relations SET source = ?, target = ?, kind = ?, strength = ?, note = ? "
                "WHERE id = ?",
                [relation.source, relation.target, relation.kind.value, relation.strength,
                 relation.note, relation.id])
            notices.note_manager_changes(connection, deal_id, before)
            writing.touch(connection, deal_id)
        return ChangeSet(contents=frozenset({deal_id}), relations=frozenset({relation.id}))

    def remove_relation(self, relation_id: str) -> ChangeSet:
        connection = self._connection
        with self._write():
            deal_id = reading.deal_of(connection, "relations", relation_id, "relation")
            before = self._managers_before(
                deal_id, reading.relations(connection, deal_id, [relation_id]))
            connection.execute("DELETE FROM relations WHERE id = ?", [relation_id])
            notices.note_manager_changes(connection, deal_id, before)
            writing.touch(connection, deal_id)
        return ChangeSet(contents=frozenset({deal_id}),
                         relations_removed=frozenset({relation_id}))

    # -- snapshots --------------------------------------------------------------------------

    def take_snapshot(self, deal_id: str, name: str) -> tuple[Snapshot, ChangeSet]:
        """Freeze the deal as it is now (private notes included: it never leaves the file)."""
        with self._write():
            deal = reading.deal(self._connection, deal_id, snapshots=False)
            snapshot = Snapshot(name=name, taken_at=utc_now(), deal=deal)
            self._insert_snapshot(deal_id, snapshot)
        return snapshot, ChangeSet(snapshots=frozenset({snapshot.id}))

    def add_snapshot(self, deal_id: str, snapshot: Snapshot) -> ChangeSet:
        with self._write():
            reading.require_deal(self._connection, deal_id)
            self._insert_snapshot(deal_id, snapshot)
        return ChangeSet(snapshots=frozenset({snapshot.id}))

    def _insert_snapshot(self, deal_id: str, snapshot: Snapshot) -> None:
        self._connection.execute(rows.insert_sql("snapshots", writing.SNAPSHOT_COLUMNS),
                                 writing.snapshot_row(deal_id, snapshot))

    def delete_snapshot(self, snapshot_id: str) -> ChangeSet:
        with self._write():
            cursor = self._connection.execute("DELETE FROM snapshots WHERE id = ?",
                                              [snapshot_id])
            writing.require_row(cursor, f"The snapshot {snapshot_id} does not exist (any more).")
        return ChangeSet(snapshots_removed=frozenset({snapshot_id}))
