"""A backup that fails leaves nothing behind and says why in one sentence; one that was killed
mid-copy is cleaned up by the next backup. Before, ``.partial`` and ``.partial-journal``
files stayed for ever — and on a full disk the automatic before-merge backup left them
beside the library, so the disk stayed full."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from collections.abc import Iterator
from dataclasses import replace
from pathlib import Path

import pytest

from desktop.domain.deal import Deal
from desktop.domain.person import Person
from desktop.exchange import dealfile
from desktop.store.backups import backup_folder, list_backups
from desktop.store.checking import check_library
from desktop.store.library import Library
from tests.helpers.cli import assert_one_clear_line, digest, run
from tests.helpers.paths import ROOT
from tests.helpers.small_disk import mounted_tmpfs


def partials(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.rglob("*") if ".partial" in p.name)


@pytest.fixture
def small_disk(tmp_path: Path) -> Iterator[Path]:
    """A real file system of 900 kB (tmpfs)."""
    with mounted_tmpfs(tmp_path / "small-disk", "900k") as folder:
        yield folder


def fill_library(path: Path, northwind: Deal, kilobytes: int) -> None:
    """The demo deal and people with long notes (a 4 kB page each) until the file is about
    ``kilobytes`` more than the deal, added 20 at a time with the log emptied between (one
    big write needs its size twice: the log, then the file)."""
    with Library.open(path) as library:
        library.add_deal(northwind)
        people = [Person(name=f"Buyer {i}", notes="n" * 3000) for i in range(kilobytes // 4)]
        for start in range(0, len(people), 20):
            library.add_people(northwind.id, people[start:start + 20])
            library._connection.execute("PRAGMA wal_checkpoint(TRUNCATE)")


def free_bytes(folder: Path) -> int:
    stats = os.statvfs(folder)
    return stats.f_bavail * stats.f_frsize


def test_a_backup_onto_a_full_disk_says_so_and_leaves_nothing(
        small_disk: Path, northwind: Deal) -> None:
    library = small_disk / "library.sqlite"
    fill_library(library, northwind, 450)
    before, free = digest(library), free_bytes(small_disk)
    line = assert_one_clear_line(run("--db", library, "backup", "-o", small_disk / "copy.sqlite"))
    assert "could not be made (the disk is full); nothing of it was left behind" in line
    assert partials(small_disk) == []
    assert not (small_disk / "copy.sqlite").exists()
    assert free_bytes(small_disk) >= free
    assert digest(library) == before


def test_a_merge_whose_backup_does_not_fit_imports_nothing_and_frees_the_disk(
        small_disk: Path, northwind: Deal, tmp_path: Path) -> None:
    library = small_disk / "library.sqlite"
    fill_library(library, northwind, 450)
    with Library.open(library) as opened:
        theirs = replace(opened.get_deal(northwind.id), stage="Negotiate")
    incoming = tmp_path / "theirs.dealtri"
    incoming.write_text(dealfile.dumps([theirs]))
    before, free = digest(library), free_bytes(small_disk)
    line = assert_one_clear_line(run("--db", library, "import", incoming,
                                     "--on-conflict", "theirs"))
    assert "the disk is full" in line
    assert partials(small_disk) == []
    assert list_backups(library) == []
    assert free_bytes(small_disk) >= free
    assert digest(library) == before
    assert check_library(library).sound


def test_a_backup_killed_mid_copy_is_cleaned_up_by_the_next(tmp_path: Path,
                                                             northwind: Deal) -> None:
    """SIGKILL while the copy is being written (a library of 160 MB gives the copy a few
    hundred milliseconds); the next backup to the same file removes what was left."""
    library = tmp_path / "library.sqlite"
    with Library.open(library) as opened:
        for number in range(4):
            opened.add_deal(Deal(name=f"Big {number}", people=tuple(
                Person(name=f"P{i}", notes="n" * 40_000) for i in range(1000))))
    target = tmp_path / "copy.sqlite"
    left: list[str] = []
    for _attempt in range(3):
        process = subprocess.Popen([sys.executable, "-m", "desktop", "--db", str(library),
                                    "backup", "-o", str(target)], cwd=ROOT)
        while not partials(tmp_path) and process.poll() is None:
            time.sleep(0.001)
        process.send_signal(signal.SIGKILL)
        process.wait()
        left = partials(tmp_path)
        if left:
            break
        target.unlink(missing_ok=True)
    assert left, "the copy finished before it could be killed, three times"
    assert not target.exists()
    (tmp_path / "unrelated.partial").write_bytes(b"not ours: left alone")
    result = run("--db", library, "backup", "-o", target)
    assert result.returncode == 0, result.stderr
    assert partials(tmp_path) == ["unrelated.partial"]
    assert check_library(target).sound
    # A copy killed in the automatic backup folder goes with the next automatic backup.
    folder = backup_folder(library)
    folder.mkdir()
    stale = [folder / f"library-20261203T101010.000000Z-daily.sqlite.{os.getpid() + 10**6}"
             f".partial{suffix}" for suffix in ("", "-journal")]
    for path in stale:
        path.write_bytes(b"half a backup")
    with Library.open(library) as opened:
        opened.backup("daily")
    assert partials(folder) == []
    assert (tmp_path / "unrelated.partial").exists()
