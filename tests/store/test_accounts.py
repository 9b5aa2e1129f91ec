"""Accounts: one identity per person across the deals of an account, a stance per deal, the
notices a changed title or manager leaves in the other deals, and the migration to them."""

from __future__ import annotations

import shutil
import sqlite3
import subprocess
import sys
from collections.abc import Iterator
from dataclasses import replace
from pathlib import Path

import pytest

from desktop.domain.accounts import NoticeKind
from desktop.domain.analysis import analyse
from desktop.domain.deal import Deal
from desktop.domain.enums import Axis, RelationKind, Support
from desktop.domain.person import Person
from desktop.domain.relation import Relation
from desktop.domain.scores import Score
from desktop.store.checking import check_library
from desktop.store.errors import Conflict
from desktop.store.library import Library
from desktop.store.migrations import MIGRATIONS
from desktop.store.opening import open_connection
from tests.helpers.paths import DATA, ROOT

KEVIN = Person(name="Kevin Liu", title="Enterprise Architect", email="kevin@helix.example")
MARIA = Person(name="Maria Ortiz", title="CIO")


def _deal(name: str, account: str, *people: Person, **fields: object) -> Deal:
    return Deal(name=name, account=account, people=people, **fields)  # type: ignore[arg-type]


@pytest.fixture
def library(tmp_path: Path) -> Iterator[Library]:
    with Library.open(tmp_path / "library.sqlite") as opened:
        yield opened


def _two_deals(library: Library) -> tuple[Deal, Deal]:
    first = _deal("Helix renewal", "Helix Bank", KEVIN, MARIA,
                  relations=(Relation(KEVIN.id, MARIA.id, RelationKind.REPORTS_TO),))
    second = _deal("Helix expansion", "helix bank ",
                   replace(KEVIN, support=Support.MENTOR), MARIA)
    library.add_deals([first, second])
    return library.get_deal(first.id), library.get_deal(second.id)


def test_a_person_shared_by_two_deals_has_one_identity_and_a_stance_in_each(
        library: Library) -> None:
    first, second = _two_deals(library)
    assert first.account_id == second.account_id is not None
    assert second.account == "Helix Bank"  # one account: the first spelling
    assert first.person(KEVIN.id).support == Support.NEUTRAL
    assert second.person(KEVIN.id).support == Support.MENTOR
    library.update_people([replace(first.person(KEVIN.id), title="Head of Architecture",
                                   phone="+46 8 123")], deal_id=first.id)
    again = library.get_deal(second.id)
    assert again.person(KEVIN.id).title == "Head of Architecture"  # identity: everywhere
    assert again.person(KEVIN.id).phone == "+46 8 123"
    assert again.person(KEVIN.id).support == Support.MENTOR  # stance: this deal's own
    (notice,) = again.notices
    assert (notice.person, notice.what, notice.was, notice.now) == (
        KEVIN.id, NoticeKind.TITLE, "Enterprise Architect", "Head of Architecture")
    assert library.get_deal(first.id).notices == ()  # not where it was edited
    flags = [f for f in analyse(again).flags if f.code == "identity-changed"]
    assert flags
    assert "Kevin Liu is now Head of Architecture" in flags[0].message
    assert "review" in flags[0].message


def test_editing_the_person_in_the_other_deal_clears_the_notice(library: Library) -> None:
    first, second = _two_deals(library)
    library.update_people([replace(first.person(KEVIN.id), title="Head of Architecture")],
                          deal_id=first.id)
    seen = library.get_deal(second.id).person(KEVIN.id)
    library.update_people([seen.with_score(Axis.PERSONAL, Score(7))], deal_id=second.id)
    assert library.get_deal(second.id).notices == ()


def test_a_title_changed_back_leaves_no_notice(library: Library) -> None:
    first, second = _two_deals(library)
    kevin = first.person(KEVIN.id)
    library.update_people([replace(kevin, title="Head of Architecture")], deal_id=first.id)
    library.update_people([kevin], deal_id=first.id)
    assert library.get_deal(second.id).notices == ()


