"""Our own people CSV comes back as it left: the apostrophe that kept Excel from running a
cell is taken off, the judgement columns (roles, support, influence, coverage, mode,
scores, reports-to, last contact, next step, leaning) are read back, the "Deal" column names
the deal (one deal per name), and company columns give a new deal its account."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from hypothesis import given

from desktop.domain.actions import Action
from desktop.domain.deal import Deal
from desktop.domain.decision import Alternative, AlternativeKind
from desktop.domain.enums import (
    Axis,
    Coverage,
    Influence,
    RelationKind,
    ResponseMode,
    Role,
    Support,
)
from desktop.domain.merge import SCORE_VALUES
from desktop.domain.person import Person
from desktop.domain.relation import Relation
from desktop.domain.scores import Score, Triangle
from desktop.exchange.formats import people_csv
from desktop.exchange.importing import apply_import, plan_import, read_files
from desktop.exchange.people_cells import unquoted
from desktop.problems import ImportProblem
from desktop.store.library import Library
from tests.exchange.test_fuzz_importers import FUZZ, damaged, read_or_refuse
from tests.helpers.cli import run
from tests.helpers.paths import DATA

CSV = DATA / "csv"
HOSTILE_NAMES = ('=HYPERLINK("http://evil.example","Click")', "+Plus Person", "-Minus Person",
                 "@At Person", "Bram 't Hooft", "Siobhan O'Brien")


def hostile_deal() -> Deal:
    fleet = Alternative("FleetIQ", AlternativeKind.COMPETITOR)
    people = [
        Person(HOSTILE_NAMES[0], title="=1+1", department="@Ops", phone="+49 30 1234",
               email="evil@helix.example", roles=(Role.ECONOMIC_BUYER, Role.DECISION_MAKER),
               support=Support.MENTOR, influence=Influence.HIGH, coverage=Coverage.IN_DEPTH,
               mode=ResponseMode.EVEN_KEEL, last_contact=date(2026, 11, 20),
               organisation="Helix Health Trust",
               scores=Triangle(Score(8), Score(0), Score(10, private=True))),
        Person(HOSTILE_NAMES[1], phone="-1 555 0100", roles=(Role.COACH,),
               support=Support.ENEMY, influence=Influence.LOW, coverage=Coverage.LIGHT,
               mode=ResponseMode.TROUBLE, organisation="Helix Health Trust",
               scores=Triangle(technical=Score(3)), leans_to=fleet.id),
        Person(HOSTILE_NAMES[2], title="-VP", support=Support.OPPONENT,
               organisation="Helix Health Trust"),
        Person(HOSTILE_NAMES[3], email="at@helix.example", roles=tuple(Role),
               support=Support.SUPPORTER, coverage=Coverage.GOOD, mode=ResponseMode.GROWTH,
               organisation="Interlink (partner)"),
        Person(HOSTILE_NAMES[4], title="\t=cmd|' /C calc'!A0", organisation="Helix Health Trust"),
        Person(HOSTILE_NAMES[5], mode=ResponseMode.OVERCONFIDENT),
    ]
    ids = [p.id for p in people]
    relations = (Relation(ids[1], ids[0], RelationKind.REPORTS_TO),
                 Relation(ids[2], ids[0], RelationKind.REPORTS_TO),
                 Relation(ids[2], ids[1], RelationKind.REPORTS_TO),  # two managers
                 Relation(ids[3], ids[1], RelationKind.INFLUENCE))  # not in the table
    actions = (Action("Send the ROI model", due=date(2026, 12, 10), for_people=(ids[0],)),
               Action("+1 call with IT", for_people=(ids[1],)))
    return Deal(name="Helix – EPR renewal", account="Helix Health Trust", people=tuple(people),
                relations=relations, alternatives=(fleet,), actions=actions)


def exported(deals: list[Deal], path: Path) -> Path:
    people_csv.write(deals, path, include_private=False)
    return path


def by_name(deal: Deal) -> dict[str, Person]:
    return {p.name: p for p in deal.people}


def lines(deal: Deal) -> set[tuple[str, str, RelationKind]]:
    names = {p.id: p.name for p in deal.people}
    return {(names[r.source], names[r.target], r.kind) for r in deal.relations}


def test_the_export_neutralises_formulas_for_excel(tmp_path: Path) -> None:
    text = exported([hostile_deal()], tmp_path / "helix.csv").read_text(encoding="utf-8-sig")
    assert "'=HYPERLINK(" in text
    assert "'+49 30 1234" in text
    assert "'-Minus Person" in text
    assert "'@At Person" in text
    assert ",'=cmd|' /C calc'!A0," in text


def test_our_export_comes_back_with_the_same_people(tmp_path: Path) -> None:
    original = hostile_deal()
    (incoming,) = read_files([exported([original], tmp_path / "helix.csv")])
    deal = incoming.deal
    assert deal.name == "Helix – EPR renewal"  # the Deal column, not the file's name
    assert deal.account == "Helix Health Trust"  # 4 of 6 work there
    mine, theirs = by_name(original), by_name(deal)
    assert sorted(theirs) == sorted(HOSTILE_NAMES)
    for name, person in mine.items():
        back = theirs[name]
        for attr in ("title", "department", "email", "phone", "roles", "support", "influence",
                     "coverage", "mode", "last_contact", "organisation"):
            assert getattr(back, attr) == getattr(person, attr), (name, attr)
        assert back.scores.values() == person.scores.values(), name
    assert lines(deal) == {(a, b, k) for a, b, k in lines(original)
                           if k is RelationKind.REPORTS_TO}
    step = deal.next_action(theirs[HOSTILE_NAMES[0]].id)
    assert step is not None
    assert (step.text, step.due) == ("Send the ROI model",
                                                           date(2026, 12, 10))
    other = deal.next_action(theirs[HOSTILE_NAMES[1]].id)
    assert other is not None
    assert other.text == "+1 call with IT"
    (leaning,) = deal.alternatives
    assert (leaning.name, leaning.kind) == ("FleetIQ", AlternativeKind.COMPETITOR)
    assert theirs[HOSTILE_NAMES[1]].leans_to == leaning.id
    assert incoming.provided is not None
    assert {"name", "title", "department", "email", "phone", "roles", "support", "influence",
            "coverage", "mode", SCORE_VALUES, "last_contact", "organisation",
            "leans_to"} <= incoming.provided


def test_our_export_read_twice_gives_the_same_deal(tmp_path: Path, library: Library) -> None:
    path = exported([hostile_deal()], tmp_path / "helix.csv")
    first, second = read_files([path])[0].deal, read_files([path])[0].deal
    assert first == second
    apply_import(library, plan_import(library, read_files([path])))
    assert plan_import(library, read_files([path])).changes_nothing
    (summary,) = library.list_deals()
    stored = library.get_deal(summary.id)
    assert (stored.name, stored.account) == ("Helix – EPR renewal", "Helix Health Trust")
    assert len(stored.actions) == 2
    assert len(stored.alternatives) == 1


@pytest.mark.parametrize(("cell", "expected"), [
    ("'=HYPERLINK(\"x\")", "=HYPERLINK(\"x\")"), ("'+49 30 1234", "+49 30 1234"),
    ("'-minus", "-minus"), ("'@at", "@at"), ("'\tTab", "\tTab"), ("'\rCR", "\rCR"),
    ("'t Hooft", "'t Hooft"), ("O'Brien", "O'Brien"), ("'", "'"), ("''+1", "''+1"),
    ("'quoted'", "'quoted'"), ("", ""),
])
def test_only_the_apostrophe_before_a_formula_start_is_taken_off(cell: str,
                                                                 expected: str) -> None:
    assert unquoted(cell) == expected


def test_any_csv_loses_the_guard_apostrophe_but_keeps_names_with_one(tmp_path: Path) -> None:
    """A LinkedIn (or any) export whose phone reads "'+49…": the apostrophe is an
    exporter's guard — Excel never saves its own leading apostrophe — so a seller wants the
    number, not the quote; "'t Hooft" and "O'Brien" are names and stay."""
    path = tmp_path / "contacts.csv"
    path.write_text("First Name,Last Name,Company,Phone\n"
                    "Bram,'t Hooft,Contoso,'+49 30 1234\n"
                    "Siobhan,O'Brien,Contoso,'-0\n", encoding="utf-8")
    (incoming,) = read_files([path])
    assert [(p.name, p.phone) for p in incoming.deal.people] == [
        ("Bram 't Hooft", "+49 30 1234"), ("Siobhan O'Brien", "-0")]


@pytest.mark.parametrize(("sample", "account"), [
    ("linkedin_connections.csv", "Helix Health Trust"),
    ("linkedin_connections_partner.csv", "Contoso Pharma"),  # 3 of 5: Deloitte is a partner
    ("outlook_contacts.csv", "Northwind Logistics"),
    ("salesforce_report.csv", "Acme Corp"),
    ("google_contacts.csv", "Helix Health Trust"),
    ("hubspot_contacts.csv", "Fabrikam"),
    ("salesforce_contacts.csv", ""),  # only an AccountId: no company to name
    ("excel_semicolon_cp1252.csv", ""),  # no company column
])
def test_a_new_deal_takes_the_company_most_people_work_for(sample: str, account: str) -> None:
    (incoming,) = read_files([CSV / sample])
    assert incoming.deal.account == account
    assert incoming.deal.name == Path(sample).stem  # not our export: named after the file


def test_no_company_holding_a_majority_leaves_the_account_empty(tmp_path: Path) -> None:
    path = tmp_path / "mixed.csv"
    path.write_text("Name,Company\nA One,Acme\nB Two,Acme\nC Three,Deloitte\nD Four,\n")
    (incoming,) = read_files([path])
    assert incoming.deal.account == ""


def test_our_export_of_several_deals_comes_back_as_those_deals() -> None:
    helix, northwind = read_files([CSV / "deal_triangle_export.csv"])
    assert (helix.deal.name, helix.deal.account) == ("Helix Health – EPR renewal",
                                                     "Helix Health Trust")
    assert (northwind.deal.name, northwind.deal.account) == ("Northwind – Fleet telematics",
                                                             "Northwind Logistics")
    assert helix.deal.id != northwind.deal.id
    assert [p.name for p in helix.deal.people] == [
        "Priya Raman", "Tomás Ortega", '=HYPERLINK("http://evil.example","Click")',
        "Emma Schultz"]
    assert [p.name for p in northwind.deal.people] == ["Henrik Larsen", "Renée Faure",
                                                       "Emma Schultz"]
    # The partner in both deals is two people (one per deal), each with that deal's view.
    emma_h, emma_n = by_name(helix.deal)["Emma Schultz"], by_name(northwind.deal)["Emma Schultz"]
    assert emma_h.id != emma_n.id
    assert (emma_h.support, emma_n.support) == (Support.MENTOR, Support.SUPPORTER)
    assert lines(helix.deal) == {
        ("Tomás Ortega", "Priya Raman", RelationKind.REPORTS_TO),
        ('=HYPERLINK("http://evil.example","Click")', "Tomás Ortega", RelationKind.REPORTS_TO),
        ("Emma Schultz", "Priya Raman", RelationKind.REPORTS_TO),
        ("Emma Schultz", "Tomás Ortega", RelationKind.REPORTS_TO)}
    priya = by_name(helix.deal)["Priya Raman"]
    assert priya.phone == "+44 20 7946 0018"
    assert priya.roles == (Role.ECONOMIC_BUYER, Role.DECISION_MAKER)
    assert priya.scores.values() == (8, 6, None)
    assert priya.scores[Axis.PERSONAL].private  # personal-win stays private by default
    henrik = by_name(northwind.deal)["Henrik Larsen"]
    nothing, fleet = northwind.deal.alternatives
    assert fleet.name == "FleetIQ"
    assert fleet.id != helix.deal.alternatives[0].id  # an alternative belongs to one deal
    assert emma_n.leans_to == fleet.id
    assert henrik.leans_to == nothing.id
    assert nothing.kind is AlternativeKind.DO_NOTHING


def test_several_deals_imported_twice_change_nothing(library: Library) -> None:
    path = CSV / "deal_triangle_export.csv"
    apply_import(library, plan_import(library, read_files([path])))
    assert sorted(s.name for s in library.list_deals()) == [
        "Helix Health – EPR renewal", "Northwind – Fleet telematics"]
    again = plan_import(library, read_files([path]))
    assert again.changes_nothing


def test_loosely_typed_values_are_read(tmp_path: Path) -> None:
    path = tmp_path / "edited.csv"
    path.write_text("Deal,Name,Roles,Support,Influence,Coverage,Mode,Business outcome,"
                    "Last contact\n"
                    "Acme,Ana Ruiz,decision-maker; champion; EB,+1,high,in-depth,even-keel,7.0,"
                    "2026-11-02 16:40\n"
                    "Acme,Li Wei,,-2,,,,,\n", encoding="utf-8")
    (incoming,) = read_files([path])
    ana, li = incoming.deal.people
    assert ana.roles == (Role.ECONOMIC_BUYER, Role.COACH, Role.DECISION_MAKER)
    assert (ana.support, ana.influence, ana.coverage, ana.mode) == (
        Support.SUPPORTER, Influence.HIGH, Coverage.IN_DEPTH, ResponseMode.EVEN_KEEL)
    assert ana.scores.business.value == 7
    assert ana.last_contact == date(2026, 11, 2)
    assert (li.roles, li.support, li.influence, li.coverage, li.mode) == (
        (), Support.ENEMY, Influence.MEDIUM, Coverage.NONE, None)


@pytest.mark.parametrize(("column", "value", "words"), [
    ("Business outcome", "11", "'11' is not a score (a whole number from 0 to 10"),
    ("Technical fit", "high", "'high' is not a score"),
    ("Personal win", "7.5", "'7.5' is not a score"),
    ("Roles", "Decision maker, Sponsor", "'Sponsor' is not a role (Economic buyer"),
    ("Support", "Fan", "'Fan' is not one of Enemy, Opponent, Neutral, Supporter, Mentor"),
    ("Coverage", "Total", "'Total' is not one of None, Light, Good, In depth"),
    ("Mode", "Sleepy", "'Sleepy' is not one of Growth, Trouble, Even keel, Overconfident"),
    ("Last contact", "last week", "'last week' is not a date (YYYY-MM-DD)"),
    ("Next step due", "2026-02-30", "'2026-02-30' is not a date (YYYY-MM-DD)"),
])
def test_a_bad_value_is_one_sentence_with_line_and_column(tmp_path: Path, column: str,
                                                          value: str, words: str) -> None:
    header = list(people_csv.HEADER)
    row = ["Acme", "Ana Ruiz"] + [""] * (len(header) - 2)
    row[header.index("Next step")] = "Call"
    good = list(row)
    row[header.index(column)] = value
    path = tmp_path / "edited.csv"
    path.write_bytes(people_csv.csv_bytes([header, good, row]))
    with pytest.raises(ImportProblem) as refused:
        read_files([path])
    assert str(refused.value).startswith(f"{path} at line 3, column {column!r}: {words}")


def test_the_command_line_names_the_new_deal_and_its_account(tmp_path: Path) -> None:
    """Through the real command line, as a seller runs it."""
    db = tmp_path / "library.sqlite"
    result = run("--db", db, "import", CSV / "deal_triangle_export.csv")
    assert result.returncode == 0, result.stderr
    shown = run("--db", db, "list")
    assert "Helix Health – EPR renewal" in shown.stdout
    assert "Northwind – Fleet telematics" in shown.stdout
    linkedin = run("--db", db, "import", CSV / "linkedin_connections_partner.csv")
    assert linkedin.returncode == 0, linkedin.stderr
    with Library.open(db) as library:
        deals = {s.name: library.get_deal(s.id) for s in library.list_deals()}
    # A contacts export names no deal: the new deal is named after the customer.
    assert deals["Contoso Pharma"].account == "Contoso Pharma"
    assert "New deal 'Contoso Pharma' with 5 people" in linkedin.stdout
    assert deals["Helix Health – EPR renewal"].account == "Helix Health Trust"
    assert len(deals["Helix Health – EPR renewal"].people) == 4


def test_damaged_exports_of_ours_are_read_or_refused_in_one_sentence(small_demo: Deal) -> None:
    """Our layout goes through the judgement columns' parsing, which the Outlook sample of
    the importers' fuzzing never reaches: damaged copies of it read or say one sentence."""
    sample = people_csv.csv_bytes(people_csv.people_rows([small_demo]))

    @FUZZ
    @given(damaged(sample))
    def fuzz(data: bytes) -> None:
        read_or_refuse(people_csv.read, data, "fuzz.csv")

    fuzz()


