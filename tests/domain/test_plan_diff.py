"""What changed in the plan since a snapshot: actions, criteria, process steps, alternatives,
the compelling event and leanings; and an old (version-1) snapshot compared with today."""

from __future__ import annotations

import uuid
from dataclasses import replace
from datetime import date

from desktop.domain import version1
from desktop.domain.actions import Action
from desktop.domain.deal import Deal
from desktop.domain.decision import (
    Alternative,
    CompellingEvent,
    Criterion,
    ProcessStep,
    StepStatus,
)
from desktop.domain.diff import diff_deals
from desktop.domain.enums import ResponseMode
from desktop.domain.person import Person
from desktop.domain.plain import snapshot_from_plain


def uid(name: str) -> str:
    return str(uuid.uuid5(uuid.NAMESPACE_URL, f"plan-diff/{name}"))


TODAY = date(2026, 11, 23)
REVIEW = date(2026, 11, 9)  # the day of the snapshot
ACME = Alternative("Acme", id=uid("acme"))
EVE = Person(name="Eve", id=uid("eve"))
CARL = Person(name="Carl", id=uid("carl"))


def before() -> Deal:
    return Deal(
        name="Plan", id=uid("deal"), people=(EVE, CARL), alternatives=(ACME,),
        actions=(
            Action("Send the pricing", due=date(2026, 11, 12), id=uid("pricing")),
            Action("Book the demo", due=date(2026, 11, 20), id=uid("demo")),
            Action("Reference call", due=date(2026, 11, 5), id=uid("reference")),
            Action("Security questionnaire", id=uid("security")),
            Action("Old idea", id=uid("old")),
            Action("Already late at the review", due=date(2026, 11, 1), id=uid("late")),
        ),
        criteria=(
            Criterion("Total cost", weight=3, owner=EVE.id, ours=5, theirs={ACME.id: 6},
                      id=uid("cost")),
            Criterion("Uptime", weight=4, id=uid("uptime")),
        ),
        process=(
            ProcessStep("Security review", planned=date(2026, 12, 4), id=uid("step-sec")),
            ProcessStep("Legal", id=uid("step-legal")),
            ProcessStep("Board", id=uid("step-board")),
        ),
    )


def after(deal: Deal) -> Deal:
    pricing, demo, reference, security, _old, late = deal.actions
    cost, _uptime = deal.criteria
    security_step, legal, _board = deal.process
    return deal.with_plan(
        actions=[
            replace(pricing, due=date(2026, 11, 26)),  # slipped by 14 days
            demo,  # due 20 Nov, open: overdue since 21 Nov
            reference.done(TODAY),
            replace(security, due=date(2026, 12, 1)),
            late,  # already overdue at the review: not news
            Action("Workshop with the ward teams", due=date(2026, 12, 2), id=uid("workshop")),
        ],
        criteria=[replace(cost, weight=5, ours=7, theirs={ACME.id: 8}, owner=CARL.id),
                  Criterion("Integration effort", weight=2, id=uid("integration"))],
        process=[replace(security_step, planned=date(2026, 12, 11),
                         status=StepStatus.UNDER_WAY),
                 replace(legal, planned=date(2026, 12, 15)),
                 ProcessStep("Procurement", planned=date(2026, 12, 20), id=uid("step-proc"))],
        compelling_event=CompellingEvent("Ward system support ends", date(2027, 3, 31)),
    )


def test_actions_new_done_slipped_dated_removed_and_newly_overdue() -> None:
    old = before()
    diff = diff_deals(old, after(old), today=TODAY, since=REVIEW)
    assert diff.actions == (
        "Action slipped: “Send the pricing”, due 12 Nov 2026 → 26 Nov 2026 (14 days later)",
        "Overdue since 21 Nov 2026: “Book the demo”",
        "Action done: “Reference call”",
        "Action dated: “Security questionnaire”, due 1 Dec 2026",
        "New action: “Workshop with the ward teams”, due 2 Dec 2026",
        "Action removed: “Old idea”",
    )


def test_without_the_review_day_every_late_action_is_said() -> None:
    old = before()
    diff = diff_deals(old, after(old), today=TODAY)
    assert "Overdue since 2 Nov 2026: “Already late at the review”" in diff.actions


