"""A team folder of 50 authors × 200 deals (10,000 files), issue 20: a sync when nothing
changed — our one shared deal published, every other file already merged — goal ≤ 1 s, and a
sync after one colleague's file changed.

The library remembers every file as merged (size, time, inode: what a sync after merging them
all leaves in ``team_files``); the files are small deal-file stand-ins, since an unchanged
file is never opened. Baseline, in the same run: listing the folder with ``os.scandir`` and
``stat`` of each entry — what any look at the folder costs."""

from __future__ import annotations

import json
import os
import shutil
import tempfile
import time
import uuid
from pathlib import Path

from benchmarks.harness import Result, median_time
from desktop.domain.deal import Deal
from desktop.domain.marks import Mark, encode, leaves
from desktop.domain.person import Person
from desktop.domain.team import FileRecord, FileState, Share, TeamSettings
from desktop.exchange import dealfile
from desktop.exchange.team_folder import look, parse_name, published_name
from desktop.store import team
from desktop.store.library import Library
from desktop.team_sync import sync

AUTHORS = 50
DEALS = 200
GOAL = "≤ 1 s"


def _build(folder: Path, library: Library) -> tuple[str, Deal]:
    ours = Deal(name="Our shared deal", people=(Person(name="Kevin Liu"),))
    library.add_deal(ours)
    team.set_settings(library, TeamSettings(str(folder), "Bench"))
    settings = team.settings(library)
    assert settings is not None
    team.share(library, Share(ours.id))
    deals = [str(uuid.uuid4()) for _ in range(DEALS)]
    authors = [str(uuid.uuid4()) for _ in range(AUTHORS)]
    for deal_id in deals:
        for author in authors:
            (folder / published_name(deal_id, author)).write_text("{}")
    # Remembered as merged, as a first full sync would leave them.
    team.note_files(library, [FileRecord(name, seen.size, seen.mtime_ns, FileState.MERGED,
                                         inode=seen.inode)
                              for name, seen in look(folder).items()])
    changed = published_name(deals[0], authors[0])
    return changed, Deal(name="A colleague's deal", people=(Person(name="Ava Stone"),),
                         id=deals[0])


def colleague_author(name: str) -> str:
    parsed = parse_name(name)
    assert parsed is not None
    return parsed.author_id


def colleague_file(deal: Deal, author_id: str, number: int) -> str:
    """A colleague's team file of ``deal``, version ``number`` of theirs: every value marked
    by them with that number (each version seen after the one before, as their laptop's
    would be), so the merge takes their changes without a question."""
    document = dealfile.to_document([deal])
    values = leaves(document["deals"][0])
    mark = Mark(number, author_id, "2026-12-04T09:00:00+00:00")
    document["team"] = {"author": {"id": author_id, "name": "A colleague"},
                        "marks": encode(dict.fromkeys(values, mark), document["deals"][0]),
                        "seen": {author_id: number}}
    return json.dumps(document, ensure_ascii=False, indent=2)


def run() -> list[Result]:
    root = Path(tempfile.mkdtemp(prefix="bench-team-"))
    try:
        folder = root / "team"
        folder.mkdir()
        with Library.open(root / "library.sqlite") as library:
            changed, colleague = _build(folder, library)
            sync(library)  # publishes our deal once
            files = len(os.listdir(folder))

            def listing() -> None:
                with os.scandir(folder) as entries:
                    for entry in entries:
                        entry.stat(follow_symlinks=False)

            base = median_time(listing, repeat=5)
            unchanged = median_time(lambda: sync(library), repeat=5)
            report = sync(library)
            assert not report.came_in, report
            assert not report.problems, report
            path = folder / changed
            staging = root / "staging"
            staging.mkdir()

            def colleague_publishes(number: int) -> None:
                """A new version of one colleague's file, renamed in as engines do."""
                deal = Deal(name=f"A colleague's deal, version {number}",
                            people=colleague.people, id=colleague.id)
                incoming = staging / changed
                incoming.write_text(colleague_file(deal, colleague_author(changed), number + 1))
                os.utime(incoming, ns=(time.time_ns() - 10**10,) * 2)  # settled
                os.replace(incoming, path)

            def one_changed(quick: bool, first: int) -> float:
                times = []
                for number in range(first, first + 3):
                    colleague_publishes(number)
                    start = time.perf_counter()
                    report = sync(library, quick=quick)
                    times.append(time.perf_counter() - start)
                    assert report.came_in, report
                return sorted(times)[1]

            full = one_changed(False, 0)
            quick = one_changed(True, 3)
            quick_unchanged = median_time(lambda: sync(library, quick=True), repeat=5)
        return [
            Result(f"team sync, nothing changed ({files:,} files)", unchanged, base, goal=GOAL,
                   note="baseline: listing the folder with scandir + stat"),
            Result(f"team sync, one file changed ({files:,} files)", full, base,
                   note="the file read and merged (a new deal, then changes to it)"),
            Result(f"watcher's quick sync, nothing changed ({files:,} files)",
                   quick_unchanged, base, note="every file looked at, nothing published"),
            Result(f"watcher's quick sync, one file renamed in ({files:,} files)", quick,
                   base, goal="≤ 100 ms", note="read and merged"),
        ]
    finally:
        shutil.rmtree(root, ignore_errors=True)
