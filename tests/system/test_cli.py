"""The command line as a user runs it: real subprocesses, real files, exit codes, stderr."""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path
from typing import Any

import jsonschema
import pytest

from desktop.resource_paths import demo_files
from desktop.store.library import Library
from desktop.store.migrations import SCHEMA_VERSION
from tests.helpers.cli import assert_one_clear_line, digest, run
from tests.helpers.paths import ROOT

SCHEMA = json.loads((ROOT / "docs" / "deal-file.schema.json").read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def demo_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("cli") / "x.sqlite"
    first = run("--db", path, "demo")
    assert first.returncode == 0, first.stderr
    assert f"Added {len(demo_files())} demo deals" in first.stdout
    return path


def test_demo_twice_adds_nothing(demo_db: Path) -> None:
    again = run("--db", demo_db, "demo")
    assert again.returncode == 0
    assert "already" in again.stdout
    with Library.open(demo_db) as library:
        assert len(library.list_deals()) == len(demo_files())


def test_list_json(demo_db: Path) -> None:
    result = run("--db", demo_db, "list", "--json")
    assert result.returncode == 0, result.stderr
    deals = json.loads(result.stdout)
    assert sorted(d["people"] for d in deals) == [8, 11, 25]
    assert {"id", "name", "account", "stage", "amount", "currency"} <= set(deals[0])


def test_list_text(demo_db: Path) -> None:
    result = run("--db", demo_db, "list")
    assert "Northwind fleet telematics" in result.stdout
    assert "PEOPLE" in result.stdout.splitlines()[0]


def show_json(db: Path, deal: str, *extra: str) -> dict[str, Any]:
    result = run("--db", db, "show", deal, "--json", *extra)
    assert result.returncode == 0, result.stderr
    document: dict[str, Any] = json.loads(result.stdout)
    return document


def test_show_json_validates_against_the_schema(demo_db: Path) -> None:
    document = show_json(demo_db, "Northwind fleet telematics")
    jsonschema.validate(document, SCHEMA)
    assert document["format"] == "deal-triangle"
    assert document["version"] == 3
    [deal] = document["deals"]
    assert len(deal["people"]) == 8
    analysis = document["analysis"]
    assert set(analysis["triangle"]) == {"business", "technical", "personal"}
    assert sum(row["weight"] for row in analysis["influence"]) == pytest.approx(1, abs=1e-3)


def test_show_by_prefix_and_privacy(demo_db: Path) -> None:
    listed = json.loads(run("--db", demo_db, "list", "--json").stdout)
    northwind = next(d for d in listed if d["name"].startswith("Northwind"))
    hidden = show_json(demo_db, northwind["id"][:6])
    assert all(p["scores"]["personal"]["evidence"] == "" for p in hidden["deals"][0]["people"])
    shown = show_json(demo_db, northwind["id"][:6], "--include-private")
    assert any(p["scores"]["personal"]["evidence"] for p in shown["deals"][0]["people"])


def test_show_text(demo_db: Path) -> None:
    result = run("--db", demo_db, "show", "Helix Health clinical data platform")
    assert result.returncode == 0
    assert "Deal triangle:" in result.stdout
    assert "Rafael Santos" in result.stdout
    assert "Path to power: Rafael Santos" in result.stdout
    assert "Red flags" in result.stdout


def test_show_json_is_an_importable_deal_file(demo_db: Path, tmp_path: Path) -> None:
    from desktop.exchange import dealfile

    text = run("--db", demo_db, "show", "Northwind fleet telematics", "--json",
               "--include-private").stdout
    file = tmp_path / "northwind.dealtri"
    file.write_text(text, encoding="utf-8")
    [deal] = dealfile.read_file(file)
    with Library.open(demo_db) as library:
        assert deal == library.get_deal(deal.id)


def test_check_passes_on_a_sound_library(demo_db: Path) -> None:
    result = run("--db", demo_db, "check")
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith("OK:")


def test_check_reports_a_broken_reference(tmp_path: Path) -> None:
    path = tmp_path / "x.sqlite"
    assert run("--db", path, "demo").returncode == 0
    connection = sqlite3.connect(path)
    connection.execute("PRAGMA foreign_keys = OFF")
    connection.execute("DELETE FROM people WHERE rowid = (SELECT min(rowid) FROM people)")
    connection.commit()
    connection.close()
    result = run("--db", path, "check")
    assert result.returncode == 1
    assert "points at a missing people row" in result.stdout
    assert_one_clear_line(result)


def test_environment_variable_names_the_library(tmp_path: Path) -> None:
    path = tmp_path / "env.sqlite"
    assert run("demo", env={"DEAL_TRIANGLE_DB": str(path)}).returncode == 0
    assert path.exists()
    other = tmp_path / "flag.sqlite"
    assert run("--db", other, "demo", env={"DEAL_TRIANGLE_DB": str(path)}).returncode == 0
    assert other.exists()


def test_default_library_lives_in_the_user_data_folder(tmp_path: Path) -> None:
    data_home = tmp_path / "data"
    result = run("demo", env={"XDG_DATA_HOME": str(data_home), "HOME": str(tmp_path)})
    assert result.returncode == 0, result.stderr
    assert (data_home / "DealTriangle" / "library.sqlite").exists()


# -- bad input: one sentence, exit 1, the file unchanged --------------------------------------


def test_folder_that_does_not_exist(tmp_path: Path) -> None:
    line = assert_one_clear_line(run("--db", tmp_path / "no" / "x.sqlite", "list"))
    assert "does not exist" in line


@pytest.mark.parametrize("content", [b"just text\n", b"\x89PNG\r\n\x1a\n" + b"\x00" * 64])
def test_not_a_library(tmp_path: Path, content: bytes) -> None:
    path = tmp_path / "x.sqlite"
    path.write_bytes(content)
    for command in ("list", "demo", "check"):
        line = assert_one_clear_line(run("--db", path, command))
        assert "not a Deal Triangle library" in line
        assert path.read_bytes() == content


def test_other_sqlite_file(tmp_path: Path) -> None:
    path = tmp_path / "x.sqlite"
    connection = sqlite3.connect(path)
    connection.execute("CREATE TABLE t (x)")
    connection.commit()
    connection.close()
    before = digest(path)
    assert "not a Deal Triangle library" in assert_one_clear_line(run("--db", path, "demo"))
    assert digest(path) == before


def test_newer_library(demo_db: Path, tmp_path: Path) -> None:
    path = tmp_path / "newer.sqlite"
    with Library.open(demo_db) as library:
        library._connection.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    path.write_bytes(demo_db.read_bytes())
    connection = sqlite3.connect(path)
    connection.execute(f"PRAGMA user_version = {SCHEMA_VERSION + 5}")
    connection.commit()
    connection.close()
    before = digest(path)
    for command in ("list", "demo"):
        assert "newer Deal Triangle" in assert_one_clear_line(run("--db", path, command))
    assert digest(path) == before


def test_unknown_and_ambiguous_deal(demo_db: Path) -> None:
    before = digest(demo_db)
    assert "No deal" in assert_one_clear_line(run("--db", demo_db, "show", "Globex"))
    # both demo ids are UUIDs; a prefix of one hex digit repeated is ambiguous or unknown
    line = assert_one_clear_line(run("--db", demo_db, "show", "zzzz"))
    assert "zzzz" in line
    assert digest(demo_db) == before


def test_a_part_of_a_name_is_answered_with_the_names_that_contain_it(demo_db: Path,
                                                                     tmp_path: Path) -> None:
    out = tmp_path / "x.pdf"
    line = assert_one_clear_line(run("--db", demo_db, "print", "northWIND", "-o", out))
    assert line.endswith("No deal is called 'northWIND' or has that id; did you mean "
                         "“Northwind fleet telematics”?")
    assert not out.exists()
    line = assert_one_clear_line(run("--db", demo_db, "show", "i"))  # in both names
    assert "did you mean “Helix Health clinical data platform”, “Helix Health imaging " \
           "archive” or “Northwind fleet telematics”?" in line
    line = assert_one_clear_line(run("--db", demo_db, "show", "Globex"))
    assert line.endswith("No deal is called 'Globex' or has that id.")


def test_ambiguous_prefix(tmp_path: Path) -> None:
    from desktop.domain.deal import Deal

    path = tmp_path / "x.sqlite"
    with Library.open(path) as library:
        library.add_deals([Deal(id="abcd0001-0000-4000-8000-000000000000", name="One"),
                           Deal(id="abcd0002-0000-4000-8000-000000000000", name="Two")])
    assert "fits 2 deals" in assert_one_clear_line(run("--db", path, "show", "abcd"))


def test_missing_library_for_a_read_command(tmp_path: Path) -> None:
    path = tmp_path / "x.sqlite"
    assert "no library" in assert_one_clear_line(run("--db", path, "list"))
    assert not path.exists()


@pytest.mark.parametrize("args", [["show"], ["list", "--bogus"], ["frobnicate"]])
def test_wrong_usage_exits_2(tmp_path: Path, args: list[str]) -> None:
    result = run("--db", tmp_path / "x.sqlite", *args)
    assert result.returncode == 2
    assert "Traceback" not in result.stderr


def test_help_and_version() -> None:
    result = run("--help")
    assert result.returncode == 0
    assert "COMMAND" in result.stdout
    assert run("--version").stdout.startswith("deal-triangle ")
