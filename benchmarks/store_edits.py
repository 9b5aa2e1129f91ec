"""1,000 person edits, each in its own durable transaction, versus raw ``sqlite3`` running the
same statements with the same pragmas (goal ≤ 1.3×).

Both sides write to their own copy of the same library; the runs alternate so that disk
cache and fsync behaviour favour neither.
"""

from __future__ import annotations

import shutil
import sqlite3
import tempfile
import time
from dataclasses import replace
from pathlib import Path

from benchmarks.harness import Result
from desktop.domain.deal import Deal
from desktop.domain.enums import Axis
from desktop.domain.person import Person
from desktop.domain.scores import Score
from desktop.store import rows
from desktop.store.library import Library
from desktop.store.opening import configure
from desktop.store.writing import UPDATE_IDENTITY_SQL, UPDATE_STANCE_SQL, UPSERT_SCORE_SQL

EDITS = 1_000
ROUNDS = 5


def _edits(people: list[Person]) -> list[Person]:
    return [
        replace(people[i % len(people)], notes=f"Call back about item {i}").with_score(
            Axis.BUSINESS, Score(i % 11, f"evidence {i}"))
        for i in range(EDITS)
    ]


def _ours(path: Path, edits: list[Person]) -> float:
    with Library.open(path) as library:
        start = time.perf_counter()
        for person in edits:
            library.update_people([person])
        return time.perf_counter() - start


def _raw(path: Path, edits: list[Person], deal_id: str) -> float:
    params = [(rows.identity_row(p), rows.stance_row(p, deal_id), rows.score_rows(p, deal_id))
              for p in edits]
    stamp = "2026-01-01T00:00:00Z"
    connection = sqlite3.connect(path, isolation_level=None, timeout=5)
    configure(connection)
    try:
        start = time.perf_counter()
        for identity_row, stance_row, score_rows in params:
            connection.execute("BEGIN IMMEDIATE")
            connection.execute("SELECT deal_id FROM people WHERE id = ?", [identity_row["id"]])
            connection.execute(UPDATE_IDENTITY_SQL, identity_row)
            connection.execute(UPDATE_STANCE_SQL, stance_row)
            connection.executemany(UPSERT_SCORE_SQL, score_rows)
            connection.execute("UPDATE deals SET updated_at = ? WHERE id = ?", [stamp, deal_id])
            connection.execute("COMMIT")
        return time.perf_counter() - start
    finally:
        connection.close()


def run() -> list[Result]:
    folder = Path(tempfile.mkdtemp(prefix="bench-edits-"))
    try:
        template = folder / "template.sqlite"
        people = [Person(name=f"Person {i}", title="Director") for i in range(30)]
        deal = Deal(name="Bench", people=tuple(people))
        with Library.open(template) as library:
            library.add_deal(deal)
        edits = _edits(people)
        ours_times, raw_times = [], []
        for round_ in range(ROUNDS):
            ours_path = folder / f"ours-{round_}.sqlite"
            raw_path = folder / f"raw-{round_}.sqlite"
            shutil.copy(template, ours_path)
            shutil.copy(template, raw_path)
            if round_ % 2:
                raw_times.append(_raw(raw_path, edits, deal.id))
                ours_times.append(_ours(ours_path, edits))
            else:
                ours_times.append(_ours(ours_path, edits))
                raw_times.append(_raw(raw_path, edits, deal.id))
        return [Result("1,000 person edits (durable, one txn each)", min(ours_times),
                       min(raw_times), goal="≤ 1.3x",
                       note=f"{min(ours_times) / EDITS * 1e3:.2f} ms per edit")]
    finally:
        shutil.rmtree(folder, ignore_errors=True)