def test_a_new_manager_in_one_deal_is_a_notice_in_the_other(library: Library) -> None:
    first, second = _two_deals(library)
    line = first.relations[0]
    anna = Person(name="Anna Berg", title="CTO")
    library.add_people(first.id, [anna])
    library.update_relation(replace(line, target=anna.id))
    (notice,) = library.get_deal(second.id).notices
    assert (notice.what, notice.was, notice.now) == (NoticeKind.MANAGER, "Maria Ortiz",
                                                     "Anna Berg")
    flag = next(f for f in analyse(library.get_deal(second.id)).flags
                if f.code == "identity-changed")
    assert "now reports to Anna Berg" in flag.message


def test_a_person_of_another_account_is_refused_and_nothing_is_written(
        library: Library) -> None:
    library.add_deal(_deal("Helix renewal", "Helix Bank", KEVIN))
    before = library.list_deals()
    with pytest.raises(Conflict, match="Kevin Liu"):
        library.add_deal(_deal("Contoso pilot", "Contoso", KEVIN))
    assert library.list_deals() == before


def test_the_account_grid_is_people_by_deals(library: Library) -> None:
    first, second = _two_deals(library)
    library.update_people([first.person(KEVIN.id).with_score(Axis.PERSONAL, Score(8))],
                          deal_id=first.id)
    (summary,) = library.accounts()
    assert (summary.account.name, summary.people, summary.deals) == ("Helix Bank", 2, 2)
    grid = library.account_grid(library.find_account("HELIX BANK"))
    assert [p.name for p in grid.people] == ["Kevin Liu", "Maria Ortiz"]
    assert [d.name for d in grid.deals] == ["Helix expansion", "Helix renewal"]
    assert grid.stance(KEVIN.id, first.id).personal == 8  # type: ignore[union-attr]
    assert grid.stance(KEVIN.id, second.id).support == Support.MENTOR  # type: ignore[union-attr]
    assert grid.reports == ((KEVIN.id, MARIA.id),)
    assert [p.name for p in library.account_people(grid.account.id, "kev")] == ["Kevin Liu"]


def test_removing_a_person_from_one_deal_keeps_them_in_the_account(library: Library) -> None:
    first, second = _two_deals(library)
    library.remove_people([KEVIN.id], deal_id=first.id)
    assert not library.get_deal(first.id).has_person(KEVIN.id)
    assert library.get_deal(second.id).has_person(KEVIN.id)
    library.delete_deal(second.id)
    account = library.find_account("Helix Bank")
    assert "Kevin Liu" in [p.name for p in library.account_people(account)]
    # … and adding them again brings back the same person.
    library.add_people(first.id, [KEVIN])
    assert library.get_deal(first.id).person(KEVIN.id).email == KEVIN.email


def test_people_of_a_deal_without_account_go_with_it(library: Library) -> None:
    deal = _deal("Loose ends", "", KEVIN)
    library.add_deal(deal)
    library.delete_deal(deal.id)
    library.add_deal(_deal("Contoso pilot", "Contoso", KEVIN))  # the id is free again


def test_a_deal_changes_account_with_its_people_unless_they_are_shared(
        library: Library) -> None:
    first, _second = _two_deals(library)
    with pytest.raises(Conflict, match="also takes part in"):
        library.update_deal(replace(first, account="Contoso"))
    assert library.get_deal(first.id).account == "Helix Bank"
    lone = _deal("Pilot", "Helix Bank", Person(name="Ola Nordmann"))
    library.add_deal(lone)
    library.update_deal(replace(lone, account="Nordic Rail"))
    grid = library.account_grid(library.find_account("Nordic Rail"))
    assert [p.name for p in grid.people] == ["Ola Nordmann"]


# -- the migration ---------------------------------------------------------------------------

def _version_3(tmp_path: Path) -> Path:
    """The version-1 library, upgraded to version 3 only, with three spellings of one
    account."""
    path = tmp_path / "library.sqlite"
    shutil.copy(DATA / "libraries" / "v1-library.sqlite", path)
    connection = open_connection(path, migrations={n: MIGRATIONS[n] for n in (1, 2, 3)})
    deals = [row[0] for row in connection.execute("SELECT id FROM deals ORDER BY id")]
    for deal_id, account in zip(deals, ["Helix Bank", "HELIX bank", " helix  Bank"],
                                strict=False):
        connection.execute("UPDATE deals SET account = ? WHERE id = ?", [account, deal_id])
    connection.close()
    return path


