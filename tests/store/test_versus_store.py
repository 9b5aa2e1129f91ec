"""How each person sees the alternative (issue 19's decision test) in the library: stored
with their stance in one deal (schema 6), read back, gone with its alternative, checked by
``check`` and migrated from version 5 — also when the migration is killed half way."""

from __future__ import annotations

import sqlite3
import subprocess
import sys
from collections.abc import Iterator
from dataclasses import replace
from pathlib import Path

import pytest

from desktop.domain.deal import Deal
from desktop.domain.decision import Alternative
from desktop.domain.enums import Influence
from desktop.domain.person import Person
from desktop.domain.plan_references import forget_alternatives
from desktop.domain.versus import Versus
from desktop.store.checking import check_library
from desktop.store.errors import NotFound
from desktop.store.library import Library
from desktop.store.migrations import MIGRATIONS, SCHEMA_VERSION
from desktop.store.opening import open_connection
from tests.helpers.paths import ROOT

MEDBRIDGE = Alternative("MedBridge")
EPIC = Alternative("Epic add-on")
JONAS = Person("Jonas Berg", influence=Influence.HIGH,
               versus=Versus(MEDBRIDGE.id, business=7, technical=7, personal=8))
CHEN = Person("Chen Wei")
DEAL = Deal("Helix clinical data", account="Helix Health", alternatives=(MEDBRIDGE, EPIC),
            people=(JONAS, CHEN))


@pytest.fixture
def library(tmp_path: Path) -> Iterator[Library]:
    with Library.open(tmp_path / "library.sqlite") as opened:
        opened.add_deal(DEAL)
        yield opened


def test_the_scored_alternative_comes_back_as_it_went_in(library: Library) -> None:
    stored = library.get_deal(DEAL.id)
    assert stored.person(JONAS.id).versus == JONAS.versus
    assert stored.person(CHEN.id).versus is None


def test_a_person_edit_stores_and_clears_it(library: Library) -> None:
    scored = replace(CHEN, versus=Versus(EPIC.id, business=None, technical=9, personal=3))
    library.update_people([scored], deal_id=DEAL.id)
    assert library.get_deal(DEAL.id).person(CHEN.id).versus == scored.versus
    library.update_people([replace(scored, versus=None)], deal_id=DEAL.id)
    assert library.get_deal(DEAL.id).person(CHEN.id).versus is None


def test_an_alternative_of_another_deal_is_refused(library: Library) -> None:
    stranger = Alternative("Not here")
    with pytest.raises(NotFound, match="not in this deal"):
        library.update_people([replace(CHEN, versus=Versus(stranger.id, business=5))],
                              deal_id=DEAL.id)
    assert library.get_deal(DEAL.id).person(CHEN.id).versus is None


def test_removing_the_alternative_takes_the_scores_of_it_along(library: Library) -> None:
    deal = library.get_deal(DEAL.id)
    changes = forget_alternatives(deal, {MEDBRIDGE.id})
    after = deal.with_plan(alternatives=(EPIC,), **changes)
    library.update_plan(after, changes.get("people", ()))
    assert library.get_deal(DEAL.id).person(JONAS.id).versus is None
    assert check_library(library.path).sound


def test_check_lists_scores_of_an_alternative_the_deal_lacks(library: Library) -> None:
    library.close()
    raw = sqlite3.connect(library.path)
    raw.execute("UPDATE people SET versus_alternative = ? WHERE id = ?",
                [Alternative("Ghost").id, JONAS.id])
    raw.commit()
    raw.close()
    problems = check_library(library.path).problems
    assert any("people" in p and JONAS.id in p and "none of its deal's alternatives" in p
               for p in problems), problems


def test_the_store_refuses_an_impossible_score(library: Library) -> None:
    with pytest.raises(sqlite3.IntegrityError):
        library._connection.execute(
            "UPDATE people SET versus_business = 11 WHERE id = ?", [JONAS.id])


def _version_5(tmp_path: Path) -> Path:
    """A version-5 library with the deal in it (nobody scored an alternative then)."""
    path = tmp_path / "v5.sqlite"
    connection = open_connection(path, migrations={n: MIGRATIONS[n] for n in range(1, 6)})
    connection.close()
    return path


def test_a_version_5_library_is_upgraded_and_its_people_have_nothing_scored(
        tmp_path: Path) -> None:
    path = _version_5(tmp_path)
    with Library.open(path) as library:
        library.add_deal(replace(DEAL, people=(replace(JONAS, versus=None), CHEN)))
        version = library._connection.execute("PRAGMA user_version").fetchone()[0]
        assert version == SCHEMA_VERSION >= 6
        assert all(p.versus is None for p in library.get_deal(DEAL.id).people)
    assert check_library(path).sound


KILLED = """
import os, sys
from desktop.store.migrations import MIGRATIONS
from desktop.store.opening import open_connection
steps = list(MIGRATIONS[6])
def die(connection):
    os._exit(9)  # no rollback, no close: as a power cut or kill -9 would leave it
open_connection(sys.argv[1], migrations={**MIGRATIONS, 6: (*steps[:2], die)})
"""


def test_a_migration_killed_half_way_leaves_version_5_and_the_next_start_finishes_it(
        tmp_path: Path) -> None:
    path = _version_5(tmp_path)
    with sqlite3.connect(path) as raw:
        before = list(raw.iterdump())
    raw.close()
    killed = subprocess.run([sys.executable, "-c", KILLED, str(path)], cwd=ROOT,
                            capture_output=True, text=True, timeout=120, check=False)
    assert killed.returncode == 9, killed.stderr
    with sqlite3.connect(path) as raw:
        assert raw.execute("PRAGMA user_version").fetchone()[0] == 5
        assert list(raw.iterdump()) == before
    raw.close()
    with Library.open(path) as library:
        library.add_deal(DEAL)
        assert library.get_deal(DEAL.id).person(JONAS.id).versus == JONAS.versus
    assert check_library(path).sound
