"""Which answer Enter gives to "Add the people of … to the deal on screen?", and why."""

from __future__ import annotations

from dataclasses import replace

from desktop.domain.deal import Deal
from desktop.domain.person import Person
from desktop.exchange.destination import destination
from desktop.exchange.incoming import Incoming

ANNA = Person("Anna Berg", title="CFO", email="anna@acme.test")


def people_file(*people: Person, account: str = "") -> Incoming:
    return Incoming(Deal("contacts", account=account, people=people), whole_deal=False)


def test_a_file_with_someone_of_the_deal_or_its_account_belongs_here() -> None:
    shown = Deal("Acme renewal", account="Acme", people=(ANNA,))
    by_email = people_file(Person("A. Berg", email="ANNA@acme.test"), Person("New One"))
    by_name = people_file(Person("anna  berg", title="cfo"))
    by_account = people_file(Person("Someone Else"), account=" ACME ")
    for item in (by_email, by_name, by_account):
        assert destination(shown, [("f.csv", item)], {}).likely_here


def test_strangers_and_another_deals_export_do_not_and_the_reason_is_said() -> None:
    shown = Deal("Acme renewal", account="Acme", people=(ANNA,))
    elsewhere = Deal("Helix platform", people=(replace(ANNA, id=Person("x").id),))
    strangers = people_file(Person("Linnea Berg", title="CTO"), account="Fjord Data AB")
    exported = Incoming(replace(elsewhere, name="Helix platform"), whole_deal=False)
    where = destination(shown, [("fjord.vcf", strangers)], {})
    assert not where.likely_here
    assert where.why_not == "None of the people in fjord.vcf is in “Acme renewal” yet."
    # Anna is in both deals, but the file came from Helix's: it goes back there.
    where = destination(shown, [("helix.vcf", exported)], {elsewhere.id: "Helix platform"})
    assert where.why_not == "helix.vcf was exported from “Helix platform”."


def test_with_several_files_every_one_must_belong() -> None:
    shown = Deal("Acme renewal", people=(ANNA,))
    ours = people_file(ANNA)
    strangers = people_file(Person("Linnea Berg"))
    where = destination(shown, [("a.csv", ours), ("b.csv", strangers)], {})
    assert not where.likely_here
    assert where.why_not == "None of the people in b.csv is in “Acme renewal” yet."
    assert destination(shown, [("a.csv", ours), ("c.csv", ours)], {}).likely_here
