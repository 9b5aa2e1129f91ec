"""``team sync`` killed (SIGKILL's ``os._exit``: no rollback, no close) half-way through a
publish or a merge: the library is sound and either before or after that file, the folder
holds no half-written file of ours under its real name, and the next sync finishes the job."""

from __future__ import annotations

import os
import subprocess
import sys
import time
from pathlib import Path

import pytest

from desktop.domain.deal import Deal
from desktop.domain.person import Person
from desktop.domain.team import Share, TeamSettings
from desktop.exchange.team_folder import published_name
from desktop.store import team
from desktop.store.checking import check_library
from desktop.store.library import Library
from tests.helpers.paths import ROOT

KILLED = """
import os, sys
from pathlib import Path
from desktop.store.library import Library
import desktop.team_sync as sync_module
from desktop.store import team

where = sys.argv[2]
if where == "publish":  # the temporary file written and flushed, not yet renamed
    os.replace = lambda *args: os._exit(9)
else:  # the deals written, inside the merge's transaction, before it commits
    note_files = team.note_files
    def dying(library, records, **options):
        if any(r.state.value == "merged" for r in records):
            os._exit(9)
        note_files(library, records, **options)
    team.note_files = dying
with Library.open(Path(sys.argv[1])) as library:
    sync_module.sync(library, clock_ns=4 * 10**18)
"""


def _laptop(path: Path, folder: Path, name: str) -> Library:
    library = Library.open(path)
    team.set_settings(library, TeamSettings(str(folder), name))
    return library


def _kill(path: Path, where: str) -> None:
    killed = subprocess.run([sys.executable, "-c", KILLED, str(path), where], cwd=ROOT,
                            capture_output=True, text=True, timeout=120, check=False)
    assert killed.returncode == 9, killed.stderr


def _old(path: Path) -> None:
    then = time.time() - 3600
    os.utime(path, (then, then))


@pytest.mark.parametrize("where", ["publish", "merge"])
def test_a_sync_killed_half_way_leaves_library_and_folder_sound(
        tmp_path: Path, where: str) -> None:
    folder = tmp_path / "team"
    folder.mkdir()
    deal = Deal(name="Contoso renewal", account="Contoso", people=(Person(name="Kevin Liu"),))
    anna = _laptop(tmp_path / "anna.sqlite", folder, "Anna")
    anna.add_deal(deal)
    team.share(anna, Share(deal.id))
    ben_path = tmp_path / "ben.sqlite"
    _laptop(ben_path, folder, "Ben").close()
    if where == "publish":
        anna.close()
        _kill(tmp_path / "anna.sqlite", "publish")
        anna = Library.open(tmp_path / "anna.sqlite")
        leftovers = [p for p in folder.iterdir() if p.name.startswith(".")]
        assert leftovers  # the temporary file, under a dot name readers skip
        assert not (folder / published_name(deal.id, team.settings(anna).author_id)).exists()  # type: ignore[union-attr]
        for leftover in leftovers:
            _old(leftover)  # a minute later, no publish can still be writing it
    from desktop.team_sync import sync

    sync(anna, clock_ns=4 * 10**18)  # published whole; a killed publish's leftover is gone
    assert [p.name for p in folder.iterdir()] == [
        published_name(deal.id, team.settings(anna).author_id)]  # type: ignore[union-attr]
    assert check_library(tmp_path / "anna.sqlite").sound
    anna.close()
    if where == "merge":
        _kill(ben_path, "merge")
    assert check_library(ben_path).sound
    with Library.open(ben_path) as ben:
        had = {s.id for s in ben.list_deals()}
        # Killed before its commit, the merge left nothing: the library is as before it.
        assert had == set()
        report = sync(ben, clock_ns=4 * 10**18)  # the next sync merges it (again)
        assert report.problems == ()
        assert [s.name for s in ben.list_deals()] == ["Contoso renewal"]
        assert ben.get_deal(deal.id).people[0].name == "Kevin Liu"
    assert check_library(ben_path).sound
