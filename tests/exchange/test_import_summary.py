"""What an import says it did, and the names new deals take: words a seller reads once
("New deal 'Acme' with 4 people and 1 line", "Merged into 'Northwind': 2 people added, 1
updated, 1 conflict kept as yours"), and never two deals called alike."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

from desktop.domain.deal import Deal
from desktop.domain.enums import RelationKind
from desktop.domain.merge import Resolution
from desktop.domain.person import Person
from desktop.domain.position import Position
from desktop.domain.relation import Relation
from desktop.exchange.exporting import export_deals
from desktop.exchange.import_summary import summary
from desktop.exchange.importing import plan_import, read_files, resolve_import
from desktop.store.library import Library
from tests.helpers.cli import run

CSV = ("Name,Title,Email,Manager\nAnna Berg,CFO,anna@acme.test,\nBen Ode,CTO,ben@acme.test,"
       "Anna Berg\nCarla Diaz,CIO,carla@acme.test,\nDev Rao,Buyer,dev@acme.test,\n")


def northwind() -> Deal:
    anna = Person("Anna Berg", title="CFO", email="anna@nw.test")
    ben = Person("Ben Ode", title="CTO", email="ben@nw.test")
    return Deal("Northwind", people=(anna, ben),
                relations=(Relation(ben.id, anna.id, RelationKind.REPORTS_TO),))


def test_a_new_deal_is_said_with_its_people_and_lines(tmp_path: Path) -> None:
    path = tmp_path / "Acme Logistics.csv"
    path.write_text(CSV)
    result = run("--db", tmp_path / "lib.sqlite", "import", path)
    assert result.returncode == 0, result.stderr
    assert "New deal 'Acme Logistics' with 4 people and 1 line." in result.stdout
    assert "merged" not in result.stdout
    assert "0 " not in result.stdout


def test_a_name_another_deal_has_gets_a_number_and_the_summary_says_so(tmp_path: Path) -> None:
    db = tmp_path / "lib.sqlite"
    with Library.open(db) as library:
        library.add_deal(Deal("acme  LOGISTICS"))
    path = tmp_path / "Acme Logistics.csv"
    path.write_text(CSV)
    result = run("--db", db, "import", path)
    assert "New deal 'Acme Logistics (2)' with 4 people and 1 line (another deal is called " \
        "'Acme Logistics' already)." in result.stdout
    second = tmp_path / "ACME Logistics.csv"  # another file, alike but for the case
    second.write_text(CSV.replace("acme.test", "acme2.test"))
    assert "New deal 'ACME Logistics (3)'" in run("--db", db, "import", second).stdout
    with Library.open(db) as library:
        names = sorted(s.name for s in library.list_deals())
    assert names == ["ACME Logistics (3)", "Acme Logistics (2)", "acme LOGISTICS"]
    # The same file again merges into the deal it made: nothing new, no fourth name.
    assert "Nothing to import" in run("--db", db, "import", path).stdout


def test_two_new_deals_of_one_import_never_share_a_name(tmp_path: Path) -> None:
    first, second = Deal("Helix"), Deal("HELIX")
    with Library.open(tmp_path / "lib.sqlite") as library:
        from desktop.exchange.incoming import Incoming
        plan = plan_import(library, [Incoming(first), Incoming(second)])
    assert [d.name for d in plan.new_deals] == ["Helix", "HELIX (2)"]
    assert plan.renamed == {second.id: "HELIX"}


def test_a_merge_is_said_with_what_was_added_updated_and_settled(tmp_path: Path) -> None:
    deal = northwind()
    anna, ben = deal.people
    theirs = replace(deal, people=(
        replace(anna, title="Chief Financial Officer"),  # a conflict
        replace(ben, position=Position(300, 40)),  # moved: taken, not a conflict
        Person("Carla Diaz", title="CIO"), Person("Dev Rao", title="Buyer")))
    with Library.open(tmp_path / "mine.sqlite") as library:
        library.add_deal(deal)
    with Library.open(tmp_path / "theirs.sqlite") as other:
        other.add_deal(theirs)
        export_deals(other, [deal.id], tmp_path / "theirs.dealtri", include_private=True)
    with Library.open(tmp_path / "mine.sqlite") as library:
        plan = plan_import(library, read_files([tmp_path / "theirs.dealtri"]))
        for decision, words in (
                (Resolution.MINE, "2 people added and 1 conflict kept as yours"),
                (Resolution.THEIRS, "2 people added, 1 updated and 1 conflict taken from the "
                                    "file"),
                # Their Anna as a second card, with the line their Ben draws to her.
                (Resolution.BOTH, "2 people added, 1 line added and 1 conflict kept both "
                                  "ways")):
            result = resolve_import(library, plan, decision)
            assert summary(plan, result, decision) == [f"Merged into 'Northwind': {words}"]


def test_a_deal_named_after_its_file_takes_the_account_name(tmp_path: Path) -> None:
    """A contacts export names no deal: "Fjord Data AB", not "contacts_export"; a file that
    names its deal keeps that name, and one without an account keeps the file's."""
    from desktop.exchange.incoming import Incoming

    stem = Deal("contacts_export", account="Fjord Data AB")
    named = Deal("Fjord renewal", account="Fjord Data AB")
    plain = Deal("leads")
    with Library.open(tmp_path / "lib.sqlite") as library:
        library.add_deal(Deal("Fjord Data AB"))
        plan = plan_import(library, [Incoming(stem, whole_deal=False, named_after_file=True),
                                     Incoming(named, whole_deal=False),
                                     Incoming(plain, whole_deal=False, named_after_file=True)])
    assert [d.name for d in plan.new_deals] == ["Fjord Data AB (2)", "Fjord renewal", "leads"]


