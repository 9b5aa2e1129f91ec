"""Is the file's schema exactly the one our migrations make?

A library's ``sqlite_master`` is part of what we trust: a trigger planted in it runs on our
next write (``DELETE FROM deals`` after any update), a view or an extra table says the file
was edited by something else, a dropped constraint lets impossible values in. So before any
write — and before reading — the file's schema is compared with the schema the migrations
produce for the file's version, built once in memory from the same statements. Whitespace
is the only difference forgiven (SQLite keeps each statement's text as it was written).
"""

from __future__ import annotations

import functools
import sqlite3

from desktop.store.lenient_text import lenient, readable
from desktop.store.migrations import MIGRATIONS, run_step

SchemaEntry = tuple[str, str, str, str]  # type, name, table, normalised SQL
_OBJECTS_SQL = ("SELECT type, name, tbl_name, coalesce(sql, '') FROM sqlite_master "
                "WHERE name NOT LIKE 'sqlite_stat%'")  # statistics SQLite itself may add


def schema_of(connection: sqlite3.Connection) -> frozenset[SchemaEntry]:
    """Text that is not UTF-8 is kept (as lone surrogates): it then differs from ours."""
    factory = connection.text_factory
    connection.text_factory = lenient
    try:
        return frozenset((kind, name, table, " ".join(sql.split()))
                         for kind, name, table, sql in connection.execute(_OBJECTS_SQL))
    finally:
        connection.text_factory = factory




@functools.cache
def expected_schema(version: int) -> frozenset[SchemaEntry]:
    """The schema that migrations 1…``version`` create in an empty database."""
    connection = sqlite3.connect(":memory:", isolation_level=None)
    try:
        for number in range(1, version + 1):
            for step in MIGRATIONS[number]:
                run_step(connection, step)
        return schema_of(connection)
    finally:
        connection.close()


def schema_differences(connection: sqlite3.Connection, version: int) -> list[str]:
    """What the file's schema has that ours does not, and what it lacks, in words
    (``a trigger “wipe” on people that Deal Triangle did not make``); empty when equal."""
    if version not in MIGRATIONS:
        return []  # no schema of ours to compare with: the caller refuses the version
    found = schema_of(connection)
    expected = expected_schema(version)
    ours = {(kind, name) for kind, name, _table, _sql in expected}
    problems = []
    for kind, raw_name, raw_table, _sql in sorted(found - expected):
        name, table = readable(raw_name), readable(raw_table)
        where = f" on {table}" if kind in ("trigger", "index") and table != name else ""
        if (kind, name) in ours:
            problems.append(f"the {kind} “{name}” differs from the one Deal Triangle makes")
        else:
            article = "an" if kind == "index" else "a"
            problems.append(f"{article} {kind} “{name}”{where} that Deal Triangle did not make")
    present = {(kind, name) for kind, name, _table, _sql in found}
    problems.extend(f"the {kind} “{name}” is missing"
                    for kind, name, _table, _sql in sorted(expected)
                    if (kind, name) not in present)
    return problems
