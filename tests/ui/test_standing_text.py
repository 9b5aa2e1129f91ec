"""The weighted standing under the criteria table, in the seller's words."""

from __future__ import annotations

from desktop.domain.deal import Deal
from desktop.domain.decision import Alternative, AlternativeKind, Criterion
from desktop.ui.standing_text import AHEAD_COLOUR, BEHIND_COLOUR, standing_html, standing_sentence

FLEET = Alternative(name="FleetIQ")
NOTHING = Alternative(name="Do nothing", kind=AlternativeKind.DO_NOTHING)


def test_we_lead_they_lead_level_and_not_rated_are_said_plainly() -> None:
    criteria = (Criterion(text="Savings", weight=5, ours=8, theirs={FLEET.id: 6}),
                Criterion(text="Security", weight=1, ours=5, theirs={FLEET.id: 9}),
                Criterion(text="Price", weight=3, ours=7))
    # (5 × 2 + 1 × −4) / 6 = 1.0
    assert standing_sentence(criteria, FLEET) == "We lead FleetIQ by 1.0 points on 2 rated " \
                                                 "criteria"
    assert standing_sentence(criteria[1:2], FLEET) == "FleetIQ leads us by 4.0 points on 1 " \
                                                      "rated criterion"
    level = (Criterion(text="Savings", ours=6, theirs={FLEET.id: 6}),)
    assert standing_sentence(level, FLEET) == "Level with FleetIQ on 1 rated criterion"
    assert standing_sentence(criteria, NOTHING) == "Do nothing: no criterion rated for " \
                                                   "both yet"


def test_the_line_is_coloured_and_says_what_is_missing() -> None:
    assert "Add the alternatives" in standing_html(Deal(name="Empty"))
    deal = Deal(name="No criteria", alternatives=(FLEET,))
    assert "No criteria yet" in standing_html(deal)
    ahead = deal.with_plan(criteria=(Criterion(text="A", ours=9, theirs={FLEET.id: 2}),))
    assert AHEAD_COLOUR in standing_html(ahead)
    behind = deal.with_plan(criteria=(Criterion(text="A", ours=2, theirs={FLEET.id: 9}),))
    assert BEHIND_COLOUR in standing_html(behind)
    assert standing_html(None) == ""


def test_doing_nothing_is_beaten_not_led() -> None:
    """A seller beats doing nothing (a course of action), and leads a competitor."""
    criteria = (Criterion(text="Savings", weight=5, ours=8, theirs={NOTHING.id: 0}),)
    assert standing_sentence(criteria, NOTHING) == "We beat doing nothing by 8.0 points on 1 " \
                                                   "rated criterion"
    behind = (Criterion(text="Savings", ours=2, theirs={NOTHING.id: 5}),)
    assert standing_sentence(behind, NOTHING).startswith("Doing nothing beats us by 3.0")
    renamed = Alternative(name="Keep the spreadsheets", kind=AlternativeKind.DO_NOTHING)
    kept = (Criterion(text="Savings", ours=8, theirs={renamed.id: 2}),)
    assert standing_sentence(kept, renamed).startswith("We lead Keep the spreadsheets by 6.0")
