"""The team folder's files that are not simply merged — still being written, problems,
conflicts waiting — read without loading the memory of every merged file.

``team.files`` gives every file's record: right for a sync, but the window asks for the state
after every sync (the status bar), and in a folder of 10,000 files loading them all took
~100 ms of the GUI thread. The files that wait are few; SQLite finds them in a scan that
never leaves C.
"""

from __future__ import annotations

from desktop.domain.team import FileState
from desktop.store.library import Library


def unsettled(library: Library) -> list[tuple[str, FileState, str]]:
    """(name, state, note) of each file not merged, by name."""
    rows = library.db.conn.execute(
        "SELECT name, state, note FROM team_files WHERE state <> ? ORDER BY name",
        [FileState.MERGED.value])
    return [(row[0], FileState(row[1]), row[2]) for row in rows]