def test_dropped_reopened_brought_forward_and_undated_actions() -> None:
    old = before()
    pricing, demo, reference, security, other, late = old.actions
    new = old.with_plan(actions=[
        pricing.dropped(TODAY), replace(demo, due=date(2026, 11, 25)),
        replace(reference, due=None), security, other, late])
    done = old.with_plan(actions=[pricing.done(REVIEW), *old.actions[1:]])
    lines = diff_deals(old, new, today=REVIEW, since=REVIEW).actions
    assert lines == ("Action dropped: “Send the pricing”",
                     "Action slipped: “Book the demo”, due 20 Nov 2026 → 25 Nov 2026 "
                     "(5 days later)",
                     "Action date removed: “Reference call”, was due 5 Nov 2026")
    earlier = old.with_plan(actions=[replace(pricing, due=date(2026, 11, 10))])
    assert ("Action brought forward: “Send the pricing”, due 12 Nov 2026 → 10 Nov 2026"
            in diff_deals(old, earlier, today=REVIEW).actions)
    reopened = diff_deals(done, old, today=REVIEW).actions
    assert "Action reopened: “Send the pricing” (was done)" in reopened


def test_criteria_added_removed_reweighted_rerated_and_given_to_another_owner() -> None:
    old = before()
    diff = diff_deals(old, after(old), today=TODAY)
    assert diff.criteria == (
        "Criterion re-weighted: Total cost, weight 3 → 5",
        "Criterion re-rated: Total cost, ours 5 → 7, Acme 6 → 8",
        "Criterion owner: Total cost, Eve → Carl",
        "New criterion: Integration effort (weight 2)",
        "Criterion removed: Uptime",
    )


def test_process_steps_added_removed_further_along_and_moved() -> None:
    old = before()
    diff = diff_deals(old, after(old), today=TODAY)
    assert diff.process == (
        "Process step planned → under way: Security review",
        "Process step moved: Security review, 4 Dec 2026 → 11 Dec 2026 (7 days later)",
        "Process step moved: Legal, no date → 15 Dec 2026",
        "New process step: Procurement, planned 20 Dec 2026",
        "Process step removed: Board",
    )


def test_the_compelling_event_alternatives_and_leanings_are_deal_and_person_changes() -> None:
    old = before()
    new = after(old)
    nothing = Alternative("Do nothing", id=uid("nothing"))
    new = new.with_plan(alternatives=[ACME, nothing],
                        people=[replace(EVE, leans_to=ACME.id, mode=ResponseMode.EVEN_KEEL,
                                        coaches_competitor=True)])
    diff = diff_deals(old, new, today=TODAY)
    assert ("compelling event — → Ward system support ends (by 31 Mar 2027)"
            in diff.deal_changes)
    assert "new alternative Do nothing (competitor)" in diff.deal_changes
    [eve] = diff.people_changed
    assert eve.changes == ("mode — → Even keel", "leans to — → Acme",
                           "now coaches a competitor")
    lines = diff.lines()
    assert "Deal: compelling event — → Ward system support ends (by 31 Mar 2027)" in lines
    assert "Action done: “Reference call”" in lines
    assert "Criterion removed: Uptime" in lines


def test_an_unchanged_plan_is_nothing() -> None:
    old = before()
    diff = diff_deals(old, old, today=REVIEW, since=REVIEW)
    assert not diff
    assert diff.lines() == ["Nothing changed."]


# -- an old snapshot, stored before the plan existed ---------------------------------------------

def v1_deal(next_step: str) -> dict[str, object]:
    """A deal as version 1 stored it: competitor names, and one free-text next step each."""
    return {
        "id": uid("deal"), "name": "Plan", "competitors": ["Acme"],
        "people": [
            {"id": EVE.id, "name": "Eve", "next_step": next_step,
             "position": {"x": 0, "y": 0}},
            {"id": CARL.id, "name": "Carl", "next_step": "",
             "position": {"x": 0, "y": 0}},
        ],
        "relations": [],
    }


def test_a_version_1_snapshot_against_todays_deal_reports_no_migrated_action_as_new() -> None:
    snapshot = snapshot_from_plain({"id": uid("qbr"), "name": "QBR",
                                    "taken_at": "2026-11-09T10:00:00Z",
                                    "deal": v1_deal("Business case review")}, "")
    [migrated] = snapshot.deal.actions
    assert migrated.id == version1.next_step_action_id(EVE.id)
    # Today's deal, as the library's migration made it, then worked on by the seller.
    moved = version1.action_from_next_step(EVE.id, "Business case review")
    assert moved is not None
    now = Deal(
        name="Plan", id=uid("deal"), people=(EVE, CARL),
        alternatives=version1.alternatives_from_competitors(uid("deal"), ["Acme"]),
        actions=(replace(moved, due=date(2026, 11, 30)), Action("Pilot plan", id=uid("pilot"))))
    diff = diff_deals(snapshot.deal, now, today=TODAY, since=REVIEW)
    assert diff.actions == ("Action dated: “Business case review”, due 30 Nov 2026",
                            "New action: “Pilot plan”, no date")
    assert diff.deal_changes == ()  # the competitor became the same alternative
