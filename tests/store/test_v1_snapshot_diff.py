"""A library made by version 1 — a deal with next steps and competitor names, and a snapshot
stored in the v1 shape — opened (so migrated) by today's code: "what changed since the
snapshot" finds nothing, because the migration and the snapshot reader derive the same ids."""

from __future__ import annotations

import json
import sqlite3
from datetime import datetime, timedelta
from pathlib import Path

from desktop.domain.diff import diff_deals
from desktop.store.library import Library
from desktop.store.migrations import MIGRATIONS, run_step
from tests.domain.test_plan_diff import CARL, EVE, REVIEW, uid, v1_deal


def test_a_version_1_library_migrated_compares_its_old_snapshot_with_the_deal(
        tmp_path: Path) -> None:
    """End to end: a library at schema version 1 holding a deal and a snapshot in the v1
    shape, opened (and so migrated) by today's code."""
    path = tmp_path / "v1.sqlite"
    connection = sqlite3.connect(path, isolation_level=None)
    for step in MIGRATIONS[1]:
        run_step(connection, step)
    connection.execute("PRAGMA user_version = 1")
    stamp = "2026-11-09T10:00:00Z"
    connection.execute("INSERT INTO deals (id, name, competitors, created_at, updated_at) "
                       "VALUES (?, 'Plan', '[\"Acme\"]', ?, ?)", [uid("deal"), stamp, stamp])
    for ordinal, (person, step) in enumerate(((EVE, "Business case review"), (CARL, ""))):
        connection.execute("INSERT INTO people (id, deal_id, ordinal, name, next_step) "
                           "VALUES (?, ?, ?, ?, ?)",
                           [person.id, uid("deal"), ordinal, person.name, step])
    connection.execute("INSERT INTO snapshots (id, deal_id, name, taken_at, content) "
                       "VALUES (?, ?, 'QBR', ?, ?)",
                       [uid("qbr"), uid("deal"), stamp,
                        json.dumps(v1_deal("Business case review"))])
    connection.close()
    library = Library.open(path)
    try:
        deal = library.get_deal(uid("deal"))
        snapshot = library.get_snapshot(uid("qbr"))
    finally:
        library.close()
    assert snapshot.taken_at.date() == REVIEW
    assert isinstance(snapshot.taken_at, datetime)
    assert [a.id for a in deal.actions] == [a.id for a in snapshot.deal.actions]
    diff = diff_deals(snapshot.deal, deal, today=REVIEW + timedelta(days=1),
                      since=snapshot.taken_at.date())
    assert not diff, diff.lines()
