"""Opening the library a second time in the same process (the window's team sync does, in
its own thread, at every sync) must not drop the POSIX locks of the first connection: a
Python file handle on the library, once closed, drops every lock the process holds on the
file — and another program (``deal-triangle list`` in a shell) then takes the library for
closed and deletes its WAL under the window: "disk I/O error", then a damaged file (found by
a tester). Linux's /proc/locks shows the locks."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from desktop.demo import demo_deals
from desktop.store.library import Library
from tests.helpers.paths import ROOT

LOCKS = Path("/proc/locks")
pytestmark = pytest.mark.skipif(not LOCKS.exists(), reason="needs Linux's /proc/locks")


def _our_locks(*files: Path) -> int:
    inodes = {os.stat(f).st_ino for f in files if f.exists()}
    count = 0
    for line in LOCKS.read_text().splitlines():
        fields = line.split()
        if "->" in fields:  # a lock waiting for another: not held
            continue
        if fields[4] == str(os.getpid()) and int(fields[5].rsplit(":", 1)[1]) in inodes:
            count += 1
    return count


def test_a_second_connection_in_the_process_keeps_the_first_ones_locks(tmp_path: Path) -> None:
    path = tmp_path / "library.sqlite"
    companions = (path, path.with_name(path.name + "-shm"))
    with Library.open(path) as window:
        window.add_deals(list(demo_deals())[:1])
        window.list_deals()  # the window's connection holds its locks (WAL: the -shm's)
        held = _our_locks(*companions)
        assert held > 0
        for _ in range(3):  # the team sync's own connection, opened and closed each time
            Library.open(path, create=False).close()
            assert _our_locks(*companions) == held
        listed = subprocess.run([sys.executable, "-m", "desktop", "--db", str(path), "list"],
                                capture_output=True, text=True, timeout=60, cwd=ROOT,
                                check=False)
        assert listed.returncode == 0, listed.stderr
        assert path.with_name(path.name + "-wal").exists()  # the window's WAL is still there
        window.add_deals(list(demo_deals())[1:2])  # and it still writes
        assert len(window.list_deals()) == 2
