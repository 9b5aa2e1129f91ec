"""A file with Deal Triangle's mark (its application id) but no library version or no tables
is refused untouched: ``list`` gave a traceback and switched the file to WAL (bytes changed),
or "upgraded" it into an empty library."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from desktop.store.migrations.m0001_initial import APPLICATION_ID
from tests.helpers.cli import assert_one_clear_line, digest, run


def marked_file(path: Path, version: int) -> Path:
    connection = sqlite3.connect(path)
    connection.execute(f"PRAGMA application_id = {APPLICATION_ID}")
    connection.execute(f"PRAGMA user_version = {version}")
    connection.execute("CREATE TABLE scratch (a)")  # a page written, then no table left
    connection.execute("DROP TABLE scratch")
    connection.commit()
    connection.close()
    return path


@pytest.mark.parametrize(("version", "said"), [(0, "no library version"), (1, "no tables")])
@pytest.mark.parametrize("command", [["list"], ["show", "x"], ["demo"], ["export", "--all",
                                                                          "-o", "out.dealtri"]])
def test_a_marked_file_without_a_library_is_left_untouched(
        tmp_path: Path, version: int, said: str, command: list[str]) -> None:
    path = marked_file(tmp_path / "lib.sqlite", version)
    before = digest(path)
    result = run("--db", path, *[str(tmp_path / c) if c.endswith(".dealtri") else c
                                 for c in command])
    line = assert_one_clear_line(result)
    assert said in line
    assert "left untouched" in line
    assert digest(path) == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["lib.sqlite"]  # no -wal, no -shm
