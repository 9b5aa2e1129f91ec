"""The open routine on real files: create, refuse, upgrade — and never touch what it refuses."""

from __future__ import annotations

import hashlib
import shutil
import sqlite3
from pathlib import Path

import pytest

from desktop.demo import add_demo_deals
from desktop.resource_paths import demo_files
from desktop.store.backups import backup_folder
from desktop.store.errors import LibraryCorrupt, LibraryTooNew, LibraryUnavailable, NotALibrary
from desktop.store.library import Library
from desktop.store.migrations import MIGRATIONS, SCHEMA_VERSION
from desktop.store.migrations.m0001_initial import APPLICATION_ID
from desktop.store.opening import open_connection


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def test_a_new_library_is_set_up(library_path: Path) -> None:
    with Library.open(library_path) as library:
        connection = library._connection
        assert connection.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
        assert connection.execute("PRAGMA foreign_keys").fetchone()[0] == 1
        assert connection.execute("PRAGMA synchronous").fetchone()[0] == 2  # FULL
        assert connection.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION
        assert connection.execute("PRAGMA application_id").fetchone()[0] == APPLICATION_ID
        assert library.list_deals() == []


def test_reopening_keeps_the_data(library_path: Path) -> None:
    with Library.open(library_path) as library:
        add_demo_deals(library)
        before = [library.get_deal(d.id) for d in library.list_deals()]
    with Library.open(library_path) as library:
        assert [library.get_deal(d.id) for d in library.list_deals()] == before


def test_missing_folder(tmp_path: Path) -> None:
    with pytest.raises(LibraryUnavailable, match="does not exist"):
        Library.open(tmp_path / "nowhere" / "x.sqlite")
    assert not (tmp_path / "nowhere").exists()


def test_missing_file_without_create(tmp_path: Path) -> None:
    with pytest.raises(LibraryUnavailable, match="no library"):
        Library.open(tmp_path / "x.sqlite", create=False)
    assert not (tmp_path / "x.sqlite").exists()


@pytest.mark.parametrize("content", [
    b"hello, this is a text file\n", b"\x00" * 4096, b"SQLite format 2\x00" + b"\x00" * 100,
    b"PK\x03\x04 a zip file",
])
def test_not_sqlite_is_refused_untouched(tmp_path: Path, content: bytes) -> None:
    path = tmp_path / "notes.sqlite"
    path.write_bytes(content)
    with pytest.raises(NotALibrary, match="not a Deal Triangle library"):
        Library.open(path)
    assert path.read_bytes() == content
    assert sorted(p.name for p in tmp_path.iterdir()) == ["notes.sqlite"]


def test_someone_elses_database_is_refused_untouched(tmp_path: Path) -> None:
    path = tmp_path / "other.sqlite"
    connection = sqlite3.connect(path)
    connection.execute("CREATE TABLE invoices (id INTEGER PRIMARY KEY, total REAL)")
    connection.commit()
    connection.close()
    before = digest(path)
    with pytest.raises(NotALibrary, match="SQLite database but not a Deal Triangle library"):
        Library.open(path)
    assert digest(path) == before


def test_a_newer_library_is_refused_untouched(library_path: Path) -> None:
    Library.open(library_path).close()
    connection = sqlite3.connect(library_path)
    connection.execute(f"PRAGMA user_version = {SCHEMA_VERSION + 1}")
    connection.commit()
    connection.close()
    before = digest(library_path)
    with pytest.raises(LibraryTooNew, match="newer Deal Triangle"):
        Library.open(library_path)
    assert digest(library_path) == before


