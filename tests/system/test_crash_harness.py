"""Kill a process that edits and imports at random moments (SIGKILL: no cleanup, no
atexit), hundreds of times, and check the library after every kill: it passes ``check``,
every edit reported as committed is there, and every import is wholly there or wholly not.

CI runs 200 kills; ``make soak`` runs thousands (DEAL_TRIANGLE_KILLS).
"""

from __future__ import annotations

import os
import random
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from desktop.store.checking import check_library
from desktop.store.library import Library
from tests.helpers.crash_worker import HOME_DEAL
from tests.helpers.paths import ROOT

KILLS = int(os.environ.get("DEAL_TRIANGLE_KILLS", "200"))
MAX_DELAY_S = 0.08

pytestmark = pytest.mark.skipif(not hasattr(os, "fork"), reason="the harness forks workers")


class Zygote:
    def __init__(self, library: Path, log: Path, seed: int) -> None:
        self.process = subprocess.Popen(
            [sys.executable, "-m", "tests.helpers.crash_worker", str(library), str(log), str(seed)],
            stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True, cwd=ROOT,
            env={**os.environ, "PYTHONHASHSEED": "0"})
        assert self._line() == "warm"

    def _line(self) -> str:
        assert self.process.stdout is not None
        return self.process.stdout.readline().strip()

    def spawn(self) -> int:
        assert self.process.stdin is not None
        self.process.stdin.write("go\n")
        self.process.stdin.flush()
        return int(self._line())

    def reaped(self) -> None:
        assert self._line() == "reaped"

    def close(self) -> None:
        assert self.process.stdin is not None
        assert self.process.stdout is not None
        self.process.stdin.close()
        self.process.wait(timeout=30)
        self.process.stdout.close()


def wait_for_ready(log: Path, readies: int, timeout: float = 10.0) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if log.read_text().count("ready\n") >= readies:
            return
        time.sleep(0.002)
    raise AssertionError("the worker never opened the library")


def verify(library_path: Path, log: Path) -> tuple[int, int]:
    """Check the library against what the workers reported; (edits, imports) checked."""
    report = check_library(library_path)
    assert report.sound, report.problems
    lines = [line.split() for line in log.read_text().splitlines() if line.strip()]
    edits: dict[str, int] = {}
    added: set[str] = set()
    begun: dict[str, int] = {}
    imported: set[str] = set()
    merges_begun: list[list[str]] = []
    merged: set[str] = set()
    for word, *rest in lines:
        if word == "edit":
            edits[rest[0]] = int(rest[1])
        elif word == "add":
            added.add(rest[0])
        elif word == "begin":
            begun[rest[0]] = int(rest[1])
        elif word == "import":
            imported.add(rest[0])
        elif word == "begin-merge":
            merges_begun.append(rest[0].split(","))
        elif word == "merge":
            merged.add(rest[0])
    with Library.open(library_path) as library:
        home = {p.id: p for p in library.get_deal(HOME_DEAL).people}
        for person_id, counter in edits.items():
            stored = int(home[person_id].notes.removeprefix("n="))
            assert stored >= counter, f"a committed edit of {person_id} was lost"
        assert added <= set(home), "a committed new person was lost"
        deals = {d.id: d.people for d in library.list_deals()}
        for deal_id, count in begun.items():
            if deal_id in deals:
                assert deals[deal_id] == count, f"import {deal_id} is partly there"
            else:
                assert deal_id not in imported, f"a committed import {deal_id} was lost"
        for ids in merges_begun:
            present = [i in home for i in ids]
            assert all(present) or not any(present), "a merge is partly there"
            if ",".join(ids) in merged:
                assert all(present), "a committed merge was lost"
    return len(edits), len(begun)


def test_random_kills_never_lose_a_committed_edit(tmp_path: Path) -> None:
    library_path = tmp_path / "library.sqlite"
    log = tmp_path / "reported.log"
    log.touch()
    rng = random.Random(KILLS)
    zygote = Zygote(library_path, log, seed=7)
    try:
        for kill in range(1, KILLS + 1):
            pid = zygote.spawn()
            wait_for_ready(log, kill)
            time.sleep(rng.uniform(0, MAX_DELAY_S))
            os.kill(pid, signal.SIGKILL)
            zygote.reaped()
            verify(library_path, log)
    finally:
        zygote.close()
    edits, imports = verify(library_path, log)
    text = log.read_text()
    # The kills landed at many different moments: mid-import too, not only between edits.
    assert text.count("begin ") > text.count("import ") or KILLS < 50
    assert edits > 10
    assert imports > 10


def test_the_checker_notices_a_lost_edit(tmp_path: Path) -> None:
    """The harness can fail: a reported edit the library does not have is caught."""
    from tests.helpers.crash_worker import seed_library

    library_path = tmp_path / "library.sqlite"
    seed_library(library_path)
    with Library.open(library_path) as library:
        person = library.get_deal(HOME_DEAL).people[0]
    log = tmp_path / "reported.log"
    log.write_text(f"edit {person.id} 5\n")
    with pytest.raises(AssertionError, match="committed edit"):
        verify(library_path, log)
    log.write_text("begin 6f1c1a4e-6a7b-4bb5-9c3e-2d7b7f0c2a11 3\n"
                   "import 6f1c1a4e-6a7b-4bb5-9c3e-2d7b7f0c2a11\n")
    with pytest.raises(AssertionError, match="committed import"):
        verify(library_path, log)
