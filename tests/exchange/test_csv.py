"""People from other tools' CSV exports: each known source's real header layout and
encoding, duplicates, manager columns, and the Excel-safe people CSV we write."""

from __future__ import annotations

import csv
import io
from datetime import date
from pathlib import Path

import pytest

from desktop.domain.actions import Action, ActionStatus
from desktop.domain.deal import Deal
from desktop.domain.enums import RelationKind
from desktop.exchange.exporting import export_deals
from desktop.exchange.importing import apply_import, plan_import, read_files
from desktop.exchange.people_columns import source_name
from desktop.exchange.text_decoding import decode
from desktop.problems import ImportProblem
from desktop.store.library import Library
from tests.helpers.cli import digest, run
from tests.helpers.paths import DATA

SAMPLES = DATA / "csv"


def people_of(name: str) -> Deal:
    (incoming,) = read_files([SAMPLES / name])
    assert not incoming.whole_deal
    return incoming.deal


def managers(deal: Deal) -> dict[str, str]:
    names = {p.id: p.name for p in deal.people}
    return {names[r.source]: names[r.target] for r in deal.relations
            if r.kind is RelationKind.REPORTS_TO}


@pytest.mark.parametrize(("sample", "source", "expected"), [
    ("linkedin_connections.csv", "LinkedIn connections",
     {"Anna Kowalska": "Chief Nursing Officer", "Jonas Berg": "Chief Medical Officer",
      "Zoë Müller-Lüdenscheidt": "Head of Procurement, EMEA"}),
    ("outlook_contacts.csv", "Outlook contacts",
     {"Renée Faure": "Directrice des opérations", "Henrik Larsen": "CEO",
      "Björn Åberg": "IT Manager"}),
    ("google_contacts.csv", "Google Contacts",
     {"Priya Raman": "Director of Digital", "Tomás Ortega": "Enterprise Architect"}),
    ("salesforce_contacts.csv", "Salesforce contacts",
     {"Hugo Nakamura": "VP Engineering", "Nils Silva": "Security Officer",
      "Ben Garcia": "Platform Lead"}),
    ("salesforce_report.csv", "Salesforce report",
     {"Olga Petrova": "CFO", "Wei Chen": "Controller"}),
    ("hubspot_contacts.csv", "HubSpot contacts",
     {"Marta Nowak": "Head of Sales Ops", "Leo Fischer": '=HYPERLINK("http://evil.example")'}),
    ("excel_unicode_text.txt", "a table of people",
     {"Karin Holm": "COO", "Émile Roux": "Head of Logistics"}),
    ("excel_semicolon_cp1252.csv", "a table of people",
     {"Jürgen Weiß": "Einkaufsleiter", "Grete Schäfer": "Leiterin IT"}),
])
def test_known_sources(sample: str, source: str, expected: dict[str, str]) -> None:
    deal = people_of(sample)
    assert {p.name: p.title for p in deal.people} == expected
    text, _encoding = decode((SAMPLES / sample).read_bytes(), sample)
    header = next(line for line in text.splitlines()
                  if "Name" in line or "name" in line.lower())
    delimiter = "\t" if "\t" in header else (";" if ";" in header else ",")
    assert source_name(next(csv.reader([header], delimiter=delimiter))) == source


def test_encodings_are_detected() -> None:
    assert decode((SAMPLES / "outlook_contacts.csv").read_bytes(), "x")[1] == "Windows-1252"
    assert decode((SAMPLES / "google_contacts.csv").read_bytes(), "x")[1] == "UTF-8"
    assert decode((SAMPLES / "excel_unicode_text.txt").read_bytes(), "x")[1] == "UTF-16"
    assert decode((SAMPLES / "linkedin_connections.csv").read_bytes(), "x")[1] == "UTF-8"


def test_manager_columns_become_reports_to_lines() -> None:
    assert managers(people_of("outlook_contacts.csv")) == {
        "Renée Faure": "Henrik Larsen", "Björn Åberg": "Renée Faure"}
    # Salesforce points at the manager's record id.
    assert managers(people_of("salesforce_contacts.csv")) == {
        "Nils Silva": "Hugo Nakamura", "Ben Garcia": "Hugo Nakamura"}
    assert managers(people_of("salesforce_report.csv")) == {"Wei Chen": "Olga Petrova"}
    assert managers(people_of("excel_unicode_text.txt")) == {"Émile Roux": "Karin Holm"}


def test_the_same_person_twice_is_one_person() -> None:
    deal = people_of("hubspot_contacts.csv")
    assert [p.name for p in deal.people].count("Marta Nowak") == 1
    marta = next(p for p in deal.people if p.name == "Marta Nowak")
    assert marta.phone == "+48 22 555 01 01"


def test_fields_come_through(tmp_path: Path) -> None:
    deal = people_of("outlook_contacts.csv")
    bjorn = next(p for p in deal.people if p.name == "Björn Åberg")
    assert bjorn.email == "bjorn.aberg@northwind.example"
    assert bjorn.department == "IT"
    assert bjorn.notes == "Prefers calls after 4 pm."
    renee = next(p for p in deal.people if p.name == "Renée Faure")
    assert renee.phone == "+33 1 42 68 53 00"