def test_account_texts_become_accounts_merged_ignoring_case(tmp_path: Path) -> None:
    path = _version_3(tmp_path)
    with Library.open(path) as library:
        names = [s.account.name for s in library.accounts()]
        helix = library.account_grid(library.find_account("helix bank"))
        deals = [library.get_deal(d.id) for d in helix.deals]
    helix_names = [n for n in names if " ".join(n.split()).casefold() == "helix bank"]
    assert helix_names == [helix.account.name]  # one account, the earliest deal's spelling
    assert len(helix.deals) == 3
    assert {d.account for d in deals} == {helix.account.name}
    assert len(helix.people) == sum(len(d.people) for d in deals)  # nobody guessed the same
    assert check_library(path).sound


KILLED = """
import os, sys
from desktop.store.migrations import MIGRATIONS
from desktop.store.opening import open_connection
steps = list(MIGRATIONS[4])
at = next(i for i, s in enumerate(steps) if s == "DROP TABLE people")
def die(connection):
    os._exit(9)  # no rollback, no close: as a power cut or kill -9 would leave it
open_connection(sys.argv[1], migrations={**MIGRATIONS, 4: (*steps[:at + 1], die)})
"""


def test_a_migration_killed_after_dropping_the_old_people_leaves_version_3(
        tmp_path: Path) -> None:
    path = _version_3(tmp_path)
    with sqlite3.connect(path) as raw:
        before = list(raw.iterdump())
    raw.close()
    killed = subprocess.run([sys.executable, "-c", KILLED, str(path)], cwd=ROOT,
                            capture_output=True, text=True, timeout=120, check=False)
    assert killed.returncode == 9, killed.stderr
    with sqlite3.connect(path) as raw:
        assert raw.execute("PRAGMA user_version").fetchone()[0] == 3
        assert list(raw.iterdump()) == before
    raw.close()
    with Library.open(path) as library:  # and the next start migrates it whole
        assert len(library.accounts()) >= 1
    assert check_library(path).sound


def test_an_identity_edit_touches_the_other_deals_of_the_person(library: Library) -> None:
    """What the other deal shows changed: its time moves, so lists that cache by it (the
    portfolio) read it again."""
    first, second = _two_deals(library)
    with sqlite3.connect(library.path) as other:  # another program, a while ago
        other.execute("UPDATE deals SET updated_at = '2020-01-01T00:00:00Z'")
    other.close()
    before = library.deal_summary(second.id).updated_at
    library.update_people([replace(first.person(MARIA.id), phone="+46 8 555")],
                          deal_id=first.id)
    assert library.deal_summary(second.id).updated_at > before


def test_show_json_carries_the_account_and_a_shared_person_has_one_id(tmp_path: Path) -> None:
    """The command line's contract: ``account: {id, name, …}`` beside the deal, and the same
    person id in both deals of the account."""
    import json

    from desktop.cli import main
    from desktop.demo import add_demo_deals

    path = tmp_path / "library.sqlite"
    with Library.open(path) as library:
        add_demo_deals(library)

    def show(name: str) -> dict[str, object]:
        import io

        out = io.StringIO()
        assert main(["--db", str(path), "show", name, "--json"], stdout=out) == 0
        return json.loads(out.getvalue())  # type: ignore[no-any-return]

    clinical = show("Helix Health clinical data platform")
    imaging = show("Helix Health imaging archive")
    assert clinical["account"]["name"] == "Helix Health Trust"  # type: ignore[index]
    assert clinical["account"]["deals"] == 2  # type: ignore[index]
    assert clinical["account"]["id"] == imaging["account"]["id"]  # type: ignore[index]
    people = [{p["name"]: p["id"] for p in doc["deals"][0]["people"]}  # type: ignore[index]
              for doc in (clinical, imaging)]
    shared = people[0].keys() & people[1].keys()
    assert "Nadia Petrova" in shared
    assert all(people[0][name] == people[1][name] for name in shared)
    assert show("Northwind fleet telematics")["account"]["deals"] == 1  # type: ignore[index]


