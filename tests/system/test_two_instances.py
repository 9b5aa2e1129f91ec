"""Two programs on one library — two windows, or a window and the command line: WAL lets
both write (a busy writer waits, up to the busy timeout), nothing is lost, and a window
refreshes when the other one commits."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from pytestqt.qtbot import QtBot

from desktop.domain.deal import Deal
from desktop.domain.person import Person
from desktop.store.checking import check_library
from desktop.store.library import Library
from tests.helpers.paths import ROOT

EDITS = 150
WRITER = f"""
import sys
from dataclasses import replace
from desktop.domain.person import Person
from desktop.store.library import Library
path, deal_id, tag = sys.argv[1], sys.argv[2], sys.argv[3]
with Library.open(path) as library:
    for i in range({EDITS}):
        library.add_people(deal_id, [Person(name=f"{{tag}} {{i}}")])
        person = library.get_deal(deal_id, snapshots=False).people[0]
        library.update_people([replace(person, title=f"{{tag}} {{i}}")])
print("done")
"""


def test_two_writer_processes_lose_nothing(tmp_path: Path) -> None:
    path = tmp_path / "library.sqlite"
    deal = Deal(name="Shared", people=(Person(name="First"),))
    with Library.open(path) as library:
        library.add_deal(deal)
    writers = [subprocess.Popen([sys.executable, "-c", WRITER, str(path), deal.id, tag],
                                cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                                text=True) for tag in ("alpha", "beta")]
    for writer in writers:
        out, err = writer.communicate(timeout=120)
        assert writer.returncode == 0, err
        assert out.strip() == "done"
    assert check_library(path).sound
    with Library.open(path) as library:
        names = [p.name for p in library.get_deal(deal.id).people]
    for tag in ("alpha", "beta"):
        assert sum(name.startswith(tag) for name in names) == EDITS


def test_a_window_refreshes_when_another_program_writes(window: object,
                                                        qtbot: QtBot) -> None:
    from desktop.ui.main_window import MainWindow

    assert isinstance(window, MainWindow)
    assert window.session.deal is not None
    shown = window.session.deal.id
    count = window.people.model.rowCount()
    with Library.open(window.session.library.path) as other:  # the command line, say
        other.add_deal(Deal(name="Added elsewhere"))
        other.add_people(shown, [Person(name="Added by a colleague's script")])
    model = window.deal_list.model
    qtbot.waitUntil(lambda: any(model.summary_at(row).name == "Added elsewhere"
                                for row in range(model.rowCount())), timeout=5000)
    qtbot.waitUntil(lambda: window.people.model.rowCount() == count + 1, timeout=5000)
    with Library.open(window.session.library.path) as other:
        other.delete_deal(shown)
    qtbot.waitUntil(lambda: window.session.deal is None or window.session.deal.id != shown,
                    timeout=5000)


def test_the_same_file_imported_by_two_processes_at_once(tmp_path: Path,
                                                          northwind: Deal) -> None:
    """Both plan while a third program holds the write lock, then both write: the one that
    writes second decides under the lock, finds the deal there and has nothing to import
    (it failed with "already has a deal" before)."""
    import sqlite3
    import time

    from desktop.exchange import dealfile

    path = tmp_path / "library.sqlite"
    Library.open(path).close()
    shared = tmp_path / "shared.dealtri"
    shared.write_text(dealfile.dumps([northwind]))
    holder = sqlite3.connect(path, isolation_level=None)
    holder.execute("BEGIN EXCLUSIVE")
    importers = [subprocess.Popen([sys.executable, "-m", "desktop", "--db", str(path),
                                   "import", str(shared)], cwd=ROOT, text=True,
                                  stdout=subprocess.PIPE, stderr=subprocess.PIPE)
                 for _ in range(2)]
    time.sleep(3)  # both have read the file and planned; the busy timeout is 5 s
    holder.execute("COMMIT")
    holder.close()
    results = [(*p.communicate(timeout=60), p.returncode) for p in importers]
    assert [code for _out, _err, code in results] == [0, 0], results
    said = sorted(out.split(":")[0] for out, _err, _code in results)
    assert said[0].startswith("Imported into"), results
    assert said[1] == "Nothing to import", results
    with Library.open(path) as library:
        assert [d.id for d in library.list_deals()] == [northwind.id]
