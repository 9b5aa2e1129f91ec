"""``team set|share|unshare|sync|status`` headless, as the contract says: two libraries (two
laptops) sharing one folder through the command line alone."""

from __future__ import annotations

import json
from pathlib import Path

from desktop.demo import demo_deals
from desktop.store.library import Library
from tests.helpers.cli import assert_one_clear_line, run

NORTHWIND = "Northwind fleet telematics"


def _laptop(path: Path, with_demo: bool) -> Path:
    with Library.open(path) as library:
        if with_demo:
            library.add_deals([d for d in demo_deals() if d.name == NORTHWIND])
    return path


def test_two_laptops_share_a_deal_through_the_command_line(tmp_path: Path) -> None:
    folder = tmp_path / "Dropbox" / "Team"
    folder.mkdir(parents=True)
    anna = _laptop(tmp_path / "anna.sqlite", with_demo=True)
    ben = _laptop(tmp_path / "ben.sqlite", with_demo=False)
    said = run("--db", anna, "team", "set", folder, "--author", "Anna Keller")
    assert said.returncode == 0, said.stderr
    assert f"Team folder: {folder}, as Anna Keller" in said.stdout
    assert run("--db", ben, "team", "set", folder, "--author", "Ben Ode").returncode == 0
    shared = run("--db", anna, "team", "share", NORTHWIND)
    assert f"Shared {NORTHWIND}" in shared.stdout
    synced = run("--db", anna, "team", "sync")
    assert synced.returncode == 0, synced.stderr
    assert f"Published:\n  {NORTHWIND}" in synced.stdout
    came = run("--db", ben, "team", "sync")
    assert f"Came in:\n  new deal {NORTHWIND} from Anna Keller" in came.stdout
    status = json.loads(run("--db", ben, "team", "status", "--json").stdout)
    assert status["folder"] == str(folder)
    assert status["author"]["name"] == "Ben Ode"
    assert status["online"] is True
    assert status["last_read"] is not None
    # A deal from the team is shared back: Ben's edits will reach Anna.
    assert [s["name"] for s in status["shared"]] == [NORTHWIND]
    assert json.loads(run("--db", anna, "team", "status", "--json").stdout)["shared"][0][
        "name"] == NORTHWIND
    assert f"Published:\n  {NORTHWIND}" in came.stdout  # at once, after reading it
    again = run("--db", ben, "team", "sync")
    assert "Nothing new" in again.stdout
    unshared = run("--db", anna, "team", "unshare", NORTHWIND)
    assert f"No longer shared: {NORTHWIND}" in unshared.stdout


def test_an_offline_folder_and_no_folder_are_one_sentence_each(tmp_path: Path) -> None:
    folder = tmp_path / "USB stick"
    folder.mkdir()
    anna = _laptop(tmp_path / "anna.sqlite", with_demo=True)
    line = assert_one_clear_line(run("--db", anna, "team", "sync"))
    assert "No team folder is set" in line
    assert run("--db", anna, "team", "set", folder, "--author", "Anna").returncode == 0
    folder.rmdir()  # unplugged
    offline = run("--db", anna, "team", "sync")
    assert offline.returncode == 1
    assert "is offline" in offline.stdout
    assert "the library is unchanged" in offline.stdout
    line = assert_one_clear_line(run("--db", anna, "team", "set", tmp_path / "nowhere",
                                     "--author", "Anna"))
    assert "is not a folder" in line