def test_deal_names_differing_in_case_or_spacing_are_one_deal(tmp_path: Path) -> None:
    path = tmp_path / "edited.csv"
    path.write_text("Deal,Name\nAcme Logistics,Li Wei\nACME  logistics ,Bo Chen\n,Ana Ruiz\n")
    acme, rest = read_files([path])
    assert (acme.deal.name, [p.name for p in acme.deal.people]) == ("Acme Logistics",
                                                                    ["Li Wei", "Bo Chen"])
    assert (rest.deal.name, [p.name for p in rest.deal.people]) == ("edited", ["Ana Ruiz"])


@pytest.mark.parametrize("suffix", [".csv", ".xlsx"])
def test_our_table_comes_back_into_the_deal_it_left_by_its_ids(
        tmp_path: Path, northwind: Deal, suffix: str) -> None:
    """The Deal id and Person id columns: a table exported from a deal, imported as a new
    deal would be (no --deal), goes back into that deal — nothing new, no "(2)" copy — each
    row matched to its person by id (a name edited in Excel is still that person)."""
    from desktop.exchange.exporting import export_deals
    from desktop.exchange.importing import plan_import, read_files
    from desktop.store.library import Library

    with Library.open(tmp_path / "lib.sqlite") as library:
        library.add_deal(northwind)
        (path,) = export_deals(library, [northwind.id], tmp_path / f"people{suffix}")
        (incoming,) = read_files([path])
        assert incoming.deal.id == northwind.id
        assert [p.id for p in incoming.deal.people] == [p.id for p in northwind.people]
        assert plan_import(library, [incoming]).changes_nothing


def test_an_action_for_several_people_comes_back_as_one(tmp_path: Path, helix: Deal) -> None:
    """Our table writes an action on the row of each person it is for; read back (into a
    new library) it is one action for all of them, not one each — the deal list counted an
    overdue action twice (the fresh-eyes check: "4 overdue" for 2)."""
    from desktop.exchange.exporting import export_deals
    from desktop.exchange.importing import read_files
    from desktop.store.library import Library

    with Library.open(tmp_path / "lib.sqlite") as library:
        library.add_deal(helix)
        (path,) = export_deals(library, [helix.id], tmp_path / "helix.csv")
    (incoming,) = read_files([path])
    steps = {helix.next_action(p.id) for p in helix.people} - {None}
    shared = [a for a in steps if a is not None and len(a.for_people) > 1]
    assert shared, "the demo deal has an action for several people"
    read = {a.text: a for a in incoming.deal.actions}
    assert len(incoming.deal.actions) == len(steps)
    for action in shared:  # for everyone on whose row it is written (its owner too)
        assert set(read[action.text].for_people) == {
            p.id for p in helix.people if helix.next_action(p.id) == action}
