"""Clashes as a seller lives them (found by a fresh-eyes tester): a clash waits for the
seller without holding back the rest of the colleague's file; choosing about one value never
takes or drops the colleague's other changes of that person; both laptops then agree; a
deal both had from elsewhere asks only about real differences; an anonymised copy never
writes its stand-ins over real names."""

from __future__ import annotations

from dataclasses import replace

from desktop.domain.deal import Deal
from desktop.domain.enums import Support
from desktop.domain.merge import Resolution
from desktop.domain.team import Share
from desktop.store import team
from tests.team.test_team_sync import Laptop, _deal, _shared


def _both_edit_kevins_title(anna: Laptop, ben: Laptop) -> str:
    """Both have the deal; Anna makes Kevin CEO and a mentor and Ava CNO, Ben makes Kevin
    CTO, both publish: Kevin's title is the one clash."""
    deal = _shared(anna)
    anna.sync()
    ben.sync()  # Ben has it, and shares it back
    kevin, ava = anna.deal(deal.id).people
    anna.library.update_people([replace(kevin, title="CEO", support=Support.MENTOR),
                                replace(ava, title="CNO")])
    ben.library.update_people([replace(ben.deal(deal.id).person(kevin.id), title="CTO")])
    anna.sync()
    return deal.id


def _state(laptop: Laptop, deal_id: str) -> list[tuple[str, str, Support]]:
    return [(p.name, p.title, p.support) for p in laptop.deal(deal_id).people]


def test_a_waiting_clash_holds_back_nothing_else(anna: Laptop, ben: Laptop) -> None:
    deal_id = _both_edit_kevins_title(anna, ben)
    report = ben.sync()
    assert report.conflicts == (
        "Contoso renewal: Kevin Liu's title: “CTO” here, “CEO” from Anna",)
    assert report.came_in == ("changes to Contoso renewal from Anna",)
    assert _state(ben, deal_id) == [("Kevin Liu", "CTO", Support.MENTOR),  # his title kept
                                    ("Ava", "CNO", Support.NEUTRAL)]
    assert ben.sync().conflicts == report.conflicts  # still waiting, said again


def test_keep_mine_keeps_the_colleagues_other_changes_and_both_agree(
        anna: Laptop, ben: Laptop) -> None:
    deal_id = _both_edit_kevins_title(anna, ben)
    ben.sync()
    assert anna.sync().conflicts  # Anna reads Ben's CTO: the clash on her side too
    assert ben.sync(decide=Resolution.MINE).conflicts == ()
    ben.sync()  # publishes his choice
    assert anna.sync().conflicts == ()  # Ben chose after seeing hers: his choice stands
    for _ in range(2):
        for laptop in (anna, ben):
            assert laptop.sync().conflicts == ()
    expected = [("Kevin Liu", "CTO", Support.MENTOR), ("Ava", "CNO", Support.NEUTRAL)]
    assert _state(anna, deal_id) == _state(ben, deal_id) == expected


def test_take_theirs_settles_it_on_both_without_a_second_question(
        anna: Laptop, ben: Laptop) -> None:
    deal_id = _both_edit_kevins_title(anna, ben)
    ben.sync()
    ben.sync(decide=Resolution.THEIRS)
    for _ in range(2):
        for laptop in (anna, ben):
            assert laptop.sync().conflicts == ()
    assert _state(anna, deal_id) == _state(ben, deal_id) == [
        ("Kevin Liu", "CEO", Support.MENTOR), ("Ava", "CNO", Support.NEUTRAL)]


def test_a_deal_both_had_from_elsewhere_asks_only_about_real_differences(
        anna: Laptop, ben: Laptop) -> None:
    """The same deal file imported on both laptops before either shared it: the withheld
    evidence of a private score and the library's own account id are no questions; a title
    Ben changed meanwhile is."""
    deal = _deal()
    anna.library.add_deal(deal)
    ben.library.add_deal(deal)
    ben.library.update_people([replace(deal.people[1], title="CNO")])
    team.share(anna.library, Share(deal.id))  # without private fields
    anna.sync()
    report = ben.sync()
    assert report.conflicts == ("Contoso renewal: Ava's title: “CNO” here, empty from Anna",)
    evidence = ben.deal(deal.id).people[0].scores.personal.evidence
    assert evidence == "Told me over lunch"  # withheld in Anna's file, kept


def test_an_anonymised_copy_never_writes_its_stand_ins_over_real_names(
        anna: Laptop, ben: Laptop) -> None:
    deal = _shared(anna, anonymised=True)
    ben.library.add_deal(deal)  # Ben has the real deal too (an earlier file)
    anna.sync()
    kevin = anna.deal(deal.id).people[0]
    anna.library.update_people([replace(kevin, title="CEO", support=Support.MENTOR)])
    anna.sync()
    ben.sync(decide=Resolution.THEIRS)
    mine = ben.deal(deal.id).person(kevin.id)
    assert (mine.name, mine.title) == ("Kevin Liu", "CIO")  # not "K. L.", not the roles
    assert mine.support is Support.MENTOR  # what anonymising does not touch comes in


def test_an_anonymised_deal_never_renames_the_accounts_people_in_other_deals(
        anna: Laptop, ben: Laptop) -> None:
    """An account's people are one identity in each of its deals: the stand-ins of a second
    deal shared anonymised must not rename them in the first, on either laptop."""
    first = _shared(anna)
    kevin = first.people[0]
    second = Deal(name="Contoso expansion", account="Contoso", people=(kevin,))
    anna.library.add_deal(second)
    anna.sync()
    ben.sync()
    team.share(anna.library, Share(second.id, anonymised=True))
    for _ in range(2):
        anna.sync()
        ben.sync()
    for laptop in (anna, ben):
        real = laptop.deal(first.id).person(kevin.id)
        assert (real.name, real.title) == ("Kevin Liu", "CIO"), laptop
        assert laptop.deal(second.id).person(kevin.id).name == "Kevin Liu"


def test_sharing_again_with_private_notes_brings_them_to_who_has_the_deal(
        anna: Laptop, ben: Laptop) -> None:
    deal = _shared(anna)
    anna.sync()
    ben.sync()
    kevin = deal.people[0]
    assert ben.deal(deal.id).person(kevin.id).notes == ""  # not shared at first
    team.share(anna.library, Share(deal.id, with_private=True))
    anna.sync()
    ben.sync()
    got = ben.deal(deal.id).person(kevin.id)
    assert got.notes == "Wants the board seat"
    assert got.scores.personal.evidence == "Told me over lunch"
