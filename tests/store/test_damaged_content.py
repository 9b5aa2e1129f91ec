"""Content damaged past SQLite's page checks — written by another program, past our CHECK
constraints — is one sentence naming the table and row, ``check`` lists it, and a schema that
is not ours is refused before anything is written. Each of these was a traceback (or a
planted trigger that ran on our next write) before."""

from __future__ import annotations

import shutil
import sqlite3
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QMessageBox
from pytestqt.qtbot import QtBot

from desktop.domain.deal import Deal
from desktop.store.checking import check_library
from desktop.store.errors import LibraryCorrupt, StoreError
from desktop.store.library import Library
from tests.helpers.cli import assert_one_clear_line, digest, run
from tests.helpers.ui import open_deal, open_window

# (name, SQL that damages the first person / score / line / deal, table named)
ROW_DAMAGE = {
    "name not UTF-8": ("UPDATE identities SET name = CAST(x'4a6fff73c3' AS TEXT) "
                       "WHERE id = :person",
                       "people", "not valid UTF-8"),
    "roles not JSON": ("UPDATE people SET roles = 'champion' WHERE id = :person",
                       "people", "roles is not JSON"),
    "support past its check": ("UPDATE people SET support = 7 WHERE id = :person",
                               "people", "unknown value 7"),
    "influence past its check": ("UPDATE people SET influence = 'mega' WHERE id = :person",
                                 "people", "'mega'"),
    "contact date not a date": ("UPDATE identities SET last_contact = 'yesterday' "
                                "WHERE id = :person", "people", "not a date"),
    "empty name": ("UPDATE identities SET name = '' WHERE id = :person", "people",
                   "name is empty"),
    "score past its check": ("UPDATE scores SET value = 99 WHERE person_id = :person",
                             "scores", "99 is out of range"),
    "line to oneself": ("UPDATE relations SET target = source WHERE id = :relation",
                        "relations", "to themselves"),
    "action's people not JSON": ("UPDATE actions SET people = 'Chen Wei' WHERE id = :action",
                                 "actions", "people is not JSON"),
    "action status past its check": ("UPDATE actions SET status = 'waiting' "
                                     "WHERE id = :action", "actions", "'waiting'"),
    "action due not a date": ("UPDATE actions SET due = 'next week' WHERE id = :action",
                              "actions", "not a date"),
    "weight past its check": ("UPDATE criteria SET weight = 9 WHERE id = :criterion",
                              "criteria", "weight"),
    "ratings not JSON": ("UPDATE criteria SET theirs = '{' WHERE id = :criterion",
                         "criteria", "theirs is not JSON"),
    "step status past its check": ("UPDATE process_steps SET status = 'later' "
                                   "WHERE id = :step", "process_steps", "'later'"),
    "alternative kind past its check": ("UPDATE alternatives SET kind = 'partner' "
                                        "WHERE id = :alternative", "alternatives", "'partner'"),
    # Sound rows naming nobody of their deal (the deal's own id is nobody's id).
    "action for nobody": ("UPDATE actions SET people = json_array(:deal) WHERE id = :action",
                          "actions", "nobody of its deal"),
    "approver naming nobody": ("UPDATE process_steps SET approver = :deal WHERE id = :step",
                                 "process_steps", "nobody of its deal"),
    "leaning to no alternative": ("UPDATE people SET leans_to = :deal WHERE id = :person",
                                  "people", "none of its deal's alternatives"),
    "rating of no alternative": ("UPDATE criteria SET theirs = json_object(:deal, 3) "
                                 "WHERE id = :criterion", "criteria",
                                 "none of its deal's alternatives"),
}
# The row of each table, by the key ``damage`` gives it.
KEY_OF_TABLE = {"relations": "relation", "deals": "deal", "actions": "action",
                "criteria": "criterion", "process_steps": "step",
                "alternatives": "alternative"}
SCHEMA_DAMAGE = {
    "planted trigger": ("CREATE TRIGGER wipe AFTER UPDATE ON people BEGIN DELETE FROM deals; END",
                        "a trigger “wipe” on people"),
    "planted view": ("CREATE VIEW everyone AS SELECT * FROM people", "a view “everyone”"),
    "extra table": ("CREATE TABLE extra (x)", "a table “extra”"),
    "dropped index": ("DROP INDEX relations_by_target", "index “relations_by_target” is missing"),
}


def damage(path: Path, sql: str, deal: Deal) -> dict[str, str]:
    """Edit the file as another program would, past our CHECK constraints."""
    keys = {"deal": deal.id, "person": deal.people[0].id, "relation": deal.relations[0].id,
            "action": deal.actions[0].id, "criterion": deal.criteria[0].id,
            "step": deal.process[0].id, "alternative": deal.alternatives[0].id}
    connection = sqlite3.connect(path)
    connection.execute("PRAGMA ignore_check_constraints = ON")
    connection.execute(sql, {k: v for k, v in keys.items() if f":{k}" in sql})
    connection.commit()
    connection.close()
    return keys


@pytest.fixture
def stored(tmp_path: Path, northwind: Deal) -> tuple[Path, Deal]:
    path = tmp_path / "library.sqlite"
    with Library.open(path) as library:
        library.add_deal(northwind)
    return path, northwind