def test_a_manager_the_file_names_but_does_not_hold_is_said(tmp_path: Path) -> None:
    """Outlook's manager field names Klaus Vorstand, who is no contact of the file: no card,
    no line — and the summary says so rather than dropping a likely senior stakeholder."""
    from tests.helpers.paths import DATA

    db = tmp_path / "lib.sqlite"
    said = run("--db", db, "import", DATA / "vcard" / "outlook_21.vcf").stdout
    assert "1 manager named in the file has no card (Klaus Vorstand): add them to draw " \
        "the line." in said
    table = tmp_path / "team.csv"
    table.write_text("Name,Title,Manager\nAnna Berg,CFO,Eva Chef\nBen Ode,Buyer,Anna Berg\n"
                     "Cem Aydin,Analyst,Jo Boss; Anna Berg\n")
    said = run("--db", db, "import", table).stdout
    assert "2 managers named in the file have no card (Eva Chef, Jo Boss)" in said
    assert "with 3 people and 2 lines" in said


def test_several_files_for_one_deal_are_one_merge(tmp_path: Path) -> None:
    """Two contacts files into the same deal — the same person in both — are put together
    first and merged once: one sentence, the person once (the later file's title), and a
    deal's people written once (two merges of one deal wrote its newcomers twice)."""
    db = tmp_path / "lib.sqlite"
    with Library.open(db) as library:
        library.add_deal(northwind())
    first, second = tmp_path / "a.csv", tmp_path / "b.csv"
    first.write_text("Name,Title,Email\nJonas Berg,CIO,jonas@helix.test\n"
                     "Anna Kowalska,CFO,anna@helix.test\n")
    second.write_text("Name,Title,Email\nJonas Berg,Chief Information Officer,"
                      "jonas@helix.test\nZoe Muller,CTO,zoe@helix.test\n")
    result = run("--db", db, "import", first, second, "--deal", "Northwind")
    assert result.returncode == 0, result.stderr
    assert result.stdout.count("Merged into 'Northwind'") == 1
    assert "3 people added" in result.stdout
    with Library.open(db) as library:
        (summary,) = library.list_deals()
        people = {p.name: p for p in library.get_deal(summary.id).people}
    assert people["Jonas Berg"].title == "Chief Information Officer"
    assert len(people) == 5
