"""A deal review since a snapshot: the changes with their evidence, the triangle over every
snapshot and now, the red flags then and now, and which snapshot a reference names."""

from __future__ import annotations

import uuid
from dataclasses import replace
from datetime import UTC, date, datetime

import pytest

from desktop.domain.actions import Action, ActionStatus
from desktop.domain.deal import Deal, Snapshot
from desktop.domain.enums import Axis, Confidence, Influence, Role, Support
from desktop.domain.person import Person
from desktop.domain.review import NoSnapshot, find_since, review
from desktop.domain.scores import Score, Triangle


def uid(name: str) -> str:
    return str(uuid.uuid5(uuid.NAMESPACE_URL, f"review/{name}"))


TODAY = date(2026, 12, 3)


def scores(business: int | None, technical: int | None, personal: int | None,
           evidence: str = "") -> Triangle:
    return Triangle(business=Score(business, evidence=evidence, confidence=Confidence.HEARD),
                    technical=Score(technical), personal=Score(personal, private=True))


ANNA = Person("Anna Berg", id=uid("anna"), roles=(Role.ECONOMIC_BUYER,), influence=Influence.HIGH,
              support=Support.NEUTRAL, scores=scores(4, 5, None))
BEN = Person("Ben Cole", id=uid("ben"), roles=(Role.COACH,), support=Support.SUPPORTER,
             scores=scores(6, 6, 5))
CARA = Person("Cara Diaz", id=uid("cara"), scores=scores(5, 5, 5))


def early() -> Deal:
    return Deal("Fjord rollout", id=uid("deal"), people=(ANNA, BEN, CARA),
                actions=(Action("Send the pricing", due=date(2026, 11, 10), id=uid("pricing")),
                         Action("Book the demo", due=date(2026, 11, 20), id=uid("demo"))))


def later() -> Deal:
    deal = early()
    anna = replace(ANNA, support=Support.SUPPORTER,
                   scores=scores(7, 5, 6, evidence="asked for the pilot report"))
    dan = Person("Dan Eriksson", id=uid("dan"), roles=(Role.TECHNICAL_BUYER,))
    actions = (replace(deal.actions[0], status=ActionStatus.DONE),
               replace(deal.actions[1], due=date(2026, 12, 1)))
    return replace(deal, people=(anna, BEN, dan), actions=actions)


def snap(name: str, deal: Deal, day: date) -> Snapshot:
    return Snapshot(name, datetime(day.year, day.month, day.day, 9, tzinfo=UTC), deal,
                    id=uid(f"snap/{name}"))


FIRST = snap("Discovery", early(), date(2026, 10, 1))
MIDDLE = snap("QBR", replace(early(), people=(ANNA, BEN)), date(2026, 11, 5))


def test_the_changes_people_evidence_and_plan() -> None:
    result = review(later(), FIRST, today=TODAY, snapshots=[FIRST, MIDDLE])
    assert result.diff.people_added == ("Dan Eriksson",)
    assert result.diff.people_removed == ("Cara Diaz",)
    (anna,) = result.people
    assert anna.name == "Anna Berg"
    assert "support Neutral → Supporter" in anna.changes
    assert any(change.startswith("Business outcome 4 → 7") for change in anna.changes)
    assert anna.evidence == ("Business outcome 7, heard directly: “asked for the pilot "
                             "report”",)
    assert "Action done: “Send the pricing”" in result.diff.actions
    assert any(line.startswith("Action slipped: “Book the demo”")
               for line in result.diff.actions)
    assert result.changed
    assert result.since_text == "“Discovery” (taken 1 Oct 2026)"


def test_the_triangle_over_every_snapshot_and_now() -> None:
    result = review(later(), MIDDLE, today=TODAY, snapshots=[MIDDLE, FIRST])
    assert [p.label for p in result.history] == ["Discovery", "QBR", "Now"]
    assert [p.day for p in result.history] == [date(2026, 10, 1), date(2026, 11, 5), TODAY]
    first, _middle, now = result.history
    assert first.value(Axis.PERSONAL) is not None
    # Anna (high influence) went from business 4 to 7: the deal's business axis rose.
    business = [p.value(Axis.BUSINESS) for p in result.history]
    assert business[-1] is not None
    assert business[0] is not None
    assert business[-1] > business[0]
    assert now.at is None
    assert first.at is not None


def test_flags_new_resolved_and_still_open() -> None:
    then = review(later(), FIRST, today=TODAY, snapshots=[FIRST]).flags
    codes_new = {f.code for f in then.new}
    codes_resolved = {f.code for f in then.resolved}
    codes_open = {f.code for f in then.still_open}
    assert not codes_new & codes_resolved
    # Anna's personal win was unknown at discovery and is known now: resolved.
    assert "unknown-personal-win" in codes_resolved
    # The slipped demo is late today and was not then.
    assert "overdue-actions" in codes_new
    assert codes_open  # something is still open (no champion strong enough, …)


