"""Company columns land in each person's organisation: LinkedIn's and Outlook's "Company",
Salesforce's "Account Name"; our own export's "Organisation" comes back."""

from __future__ import annotations

from pathlib import Path

import pytest

from desktop.domain.deal import Deal
from desktop.domain.person import Person
from desktop.exchange.exporting import export_deals
from desktop.exchange.importing import read_files
from desktop.store.library import Library
from tests.helpers.paths import DATA


@pytest.mark.parametrize(("sample", "name", "organisation"), [
    ("salesforce_report.csv", "Olga Petrova", "Acme Corp"),
    ("linkedin_connections.csv", None, None),
    ("outlook_contacts.csv", None, None),
])
def test_company_columns_become_the_organisation(sample: str, name: str | None,
                                                 organisation: str | None) -> None:
    (incoming,) = read_files([DATA / "csv" / sample])
    people = incoming.deal.people
    assert incoming.provided is not None
    assert "organisation" in incoming.provided
    if name is not None:
        assert next(p for p in people if p.name == name).organisation == organisation
    assert any(p.organisation for p in people)  # every sample has a company column filled


def test_our_people_csv_round_trips_the_organisation(tmp_path: Path, library: Library) -> None:
    deal = Deal(name="D", people=(Person("Emma Schultz", email="emma@partner.example",
                                         organisation="Interlink Integration (partner)"),))
    target = tmp_path / "people.csv"
    library.add_deal(deal)
    export_deals(library, [deal.id], target)
    (incoming,) = read_files([target])
    (person,) = incoming.deal.people
    assert person.organisation == "Interlink Integration (partner)"
