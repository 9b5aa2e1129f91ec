"""Migration 2 on a real version-1 library, made by the release before it (commit 8fa6e64;
``tests/data/libraries/README.md`` says how): the demo deals with their next steps and
competitors, a person with a long next step on many lines, and a deal whose competitors were
``["FleetIQ", "fleetiq", " ", "Do nothing"]``.

Opening it backs it up first, migrates in one transaction, turns each non-empty next step
into one open action and each competitor into an alternative — with the ids
:mod:`desktop.domain.version1` derives, the same the deal-file reader gives a version-1 file
of the same deal, so a colleague's old export merges in adding nothing. A migration that
stops half-way (an error, or the process killed) leaves the file at version 1.
"""

from __future__ import annotations

import shutil
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

from desktop.domain import version1
from desktop.domain.actions import ActionStatus, OwnerSide
from desktop.domain.decision import AlternativeKind
from desktop.domain.merge import plan_merge
from desktop.exchange import dealfile
from desktop.exchange.importing import plan_import, read_files
from desktop.store.backups import list_backups
from desktop.store.checking import check_library
from desktop.store.library import Library
from desktop.store.migrations import MIGRATIONS, SCHEMA_VERSION
from desktop.store.opening import open_connection
from desktop.store.schema_check import schema_of
from tests.helpers.cli import digest, run
from tests.helpers.paths import DATA, ROOT

LIBRARIES = DATA / "libraries"
FIXTURE_DEAL = "5d1e3c2b-0a9f-4e8d-b7c6-a5b4c3d2e1f0"
LONG_STEP_PERSON = "6a1b2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c4d"
EMPTY_STEP_PERSON = "7b2c3d4e-5f6a-4b7c-9d8e-0f1a2b3c4d5e"


@pytest.fixture
def old(tmp_path: Path) -> Path:
    """A copy of the version-1 library (the checked-in file is never opened)."""
    path = tmp_path / "library.sqlite"
    shutil.copy(LIBRARIES / "v1-library.sqlite", path)
    return path


def _version(path: Path) -> int:
    connection = sqlite3.connect(path)
    try:
        return int(connection.execute("PRAGMA user_version").fetchone()[0])
    finally:
        connection.close()


def _v1_rows(path: Path) -> tuple[list[tuple[str, str, str]], dict[str, list[str]]]:
    """(person id, deal id, next step) of every person, and each deal's competitor names,
    read from the version-1 file with plain SQL."""
    import json

    connection = sqlite3.connect(path)
    try:
        people = connection.execute("SELECT id, deal_id, next_step FROM people").fetchall()
        competitors = {deal_id: json.loads(text) for deal_id, text in connection.execute(
            "SELECT id, competitors FROM deals")}
    finally:
        connection.close()
    return people, competitors


def _dump(path: Path) -> list[str]:
    connection = sqlite3.connect(path)
    try:
        return list(connection.iterdump())
    finally:
        connection.close()


def test_the_fixture_is_a_version_1_library_as_the_old_release_wrote_it(old: Path) -> None:
    assert _version(old) == 1
    people, competitors = _v1_rows(old)
    steps = {person: step for person, _deal, step in people}
    assert "\n" in steps[LONG_STEP_PERSON]
    assert len(steps[LONG_STEP_PERSON]) > 1_000
    assert steps[EMPTY_STEP_PERSON] == ""
    assert competitors[FIXTURE_DEAL] == ["FleetIQ", "fleetiq", "Do nothing"]  # v1 kept case
    assert sum(1 for _p, _d, step in people if step) >= 30  # the demo deals' next steps


def test_opening_backs_up_then_migrates(old: Path) -> None:
    before = _dump(old)
    with Library.open(old) as library:
        assert library._connection.execute("PRAGMA user_version").fetchone()[0] == \
            SCHEMA_VERSION
    (backup,) = list_backups(old)
    assert backup.reason == f"before-v{SCHEMA_VERSION}"
    assert _version(backup.path) == 1
    assert _dump(backup.path) == before  # the version-1 library, whole


def test_each_next_step_becomes_one_open_action_with_the_derived_id(old: Path) -> None:
    people, _competitors = _v1_rows(old)
    with Library.open(old) as library:
        deals = {d.id: library.get_deal(d.id) for d in library.list_deals()}
    for person_id, deal_id, step in people:
        deal = deals[deal_id]
        assert deal.has_person(person_id)
        mine = [a for a in deal.actions if person_id in a.for_people]
        if not step.strip():
            assert mine == [], person_id
            continue
        (action,) = mine
        assert action.id == version1.next_step_action_id(person_id)
        assert action.text == " ".join(step.split())  # one line, the words kept
        assert action.owner_side is OwnerSide.US
        assert action.owner == ""
        assert action.status is ActionStatus.OPEN
        assert action.due is None
        assert action.for_people == (person_id,)
        assert deal.next_action(person_id) == action
    for deal_id, deal in deals.items():  # and nothing else
        assert len(deal.actions) == sum(1 for _p, d, s in people if d == deal_id and s.strip())
    long_one = deals[FIXTURE_DEAL].next_action(LONG_STEP_PERSON)
    assert long_one is not None
    assert long_one.text.startswith("Book the ward visit with the night shift (not the day")
    assert long_one.text.endswith("Then write the summary.")


