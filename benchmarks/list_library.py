"""Listing a library of 1,000 deals × 30 people (goal ≤ 100 ms), versus the same query
fetched with raw ``sqlite3``."""

from __future__ import annotations

import shutil
import sqlite3
import tempfile
from pathlib import Path

from benchmarks.harness import Result, median_time
from desktop.domain.deal import Deal
from desktop.domain.enums import Axis, Influence
from desktop.domain.person import Person
from desktop.domain.scores import Score
from desktop.store.library import Library
from desktop.store.reading import LIST_DEALS_SQL

DEALS = 1_000
PEOPLE = 30


def build(path: Path) -> None:
    influences = list(Influence)
    deals = [
        Deal(name=f"Deal {d:04d}", account=f"Account {d % 97}", stage="Proposal",
             amount=1000.0 * d, currency="EUR",
             people=tuple(
                 Person(name=f"Person {d}-{p}", title="Manager",
                        influence=influences[p % 3]).with_score(Axis.BUSINESS, Score(p % 11))
                 for p in range(PEOPLE)))
        for d in range(DEALS)
    ]
    with Library.open(path) as library:
        library.add_deals(deals)


def run() -> list[Result]:
    folder = Path(tempfile.mkdtemp(prefix="bench-list-"))
    try:
        path = folder / "big.sqlite"
        build(path)
        with Library.open(path) as library:
            listed = library.list_deals()
            assert len(listed) == DEALS
            ours = median_time(library.list_deals, repeat=7)
        connection = sqlite3.connect(path)
        try:
            baseline = median_time(lambda: connection.execute(LIST_DEALS_SQL).fetchall(), 7)
        finally:
            connection.close()
        return [Result("list 1,000 deals × 30 people", ours, baseline, goal="≤ 100 ms",
                       note="baseline: the same query, raw sqlite3 tuples")]
    finally:
        shutil.rmtree(folder, ignore_errors=True)
