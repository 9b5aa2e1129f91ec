"""``deal-triangle check``: a full integrity and schema check that never writes a byte."""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass, field
from pathlib import Path

from desktop.store.damage import damaged_rows
from desktop.store.errors import LibraryUnavailable, translated
from desktop.store.migrations import SCHEMA_VERSION
from desktop.store.opening import BUSY_TIMEOUT_SECONDS, check_header, inspect, reading_uri

EXPECTED_TABLES = frozenset({"deals", "people", "scores", "relations", "snapshots", "accounts",
                             "identities"})


@dataclass(slots=True)
class CheckReport:
    path: Path
    version: int = 0
    deals: int = 0
    people: int = 0
    problems: list[str] = field(default_factory=list)

    @property
    def sound(self) -> bool:
        return not self.problems


def check_library(path: Path) -> CheckReport:
    """Raise :class:`StoreError` when the file cannot be examined at all; otherwise report."""
    path = Path(path).expanduser().absolute()
    if not path.is_file():
        raise LibraryUnavailable(f"There is no library at {path}.")
    check_header(path)
    found = inspect(path)  # refuses foreign and damaged files with a clear message
    report = CheckReport(path=path, version=found.user_version)
    if found.is_blank:
        report.problems.append("the file is an empty database, not yet a library")
        return report
    if found.user_version != SCHEMA_VERSION:
        report.problems.append(
            f"library version {found.user_version}; this app writes version {SCHEMA_VERSION}"
            + (" (it will be upgraded when opened)" if found.user_version < SCHEMA_VERSION
               else " (written by a newer app)"))
    with translated(path):
        connection = sqlite3.connect(reading_uri(path), uri=True,
                                     timeout=BUSY_TIMEOUT_SECONDS)
        try:
            tables = {row[0] for row in connection.execute(
                "SELECT name FROM sqlite_schema WHERE type = 'table'")}
            missing = EXPECTED_TABLES - tables
            if missing:
                report.problems.append(f"missing tables: {', '.join(sorted(missing))}")
                return report
            report.problems.extend(f"schema: {difference}"
                                   for difference in found.schema_problems)
            integrity = [row[0] for row in connection.execute("PRAGMA integrity_check(20)")]
            if integrity != ["ok"]:
                report.problems.extend(f"integrity: {line}" for line in integrity)
            report.problems.extend(f"damaged: {row}" for row in damaged_rows(connection))
            for table, _rowid, parent, _fk in connection.execute("PRAGMA foreign_key_check"):
                report.problems.append(f"a row of {table} points at a missing {parent} row")
                if len(report.problems) > 50:
                    break
            report.deals = connection.execute("SELECT count(*) FROM deals").fetchone()[0]
            report.people = connection.execute("SELECT count(*) FROM people").fetchone()[0]
        finally:
            connection.close()
    return report
