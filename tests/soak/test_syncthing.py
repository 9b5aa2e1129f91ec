"""The team folder carried by a real Syncthing (Debian's package), as a team would run it: two
instances on loopback, each carrying the team folder of one "laptop" (its own library and
settings, driven through the command line), and edits made on each side arrive on the other.

Marked ``soak`` (and slow): left out of the default run, run by ``make soak``, which gets
Syncthing first (packaging/get-syncthing.sh). Every wait polls ``team sync`` against a
deadline and, on a time-out, says what it waited for and what both Syncthings logged last."""

from __future__ import annotations

import json
import re
import time
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from desktop.demo import demo_deals
from desktop.store.library import Library
from tests.soak.laptop import NORTHWIND, Laptop, folder_files, named, syncthing_or_skip
from tests.soak.syncthing import two_laptops, wait_for

pytestmark = [pytest.mark.soak, pytest.mark.slow]
SECONDS = 90  # per wait; a pass here takes a few seconds each


@pytest.fixture
def laptops(tmp_path: Path) -> Iterator[tuple[Laptop, Laptop]]:
    binary = syncthing_or_skip()
    started = time.monotonic()
    with two_laptops(binary, tmp_path) as (anna_st, ben_st):
        print(f"\nSyncthing: two instances connected in {time.monotonic() - started:.1f} s")
        anna = Laptop("Anna", tmp_path / "anna.sqlite", anna_st)
        ben = Laptop("Ben", tmp_path / "ben.sqlite", ben_st)
        with Library.open(anna.db) as library:
            library.add_deals([d for d in demo_deals() if d.name == NORTHWIND])
        Library.open(ben.db).close()
        anna.team("set", str(anna_st.folder), "--author", "Anna Keller")
        ben.team("set", str(ben_st.folder), "--author", "Ben Ode")
        yield anna, ben


def _until(what: str, laptop: Laptop, check: Callable[[], bool],
           pair: tuple[Laptop, Laptop]) -> float:
    """``laptop`` syncs until ``check()`` holds; the seconds it took."""
    started = time.monotonic()

    def probe() -> bool | None:
        laptop.sync()
        return True if check() else None

    try:
        wait_for(what, probe, SECONDS, (pair[0].syncthing, pair[1].syncthing))
    except AssertionError as error:
        raise AssertionError(f"{error}\n{pair[0].recent()}\n{pair[1].recent()}") from None
    return time.monotonic() - started


def test_edits_made_on_each_laptop_arrive_on_the_other(
        laptops: tuple[Laptop, Laptop]) -> None:
    anna, ben = laptops
    pair = (anna, ben)
    timings: dict[str, float] = {}

    # Anna shares a deal; Syncthing carries her file; Ben's sync brings the deal in.
    anna.team("share", NORTHWIND)
    assert f"Published:\n  {NORTHWIND}" in anna.sync()
    (deal_id,) = {named(n).deal_id for n in folder_files(anna.syncthing)}
    timings["a shared deal reaches the other laptop"] = _until(
        "Anna's shared deal to come into Ben's library", ben,
        lambda: ben.person(deal_id, "Kevin Liu") is not None, pair)
    assert any(f"new deal {NORTHWIND} from Anna Keller" in said for said in ben.said)
    assert ben.people(deal_id) == anna.people(deal_id)

    # Ben edits a person and syncs; Anna syncs until she sees his edit.
    ben.team("share", NORTHWIND)
    ben.edit(deal_id, "Kevin Liu", "Lead Architect", 7)
    assert "Published" in ben.sync()
    timings["an edit reaches the other laptop"] = _until(
        "Ben's edit of Kevin Liu to reach Anna", anna,
        lambda: anna.people(deal_id)["Kevin Liu"] == ("Lead Architect", 7), pair)
    assert any(f"changes to {NORTHWIND} from Ben Ode" in said for said in anna.said)

    # Both edit at the same time — different people, and different fields of one person —
    # then both sync until each has every edit.
    anna.edit(deal_id, "Richard Hale", "Group CFO", 6)
    ben.edit(deal_id, "Tomasz Nowak", "Chief Procurement Officer", 8)
    anna.edit(deal_id, "Margaret Okafor", title="COO and board member")
    ben.edit(deal_id, "Margaret Okafor", business=9)
    wanted = {"Richard Hale": ("Group CFO", 6), "Tomasz Nowak": ("Chief Procurement Officer", 8),
              "Margaret Okafor": ("COO and board member", 9),
              "Kevin Liu": ("Lead Architect", 7)}

    def both_edits(laptop: Laptop) -> bool:
        people = laptop.people(deal_id)
        return all(people[name] == value for name, value in wanted.items())

    started = time.monotonic()

    def both_laptops_have_both() -> bool | None:
        for laptop in pair:
            laptop.sync()
        return True if both_edits(anna) and both_edits(ben) else None

    try:
        wait_for("both laptops to hold every concurrent edit", both_laptops_have_both,
                 SECONDS, (anna.syncthing, ben.syncthing))
    except AssertionError as error:
        raise AssertionError(f"{error}\n{anna.recent()}\n{ben.recent()}\n"
                             f"Anna has {anna.people(deal_id)}\nBen has "
                             f"{ben.people(deal_id)}") from None
    timings["concurrent edits meet on both laptops"] = time.monotonic() - started

    # Quiet again: the same deal on both, nothing left to publish or read, and Syncthing has
    # carried the same files (one per author, no conflict copies) to both folders.
    started = time.monotonic()

    def settled() -> bool | None:
        quiet = all("Nothing new" in laptop.sync() for laptop in pair)
        same = folder_files(anna.syncthing) == folder_files(ben.syncthing)
        return True if quiet and same else None

    wait_for("both laptops to say 'Nothing new' with the same files in both folders",
             settled, SECONDS, (anna.syncthing, ben.syncthing))
    timings["both quiet, folders identical"] = time.monotonic() - started
    assert anna.people(deal_id) == ben.people(deal_id)
    names = sorted(folder_files(anna.syncthing))
    assert len(names) == 2, names  # Anna's and Ben's file of the one deal
    assert {named(n).author_id for n in names} == {
        json.loads(laptop.team("status", "--json"))["author"]["id"] for laptop in pair}
    for laptop in pair:
        status = json.loads(laptop.team("status", "--json"))
        assert status["conflicts"] == [], (laptop.name, status["conflicts"])
        assert status["problems"] == [], (laptop.name, status["problems"])
        for said in laptop.said:  # every "Came in" line names the deal it brought
            assert not re.search(r"(new deal|changes to) +from ", said), (laptop.name, said)
    print("Syncthing soak: " + "; ".join(f"{k} {v:.1f} s" for k, v in timings.items()))