def test_competitors_become_alternatives_once_each(old: Path) -> None:
    _people, competitors = _v1_rows(old)
    with Library.open(old) as library:
        deals = {d.id: library.get_deal(d.id) for d in library.list_deals()}
    fixture = deals[FIXTURE_DEAL]
    assert [(a.name, a.kind) for a in fixture.alternatives] == [
        ("FleetIQ", AlternativeKind.COMPETITOR), ("Do nothing", AlternativeKind.COMPETITOR)]
    for deal_id, names in competitors.items():
        alternatives = deals[deal_id].alternatives
        assert [a.id for a in alternatives] == [
            version1.competitor_id(deal_id, a.name) for a in alternatives]
        assert {n.casefold() for n in names if n.strip()} == {
            a.name.casefold() for a in alternatives}
        assert all(p.leans_to is None and not p.organisation and not p.coaches_competitor
                   for p in deals[deal_id].people)


def test_the_migrated_schema_is_a_new_librarys_and_check_finds_nothing(
        old: Path, tmp_path: Path) -> None:
    with Library.open(old):
        pass
    with Library.open(tmp_path / "new.sqlite"):
        pass
    migrated, fresh = sqlite3.connect(old), sqlite3.connect(tmp_path / "new.sqlite")
    try:
        assert schema_of(migrated) == schema_of(fresh)
        columns = {row[1] for row in migrated.execute("PRAGMA table_info(people)")}
        assert "next_step" not in columns
        assert "competitors" not in {row[1] for row in migrated.execute(
            "PRAGMA table_info(deals)")}
    finally:
        migrated.close()
        fresh.close()
    report = check_library(old)
    assert report.sound, report.problems
    result = run("--db", old, "check")
    assert result.returncode == 0, result.stderr


def test_a_snapshot_taken_before_the_upgrade_reads_with_the_same_ids(old: Path) -> None:
    with Library.open(old) as library:
        deal = library.get_deal(FIXTURE_DEAL)
        (info,) = library.list_snapshots(FIXTURE_DEAL)
        then = library.get_snapshot(info.id).deal
    assert info.name == "Before the upgrade"
    assert [a.id for a in then.actions] == [a.id for a in deal.actions]
    assert [a.id for a in then.alternatives] == [a.id for a in deal.alternatives]


def test_the_old_releases_deal_file_gives_the_migrated_ids(old: Path) -> None:
    """The same deal, exported by the old release as a version-1 file and read now: the
    same action and alternative ids, so merging it into the migrated library adds nothing."""
    (from_file,) = dealfile.read_file(LIBRARIES / "v1-fixture.dealtri")
    with Library.open(old) as library:
        migrated = library.get_deal(FIXTURE_DEAL)
        assert [(a.id, a.text, a.for_people) for a in from_file.actions] == [
            (a.id, a.text, a.for_people) for a in migrated.actions]
        assert [(a.id, a.name) for a in from_file.alternatives] == [
            (a.id, a.name) for a in migrated.alternatives]
        assert plan_merge(migrated, from_file).changes_nothing
        assert plan_import(library, read_files([LIBRARIES / "v1-fixture.dealtri"])
                           ).changes_nothing
    before = digest(old)
    result = run("--db", old, "import", LIBRARIES / "v1-fixture.dealtri")
    assert result.returncode == 0, result.stderr
    assert digest(old) == before


def _stopping_migration(step_index: int) -> dict[int, object]:
    """Migration 2 with a failure right after step ``step_index`` (its data moved)."""
    steps = list(MIGRATIONS[2])

    def fail(_connection: sqlite3.Connection) -> None:
        raise RuntimeError("stopped half-way")

    return {**MIGRATIONS, 2: (*steps[:step_index + 1], fail, *steps[step_index + 1:])}


@pytest.mark.parametrize("after", ["moving next steps", "dropping next_step"])
def test_a_migration_that_fails_half_way_leaves_version_1(old: Path, after: str) -> None:
    steps = list(MIGRATIONS[2])
    index = next(i for i, s in enumerate(steps) if (
        getattr(s, "__name__", "") == "_move_next_steps" if after == "moving next steps"
        else isinstance(s, str) and "DROP COLUMN next_step" in s))
    before = _dump(old)
    with pytest.raises(RuntimeError, match="half-way"):
        open_connection(old, migrations=_stopping_migration(index))  # type: ignore[arg-type]
    assert _version(old) == 1
    assert _dump(old) == before
    with Library.open(old) as library:  # and the next start migrates it whole
        assert len(library.get_deal(FIXTURE_DEAL).actions) == 2


KILLED_MIGRATION = """
import os, sys
from desktop.store.migrations import MIGRATIONS
from desktop.store.opening import open_connection
steps = list(MIGRATIONS[2])
at = next(i for i, s in enumerate(steps) if getattr(s, "__name__", "") == "_move_competitors")
def die(connection):
    os._exit(9)  # no rollback, no close: as a power cut or kill -9 would leave it
open_connection(sys.argv[1], migrations={**MIGRATIONS, 2: (*steps[:at + 1], die)})
"""


def test_a_migration_killed_half_way_leaves_version_1(old: Path) -> None:
    before = _dump(old)
    killed = subprocess.run([sys.executable, "-c", KILLED_MIGRATION, str(old)], cwd=ROOT,
                            capture_output=True, text=True, timeout=120, check=False)
    assert killed.returncode == 9, killed.stderr
    assert _version(old) == 1
    assert _dump(old) == before
    with Library.open(old) as library:
        deal = library.get_deal(FIXTURE_DEAL)
    assert [a.name for a in deal.alternatives] == ["FleetIQ", "Do nothing"]
    assert check_library(old).sound
