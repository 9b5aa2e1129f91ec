"""A full disk, a read-only medium, a write SQLite refuses: one clear sentence, nothing of
the library lost, and the app keeps working. Real small and read-only file systems (tmpfs)
where this machine lets the tests mount them; SQLite's own limits otherwise."""

from __future__ import annotations

import io
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtWidgets import QMessageBox
from pytestqt.qtbot import QtBot

from desktop.cli import main
from desktop.demo import add_demo_deals
from desktop.domain.person import Person
from desktop.store.checking import check_library
from desktop.store.library import Library
from desktop.ui import commands
from desktop.ui.main_window import MainWindow
from tests.helpers.paths import DATA
from tests.helpers.small_disk import mounted_tmpfs, remount_read_only
from tests.helpers.ui import library_state, main_window, stored_deal


def cli(*args: str | Path) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    code = main([str(a) for a in args], stdout=out, stderr=err)
    return code, out.getvalue(), err.getvalue()


@pytest.fixture
def warnings(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    shown: list[str] = []
    monkeypatch.setattr(QMessageBox, "warning", lambda _p, _t, text: shown.append(text))
    return shown


def add_person(window: MainWindow, name: str, notes: str = "") -> None:
    assert window.session.deal is not None
    window.session.push(commands.AddPeople(window.session, window.session.deal.id,
                                    [Person(name=name, notes=notes)]))


def test_a_full_disk_keeps_the_library_and_the_window(window: MainWindow, qtbot: QtBot,
                                                      warnings: list[str]) -> None:
    connection = window.session.library._connection
    before = library_state(window.session.library)
    steps = window.session.undo_stack.count()
    pages = connection.execute("PRAGMA page_count").fetchone()[0]
    connection.execute(f"PRAGMA max_page_count = {pages}")  # SQLite's own "disk full"
    add_person(window, "Too much", notes="x" * 40_000)
    qtbot.waitUntil(lambda: bool(warnings))
    assert "is full" in warnings[0]
    assert "not saved" in warnings[0]
    assert library_state(window.session.library) == before
    assert window.session.undo_stack.count() == steps  # nothing to undo that never was
    connection.execute("PRAGMA max_page_count = 1073741823")
    add_person(window, "After the disk was cleared")
    assert window.session.deal is not None
    assert any(p.name == "After the disk was cleared"
               for p in stored_deal(window).people)


def test_a_refused_write_is_one_sentence(window: MainWindow, qtbot: QtBot,
                                         warnings: list[str]) -> None:
    window.session.library._connection.execute("PRAGMA query_only = ON")  # SQLITE_READONLY
    before = library_state(window.session.library)
    add_person(window, "Refused")
    qtbot.waitUntil(lambda: bool(warnings))
    assert "cannot be written" in warnings[0]
    assert library_state(window.session.library) == before
    window.session.library._connection.execute("PRAGMA query_only = OFF")


@pytest.fixture
def tmpfs(tmp_path: Path) -> Iterator[Path]:
    """A real, tiny file system (1.2 MB: the demo deals and their snapshots fit, little else),
    where mounting is allowed (root on Linux)."""
    with mounted_tmpfs(tmp_path / "small-disk", "1200k") as folder:
        yield folder


def test_a_really_full_disk(tmpfs: Path, tmp_path: Path) -> None:
    library = tmpfs / "library.sqlite"
    with Library.open(library) as opened:
        add_demo_deals(opened)
        before = [opened.get_deal(s.id) for s in opened.list_deals()]
    big = tmp_path / "contacts.csv"
    big.write_text("First Name,Last Name,Email Address,Notes\n" + "".join(
        f"P{i},Q{i},p{i}@example.com,{'n' * 200}\n" for i in range(4000)), encoding="utf-8")
    code, _out, err = cli("--db", library, "import", big)
    assert code == 1
    assert "full" in err
    assert len(err.strip().splitlines()) == 1
    assert check_library(library).sound
    with Library.open(library) as opened:
        assert [opened.get_deal(s.id) for s in opened.list_deals()] == before
        opened.add_people(before[0].id, [Person(name="Still works")])  # small edits fit


def test_a_read_only_medium_opens_for_reading(tmpfs: Path, qtbot: QtBot,
                                              warnings: list[str]) -> None:
    library = tmpfs / "library.sqlite"
    with Library.open(library) as opened:
        add_demo_deals(opened)
    remount_read_only(tmpfs)
    code, out, err = cli("--db", library, "list")
    assert code == 0, err
    assert "Northwind" in out
    code, _out, err = cli("--db", library, "import",
                          DATA / "csv" / "google_contacts.csv")
    assert code == 1
    assert "cannot be written" in err
    with main_window(qtbot, tmpfs) as window:
        assert window.session.library.read_only
        assert window.read_only_banner.isVisible()
        add_person(window, "Refused")
        qtbot.waitUntil(lambda: bool(warnings))
        assert "cannot be written" in warnings[0]
        assert window.session.deal is not None
        window.close()
