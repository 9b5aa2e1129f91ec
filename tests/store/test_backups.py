"""Backups and restore, and libraries damaged on disk: rotating automatic backups made with
SQLite's backup API, the backup/restore commands, the Backups dialog, and a damaged library
detected on open, never overwritten, with the newest good backup offered."""

from __future__ import annotations

import io
import os
import random
from datetime import timedelta
from pathlib import Path

import pytest
from PySide6.QtWidgets import QMessageBox
from pytestqt.qtbot import QtBot

from desktop.cli import main
from desktop.domain.dates import utc_now
from desktop.domain.deal import Deal
from desktop.domain.person import Person
from desktop.store.backups import backup_folder, daily_due, list_backups
from desktop.store.checking import check_library
from desktop.store.errors import LibraryCorrupt, NotALibrary
from desktop.store.library import Library
from desktop.store.restoring import restore
from desktop.synthetic import synthetic_deal
from tests.helpers.cli import digest


def cli(*args: str | Path) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    code = main([str(a) for a in args], stdout=out, stderr=err)
    return code, out.getvalue(), err.getvalue()


@pytest.fixture
def filled(tmp_path: Path, demos: list[Deal]) -> Path:
    """A library big enough to span many pages, closed, with one good backup beside it."""
    path = tmp_path / "library.sqlite"
    with Library.open(path) as library:
        library.add_deals(demos)
        library.add_deal(synthetic_deal(300, seed=3))
        library.backup("daily")
    return path


def names(path: Path) -> set[str]:
    with Library.open(path) as library:
        return {d.name for d in library.list_deals()}


def test_backups_rotate_and_list_newest_first(library: Library) -> None:
    made = [library.backup("manual", keep=3) for _ in range(5)]
    listed = list_backups(library.path)
    assert [b.path for b in listed] == list(reversed(made))[:3]
    assert all(b.size > 0 and b.reason == "manual" for b in listed)
    assert not list(backup_folder(library.path).glob("*.partial"))


def test_a_daily_backup_once_a_day(library: Library) -> None:
    assert daily_due(library.path)
    assert library.backup_if_due() is not None
    assert library.backup_if_due() is None
    assert daily_due(library.path, now=utc_now() + timedelta(hours=25))


def test_backup_command_and_the_copy_opens(filled: Path, tmp_path: Path) -> None:
    out = tmp_path / "copy.sqlite"
    code, text, err = cli("--db", filled, "backup", "-o", out)
    assert code == 0, err
    assert "Backed up" in text
    assert names(out) == names(filled)
    assert check_library(out).sound


def test_restore_command_backs_up_first(filled: Path, tmp_path: Path) -> None:
    saved = tmp_path / "saved.sqlite"
    cli("--db", filled, "backup", "-o", saved)
    with Library.open(filled) as library:
        library.add_deal(Deal(name="Added after the backup"))
    code, text, err = cli("--db", filled, "restore", saved)
    assert code == 0, err
    assert "Added after the backup" not in names(filled)
    safety = list_backups(filled)[0]
    assert safety.reason == "before-restore"
    assert "Added after the backup" in names(safety.path)
    assert str(safety.path) in text


def test_restoring_a_bad_file_changes_nothing(filled: Path, tmp_path: Path) -> None:
    junk = tmp_path / "junk.sqlite"
    junk.write_bytes(b"not a database at all")
    before = digest(filled)
    code, _text, err = cli("--db", filled, "restore", junk)
    assert code == 1
    assert str(junk) in err
    assert digest(filled) == before


def test_a_merge_import_backs_up_first(filled: Path, tmp_path: Path) -> None:
    from desktop.exchange import dealfile

    with Library.open(filled) as library:
        deal = library.get_deal(library.list_deals()[0].id)
    theirs = tmp_path / "theirs.dealtri"
    from dataclasses import replace

    theirs.write_text(dealfile.dumps([replace(deal, people=(*deal.people,
                                                            Person(name="New")))]))
    count = len(list_backups(filled))
    code, _text, err = cli("--db", filled, "import", theirs)
    assert code == 0, err
    assert list_backups(filled)[0].reason == "before-merge"
    assert len(list_backups(filled)) == count + 1


