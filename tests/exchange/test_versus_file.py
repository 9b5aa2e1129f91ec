"""How a person sees the alternative travels in the deal file: written when scored, read
back equal, absent from older files (read as nothing scored), left out of version-2 and
version-1 exports, merged with the person by id, and in ``show --json``'s analysis."""

from __future__ import annotations

import json
from dataclasses import replace

from desktop.domain.deal import Deal
from desktop.domain.decision import Alternative
from desktop.domain.enums import Influence
from desktop.domain.merge import Resolution, plan_merge
from desktop.domain.person import Person
from desktop.domain.versus import Versus
from desktop.exchange import dealfile
from desktop.exchange.fresh_ids import fresh_ids
from tests.helpers.paths import ROOT

MEDBRIDGE = Alternative("MedBridge")
JONAS = Person("Jonas Berg", influence=Influence.HIGH,
               versus=Versus(MEDBRIDGE.id, business=7, technical=None, personal=8))
CHEN = Person("Chen Wei")
DEAL = Deal("Helix", alternatives=(MEDBRIDGE,), people=(JONAS, CHEN))


def test_a_scored_alternative_round_trips_and_an_unscored_one_writes_nothing() -> None:
    text = dealfile.dumps([DEAL])
    people = json.loads(text)["deals"][0]["people"]
    assert people[0]["versus"] == {"alternative": MEDBRIDGE.id, "business": 7,
                                   "technical": None, "personal": 8}
    assert "versus" not in people[1]
    assert dealfile.parse(text.encode(), "helix.dealtri")[0] == DEAL


def test_older_versions_are_written_and_read_without_it() -> None:
    for version in (1, 2):
        document = json.loads(dealfile.dumps([DEAL], version=version))
        assert all("versus" not in p for p in document["deals"][0]["people"])
        read = dealfile.parse(json.dumps(document).encode(), "old.dealtri")[0]
        assert read.person(JONAS.id).versus is None


def test_the_demo_helix_file_carries_a_parity_case() -> None:
    deals = dealfile.read_file(ROOT / "resources/demo/helix-health-clinical-data.dealtri")
    jonas = next(p for p in deals[0].people if p.name == "Jonas Berg")
    assert jonas.versus is not None
    assert deals[0].alternative(jonas.versus.alternative).name == "MedBridge"  # type: ignore[union-attr]


def test_merging_takes_their_scores_of_the_alternative_by_person_id() -> None:
    theirs = DEAL.with_people_replaced([replace(CHEN, versus=Versus(MEDBRIDGE.id, 9, 8, 2))])
    plan = plan_merge(DEAL, theirs)
    assert [c.fields for c in plan.conflicts] == [("versus",)]
    merged = plan.result(Resolution.THEIRS)
    assert merged.person(CHEN.id).versus == Versus(MEDBRIDGE.id, 9, 8, 2)
    assert merged.person(JONAS.id).versus == JONAS.versus


def test_renewed_ids_keep_the_scores_on_the_renewed_alternative() -> None:
    """A deal imported beside one with the same ids gets new ids: the alternative a person
    scored is renewed with the alternative."""
    taken = {MEDBRIDGE.id, JONAS.id, CHEN.id, DEAL.id}
    renewed = fresh_ids(DEAL, taken, frozenset())
    jonas = next(p for p in renewed.people if p.name == "Jonas Berg")
    assert jonas.versus is not None
    assert jonas.versus.alternative == renewed.alternatives[0].id != MEDBRIDGE.id
    assert (jonas.versus.business, jonas.versus.personal) == (7, 8)