def test_an_account_past_twenty_thousand_people_is_refused_in_one_sentence(
        tmp_path: Path) -> None:
    """Two deals of one account, 10,001 people each: a file the reader refuses whole, and
    a library that refuses the deal that would carry the account past the limit."""
    import json

    from tests.helpers.cli import assert_one_clear_line, digest, run

    library = tmp_path / "library.sqlite"
    with Library.open(library) as opened:
        opened.add_deal(_deal("Helix renewal", "Helix Bank", KEVIN))
    people = [[{"id": f"00000000-0000-4000-8000-{deal:04d}{i:08d}", "name": f"P{deal}-{i}"}
               for i in range(10_001)] for deal in (1, 2)]
    deals = [{"id": f"00000000-0000-4000-9000-00000000000{n}", "name": f"Deal {n}",
              "account": "Helix Bank", "people": people[n - 1]} for n in (1, 2)]
    document = {"format": "deal-triangle", "version": 3, "deals": deals}
    big = tmp_path / "big.dealtri"
    big.write_text(json.dumps(document), encoding="utf-8")
    before = digest(library)
    line = assert_one_clear_line(run("--db", library, "import", big))
    assert "more than 20,000 people" in line
    assert digest(library) == before
    one = tmp_path / "one.dealtri"  # each file alone fits; the second one does not
    for n in (1, 2):
        one.write_text(json.dumps({**document, "deals": [deals[n - 1]]}),
                       encoding="utf-8")
        result = run("--db", library, "import", one)
        if n == 1:
            assert result.returncode == 0, result.stderr
            before = digest(library)
    assert "the limit is 20,000" in assert_one_clear_line(result)
    assert digest(library) == before


def test_a_version_2_file_of_the_account_joins_its_people_by_e_mail_then_name_and_title(
        library: Library, tmp_path: Path) -> None:
    """People of an older file (ids of their own) who are the account's people take the
    account's ids — matched by e-mail, then by name and title — and the others are new."""
    from desktop.exchange import dealfile
    from desktop.exchange.importing import apply_import, plan_import, read_files

    first, _second = _two_deals(library)
    kevin = Person(name="Kevin  LIU", title="enterprise architect", email="KEVIN@helix.example")
    maria = Person(name="maria ortiz", title="CIO")
    newcomer = Person(name="Ola Nordmann", title="CFO")
    theirs = _deal("Helix pilot", "HELIX BANK", kevin, maria, newcomer,
                   relations=(Relation(kevin.id, maria.id, RelationKind.REPORTS_TO),))
    path = tmp_path / "pilot.dealtri"
    path.write_text(dealfile.dumps([theirs], version=2), encoding="utf-8")
    apply_import(library, plan_import(library, read_files([path])))
    stored = library.get_deal(theirs.id)
    assert [p.id for p in stored.people][:2] == [KEVIN.id, MARIA.id]
    assert stored.people[2].id == newcomer.id
    assert stored.relations[0].source == KEVIN.id  # the lines follow the people
    assert stored.person(KEVIN.id).name == "Kevin Liu"  # the account's spelling stays
    assert library.get_deal(first.id).person(KEVIN.id).title == "Enterprise Architect"
    assert stored.account_id == first.account_id
    grid = library.account_grid(first.account_id)  # type: ignore[arg-type]
    assert len(grid.people) == 3


def test_drawing_the_manager_another_deal_already_draws_is_no_news(library: Library) -> None:
    first, second = _two_deals(library)
    library.add_relation(second.id, Relation(KEVIN.id, MARIA.id, RelationKind.REPORTS_TO))
    assert library.get_deal(first.id).notices == ()  # the first deal says the same
    anna = Person(name="Anna Berg", title="CTO")
    library.add_people(second.id, [anna])
    line = library.get_deal(second.id).relations[-1]
    library.update_relation(replace(line, target=anna.id))
    (notice,) = library.get_deal(first.id).notices
    assert (notice.what, notice.now) == (NoticeKind.MANAGER, "Anna Berg")
