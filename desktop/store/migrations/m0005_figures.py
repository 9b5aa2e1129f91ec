"""Version 5: a cache of each deal's portfolio figures, emptied by the database itself.

The portfolio of a library of 1,000 deals took 7–11 s to open, because every deal was read
whole and analysed (about 4 ms each) to learn a handful of numbers. ``deal_figures`` keeps,
per deal, what its standing is made of that does not depend on the day (the deal triangle,
coverage, backing, the count of high red flags, the latest contact with a key person, the due
dates of open actions: ``desktop/domain/portfolio.py`` ``DealFigures``), as JSON, with the
``recipe`` — the number of the formula that made it, so a newer app recomputes an older row.

Why triggers rather than an ``updated_at`` check: ``updated_at`` is kept to the second, so
two edits within one second would look like none; and the command line, a merge, an undo or
another program all write through different paths. A trigger on every table a figure is read
from deletes the deal's row inside the very transaction that changes the deal, whoever
writes it — a row that exists is therefore always of the deal as it is now. The triggers
cost one primary-key delete per row written (measured in benchmarks/store_edits.py).
"""

from __future__ import annotations

# The tables whose rows belong to one deal by ``deal_id`` and feed its figures (comments and
# snapshots do not). A frozen list: a migration never changes once released.
_DEAL_TABLES = ("people", "scores", "relations", "alternatives", "actions", "criteria",
                "process_steps", "notices")


def _forget(table: str, event: str, row: str) -> str:
    return (f"CREATE TRIGGER {table}_{event.lower()}_forgets_figures "  # noqa: S608 - our names
            f"AFTER {event} ON {table} "
            f"BEGIN DELETE FROM deal_figures WHERE deal_id = {row}.deal_id; END")


def _forget_updated(table: str) -> str:
    # A row moved to another deal (never done today, but cheap to get right) leaves both stale.
    return (f"CREATE TRIGGER {table}_update_forgets_figures "  # noqa: S608 - our names
            f"AFTER UPDATE ON {table} "
            "BEGIN DELETE FROM deal_figures WHERE deal_id IN (OLD.deal_id, NEW.deal_id); END")


STATEMENTS = (
    """
    CREATE TABLE deal_figures (
        deal_id TEXT PRIMARY KEY REFERENCES deals(id) ON DELETE CASCADE,
        recipe  INTEGER NOT NULL,
        figures TEXT NOT NULL
    ) STRICT, WITHOUT ROWID
    """,
    *(statement for table in _DEAL_TABLES for statement in (
        _forget(table, "INSERT", "NEW"), _forget_updated(table), _forget(table, "DELETE", "OLD"))),
    # The deal's own row: its stage, close date, compelling event … (and every edit touches
    # its updated_at, so this one alone would catch most; the others make it certain).
    "CREATE TRIGGER deals_update_forgets_figures AFTER UPDATE ON deals "
    "BEGIN DELETE FROM deal_figures WHERE deal_id = NEW.id; END",
    # An identity is shared by the deals of its account: a new last contact changes them all.
    "CREATE TRIGGER identities_update_forgets_figures AFTER UPDATE ON identities "
    "BEGIN DELETE FROM deal_figures WHERE deal_id IN "
    "(SELECT deal_id FROM people WHERE id = NEW.id); END",
)