@pytest.mark.parametrize("case", ROW_DAMAGE)
def test_a_damaged_row_is_named_and_listed(stored: tuple[Path, Deal], case: str) -> None:
    path, deal = stored
    sql, table, said = ROW_DAMAGE[case]
    keys = damage(path, sql, deal)
    before = digest(path)
    with Library.open(path) as library:
        assert [d.id for d in library.list_deals()] == [deal.id]  # the list still opens
        with pytest.raises(LibraryCorrupt) as raised:
            library.get_deal(deal.id)
    message = str(raised.value)
    assert f"{table} row" in message
    assert said in message
    assert keys[KEY_OF_TABLE.get(table, "person")] in message
    assert "\n" not in message
    report = check_library(path)
    assert not report.sound
    assert any(table in problem and said in problem for problem in report.problems)
    assert digest(path) == before


@pytest.mark.parametrize("case", SCHEMA_DAMAGE)
def test_a_schema_that_is_not_ours_is_refused_before_any_write(
        stored: tuple[Path, Deal], case: str) -> None:
    path, deal = stored
    sql, said = SCHEMA_DAMAGE[case]
    damage(path, sql, deal)
    before = digest(path)
    with pytest.raises(LibraryCorrupt) as raised:
        Library.open(path)
    assert said in str(raised.value)
    assert "left untouched" in str(raised.value)
    assert any(said in problem for problem in check_library(path).problems)
    assert digest(path) == before
    assert sorted(p.name for p in path.parent.iterdir()) == ["library.sqlite"]


def test_a_planted_trigger_never_runs(stored: tuple[Path, Deal]) -> None:
    """The trigger would delete every deal on our next edit; the file is refused instead,
    also when it can only be read (a read-only folder opens the file read-only)."""
    path, deal = stored
    damage(path, SCHEMA_DAMAGE["planted trigger"][0], deal)
    result = run("--db", path, "demo")
    assert "trigger “wipe”" in assert_one_clear_line(result)
    path.parent.chmod(0o555)
    try:
        with pytest.raises(LibraryCorrupt):
            Library.open(path)
    finally:
        path.parent.chmod(0o755)
    connection = sqlite3.connect(path)
    assert connection.execute("SELECT count(*) FROM deals").fetchone()[0] == 1
    connection.close()


@pytest.mark.parametrize("command", [["show", "Northwind"], ["export", "--all", "-o", "x.csv"],
                                     ["print", "Northwind", "-o", "x.pdf"]])
def test_the_command_line_names_the_damaged_row(stored: tuple[Path, Deal], command: list[str],
                                               northwind: Deal) -> None:
    path, deal = stored
    damage(path, ROW_DAMAGE["name not UTF-8"][0], deal)
    before = digest(path)
    out = path.parent / "out"
    out.mkdir()
    args = [str(out / c) if c.startswith("x.") else
            northwind.name if c == "Northwind" else c for c in command]
    line = assert_one_clear_line(run("--db", path, *args))
    assert f"people row '{deal.people[0].id}'" in line
    assert "not valid UTF-8" in line
    assert digest(path) == before
    assert list(out.iterdir()) == []


def test_check_lists_every_damaged_row_and_exits_1(stored: tuple[Path, Deal]) -> None:
    path, deal = stored
    damage(path, ROW_DAMAGE["roles not JSON"][0], deal)
    damage(path, ROW_DAMAGE["score past its check"][0], deal)
    result = run("--db", path, "check")
    assert result.returncode == 1
    assert "Traceback" not in result.stderr
    listed = [line for line in result.stdout.splitlines() if "damaged:" in line]
    assert len(listed) == 4  # the roles and the three scores of the same person
    assert all(deal.people[0].id in line for line in listed)


def test_the_window_says_which_row_is_damaged_and_goes_on(
        qtbot: QtBot, tmp_path: Path, demos: list[Deal],
        monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "library.sqlite"
    with Library.open(path) as library:
        library.add_deals(demos)
    northwind = next(d for d in demos if d.name.startswith("Northwind"))
    damage(path, ROW_DAMAGE["roles not JSON"][0], northwind)
    before = digest(path)
    shown: list[str] = []
    monkeypatch.setattr(QMessageBox, "warning", lambda _p, _t, text: shown.append(text))
    window = open_window(qtbot, path, tmp_path)
    other = next(d for d in demos if d.id != northwind.id)
    open_deal(qtbot, window, other.name)  # the other deals open as before
    view = window.deal_list.list
    model = view.model()
    row = next(r for r in range(model.rowCount())
               if str(model.index(r, 0).data()).startswith(northwind.name))
    QTest.mouseClick(view.viewport(), Qt.MouseButton.LeftButton,
                     Qt.KeyboardModifier.NoModifier, view.visualRect(model.index(row, 0)).center())
    qtbot.waitUntil(lambda: bool(shown))
    assert "people row" in shown[0]
    assert "roles is not JSON" in shown[0]
    assert window.session.deal is None
    window.session.close()
    assert digest(path) == before


def test_a_damaged_snapshot_is_listed_by_check(stored: tuple[Path, Deal]) -> None:
    path, deal = stored
    with Library.open(path) as library:
        snapshot, _changes = library.take_snapshot(deal.id, "Before the board")
    connection = sqlite3.connect(path)
    connection.execute("UPDATE snapshots SET content = 'x'")
    connection.commit()
    connection.close()
    with Library.open(path) as library, pytest.raises(StoreError):
        library.get_snapshot(snapshot.id)
    assert any(f"snapshots row '{snapshot.id}'" in p and "not JSON" in p
               for p in check_library(path).problems)


def test_a_sound_library_has_no_schema_differences(stored: tuple[Path, Deal],
                                                   tmp_path: Path) -> None:
    path, _deal = stored
    copy = tmp_path / "copy.sqlite"
    shutil.copy(path, copy)
    assert check_library(copy).sound