def damage(path: Path, how: str) -> None:
    data = bytearray(path.read_bytes())
    rng = random.Random(how)
    if how == "truncated":
        del data[len(data) // 3:]
    elif how == "random bytes":
        data[:] = rng.randbytes(len(data))
    elif how == "damaged pages":  # a valid header, garbage in the b-tree pages behind it
        page = int.from_bytes(data[16:18], "big")
        for number in range(2, min(len(data) // page, 12)):
            start = number * page
            data[start:start + page] = rng.randbytes(page)
    path.write_bytes(bytes(data))


@pytest.mark.parametrize("how", ["truncated", "random bytes", "damaged pages"])
def test_a_damaged_library_is_refused_untouched_and_a_backup_named(filled: Path,
                                                                   how: str) -> None:
    damage(filled, how)
    before = digest(filled)
    with pytest.raises((LibraryCorrupt, NotALibrary)) as refused:
        Library.open(filled)
    message = str(refused.value)
    assert str(filled) in message
    assert "newest good backup" in message
    assert str(list_backups(filled)[0].path) in message
    assert "\n" not in message
    assert digest(filled) == before
    assert not filled.with_name(filled.name + "-wal").exists()
    code, _out, err = cli("--db", filled, "check")
    assert code == 1
    assert str(filled) in err
    assert digest(filled) == before


def test_check_reports_what_integrity_check_finds(filled: Path) -> None:
    """Damage quick_check does not see but integrity_check does: an index whose entries no
    longer match its table (the index now claims to be on another column)."""
    import sqlite3

    raw = sqlite3.connect(filled)
    raw.execute("PRAGMA journal_mode = DELETE")
    raw.execute("PRAGMA writable_schema = ON")
    raw.execute("UPDATE sqlite_schema SET sql = 'CREATE INDEX people_by_deal ON people "
                "(support, ordinal)' WHERE name = 'people_by_deal'")
    raw.commit()
    raw.close()
    code, out, err = cli("--db", filled, "check")
    assert code == 1, out
    assert "integrity:" in out
    assert "people_by_deal" in out
    assert str(filled) in err


def test_restore_over_a_damaged_library_keeps_it_aside(filled: Path) -> None:
    expected = names(filled)
    damage(filled, "damaged pages")
    damaged = digest(filled)
    good = list_backups(filled)[0]
    aside = restore(filled, good.path)
    assert aside is not None
    assert aside.exists()
    assert digest(aside) == damaged
    assert names(filled) == expected
    assert check_library(filled).sound


def test_the_window_offers_the_newest_good_backup(filled: Path, qtbot: QtBot,
                                                  monkeypatch: pytest.MonkeyPatch) -> None:
    from desktop.ui.recovery import open_or_recover

    expected = names(filled)
    damage(filled, "random bytes")
    asked: list[str] = []

    def answer(_parent: object, _title: str, text: str, *_args: object) -> object:
        asked.append(text)
        return QMessageBox.StandardButton.Yes

    monkeypatch.setattr(QMessageBox, "question", answer)
    library = open_or_recover(filled, None, keep=10)
    assert library is not None
    with library:
        assert {d.name for d in library.list_deals()} == expected
    assert "damaged" in asked[0]
    assert list(filled.parent.glob("library.damaged-*.sqlite"))


def test_the_backups_dialog_restores_after_confirming(window: object, qtbot: QtBot,
                                                      monkeypatch: pytest.MonkeyPatch) -> None:
    from desktop.ui.backups_dialog import BackupsDialog
    from desktop.ui.main_window import MainWindow
    from tests.helpers.ui import answer_next_dialog

    assert isinstance(window, MainWindow)
    count = len(window.session.library.list_deals())
    window.files.back_up_now()
    from desktop.ui import commands

    window.session.push(commands.CreateDeal(window.session, Deal(name="After the backup")))
    assert len(window.session.library.list_deals()) == count + 1
    monkeypatch.setattr(QMessageBox, "question",
                        lambda *_args: QMessageBox.StandardButton.Yes)

    def restore_newest(dialog: object) -> None:
        assert isinstance(dialog, BackupsDialog)
        assert dialog.tree.topLevelItemCount() >= 1
        dialog.restore_selected()
        dialog.reject()

    answer_next_dialog(restore_newest)
    window.backups_action.trigger()
    assert len(window.session.library.list_deals()) == count
    assert os.path.exists(list_backups(window.session.library.path)[0].path)
    assert list_backups(window.session.library.path)[0].reason == "before-restore"