def test_import_into_a_deal_twice_adds_nobody_twice(tmp_path: Path, library: Library,
                                                    small_demo: Deal) -> None:
    library.add_deal(small_demo)
    path = SAMPLES / "outlook_contacts.csv"
    plan = plan_import(library, read_files([path]), small_demo.id)
    apply_import(library, plan)
    stored = library.get_deal(small_demo.id)
    assert len(stored.people) == len(small_demo.people) + 3
    assert {"Renée Faure", "Björn Åberg"} <= {p.name for p in stored.people}
    before = digest(library.path)
    again = plan_import(library, read_files([path]), small_demo.id)
    assert again.changes_nothing
    assert digest(library.path) == before


def test_a_csv_person_matches_an_existing_one_by_email(library: Library,
                                                      small_demo: Deal) -> None:
    from dataclasses import replace

    first = replace(small_demo.people[0], email="henrik.larsen@northwind.example",
                    name="Henrik Larsen", title="CEO", organisation="Northwind Logistics")
    library.add_deal(replace(small_demo, people=(first, *small_demo.people[1:])))
    plan = plan_import(library, read_files([SAMPLES / "outlook_contacts.csv"]), small_demo.id)
    (merge,) = plan.merges
    assert merge.matches  # Henrik is not added again
    assert "Henrik Larsen" not in [p.name for p in merge.added]
    assert not merge.conflicts  # the CSV carries no scores: they are not "unknown" now


def test_a_bad_row_names_its_line_and_writes_nothing(tmp_path: Path, library: Library) -> None:
    path = tmp_path / "contacts.csv"
    path.write_text("First Name,Last Name,Email Address\nAda,Lovelace,ada@example.com\n"
                    "Bad,Mail,not-an-address\n", encoding="utf-8")
    before = digest(library.path)
    with pytest.raises(ImportProblem) as problem:
        read_files([path])
    assert str(problem.value).startswith(f"{path} at line 3, column 'Email Address'")
    assert digest(library.path) == before


def test_unknown_columns_are_one_sentence(tmp_path: Path) -> None:
    path = tmp_path / "odd.csv"
    path.write_text("Colour,Size\nred,10\n", encoding="utf-8")
    with pytest.raises(ImportProblem, match="no column holds names"):
        read_files([path])


def test_people_csv_opens_cleanly_in_excel(tmp_path: Path, library: Library,
                                           small_demo: Deal) -> None:
    from dataclasses import replace

    sneaky = replace(small_demo.people[0], title="=cmd|' /C calc'!A0",
                     organisation="-Partner GmbH")
    # The person's next step is their first open action: the soonest due.
    first_step = Action(text="+1 call; -2 emails; @mention", due=date(2020, 1, 6),
                        for_people=(sneaky.id,))
    later = Action(text="Later", due=date(2020, 2, 1), for_people=(sneaky.id,))
    closed = Action(text="Done before", due=date(2019, 1, 1), for_people=(sneaky.id,),
                    status=ActionStatus.DONE)
    deal = replace(small_demo, people=(sneaky, *small_demo.people[1:]),
                   actions=(later, closed, first_step, *small_demo.actions))
    library.add_deal(deal)
    out = tmp_path / "people.csv"
    export_deals(library, [deal.id], out)
    data = out.read_bytes()
    assert data.startswith(b"\xef\xbb\xbf")
    rows = list(csv.reader(io.StringIO(data.decode("utf-8-sig"))))
    assert rows[0][:3] == ["Deal", "Name", "Title"]
    assert rows[0][-7:] == ["Last contact", "Next step", "Next step due", "Organisation",
                            "Leans to", "Deal id", "Person id"]
    assert {row[-2] for row in rows[1:]} == {deal.id}
    assert [row[-1] for row in rows[1:]] == [p.id for p in deal.people]
    assert len(rows) == len(deal.people) + 1
    first = dict(zip(rows[0], rows[1], strict=True))
    assert first["Title"] == "'=cmd|' /C calc'!A0"
    assert first["Next step"] == "'+1 call; -2 emails; @mention"
    assert first["Next step due"] == "2020-01-06"
    assert first["Organisation"] == "'-Partner GmbH"
    leaning = {p.name: deal.alternative(p.leans_to) for p in deal.people if p.leans_to}
    assert leaning  # the demo has people leaning to an alternative
    for row in rows[1:]:
        cells = dict(zip(rows[0], row, strict=True))
        chosen = leaning.get(cells["Name"])
        assert cells["Leans to"] == (chosen.name if chosen else "")
    assert not any(cell.startswith(("=", "+", "-", "@")) for row in rows for cell in row)
    # And it reads back: the same names.
    (incoming,) = read_files([out])
    assert {p.name for p in incoming.deal.people} == {p.name for p in deal.people}


def test_import_command_with_csv(tmp_path: Path, small_demo: Deal) -> None:
    db = tmp_path / "lib.sqlite"
    with Library.open(db) as library:
        library.add_deal(small_demo)
    result = run("--db", db, "import", SAMPLES / "salesforce_contacts.csv", "--deal",
                 small_demo.id[:8])
    assert result.returncode == 0, result.stderr
    with Library.open(db) as library:
        deal = library.get_deal(small_demo.id)
    assert {"Hugo Nakamura", "Nils Silva", "Ben Garcia"} <= {p.name for p in deal.people}
    assert len(managers(deal)) >= 2
