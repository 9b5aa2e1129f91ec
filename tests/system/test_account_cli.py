"""``accounts`` and ``account ACCOUNT`` run as a user runs them, on the demo library: Helix
Health Trust has two deals that share people."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from desktop.store.library import Library
from tests.helpers.cli import assert_one_clear_line, digest, run
from tests.helpers.pdf import pdfpages

HELIX = "Helix Health Trust"


@pytest.fixture(scope="module")
def demo_library(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("accounts") / "library.sqlite"
    assert run("--db", path, "demo").returncode == 0
    return path


def test_accounts_lists_each_account_with_its_people_and_deals(demo_library: Path) -> None:
    result = run("--db", demo_library, "accounts")
    assert result.returncode == 0, result.stderr
    lines = result.stdout.splitlines()
    assert lines[0].split() == ["ID", "NAME", "PEOPLE", "DEALS"]
    helix = next(line for line in lines if HELIX in line)
    with Library.open(demo_library, create=False) as library:
        deals = [d for d in library.list_deals() if d.account == HELIX]
        people = {p.id for d in deals for p in library.get_deal(d.id).people}
    assert helix.split()[-2:] == [str(len(people)), str(len(deals))]
    assert len(deals) == 2
    assert len(people) < sum(d.people for d in deals)  # some are in both


def test_accounts_json(demo_library: Path) -> None:
    result = run("--db", demo_library, "accounts", "--json")
    assert result.returncode == 0, result.stderr
    accounts = json.loads(result.stdout)
    assert [a["name"] for a in accounts] == sorted(a["name"] for a in accounts)
    helix = next(a for a in accounts if a["name"] == HELIX)
    assert {"id", "name", "industry", "people", "deals"} <= set(helix)
    assert helix["deals"] == 2


def test_account_json_gives_a_shared_person_one_id_and_a_stance_per_deal(
        demo_library: Path) -> None:
    result = run("--db", demo_library, "account", HELIX.upper(), "--json")
    assert result.returncode == 0, result.stderr
    grid = json.loads(result.stdout)
    assert grid["account"]["name"] == HELIX
    deal_ids = {d["id"] for d in grid["deals"]}
    assert len(deal_ids) == 2
    shared = [p for p in grid["people"] if set(p["deals"]) == deal_ids]
    assert shared, "the demo's Helix deals share people"
    with Library.open(demo_library, create=False) as library:
        for person in shared:
            for deal_id, stance in person["deals"].items():
                stored = library.get_deal(deal_id).person(person["id"])
                assert stance["support"] == int(stored.support)
                assert stance["personal"] == stored.scores.personal.value
    assert all(set(p["deals"]) <= deal_ids for p in grid["people"])
    ids = {p["id"] for p in grid["people"]}
    assert all(line["person"] in ids and line["manager"] in ids
               for line in grid["reports_to"])


def test_account_text_is_a_line_per_person_with_their_stances(demo_library: Path) -> None:
    result = run("--db", demo_library, "account", HELIX)
    assert result.returncode == 0, result.stderr
    lines = result.stdout.splitlines()
    assert lines[0].startswith(f"{HELIX} · ")
    deal_lines = [line for line in lines if line.startswith("  deal ")]
    assert len(deal_lines) == 2
    people = lines[1 + len(deal_lines):]
    grid = json.loads(run("--db", demo_library, "account", HELIX, "--json").stdout)
    assert len(people) == len(grid["people"])
    both = next(p for p in grid["people"] if len(p["deals"]) == 2)
    line = next(line for line in people if line.startswith(both["name"]))
    assert line.count("PW") == 2
    assert "; " in line


def test_an_unknown_account_is_one_sentence_naming_the_accounts(demo_library: Path) -> None:
    before = digest(demo_library)
    message = assert_one_clear_line(run("--db", demo_library, "account", "Contoso"))
    assert "Contoso" in message
    assert HELIX in message
    assert digest(demo_library) == before


def test_account_prints_the_grid_and_the_chart(demo_library: Path, tmp_path: Path) -> None:
    target = tmp_path / "helix.pdf"
    result = run("--db", demo_library, "account", HELIX, "-o", target, "--paper", "a4")
    assert result.returncode == 0, result.stderr
    assert f"to {target}" in result.stdout
    pages = pdfpages(target)
    assert "Account: Helix Health Trust" in pages[0]
    assert "Account org chart" in pages[-1]
    grid = json.loads(run("--db", demo_library, "account", HELIX, "--json").stdout)
    for person in grid["people"]:
        assert person["name"] in " ".join(pages[:-1])
        assert person["name"] in pages[-1]  # 28 people: the chart has names


def test_account_print_refuses_more_pages_than_allowed(demo_library: Path,
                                                      tmp_path: Path) -> None:
    target = tmp_path / "helix.pdf"
    message = assert_one_clear_line(run("--db", demo_library, "account", HELIX, "-o", target,
                                        "--max-pages", "1"))
    assert "pages" in message
    assert not target.exists()


def test_account_json_to_a_file_writes_the_json_there(demo_library: Path,
                                                      tmp_path: Path) -> None:
    target = tmp_path / "helix.json"
    result = run("--db", demo_library, "account", HELIX, "--json", "-o", target)
    assert result.returncode == 0, result.stderr
    written = json.loads(target.read_text(encoding="utf-8"))
    shown = json.loads(run("--db", demo_library, "account", HELIX, "--json").stdout)
    assert written == shown
    assert result.stdout.startswith(f"Wrote the account {HELIX} to {target}: ")


def test_account_json_to_a_pdf_name_is_refused_in_one_sentence(demo_library: Path,
                                                               tmp_path: Path) -> None:
    target = tmp_path / "helix.pdf"
    line = assert_one_clear_line(run("--db", demo_library, "account", HELIX, "--json",
                                     "-o", target))
    assert "--json writes JSON" in line
    assert not target.exists()
