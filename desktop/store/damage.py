"""Finding the rows whose content is damaged past what SQLite's page checks see.

Reading trusts our own rows (``desktop/domain/trusted.py``): the tables' CHECK constraints
hold the domain's rules. A file edited by another program can still hold what we never
write — text that is not UTF-8, ``roles`` that is not JSON, a support of 99 stored with
``PRAGMA ignore_check_constraints`` — and a trusted read then fails somewhere deep, or worse,
shows an impossible map. This module is the slow, careful reader used when a read has failed
(to name the table and row in one sentence) and by ``check`` (to list every one): it reads
every row leniently and builds each value again through the checking constructors.
"""

from __future__ import annotations

import contextlib
import dataclasses
import json
import sqlite3
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

from desktop.domain.scores import Score
from desktop.store import rows
from desktop.store.damaged_references import dangling
from desktop.store.errors import LibraryCorrupt
from desktop.store.lenient_text import has_invalid_utf8, lenient, readable
from desktop.store.reading import snapshot_from_row

# Columns that hold JSON, by table.
_JSON_COLUMNS = {"people": ("roles",), "snapshots": ("content",), "actions": ("people",),
                 "criteria": ("theirs",)}


@dataclasses.dataclass(frozen=True, slots=True)
class DamagedRow:
    table: str
    key: str
    problem: str

    def __str__(self) -> str:
        return f"{self.table} row {self.key}: {self.problem}"


def damaged_rows(connection: sqlite3.Connection, limit: int = 50) -> list[DamagedRow]:
    """Up to ``limit`` damaged rows, table by table. Leaves the connection as it was."""
    text_factory, row_factory = connection.text_factory, connection.row_factory
    connection.text_factory, connection.row_factory = lenient, sqlite3.Row
    found: list[DamagedRow] = []
    try:
        for table, key, check in _CHECKS:
            source = _SOURCES.get(table, f"SELECT * FROM {table}")  # noqa: S608 - fixed
            for row in connection.execute(source):
                problem = _problem(table, row, check)
                if problem:
                    found.append(DamagedRow(table, _key(row, key), problem))
                    if len(found) >= limit:
                        return found
        for table, row_id, problem in dangling(connection):  # sound rows, naming nobody
            found.append(DamagedRow(table, repr(_printable(row_id)), problem))
            if len(found) >= limit:
                return found
    finally:
        connection.text_factory, connection.row_factory = text_factory, row_factory
    return found


def _key(row: sqlite3.Row, columns: tuple[str, ...]) -> str:
    return " ".join(repr(_printable(row[column])) for column in columns)


def _printable(value: Any) -> Any:
    return readable(value) if isinstance(value, str) else value


def _problem(table: str, row: sqlite3.Row, check: Callable[[sqlite3.Row], object]) -> str:
    for column in row.keys():  # noqa: SIM118 - sqlite3.Row has no __iter__ over names
        value = row[column]
        if isinstance(value, str) and has_invalid_utf8(value):
            return f"the {column} is not valid UTF-8 text"
    for column in _JSON_COLUMNS.get(table, ()):
        try:
            json.loads(row[column])
        except ValueError:
            return f"the {column} is not JSON"
    try:
        check(row)
    except KeyError as error:
        return f"an unknown value {error}"
    except Exception as error:
        return " ".join(str(error).split())[:200] or type(error).__name__
    return ""


def _check_person(row: sqlite3.Row) -> object:
    person = rows.person_from_row(row, {})
    return dataclasses.replace(person, position=dataclasses.replace(person.position))


def _check_score(row: sqlite3.Row) -> Score:
    return dataclasses.replace(rows.score_from_row(row))


def _check_relation(row: sqlite3.Row) -> object:
    return dataclasses.replace(rows.relation_from_row(row))


def _check_snapshot(row: sqlite3.Row) -> object:
    return snapshot_from_row(row)


# A person's row is their stance joined with their identity: checked as one person.
_SOURCES = {"people": rows.PEOPLE_SELECT}
_CHECKS: tuple[tuple[str, tuple[str, ...], Callable[[sqlite3.Row], object]], ...] = (
    ("deals", ("id",), rows.deal_from_row),
    ("people", ("id",), _check_person),
    ("scores", ("person_id", "axis"), _check_score),
    ("relations", ("id",), _check_relation),
    ("snapshots", ("id",), _check_snapshot),
    ("alternatives", ("id",), rows.alternative_from_row),
    ("actions", ("id",), rows.action_from_row),
    ("criteria", ("id",), rows.criterion_from_row),
    ("process_steps", ("id",), rows.step_from_row),
    ("comments", ("id",), rows.comment_from_row),
)


def first_damage(connection: sqlite3.Connection) -> DamagedRow | None:
    found = damaged_rows(connection, limit=1)
    return found[0] if found else None


_DAMAGE_SYMPTOMS = (sqlite3.OperationalError, ValueError, KeyError, TypeError)


@contextlib.contextmanager
def damage_named(connection: sqlite3.Connection, path: Path) -> Iterator[None]:
    """Around a read: a failure caused by a damaged row becomes :class:`LibraryCorrupt` naming
    the table and row; any other failure (a bug) goes on as it was."""
    try:
        yield
    except _DAMAGE_SYMPTOMS as error:
        if isinstance(error, sqlite3.OperationalError) and "decode" not in str(error):
            raise
        damage = first_damage(connection)
        if damage is None:
            raise
        raise LibraryCorrupt(f"{path} is damaged: {damage} (“deal-triangle check” lists "
                             "every damaged row); it was left untouched.") from error