def test_nothing_changed_reads_so() -> None:
    result = review(early(), FIRST, today=date(2026, 10, 2), snapshots=[FIRST])
    assert not result.changed
    assert result.people == ()
    assert result.diff.lines() == ["Nothing changed."]


def test_which_snapshot_a_reference_names() -> None:
    both = [MIDDLE, FIRST]
    assert find_since(both, None) is MIDDLE  # the newest
    assert find_since(both, "QBR") is MIDDLE
    assert find_since(both, "discovery") is FIRST
    assert find_since(both, FIRST.id[:6]) is FIRST
    assert find_since(both, "2026-11-04") is FIRST  # the newest on or before that day
    assert find_since(both, "2026-11-05") is MIDDLE
    assert find_since(both, "2026-01-01") is FIRST  # none that early: the oldest
    with pytest.raises(NoSnapshot, match="no snapshot 'Kickoff'"):
        find_since(both, "Kickoff", deal_name="Fjord rollout")
    with pytest.raises(NoSnapshot, match="take one first"):
        find_since([], None, deal_name="Fjord rollout")


def test_the_demo_deals_have_a_past_to_review() -> None:
    from desktop.demo import demo_deals

    for deal in demo_deals():
        assert [s.name for s in deal.snapshots] == ["Discovery review", "QBR"], deal.name
        for snapshot in deal.snapshots:
            result = review(deal, snapshot, today=TODAY)
            assert result.changed, (deal.name, snapshot.name)
            assert result.people, (deal.name, snapshot.name)  # somebody warmed up
        oldest = review(deal, deal.snapshots[0], today=TODAY)
        assert oldest.diff.people_added
        assert oldest.diff.actions
        assert len(oldest.history) == 3
    assert [s.id for s in demo_deals()[0].snapshots] == [
        s.id for s in demo_deals()[0].snapshots]  # fixed ids: the demo twice adds nothing


def test_comments_are_printed_beside_what_they_are_about() -> None:
    from desktop.domain.comments import Comment, CommentTarget, flag_key
    from desktop.domain.review_text import Kind, plain_text, review_groups

    deal = later()
    first = review(deal, FIRST, today=TODAY)
    overdue = next(f for f in first.flags.new if f.code == "overdue-actions")
    at = datetime(2026, 12, 2, 16, tzinfo=UTC)
    comments = (
        Comment(CommentTarget.PERSON, ANNA.id, "Maria Lopez", at, "Call her yourself"),
        Comment(CommentTarget.ACTION, uid("demo"), "Maria Lopez", at, "Why did this slip?"),
        Comment(CommentTarget.FLAG, flag_key(overdue), "Maria Lopez", at, "Fix by Friday"),
        Comment(CommentTarget.PERSON, BEN.id, "Maria Lopez", at, "Still our coach?"),
        Comment(CommentTarget.PERSON, BEN.id, "Maria Lopez",
                datetime(2026, 9, 2, tzinfo=UTC), "Old news"),
    )
    result = review(replace(deal, comments=comments), FIRST, today=TODAY)
    groups = {g.title: [(e.kind, e.text) for e in g.entries] for g in review_groups(result)}
    people = groups["People"]
    anna = people.index((Kind.HEAD, "Anna Berg"))
    said = [text for kind, text in people[anna:] if kind is Kind.COMMENT]
    assert said == ["Maria Lopez, 2 Dec 2026: Call her yourself"]
    actions = groups["Actions"]
    about = [i for i, (_k, text) in enumerate(actions) if "“Book the demo”" in text]
    assert actions[about[0]][1].startswith("Action slipped: “Book the demo”")
    assert actions[about[-1]][1].startswith("Overdue since")  # then the comment, under both
    assert actions[about[-1] + 1] == (Kind.COMMENT, "Maria Lopez, 2 Dec 2026: Why did this slip?")
    raised = groups["Red flags raised since"]
    flag = next(i for i, (_k, text) in enumerate(raised) if "overdue" in text)
    assert raised[flag + 1] == (Kind.COMMENT, "Maria Lopez, 2 Dec 2026: Fix by Friday")
    # Ben did not change: his comment since the snapshot is gathered at the end; the one
    # from before the snapshot is not news.
    assert groups["Other comments since the snapshot"] == [
        (Kind.ITEM, "Ben Cole"), (Kind.COMMENT, "Maria Lopez, 2 Dec 2026: Still our coach?")]
    assert "Old news" not in plain_text(result)


def test_by_default_a_review_starts_from_the_newest_snapshot_the_deal_moved_from() -> None:
    """The brief's offer takes a snapshot of the deal as it is: a manager's review after it
    starts from the one before, not from an identical copy ("nothing changed")."""
    from desktop.domain.dates import utc_now

    printed = Snapshot(name="Review 3 Dec 2026", taken_at=utc_now(), deal=MIDDLE.deal)
    assert find_since([MIDDLE, FIRST, printed], None, now=MIDDLE.deal) is MIDDLE
    assert find_since([MIDDLE, FIRST], None, now=early()) is MIDDLE  # moved: the newest