def test_a_damaged_library_is_detected_and_left_alone(library_path: Path) -> None:
    with Library.open(library_path) as library:
        add_demo_deals(library)
        library._connection.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    data = bytearray(library_path.read_bytes())
    page = 4096
    assert len(data) > 4 * page
    for number in range(1, len(data) // page):  # scribble over every b-tree page header
        data[number * page: number * page + 12] = b"\x5a" * 12
    library_path.write_bytes(bytes(data))
    before = digest(library_path)
    with pytest.raises(LibraryCorrupt, match="damaged"):
        Library.open(library_path)
    assert digest(library_path) == before


def test_empty_file_becomes_a_library(library_path: Path) -> None:
    library_path.write_bytes(b"")
    with Library.open(library_path) as library:
        assert library.list_deals() == []


# -- the migration machinery, with a synthetic next version ---------------------------------

NEXT = {**MIGRATIONS, SCHEMA_VERSION + 1: (
    "ALTER TABLE deals ADD COLUMN probability INTEGER",
    "UPDATE deals SET probability = 50",
)}
BROKEN_NEXT = {**MIGRATIONS, SCHEMA_VERSION + 1: (
    "ALTER TABLE deals ADD COLUMN probability INTEGER",
    "UPDATE no_such_table SET x = 1",
)}


def test_an_older_library_is_upgraded_after_a_backup(library_path: Path) -> None:
    with Library.open(library_path) as library:
        add_demo_deals(library)
    connection = open_connection(library_path, migrations=NEXT)
    try:
        assert connection.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION + 1
        assert {row[0] for row in connection.execute("SELECT probability FROM deals")} == {50}
    finally:
        connection.close()
    backups = list(backup_folder(library_path).glob("*.sqlite"))
    assert len(backups) == 1
    assert f"before-v{SCHEMA_VERSION + 1}" in backups[0].name
    saved = sqlite3.connect(backups[0])
    assert saved.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION
    assert saved.execute("SELECT count(*) FROM deals").fetchone()[0] == len(demo_files())
    saved.close()


def test_a_failing_migration_leaves_the_library_as_it_was(library_path: Path) -> None:
    with Library.open(library_path) as library:
        add_demo_deals(library)
        deals = library.list_deals()
    with pytest.raises(sqlite3.OperationalError):  # a bug in a migration is a bug: it surfaces
        open_connection(library_path, migrations=BROKEN_NEXT)
    with Library.open(library_path) as library:
        assert library._connection.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION
        columns = [c.name for c in library.db["deals"].columns]
        assert "probability" not in columns
        assert library.list_deals() == deals


def test_two_openers_of_a_new_library_do_not_collide(tmp_path: Path) -> None:
    path = tmp_path / "shared.sqlite"
    first = Library.open(path)
    second = Library.open(path)  # sees the schema the first one made
    try:
        assert second.list_deals() == []
    finally:
        first.close()
        second.close()


def test_a_read_only_copy_still_reads(tmp_path: Path, library_path: Path) -> None:
    with Library.open(library_path) as library:
        add_demo_deals(library)
        library._connection.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    copy = tmp_path / "copy.sqlite"
    shutil.copy(library_path, copy)
    with Library.open(copy) as library:
        assert len(library.list_deals()) == len(demo_files())


def test_a_look_at_a_closed_library_creates_no_files(library_path: Path) -> None:
    from desktop.store.opening import inspect

    with Library.open(library_path) as library:
        add_demo_deals(library)
    before = sorted(p.name for p in library_path.parent.iterdir())
    inspect(library_path)
    assert sorted(p.name for p in library_path.parent.iterdir()) == before


def test_a_look_while_another_program_writes_loses_none_of_its_edits(
        library_path: Path) -> None:
    """Regression: inspecting once deleted WAL files it had not found at first — which a
    writer starting meanwhile was using: that writer's commits vanished with its WAL."""
    from desktop.domain.deal import Deal
    from desktop.domain.person import Person
    from desktop.store.opening import inspect

    with Library.open(library_path) as setup:
        setup.add_deal(Deal(name="Shared", id="6f1c1a4e-6a7b-4bb5-9c3e-2d7b7f0c2a11"))
    writer = Library.open(library_path)  # another program, WAL files in use
    try:
        for i in range(20):
            inspect(library_path)  # a third program opening the library looks first
            writer.add_people("6f1c1a4e-6a7b-4bb5-9c3e-2d7b7f0c2a11", [Person(name=f"P{i}")])
    finally:
        writer.close()
    with Library.open(library_path) as reader:
        assert len(reader.get_deal("6f1c1a4e-6a7b-4bb5-9c3e-2d7b7f0c2a11").people) == 20
