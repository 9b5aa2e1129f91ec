"""Plan rows that name somebody or something their deal does not have.

Each row of the plan tables can be sound on its own and still be damage: an action's people
(a JSON list), a criterion's owner, a step's approver and an action's intended person are
people *of the same deal*, and a person's leaning, the alternative they scored and a
criterion's ratings name that deal's alternatives; a comment is about a person or an action
of its deal. No foreign key can say
"of the same deal" for a JSON list, so a file edited by another program can break it — and
the deal then fails to load with a reason that names no row. ``damaged_rows`` asks this
module after its row-by-row checks, so that ``check`` lists such a row and a failed read
names it, like any other damage.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterator

# (table, the columns that hold one person id each)
_PERSON_COLUMNS = (("actions", ("intended_person",)), ("criteria", ("owner",)),
                   ("process_steps", ("approver",)))


def dangling(connection: sqlite3.Connection) -> Iterator[tuple[str, str, str]]:
    """``(table, row id, problem)`` for each plan row naming nobody of its deal. Rows whose
    JSON or text is damaged are left to the row checks (they are reported there)."""
    people = _by_deal(connection, "people")
    alternatives = _by_deal(connection, "alternatives")
    for row_id, deal_id, text in connection.execute("SELECT id, deal_id, people FROM actions"):
        for person in _json(text, list):
            if isinstance(person, str) and person not in people.get(deal_id, ()):
                yield "actions", row_id, f"its people name {person}, nobody of its deal"
                break
    for table, columns in _PERSON_COLUMNS:
        for column in columns:
            query = (f"SELECT id, deal_id, {column} FROM {table} "  # noqa: S608 - fixed names
                     f"WHERE {column} IS NOT NULL")
            for row_id, deal_id, person in connection.execute(query):
                if person not in people.get(deal_id, ()):
                    yield table, row_id, f"the {column} {person} is nobody of its deal"
    for row_id, deal_id, leaning in connection.execute(
            "SELECT id, deal_id, leans_to FROM people WHERE leans_to IS NOT NULL"):
        if leaning not in alternatives.get(deal_id, ()):
            yield "people", row_id, f"leans to {leaning}, none of its deal's alternatives"
    people_columns = {row[1] for row in connection.execute("PRAGMA table_info(people)")}
    if "versus_alternative" in people_columns:  # version 6 on (an older file is checked too)
        for row_id, deal_id, scored in connection.execute(
                "SELECT id, deal_id, versus_alternative FROM people "
                "WHERE versus_alternative IS NOT NULL"):
            if scored not in alternatives.get(deal_id, ()):
                yield "people", row_id, f"scores {scored}, none of its deal's alternatives"
    for row_id, deal_id, text in connection.execute("SELECT id, deal_id, theirs FROM criteria"):
        for rated in _json(text, dict):
            if rated not in alternatives.get(deal_id, ()):
                yield "criteria", row_id, f"rates {rated}, none of its deal's alternatives"
                break
    actions = _by_deal(connection, "actions")
    for row_id, deal_id, kind, target in connection.execute(
            "SELECT id, deal_id, target_kind, target FROM comments "
            "WHERE target_kind IN ('person', 'action')"):
        if target not in (people if kind == "person" else actions).get(deal_id, ()):
            yield "comments", row_id, f"is on {target}, no {kind} of its deal"


def _by_deal(connection: sqlite3.Connection, table: str) -> dict[str, set[str]]:
    found: dict[str, set[str]] = {}
    for row_id, deal_id in connection.execute(f"SELECT id, deal_id FROM {table}"):  # noqa: S608
        found.setdefault(deal_id, set()).add(row_id)
    return found


def _json(text: object, kind: type[list[object]] | type[dict[str, object]]) -> list[object]:
    """The items (or keys) of a JSON list (or object); nothing when it is not one."""
    try:
        value = json.loads(text) if isinstance(text, str) else None
    except ValueError:
        return []
    return list(value) if isinstance(value, kind) else []
